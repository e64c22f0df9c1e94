import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.NAdam: parity with torch.optim.NAdam, step by step', () => {
  // mu_product is a float32 scalar tensor in Python 1.13 and multiplies as one.
  for (const c of casesOf('NAdam')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: NAdam(params, lr, betas, eps, weight_decay, momentum_decay)', () => {
    const p = problem();
    runSteps(fixture.cases.find((c) => c.name === 'nadam_all')!, new optim.NAdam([p.W, p.b], 0.02, [0.8, 0.9], 1e-4, 0.1, 0.01), p, 0, fixture.steps);
  });

  it('has no maximize in 1.13, and rejects bad hyperparameters', () => {
    const W = problem().W;
    expect(() => new optim.NAdam([W], { maximize: true } as never)).toThrow("optim.NAdam: unknown option 'maximize'");
    expect(() => new optim.NAdam([W], { momentumDecay: -1 })).toThrow('optim.NAdam: momentum_decay must be a non-negative number, got -1');
  });
});
