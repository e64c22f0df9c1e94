// Python's out= on the hand-written torch.* binary functions (lib/functions.ts): torch.add(x, y, out=r),
// torch.matmul(a, b, out=y3) and torch.mul(a, b, out=z3) as the tutorials call them; cat/stack, the
// unary functions that have out=, the comparisons, where and index_select too. The options object
// was ignored before (out kept its old values). Compared with Python 1.13 run here.
import { describe, it, expect } from 'vitest';
import * as torch from '../lib';
import { hasPythonTorch } from './helpers/fixtures';
import { expectOutParity, OutCase, ErrorCase } from './helpers/python_out';

const a = () => torch.tensor([[1.5, -2], [3, 4.25]]);
const b = () => torch.tensor([[0.5, 2], [-1, 3]]);
const ints = () => torch.tensor([5n, -7n, 9n]);
const CASES: OutCase[] = [
  ['torch.empty(0)', 'torch.add(a, b, alpha=2, out=r)', () => { const r = torch.empty(0); return [r, torch.add(a(), b(), { alpha: 2, out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.add(i, 2, out=r)', () => { const r = torch.empty(0, { dtype: torch.int64 }); return [r, torch.add(ints(), 2, { out: r })]; }],
  ['torch.zeros(2, 2, dtype=torch.float64)', 'torch.sub(a, 1.5, out=r)', () => { const r = torch.zeros(2, 2, { dtype: torch.float64 }); return [r, torch.sub(a(), 1.5, { out: r })]; }],
  ['torch.empty(0)', 'torch.mul(i, 2.5, out=r)', () => { const r = torch.empty(0); return [r, torch.mul(ints(), 2.5, { out: r })]; }],
  ['torch.rand(2, 2)', 'torch.mul(a, b, out=r)', () => { const r = torch.rand(2, 2); return [r, torch.mul(a(), b(), { out: r })]; }],
  ['torch.empty(0)', 'torch.div(a, b, out=r)', () => { const r = torch.empty(0); return [r, torch.div(a(), b(), { out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', "torch.div(i, 2, rounding_mode='floor', out=r)", () => { const r = torch.empty(0, { dtype: torch.int64 }); return [r, torch.div(ints(), 2, { roundingMode: 'floor', out: r })]; }],
  ['torch.empty(0)', 'torch.pow(a, 2, out=r)', () => { const r = torch.empty(0); return [r, torch.pow(a(), 2, { out: r })]; }],
  ['torch.empty(0)', 'torch.pow(a, b, out=r)', () => { const r = torch.empty(0); return [r, torch.pow(a(), b(), { out: r })]; }],
  ['torch.rand(2, 2)', 'torch.matmul(a, b.T, out=r)', () => { const r = torch.rand(2, 2); return [r, torch.matmul(a(), b().T, { out: r })]; }],
  ['torch.empty(5)', 'torch.mm(a, b, out=r)', () => { const r = torch.empty(5); return [r, torch.mm(a(), b(), { out: r })]; }],
  ['torch.empty(0)', 'torch.bmm(a[None], b[None], out=r)', () => { const r = torch.empty(0); return [r, torch.bmm(a().unsqueeze(0), b().unsqueeze(0), { out: r })]; }],
  ['torch.empty(0)', 'torch.maximum(a, b, out=r)', () => { const r = torch.empty(0); return [r, torch.maximum(a(), b(), { out: r })]; }],
  ['torch.empty(0)', 'torch.minimum(a, b, out=r)', () => { const r = torch.empty(0); return [r, torch.minimum(a(), b(), { out: r })]; }],
  ['torch.empty(0)', 'torch.cat([a, b], dim=1, out=r)', () => { const r = torch.empty(0); return [r, torch.cat([a(), b()], { dim: 1, out: r })]; }],
  ['torch.empty(0)', 'torch.cat([a, b], 0, out=r)', () => { const r = torch.empty(0); return [r, torch.cat([a(), b()], 0, { out: r })]; }],
  ['torch.empty(0)', 'torch.stack([a, b], 2, out=r)', () => { const r = torch.empty(0); return [r, torch.stack([a(), b()], 2, { out: r })]; }],
  ['torch.empty(0, dtype=torch.float64)', 'torch.exp(a, out=r)', () => { const r = torch.empty(0, { dtype: torch.float64 }); return [r, torch.exp(a(), { out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.neg(i, out=r)', () => { const r = torch.empty(0, { dtype: torch.int64 }); return [r, torch.neg(ints(), { out: r })]; }],
  ['torch.empty(0)', 'torch.sin(a, out=r)', () => { const r = torch.empty(0); return [r, torch.sin(a(), { out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.logical_not(i, out=r)', () => { const r = torch.empty(0, { dtype: torch.int64 }); return [r, torch.logicalNot(ints(), { out: r })]; }],
  ['torch.empty(0, dtype=torch.bool)', 'torch.lt(a, 2, out=r)', () => { const r = torch.empty(0, { dtype: torch.bool }); return [r, torch.lt(a(), 2, { out: r })]; }],
  ['torch.empty(0)', 'torch.where(a > 0, a, b, out=r)', () => { const r = torch.empty(0); return [r, torch.where(a().gt(0), a(), b(), { out: r })]; }],
  ['torch.empty(0)', 'torch.index_select(a, 1, torch.tensor([1, 0, 1]), out=r)', () => { const r = torch.empty(0); return [r, torch.indexSelect(a(), 1, torch.tensor([1n, 0n, 1n]), { out: r })]; }],
  ['torch.empty(0)', 'torch.eq(a, b, out=r)', () => { const r = torch.empty(0); return [r, torch.eq(a(), b(), { out: r })]; }],
];
// Errors libtorch raises for out= in Python: a result dtype the out tensor cannot hold; autograd.
const ERRORS: ErrorCase[] = [
  ['torch.mul(a, 2.5, out=torch.empty(0, dtype=torch.int64))', () => torch.mul(a(), 2.5, { out: torch.empty(0, { dtype: torch.int64 }) })],
  ['torch.add(a.detach().requires_grad_(), 1, out=torch.empty(2, 2))', () => torch.add(a().requiresGrad_(), 1, { out: torch.empty(2, 2) })],
  ['torch.cat([a, i], out=torch.empty(0, dtype=torch.int64))', () => torch.cat([a(), ints()], { out: torch.empty(0, { dtype: torch.int64 }) })],
  ['torch.neg(i, out=torch.empty(0))', () => torch.neg(ints(), { out: torch.empty(0) })],
  ['torch.sqrt(a, out=torch.empty(0, dtype=torch.int64))', () => torch.sqrt(a(), { out: torch.empty(0, { dtype: torch.int64 }) })],
];

describe('out= on the hand-written torch.* functions', () => {
  it.skipIf(!hasPythonTorch())('writes into out as Python 1.13 does', () => {
    expectOutParity('a = torch.tensor([[1.5, -2], [3, 4.25]]); b = torch.tensor([[0.5, 2], [-1, 3]]); i = torch.tensor([5, -7, 9])', CASES, ERRORS);
  });

  it('returns out itself and refuses what Python refuses', () => {
    const y3 = torch.rand(2, 2);
    expect(torch.matmul(torch.ones(2, 2), torch.ones(2, 2), { out: y3 })).toBe(y3);
    expect(() => torch.mul(torch.ones(2), 2, { bogus: 1 } as never)).toThrow("torch.mul: unknown option 'bogus'; known options: out");
    expect(() => torch.matmul(torch.ones(2), torch.ones(2), { out: 3 } as never)).toThrow('torch.matmul: out must be a Tensor, got 3');
    expect(() => torch.add(torch.ones(2), 'x' as never, { out: torch.empty(2) })).toThrow('torch.add: other must be a Tensor or a number');
    expect(() => torch.cat([torch.ones(1)], { dim: 0, foo: 1 } as never)).toThrow("torch.cat: unknown option 'foo'; known options: dim, out");
    expect(() => torch.exp(torch.ones(1), { dim: 0 } as never)).toThrow("torch.exp: unknown option 'dim'; known options: out");
    // Python: where(): argument 'other' (position 3) must be Tensor, not float (no scalar overload has out=)
    expect(() => torch.where(torch.ones(2).gt(0), torch.ones(2), 0, { out: torch.empty(0) })).toThrow('torch.where: other must be a Tensor, got 0');
    expect(torch.where(torch.tensor([true, false]), torch.ones(2), 0).tolist()).toEqual([1, 0]);
    // without out= the fast path still runs, alpha included
    expect(torch.add(torch.ones(2), 1, { alpha: 2 }).tolist()).toEqual([3, 3]);
  });
});

