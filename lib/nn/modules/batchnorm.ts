// torch.nn.BatchNorm1d/2d/3d and LazyBatchNorm1d/2d/3d (torch/nn/modules/batchnorm.py, PyTorch 1.13),
// TypeScript over F.batch_norm: batch statistics in training (updating running_mean, running_var and
// num_batches_tracked), running statistics in eval. _NormBase is shared with instancenorm.ts.
import { Tensor, tensorArg } from '../../tensor';
import { empty, ones, tensor, zeros } from '../../creation';
import { int64 } from '../../dtype';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { FactoryKwargs, factoryKwargs, pyFloat, pyRepr } from './utils';
import * as dist from '../../distributed/distributed_c10d';
import { SyncBatchNorm as syncBatchNorm } from './_functions';
import { UninitializedBuffer, UninitializedParameter, hasUninitializedParams, inferParameters, lazyLoadHook, warnLazy } from './lazy';

export interface NormOptions extends FactoryKwargs {
  numFeatures?: number;
  eps?: number;
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

const FACTORY = ['device', 'dtype'] as const;

/** The class a Lazy*Norm becomes (its static clsToBecome); undefined for the eager classes. */
function lazyTarget(cls: unknown): (abstract new (...a: never[]) => Module) | undefined {
  return (cls as { clsToBecome?: abstract new (...a: never[]) => Module }).clsToBecome;
}

/** Python's _NormBase (and _LazyNormBase when the class is lazy). */
export abstract class _NormBase extends Module {
  static override _version = 2;
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  declare numFeatures: number;
  declare eps: number;
  declare momentum: number | null;
  declare affine: boolean;
  declare trackRunningStats: boolean;

  /** `defaults`: affine and track_running_stats (True for BatchNorm, False for InstanceNorm). */
  protected constructor(defaults: boolean, args: unknown[]) {
    super();
    const name = new.target.name;
    const call = `nn.${name}`;
    const lazy = lazyTarget(new.target) !== undefined;
    const names = ['numFeatures', 'eps', 'momentum', 'affine', 'trackRunningStats'];
    const a = v.bindArgs(call, lazy ? names.slice(1) : names, args, FACTORY);
    const numFeatures = lazy ? 0 : v.int(call, 'num_features', a.numFeatures, 1);
    const eps = a.eps === undefined ? 1e-5 : v.finite(call, 'eps', a.eps);
    const momentum = a.momentum === undefined ? 0.1 : a.momentum === null ? null : v.finite(call, 'momentum', a.momentum);
    // _LazyNormBase's defaults are True, also for the lazy instance norms (as in PyTorch 1.13).
    const def = lazy ? true : defaults;
    const affine = a.affine === undefined ? def : v.bool(call, 'affine', a.affine);
    const track = a.trackRunningStats === undefined ? def : v.bool(call, 'track_running_stats', a.trackRunningStats);
    const fk = factoryKwargs(call, a);

    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    // A lazy module is built with affine and track_running_stats off, then gets uninitialized tensors.
    this.affine = lazy ? false : affine;
    this.trackRunningStats = lazy ? false : track;
    if (this.affine) {
      this.weight = new Parameter(empty([numFeatures], fk));
      this.bias = new Parameter(empty([numFeatures], fk));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    if (this.trackRunningStats) {
      this.registerBuffer('running_mean', zeros([numFeatures], fk));
      this.registerBuffer('running_var', ones([numFeatures], fk));
      this.registerBuffer('num_batches_tracked', tensor(0, { dtype: int64, device: fk.device }));
    } else {
      this.registerBuffer('running_mean', null);
      this.registerBuffer('running_var', null);
      this.registerBuffer('num_batches_tracked', null);
    }
    this.resetParameters();
    if (lazy) {
      warnLazy();
      this.affine = affine;
      this.trackRunningStats = track;
      if (affine) {
        this.weight = new UninitializedParameter(true, fk);
        this.bias = new UninitializedParameter(true, fk);
      }
      if (track) {
        this.running_mean = new UninitializedBuffer(false, fk);
        this.running_var = new UninitializedBuffer(false, fk);
        this.num_batches_tracked = tensor(0, { dtype: int64, device: fk.device });
      }
    }
  }

  /** Python's `running_mean` buffer. */
  get runningMean(): Tensor | null { return this.running_mean; }
  get runningVar(): Tensor | null { return this.running_var; }
  get numBatchesTracked(): Tensor | null { return this.num_batches_tracked; }

  /** `reset_running_stats()`: running_mean 0, running_var 1, num_batches_tracked 0. */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    this.running_mean!.zero_();
    this.running_var!.fill_(1);
    this.num_batches_tracked!.zero_();
  }

  /** `reset_parameters()`: the running stats, then weight 1 and bias 0. A lazy module waits for its shapes. */
  resetParameters(): void {
    if (lazyTarget(this.constructor) !== undefined && (hasUninitializedParams(this) || this.numFeatures === 0)) return;
    this.resetRunningStats();
    if (this.affine) {
      init.ones_(this.weight!);
      init.zeros_(this.bias!);
    }
  }

  /** _LazyNormBase.initialize_parameters(input): num_features from input.shape[1]. */
  initializeParameters(input: unknown): void {
    if (!hasUninitializedParams(this)) return;
    const x = tensorArg(`nn.${this.constructor.name}.forward`, 'input', input);
    if (x.dim() < 2) throw new RangeError(`nn.${this.constructor.name}.forward: input must have at least 2 dimensions (N, C, ...), got a ${x.dim()}-D tensor`);
    this.numFeatures = x.shape[1];
    if (this.affine) {
      (this.weight as UninitializedParameter).materialize([this.numFeatures]);
      (this.bias as UninitializedParameter).materialize([this.numFeatures]);
    }
    if (this.trackRunningStats) {
      (this.running_mean as UninitializedBuffer).materialize([this.numFeatures]);
      (this.running_var as UninitializedBuffer).materialize([this.numFeatures]);
    }
    this.resetParameters();
  }

  hasUninitializedParams(): boolean {
    return hasUninitializedParams(this);
  }

  /** Runs Python's `_infer_parameters` pre-hook on the first forward of a lazy module. */
  protected _inferParameters(input: unknown): void {
    const target = lazyTarget(this.constructor);
    if (target !== undefined) inferParameters(this, target, [input]);
  }

  // A checkpoint of a version-1 module (before PyTorch 0.4.1), or a state dict without version
  // metadata, may lack num_batches_tracked: it loads as 0, as PyTorch does.
  protected override _loadFromStateDict(sd: Map<string, Tensor>, prefix: string, missingKeys: string[], unexpectedKeys: string[], errors: string[]): void {
    if (lazyTarget(this.constructor) !== undefined && hasUninitializedParams(this)) lazyLoadHook(this, sd, prefix);
    const key = prefix + 'num_batches_tracked';
    const version = this._localMetadata().version;
    if ((typeof version !== 'number' || version < 2) && this.trackRunningStats && !sd.has(key)) {
      sd = new Map(sd);
      sd.set(key, tensor(0, { dtype: int64 }));
    }
    super._loadFromStateDict(sd, prefix, missingKeys, unexpectedKeys, errors);
  }

  override extraRepr(): string {
    const m = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${m}, affine=${pyRepr(this.affine)}, track_running_stats=${pyRepr(this.trackRunningStats)}`;
  }
}

/** Python's _BatchNorm. */
abstract class _BatchNorm extends _NormBase {
  protected constructor(args: unknown[]) {
    super(true, args);
  }

  /** `_check_input_dim`: the ranks the layer takes. */
  protected abstract _checkInputDim(x: Tensor): void;

  override forward(input: Tensor): Tensor {
    this._inferParameters(input);
    const x = tensorArg(`nn.${this.constructor.name}.forward`, 'input', input);
    this._checkInputDim(x);
    let factor = this.momentum === null ? 0.0 : this.momentum;
    if (this.training && this.trackRunningStats && this.num_batches_tracked !== null) {
      this.num_batches_tracked.add_(1);
      factor = this.momentum === null ? 1.0 / Number(this.num_batches_tracked.item()) : this.momentum;
    }
    const bnTraining = this.training ? true : this.running_mean === null && this.running_var === null;
    const passStats = !this.training || this.trackRunningStats;
    return F.batchNorm(x, passStats ? this.running_mean : null, passStats ? this.running_var : null, this.weight, this.bias, bnTraining, factor, this.eps);
  }
}

function checkDims(x: Tensor, dims: number[]): void {
  if (!dims.includes(x.dim())) throw new RangeError(`expected ${dims.map((d) => `${d}D`).join(' or ')} input (got ${x.dim()}D input)`);
}

/** `nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`: (N, C) or (N, C, L) input. */
export class BatchNorm1d extends _BatchNorm {
  constructor(numFeatures: number | NormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(args); }
  protected _checkInputDim(x: Tensor): void { checkDims(x, [2, 3]); }
}

/** `nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`: (N, C, H, W) input. */
export class BatchNorm2d extends _BatchNorm {
  constructor(numFeatures: number | NormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(args); }
  protected _checkInputDim(x: Tensor): void { checkDims(x, [4]); }
}

/** `nn.BatchNorm3d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`: (N, C, D, H, W) input. */
export class BatchNorm3d extends _BatchNorm {
  constructor(numFeatures: number | NormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(args); }
  protected _checkInputDim(x: Tensor): void { checkDims(x, [5]); }
}

export type LazyNormOptions = Omit<NormOptions, 'numFeatures'>;

/** `nn.LazyBatchNorm1d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`: num_features from the first input. */
export class LazyBatchNorm1d extends BatchNorm1d {
  static readonly clsToBecome = BatchNorm1d;
  constructor(eps?: number | LazyNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(...(args as [number])); }
}

/** `nn.LazyBatchNorm2d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`. */
export class LazyBatchNorm2d extends BatchNorm2d {
  static readonly clsToBecome = BatchNorm2d;
  constructor(eps?: number | LazyNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(...(args as [number])); }
}

/** `nn.LazyBatchNorm3d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`. */
export class LazyBatchNorm3d extends BatchNorm3d {
  static readonly clsToBecome = BatchNorm3d;
  constructor(eps?: number | LazyNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(...(args as [number])); }
}

export interface SyncBatchNormOptions extends NormOptions {
  /** The process group whose ranks share the statistics (default: the whole world). */
  processGroup?: unknown;
}

/**
 * `nn.SyncBatchNorm(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True,
 * process_group=None, device=None, dtype=None)`: BatchNorm whose training statistics are those of the
 * whole batch across the ranks of a process group (default: the world). Where no synchronization is
 * needed (eval, or a group of one) it is BatchNorm.
 *
 * Unlike PyTorch 1.13, which refuses CPU input ("SyncBatchNorm expected input tensor to be on GPU")
 * and SyncBatchNorm in a CPU DistributedDataParallel, torch-node synchronizes CPU tensors too (Gloo):
 * the CUDA-only kernels of Python's autograd function are written for the CPU in native/distributed.cc.
 */
export class SyncBatchNorm extends _BatchNorm {
  processGroup: dist.Group | null;

  constructor(numFeatures: number | SyncBatchNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    // process_group is Python's sixth positional parameter; _NormBase takes the first five.
    const positional = args.filter((x, i) => !(i === args.length - 1 && v.isPlainObject(x)));
    const last = args.length > 0 && v.isPlainObject(args[args.length - 1]) ? { ...(args[args.length - 1] as Record<string, unknown>) } : {};
    const group = positional.length >= 6 ? positional[5] : last.processGroup;
    if (positional.length > 6) throw new TypeError(`nn.SyncBatchNorm: takes at most 6 positional arguments but ${positional.length} were given`);
    if (positional.length >= 6 && last.processGroup !== undefined) throw new TypeError("nn.SyncBatchNorm: got multiple values for argument 'process_group'");
    delete last.processGroup;
    super([...positional.slice(0, 5), last]);
    this.processGroup = group === undefined || group === null ? null : dist._groupArg('nn.SyncBatchNorm', group);
  }

  protected _checkInputDim(x: Tensor): void {
    if (x.dim() < 2) throw new RangeError(`expected at least 2D input (got ${x.dim()}D input)`);
  }

  override forward(input: Tensor): Tensor {
    const x = tensorArg('nn.SyncBatchNorm.forward', 'input', input);
    this._checkInputDim(x);
    if (x.size(1) === 0) throw new RangeError('SyncBatchNorm number of input channels should be non-zero');
    let factor = this.momentum === null ? 0.0 : this.momentum;
    if (this.training && this.trackRunningStats && this.num_batches_tracked !== null) {
      this.num_batches_tracked.add_(1);
      factor = this.momentum === null ? 1.0 / Number(this.num_batches_tracked.item()) : this.momentum;
    }
    const bnTraining = this.training ? true : this.running_mean === null && this.running_var === null;
    const passStats = !this.training || this.trackRunningStats;
    const runningMean = passStats ? this.running_mean : null;
    const runningVar = passStats ? this.running_var : null;
    // Don't sync batchnorm stats in inference mode (model.eval()).
    if (bnTraining && this.training) {
      const group = this.processGroup ?? dist.group.WORLD;
      const worldSize = dist.getWorldSize(group); // -1 on a rank outside the group: no sync, as in Python
      if (worldSize > 1) return syncBatchNorm.apply(x, this.weight, this.bias, runningMean, runningVar, this.eps, factor, group as dist.ProcessGroup, worldSize);
    }
    return F.batchNorm(x, runningMean, runningVar, this.weight, this.bias, bnTraining, factor, this.eps);
  }

  /**
   * `SyncBatchNorm.convert_sync_batchnorm(module, process_group=None)`: the module with every
   * BatchNorm*d replaced by a SyncBatchNorm holding the same parameters and buffers.
   */
  static convertSyncBatchnorm(module: Module, processGroup: unknown = null): Module {
    if (!(module instanceof Module)) throw new TypeError(`nn.SyncBatchNorm.convert_sync_batchnorm: module must be an nn.Module, got ${typeof module}`);
    let out: Module = module;
    if (module instanceof _BatchNorm) {
      const bn = new SyncBatchNorm(module.numFeatures, module.eps, module.momentum, module.affine, module.trackRunningStats, processGroup);
      if (module.affine) {
        bn.weight = module.weight;
        bn.bias = module.bias;
      }
      bn.running_mean = module.running_mean;
      bn.running_var = module.running_var;
      bn.num_batches_tracked = module.num_batches_tracked;
      out = bn;
    }
    for (const [name, child] of [...module.namedChildren()]) out.addModule(name, SyncBatchNorm.convertSyncBatchnorm(child, processGroup));
    return out;
  }
}
