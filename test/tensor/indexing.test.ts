// Python's x[...] and x[...] = v as x.index(...) / x.indexPut_([...], v), against Python's results
// (test/fixtures/gen_tensor.py INDEXING, INDEXING_ERRORS).
import { describe, expect, it } from 'vitest';
import * as torch from '../../lib';
import { evaluate, expectMatches, opsFixture, Case } from './fixture';

const fixture = opsFixture() as ReturnType<typeof opsFixture> & {
  indexing: Case[];
  indexingErrors: { js: string; py: string; error: string; message: string }[];
};

describe('indexing matches Python', () => {
  it.each(fixture.indexing.map((c) => [c.py, c] as const))('%s', (_py, c) => expectMatches(evaluate(c.js), c.result, c.js));
});

describe('indexing errors match Python', () => {
  it.each(fixture.indexingErrors.map((c) => [c.py, c] as const))('%s', (_py, c) => {
    // Python's IndexError and ValueError are RangeErrors here; RuntimeError is libtorch's own.
    let thrown: unknown;
    try { evaluate(c.js); } catch (e) { thrown = e; }
    expect(thrown, c.js).toBeInstanceOf(Error);
    if (c.error !== 'RuntimeError') expect(thrown).toBeInstanceOf(RangeError);
    expect((thrown as Error).message).toContain(c.message);
  });
});

describe('indexing views and gradients', () => {
  it('basic indices are views sharing storage; advanced ones copy', () => {
    const x = torch.zeros(2, 3);
    x.index(torch.slice(), 1).fill_(5);
    x.index([0]).fill_(9);
    expect(x.tolist()).toEqual([[0, 5, 0], [0, 5, 0]]);
  });

  it('gradients flow through basic and advanced indexing as in Python', () => {
    // Python: x = torch.arange(12.).view(3, 4).requires_grad_(); (x[[0, 2], 1:] * torch.arange(3.)).sum().backward()
    //         (x[None, 1, ::2] ** 2).sum().backward() → x.grad
    const x = torch.arange(12).view(3, 4).float().requiresGrad_();
    x.index([0, 2], torch.slice(1)).mul(torch.arange(3).float()).sum().backward();
    x.index(null, 1, torch.slice(null, null, 2)).pow(2).sum().backward();
    expect(x.grad!.tolist()).toEqual([[0, 0, 1, 2], [8, 0, 12, 0], [0, 0, 1, 2]]);
  });

  it('indexPut_ of a leaf that requires grad is an error; on a non-leaf it differentiates', () => {
    const w = torch.ones(3).requiresGrad_();
    const y = w.mul(2);
    y.indexPut_([1], torch.tensor(0));
    y.sum().backward();
    expect(w.grad!.tolist()).toEqual([2, 0, 2]);
    expect(() => w.indexPut_([0], 1)).toThrow(/leaf Variable that requires grad/);
  });
});
