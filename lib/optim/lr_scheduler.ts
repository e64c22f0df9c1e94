// torch.optim.lr_scheduler, following torch/optim/lr_scheduler.py of PyTorch 1.13: its 15 schedulers,
// written line for line after Python's chainable (and closed) forms, so that the learning-rate
// sequences are Python's, and with Python's state dicts, so that torch.save'd schedulers cross both
// ways. libtorch's one scheduler, torch::optim::StepLR, is not used: its state is a step count, not
// Python's attributes, and its step and gamma could not be loaded from a state dict.
import { Tensor } from '../tensor';
import { argError, describe } from '../errors';
import * as v from '../validate';
import { bindArgs } from '../validate';
import { Counter } from '../collections';
import { Optimizer } from './optimizer';
import { cos, log, pow } from '../_pymath';

type AnyOptimizer = Optimizer<{ lr?: number }>;
type StateDict = Record<string, unknown>;

function optimizerArg(call: string, optimizer: unknown): AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) throw argError(call, 'optimizer', 'an optim.Optimizer', optimizer);
  return optimizer as AnyOptimizer;
}

/** `Sched({ optimizer, ...options })`, Python's all-keyword call, as `Sched(optimizer, { ...options })`. */
function keywordCall(optimizer: unknown, args: unknown[]): [unknown, unknown[]] {
  if (v.isPlainObject(optimizer) && 'optimizer' in optimizer && args.length === 0) {
    const { optimizer: opt, ...rest } = optimizer;
    return [opt, [rest]];
  }
  return [optimizer, args];
}

/** A value in a message as Python prints it where String() can (a Symbol or an object without toString cannot). */
function shown(x: unknown): string {
  return x === null || (typeof x !== 'object' && typeof x !== 'symbol' && typeof x !== 'function') ? String(x) : describe(x);
}

/** Python's '{:.4e}': 1.0000e-01 (JS writes 1.0000e-1). */
function sci(x: number): string {
  return x.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's print_lr: '%.5d' for an int epoch, '%.2f' for a float one. */
function printLr(group: number, lr: number, epoch?: number): void {
  if (epoch === undefined) {
    console.log(`Adjusting learning rate of group ${group} to ${sci(lr)}.`);
  } else {
    const e = Number.isInteger(epoch) ? String(Math.abs(epoch)).padStart(5, '0') : epoch.toFixed(2);
    console.log(`Epoch ${epoch < 0 && Number.isInteger(epoch) ? '-' : ''}${e}: adjusting learning rate of group ${group} to ${sci(lr)}.`);
  }
}

/** Python's bisect.bisect_right on a sorted list: how many entries are <= x. */
function bisectRight(sorted: readonly number[], x: number): number {
  let n = 0;
  while (n < sorted.length && sorted[n] <= x) n++;
  return n;
}

type Group = AnyOptimizer['paramGroups'][number];

/** Checks a value loaded from a state dict (NOT_LOADED: a key this scheduler keeps its own value of). */
type Check = (call: string, name: string, x: unknown) => unknown;
/** A saved attribute: torch-node's field, Python's key, and the check of a loaded value. */
type StateKey = readonly [field: string, key: string, check: Check];
const NOT_LOADED = Symbol('not loaded');
const notLoaded: Check = () => NOT_LOADED;
const num_: Check = v.number;
const int_: Check = (call, name, x) => v.int(call, name, x);
const posInt: Check = (call, name, x) => v.int(call, name, x, 1);
const nums: Check = v.numbers;
const bool_: Check = v.bool;
const str_: Check = v.str;

/**
 * Checks each state-dict key this object saves, then sets them all: a bad state dict changes nothing.
 * Keys it does not save are ignored (Python would add them as attributes, which nothing reads).
 */
function loadKeys(self: object, call: string, stateDict: StateDict, keys: readonly StateKey[]): void {
  const values: [string, unknown][] = [];
  for (const [field, key, check] of keys) {
    if (!(key in stateDict)) continue;
    const x = check(call, key, stateDict[key]);
    if (x !== NOT_LOADED) values.push([field, x]);
  }
  for (const [field, x] of values) (self as Record<string, unknown>)[field] = x;
}

/**
 * The base of the epoch-based schedulers (Python's `_LRScheduler`). Subclasses set their own fields,
 * then call `_initialStep()`, which is where Python's base constructor steps once to epoch 0.
 */
export abstract class LRScheduler {
  readonly optimizer: AnyOptimizer;
  baseLrs: number[];
  lastEpoch: number;
  verbose: boolean;
  _stepCount = 0;
  _getLrCalledWithinStep = false;
  protected _lastLr: number[] = [];
  protected readonly call: string;
  /** What stateDict() saves before the base keys, in Python's order (a field left undefined or holding a function is not saved). */
  protected abstract readonly stateKeys: readonly StateKey[];

  protected constructor(call: string, optimizer: unknown, lastEpoch: unknown, verbose: unknown) {
    // JS can call an abstract class's constructor; its arguments are the subclasses' own.
    if (new.target === LRScheduler) throw new TypeError('optim.lr_scheduler.LRScheduler: the base class cannot be constructed; construct StepLR, MultiStepLR, ... or a subclass');
    this.call = call;
    this.optimizer = optimizerArg(call, optimizer);
    this.lastEpoch = lastEpoch === undefined ? -1 : v.int(call, 'last_epoch', lastEpoch, -1);
    this.verbose = verbose === undefined ? false : v.bool(call, 'verbose', verbose);
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === -1) {
      for (const g of groups) g.initialLr ??= g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) throw new RangeError(`${call}: param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
  }

  /** Python's `_initial_step`: resets the step counts and steps once (SequentialLR calls it on its first scheduler). */
  _initialStep(): void {
    this.optimizer._stepCount = 0;
    this._stepCount = 0;
    this.step();
  }

  /** The chainable form: each group's lr for epoch `lastEpoch` (already advanced), from the current ones. */
  protected abstract chainedLr(): number[];
  /** The closed form, where Python has one: what `step(epoch)` (SequentialLR at a milestone) uses. */
  protected closedFormLr?(): number[];

  /** Python's get_lr(): meant for step() only (it warns elsewhere, as Python does); use getLastLr(). */
  getLr(): number[] {
    if (!this._getLrCalledWithinStep) process.emitWarning('To get the last learning rate computed by the scheduler, please use `get_last_lr()`.', 'UserWarning');
    return this.chainedLr();
  }

  protected setLrs(values: number[], epoch?: number): void {
    v.numbers(`${this.call}.set_lrs`, 'values', values);
    this.optimizer.paramGroups.forEach((g, i) => {
      if (i >= values.length) return;
      g.lr = values[i];
      if (this.verbose) printLr(i, values[i], epoch);
    });
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** Advances one epoch. Python's deprecated `step(epoch)` form is not offered (CosineAnnealingWarmRestarts has its own). */
  step(...args: unknown[]): void {
    if (args.length > 0) {
      throw new TypeError(`${this.call}.step: the epoch argument is deprecated in PyTorch and not supported; call step() once per epoch`);
    }
    this._stepEpoch(undefined);
  }

  /**
   * Python's `step(epoch)`: the next epoch, or (SequentialLR at a milestone) the given one through the
   * closed form where there is one.
   */
  _stepEpoch(epoch: number | undefined): void {
    if (epoch !== undefined) epoch = v.number(`${this.call}.step`, 'epoch', epoch);
    if (this._stepCount === 1 && this.optimizer._stepCount < 1) {
      process.emitWarning(
        'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: ' +
          '`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule.',
        'UserWarning',
      );
    }
    this._stepCount++;
    this._getLrCalledWithinStep = true;
    let values: number[];
    try {
      if (epoch === undefined) {
        this.lastEpoch++;
        values = this.chainedLr();
      } else {
        this.lastEpoch = epoch;
        values = this.closedFormLr ? this.closedFormLr() : this.chainedLr();
      }
    } finally {
      this._getLrCalledWithinStep = false;
    }
    this.setLrs(values, epoch);
  }

  /** The learning rate of each group after the last step(). */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** Python's state_dict(): every attribute but the optimizer, under Python's names and in its order. */
  stateDict(): StateDict {
    const out: StateDict = {};
    const self = this as unknown as Record<string, unknown>;
    for (const [field, key] of this.stateKeys) {
      if (self[field] !== undefined && typeof self[field] !== 'function') out[key] = structuredClone(self[field]);
    }
    Object.assign(out, {
      base_lrs: [...this.baseLrs],
      last_epoch: this.lastEpoch,
      verbose: this.verbose,
      _step_count: this._stepCount,
      _get_lr_called_within_step: false,
      _last_lr: [...this._lastLr],
    });
    return out;
  }

  /** Python's load_state_dict: the attributes a state dict has (a torch.load of Python's file, or stateDict()'s). */
  loadStateDict(stateDict: StateDict): void {
    const call = `${this.call}.load_state_dict`;
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'a state dict object', stateDict);
    loadKeys(this, call, stateDict, [
      ...this.stateKeys,
      ['baseLrs', 'base_lrs', nums], ['lastEpoch', 'last_epoch', (c, n, x) => v.int(c, n, x, -1)], ['verbose', 'verbose', bool_],
      ['_stepCount', '_step_count', (c, n, x) => v.int(c, n, x, 0)], ['_lastLr', '_last_lr', nums],
    ]);
  }
}

function positiveInt(call: string, name: string, x: unknown): number {
  return v.int(call, name, x, 1);
}

/** A number argument with Python's default. */
function num(call: string, name: string, x: unknown, dflt: number): number {
  return x === undefined ? dflt : v.number(call, name, x);
}

type EpochFn = (epoch: number) => number;

/** LambdaLR's and MultiplicativeLR's lr_lambda: one function for every group, or one per group. */
function lrLambdas(call: string, f: unknown, groups: number): EpochFn[] {
  if (Array.isArray(f)) {
    if (f.length !== groups) throw new RangeError(`${call}: Expected ${groups} lr_lambdas, but got ${f.length}`);
    return f.map((x, i) => v.func(call, `lr_lambda[${i}]`, x) as EpochFn);
  }
  return new Array<EpochFn>(groups).fill(v.func(call, 'lr_lambda', f) as EpochFn);
}

/** lr = base_lr * lrLambda(epoch); one function for all groups or one per group. */
export class LambdaLR extends LRScheduler {
  lrLambdas: EpochFn[];
  protected readonly stateKeys: readonly StateKey[] = [];

  constructor(optimizer: AnyOptimizer, lrLambda: EpochFn | EpochFn[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options: { lrLambda: EpochFn | EpochFn[]; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; lrLambda: EpochFn | EpochFn[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.LambdaLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['lrLambda', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.lrLambdas = lrLambdas(call, a.lrLambda, this.optimizer.paramGroups.length);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    return this.baseLrs.map((base, i) => base * v.number(this.call, 'lr_lambda(epoch)', this.lrLambdas[i](this.lastEpoch)));
  }

  /** As Python: the functions themselves are not saved (lr_lambdas holds null for each). */
  override stateDict(): StateDict {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }
}

/** Multiplies each group's lr by lrLambda(epoch) every epoch after the first. */
export class MultiplicativeLR extends LRScheduler {
  lrLambdas: EpochFn[];
  protected readonly stateKeys: readonly StateKey[] = [];

  constructor(optimizer: AnyOptimizer, lrLambda: EpochFn | EpochFn[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options: { lrLambda: EpochFn | EpochFn[]; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; lrLambda: EpochFn | EpochFn[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.MultiplicativeLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['lrLambda', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.lrLambdas = lrLambdas(call, a.lrLambda, this.optimizer.paramGroups.length);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch > 0) return groups.map((g, i) => g.lr * v.number(this.call, 'lr_lambda(epoch)', this.lrLambdas[i](this.lastEpoch)));
    return groups.map((g) => g.lr);
  }

  override stateDict(): StateDict {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }
}

/** Multiplies the lr by gamma every stepSize epochs. */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;
  protected readonly stateKeys: readonly StateKey[] = [['stepSize', 'step_size', posInt], ['gamma', 'gamma', num_]];

  constructor(optimizer: AnyOptimizer, stepSize: number, gamma?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, stepSize: number, options: { gamma?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { stepSize: number; gamma?: number; lastEpoch?: number; verbose?: boolean });
  /** Every argument by keyword, as in Python's `StepLR(optimizer=opt, step_size=20, gamma=0.1)`. */
  constructor(options: { optimizer: AnyOptimizer; stepSize: number; gamma?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.StepLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['stepSize', 'gamma', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.stepSize = positiveInt(call, 'step_size', a.stepSize);
    this.gamma = num(call, 'gamma', a.gamma, 0.1);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * pow(this.gamma, Math.floor(this.lastEpoch / this.stepSize)));
  }
}

/**
 * MultiStepLR's milestones from a state dict: Python's Counter (torch.load gives a Counter), or an
 * object with the epochs as string keys (JSON, a torch-node file from before the Counter).
 */
function milestoneCounter(call: string, m: unknown): Counter<number> {
  if (!(m instanceof Map) && !v.isPlainObject(m)) throw argError(call, 'milestones', 'a Counter of milestone epochs', m);
  const entries: [unknown, unknown][] = m instanceof Map ? [...m] : Object.entries(m);
  return new Counter(entries.map(([k, n]) => {
    const epoch = typeof k === 'string' && /^-?\d+$/.test(k) ? Number(k) : k;
    return [v.int(call, 'milestones key', epoch), v.int(call, `milestones[${String(k)}]`, n, 0)];
  }));
}

/** Multiplies the lr by gamma at each milestone epoch (by gamma^k for a milestone listed k times). */
export class MultiStepLR extends LRScheduler {
  /** Python's Counter: milestone epoch → how many times it was listed (torch.save writes it as one). */
  milestones: Counter<number>;
  readonly gamma: number;
  protected readonly stateKeys: readonly StateKey[] = [['gamma', 'gamma', num_]];

  constructor(optimizer: AnyOptimizer, milestones: number[], gamma?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, milestones: number[], options: { gamma?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { milestones: number[]; gamma?: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; milestones: number[]; gamma?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.MultiStepLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['milestones', 'gamma', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.milestones = Counter.of(v.ints(call, 'milestones', a.milestones));
    this.gamma = num(call, 'gamma', a.gamma, 0.1);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const count = this.milestones.get(this.lastEpoch);
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * pow(this.gamma, count));
  }
  protected override closedFormLr(): number[] {
    const sorted = [...this.milestones].flatMap(([m, n]) => new Array<number>(n).fill(m)).sort((x, y) => x - y);
    return this.baseLrs.map((base) => base * pow(this.gamma, bisectRight(sorted, this.lastEpoch)));
  }

  override stateDict(): StateDict {
    return { milestones: new Counter(this.milestones), ...super.stateDict() };
  }

  override loadStateDict(stateDict: StateDict): void {
    const call = `${this.call}.load_state_dict`;
    // Checked before the base class loads anything, so that a bad Counter changes nothing.
    const milestones = v.isPlainObject(stateDict) && 'milestones' in stateDict ? milestoneCounter(call, stateDict.milestones) : this.milestones;
    super.loadStateDict(stateDict);
    this.milestones = milestones;
  }
}

/** A factor in [0, 1] (ConstantLR's, LinearLR's), with Python's ValueError message. */
function unitFactor(call: string, name: string, x: unknown, dflt: number, what: string): number {
  const f = num(call, name, x, dflt);
  if (f > 1.0 || f < 0) throw new RangeError(`${call}: ${what} multiplicative factor expected to be between 0 and 1. (${name} = ${f})`);
  return f;
}

/** The lr times `factor` until epoch totalIters, then the lr itself. */
export class ConstantLR extends LRScheduler {
  readonly factor: number;
  readonly totalIters: number;
  protected readonly stateKeys: readonly StateKey[] = [['factor', 'factor', num_], ['totalIters', 'total_iters', int_]];

  constructor(optimizer: AnyOptimizer, factor?: number, totalIters?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: { factor?: number; totalIters?: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; factor?: number; totalIters?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.ConstantLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['factor', 'totalIters', 'lastEpoch', 'verbose'], rest);
    const factor = unitFactor(call, 'factor', a.factor, 1.0 / 3, 'Constant');
    super(call, opt, a.lastEpoch, a.verbose);
    this.factor = factor;
    this.totalIters = a.totalIters === undefined ? 5 : v.int(call, 'total_iters', a.totalIters, 0);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.lastEpoch !== this.totalIters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1.0 / this.factor));
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * (this.factor + Number(this.lastEpoch >= this.totalIters) * (1 - this.factor)));
  }
}

/** The lr times a factor going linearly from startFactor to endFactor over totalIters epochs. */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;
  protected readonly stateKeys: readonly StateKey[] = [['startFactor', 'start_factor', num_], ['endFactor', 'end_factor', num_], ['totalIters', 'total_iters', int_]];

  constructor(optimizer: AnyOptimizer, startFactor?: number, endFactor?: number, totalIters?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: { startFactor?: number; endFactor?: number; totalIters?: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; startFactor?: number; endFactor?: number; totalIters?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.LinearLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['startFactor', 'endFactor', 'totalIters', 'lastEpoch', 'verbose'], rest);
    const startFactor = unitFactor(call, 'start_factor', a.startFactor, 1.0 / 3, 'Starting');
    const endFactor = unitFactor(call, 'end_factor', a.endFactor, 1.0, 'Ending');
    super(call, opt, a.lastEpoch, a.verbose);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = a.totalIters === undefined ? 5 : v.int(call, 'total_iters', a.totalIters, 0);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * s);
    if (this.lastEpoch > n) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1 + (e - s) / (n * s + (this.lastEpoch - 1) * (e - s))));
  }
  protected override closedFormLr(): number[] {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    return this.baseLrs.map((base) => base * (s + ((e - s) * Math.min(n, this.lastEpoch)) / n));
  }
}

/** Multiplies the lr by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  protected readonly stateKeys: readonly StateKey[] = [['gamma', 'gamma', num_]];

  constructor(optimizer: AnyOptimizer, gamma: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, gamma: number, options: { lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { gamma: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; gamma: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.ExponentialLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['gamma', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.gamma = v.number(call, 'gamma', a.gamma);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * pow(this.gamma, this.lastEpoch));
  }
}

/** Decays the lr as (1 - epoch / totalIters) ** power, reaching 0 at totalIters. */
export class PolynomialLR extends LRScheduler {
  readonly totalIters: number;
  readonly power: number;
  protected readonly stateKeys: readonly StateKey[] = [['totalIters', 'total_iters', int_], ['power', 'power', num_]];

  constructor(optimizer: AnyOptimizer, totalIters?: number, power?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options?: { totalIters?: number; power?: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; totalIters?: number; power?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.PolynomialLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['totalIters', 'power', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.totalIters = a.totalIters === undefined ? 5 : v.int(call, 'total_iters', a.totalIters, 0);
    this.power = num(call, 'power', a.power, 1.0);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const { lastEpoch: e, totalIters: n } = this;
    if (e === 0 || e > n) return groups.map((g) => g.lr);
    const decay = pow((1.0 - e / n) / (1.0 - (e - 1) / n), this.power);
    return groups.map((g) => g.lr * decay);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * pow(1.0 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters, this.power));
  }
}

/** Cosine annealing from the initial lr down to etaMin over TMax epochs (SGDR without restarts). */
export class CosineAnnealingLR extends LRScheduler {
  readonly TMax: number;
  readonly etaMin: number;
  protected readonly stateKeys: readonly StateKey[] = [['TMax', 'T_max', posInt], ['etaMin', 'eta_min', num_]];

  constructor(optimizer: AnyOptimizer, TMax: number, etaMin?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, TMax: number, options: { etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { TMax: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; TMax: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.CosineAnnealingLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['TMax', 'etaMin', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    this.TMax = positiveInt(call, 'T_max', a.TMax);
    this.etaMin = num(call, 'eta_min', a.etaMin, 0);
    this._initialStep();
  }

  protected chainedLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const { lastEpoch: e, TMax: T, etaMin } = this;
    if (e === 0) return groups.map((g) => g.lr);
    if (this._stepCount === 1 && e > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + cos((e * Math.PI) / T))) / 2);
    }
    if ((e - 1 - T) % (2 * T) === 0) {
      return groups.map((g, i) => g.lr + ((this.baseLrs[i] - etaMin) * (1 - cos(Math.PI / T))) / 2);
    }
    return groups.map((g) => ((1 + cos((Math.PI * e) / T)) / (1 + cos((Math.PI * (e - 1)) / T))) * (g.lr - etaMin) + etaMin);
  }
  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + cos((Math.PI * this.lastEpoch) / this.TMax))) / 2);
  }
}

/** CyclicLR's and OneCycleLR's per-group arguments: one number for all groups, or one per group. */
function perGroup(call: string, name: string, x: unknown, groups: number): number[] {
  if (Array.isArray(x)) {
    if (x.length !== groups) throw new RangeError(`${call}: expected ${groups} values for ${name}, got ${x.length}`);
    return v.numbers(call, name, x);
  }
  return new Array<number>(groups).fill(v.number(call, name, x));
}

/** A group's momentum: SGD's and RMSprop's momentum, or beta1 of Adam's betas. */
function setMomentum(g: Group, useBeta1: boolean, m: number): void {
  const group = g as unknown as Record<string, unknown>;
  if (useBeta1) group.betas = [m, ...(group.betas as number[]).slice(1)];
  else group.momentum = m;
}

export interface CyclicLROptions {
  stepSizeUp?: number;
  stepSizeDown?: number | null;
  mode?: 'triangular' | 'triangular2' | 'exp_range';
  gamma?: number;
  scaleFn?: ((x: number) => number) | null;
  scaleMode?: 'cycle' | 'iterations';
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  lastEpoch?: number;
  verbose?: boolean;
}
const CYCLIC_ARGS = ['baseLr', 'maxLr', 'stepSizeUp', 'stepSizeDown', 'mode', 'gamma', 'scaleFn', 'scaleMode', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'lastEpoch', 'verbose'];

/**
 * Cycles the lr between baseLr and maxLr (and the momentum inversely between maxMomentum and
 * baseMomentum), stepped after every batch: Smith's cyclical learning rates. The state dict is
 * Python 1.13's less `_scale_fn_ref`, a WeakMethod that torch.save cannot write (PyTorch 2.0 drops it
 * too); a Python CyclicLR made with the same mode loads it.
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  /** A user's scale function; null for the mode's own (saved as None, as Python does; a function is not saved). */
  _scaleFnCustom: ((x: number) => number) | null;
  /** Python's None beside a user's function; its WeakMethod to the mode's function otherwise, which is not saved. */
  _scaleFnRef: null | undefined;
  scaleMode: 'cycle' | 'iterations';
  cycleMomentum: boolean;
  baseMomentums?: number[];
  maxMomentums?: number[];
  protected readonly stateKeys: readonly StateKey[] = [
    ['maxLrs', 'max_lrs', nums], ['totalSize', 'total_size', num_], ['stepRatio', 'step_ratio', num_], ['mode', 'mode', str_], ['gamma', 'gamma', num_],
    // How this scheduler scales, not values to take from a file.
    ['_scaleFnCustom', '_scale_fn_custom', notLoaded], ['_scaleFnRef', '_scale_fn_ref', notLoaded],
    ['scaleMode', 'scale_mode', (c, n, x) => v.oneOf(c, n, x, ['cycle', 'iterations'] as const)], ['cycleMomentum', 'cycle_momentum', bool_],
    ['baseMomentums', 'base_momentums', nums], ['maxMomentums', 'max_momentums', nums],
  ];

  constructor(optimizer: AnyOptimizer, baseLr: number | number[], maxLr: number | number[], stepSizeUp?: number, stepSizeDown?: number | null, mode?: CyclicLROptions['mode'], gamma?: number, scaleFn?: ((x: number) => number) | null, scaleMode?: CyclicLROptions['scaleMode'], cycleMomentum?: boolean, baseMomentum?: number | number[], maxMomentum?: number | number[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, baseLr: number | number[], maxLr: number | number[], options: CyclicLROptions);
  constructor(optimizer: AnyOptimizer, options: { baseLr: number | number[]; maxLr: number | number[] } & CyclicLROptions);
  constructor(options: { optimizer: AnyOptimizer; baseLr: number | number[]; maxLr: number | number[] } & CyclicLROptions);
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.CyclicLR';
    const [optArg, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, CYCLIC_ARGS, rest);
    // As Python, the groups' lrs (and momenta) start at the cycle's base before the base class reads them.
    const opt = optimizerArg(call, optArg);
    const groups = opt.paramGroups;
    const lastEpoch = a.lastEpoch === undefined ? -1 : v.int(call, 'last_epoch', a.lastEpoch, -1);
    const baseLrs = perGroup(call, 'base_lr', a.baseLr, groups.length);
    if (lastEpoch === -1) groups.forEach((g, i) => { g.lr = baseLrs[i]; });
    const maxLrs = perGroup(call, 'max_lr', a.maxLr, groups.length);
    const up = num(call, 'step_size_up', a.stepSizeUp, 2000);
    const down = a.stepSizeDown === undefined || a.stepSizeDown === null ? up : v.number(call, 'step_size_down', a.stepSizeDown);
    const scaleFn = a.scaleFn === undefined || a.scaleFn === null ? null : (v.func(call, 'scale_fn', a.scaleFn) as (x: number) => number);
    const mode = a.mode === undefined ? 'triangular' : v.str(call, 'mode', a.mode);
    if (!['triangular', 'triangular2', 'exp_range'].includes(mode) && scaleFn === null) {
      throw new RangeError(`${call}: mode is invalid and scale_fn is None (mode '${mode}'; expected 'triangular', 'triangular2' or 'exp_range')`);
    }
    const cycleMomentum = a.cycleMomentum === undefined ? true : v.bool(call, 'cycle_momentum', a.cycleMomentum);
    let baseMomentums: number[] | undefined;
    let maxMomentums: number[] | undefined;
    if (cycleMomentum) {
      if (!('momentum' in opt.defaults)) throw new RangeError(`${call}: optimizer must support momentum with \`cycle_momentum\` option enabled`);
      const bm = perGroup(call, 'base_momentum', a.baseMomentum ?? 0.8, groups.length);
      if (lastEpoch === -1) groups.forEach((g, i) => setMomentum(g, false, bm[i]));
      baseMomentums = groups.map((g) => (g as unknown as { momentum: number }).momentum);
      maxMomentums = perGroup(call, 'max_momentum', a.maxMomentum ?? 0.9, groups.length);
    }
    super(call, opt, lastEpoch, a.verbose);
    this.maxLrs = maxLrs;
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    this.mode = mode;
    this.gamma = num(call, 'gamma', a.gamma, 1.0);
    this._scaleFnCustom = scaleFn;
    this._scaleFnRef = scaleFn === null ? undefined : null;
    this.scaleMode = scaleFn === null ? (mode === 'exp_range' ? 'iterations' : 'cycle') : v.oneOf(call, 'scale_mode', a.scaleMode ?? 'cycle', ['cycle', 'iterations'] as const);
    this.cycleMomentum = cycleMomentum;
    this.baseMomentums = baseMomentums;
    this.maxMomentums = maxMomentums;
    this._initialStep();
    this.baseLrs = baseLrs;
  }

  scaleFn(x: number): number {
    x = v.number(`${this.call}.scale_fn`, 'x', x);
    if (this._scaleFnCustom !== null) return v.number(this.call, 'scale_fn(x)', this._scaleFnCustom(x));
    if (this.mode === 'triangular') return 1.0;
    if (this.mode === 'triangular2') return 1 / pow(2.0, x - 1);
    return pow(this.gamma, x);
  }

  /** Also sets each group's momentum when cycleMomentum (as Python's get_lr does). */
  protected chainedLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1.0 + this.lastEpoch / this.totalSize - cycle;
    const scaleFactor = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const scale = (): number => this.scaleFn(this.scaleMode === 'cycle' ? cycle : this.lastEpoch);
    const lrs = this.baseLrs.map((base, i) => base + (this.maxLrs[i] - base) * scaleFactor * scale());
    if (this.cycleMomentum) {
      const momenta = this.baseMomentums!.map((base, i) => this.maxMomentums![i] - (this.maxMomentums![i] - base) * scaleFactor * scale());
      this.optimizer.paramGroups.forEach((g, i) => setMomentum(g, false, momenta[i]));
    }
    return lrs;
  }
}

/** SGDR: cosine annealing from the initial lr to etaMin over T_i epochs, restarting with T_i *= TMult. */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T0: number;
  TI: number;
  TMult: number;
  etaMin: number;
  TCur: number;
  protected readonly stateKeys: readonly StateKey[] = [['T0', 'T_0', posInt], ['TI', 'T_i', num_], ['TMult', 'T_mult', posInt], ['etaMin', 'eta_min', num_], ['TCur', 'T_cur', num_]];

  constructor(optimizer: AnyOptimizer, T0: number, TMult?: number, etaMin?: number, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, T0: number, options: { TMult?: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer, options: { T0: number; TMult?: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; T0: number; TMult?: number; etaMin?: number; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.CosineAnnealingWarmRestarts';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['T0', 'TMult', 'etaMin', 'lastEpoch', 'verbose'], rest);
    if (!(Number.isInteger(a.T0) && (a.T0 as number) > 0)) throw new RangeError(`${call}: Expected positive integer T_0, but got ${shown(a.T0)}`);
    const TMult = a.TMult ?? 1;
    if (!(Number.isInteger(TMult) && (TMult as number) >= 1)) throw new RangeError(`${call}: Expected integer T_mult >= 1, but got ${shown(TMult)}`);
    super(call, opt, a.lastEpoch, a.verbose);
    this.T0 = a.T0 as number;
    this.TI = this.T0;
    this.TMult = TMult as number;
    this.etaMin = num(call, 'eta_min', a.etaMin, 0);
    this.TCur = this.lastEpoch;
    this._initialStep();
  }

  protected chainedLr(): number[] {
    return this.baseLrs.map((base) => this.etaMin + ((base - this.etaMin) * (1 + cos((Math.PI * this.TCur) / this.TI))) / 2);
  }

  /** The next epoch, or Python's `step(epoch)`: a fractional epoch steps within the cycle (`epoch + i / iters` after each batch). */
  override step(epoch?: number): void {
    this._stepEpoch(epoch);
  }

  /** Python's step, which counts no steps and does not warn about their order. */
  override _stepEpoch(epoch: number | undefined): void {
    if (epoch !== undefined) epoch = v.number(`${this.call}.step`, 'epoch', epoch);
    if (epoch === undefined && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined) {
      epoch = this.lastEpoch + 1;
      this.TCur = this.TCur + 1;
      if (this.TCur >= this.TI) {
        this.TCur = this.TCur - this.TI;
        this.TI = this.TI * this.TMult;
      }
    } else {
      if (epoch < 0) throw new RangeError(`${this.call}.step: Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T0) {
        if (this.TMult === 1) {
          this.TCur = epoch % this.T0;
        } else {
          const n = Math.trunc(log((epoch / this.T0) * (this.TMult - 1) + 1) / log(this.TMult));
          this.TCur = epoch - (this.T0 * (pow(this.TMult, n) - 1)) / (this.TMult - 1);
          this.TI = this.T0 * pow(this.TMult, n);
        }
      } else {
        this.TI = this.T0;
        this.TCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this._getLrCalledWithinStep = true;
    let values: number[];
    try {
      values = this.chainedLr();
    } finally {
      this._getLrCalledWithinStep = false;
    }
    this.setLrs(values, epoch);
  }
}

/** One phase of OneCycleLR, with Python's keys (its state dict holds them): the lr and momentum go from start_* to end_* (param group keys) by end_step. */
interface Phase { end_step: number; start_lr: string; end_lr: string; start_momentum: string; end_momentum: string }
/** The param group keys phases name, Python's → torch-node's. */
const GROUP_KEYS: Record<string, 'initialLr' | 'maxLr' | 'minLr' | 'maxMomentum' | 'baseMomentum'> = {
  initial_lr: 'initialLr', max_lr: 'maxLr', min_lr: 'minLr', max_momentum: 'maxMomentum', base_momentum: 'baseMomentum',
};

export interface OneCycleLROptions {
  totalSteps?: number | null;
  epochs?: number | null;
  stepsPerEpoch?: number | null;
  pctStart?: number;
  annealStrategy?: 'cos' | 'linear';
  cycleMomentum?: boolean;
  baseMomentum?: number | number[];
  maxMomentum?: number | number[];
  divFactor?: number;
  finalDivFactor?: number;
  threePhase?: boolean;
  lastEpoch?: number;
  verbose?: boolean;
}
const ONE_CYCLE_ARGS = ['maxLr', 'totalSteps', 'epochs', 'stepsPerEpoch', 'pctStart', 'annealStrategy', 'cycleMomentum', 'baseMomentum', 'maxMomentum', 'divFactor', 'finalDivFactor', 'threePhase', 'lastEpoch', 'verbose'];

/** OneCycleLR's _schedule_phases from a state dict: objects with a number end_step and param group key names. */
const phasesCheck: Check = (call, name, x) => {
  if (!Array.isArray(x) || x.length === 0) throw argError(call, name, 'a non-empty array of phases', x);
  return x.map((p, i): Phase => {
    if (!v.isPlainObject(p)) throw argError(call, `${name}[${i}]`, 'a phase { end_step, start_lr, end_lr, start_momentum, end_momentum }', p);
    const key = (k: string): string => v.oneOf(call, `${name}[${i}].${k}`, p[k], Object.keys(GROUP_KEYS));
    return { end_step: v.number(call, `${name}[${i}].end_step`, p.end_step), start_lr: key('start_lr'), end_lr: key('end_lr'), start_momentum: key('start_momentum'), end_momentum: key('end_momentum') };
  });
};

/** OneCycleLR's annealing from start to end as pct goes from 0 to 1. */
function anneal(strategy: 'cos' | 'linear', start: number, end: number, pct: number): number {
  if (strategy === 'linear') return (end - start) * pct + start;
  const cosOut = cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2.0) * cosOut;
}

function positiveCount(call: string, name: string, x: unknown): number {
  if (!(Number.isInteger(x) && (x as number) > 0)) throw new RangeError(`${call}: Expected positive integer ${name}, but got ${shown(x)}`);
  return x as number;
}

/**
 * The 1cycle policy, stepped after every batch: the lr rises from maxLr/divFactor to maxLr, then
 * anneals to initial/finalDivFactor (momentum, or Adam's beta1, inversely). Its per-group values
 * live in the param groups (initialLr, maxLr, minLr, maxMomentum, baseMomentum), saved with the
 * optimizer's state dict as in Python. The state dict is Python 1.13's less `anneal_func` (a bound
 * method; a Python OneCycleLR made with the same anneal_strategy loads it).
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  _schedulePhases: Phase[];
  readonly annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1?: boolean;
  protected readonly stateKeys: readonly StateKey[] = [['totalSteps', 'total_steps', posInt], ['_schedulePhases', '_schedule_phases', phasesCheck], ['cycleMomentum', 'cycle_momentum', bool_], ['useBeta1', 'use_beta1', bool_]];

  constructor(optimizer: AnyOptimizer, maxLr: number | number[], totalSteps?: number | null, epochs?: number | null, stepsPerEpoch?: number | null, pctStart?: number, annealStrategy?: 'cos' | 'linear', cycleMomentum?: boolean, baseMomentum?: number | number[], maxMomentum?: number | number[], divFactor?: number, finalDivFactor?: number, threePhase?: boolean, lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, maxLr: number | number[], options: OneCycleLROptions);
  constructor(optimizer: AnyOptimizer, options: { maxLr: number | number[] } & OneCycleLROptions);
  constructor(options: { optimizer: AnyOptimizer; maxLr: number | number[] } & OneCycleLROptions);
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.OneCycleLR';
    const [optArg, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ONE_CYCLE_ARGS, rest);
    const opt = optimizerArg(call, optArg);
    const given = (x: unknown): boolean => x !== undefined && x !== null;
    let totalSteps: number;
    if (!given(a.totalSteps) && !given(a.epochs) && !given(a.stepsPerEpoch)) {
      throw new TypeError(`${call}: You must define either total_steps OR (epochs AND steps_per_epoch)`);
    } else if (given(a.totalSteps)) {
      totalSteps = positiveCount(call, 'total_steps', a.totalSteps);
    } else {
      totalSteps = positiveCount(call, 'epochs', a.epochs) * positiveCount(call, 'steps_per_epoch', a.stepsPerEpoch);
    }
    const pctStart = num(call, 'pct_start', a.pctStart, 0.3);
    const phases: Phase[] = a.threePhase === undefined || !v.bool(call, 'three_phase', a.threePhase)
      ? [
        { end_step: pctStart * totalSteps - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
        { end_step: totalSteps - 1, start_lr: 'max_lr', end_lr: 'min_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
      ]
      : [
        { end_step: pctStart * totalSteps - 1, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum' },
        { end_step: 2 * pctStart * totalSteps - 2, start_lr: 'max_lr', end_lr: 'initial_lr', start_momentum: 'base_momentum', end_momentum: 'max_momentum' },
        { end_step: totalSteps - 1, start_lr: 'initial_lr', end_lr: 'min_lr', start_momentum: 'max_momentum', end_momentum: 'max_momentum' },
      ];
    if (pctStart < 0 || pctStart > 1) throw new RangeError(`${call}: Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    const annealStrategy = a.annealStrategy ?? 'cos';
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new RangeError(`${call}: anneal_strategy must by one of 'cos' or 'linear', instead got ${shown(annealStrategy)}`);
    }
    const groups = opt.paramGroups;
    const lastEpoch = a.lastEpoch === undefined ? -1 : v.int(call, 'last_epoch', a.lastEpoch, -1);
    const maxLrs = perGroup(call, 'max_lr', a.maxLr, groups.length);
    const divFactor = num(call, 'div_factor', a.divFactor, 25.0);
    const finalDivFactor = num(call, 'final_div_factor', a.finalDivFactor, 1e4);
    if (lastEpoch === -1) {
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i] / divFactor;
        g.maxLr = maxLrs[i];
        g.minLr = g.initialLr / finalDivFactor;
      });
    }
    const cycleMomentum = a.cycleMomentum === undefined ? true : v.bool(call, 'cycle_momentum', a.cycleMomentum);
    let useBeta1: boolean | undefined;
    if (cycleMomentum) {
      if (!('momentum' in opt.defaults) && !('betas' in opt.defaults)) throw new RangeError(`${call}: optimizer must support momentum with \`cycle_momentum\` option enabled`);
      useBeta1 = 'betas' in opt.defaults;
      const maxMomenta = perGroup(call, 'max_momentum', a.maxMomentum ?? 0.95, groups.length);
      const baseMomenta = perGroup(call, 'base_momentum', a.baseMomentum ?? 0.85, groups.length);
      if (lastEpoch === -1) {
        groups.forEach((g, i) => {
          setMomentum(g, useBeta1!, maxMomenta[i]);
          g.maxMomentum = maxMomenta[i];
          g.baseMomentum = baseMomenta[i];
        });
      }
    }
    super(call, opt, lastEpoch, a.verbose);
    this.totalSteps = totalSteps;
    this._schedulePhases = phases;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = useBeta1;
    this._initialStep();
  }

  /** Also sets each group's momentum (or beta1) when cycleMomentum, as Python's get_lr does. */
  protected chainedLr(): number[] {
    const stepNum = this.lastEpoch;
    if (stepNum > this.totalSteps) {
      throw new RangeError(`${this.call}.step: Tried to step ${stepNum + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    return this.optimizer.paramGroups.map((g, gi) => {
      const value = (key: string): number => {
        const x = g[GROUP_KEYS[key]];
        if (x === undefined) throw new RangeError(`${this.call}: param_groups[${gi}] has no '${key}' (OneCycleLR sets it when made with last_epoch -1; a resumed optimizer has it from its state dict)`);
        return x;
      };
      let startStep = 0;
      const phases = this._schedulePhases;
      for (let i = 0; i < phases.length; i++) {
        const endStep = phases[i].end_step;
        if (stepNum <= endStep || i === phases.length - 1) {
          const pct = (stepNum - startStep) / (endStep - startStep);
          if (this.cycleMomentum) setMomentum(g, this.useBeta1!, anneal(this.annealStrategy, value(phases[i].start_momentum), value(phases[i].end_momentum), pct));
          return anneal(this.annealStrategy, value(phases[i].start_lr), value(phases[i].end_lr), pct);
        }
        startStep = endStep;
      }
      throw new RangeError(`${this.call}: no schedule phases`);
    });
  }
}

function schedulerList<T>(call: string, schedulers: unknown, accepts: (s: unknown) => s is T, what: string): T[] {
  if (!Array.isArray(schedulers) || schedulers.length === 0) throw argError(call, 'schedulers', `a non-empty array of ${what}`, schedulers);
  schedulers.forEach((s, i) => { if (!accepts(s)) throw argError(call, `schedulers[${i}]`, what, s); });
  return schedulers as T[];
}

/** Each scheduler's state dict, loaded into `schedulers` (SequentialLR's and ChainedScheduler's `_schedulers`). */
function loadSchedulers(call: string, schedulers: Array<{ loadStateDict(sd: StateDict): void }>, saved: unknown): void {
  if (!Array.isArray(saved) || saved.length !== schedulers.length) throw argError(call, '_schedulers', `an array of ${schedulers.length} state dicts`, saved);
  schedulers.forEach((s, i) => s.loadStateDict(saved[i] as StateDict));
}

/** Runs schedulers one after another: schedulers[i] from milestones[i - 1] on (restarted at epoch 0 there). */
export class SequentialLR {
  readonly optimizer: AnyOptimizer;
  readonly _schedulers: LRScheduler[];
  _milestones: number[];
  lastEpoch: number;
  protected _lastLr: number[];

  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[], milestones: number[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options: { schedulers: LRScheduler[]; milestones: number[]; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; schedulers: LRScheduler[]; milestones: number[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.SequentialLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['schedulers', 'milestones', 'lastEpoch', 'verbose'], rest);
    this.optimizer = optimizerArg(call, opt);
    const schedulers = schedulerList(call, a.schedulers, (s): s is LRScheduler => s instanceof LRScheduler, 'an lr scheduler (StepLR, LinearLR, ...)');
    schedulers.forEach((s, i) => {
      if (s.optimizer !== this.optimizer) {
        throw new RangeError(`${call}: Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`);
      }
    });
    const milestones = v.ints(call, 'milestones', a.milestones);
    if (milestones.length !== schedulers.length - 1) {
      throw new RangeError(`${call}: Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`);
    }
    if (a.verbose !== undefined) v.bool(call, 'verbose', a.verbose); // accepted, and unused, as in Python
    this._schedulers = schedulers;
    this._milestones = milestones;
    this.lastEpoch = (a.lastEpoch === undefined ? -1 : v.int(call, 'last_epoch', a.lastEpoch, -1)) + 1;
    // Back to the initial lrs, the other schedulers' initial steps undone, and the first one's made.
    this.optimizer.paramGroups.forEach((g, i) => {
      if (g.initialLr === undefined) throw new RangeError(`${call}: param_groups[${i}] has no 'initial_lr'`);
      g.lr = g.initialLr;
    });
    for (const s of schedulers) s.lastEpoch -= 1;
    schedulers[0]._initialStep();
    this._lastLr = schedulers[0].getLastLr();
  }

  step(): void {
    this.lastEpoch += 1;
    const idx = bisectRight(this._milestones, this.lastEpoch);
    const scheduler = this._schedulers[idx];
    if (idx > 0 && this._milestones[idx - 1] === this.lastEpoch) scheduler._stepEpoch(0);
    else scheduler.step();
    this._lastLr = scheduler.getLastLr();
  }

  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** Python's state dict: its own attributes and each scheduler's state dict. */
  stateDict(): StateDict {
    return { _milestones: [...this._milestones], last_epoch: this.lastEpoch, _last_lr: [...this._lastLr], _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  loadStateDict(stateDict: StateDict): void {
    const call = 'optim.lr_scheduler.SequentialLR.load_state_dict';
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'a state dict object', stateDict);
    const milestones = '_milestones' in stateDict ? v.ints(call, '_milestones', stateDict._milestones) : this._milestones;
    const lastEpoch = 'last_epoch' in stateDict ? v.int(call, 'last_epoch', stateDict.last_epoch) : this.lastEpoch;
    const lastLr = '_last_lr' in stateDict ? v.numbers(call, '_last_lr', stateDict._last_lr) : this._lastLr;
    loadSchedulers(call, this._schedulers, stateDict._schedulers);
    [this._milestones, this.lastEpoch, this._lastLr] = [milestones, lastEpoch, lastLr];
  }
}

type Chainable = LRScheduler | SequentialLR | ChainedScheduler;

/** Steps every scheduler (of one optimizer) at each step(): their lr changes compose. */
export class ChainedScheduler {
  readonly optimizer: AnyOptimizer;
  readonly _schedulers: Chainable[];
  protected _lastLr: number[];

  constructor(schedulers: Chainable[]);
  constructor(options: { schedulers: Chainable[] });
  constructor(schedulers: Chainable[] | { schedulers: Chainable[] }) {
    const call = 'optim.lr_scheduler.ChainedScheduler';
    const list = v.isPlainObject(schedulers) ? (v.knownOptions(call, schedulers, ['schedulers']), schedulers.schedulers) : schedulers;
    const accepts = (s: unknown): s is Chainable => s instanceof LRScheduler || s instanceof SequentialLR || s instanceof ChainedScheduler;
    this._schedulers = [...schedulerList(call, list, accepts, 'an lr scheduler (StepLR, LinearLR, ..., SequentialLR, ChainedScheduler)')];
    this._schedulers.forEach((s, i) => {
      if (s.optimizer !== this._schedulers[0].optimizer) {
        throw new RangeError(`${call}: ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`);
      }
    });
    this.optimizer = this._schedulers[0].optimizer;
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  step(): void {
    for (const s of this._schedulers) s.step();
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  getLastLr(): number[] {
    return [...this._lastLr];
  }

  stateDict(): StateDict {
    return { _last_lr: [...this._lastLr], _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }

  loadStateDict(stateDict: StateDict): void {
    const call = 'optim.lr_scheduler.ChainedScheduler.load_state_dict';
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'a state dict object', stateDict);
    const lastLr = '_last_lr' in stateDict ? v.numbers(call, '_last_lr', stateDict._last_lr) : this._lastLr;
    loadSchedulers(call, this._schedulers, stateDict._schedulers);
    this._lastLr = lastLr;
  }
}

export interface ReduceLROnPlateauOptions {
  mode?: 'min' | 'max';
  factor?: number;
  patience?: number;
  threshold?: number;
  thresholdMode?: 'rel' | 'abs';
  cooldown?: number;
  minLr?: number | number[];
  eps?: number;
  verbose?: boolean;
}

const PLATEAU_KEYS: readonly StateKey[] = [
  ['factor', 'factor', num_], ['minLrs', 'min_lrs', nums], ['patience', 'patience', int_], ['verbose', 'verbose', bool_], ['cooldown', 'cooldown', int_],
  ['cooldownCounter', 'cooldown_counter', int_], ['mode', 'mode', (c, n, x) => v.oneOf(c, n, x, ['min', 'max'] as const)], ['threshold', 'threshold', num_],
  ['thresholdMode', 'threshold_mode', (c, n, x) => v.oneOf(c, n, x, ['rel', 'abs'] as const)],
  ['best', 'best', num_], ['numBadEpochs', 'num_bad_epochs', int_], ['modeWorse', 'mode_worse', num_], ['eps', 'eps', num_], ['lastEpoch', 'last_epoch', int_],
  ['_lastLr', '_last_lr', nums],
];

/** Reduces the lr by `factor` once a metric has stopped improving for `patience` epochs. */
export class ReduceLROnPlateau {
  readonly optimizer: AnyOptimizer;
  mode: 'min' | 'max';
  factor: number;
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  cooldown: number;
  cooldownCounter = 0;
  minLrs: number[];
  eps: number;
  verbose: boolean;
  best = Infinity;
  numBadEpochs = 0;
  modeWorse = Infinity;
  lastEpoch = 0;
  /** Set by the first step(), as in Python (whose state dict has no _last_lr before it). */
  protected _lastLr?: number[];

  constructor(optimizer: AnyOptimizer, options?: ReduceLROnPlateauOptions);
  constructor(optimizer: AnyOptimizer, mode?: 'min' | 'max', factor?: number, patience?: number, threshold?: number, thresholdMode?: 'rel' | 'abs', cooldown?: number, minLr?: number | number[], eps?: number, verbose?: boolean);
  constructor(options: { optimizer: AnyOptimizer } & ReduceLROnPlateauOptions);
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.ReduceLROnPlateau';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['mode', 'factor', 'patience', 'threshold', 'thresholdMode', 'cooldown', 'minLr', 'eps', 'verbose'], rest);
    this.factor = a.factor === undefined ? 0.1 : v.number(call, 'factor', a.factor);
    if (!(this.factor < 1)) throw new RangeError(`${call}: Factor should be < 1.0., got ${this.factor}`);
    this.optimizer = optimizerArg(call, opt);
    const n = this.optimizer.paramGroups.length;
    if (Array.isArray(a.minLr)) {
      if (a.minLr.length !== n) throw new RangeError(`${call}: expected ${n} min_lrs, got ${a.minLr.length}`);
      this.minLrs = a.minLr.map((x, i) => v.number(call, `min_lr[${i}]`, x));
    } else {
      this.minLrs = new Array(n).fill(a.minLr === undefined ? 0 : v.number(call, 'min_lr', a.minLr));
    }
    this.patience = a.patience === undefined ? 10 : v.int(call, 'patience', a.patience, 0);
    this.verbose = a.verbose === undefined ? false : v.bool(call, 'verbose', a.verbose);
    this.cooldown = a.cooldown === undefined ? 0 : v.int(call, 'cooldown', a.cooldown, 0);
    this.mode = v.oneOf(call, 'mode', a.mode ?? 'min', ['min', 'max'] as const);
    this.threshold = a.threshold === undefined ? 1e-4 : v.number(call, 'threshold', a.threshold);
    this.thresholdMode = v.oneOf(call, 'threshold_mode', a.thresholdMode ?? 'rel', ['rel', 'abs'] as const);
    this.eps = a.eps === undefined ? 1e-8 : v.number(call, 'eps', a.eps);
    this.initIsBetter();
    this.reset();
  }

  private initIsBetter(): void {
    this.modeWorse = this.mode === 'min' ? Infinity : -Infinity;
  }
  private reset(): void {
    this.best = this.modeWorse;
    this.cooldownCounter = 0;
    this.numBadEpochs = 0;
  }
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }
  isBetter(a: number, best: number): boolean {
    a = v.number('optim.lr_scheduler.ReduceLROnPlateau.is_better', 'a', a);
    best = v.number('optim.lr_scheduler.ReduceLROnPlateau.is_better', 'best', best);
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  /** One epoch with its validation metric (a number or a one-element Tensor). */
  step(metrics: number | Tensor, ...rest: unknown[]): void {
    const call = 'optim.lr_scheduler.ReduceLROnPlateau.step';
    if (rest.length > 0) throw new TypeError(`${call}: the epoch argument is deprecated in PyTorch and not supported`);
    const current = metrics instanceof Tensor ? Number(metrics.item()) : v.number(call, 'metrics', metrics);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  private reduceLr(): void {
    this.optimizer.paramGroups.forEach((g, i) => {
      const oldLr = g.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i]);
      if (oldLr - newLr > this.eps) {
        g.lr = newLr;
        if (this.verbose) console.log(`Epoch ${String(this.lastEpoch).padStart(5, '0')}: reducing learning rate of group ${i} to ${sci(newLr)}.`);
      }
    });
  }

  getLastLr(): number[] {
    return [...(this._lastLr ?? [])];
  }

  stateDict(): StateDict {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(PLATEAU_KEYS.filter(([field]) => self[field] !== undefined).map(([field, key]) => [key, structuredClone(self[field])]));
  }

  loadStateDict(stateDict: StateDict): void {
    const call = 'optim.lr_scheduler.ReduceLROnPlateau.load_state_dict';
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'a state dict object', stateDict);
    loadKeys(this, call, stateDict, PLATEAU_KEYS);
    this.initIsBetter();
  }
}
