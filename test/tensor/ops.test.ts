// Math, shape ops, reductions, comparisons, in-place ops and conversions against Python
// (fixtures/tensor/ops.json: each case is one expression, evaluated here and by PyTorch 1.13).
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { opsFixture, evaluate, expectMatches, Case } from './fixture';

const fixture = opsFixture();
const cases = (list: Case[]) => list.map((c) => [c.js, c] as const);

describe('tensor ops match PyTorch', () => {
  it.each(cases(fixture.ops))('%s', (_js, c) => expectMatches(evaluate(c.js), c.result, c.js));
});

describe('in-place ops match PyTorch and return this', () => {
  it.each(cases(fixture.inPlace))('%s', (_js, c) => expectMatches(evaluate(c.js), c.result, c.js));

  it('returns the same object and writes through views', () => {
    const x = torch.zeros(2, 3);
    for (const r of [x.add_(1), x.mul_(2), x.sub_(0.5), x.clamp_(0, 1), x.fill_(2), x.zero_(), x.copy_(torch.ones(3)), x.uniform_(), x.normal_()]) expect(r).toBe(x);
    const row = x.zero_().select(0, 1);
    row.fill_(5);
    expect(x.tolist()).toEqual([[0, 0, 0], [5, 5, 5]]);
  });
});

describe('max/min with a dim', () => {
  it('return PyTorch\'s (values, indices) named tuple', () => {
    const x = torch.tensor([[1, 5, 2], [7, 0, 3]]);
    const [values, indices] = x.max(1);
    expect(values.tolist()).toEqual([5, 7]);
    expect(indices.tolist()).toEqual([1, 0]);
    const m = torch.min(x, 0);
    expect(m.values.tolist()).toEqual([1, 0, 2]);
    expect(m.indices.tolist()).toEqual([0, 1, 0]);
  });
});

describe('type promotion', () => {
  it('follows PyTorch for int and float operands', () => {
    const i = torch.tensor([1, 2], { dtype: torch.int64 });
    expect(i.add(1).dtype).toBe(torch.int64);
    expect(i.mul(2.5).dtype).toBe(torch.float32);
    expect(i.div(i).dtype).toBe(torch.float32);
    expect(i.add(torch.tensor([0.5])).dtype).toBe(torch.float32);
    expect(torch.tensor([1, 2], { dtype: torch.int32 }).add(torch.tensor([1n])).dtype).toBe(torch.int64);
    expect(torch.tensor([true]).add(1).dtype).toBe(torch.int64);
    expect(torch.tensor([1.5], { dtype: torch.float16 }).mul(2).dtype).toBe(torch.float16);
    expect(torch.tensor([1.5]).add(torch.tensor([1], { dtype: torch.float64 })).dtype).toBe(torch.float64);
  });
});

describe('bad arguments name the argument and the PyTorch call', () => {
  const x = torch.ones(2, 3);
  it('arithmetic', () => {
    expect(() => x.add('1' as never)).toThrow(/^torch\.add: other must be a Tensor or a number, got "1"$/);
    expect(() => x.mul(null as never)).toThrow(/torch\.mul: other must be a Tensor or a number, got null/);
    expect(() => x.div(2, { roundingMode: 'round' as 'floor' })).toThrow(/torch\.div: rounding_mode must be one of 'trunc', 'floor'/);
    expect(() => x.matmul([1, 2] as never)).toThrow(/torch\.matmul: other must be a Tensor/);
    expect(() => x.clamp()).toThrow(/torch\.clamp: at least one of 'min' or 'max'/);
    expect(() => x.add(torch.ones(4))).toThrow(/size of tensor a \(3\) must match the size of tensor b \(4\)/);
    expect(() => torch.add(5 as never, x)).toThrow(/torch\.add: input must be a Tensor, got 5/);
  });
  it('shape ops', () => {
    expect(() => x.view(4, 2)).toThrow(/shape '\[4, 2\]' is invalid for input of size 6/);
    expect(() => x.view(2.5, 2)).toThrow(/torch\.Tensor\.view: shape\[0\] must be an integer, got 2\.5/);
    expect(() => x.transpose(0, 'a' as never)).toThrow(/torch\.transpose: dim1 must be an integer/);
    expect(() => x.split(0)).toThrow(/torch\.split: split_size_or_sections must be a positive integer, got 0/);
    expect(() => torch.cat([])).toThrow(/torch\.cat: expected a non-empty list of Tensors/);
    expect(() => torch.cat([x, 3 as never])).toThrow(/torch\.cat: tensors\[1\] must be a Tensor, got 3/);
    expect(() => x.select(0, 5)).toThrow(RangeError);
    // Python: IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)
    expect(() => x.size(2)).toThrow(/^torch\.Tensor\.size: Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)$/);
    expect(() => torch.tensor(1).size(0)).toThrow(/Dimension specified as 0 but tensor has no dimensions/);
    expect(() => torch.where(x as never, x, 'a' as never)).toThrow(/torch\.where: other must be a Tensor or a number/);
  });
  it('reductions', () => {
    expect(() => x.sum('1' as never)).toThrow(/torch\.sum: dim must be an integer/);
    expect(() => x.max([0, 1] as never)).toThrow(/torch\.max: dim must be a single integer/);
    expect(() => x.mean(0, { keepdim: 1 as never })).toThrow(/torch\.mean: keepdim must be a boolean, got 1/);
    expect(() => x.sum(5)).toThrow(RangeError);
    expect(() => x.std({ correction: -1 })).toThrow(/torch\.std: correction must be a non-negative integer/);
    expect(() => x.sum(1, true, 'f64' as never)).toThrow(/torch\.sum: options must be an options object, got "f64"/);
    expect(() => x.std(1, 'yes' as never)).toThrow(/torch\.std: options must be an options object/);
    expect(() => x.sum(1, true, { keepdim: false } as never)).toThrow(/torch\.sum: got multiple values for argument 'keepdim'/);
    expect(() => x.var(1, true, { unbiased: false } as never)).toThrow(/torch\.var: got multiple values for argument 'unbiased'/);
    expect(() => x.where(true as never, x)).toThrow(/torch\.Tensor\.where: condition must be a Tensor/);
    expect(() => x.where(x.gt(0), '0' as never)).toThrow(/torch\.Tensor\.where: other must be a Tensor or a number/);
  });
  it('conversions and in-place ops', () => {
    expect(() => x.to({ dtype: 'f' } as never)).toThrow(/torch\.Tensor\.to: dtype must be a torch dtype, got "f"/);
    expect(() => x.to({ non_blocking: true } as never)).toThrow(/torch\.Tensor\.to: unknown option 'non_blocking'/);
    expect(() => x.to('tpu' as never)).toThrow(/torch\.Tensor\.to: argument must be a dtype, a device or a Tensor/);
    expect(() => x.fill_('a' as never)).toThrow(/torch\.Tensor\.fill_: value must be a number/);
    expect(() => x.copy_(3 as never)).toThrow(/torch\.Tensor\.copy_: src must be a Tensor, got 3/);
    expect(() => x.uniform_(0, Infinity)).toThrow(/torch\.Tensor\.uniform_: to must be a finite number/);
  });
});
