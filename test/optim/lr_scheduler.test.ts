import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll } from 'vitest';
import * as torch from '../../lib';
import * as v from '../../lib/validate';
import { Counter } from '../../lib/collections';
import { hasPythonTorch } from '../helpers/fixtures';
import { pow } from '../../lib/_pymath';

// The functions of gen_optim.py's LAMBDAS and gen_lr_scheduler.py's FUNCTIONS; their `**` is
// Python's (C's pow), as in the lambdas the fixtures ran.
const FUNCTIONS: Record<string, (x: number) => number> = {
  pow095: (e) => pow(0.95, e),
  inv: (e) => 1.0 / (e + 1),
  halve10: (e) => pow(0.5, Math.floor(e / 10)),
  const09: () => 0.9,
  shrink: (e) => 1 - 0.01 * e,
  half_pow: (x) => pow(0.5, x),
};

const { optim } = torch;
const { lr_scheduler } = optim;

interface SchedCase { name: string; scheduler: string; options: Record<string, unknown>; lr: number[][] }
const fixture: { lrs: number[]; epochs: number; loss: number[]; acc: number[]; cases: SchedCase[] } = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'optim', 'schedulers.json'), 'utf8'),
);

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
    o.lrLambda = Array.isArray(f) ? f.map((n) => FUNCTIONS[n]) : FUNCTIONS[f];
  }
  const Ctor = (lr_scheduler as unknown as Record<string, new (opt: unknown, o: unknown) => Sched>)[c.scheduler];
  return new Ctor(opt, o);
}

function metricsFor(c: SchedCase): number[] {
  return c.options.mode === 'max' ? fixture.acc : fixture.loss;
}

// Exact: the schedules compute in Python floats, and their `**`, math.cos and math.log are C's libm
// on both sides (lib/_pymath.ts).
function expectLrs(actual: number[], expected: number[], what: string): void {
  actual.forEach((x, i) => {
    if (x !== expected[i]) expect.fail(`${what}[${i}]: ${x} differs from PyTorch's ${expected[i]}`);
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

// ---- All 15 schedulers against test/fixtures/gen_lr_scheduler.py (lr_scheduler/sequences.json and *.pth) ----

type Typed = { type: string; value: unknown };
interface SpecJson { scheduler: string; options?: Record<string, unknown>; schedulers?: SpecJson[] }
interface AllCase {
  name: string; optimizer: string; spec: SpecJson;
  lr: number[][]; momentum: number[][];
  mid_state: Typed; mid_groups: Typed; end_state: Typed;
}
const ALL_DIR = path.join(__dirname, '..', 'fixtures', 'lr_scheduler');
const all: {
  steps: number; mid: number; loss: number[]; acc: number[];
  fractional: Record<string, { options: Record<string, unknown>; lr: number[][]; printed: string[]; state: Typed }>;
  printed: string[];
  errors: { scheduler: string; optimizer: string; options: Record<string, unknown>; steps?: number; message: string }[];
  optimizers: Record<string, { optimizer: 'SGD' | 'Adam'; groups: Record<string, unknown>[]; options: Record<string, unknown> }>;
  cases: AllCase[];
} = JSON.parse(fs.readFileSync(path.join(ALL_DIR, 'sequences.json'), 'utf8'));


/** Python's kwarg names → ours: T_max → TMax, T_0 → T0, step_size_up → stepSizeUp. */
function camelKw(options: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, x]) => [k.replace(/^T_([a-z0-9])/, (_m, c: string) => `T${c.toUpperCase()}`).replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), x]));
}

type AnyOpt = torch.optim.Optimizer<{ lr?: number }>;
type AnySched = { step(metric?: number): void; getLastLr(): number[]; stateDict(): Record<string, unknown>; loadStateDict(sd: Record<string, unknown>): void };

function makeOptimizer(name: string): AnyOpt {
  const o = all.optimizers[name];
  const Opt = optim[o.optimizer] as unknown as new (params: unknown, options: unknown) => AnyOpt;
  return new Opt(o.groups.map((g) => ({ params: [torch.zeros(1).requiresGrad_(true)], ...camelKw(g) })), camelKw(o.options));
}

function makeScheduler(opt: AnyOpt, spec: SpecJson): AnySched {
  const o = camelKw(spec.options);
  for (const key of ['lrLambda', 'scaleFn']) {
    const f = o[key] as string | string[] | undefined;
    if (f !== undefined) o[key] = Array.isArray(f) ? f.map((n) => FUNCTIONS[n]) : FUNCTIONS[f];
  }
  const inner = spec.schedulers?.map((s) => makeScheduler(opt, s));
  if (spec.scheduler === 'ChainedScheduler') return new lr_scheduler.ChainedScheduler(inner as never);
  if (spec.scheduler === 'SequentialLR') return new lr_scheduler.SequentialLR(opt, { schedulers: inner as never, ...o } as never);
  const Ctor = (lr_scheduler as unknown as Record<string, new (opt: unknown, o: unknown) => AnySched>)[spec.scheduler];
  return new Ctor(opt, o);
}

function momenta(opt: AnyOpt): number[] {
  return opt.paramGroups.map((g) => {
    const r = g as unknown as { betas?: number[]; momentum: number };
    return r.betas ? r.betas[0] : r.momentum;
  });
}

function stepOnce(c: AllCase, opt: AnyOpt, s: AnySched, e: number): void {
  opt.step();
  if (c.spec.scheduler === 'ReduceLROnPlateau') s.step((c.spec.options?.mode === 'max' ? all.acc : all.loss)[e]);
  else s.step();
}

/** Steps [from, STEPS): lrs, getLastLr and momenta against Python's. */
function runTo(c: AllCase, opt: AnyOpt, s: AnySched, from: number, check: (e: number) => void = () => {}): void {
  for (let e = from; e < all.steps; e++) {
    check(e);
    stepOnce(c, opt, s, e);
    expectLrs(opt.paramGroups.map((g) => g.lr), c.lr[e], `${c.name} step ${e + 1} lr`);
    expectLrs(s.getLastLr(), c.lr[e], `${c.name} step ${e + 1} getLastLr`);
    expectLrs(momenta(opt), c.momentum[e], `${c.name} step ${e + 1} momentum`);
  }
}

/**
 * Python's types that a state dict here leaves out, as torch.save cannot write them: CyclicLR's
 * _scale_fn_ref (a WeakMethod) and a user's scale_fn (a function), OneCycleLR's anneal_func (a bound method).
 */
const UNSAVED = new Set(['weakref', 'WeakMethod', 'method', 'function']);

/** A typed Python value as torch.load would give it (null for what cannot be saved). */
function decode(t: Typed): unknown {
  switch (t.type) {
    case 'float': return typeof t.value === 'string' ? Number(t.value.replace('inf', 'Infinity')) : t.value;
    case 'list': case 'tuple': return (t.value as Typed[]).map(decode);
    case 'dict': return Object.fromEntries((t.value as [string, Typed][]).filter(([, x]) => !UNSAVED.has(x.type)).map(([k, x]) => [k, decode(x)]));
    case 'Counter': return new Counter(t.value as [number, number][]);
    default: return UNSAVED.has(t.type) ? null : t.value;
  }
}

/** Ours equals Python's value: keys in Python's order, ints integral and equal, floats within 1e-12 relative. */
function expectState(ours: unknown, t: Typed, where: string): void {
  switch (t.type) {
    case 'dict': {
      const entries = (t.value as [string, Typed][]).filter(([, x]) => !UNSAVED.has(x.type));
      if (!v.isPlainObject(ours)) return void expect.fail(`${where}: ${String(ours)} is not a dict`);
      expect(Object.keys(ours), `${where} keys`).toEqual(entries.map(([k]) => k));
      for (const [k, x] of entries) expectState(ours[k], x, `${where}.${k}`);
      return;
    }
    case 'list': case 'tuple': {
      const items = t.value as Typed[];
      if (!Array.isArray(ours) || ours.length !== items.length) return void expect.fail(`${where}: ${JSON.stringify(ours)} is not a list of ${items.length}`);
      items.forEach((x, i) => expectState(ours[i], x, `${where}[${i}]`));
      return;
    }
    case 'Counter':
      expect(ours, where).toBeInstanceOf(Counter);
      expect([...(ours as Counter<number>)], where).toEqual(t.value);
      return;
    case 'int':
      expect(Number.isInteger(ours) && ours === t.value, `${where}: ${String(ours)} is Python's int ${String(t.value)}`).toBe(true);
      return;
    case 'float':
      if (typeof ours !== 'number') return void expect.fail(`${where}: ${String(ours)} is not a number`);
      expectLrs([ours], [decode(t) as number], where);
      return;
    default:
      expect(ours, where).toEqual(decode(t));
  }
}

/** The optimizer's state dict as Python's at the same step: the groups' values, params and state from ours. */
function pythonGroups(opt: AnyOpt, groups: Typed): ReturnType<AnyOpt['stateDict']> {
  const sd = opt.stateDict();
  return { state: sd.state, param_groups: (decode(groups) as Record<string, unknown>[]).map((g, i) => ({ ...g, params: sd.param_groups[i].params })) };
}

describe('optim.lr_scheduler: all 15 schedulers give PyTorch\'s lrs and momenta step by step, and its state dicts', () => {
  it('covers every scheduler of torch.optim.lr_scheduler.__all__', () => {
    const kinds = new Set<string>();
    const collect = (s: SpecJson): void => { kinds.add(s.scheduler); s.schedulers?.forEach(collect); };
    all.cases.forEach((c) => collect(c.spec));
    expect([...kinds].sort()).toEqual(['ChainedScheduler', 'ConstantLR', 'CosineAnnealingLR', 'CosineAnnealingWarmRestarts', 'CyclicLR', 'ExponentialLR', 'LambdaLR',
      'LinearLR', 'MultiStepLR', 'MultiplicativeLR', 'OneCycleLR', 'PolynomialLR', 'ReduceLROnPlateau', 'SequentialLR', 'StepLR']);
  });

  for (const c of all.cases) {
    it(`${c.spec.scheduler} ${c.name}: ${all.steps} steps, state dicts at step ${all.mid} and at the end`, () => {
      const opt = makeOptimizer(c.optimizer);
      const s = makeScheduler(opt, c.spec);
      runTo(c, opt, s, 0, (e) => {
        if (e !== all.mid) return;
        expectState(s.stateDict(), c.mid_state, `${c.name} state_dict`);
        // The keys schedulers put in param groups (initial_lr; OneCycleLR's max_lr, ...) are in the optimizer's state dict.
        const ours = opt.stateDict().param_groups.map((g) => Object.fromEntries(Object.entries(g).filter(([k]) => k !== 'params')));
        const python = decode(c.mid_groups) as Record<string, unknown>[];
        ours.forEach((g, i) => expect(Object.keys(g).sort(), `${c.name} param_groups[${i}] keys`).toEqual(Object.keys(python[i]).sort()));
      });
      expectState(s.stateDict(), c.end_state, `${c.name} final state_dict`);
    });
  }
});

describe("optim.lr_scheduler: Python's state dicts resume here", () => {
  for (const c of all.cases) {
    it(`${c.name}: Python's state at step ${all.mid} (optimizer and scheduler), continued to Python's sequence`, () => {
      const opt = makeOptimizer(c.optimizer);
      const s = makeScheduler(opt, c.spec); // a fresh scheduler: its own initial step, then Python's state over it
      opt.loadStateDict(pythonGroups(opt, c.mid_groups));
      s.loadStateDict(decode(c.mid_state) as Record<string, unknown>);
      runTo(c, opt, s, all.mid);
    });
  }

  const saved = all.cases.filter((c) => fs.existsSync(path.join(ALL_DIR, `${c.name}.pth`)));
  it('has torch.save files for every scheduler whose 1.13 state dict pickles (all but CyclicLR and OneCycleLR)', () => {
    expect(saved.length).toBe(all.cases.filter((c) => !['CyclicLR', 'OneCycleLR'].includes(c.spec.scheduler)).length);
  });
  for (const c of saved) {
    it(`${c.name}: torch.load of Python's torch.save at step ${all.mid}, continued to Python's sequence`, () => {
      const ckpt = torch.load(path.join(ALL_DIR, `${c.name}.pth`)) as { optimizer: never; scheduler: Record<string, unknown> };
      const opt = makeOptimizer(c.optimizer);
      const s = makeScheduler(opt, c.spec);
      opt.loadStateDict(ckpt.optimizer);
      s.loadStateDict(ckpt.scheduler);
      expectState(s.stateDict(), c.mid_state, `${c.name} loaded state_dict`);
      runTo(c, opt, s, all.mid);
    });
  }
});

describe.skipIf(!hasPythonTorch())("optim.lr_scheduler: torch-node's torch.save resumes in Python", () => {
  let python: Record<string, { lr: number[][]; momentum: number[][] }>;
  beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-sched-'));
    const args: string[] = [];
    for (const c of all.cases) {
      const opt = makeOptimizer(c.optimizer);
      const s = makeScheduler(opt, c.spec);
      for (let e = 0; e < all.mid; e++) stepOnce(c, opt, s, e);
      const file = path.join(dir, `${c.name}.pth`);
      torch.save({ optimizer: opt.stateDict(), scheduler: s.stateDict() }, file);
      args.push(c.name, file);
    }
    const r = spawnSync('/usr/bin/python3', [path.join(__dirname, '..', 'fixtures', 'gen_lr_scheduler.py'), 'resume', ...args], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(r.stderr);
    python = JSON.parse(r.stdout);
  });

  for (const c of all.cases) {
    it(`${c.name}: saved here at step ${all.mid}, Python continues with its own uninterrupted sequence`, () => {
      python[c.name].lr.forEach((lrs, i) => expectLrs(lrs, c.lr[all.mid + i], `${c.name} Python step ${all.mid + i + 1} lr`));
      python[c.name].momentum.forEach((m, i) => expectLrs(m, c.momentum[all.mid + i], `${c.name} Python step ${all.mid + i + 1} momentum`));
    });
  }
});

describe('optim.lr_scheduler: the rest of Python\'s behaviour', () => {
  /** console.log's lines while f runs. */
  function printedBy(f: () => void): string[] {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => { lines.push(args.join(' ')); };
    try { f(); } finally { console.log = log; }
    return lines;
  }

  for (const [name, c] of Object.entries(all.fractional)) {
    it(`CosineAnnealingWarmRestarts ${name}: step(epoch + i / 4), verbose, as Python`, () => {
      const opt = makeOptimizer('sgd');
      let s!: torch.optim.lr_scheduler.CosineAnnealingWarmRestarts;
      const lines = printedBy(() => {
        s = new lr_scheduler.CosineAnnealingWarmRestarts(opt, { ...camelKw(c.options), verbose: true });
        let k = 0;
        for (let epoch = 0; epoch < 8; epoch++) {
          for (let i = 0; i < 4; i++) {
            s.step(epoch + i / 4);
            expectLrs(s.getLastLr(), c.lr[k++], `${name} epoch ${epoch + i / 4}`);
          }
        }
      });
      // JS numbers do not say int or float: Python's float epoch 2.0 prints as the int 2 does here.
      expect(lines).toEqual(c.printed.map((l) => l.replace(/^Epoch (\d+)\.00:/, (_m, n: string) => `Epoch ${n.padStart(5, '0')}:`)));
      expectState(s.stateDict(), c.state, `${name} state_dict`);
    });
  }

  it('verbose: prints what Python prints (StepLR, SequentialLR at its milestone, ReduceLROnPlateau)', () => {
    const opt = makeOptimizer('sgd');
    const lines = printedBy(() => {
      const s = new lr_scheduler.StepLR(opt, 2, { gamma: 0.5, verbose: true });
      for (let i = 0; i < 3; i++) s.step();
      const seq = new lr_scheduler.SequentialLR(opt, [new lr_scheduler.ConstantLR(opt, { factor: 0.5, totalIters: 2, verbose: true }), new lr_scheduler.ExponentialLR(opt, 0.9, { verbose: true })], [2]);
      for (let i = 0; i < 3; i++) seq.step();
      const r = new lr_scheduler.ReduceLROnPlateau(opt, { factor: 0.5, patience: 0, verbose: true });
      for (const m of [1.0, 2.0, 3.0]) r.step(m);
    });
    expect(lines).toEqual(all.printed);
  });

  for (const e of all.errors) {
    it(`${e.scheduler}(${JSON.stringify(e.options)})${e.steps ? ` stepped ${e.steps} times` : ''}: ${e.message}`, () => {
      const opt = makeOptimizer(e.optimizer);
      const f = (): void => {
        const s = makeScheduler(opt, { scheduler: e.scheduler, options: e.options });
        for (let i = 0; i < (e.steps ?? 0); i++) s.step();
      };
      expect(f).toThrow(`optim.lr_scheduler.${e.scheduler}`);
      expect(f).toThrow(e.message);
    });
  }

  it('SequentialLR and ChainedScheduler check their schedulers and milestones as Python does', () => {
    const opt = makeOptimizer('sgd');
    const other = makeOptimizer('sgd');
    const a = new lr_scheduler.ExponentialLR(opt, 0.9);
    const b = new lr_scheduler.StepLR(other, 2);
    expect(() => new lr_scheduler.SequentialLR(opt, [a, b], [2])).toThrow('Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 1 to be different than the optimizer passed in.');
    expect(() => new lr_scheduler.SequentialLR(opt, [a], [2])).toThrow('but got number of schedulers 1 and the number of milestones to be equal to 1');
    expect(() => new lr_scheduler.SequentialLR(opt, [a, 3 as never], [2])).toThrow('optim.lr_scheduler.SequentialLR: schedulers[1] must be an lr scheduler');
    expect(() => new lr_scheduler.ChainedScheduler([a, b])).toThrow('ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and 1 to be different');
    expect(() => new lr_scheduler.ChainedScheduler([])).toThrow('optim.lr_scheduler.ChainedScheduler: schedulers must be a non-empty array');
  });

  it('positional forms: CyclicLR(optimizer, baseLr, maxLr, stepSizeUp, ...) and OneCycleLR(optimizer, maxLr, totalSteps)', () => {
    const c = all.cases.find((x) => x.name === 'cyclic_triangular')!;
    const opt = makeOptimizer(c.optimizer);
    runTo(c, opt, new lr_scheduler.CyclicLR(opt, 0.01, [0.1, 0.05], 4), 0);
    const o = all.cases.find((x) => x.name === 'one_cycle')!;
    const opt2 = makeOptimizer(o.optimizer);
    runTo(o, opt2, new lr_scheduler.OneCycleLR(opt2, [0.1, 0.05], 30), 0);
  });

  it('getLr() outside step() warns as Python does; a bad state dict changes nothing', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    const s = new lr_scheduler.OneCycleLR(makeOptimizer('sgd_momentum'), 0.1, { totalSteps: 10 });
    s.getLr();
    const before = s.stateDict();
    expect(() => s.loadStateDict({ ...before, total_steps: 5, _schedule_phases: null })).toThrow('optim.lr_scheduler.OneCycleLR.load_state_dict: _schedule_phases must be a non-empty array of phases');
    expect(s.stateDict()).toEqual(before);
    return new Promise<void>((resolve) => setImmediate(() => {
      process.off('warning', onWarning);
      expect(warnings.some((m) => m.includes('please use `get_last_lr()`'))).toBe(true);
      resolve();
    }));
  });
});
