import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.Adamax: parity with torch.optim.Adamax, step by step', () => {
  for (const c of casesOf('Adamax')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: Adamax(params, lr, betas, eps, weight_decay)', () => {
    const p = problem();
    runSteps(fixture.cases.find((c) => c.name === 'adamax_all')!, new optim.Adamax([p.W, p.b], 0.02, [0.8, 0.9], 1e-4, 0.1), p, 0, fixture.steps);
  });

  it('rejects bad hyperparameters and sparse gradients', () => {
    const W = problem().W;
    expect(() => new optim.Adamax([W], { betas: [1, 0.9] })).toThrow('optim.Adamax: betas[0] must be a number in [0, 1), got 1');
    expect(() => new optim.Adamax([W], { eps: -1 })).toThrow('optim.Adamax: eps must be a non-negative number, got -1');
    const E = torch.zeros(4, 2).requiresGrad_(true);
    torch.nn.functional.embedding(torch.tensor([1, 2], { dtype: torch.int64 }), E, { sparse: true }).sum().backward();
    expect(() => new optim.Adamax([E]).step()).toThrow('Adamax does not support sparse gradients');
  });
});
