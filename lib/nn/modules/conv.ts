// torch.nn.Conv2d (torch/nn/modules/conv.py), on libtorch's torch::nn::Conv2d.
import { Parameter } from '../parameter';
import { NativeLeaf, pyRepr, spatial } from './native_leaf';
import * as v from '../../validate';

type Pair = number | [number, number];
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;

export interface Conv2dOptions {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: Pair;
  stride?: Pair;
  padding?: Pair | 'same' | 'valid';
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
  paddingMode?: (typeof PADDING_MODES)[number];
}

/**
 * `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
 * bias=True, padding_mode='zeros')`.
 */
export class Conv2d extends NativeLeaf {
  declare weight: Parameter;
  declare bias: Parameter | null;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'same' | 'valid';
  readonly dilation: [number, number];
  readonly groups: number;
  readonly paddingMode: string;

  constructor(inChannels: number | Conv2dOptions, outChannels?: number | Conv2dOptions, kernelSize?: Pair | Conv2dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Conv2d';
    const a = v.bindArgs(call, ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode'], args);
    this.inChannels = v.int(call, 'in_channels', a.inChannels, 1);
    this.outChannels = v.int(call, 'out_channels', a.outChannels, 1);
    this.kernelSize = spatial(call, 'kernel_size', a.kernelSize, 2, 1) as [number, number];
    this.stride = spatial(call, 'stride', a.stride ?? 1, 2, 1) as [number, number];
    const padding = a.padding ?? 0;
    if (typeof padding === 'string') {
      this.padding = v.oneOf(call, 'padding', padding, ['same', 'valid'] as const);
      if (this.padding === 'same' && this.stride.some((s) => s !== 1)) throw new RangeError(`${call}: padding='same' is not supported for strided convolutions`);
    } else {
      this.padding = spatial(call, 'padding', padding, 2, 0) as [number, number];
    }
    this.dilation = spatial(call, 'dilation', a.dilation ?? 1, 2, 1) as [number, number];
    this.groups = v.int(call, 'groups', a.groups ?? 1, 1);
    if (this.inChannels % this.groups !== 0) throw new RangeError(`${call}: in_channels must be divisible by groups`);
    if (this.outChannels % this.groups !== 0) throw new RangeError(`${call}: out_channels must be divisible by groups`);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    this.paddingMode = v.oneOf(call, 'padding_mode', a.paddingMode ?? 'zeros', PADDING_MODES);
    this._create('Conv2d', this.inChannels, this.outChannels, this.kernelSize, this.stride, this.padding, this.dilation, this.groups, bias, this.paddingMode);
  }

  /** Python's _ConvNd.extra_repr. */
  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyRepr(this.kernelSize)}, stride=${pyRepr(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${pyRepr(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyRepr(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}
