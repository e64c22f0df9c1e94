// torch.nn.InstanceNorm1d/2d/3d and LazyInstanceNorm1d/2d/3d (torch/nn/modules/instancenorm.py,
// PyTorch 1.13), TypeScript over F.instance_norm. Each sample and channel is normalized over its
// spatial dims; an unbatched input gets a batch dim of 1 for the call.
import { Tensor, tensorArg } from '../../tensor';
import * as F from '../functional';
import { _NormBase, LazyNormOptions, NormOptions } from './batchnorm';

/** Python's _InstanceNorm. */
abstract class _InstanceNorm extends _NormBase {
  protected constructor(args: unknown[]) {
    super(false, args);
  }

  /** The rank of an unbatched input (`_get_no_batch_dim`). */
  protected abstract get _noBatchDim(): number;

  private _applyInstanceNorm(x: Tensor): Tensor {
    return F.instanceNorm(x, this.running_mean, this.running_var, this.weight, this.bias, this.training || !this.trackRunningStats, this.momentum, this.eps);
  }

  override forward(input: Tensor): Tensor {
    this._inferParameters(input);
    const x = tensorArg(`nn.${this.constructor.name}.forward`, 'input', input);
    const d = this._noBatchDim;
    if (x.dim() !== d && x.dim() !== d + 1) throw new RangeError(`expected ${d}D or ${d + 1}D input (got ${x.dim()}D input)`);
    if (x.dim() === d) return this._applyInstanceNorm(x.unsqueeze(0)).squeeze(0);
    return this._applyInstanceNorm(x);
  }

  // A checkpoint without version metadata that has running stats for a module that does not track
  // them is an error that says so, as in PyTorch (the stats are dropped from the load).
  protected override _loadFromStateDict(sd: Map<string, Tensor>, prefix: string, missingKeys: string[], unexpectedKeys: string[], errors: string[]): void {
    if (this._localMetadata().version === undefined && !this.trackRunningStats) {
      const keys = ['running_mean', 'running_var'].map((n) => prefix + n).filter((k) => sd.has(k));
      if (keys.length > 0) {
        const klass = this.constructor.name;
        errors.push(`Unexpected running stats buffer(s) ${keys.map((k) => `"${k}"`).join(' and ')} for ${klass} with track_running_stats=False. If state_dict is a checkpoint saved before 0.4.0, this may be expected because ${klass} does not track running stats by default since 0.4.0. Please remove these keys from state_dict. If the running stats are actually needed, instead set track_running_stats=True in ${klass} to enable them. See the documentation of ${klass} for details.`);
        sd = new Map(sd);
        for (const k of keys) sd.delete(k);
      }
    }
    super._loadFromStateDict(sd, prefix, missingKeys, unexpectedKeys, errors);
  }
}

/** `nn.InstanceNorm1d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None)`: (N, C, L) or (C, L). */
export class InstanceNorm1d extends _InstanceNorm {
  constructor(numFeatures: number | NormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(args); }
  protected get _noBatchDim(): number { return 2; }
}

/** `nn.InstanceNorm2d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None)`: (N, C, H, W) or (C, H, W). */
export class InstanceNorm2d extends _InstanceNorm {
  constructor(numFeatures: number | NormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(args); }
  protected get _noBatchDim(): number { return 3; }
}

/** `nn.InstanceNorm3d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, device=None, dtype=None)`: (N, C, D, H, W) or (C, D, H, W). */
export class InstanceNorm3d extends _InstanceNorm {
  constructor(numFeatures: number | NormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(args); }
  protected get _noBatchDim(): number { return 4; }
}

/** `nn.LazyInstanceNorm1d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)` (PyTorch 1.13's lazy defaults). */
export class LazyInstanceNorm1d extends InstanceNorm1d {
  static readonly clsToBecome = InstanceNorm1d;
  constructor(eps?: number | LazyNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(...(args as [number])); }
}

/** `nn.LazyInstanceNorm2d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`. */
export class LazyInstanceNorm2d extends InstanceNorm2d {
  static readonly clsToBecome = InstanceNorm2d;
  constructor(eps?: number | LazyNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(...(args as [number])); }
}

/** `nn.LazyInstanceNorm3d(eps=1e-05, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None)`. */
export class LazyInstanceNorm3d extends InstanceNorm3d {
  static readonly clsToBecome = InstanceNorm3d;
  constructor(eps?: number | LazyNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(...(args as [number])); }
}
