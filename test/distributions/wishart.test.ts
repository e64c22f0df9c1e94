// torch.distributions.Wishart beyond the common fixture (gen_distributions.py): rsample's correction
// loop under each max_try_correction against Python run here, its warnings, and argument errors.
import { describe, it, expect, vi, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const D = torch.distributions;

const PYTHON = `
import json, sys, warnings, torch, torch.distributions as D
warnings.simplefilter('ignore')
w = D.Wishart(torch.tensor([4.0, 6.5]), scale_tril=torch.tensor([[1.0, 0.0], [0.5, 2.0]]))
out = {}
for name, tries in (('0', 0), ('1', 1), ('default', None)):
    torch.manual_seed(5)
    s = w.rsample((2,), max_try_correction=tries)
    out[name] = {'sample': s.flatten().tolist(), 'next': torch.rand(1).item()}
print(json.dumps(out))
`;

describe('torch.distributions.Wishart', () => {
  afterEach(() => vi.restoreAllMocks());

  // First in this file: the warnings are shown once per process.
  it('warns as Python does, once per message', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const w = new D.Wishart(1.5, torch.eye(2));
    expect(warn).toHaveBeenCalledWith('Low df values detected. Singular samples are highly likely to occur for ndim - 1 < df < ndim.', 'UserWarning');
    w.sample([2]);
    w.sample([2]);
    expect(warn.mock.calls.filter((c) => c[0] === 'Singular sample detected.')).toHaveLength(1);
  });

  it.skipIf(!hasPythonTorch())('rsample redraws as Python 1.13 does under each maxTryCorrection', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const python = JSON.parse(r.stdout) as Record<string, { sample: number[]; next: number }>;
    // With no correction the first draw stays; one correction redraws every positive-definite sample (1.13's inverted check).
    expect(python['0'].sample).not.toEqual(python['1'].sample);
    const w = new D.Wishart(torch.tensor([4.0, 6.5]), { scaleTril: torch.tensor([[1.0, 0.0], [0.5, 2.0]]) });
    for (const [name, tries] of [['0', 0], ['1', 1], ['default', undefined]] as const) {
      torch.manualSeed(5);
      const s = w.rsample([2], tries);
      expect(Array.from(s.flatten().toTypedArray()).map(Math.fround), `maxTryCorrection ${name}`).toEqual(python[name].sample.map(Math.fround));
      expect(torch.rand(1).item(), `the RNG after maxTryCorrection ${name}`).toBe(Math.fround(python[name].next));
    }
  });

  it('rejects bad arguments with Python\'s messages', () => {
    expect(() => new D.Wishart(3.0, torch.eye(2), null, torch.eye(2))).toThrow('torch.distributions.Wishart: Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.');
    expect(() => new D.Wishart(3.0)).toThrow(/Exactly one of/);
    expect(() => new D.Wishart('3' as never, torch.eye(2))).toThrow(/torch\.distributions\.Wishart: df must be a number or a Tensor/);
    expect(() => new D.Wishart(3.0, torch.eye(2)).rsample([2], 1.5)).toThrow(/max_try_correction must be an integer/);
    // keyword form
    const w = new D.Wishart({ df: 3, precisionMatrix: torch.eye(2).mul(2) });
    expect(w.covarianceMatrix.tolist()).toEqual([[0.4999999701976776, 0], [0, 0.4999999701976776]]);  // Python's value
    expect(String(w)).toBe('Wishart(covariance_matrix: torch.Size([2, 2]), precision_matrix: torch.Size([2, 2]), df: 3.0)');
  });
});
