// torch.nn.LayerNorm, GroupNorm, LocalResponseNorm and CrossMapLRN2d (torch/nn/modules/normalization.py,
// PyTorch 1.13), TypeScript over nn.functional.
import { Tensor, tensorArg } from '../../tensor';
import { empty } from '../../creation';
import { stack } from '../../functions';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { FactoryKwargs, factoryKwargs, pyFloat, pyRepr, tupleRepr } from './utils';

const FACTORY = ['device', 'dtype'] as const;

export interface LRNOptions { size?: number; alpha?: number; beta?: number; k?: number }

/** size, alpha, beta, k of LocalResponseNorm and CrossMapLRN2d; `kIsInt`: Python's default k is the int 1. */
function lrnArgs(call: string, args: unknown[]): { size: number; alpha: number; beta: number; k: number; kGiven: boolean } {
  const a = v.bindArgs(call, ['size', 'alpha', 'beta', 'k'], args);
  return {
    size: v.int(call, 'size', a.size, 1),
    alpha: a.alpha === undefined ? 1e-4 : v.finite(call, 'alpha', a.alpha),
    beta: a.beta === undefined ? 0.75 : v.finite(call, 'beta', a.beta),
    k: a.k === undefined ? 1 : v.finite(call, 'k', a.k),
    kGiven: a.k !== undefined,
  };
}

/** `nn.LocalResponseNorm(size, alpha=0.0001, beta=0.75, k=1.0)`: normalizes over neighbouring channels. */
export class LocalResponseNorm extends Module {
  size: number;
  alpha: number;
  beta: number;
  k: number;

  constructor(size: number | LRNOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = lrnArgs('nn.LocalResponseNorm', args);
    this.size = a.size;
    this.alpha = a.alpha;
    this.beta = a.beta;
    this.k = a.k;
  }

  override forward(input: Tensor): Tensor {
    return F.localResponseNorm(tensorArg('nn.LocalResponseNorm.forward', 'input', input), this.size, this.alpha, this.beta, this.k);
  }

  override extraRepr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${pyFloat(this.k)}`;
  }
}

/**
 * `nn.CrossMapLRN2d(size, alpha=0.0001, beta=0.75, k=1)`: Lua Torch's cross-channel LRN on (N, C, H, W)
 * input. The forward is Python's torch.nn._functions.CrossMapLRN2d.forward step for step (its window
 * sum over channels, including the way it starts and ends), built from differentiable ops.
 */
export class CrossMapLRN2d extends Module {
  size: number;
  alpha: number;
  beta: number;
  k: number;
  declare private readonly _kGiven: boolean;

  constructor(size: number | LRNOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const a = lrnArgs('nn.CrossMapLRN2d', args);
    this.size = a.size;
    this.alpha = a.alpha;
    this.beta = a.beta;
    this.k = a.k;
    Object.defineProperty(this, '_kGiven', { value: a.kGiven });
  }

  override forward(input: Tensor): Tensor {
    const x = tensorArg('nn.CrossMapLRN2d.forward', 'input', input);
    if (x.dim() !== 4) throw new RangeError(`nn.CrossMapLRN2d.forward: input must be a 4-D tensor (N, C, H, W), got a ${x.dim()}-D tensor`);
    const channels = x.shape[1];
    const sq = x.pow(2);
    const prePad = Math.trunc((this.size - 1) / 2 + 1);
    const crop = prePad > channels ? channels : prePad;
    const scales: Tensor[] = [];
    let scale = sq.narrow(1, 0, crop).sum(1);
    scales.push(scale);
    for (let c = 1; c < channels; c++) {
      if (c < channels - prePad + 1) scale = scale.add(sq.select(1, c + prePad - 1));
      if (c > prePad) scale = scale.sub(sq.select(1, c - prePad));
      scales.push(scale);
    }
    const scaleAll = stack(scales, 1).mul(this.alpha / this.size).add(this.k);
    const output = scaleAll.pow(-this.beta).mul(x);
    if (!x.requiresGrad) return output;
    // Python's backward is its own (CrossMapLRN2d.backward), not the derivative of this forward:
    // grad_input = A·g with A = diag(scale^-β) - diag(c·x)·M·diag(output/scale), M[c][j] = 1 when
    // j lies in channel c's window. The result carries it as the gradient of h(x) = Aᵀx (constant
    // coefficients): output + h(x) - h(x).detach() has output's value and A·g as its input gradient.
    const size = this.size;
    const inversePrePad = Math.trunc(size - (size - 1) / 2);
    const sb = scaleAll.pow(-this.beta).detach();
    const ratio = output.div(scaleAll).detach();
    const cx = x.detach().mul((2 * this.alpha * this.beta) / size).mul(x);
    const cols: Tensor[] = [];
    for (let j = 0; j < channels; j++) {
      const lo = Math.max(0, j - size + 1 + inversePrePad);
      const hi = Math.min(channels - 1, j + inversePrePad);
      cols.push(hi >= lo ? cx.narrow(1, lo, hi - lo + 1).sum(1) : cx.select(1, 0).mul(0));
    }
    const h = sb.mul(x).sub(ratio.mul(stack(cols, 1)));
    return output.detach().add(h.sub(h.detach()));
  }

  override extraRepr(): string {
    return `${this.size}, alpha=${pyFloat(this.alpha)}, beta=${pyFloat(this.beta)}, k=${this._kGiven ? pyFloat(this.k) : String(this.k)}`;
  }
}

export interface LayerNormOptions extends FactoryKwargs {
  normalizedShape?: number | number[];
  eps?: number;
  elementwiseAffine?: boolean;
}

/** `nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, device=None, dtype=None)`: normalizes over the last dims. */
export class LayerNorm extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  normalizedShape: number[];
  eps: number;
  elementwiseAffine: boolean;

  constructor(normalizedShape: number | number[] | LayerNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.LayerNorm';
    const a = v.bindArgs(call, ['normalizedShape', 'eps', 'elementwiseAffine'], args, FACTORY);
    this.normalizedShape = Array.isArray(a.normalizedShape) ? v.ints(call, 'normalized_shape', a.normalizedShape, 0) : [v.int(call, 'normalized_shape', a.normalizedShape, 0)];
    this.eps = a.eps === undefined ? 1e-5 : v.finite(call, 'eps', a.eps);
    this.elementwiseAffine = a.elementwiseAffine === undefined ? true : v.bool(call, 'elementwise_affine', a.elementwiseAffine);
    const fk = factoryKwargs(call, a);
    if (this.elementwiseAffine) {
      this.weight = new Parameter(empty(this.normalizedShape, fk));
      this.bias = new Parameter(empty(this.normalizedShape, fk));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.elementwiseAffine) {
      init.ones_(this.weight!);
      init.zeros_(this.bias!);
    }
  }

  override forward(input: Tensor): Tensor {
    return F.layerNorm(tensorArg('nn.LayerNorm.forward', 'input', input), this.normalizedShape, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${tupleRepr(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${pyRepr(this.elementwiseAffine)}`;
  }
}

export interface GroupNormOptions extends FactoryKwargs {
  numGroups?: number;
  numChannels?: number;
  eps?: number;
  affine?: boolean;
}

/** `nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, device=None, dtype=None)`. */
export class GroupNorm extends Module {
  declare weight: Parameter | null;
  declare bias: Parameter | null;
  numGroups: number;
  numChannels: number;
  eps: number;
  affine: boolean;

  constructor(numGroups: number | GroupNormOptions, numChannels?: number | GroupNormOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.GroupNorm';
    const a = v.bindArgs(call, ['numGroups', 'numChannels', 'eps', 'affine'], args, FACTORY);
    this.numGroups = v.int(call, 'num_groups', a.numGroups, 1);
    this.numChannels = v.int(call, 'num_channels', a.numChannels, 0);
    if (this.numChannels % this.numGroups !== 0) throw new RangeError(`${call}: num_channels must be divisible by num_groups`);
    this.eps = a.eps === undefined ? 1e-5 : v.finite(call, 'eps', a.eps);
    this.affine = a.affine === undefined ? true : v.bool(call, 'affine', a.affine);
    const fk = factoryKwargs(call, a);
    if (this.affine) {
      this.weight = new Parameter(empty([this.numChannels], fk));
      this.bias = new Parameter(empty([this.numChannels], fk));
    } else {
      this.registerParameter('weight', null);
      this.registerParameter('bias', null);
    }
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.affine) {
      init.ones_(this.weight!);
      init.zeros_(this.bias!);
    }
  }

  override forward(input: Tensor): Tensor {
    return F.groupNorm(tensorArg('nn.GroupNorm.forward', 'input', input), this.numGroups, this.weight, this.bias, this.eps);
  }

  override extraRepr(): string {
    return `${this.numGroups}, ${this.numChannels}, eps=${pyFloat(this.eps)}, affine=${pyRepr(this.affine)}`;
  }
}
