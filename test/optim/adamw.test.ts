import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, expectFusedAsOpPath, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.AdamW: parity with torch.optim.AdamW, step by step', () => {
  for (const c of casesOf('AdamW')) it(c.name, () => checkCase(c));

  it('defaults weight decay to 1e-2 (decoupled), unlike Adam', () => {
    expect(new optim.AdamW([problem().W]).defaults.weightDecay).toBe(1e-2);
  });

  it('takes Python positional arguments', () => {
    const c = fixture.cases.find((x) => x.name === 'adamw_amsgrad')!;
    const p = problem();
    runSteps(c, new optim.AdamW([p.W, p.b], 0.05, [0.7, 0.8], 1e-4, 0.2, true), p, 0, fixture.steps);
  });

  it('steps a contiguous parameter by the fused pass, bit for bit as the op path', () => {
    expectFusedAsOpPath(optim.AdamW, ['exp_avg', 'exp_avg_sq'], [
      [{ lr: 1e-3 }, torch.float32],
      [{ lr: 0.01, betas: [0.8, 0.9], weightDecay: 0.1, amsgrad: true }, torch.float32],
      [{ lr: 0.5, maximize: true }, torch.float64],
    ]);
  });

  it('rejects bad hyperparameters with the argument and the call', () => {
    const W = problem().W;
    expect(() => new optim.AdamW([W], { lr: -1 })).toThrow('optim.AdamW: lr must be a non-negative number, got -1');
    expect(() => new optim.AdamW([W], { betas: [-0.1, 0.9] })).toThrow('optim.AdamW: betas[0] must be a number in [0, 1), got -0.1');
  });
});
