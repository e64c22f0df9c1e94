import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.RMSprop: parity with torch.optim.RMSprop, step by step', () => {
  for (const c of casesOf('RMSprop')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: RMSprop(params, lr, alpha, eps, weight_decay, momentum, centered)', () => {
    const c = fixture.cases.find((x) => x.name === 'rmsprop_all')!;
    const p = problem();
    runSteps(c, new optim.RMSprop([p.W, p.b], 0.005, 0.95, 1e-6, 0.05, 0.5, true), p, 0, fixture.steps);
  });

  it('rejects bad hyperparameters with the argument and the call', () => {
    const W = problem().W;
    expect(() => new optim.RMSprop([W], { alpha: -0.5 })).toThrow('optim.RMSprop: alpha must be a non-negative number, got -0.5');
    expect(() => new optim.RMSprop([W], { momentum: -1 })).toThrow('optim.RMSprop: momentum must be a non-negative number');
    expect(() => new optim.RMSprop([W], { centered: 'yes' as never })).toThrow('optim.RMSprop: centered must be a boolean');
  });
});
