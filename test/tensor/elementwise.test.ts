// Elementwise ops (add, sub, mul, div, neg, exp, ...) over every dtype and kind of right-hand side,
// against PyTorch (fixtures/tensor/elementwise.json). Without autograd these run straight to their CPU
// kernels and may write into recycled results (native/ops_direct.h, native/recycle.h): the matrix is
// run once on fresh results and once more on recycled ones, and the tests below check that recycling
// never reuses a tensor that something can still see.
import { describe, it, expect } from 'vitest';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as torch from '../../lib';
import { elementwiseCases, evaluateElementwise as evaluate, expectMatches, ElementwiseCase as Case } from './fixture';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const cases = elementwiseCases();

function check(c: Case): void {
  const what = `${c.js} with E: ${c.dtype}`;
  if ('error' in c.result) {
    expect(() => evaluate(c), what).toThrow(c.result.error);
    return;
  }
  const r = evaluate(c) as torch.Tensor;
  expectMatches(r, c.result, what, { rtol: 1e-3, atol: 1e-3 });
  expect(r.stride(), `${what}: stride`).toEqual(c.result.stride);
}

describe('elementwise ops match PyTorch for every dtype', () => {
  it.each(cases.map((c) => [`${c.js} (${c.dtype})`, c] as const))('%s', (_name, c) => check(c));
});

describe('recycled results', () => {
  it('match PyTorch too: the whole matrix again after a GC filled the recycle bin', () => {
    for (const c of cases) if (!('error' in c.result)) evaluate(c);
    gc();
    expect(torch.memoryStats().recycledTensors).toBeGreaterThan(0);
    const reused = torch.memoryStats().reusedTensors;
    for (const c of cases) check(c);
    // results were written into recycled tensors (the bin's size does not tell: every scavenge, one
    // each 4,096 wrappers, empties and refills it)
    expect(torch.memoryStats().reusedTensors).toBeGreaterThan(reused);
  });

  it('are distinct tensors, and a live tensor is never taken', () => {
    const a = torch.rand(4);
    const b = torch.rand(4);
    const kept = Array.from({ length: 100 }, () => a.add(b));
    for (let i = 0; i < 1000; i++) a.add(b);
    gc();
    const fresh = Array.from({ length: 100 }, (_, i) => a.mul(i));
    fresh.forEach((t, i) => expect(t.tolist()).toEqual(a.mul(i).tolist()));
    kept.forEach((t) => expect(t.tolist()).toEqual(a.add(b).tolist()));
  });

  it('never takes a tensor whose view, storage or gradient outlived its JS object', () => {
    const a = torch.rand(2, 3);
    const b = torch.rand(2, 3);
    const views = Array.from({ length: 50 }, () => a.add(b).select(0, 1));
    const flat = Array.from({ length: 50 }, () => a.add(b).view(6));
    gc();
    for (let i = 0; i < 200; i++) a.mul(i);
    const want = a.add(b);
    for (const v of views) expect(v.tolist()).toEqual(want.select(0, 1).tolist());
    for (const f of flat) expect(f.tolist()).toEqual(want.view(6).tolist());
  });

  it('take the shape of the new result when the byte size matches (detached aliases included)', () => {
    const a = torch.rand(2, 3);
    for (let i = 0; i < 500; i++) a.add(i);
    for (let i = 0; i < 500; i++) a.mul(i).detach();
    gc();
    const flat = torch.arange(6.0);
    const tall = torch.arange(6.0).reshape(3, 2);
    const int32 = torch.arange(6, { dtype: torch.int32 });
    for (let i = 0; i < 1000; i++) {
      const [f, t, n] = [flat.add(i), tall.mul(i), int32.add(i)];
      expect(f.shape).toEqual([6]);
      expect(t.shape).toEqual([3, 2]);
      expect(t.stride()).toEqual([2, 1]);
      expect(n.dtype).toBe(torch.int32);
      if (i % 250 === 0) {
        expect(f.tolist()).toEqual([0, 1, 2, 3, 4, 5].map((x) => x + i));
        expect(t.tolist()).toEqual([[0, i], [2 * i, 3 * i], [4 * i, 5 * i]]);
        expect(n.tolist()).toEqual([0, 1, 2, 3, 4, 5].map((x) => x + i));
      }
    }
  });

  it('of a kind no direct op takes are freed one per new result of that kind, not held until the next GC', () => {
    const a = torch.rand(10);
    for (let i = 0; i < 5000; i++) a.relu();
    gc();
    const before = torch.memoryStats().recycledTensors;
    expect(before).toBeGreaterThan(1000);
    const kept = Array.from({ length: 100 }, () => a.relu());
    expect(torch.memoryStats().recycledTensors).toBe(before - 100);
    const others = Array.from({ length: 100 }, () => torch.rand(3, 7)); // another size: its bin is empty
    expect(torch.memoryStats().recycledTensors).toBe(before - 100);
    for (const r of kept) expect(r.tolist()).toEqual(a.relu().tolist());
    expect(others.every((t) => t.shape.join() === '3,7')).toBe(true);
  });

  it('come from the recycle bin and leave liveTensors exact', () => {
    const a = torch.rand(10);
    for (let i = 0; i < 5000; i++) a.add(1);
    gc();
    const before = torch.memoryStats();
    expect(before.recycledTensors).toBeGreaterThan(1000);
    const r = a.add(1);
    const after = torch.memoryStats();
    expect(after.recycledTensors).toBe(before.recycledTensors - 1);
    expect(after.liveTensors).toBe(before.liveTensors + 1);
    expect(after.liveBytes).toBe(before.liveBytes + 40);
    expect(r.tolist()).toEqual(a.tolist().map((x) => Math.fround(x + 1)));
  });
});

describe('autograd still records through the dispatcher', () => {
  it('an input that requires grad gives a result with a grad_fn, and backward works', () => {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2).add(1).exp().div(4).sub(x).neg().sigmoid();
    expect(y.gradFn?.name()).toBe('SigmoidBackward0');
    y.sum().backward();
    expect(x.grad!.shape).toEqual([3]);
  });

  it('under noGrad the same inputs give results without a grad_fn', () => {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const y = torch.noGrad(() => x.mul(2).add(1));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(y.tolist()).toEqual([3, 5, 7]);
  });
});
