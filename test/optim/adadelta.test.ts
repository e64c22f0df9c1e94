import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, expectFusedAsOpPath, fixture, makeOptimizer, problem, runSteps } from './problem';

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

  // A contiguous float parameter takes the fused native pass; a strided one takes the op path
  // (_single_tensor_adadelta's ops). Both must follow Python's trace.
  it('steps a non-contiguous parameter by the op path, to the same trace', () => {
    for (const c of casesOf('Adadelta')) {
      const p = problem();
      p.W = p.W.detach().t().contiguous().t().requiresGrad_(true);
      expect(p.W.isContiguous()).toBe(false);
      runSteps(c, makeOptimizer(c, p), p, 0, fixture.steps);
    }
  });

  it('steps a contiguous parameter by the fused pass, bit for bit as the op path', () => {
    expectFusedAsOpPath(optim.Adadelta, ['square_avg', 'acc_delta'], [
      [{}, torch.float32],
      [{ lr: 0.37, rho: 0.8, eps: 1e-4, weightDecay: 0.1 }, torch.float32],
      [{ lr: 0.5, maximize: true, weightDecay: 0.01 }, torch.float64],
    ]);
  });

  it('rejects bad hyperparameters as Python does, naming the argument', () => {
    const W = problem().W;
    expect(() => new optim.Adadelta([W], { rho: 1.5 })).toThrow('optim.Adadelta: rho must be a number in [0, 1], got 1.5');
    expect(() => new optim.Adadelta([W], { lr: -1 })).toThrow('optim.Adadelta: lr must be a non-negative number, got -1');
    expect(() => new optim.Adadelta([W], 1, 0.9, 1e-6, 0, null, true as never)).toThrow('takes at most 5 positional arguments');
  });
});
