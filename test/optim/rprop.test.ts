import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.Rprop: parity with torch.optim.Rprop, step by step', () => {
  for (const c of casesOf('Rprop')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: Rprop(params, lr, etas, step_sizes)', () => {
    const p = problem();
    runSteps(fixture.cases.find((c) => c.name === 'rprop_all')!, new optim.Rprop([p.W, p.b], 0.05, [0.3, 1.5], [1e-3, 0.2]), p, 0, fixture.steps);
  });

  it("rejects etas outside 0 < etaminus < 1 < etaplus, as Python's ValueError", () => {
    const W = problem().W;
    expect(() => new optim.Rprop([W], { etas: [0.5, 0.9] })).toThrow('optim.Rprop: etas must satisfy 0 < etas[0] < 1 < etas[1], got [0.5, 0.9]');
    expect(() => new optim.Rprop([W], { stepSizes: [1e-6] as never })).toThrow('optim.Rprop: step_sizes must be a pair of numbers');
  });
});
