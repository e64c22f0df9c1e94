import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';

const { optim } = torch;
const { lr_scheduler } = optim;

interface SchedCase { name: string; scheduler: string; options: Record<string, unknown>; lr: number[][] }
const fixture: { lrs: number[]; epochs: number; loss: number[]; acc: number[]; cases: SchedCase[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'optim', 'schedulers.json'), 'utf8'),
);
// The same functions as gen_optim.py's LAMBDAS.
const LAMBDAS: Record<string, (e: number) => number> = {
  pow095: (e) => 0.95 ** e,
  inv: (e) => 1.0 / (e + 1),
  halve10: (e) => 0.5 ** Math.floor(e / 10),
};

function optimizer() {
  const p = torch.zeros(1).requiresGrad_(true);
  const q = torch.zeros(1).requiresGrad_(true);
  return new optim.SGD([{ params: [p], lr: fixture.lrs[0] }, { params: [q], lr: fixture.lrs[1] }], { lr: 1.0 });
}

function camel(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k === 'T_max' ? 'TMax' : k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
}

type Sched = { step(metric?: number): void; getLastLr(): number[]; stateDict(): Record<string, unknown>; loadStateDict(sd: Record<string, unknown>): void };
function make(c: SchedCase, opt: ReturnType<typeof optimizer>): Sched {
  const o = camel(c.options);
  if (c.scheduler === 'LambdaLR') {
    const f = o.lrLambda as string | string[];
    o.lrLambda = Array.isArray(f) ? f.map((n) => LAMBDAS[n]) : LAMBDAS[f];
  }
  const Ctor = (lr_scheduler as unknown as Record<string, new (opt: unknown, o: unknown) => Sched>)[c.scheduler];
  return new Ctor(opt, o);
}

function metricsFor(c: SchedCase): number[] {
  return c.options.mode === 'max' ? fixture.acc : fixture.loss;
}

function expectLrs(actual: number[], expected: number[], what: string): void {
  actual.forEach((x, i) => {
    if (!(Math.abs(x - expected[i]) <= 1e-12 * Math.abs(expected[i]))) expect.fail(`${what}[${i}]: ${x} differs from PyTorch's ${expected[i]}`);
  });
}

/** Epochs [from, to): optimizer.step(), scheduler.step(), then the lrs against Python's. */
function runEpochs(c: SchedCase, opt: ReturnType<typeof optimizer>, s: Sched, from: number, to: number): void {
  for (let e = from; e < to; e++) {
    opt.step();
    if (c.scheduler === 'ReduceLROnPlateau') s.step(metricsFor(c)[e]);
    else s.step();
    expectLrs(s.getLastLr(), c.lr[e], `${c.name} epoch ${e + 1}`);
    expectLrs(opt.paramGroups.map((g) => g.lr), c.lr[e], `${c.name} epoch ${e + 1} param_groups`);
  }
}

describe('optim.lr_scheduler: learning rates identical to PyTorch over 60 epochs', () => {
  for (const c of fixture.cases) {
    it(`${c.scheduler} ${c.name}`, () => {
      const opt = optimizer();
      runEpochs(c, opt, make(c, opt), 0, fixture.epochs);
    });
  }
});

describe('optim.lr_scheduler: stateDict / loadStateDict resume the schedule', () => {
  for (const c of fixture.cases.filter((x) => !x.name.startsWith('lambda'))) {
    it(`${c.scheduler} ${c.name}`, () => {
      const opt = optimizer();
      const s = make(c, opt);
      runEpochs(c, opt, s, 0, 30);
      const sd = s.stateDict();
      const optSd = opt.stateDict();
      const opt2 = optimizer();
      opt2.loadStateDict(optSd);
      const s2 = make(c, opt2); // a fresh scheduler (it steps once and resets lrs to epoch 0 when not resuming)
      s2.loadStateDict(sd);
      opt2.loadStateDict(optSd);
      runEpochs(c, opt2, s2, 30, fixture.epochs);
    });
  }
});

describe('optim.lr_scheduler: constructors and errors', () => {
  it('StepLR: positional and options forms, and Python state_dict keys', () => {
    const a = new lr_scheduler.StepLR(optimizer(), 20, 0.1);
    const b = new lr_scheduler.StepLR(optimizer(), { stepSize: 20, gamma: 0.1 });
    const c = new lr_scheduler.StepLR(optimizer(), 20, { gamma: 0.1 });
    for (const s of [a, b, c]) expect([s.stepSize, s.gamma, s.lastEpoch, s.getLastLr()]).toEqual([20, 0.1, 0, fixture.lrs]);
    expect(Object.keys(a.stateDict()).sort()).toEqual(['_get_lr_called_within_step', '_last_lr', '_step_count', 'base_lrs', 'gamma', 'last_epoch', 'step_size', 'verbose']);
    expect(() => new lr_scheduler.StepLR(optimizer(), 0)).toThrow('optim.lr_scheduler.StepLR: step_size must be a positive integer, got 0');
    expect(() => new lr_scheduler.StepLR(optimizer(), { step_size: 3 } as never)).toThrow("unknown option 'step_size' (did you mean 'stepSize'?)");
    expect(() => new lr_scheduler.StepLR({} as never, 3)).toThrow('optim.lr_scheduler.StepLR: optimizer must be an optim.Optimizer');
    expect(() => a.step(3 as never)).toThrow('the epoch argument is deprecated');
  });

  it('sets initialLr on the groups, and needs it when resuming with lastEpoch', () => {
    const opt = optimizer();
    expect(() => new lr_scheduler.ExponentialLR(opt, 0.9, 5)).toThrow("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer");
    const s = new lr_scheduler.ExponentialLR(opt, { gamma: 0.9 });
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual(fixture.lrs);
    expect(opt.stateDict().param_groups[1].initial_lr).toBe(fixture.lrs[1]);
    const resumed = new lr_scheduler.ExponentialLR(opt, 0.9, 5);
    expect(resumed.lastEpoch).toBe(6);
    expect(resumed.baseLrs).toEqual(fixture.lrs);
    expect(s.lastEpoch).toBe(0);
  });

  it('warns when scheduler.step() comes before optimizer.step(), as Python does', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const s = new lr_scheduler.StepLR(optimizer(), 5);
    s.step();
    return new Promise<void>((resolve) => setImmediate(() => {
      process.off('warning', onWarning);
      expect(warnings.some((m) => m.includes('before `optimizer.step()`'))).toBe(true);
      resolve();
    }));
  });

  it('validates the other schedulers with Python messages', () => {
    expect(() => new lr_scheduler.MultiStepLR(optimizer(), [3, 1.5])).toThrow('optim.lr_scheduler.MultiStepLR: milestones[1] must be an integer, got 1.5');
    expect(() => new lr_scheduler.CosineAnnealingLR(optimizer(), 0)).toThrow('T_max must be a positive integer');
    expect(() => new lr_scheduler.LambdaLR(optimizer(), [(e: number) => e])).toThrow('optim.lr_scheduler.LambdaLR: Expected 2 lr_lambdas, but got 1');
    expect(() => new lr_scheduler.LambdaLR(optimizer(), 3 as never)).toThrow('lr_lambda must be a function');
    expect(() => new lr_scheduler.ReduceLROnPlateau(optimizer(), { factor: 1 })).toThrow('Factor should be < 1.0.');
    expect(() => new lr_scheduler.ReduceLROnPlateau(optimizer(), { mode: 'up' as never })).toThrow("optim.lr_scheduler.ReduceLROnPlateau: mode must be one of 'min', 'max', got \"up\"");
    expect(() => new lr_scheduler.ReduceLROnPlateau(optimizer(), { thresholdMode: 'x' as never })).toThrow('threshold_mode must be one of');
    expect(() => new lr_scheduler.ReduceLROnPlateau(optimizer(), { minLr: [0.1] })).toThrow('expected 2 min_lrs, got 1');
    const r = new lr_scheduler.ReduceLROnPlateau(optimizer(), 'max', 0.5);
    expect([r.mode, r.factor, r.patience, r.threshold, r.thresholdMode, r.cooldown, r.minLrs, r.eps]).toEqual(['max', 0.5, 10, 1e-4, 'rel', 0, [0, 0], 1e-8]);
    r.step(torch.tensor(0.5));
    expect(r.best).toBe(0.5);
    expect(() => r.step('0.5' as never)).toThrow('metrics must be a number');
  });
});

describe('optim.lr_scheduler: every argument by keyword, as in the lab', () => {
  it('StepLR({ optimizer, stepSize, gamma }) is StepLR(optimizer=optim, step_size=20, gamma=0.1)', () => {
    const c = fixture.cases.find((x) => x.name === 'step_20_01')!;
    const opt = optimizer();
    runEpochs(c, opt, new lr_scheduler.StepLR({ optimizer: opt, stepSize: 20, gamma: 0.1 }), 0, fixture.epochs);
    expect(() => new lr_scheduler.StepLR({ optimizer: opt, stepSize: 20 }, 0.1 as never)).toThrow(TypeError);
  });

  it('ReduceLROnPlateau({ optimizer, mode, ... })', () => {
    const c = fixture.cases.find((x) => x.name === 'plateau_max_rel')!;
    const opt = optimizer();
    runEpochs(c, opt, new lr_scheduler.ReduceLROnPlateau({ optimizer: opt, mode: 'max', factor: 0.2, patience: 3, threshold: 0.01 }), 0, fixture.epochs);
  });
});
