import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.SGD: parity with torch.optim.SGD, step by step', () => {
  // momentum, dampening, nesterov, weight decay, a second param group, a frozen bias, an lr change
  for (const c of casesOf('SGD')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: SGD(params, lr, momentum, dampening, weight_decay, nesterov)', () => {
    const c = fixture.cases.find((x) => x.name === 'sgd_all')!;
    const p = problem();
    runSteps(c, new optim.SGD([p.W, p.b], 0.05, 0.8, 0.1, 0.01), p, 0, fixture.steps);
  });

  it('needs lr, as Python does, but a group may bring its own', () => {
    const W = problem().W;
    expect(() => new optim.SGD([W])).toThrow("optim.SGD: parameter group didn't specify a value of required optimization parameter lr");
    const opt = new optim.SGD([{ params: [W], lr: 0.3 }]);
    expect(opt.paramGroups[0].lr).toBe(0.3);
  });

  it('rejects bad hyperparameters with the argument and the call', () => {
    const W = problem().W;
    expect(() => new optim.SGD([W], -1)).toThrow('optim.SGD: lr must be a non-negative number, got -1');
    expect(() => new optim.SGD([W], { lr: 0.1, momentum: -0.5 })).toThrow('optim.SGD: momentum must be a non-negative number, got -0.5');
    expect(() => new optim.SGD([W], { lr: 0.1, nesterov: true })).toThrow('optim.SGD: Nesterov momentum requires a momentum and zero dampening');
    expect(() => new optim.SGD([W], { lr: 0.1, momentum: 0.9, dampening: 0.1, nesterov: true })).toThrow(RangeError);
    expect(() => new optim.SGD([W], 0.1, 0.9, 0, 0, false, 1 as never)).toThrow('optim.SGD: takes at most 5 positional arguments but 6 were given');
  });
});
