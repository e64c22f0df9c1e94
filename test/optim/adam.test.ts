import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { casesOf, checkCase, expectFusedAsOpPath, fixture, problem, runSteps } from './problem';

const { optim } = torch;

describe('optim.Adam: parity with torch.optim.Adam, step by step', () => {
  for (const c of casesOf('Adam')) it(c.name, () => checkCase(c));

  it('takes Python positional arguments: Adam(params, lr, betas, eps, weight_decay, amsgrad)', () => {
    const c = fixture.cases.find((x) => x.name === 'adam_all')!;
    const p = problem();
    const opt = new optim.Adam([p.W, p.b], 0.02, [0.85, 0.95], 1e-6, 0.05, true);
    runSteps(c, opt, p, 0, fixture.steps);
  });

  it('mixes a positional lr with an options object', () => {
    const c = fixture.cases.find((x) => x.name === 'adam_weight_decay')!;
    const p = problem();
    runSteps(c, new optim.Adam([p.W, p.b], 0.05, { weightDecay: 0.1 }), p, 0, fixture.steps);
  });

  it('fills in Python defaults and shows them in paramGroups', () => {
    const opt = new optim.Adam([problem().W]);
    expect(opt.defaults).toEqual({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, foreach: null, capturable: false, differentiable: false, fused: false });
    const g = opt.paramGroups[0];
    expect([g.lr, g.betas, g.eps, g.weightDecay, g.amsgrad]).toEqual([1e-3, [0.9, 0.999], 1e-8, 0, false]);
  });

  it('steps a contiguous parameter by the fused pass, bit for bit as the op path', () => {
    expectFusedAsOpPath(optim.Adam, ['exp_avg', 'exp_avg_sq'], [
      [{ lr: 1e-3 }, torch.float32],
      [{ lr: 0.01, betas: [0.8, 0.9], weightDecay: 0.1, amsgrad: true }, torch.float32],
      [{ lr: 0.5, maximize: true, weightDecay: 0.01 }, torch.float64],
    ]);
  });

  it('rejects bad hyperparameters with the argument and the call', () => {
    const W = problem().W;
    expect(() => new optim.Adam([W], { lr: -1 })).toThrow('optim.Adam: lr must be a non-negative number, got -1');
    expect(() => new optim.Adam([W], { betas: [0.9, 1] })).toThrow('optim.Adam: betas[1] must be a number in [0, 1), got 1');
    expect(() => new optim.Adam([W], { betas: [0.9] as unknown as [number, number] })).toThrow(TypeError);
    expect(() => new optim.Adam([W], { eps: -1e-8 })).toThrow('optim.Adam: eps must be a non-negative number');
    expect(() => new optim.Adam([W], { weightDecay: -0.1 })).toThrow('optim.Adam: weight_decay must be a non-negative number, got -0.1');
    expect(() => new optim.Adam([W], { amsgrad: 1 as unknown as boolean })).toThrow('optim.Adam: amsgrad must be a boolean');
    expect(() => new optim.Adam([W], { weight_decay: 0.1 } as never)).toThrow("unknown option 'weight_decay' (did you mean 'weightDecay'?)");
    expect(() => new optim.Adam([W], 0.1, { lr: 0.2 })).toThrow("optim.Adam: got multiple values for argument 'lr'");
  });
});
