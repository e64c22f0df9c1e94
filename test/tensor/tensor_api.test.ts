// The Tensor API around the ops, against Python (fixtures/tensor/tensor_api.json, gen_tensor.py):
// len() and iteration, tensors inside torch.tensor's data, the legacy constructors and x.new(),
// isinstance with the legacy types, integer device indices, and x.data.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { loadFixture, expectMatches, Encoded } from './fixture';

interface Case { js: string; py: string; result: Encoded }
interface ErrorCase { js: string; py: string; error: 'TypeError' | 'RangeError' | 'TorchError'; pattern: string; python: string }
const fx = loadFixture<{
  cases: Case[]; defaultFloat64: Case[]; errors: ErrorCase[]; noCuda: { js: string; python: string }[]; hasCuda: boolean;
  data: { sigmoidGradAfterDataMul: Encoded; detachError: string; afterSet: { shape: number[]; dtype: string; requiresGrad: boolean; isLeaf: boolean }; setError: string };
}>('tensor_api');

const evaluate = (js: string): unknown => new Function('torch', `return ${js};`)(torch);
const CLASSES = { TypeError, RangeError, TorchError: torch.TorchError };
// how Python's exception types map to JS ones in torch-node (ValueError: a RangeError)
const FROM_PYTHON: Record<string, string[]> = { TypeError: ['TypeError'], ValueError: ['RangeError'], RuntimeError: ['TorchError', 'RangeError'] };

describe('Tensor API against Python', () => {
  it.each(fx.cases.map((c) => [c.js, c] as const))('%s', (_js, c) => {
    const got = evaluate(c.js);
    if ('shape' in c.result && !('data' in c.result)) {
      // uninitialized memory (torch.FloatTensor(2, 3)): only the shape and dtype are Python's
      const t = got as torch.Tensor;
      expect(t).toBeInstanceOf(torch.Tensor);
      const r = c.result as { shape: number[]; dtype: string };
      expect([t.shape, t.dtype.name]).toEqual([r.shape, r.dtype]);
    } else expectMatches(got, c.result, c.js, { rtol: 0, atol: 0 });
  });

  it.each(fx.defaultFloat64.map((c) => [c.js, c] as const))('%s with the default dtype float64', (_js, c) => {
    torch.setDefaultDtype(torch.float64);
    try {
      expectMatches(evaluate(c.js), c.result, c.js, { rtol: 0, atol: 0 });
    } finally {
      torch.setDefaultDtype(torch.float32);
    }
  });

  it.each(fx.errors.map((c) => [c.js, c] as const))('%s throws as Python does', (_js, c) => {
    expect(FROM_PYTHON[c.python.split(':')[0]], c.python).toContain(c.error);
    let thrown: unknown;
    try { evaluate(c.js); } catch (e) { thrown = e; }
    expect(thrown, `${c.js} (Python: ${c.python})`).toBeInstanceOf(CLASSES[c.error]);
    expect((thrown as Error).message).toMatch(new RegExp(c.pattern));
  });

  it.skipIf(torch.cuda.isAvailable() || fx.hasCuda)('moving to a CUDA device index says Torch has no CUDA, as Python does', () => {
    expect(fx.noCuda.length).toBeGreaterThan(5);
    for (const c of fx.noCuda) {
      expect(c.python).toBe('AssertionError: Torch not compiled with CUDA enabled');
      expect(() => evaluate(c.js), c.js).toThrow(torch.TorchError);
      expect(() => evaluate(c.js), c.js).toThrow(/: Torch not compiled with CUDA enabled$/);
    }
  });
});

describe('len() and iteration', () => {
  it('iterates dim 0 as views sharing storage', () => {
    const x = torch.arange(6).view(3, 2);
    const rows: torch.Tensor[] = [];
    for (const row of x) rows.push(row);
    expect(rows.map((r) => r.tolist())).toEqual([[0, 1], [2, 3], [4, 5]]);
    rows[1].fill_(9);
    expect(x.tolist()).toEqual([[0, 1], [9, 9], [4, 5]]);
    expect(Array.from(torch.tensor([1.5, 2.5]), (t) => t.item())).toEqual([1.5, 2.5]);
    const [a, b] = torch.tensor([[1, 2], [3, 4]]);
    expect([a.tolist(), b.tolist()]).toEqual([[1, 2], [3, 4]]);
  });

  it('a 0-dim tensor has no length and no iterator (Python\'s TypeErrors)', () => {
    const s = torch.tensor(2.5);
    expect(() => s.length).toThrow(TypeError);
    expect(() => { for (const _ of s) void _; }).toThrow(TypeError);
    expect(() => Array.from(s as unknown as ArrayLike<unknown>)).toThrow(/^len\(\) of a 0-d tensor$/);
  });

  it('arrays holding tensors still compare in vitest (toEqual walks iterators)', () => {
    const w = torch.ones(2, 3);
    expect([w, torch.tensor(1.5)]).toEqual([w, torch.tensor(1.5)]);
  });
});

describe('x.data', () => {
  it('is a detached alias of the same storage', () => {
    const a = torch.tensor([1.5, 2.5], { requiresGrad: true });
    const d = a.data;
    expect([d.requiresGrad, d.isLeaf, d.gradFn]).toEqual([false, true, null]);
    d.add_(1);
    expect(a.detach().tolist()).toEqual([2.5, 3.5]);
    expect(a.requiresGrad).toBe(true);
    const p = new torch.nn.Parameter(torch.ones(2));
    expect(p.data).not.toBeInstanceOf(torch.nn.Parameter); // type(p.data) is torch.Tensor in Python
  });

  it('does not share the version counter: autograd uses a saved tensor changed through .data, as Python', () => {
    const a = torch.tensor([0.5, -1.0, 2.0], { requiresGrad: true });
    const b = a.sigmoid();
    b.data.mul_(2);
    b.sum().backward();
    expectMatches(a.grad, fx.data.sigmoidGradAfterDataMul, 'grad after b.data.mul_(2)', { rtol: 1e-6, atol: 1e-7 });
    const a2 = torch.tensor([0.5, -1.0, 2.0], { requiresGrad: true });
    const b2 = a2.sigmoid();
    b2.detach().mul_(2); // detach() shares it: Python's error
    expect(() => b2.sum().backward()).toThrow(fx.data.detachError.split(':')[0]);
  });

  it('x.data = y takes y\'s storage, dtype and shape and keeps x a leaf that requires grad', () => {
    const w = torch.ones(3, { requiresGrad: true });
    w.data = torch.zeros(2, 3, { dtype: torch.float64 });
    const want = fx.data.afterSet;
    expect([w.shape, `torch.${w.dtype.name}`, w.requiresGrad, w.isLeaf]).toEqual([want.shape, want.dtype, want.requiresGrad, want.isLeaf]);
    expect(() => { (w as { data: unknown }).data = 3; }).toThrow(TypeError);
    expect(() => { (w as { data: unknown }).data = 3; }).toThrow(`torch.Tensor.data: ${fx.data.setError.replace(/int$/, '3')}`);
  });
});

describe('torch.device and integer indices', () => {
  it('reads an integer as a CUDA index, as Python', () => {
    const d = torch.device(0);
    expect([d.type, d.index, String(d)]).toEqual(['cuda', 0, 'cuda:0']);
    expect(String(torch.device(torch.device(3)))).toBe('cuda:3');
    expect(() => torch.device(1.5)).toThrow(TypeError);
  });
  it('keeps a CPU tensor where it is for a CPU device and rejects non-CUDA devices in cuda()', () => {
    const x = torch.tensor([1, 2]);
    expect(x.to('cpu', torch.float64).dtype).toBe(torch.float64);
    expect(() => x.cuda(torch.device('cpu'))).toThrow(/Invalid device, must be cuda device/);
  });
});

describe('legacy constructors', () => {
  it('work with and without new, share a tensor\'s storage and carry their dtype', () => {
    const t = torch.tensor([1.5, 2.5]);
    const alias = torch.FloatTensor(t);
    expect(alias).not.toBe(t);
    alias.fill_(7);
    expect(t.tolist()).toEqual([7, 7]);
    expect(new torch.LongTensor([3, 4]).dtype).toBe(torch.int64);
    expect(torch.DoubleTensor.dtype).toBe(torch.float64);
    expect(torch.FloatTensor.name).toBe('FloatTensor');
    torch.setDefaultDtype(torch.float64);
    try {
      expect(new torch.Tensor([1, 2]).dtype).toBe(torch.float64);
      expect(torch.FloatTensor([1, 2]).dtype).toBe(torch.float32);
    } finally {
      torch.setDefaultDtype(torch.float32);
    }
  });
  it('leave nn.Parameter (a Tensor subclass) as it was', () => {
    const p = new torch.nn.Parameter(torch.tensor([1.5]));
    expect(p).toBeInstanceOf(torch.nn.Parameter);
    expect([p.tolist(), p.requiresGrad]).toEqual([[1.5], true]);
  });
});
