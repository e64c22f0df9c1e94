// torch.nn.BatchNorm1d and BatchNorm2d (torch/nn/modules/batchnorm.py), on libtorch's modules:
// batch statistics in training (updating running_mean, running_var, num_batches_tracked), running
// statistics in eval.
import { Tensor } from '../../tensor';
import { tensor } from '../../creation';
import { int64 } from '../../dtype';
import { Parameter } from '../parameter';
import { NativeLeaf, pyFloat, pyRepr } from './native_leaf';
import * as v from '../../validate';

export interface BatchNormOptions {
  numFeatures?: number;
  eps?: number;
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

abstract class BatchNorm extends NativeLeaf {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  declare running_mean: Tensor | null;
  declare running_var: Tensor | null;
  declare num_batches_tracked: Tensor | null;
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;

  constructor(kind: string, args: unknown[]) {
    super();
    const call = `nn.${kind}`;
    const a = v.bindArgs(call, ['numFeatures', 'eps', 'momentum', 'affine', 'trackRunningStats'], args);
    this.numFeatures = v.int(call, 'num_features', a.numFeatures, 1);
    this.eps = a.eps === undefined ? 1e-5 : v.finite(call, 'eps', a.eps);
    this.momentum = a.momentum === undefined ? 0.1 : a.momentum === null ? null : v.finite(call, 'momentum', a.momentum);
    this.affine = a.affine === undefined ? true : v.bool(call, 'affine', a.affine);
    this.trackRunningStats = a.trackRunningStats === undefined ? true : v.bool(call, 'track_running_stats', a.trackRunningStats);
    this._create(kind, this.numFeatures, this.eps, this.momentum, this.affine, this.trackRunningStats);
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

  // A checkpoint without num_batches_tracked (saved before PyTorch 0.4.1, or a state dict without
  // version metadata, as torch.load gives) loads it as 0, as PyTorch does.
  protected override _loadFromStateDict(sd: Map<string, Tensor>, prefix: string, missingKeys: string[], unexpectedKeys: string[], errors: string[]): void {
    const key = prefix + 'num_batches_tracked';
    if (this.trackRunningStats && !sd.has(key)) {
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

/** `nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)`: (N, C) or (N, C, L) input. */
export class BatchNorm1d extends BatchNorm {
  constructor(numFeatures: number | BatchNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('BatchNorm1d', args);
  }
}

/** `nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)`: (N, C, H, W) input. */
export class BatchNorm2d extends BatchNorm {
  constructor(numFeatures: number | BatchNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super('BatchNorm2d', args);
  }
}
