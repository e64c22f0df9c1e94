// torch.nn.Linear and nn.Identity (torch/nn/modules/linear.py), on libtorch's torch::nn::Linear.
import { Tensor, tensorArg } from '../../tensor';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { NativeLeaf, pyRepr } from './native_leaf';
import * as v from '../../validate';

export interface LinearOptions {
  inFeatures?: number;
  outFeatures?: number;
  bias?: boolean;
}

/** `nn.Linear(in_features, out_features, bias=True)`: y = x Wᵀ + b, initialised as PyTorch does. */
export class Linear extends NativeLeaf {
  declare weight: Parameter;
  declare bias: Parameter | null;
  readonly inFeatures: number;
  readonly outFeatures: number;

  constructor(inFeatures: number | LinearOptions, outFeatures?: number | LinearOptions, bias?: boolean | LinearOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Linear';
    const a = v.bindArgs(call, ['inFeatures', 'outFeatures', 'bias'], args);
    this.inFeatures = v.int(call, 'in_features', a.inFeatures, 1);
    this.outFeatures = v.int(call, 'out_features', a.outFeatures, 1);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    this._create('Linear', this.inFeatures, this.outFeatures, bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyRepr(this.bias !== null)}`;
  }
}

/** `nn.Identity()`: returns its input (any constructor arguments are ignored, as in PyTorch). */
export class Identity extends Module {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  constructor(..._args: unknown[]) {
    super();
  }

  override forward(input: Tensor): Tensor {
    return tensorArg('nn.Identity.forward', 'input', input);
  }
}
