// The generated op layer (lib/_C): calls bound by PyTorch's Python rules (overloads, options objects,
// out=, in place, named tuples, varargs and sized int lists, dtype options) give Python's results.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { opsFixture, evaluate, expectMatches } from '../tensor/fixture';
import { OPS } from '../../lib/_C/generated/ops';

describe('generated ops match PyTorch', () => {
  it.each(opsFixture().generated.map((c) => [c.js, c] as const))('%s', (_js, c) => expectMatches(evaluate(c.js), c.result, c.js));
});

describe('the calling convention', () => {
  const a = torch.tensor([[1.5, -2], [0.5, 3]]);

  it('an in-place method returns the tensor it was called on, out= returns the out tensor', () => {
    const x = a.clone();
    expect(x.atan2_(a)).toBe(x);
    const out = torch.empty(0);
    expect(torch.atan2(a, a, { out })).toBe(out);
    expect(out.shape).toEqual([2, 2]);
  });

  it('named tuples destructure as arrays and read by name', () => {
    const r = torch.kthvalue(torch.tensor([3, 1, 2]), 2);
    const [values, indices] = r;
    expect(values.item()).toBe(2);
    expect(indices.item()).toBe(2);
    expect(r.values).toBe(values);
    expect(r.indices).toBe(indices);
  });

  it('dtype results come back as torch dtypes', () => {
    expect(torch.resultType(a, torch.tensor([1n]))).toBe(torch.float32);
    expect(torch.promoteTypes(torch.int32, torch.float64)).toBe(torch.float64);
  });

  it('a wrong call lists what came and every signature, as Python does', () => {
    expect(() => (torch.atan2 as (...x: unknown[]) => unknown)(a, 'x')).toThrow(TypeError);
    expect(() => (torch.atan2 as (...x: unknown[]) => unknown)(a, 'x')).toThrow(
      'torch.atan2() received an invalid combination of arguments - got (Tensor, string), but expected one of:\n * (Tensor input, Tensor other, *, Tensor out=None)',
    );
    const e = (() => { try { (torch.remainder as (...x: unknown[]) => unknown)(a, { bogus: 1 }); } catch (err) { return err as Error; } })()!;
    expect(e.message).toContain('got (Tensor, bogus=number)');
    expect(e.message).toContain(' * (Tensor input, Tensor other, *, Tensor out=None)');
    expect(e.message).toContain(' * (Tensor input, Scalar other, *, Tensor out=None)');
    expect(() => (a as unknown as { cumsum: (...x: unknown[]) => unknown }).cumsum()).toThrow(/torch\.Tensor\.cumsum\(\) received an invalid combination/);
  });

  it('calls Python rejects are rejected: an int for an int[] that is not the only parameter, numbers for other ops\' tensors, out= on a method', () => {
    const call = (f: unknown, ...x: unknown[]): unknown => (f as (...y: unknown[]) => unknown)(...x);
    expect(() => call(torch.flip, a, 0)).toThrow(/torch\.flip\(\) received an invalid combination of arguments - got \(Tensor, number\)/);
    expect(() => call(a.flip.bind(a), 0, [1])).toThrow(TypeError);
    expect(() => call(torch.atan2, a, 2)).toThrow(TypeError);
    expect(() => call(torch.trueDivide, 2, 'x')).toThrow(TypeError);
    expect(() => call(a.atan2.bind(a), a, { out: torch.empty(0) })).toThrow(/torch\.Tensor\.atan2\(\) received an invalid combination/);
    expect(() => torch.zeros(2, 2, 2).H).toThrow(/tensor\.H is only supported on matrices \(2-D tensors\)\. Got 3-D tensor/);
  });

  it('libtorch errors from a generated op are TorchErrors with its message', () => {
    expect(() => torch.linalg.inv(torch.zeros(2, 3))).toThrow(torch.TorchError);
    expect(() => torch.linalg.inv(torch.zeros(2, 3))).toThrow(/must be batches of square matrices/);
  });

  it('hand-written ops keep their place; the table covers the rest of what Python binds', () => {
    expect(torch.add).not.toBe(undefined);
    expect(OPS.torch.add).toBeUndefined();
    expect(Object.keys(OPS.torch).length).toBeGreaterThan(600);
    expect(Object.keys(OPS.Tensor).length).toBeGreaterThan(300);
    for (const ns of ['linalg', 'fft', 'special'] as const) expect(Object.keys(torch[ns]).length).toBeGreaterThan(15);
  });
});
