// torch.optim.lr_scheduler, following torch/optim/lr_scheduler.py of PyTorch 1.13. StepLR is libtorch's
// torch::optim::StepLR; the others have no libtorch counterpart and are written here, line for line
// after Python's chainable forms, so that the learning-rate sequences are Python's.
import { native } from '../native';
import { Tensor } from '../tensor';
import { argError } from '../errors';
import * as v from '../validate';
import { bindArgs } from '../validate';
import { Counter } from '../collections';
import { Optimizer, nativeHandle } from './optimizer';

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

/** Python's '{:.4e}': 1.0000e-01 (JS writes 1.0000e-1). */
function sci(x: number): string {
  return x.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * The base of the epoch-based schedulers (Python's `_LRScheduler`). Subclasses set their own fields,
 * then call `initialStep()`, which is where Python's base constructor steps once to epoch 0.
 */
export abstract class LRScheduler {
  readonly optimizer: AnyOptimizer;
  baseLrs: number[];
  lastEpoch: number;
  verbose: boolean;
  _stepCount = 0;
  protected _lastLr: number[] = [];
  protected readonly call: string;
  /** [field, Python key] pairs that stateDict() saves besides the base ones. */
  protected abstract readonly stateKeys: ReadonlyArray<readonly [string, string]>;

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

  protected initialStep(): void {
    this.optimizer._stepCount = 0;
    this._stepCount = 0;
    this.step();
  }

  /** Sets each group's lr for epoch `lastEpoch` (already advanced). */
  protected abstract update(): void;

  protected setLrs(values: number[]): void {
    v.numbers(`${this.call}.set_lrs`, 'values', values);
    this.optimizer.paramGroups.forEach((g, i) => { g.lr = values[i]; });
  }

  /** Advances one epoch. Python's deprecated `step(epoch)` form is not offered. */
  step(...args: unknown[]): void {
    if (args.length > 0) {
      throw new TypeError(`${this.call}.step: the epoch argument is deprecated in PyTorch and not supported; call step() once per epoch`);
    }
    if (this._stepCount === 1 && this.optimizer._stepCount < 1) {
      process.emitWarning(
        'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: ' +
          '`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule.',
        'UserWarning',
      );
    }
    this._stepCount++;
    this.lastEpoch++;
    this.update();
    this._lastLr = this.optimizer.paramGroups.map((g) => g.lr);
    if (this.verbose) this._lastLr.forEach((lr, i) => console.log(`Adjusting learning rate of group ${i} to ${sci(lr)}.`));
  }

  /** The learning rate of each group after the last step(). */
  getLastLr(): number[] {
    return [...this._lastLr];
  }

  /** Python's state_dict(): every attribute but the optimizer, under Python's names. */
  stateDict(): StateDict {
    const out: StateDict = {};
    const self = this as unknown as Record<string, unknown>;
    for (const [field, key] of this.stateKeys) out[key] = structuredClone(self[field]);
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

  loadStateDict(stateDict: StateDict): void {
    const call = `${this.call}.load_state_dict`;
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'a state dict object', stateDict);
    const self = this as unknown as Record<string, unknown>;
    for (const [field, key] of this.stateKeys) if (key in stateDict) self[field] = structuredClone(stateDict[key]);
    if ('base_lrs' in stateDict) this.baseLrs = v.numbers(call, 'base_lrs', stateDict.base_lrs);
    if ('last_epoch' in stateDict) this.lastEpoch = v.int(call, 'last_epoch', stateDict.last_epoch, -1);
    if ('verbose' in stateDict) this.verbose = v.bool(call, 'verbose', stateDict.verbose);
    if ('_step_count' in stateDict) this._stepCount = v.int(call, '_step_count', stateDict._step_count, 0);
    if ('_last_lr' in stateDict) this._lastLr = v.numbers(call, '_last_lr', stateDict._last_lr);
  }
}

function positiveInt(call: string, name: string, x: unknown): number {
  return v.int(call, name, x, 1);
}

/** lr = base_lr * lrLambda(epoch); one function for all groups or one per group. */
export class LambdaLR extends LRScheduler {
  lrLambdas: ((epoch: number) => number)[];
  protected readonly stateKeys = [] as const;

  constructor(optimizer: AnyOptimizer, lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[], lastEpoch?: number, verbose?: boolean);
  constructor(optimizer: AnyOptimizer, options: { lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[]; lastEpoch?: number; verbose?: boolean });
  constructor(options: { optimizer: AnyOptimizer; lrLambda: ((epoch: number) => number) | ((epoch: number) => number)[]; lastEpoch?: number; verbose?: boolean });
  constructor(optimizer: AnyOptimizer | object, ...args: unknown[]) {
    const call = 'optim.lr_scheduler.LambdaLR';
    const [opt, rest] = keywordCall(optimizer, args);
    const a = bindArgs(call, ['lrLambda', 'lastEpoch', 'verbose'], rest);
    super(call, opt, a.lastEpoch, a.verbose);
    const n = this.optimizer.paramGroups.length;
    if (Array.isArray(a.lrLambda)) {
      if (a.lrLambda.length !== n) throw new RangeError(`${call}: Expected ${n} lr_lambdas, but got ${a.lrLambda.length}`);
      this.lrLambdas = a.lrLambda.map((f, i) => v.func(call, `lr_lambda[${i}]`, f) as (e: number) => number);
    } else {
      this.lrLambdas = new Array(n).fill(v.func(call, 'lr_lambda', a.lrLambda));
    }
    this.initialStep();
  }

  getLr(): number[] {
    return this.baseLrs.map((base, i) => base * v.number(this.call, 'lr_lambda(epoch)', this.lrLambdas[i](this.lastEpoch)));
  }
  protected update(): void { this.setLrs(this.getLr()); }

  /** As Python: the functions themselves are not saved (lr_lambdas holds null for each). */
  override stateDict(): StateDict {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }
}

/**
 * Multiplies the lr by gamma every stepSize epochs. The decay is libtorch's torch::optim::StepLR,
 * whose counter starts at 0 where Python's last_epoch starts at -1: as Python's constructor steps once
 * to epoch 0 (a step libtorch also leaves unchanged), stepping libtorch with its counter at
 * last_epoch gives Python's sequence exactly.
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;
  protected readonly stateKeys = [['stepSize', 'step_size'], ['gamma', 'gamma']] as const;
  #handle: unknown;

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
    this.gamma = a.gamma === undefined ? 0.1 : v.number(call, 'gamma', a.gamma);
    if (this.stepSize > 0xffffffff) throw argError(call, 'step_size', 'an integer below 2^32', this.stepSize, 'range');
    this.#handle = native.stepLrCreate(nativeHandle(this.optimizer), this.stepSize, this.gamma);
    this.initialStep();
  }

  protected update(): void {
    native.stepLrStep(this.#handle, this.lastEpoch);
  }

  override loadStateDict(stateDict: StateDict): void {
    const call = `${this.call}.load_state_dict`;
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'a state dict object', stateDict);
    for (const [key, check] of [['step_size', positiveInt], ['gamma', v.number]] as const) {
      // stepSize and gamma live in libtorch's scheduler too; a state dict must not disagree with it.
      if (key in stateDict && check(call, key, stateDict[key]) !== (key === 'gamma' ? this.gamma : this.stepSize)) {
        throw new RangeError(`${call}: ${key} ${String(stateDict[key])} differs from this scheduler's; construct StepLR with it instead`);
      }
    }
    super.loadStateDict(stateDict);
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
  protected readonly stateKeys = [['gamma', 'gamma']] as const;

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
    this.gamma = a.gamma === undefined ? 0.1 : v.number(call, 'gamma', a.gamma);
    this.initialStep();
  }

  getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const count = this.milestones.get(this.lastEpoch);
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }
  protected update(): void { this.setLrs(this.getLr()); }

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

/** Multiplies the lr by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;
  protected readonly stateKeys = [['gamma', 'gamma']] as const;

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
    this.initialStep();
  }

  getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected update(): void { this.setLrs(this.getLr()); }
}

/** Cosine annealing from the initial lr down to etaMin over TMax epochs (SGDR without restarts). */
export class CosineAnnealingLR extends LRScheduler {
  readonly TMax: number;
  readonly etaMin: number;
  protected readonly stateKeys = [['TMax', 'T_max'], ['etaMin', 'eta_min']] as const;

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
    this.etaMin = a.etaMin === undefined ? 0 : v.number(call, 'eta_min', a.etaMin);
    this.initialStep();
  }

  getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const { lastEpoch: e, TMax: T, etaMin } = this;
    if (e === 0) return groups.map((g) => g.lr);
    if (this._stepCount === 1 && e > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    }
    if ((e - 1 - T) % (2 * T) === 0) {
      return groups.map((g, i) => g.lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / T))) / 2);
    }
    return groups.map((g) => ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * (g.lr - etaMin) + etaMin);
  }
  protected update(): void { this.setLrs(this.getLr()); }
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

const PLATEAU_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['factor', 'factor'], ['minLrs', 'min_lrs'], ['patience', 'patience'], ['verbose', 'verbose'], ['cooldown', 'cooldown'],
  ['cooldownCounter', 'cooldown_counter'], ['mode', 'mode'], ['threshold', 'threshold'], ['thresholdMode', 'threshold_mode'],
  ['best', 'best'], ['numBadEpochs', 'num_bad_epochs'], ['modeWorse', 'mode_worse'], ['eps', 'eps'], ['lastEpoch', 'last_epoch'],
  ['_lastLr', '_last_lr'],
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
  protected _lastLr: number[] = [];

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
    return [...this._lastLr];
  }

  stateDict(): StateDict {
    const self = this as unknown as Record<string, unknown>;
    return Object.fromEntries(PLATEAU_KEYS.map(([field, key]) => [key, structuredClone(self[field])]));
  }

  loadStateDict(stateDict: StateDict): void {
    if (!v.isPlainObject(stateDict)) throw argError('optim.lr_scheduler.ReduceLROnPlateau.load_state_dict', 'state_dict', 'a state dict object', stateDict);
    const self = this as unknown as Record<string, unknown>;
    for (const [field, key] of PLATEAU_KEYS) if (key in stateDict) self[field] = structuredClone(stateDict[key]);
    this.initIsBetter();
  }
}
