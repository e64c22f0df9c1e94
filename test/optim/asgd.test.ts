import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.ASGD: parity with torch.optim.ASGD, step by step', () => {
  // eta and mu are float32 scalar tensors in Python 1.13 and round as such; t0 5.5 makes mu move.
  for (const c of casesOf('ASGD')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: ASGD(params, lr, lambd, alpha, t0, weight_decay, foreach, maximize)', () => {
    const p = problem();
    runSteps(fixture.cases.find((c) => c.name === 'asgd_t0')!, new optim.ASGD([p.W, p.b], 0.05, 0.01, 0.5, 5.5, 0.05, null, false), p, 0, fixture.steps);
  });

  it('prints t0 as Python prints its float default', () => {
    expect(String(new optim.ASGD([problem().W]))).toContain('    t0: 1000000.0\n');
    expect(() => new optim.ASGD([problem().W], { weightDecay: -1 })).toThrow('optim.ASGD: weight_decay must be a non-negative number, got -1');
  });
});
