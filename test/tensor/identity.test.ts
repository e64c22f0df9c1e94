// Python returns a tensor's own object when an op returns that tensor itself (`x.to(x.dtype) is x`,
// x.contiguous() of a contiguous x, x.flatten() of a 1-d x); torch-node returns the same JS object
// then (native WrapResult), and a new one otherwise. Fixture: fixtures/gen_tensor_identity.py.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { loadFixture } from './fixture';

interface Case { input: string; python: string; js: string; same: boolean }
const { cases } = loadFixture<{ cases: Case[] }>('identity');

const INPUTS: Record<string, () => torch.Tensor> = {
  x: () => torch.rand(3),
  m: () => torch.rand(2, 3),
  mt: () => torch.rand(3, 2).t(),
  l: () => torch.arange(3),
};

describe('results that are their input tensor are the input object, as with Python `is`', () => {
  it.each(cases.map((c) => [c.python, c] as const))('%s', (_py, c) => {
    const x = INPUTS[c.input]();
    const y = new Function('torch', 'x', `return ${c.js};`)(torch, x) as torch.Tensor;
    expect(y instanceof torch.Tensor).toBe(true);
    expect(y === x).toBe(c.same);
  });
});
