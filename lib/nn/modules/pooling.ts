// torch.nn.MaxPool2d, AvgPool2d, AdaptiveAvgPool2d (torch/nn/modules/pooling.py), on libtorch's.
import { NativeLeaf, pyRepr, spatial } from './native_leaf';
import * as v from '../../validate';

type Pair = number | [number, number];

export interface MaxPool2dOptions {
  kernelSize?: Pair;
  stride?: Pair | null;
  padding?: Pair;
  dilation?: Pair;
  returnIndices?: boolean;
  ceilMode?: boolean;
}

/** `nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`. */
export class MaxPool2d extends NativeLeaf {
  // As given (a number or a pair), as Python keeps them for the repr.
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly dilation: Pair;
  readonly ceilMode: boolean;

  constructor(kernelSize: Pair | MaxPool2dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.MaxPool2d';
    const a = v.bindArgs(call, ['kernelSize', 'stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'], args);
    const kernel = spatial(call, 'kernel_size', a.kernelSize, 2, 1);
    const stride = a.stride === undefined || a.stride === null ? kernel : spatial(call, 'stride', a.stride, 2, 1);
    const padding = spatial(call, 'padding', a.padding ?? 0, 2, 0);
    const dilation = spatial(call, 'dilation', a.dilation ?? 1, 2, 1);
    if (a.returnIndices !== undefined && v.bool(call, 'return_indices', a.returnIndices)) {
      throw new RangeError(`${call}: return_indices=True is not supported; use F.max_pool2d_with_indices`);
    }
    this.kernelSize = a.kernelSize as Pair;
    this.stride = (a.stride ?? a.kernelSize) as Pair;
    this.padding = (a.padding ?? 0) as Pair;
    this.dilation = (a.dilation ?? 1) as Pair;
    this.ceilMode = a.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', a.ceilMode);
    this._create('MaxPool2d', kernel, stride, padding, dilation, this.ceilMode);
  }

  override extraRepr(): string {
    return `kernel_size=${pyRepr(this.kernelSize)}, stride=${pyRepr(this.stride)}, padding=${pyRepr(this.padding)}, dilation=${pyRepr(this.dilation)}, ceil_mode=${pyRepr(this.ceilMode)}`;
  }
}

export interface AvgPool2dOptions {
  kernelSize?: Pair;
  stride?: Pair | null;
  padding?: Pair;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/** `nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`. */
export class AvgPool2d extends NativeLeaf {
  readonly kernelSize: Pair;
  readonly stride: Pair;
  readonly padding: Pair;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;

  constructor(kernelSize: Pair | AvgPool2dOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.AvgPool2d';
    const a = v.bindArgs(call, ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'], args);
    const kernel = spatial(call, 'kernel_size', a.kernelSize, 2, 1);
    const stride = a.stride === undefined || a.stride === null ? kernel : spatial(call, 'stride', a.stride, 2, 1);
    const padding = spatial(call, 'padding', a.padding ?? 0, 2, 0);
    this.kernelSize = a.kernelSize as Pair;
    this.stride = (a.stride ?? a.kernelSize) as Pair;
    this.padding = (a.padding ?? 0) as Pair;
    this.ceilMode = a.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', a.ceilMode);
    this.countIncludePad = a.countIncludePad === undefined ? true : v.bool(call, 'count_include_pad', a.countIncludePad);
    this.divisorOverride = a.divisorOverride === undefined || a.divisorOverride === null ? null : v.int(call, 'divisor_override', a.divisorOverride, 1);
    this._create('AvgPool2d', kernel, stride, padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }

  override extraRepr(): string {
    return `kernel_size=${pyRepr(this.kernelSize)}, stride=${pyRepr(this.stride)}, padding=${pyRepr(this.padding)}`;
  }
}

type OptPair = number | null | [number | null, number | null];

/** `nn.AdaptiveAvgPool2d(output_size)`: an int, or a pair whose elements may be null (keep that size). */
export class AdaptiveAvgPool2d extends NativeLeaf {
  readonly outputSize: OptPair;

  constructor(outputSize: OptPair | { outputSize?: OptPair });
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.AdaptiveAvgPool2d';
    const a = v.bindArgs(call, ['outputSize'], args);
    const out = a.outputSize;
    let size: (number | null)[];
    if (Array.isArray(out)) {
      if (out.length !== 2) throw new RangeError(`${call}: output_size must be an integer or a list of 2 integers or nulls, got an array of length ${out.length}`);
      size = out.map((x, i) => (x === null ? null : v.int(call, `output_size[${i}]`, x, 0)));
    } else {
      const n = v.int(call, 'output_size', out, 0);
      size = [n, n];
    }
    this.outputSize = out as OptPair;
    this._create('AdaptiveAvgPool2d', size);
  }

  override extraRepr(): string {
    return `output_size=${pyRepr(this.outputSize)}`;
  }
}
