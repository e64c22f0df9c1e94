import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, fixture, problem, runSteps } from './problem';

const { optim } = torch;
const caseNamed = (name: string) => fixture.cases.find((c) => c.name === name)!;

describe('optim.Adadelta: parity with torch.optim.Adadelta, step by step', () => {
  for (const c of casesOf('Adadelta')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: Adadelta(params, lr, rho, eps, weight_decay, foreach, *, maximize)', () => {
    const p = problem();
    runSteps(caseNamed('adadelta_all'), new optim.Adadelta([p.W, p.b], 0.5, 0.8, 1e-4, 0.1, null), p, 0, fixture.steps);
    const q = problem();
    runSteps(caseNamed('adadelta_maximize'), new optim.Adadelta([q.W, q.b], 0.5, { maximize: true }), q, 0, fixture.steps);
  });

  it('rejects bad hyperparameters as Python does, naming the argument', () => {
    const W = problem().W;
    expect(() => new optim.Adadelta([W], { rho: 1.5 })).toThrow('optim.Adadelta: rho must be a number in [0, 1], got 1.5');
    expect(() => new optim.Adadelta([W], { lr: -1 })).toThrow('optim.Adadelta: lr must be a non-negative number, got -1');
    expect(() => new optim.Adadelta([W], 1, 0.9, 1e-6, 0, null, true as never)).toThrow('takes at most 5 positional arguments');
  });
});
