import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.RAdam: parity with torch.optim.RAdam, step by step', () => {
  // 20 steps cross rho_t > 5 (the rectified update) with betas (0.5, 0.8); the default betas stay below it.
  for (const c of casesOf('RAdam')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: RAdam(params, lr, betas, eps, weight_decay)', () => {
    const p = problem();
    runSteps(fixture.cases.find((c) => c.name === 'radam_all')!, new optim.RAdam([p.W, p.b], 0.02, [0.5, 0.8], 1e-4, 0.1), p, 0, fixture.steps);
  });

  it('rejects bad hyperparameters', () => {
    const W = problem().W;
    expect(() => new optim.RAdam([W], { betas: [0.9, -0.1] })).toThrow('optim.RAdam: betas[1] must be a number in [0, 1), got -0.1');
    expect(() => new optim.RAdam([W], { maximize: true } as never)).toThrow("unknown option 'maximize'");
  });
});
