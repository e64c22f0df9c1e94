// The other hand-written torch.* functions (lib/functions.ts) and the Tensor reductions (lib/tensor.ts):
// an option they do not know (an out= Python lacks, a typo) is refused instead of ignored, and where
// Python 1.13 has out= (sum, mean, prod, argmax, argmin, all, any, max, min, clamp, gather, softmax, log_softmax) it writes
// into out and returns it. Compared with Python 1.13 run here.
import { describe, it, expect } from 'vitest';
import * as torch from '../lib';
import { hasPythonTorch } from './helpers/fixtures';
import { expectOutParity, OutCase, ErrorCase, RefusedCase } from './helpers/python_out';

const a = () => torch.tensor([[1.5, -2, 0.25], [3, 4.25, -1]]);
const idx = () => torch.tensor([[2n, 0n], [1n, 1n]]);
const f32 = () => torch.empty(0);
const i64 = () => torch.empty(0, { dtype: torch.int64 });
const b8 = () => torch.empty(0, { dtype: torch.bool });
const CASES: OutCase[] = [
  ['torch.empty(0)', 'torch.sum(a, 1, out=r)', () => { const r = f32(); return [r, torch.sum(a(), 1, { out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.sum(a, (0, 1), True, out=r)', () => { const r = i64(); return [r, torch.sum(a(), [0, 1], true, { out: r })]; }],
  ['torch.rand(3, dtype=torch.float64)', 'torch.sum(a, dim=0, dtype=torch.float64, out=r)', () => { const r = torch.rand(3, { dtype: torch.float64 }); return [r, torch.sum(a(), { dim: 0, dtype: torch.float64, out: r })]; }],
  ['torch.empty(0, dtype=torch.float64)', 'torch.mean(a, 0, keepdim=True, out=r)', () => { const r = torch.empty(0, { dtype: torch.float64 }); return [r, torch.mean(a(), 0, { keepdim: true, out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.argmax(a, out=r)', () => { const r = i64(); return [r, torch.argmax(a(), { out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.argmax(a, 1, True, out=r)', () => { const r = i64(); return [r, torch.argmax(a(), 1, true, { out: r })]; }],
  ['torch.empty(0, dtype=torch.bool)', 'torch.all(a, out=r)', () => { const r = b8(); return [r, torch.all(a(), { out: r })]; }],
  ['torch.empty(0, dtype=torch.bool)', 'torch.all(a > -1.5, 1, out=r)', () => { const r = b8(); return [r, torch.all(a().gt(-1.5), 1, { out: r })]; }],
  ['(torch.empty(0), torch.empty(0, dtype=torch.int64))', 'torch.max(a, 1, out=r)', () => { const r = [f32(), i64()]; return [r, torch.max(a(), 1, { out: r as [torch.Tensor, torch.Tensor] })]; }],
  ['(torch.empty(0), torch.empty(0, dtype=torch.int64))', 'torch.max(a, dim=0, keepdim=True, out=r)', () => { const r = [f32(), i64()]; return [r, torch.max(a(), { dim: 0, keepdim: true, out: r as [torch.Tensor, torch.Tensor] })]; }],
  ['torch.empty(0)', 'torch.max(a, a.flip(1), out=r)', () => { const r = f32(); return [r, torch.max(a(), a().flip(1), { out: r })]; }],
  ['(torch.empty(0), torch.empty(0, dtype=torch.int64))', 'torch.min(a, 1, True, out=r)', () => { const r = [f32(), i64()]; return [r, torch.min(a(), 1, true, { out: r as [torch.Tensor, torch.Tensor] })]; }],
  ['torch.empty(0)', 'torch.min(a, a.flip(0), out=r)', () => { const r = f32(); return [r, torch.min(a(), a().flip(0), { out: r })]; }],
  ['torch.empty(0, dtype=torch.int64)', 'torch.argmin(a, 1, out=r)', () => { const r = i64(); return [r, torch.argmin(a(), 1, { out: r })]; }],
  ['torch.empty(0, dtype=torch.bool)', 'torch.any(a > 4, out=r)', () => { const r = b8(); return [r, torch.any(a().gt(4), { out: r })]; }],
  ['torch.empty(0, dtype=torch.bool)', 'torch.any(a > 4, 0, keepdim=True, out=r)', () => { const r = b8(); return [r, torch.any(a().gt(4), 0, { keepdim: true, out: r })]; }],
  ['torch.empty(0, dtype=torch.float64)', 'torch.prod(a, 1, dtype=torch.float64, out=r)', () => { const r = torch.empty(0, { dtype: torch.float64 }); return [r, torch.prod(a(), 1, { dtype: torch.float64, out: r })]; }],
  ['torch.empty(0)', 'torch.clamp(a, -1, 2, out=r)', () => { const r = f32(); return [r, torch.clamp(a(), -1, 2, { out: r })]; }],
  ['torch.empty(0)', 'torch.clamp(a, max=0.5, out=r)', () => { const r = f32(); return [r, torch.clamp(a(), { max: 0.5, out: r })]; }],
  ['torch.empty(0)', 'torch.clamp(a, torch.tensor([0., 1, 0]), out=r)', () => { const r = f32(); return [r, torch.clamp(a(), torch.tensor([0, 1, 0]), null, { out: r })]; }],
  ['torch.empty(0)', 'torch.gather(a, 1, idx, out=r)', () => { const r = f32(); return [r, torch.gather(a(), 1, idx(), { out: r })]; }],
  ['torch.empty(0)', 'torch.softmax(a, 1, out=r)', () => { const r = f32(); return [r, torch.softmax(a(), 1, { out: r })]; }],
  ['torch.empty(0, dtype=torch.float64)', 'torch.log_softmax(a, dim=0, dtype=torch.float64, out=r)', () => { const r = torch.empty(0, { dtype: torch.float64 }); return [r, torch.logSoftmax(a(), { dim: 0, dtype: torch.float64, out: r })]; }],
];
// Errors libtorch raises in Python for these out= calls (a dtype out cannot hold).
const ERRORS: ErrorCase[] = [
  ['torch.mean(a, 1, out=torch.empty(0, dtype=torch.int64))', () => torch.mean(a(), 1, { out: i64() })],
  ['torch.argmax(a, 1, out=torch.empty(0))', () => torch.argmax(a(), 1, { out: f32() })],
  ['torch.all(a, 1, out=torch.empty(0))', () => torch.all(a(), 1, { out: f32() })],
  ['torch.max(a, 1, out=(torch.empty(0), torch.empty(0)))', () => torch.max(a(), 1, { out: [f32(), f32()] })],
  ['torch.sum(a, 0, dtype=torch.float64, out=torch.empty(0))', () => torch.sum(a(), 0, { dtype: torch.float64, out: f32() })],
  ['torch.max(a, 0, out=(torch.empty(0, dtype=torch.float64), torch.empty(0, dtype=torch.int64)))', () => torch.max(a(), 0, { out: [torch.empty(0, { dtype: torch.float64 }), i64()] })],
  ['torch.clamp(a, max=0.5, out=torch.empty(0, dtype=torch.float64))', () => torch.clamp(a(), { max: 0.5, out: torch.empty(0, { dtype: torch.float64 }) })],
  ['torch.gather(a, 1, idx, out=torch.empty(0, dtype=torch.int64))', () => torch.gather(a(), 1, idx(), { out: i64() })],
];
// Options Python refuses (TypeError) that torch-node ignored before: [Python call, torch-node call, its message].
const REFUSED: RefusedCase[] = [
  ['torch.relu(a, out=torch.empty(0))', () => torch.relu(a(), { out: f32() } as never), "torch.relu: unknown option 'out'; it takes no options"],
  ['torch.isnan(a, out=torch.empty(0))', () => torch.isnan(a(), { out: f32() } as never), "torch.isnan: unknown option 'out'"],
  ['torch.t(a, out=torch.empty(0))', () => torch.t(a(), { out: f32() } as never), "torch.t: unknown option 'out'"],
  ['torch.clone(a, out=torch.empty(0))', () => torch.clone(a(), { out: f32() } as never), "torch.clone: unknown option 'out'; known options: memoryFormat"],
  ['torch.flatten(a, 0, out=torch.empty(0))', () => torch.flatten(a(), 0, { out: f32() } as never), "torch.flatten: unknown option 'out'"],
  ['torch.reshape(a, (3, 2), out=torch.empty(0))', () => torch.reshape(a(), [3, 2], { out: f32() } as never), "torch.reshape: unknown option 'out'"],
  ['torch.squeeze(a, 0, out=torch.empty(0))', () => torch.squeeze(a(), 0, { out: f32() } as never), "torch.squeeze: unknown option 'out'"],
  ['torch.unsqueeze(a, 0, out=torch.empty(0))', () => torch.unsqueeze(a(), 0, { out: f32() } as never), "torch.unsqueeze: unknown option 'out'"],
  ['torch.narrow(a, 1, 0, 2, out=torch.empty(0))', () => torch.narrow(a(), 1, 0, 2, { out: f32() } as never), "torch.narrow: unknown option 'out'"],
  ['torch.select(a, 1, 0, out=torch.empty(0))', () => torch.select(a(), 1, 0, { out: f32() } as never), "torch.select: unknown option 'out'"],
  ['torch.masked_fill(a, a > 0, 0., out=torch.empty(0))', () => torch.maskedFill(a(), a().gt(0), 0, { out: f32() } as never), "torch.masked_fill: unknown option 'out'"],
  ['torch.permute(a, (1, 0), out=torch.empty(0))', () => torch.permute(a(), [1, 0], { out: f32() } as never), "torch.permute: unknown option 'out'"],
  ['torch.transpose(a, 0, 1, out=torch.empty(0))', () => torch.transpose(a(), 0, 1, { out: f32() } as never), "torch.transpose: unknown option 'out'"],
  ['torch.chunk(a, 2, 1, out=torch.empty(0))', () => torch.chunk(a(), 2, 1, { out: f32() } as never), "torch.chunk: unknown option 'out'"],
  ['torch.isclose(a, a, out=torch.empty(0))', () => torch.isclose(a(), a(), { out: f32() } as never), "torch.isclose: unknown option 'out'; known options: rtol, atol, equalNan"],
  ['torch.sum(a, out=torch.empty(0))', () => torch.sum(a(), { out: f32() }), "torch.sum: out= needs a dim"],
  ['torch.mean(a, out=torch.empty(0))', () => torch.mean(a(), { out: f32() }), "torch.mean: out= needs a dim"],
  ['torch.max(a, out=torch.empty(0))', () => torch.max(a(), { out: f32() } as never), "torch.max: out= needs a dim"],
  ['torch.sum(a, 1, keep_dim=True)', () => torch.sum(a(), 1, { keep_dim: true } as never), "torch.sum: unknown option 'keep_dim'; known options: dim, keepdim, dtype, out"],
  ['torch.softmax(a, 1, foo=1)', () => torch.softmax(a(), 1, { foo: 1 } as never), "torch.softmax: unknown option 'foo'; known options: dim, dtype, out"],
  ['torch.clamp(a, 0, foo=1)', () => torch.clamp(a(), 0, { foo: 1 } as never), "torch.clamp: unknown option 'foo'; known options: min, max, out"],
  ['torch.gather(a, 1, idx, foo=1)', () => torch.gather(a(), 1, idx(), { foo: 1 } as never), "torch.gather: unknown option 'foo'; known options: sparseGrad, out"],
  ['torch.argmin(a, 1, foo=1)', () => torch.argmin(a(), 1, { foo: 1 } as never), "torch.argmin: unknown option 'foo'; known options: dim, keepdim, out"],
  ['torch.prod(a, out=torch.empty(0))', () => torch.prod(a(), { out: f32() }), "torch.prod: out= needs a dim"],
  ['torch.min(a, out=torch.empty(0))', () => torch.min(a(), { out: f32() } as never), "torch.min: out= needs a dim"],
  ['torch.sum(a, 1, dim=0)', () => torch.sum(a(), 1, { dim: 0 }), "torch.sum: got multiple values for argument 'dim'"],
  ['a.sum(1, foo=1)', () => a().sum(1, { foo: 1 } as never), "torch.sum: unknown option 'foo'; known options: dim, keepdim, dtype"],
  ['a.sum(1, out=torch.empty(0))', () => a().sum(1, { out: f32() } as never), "torch.sum: unknown option 'out'"],
  ['a.mean(keepDim=True)', () => a().mean({ keepDim: true } as never), "torch.mean: unknown option 'keepDim'"],
  ['a.max(1, True, foo=1)', () => a().max(1, true as never, { foo: 1 } as never), "torch.max: unknown option 'foo'"],
  ['a.prod(0, dim_=0)', () => a().prod(0, { dim_: 0 } as never), "torch.prod: unknown option 'dim_'; known options: dim, keepdim, dtype"],
  ['a.argmax(foo=1)', () => a().argmax({ foo: 1 } as never), "torch.argmax: unknown option 'foo'"],
  ['a.any(0, foo=1)', () => a().any(0, { foo: 1 } as never), "torch.any: unknown option 'foo'"],
  ['a.std(1, foo=1)', () => a().std(1, { foo: 1 } as never), "torch.std: unknown option 'foo'; known options: dim, unbiased, correction, keepdim"],
  ['a.softmax(1, foo=1)', () => a().softmax(1, { foo: 1 } as never), "torch.softmax: unknown option 'foo'; known options: dim, dtype"],
  ['a.clamp(min=0, foo=1)', () => a().clamp({ min: 0, foo: 1 } as never), "torch.clamp: unknown option 'foo'; known options: min, max"],
];

describe('options of the other hand-written torch.* functions and the Tensor reductions', () => {
  it.skipIf(!hasPythonTorch())('write into out= and refuse what Python refuses, as Python 1.13', () => {
    expectOutParity("a = torch.tensor([[1.5, -2, 0.25], [3, 4.25, -1]]); idx = torch.tensor([[2, 0], [1, 1]])", CASES, ERRORS, REFUSED);
  });

  it('max(a, dim, { out }) returns the named pair; the fast paths are unchanged', () => {
    const values = torch.empty(0);
    const indices = torch.empty(0, { dtype: torch.int64 });
    const r = torch.max(a(), 1, { out: [values, indices] });
    expect(r.values).toBe(values);
    expect(r.indices).toBe(indices);
    expect(() => torch.max(a(), 1, { out: values } as never)).toThrow('torch.max: out must be a [values, indices] pair of Tensors');
    expect(torch.sum(a(), { dim: 1, keepdim: true }).shape).toEqual([2, 1]);
    expect(torch.sum(a(), undefined as never, { dim: 0 } as never).shape).toEqual([3]);
    expect(torch.clamp(a(), { min: 0 }).tolist()).toEqual([[1.5, 0, 0.25], [3, 4.25, 0]]);
    expect(torch.flatten(torch.ones(2, 3, 4), { startDim: 1 }).shape).toEqual([2, 12]);
    expect(torch.chunk(a(), 3, { dim: 1 }).length).toBe(3);
    expect(torch.transpose(a(), { dim0: 1, dim1: 0 }).shape).toEqual([3, 2]);
    expect(torch.permute(a(), { dims: [1, 0] }).shape).toEqual([3, 2]);
    expect(torch.squeeze(torch.ones(1, 2), { dim: 0 }).shape).toEqual([2]);
    expect(torch.gather(a(), 1, idx(), { sparseGrad: true }).tolist()).toEqual([[0.25, 1.5], [4.25, 4.25]]);
  });
});
