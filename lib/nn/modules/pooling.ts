// torch.nn pooling layers (torch/nn/modules/pooling.py, PyTorch 1.13): MaxPool1/2/3d, MaxUnpool1/2/3d,
// AvgPool1/2/3d, FractionalMaxPool2/3d, LPPool1/2d, AdaptiveMaxPool1/2/3d, AdaptiveAvgPool1/2/3d.
// TypeScript over nn.functional. Sizes keep the form they were given in (a number or an array), as
// Python keeps them, so the reprs read as Python's.
import { Tensor, tensorArg } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { ntuple, pyFloat, tupleRepr } from './utils';

type Size = number | number[];
type OptSize = number | null | (number | null)[];

export interface MaxPoolOptions {
  kernelSize?: Size;
  stride?: Size | null;
  padding?: Size;
  dilation?: Size;
  returnIndices?: boolean;
  ceilMode?: boolean;
}

/**
 * The result of a layer made with `returnIndices: true` is Python's tuple `[output, indices]`; it is
 * typed as the common case (cast it: `layer.forward(x) as unknown as [Tensor, Tensor]`).
 */
function withIndices(r: Tensor | [Tensor, Tensor]): Tensor {
  return r as Tensor;
}

/** A size argument checked as Python's _ntuple would read it, kept as given. */
function sizeArg(call: string, name: string, x: unknown, n: number, min: number): Size {
  ntuple(call, name, x, n, min);
  return Array.isArray(x) ? [...(x as number[])] : (x as number);
}

/** Python's _MaxPoolNd. */
abstract class _MaxPoolNd extends Module {
  kernelSize: Size;
  stride: Size;
  padding: Size;
  dilation: Size;
  returnIndices: boolean;
  ceilMode: boolean;

  protected constructor(n: number, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['kernelSize', 'stride', 'padding', 'dilation', 'returnIndices', 'ceilMode'], args);
    if (a.kernelSize === undefined) throw new TypeError(`${call}: missing required argument 'kernel_size'`);
    this.kernelSize = sizeArg(call, 'kernel_size', a.kernelSize, n, 1);
    this.stride = a.stride === undefined || a.stride === null ? this.kernelSize : sizeArg(call, 'stride', a.stride, n, 1);
    this.padding = sizeArg(call, 'padding', a.padding ?? 0, n, 0);
    this.dilation = sizeArg(call, 'dilation', a.dilation ?? 1, n, 1);
    this.returnIndices = a.returnIndices === undefined ? false : v.bool(call, 'return_indices', a.returnIndices);
    this.ceilMode = a.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', a.ceilMode);
  }

  override extraRepr(): string {
    return `kernel_size=${tupleRepr(this.kernelSize)}, stride=${tupleRepr(this.stride)}, padding=${tupleRepr(this.padding)}, dilation=${tupleRepr(this.dilation)}, ceil_mode=${tupleRepr(this.ceilMode)}`;
  }
}

/** `nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`. */
export class MaxPool1d extends _MaxPoolNd {
  constructor(kernelSize: Size | MaxPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(1, args); }
  /** The pooled input, or [output, indices] when return_indices (see withIndices). */
  override forward(input: Tensor): Tensor {
    return withIndices(F.maxPool1d(tensorArg('nn.MaxPool1d.forward', 'input', input), this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices));
  }
}

/** `nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`. */
export class MaxPool2d extends _MaxPoolNd {
  constructor(kernelSize: Size | MaxPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(2, args); }
  override forward(input: Tensor): Tensor {
    const f = F.maxPool2d as (...a: unknown[]) => Tensor | [Tensor, Tensor];
    return withIndices(f(tensorArg('nn.MaxPool2d.forward', 'input', input), this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices));
  }
}

/** `nn.MaxPool3d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`. */
export class MaxPool3d extends _MaxPoolNd {
  constructor(kernelSize: Size | MaxPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(3, args); }
  override forward(input: Tensor): Tensor {
    return withIndices(F.maxPool3d(tensorArg('nn.MaxPool3d.forward', 'input', input), this.kernelSize, this.stride, this.padding, this.dilation, this.ceilMode, this.returnIndices));
  }
}

// ---- max unpooling

export interface MaxUnpoolOptions { kernelSize?: Size; stride?: Size | null; padding?: Size }

/** Python's _MaxUnpoolNd: kernel_size, stride and padding as tuples (_single/_pair/_triple). */
abstract class _MaxUnpoolNd extends Module {
  kernelSize: number[];
  stride: number[];
  padding: number[];
  // The dimensionality follows from kernel_size (an n-tuple), so a module torch.load rebuilds has it too.
  private get _n(): number {
    return this.kernelSize.length;
  }

  protected constructor(n: 1 | 2 | 3, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['kernelSize', 'stride', 'padding'], args);
    if (a.kernelSize === undefined) throw new TypeError(`${call}: missing required argument 'kernel_size'`);
    this.kernelSize = ntuple(call, 'kernel_size', a.kernelSize, n, 1);
    this.stride = a.stride === undefined || a.stride === null ? [...this.kernelSize] : ntuple(call, 'stride', a.stride, n, 1);
    this.padding = ntuple(call, 'padding', a.padding ?? 0, n, 0);
  }

  /** `forward(input, indices, output_size=None)`; output_size positional or `{ outputSize }`. */
  override forward(input: Tensor, indices: Tensor, outputSize?: number[] | null | { outputSize?: number[] | null }): Tensor {
    const call = `nn.${this.constructor.name}.forward`;
    const o = v.bindArgs(call, ['outputSize'], [outputSize]);
    const fn = ({ 1: F.maxUnpool1d, 2: F.maxUnpool2d, 3: F.maxUnpool3d } as Record<number, typeof F.maxUnpool1d>)[this._n];
    return fn(tensorArg(call, 'input', input), tensorArg(call, 'indices', indices), this.kernelSize, this.stride, this.padding, o.outputSize ?? null);
  }

  override extraRepr(): string {
    return `kernel_size=${tupleRepr(this.kernelSize)}, stride=${tupleRepr(this.stride)}, padding=${tupleRepr(this.padding)}`;
  }
}

/** `nn.MaxUnpool1d(kernel_size, stride=None, padding=0)`: the inverse of MaxPool1d given its indices. */
export class MaxUnpool1d extends _MaxUnpoolNd {
  constructor(kernelSize: Size | MaxUnpoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(1, args); }
}

/** `nn.MaxUnpool2d(kernel_size, stride=None, padding=0)`. */
export class MaxUnpool2d extends _MaxUnpoolNd {
  constructor(kernelSize: Size | MaxUnpoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(2, args); }
}

/** `nn.MaxUnpool3d(kernel_size, stride=None, padding=0)`. */
export class MaxUnpool3d extends _MaxUnpoolNd {
  constructor(kernelSize: Size | MaxUnpoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(3, args); }
}

// ---- average pooling

export interface AvgPoolOptions {
  kernelSize?: Size;
  stride?: Size | null;
  padding?: Size;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  divisorOverride?: number | null;
}

/** Python's _AvgPoolNd (AvgPool1d keeps tuples, AvgPool2d/3d keep sizes as given). */
abstract class _AvgPoolNd extends Module {
  kernelSize: Size;
  stride: Size;
  padding: Size;
  ceilMode: boolean;
  countIncludePad: boolean;
  divisorOverride: number | null;

  protected constructor(n: number, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const names = ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad'];
    const a = v.bindArgs(call, n === 1 ? names : [...names, 'divisorOverride'], args);
    if (a.kernelSize === undefined) throw new TypeError(`${call}: missing required argument 'kernel_size'`);
    const tuple = (name: string, x: unknown, min: number): Size => (n === 1 ? ntuple(call, name, x, 1, min) : sizeArg(call, name, x, n, min));
    this.kernelSize = tuple('kernel_size', a.kernelSize, 1);
    this.stride = a.stride === undefined || a.stride === null ? tuple('kernel_size', a.kernelSize, 1) : tuple('stride', a.stride, 1);
    this.padding = tuple('padding', a.padding ?? 0, 0);
    this.ceilMode = a.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', a.ceilMode);
    this.countIncludePad = a.countIncludePad === undefined ? true : v.bool(call, 'count_include_pad', a.countIncludePad);
    this.divisorOverride = a.divisorOverride === undefined || a.divisorOverride === null ? null : v.int(call, 'divisor_override', a.divisorOverride, 1);
  }

  override extraRepr(): string {
    return `kernel_size=${tupleRepr(this.kernelSize)}, stride=${tupleRepr(this.stride)}, padding=${tupleRepr(this.padding)}`;
  }
}

/** `nn.AvgPool1d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True)`. */
export class AvgPool1d extends _AvgPoolNd {
  constructor(kernelSize: Size | AvgPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(1, args); }
  override forward(input: Tensor): Tensor {
    return F.avgPool1d(tensorArg('nn.AvgPool1d.forward', 'input', input), this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad);
  }
}

/** `nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`. */
export class AvgPool2d extends _AvgPoolNd {
  constructor(kernelSize: Size | AvgPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(2, args); }
  override forward(input: Tensor): Tensor {
    const f = F.avgPool2d as (...a: unknown[]) => Tensor;
    return f(tensorArg('nn.AvgPool2d.forward', 'input', input), this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
}

/** `nn.AvgPool3d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`. */
export class AvgPool3d extends _AvgPoolNd {
  constructor(kernelSize: Size | AvgPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(3, args); }
  override forward(input: Tensor): Tensor {
    return F.avgPool3d(tensorArg('nn.AvgPool3d.forward', 'input', input), this.kernelSize, this.stride, this.padding, this.ceilMode, this.countIncludePad, this.divisorOverride);
  }
}

// ---- fractional max pooling

export interface FractionalMaxPoolOptions {
  kernelSize?: Size;
  outputSize?: Size | null;
  outputRatio?: number | number[] | null;
  returnIndices?: boolean;
  _randomSamples?: Tensor | null;
}

/** Python's FractionalMaxPool2d/3d constructor and forward. */
abstract class _FractionalMaxPoolNd extends Module {
  kernelSize: number[];
  outputSize: number[] | null;
  outputRatio: number[] | null;
  returnIndices: boolean;
  declare _random_samples: Tensor | null;
  // As _MaxUnpoolNd's: from kernel_size.
  private get _n(): number {
    return this.kernelSize.length;
  }

  protected constructor(n: 2 | 3, args: unknown[]) {
    super();
    const name = new.target.name;
    const call = `nn.${name}`;
    const a = v.bindArgs(call, ['kernelSize', 'outputSize', 'outputRatio', 'returnIndices', '_randomSamples'], args);
    if (a.kernelSize === undefined) throw new TypeError(`${call}: missing required argument 'kernel_size'`);
    this.kernelSize = ntuple(call, 'kernel_size', a.kernelSize, n, 1);
    this.returnIndices = a.returnIndices === undefined ? false : v.bool(call, 'return_indices', a.returnIndices);
    const samples = a._randomSamples === undefined || a._randomSamples === null ? null : tensorArg(call, '_random_samples', a._randomSamples);
    this.registerBuffer('_random_samples', samples);
    this.outputSize = a.outputSize === undefined || a.outputSize === null ? null : ntuple(call, 'output_size', a.outputSize, n, 1);
    let ratio: number[] | null = null;
    if (a.outputRatio !== undefined && a.outputRatio !== null) {
      if (Array.isArray(a.outputRatio)) {
        if (a.outputRatio.length !== n) throw new RangeError(`${call}: output_ratio must be a number or a list of ${n} numbers, got an array of length ${a.outputRatio.length}`);
        ratio = v.numbers(call, 'output_ratio', a.outputRatio);
      } else {
        ratio = new Array<number>(n).fill(v.number(call, 'output_ratio', a.outputRatio));
      }
    }
    this.outputRatio = ratio;
    if (this.outputSize === null && ratio === null) throw new RangeError(`${call}: ${name} requires specifying either an output size, or a pooling ratio`);
    if (this.outputSize !== null && ratio !== null) throw new RangeError(`${call}: only one of output_size and output_ratio may be specified`);
    if (ratio !== null && !ratio.every((r) => r > 0 && r < 1)) {
      throw new RangeError(`${call}: output_ratio must be between 0 and 1 (got ${Array.isArray(a.outputRatio) ? tupleRepr(a.outputRatio.map(pyFloat)) : pyFloat(a.outputRatio as number)})`);
    }
  }

  /** The pooled input, or [output, indices] when return_indices; the random samples come from the global generator. */
  override forward(input: Tensor): Tensor {
    const fn = this._n === 2 ? F.fractionalMaxPool2d : F.fractionalMaxPool3d;
    return withIndices(fn(tensorArg(`nn.${this.constructor.name}.forward`, 'input', input), this.kernelSize, this.outputSize, this.outputRatio, this.returnIndices, this._random_samples));
  }
}

/** `nn.FractionalMaxPool2d(kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None)`. */
export class FractionalMaxPool2d extends _FractionalMaxPoolNd {
  constructor(kernelSize: Size | FractionalMaxPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(2, args); }
}

/** `nn.FractionalMaxPool3d(kernel_size, output_size=None, output_ratio=None, return_indices=False, _random_samples=None)`. */
export class FractionalMaxPool3d extends _FractionalMaxPoolNd {
  constructor(kernelSize: Size | FractionalMaxPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(3, args); }
}

// ---- power-average pooling

export interface LPPoolOptions { normType?: number; kernelSize?: Size; stride?: Size | null; ceilMode?: boolean }

/** Python's _LPPoolNd. */
abstract class _LPPoolNd extends Module {
  normType: number;
  kernelSize: Size;
  stride: Size | null;
  ceilMode: boolean;

  protected constructor(n: 1 | 2, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['normType', 'kernelSize', 'stride', 'ceilMode'], args);
    this.normType = v.finite(call, 'norm_type', a.normType);
    if (a.kernelSize === undefined) throw new TypeError(`${call}: missing required argument 'kernel_size'`);
    this.kernelSize = sizeArg(call, 'kernel_size', a.kernelSize, n, 1);
    this.stride = a.stride === undefined || a.stride === null ? null : sizeArg(call, 'stride', a.stride, n, 1);
    this.ceilMode = a.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', a.ceilMode);
  }

  override extraRepr(): string {
    return `norm_type=${pyFloat(this.normType)}, kernel_size=${tupleRepr(this.kernelSize)}, stride=${tupleRepr(this.stride)}, ceil_mode=${tupleRepr(this.ceilMode)}`;
  }
}

/** `nn.LPPool1d(norm_type, kernel_size, stride=None, ceil_mode=False)`. */
export class LPPool1d extends _LPPoolNd {
  constructor(normType: number | LPPoolOptions, kernelSize?: Size | LPPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(1, args); }
  override forward(input: Tensor): Tensor {
    return F.lpPool1d(tensorArg('nn.LPPool1d.forward', 'input', input), this.normType, this.kernelSize, this.stride, this.ceilMode);
  }
}

/** `nn.LPPool2d(norm_type, kernel_size, stride=None, ceil_mode=False)`. */
export class LPPool2d extends _LPPoolNd {
  constructor(normType: number | LPPoolOptions, kernelSize?: Size | LPPoolOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) { super(2, args); }
  override forward(input: Tensor): Tensor {
    return F.lpPool2d(tensorArg('nn.LPPool2d.forward', 'input', input), this.normType, this.kernelSize, this.stride, this.ceilMode);
  }
}

// ---- adaptive pooling

/** An output size: an integer (or null for 2-D/3-D) or a list of `n` of them; kept as given. */
function outputSizeArg(call: string, x: unknown, n: number, allowNull: boolean): OptSize {
  const one = (name: string, y: unknown): number | null => (allowNull && y === null ? null : v.int(call, name, y, 0));
  if (Array.isArray(x)) {
    if (x.length !== n) throw new RangeError(`${call}: output_size must be an integer or a list of ${n} integer${n === 1 ? '' : 's'}${allowNull ? ' or nulls' : ''}, got an array of length ${x.length}`);
    return x.map((y, i) => one(`output_size[${i}]`, y));
  }
  return one('output_size', x);
}

/** Python's _AdaptiveMaxPoolNd. */
abstract class _AdaptiveMaxPoolNd extends Module {
  outputSize: OptSize;
  returnIndices: boolean;

  protected constructor(n: number, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['outputSize', 'returnIndices'], args);
    this.outputSize = outputSizeArg(call, a.outputSize, n, n > 1);
    this.returnIndices = a.returnIndices === undefined ? false : v.bool(call, 'return_indices', a.returnIndices);
  }

  override extraRepr(): string {
    return `output_size=${tupleRepr(this.outputSize)}`;
  }
}

/** `nn.AdaptiveMaxPool1d(output_size, return_indices=False)`. */
export class AdaptiveMaxPool1d extends _AdaptiveMaxPoolNd {
  constructor(outputSize: OptSize | { outputSize?: OptSize; returnIndices?: boolean }, returnIndices?: boolean | { returnIndices?: boolean });
  constructor(...args: unknown[]) { super(1, args); }
  override forward(input: Tensor): Tensor {
    return withIndices(F.adaptiveMaxPool1d(tensorArg('nn.AdaptiveMaxPool1d.forward', 'input', input), this.outputSize, this.returnIndices));
  }
}

/** `nn.AdaptiveMaxPool2d(output_size, return_indices=False)`: null in output_size keeps that input size. */
export class AdaptiveMaxPool2d extends _AdaptiveMaxPoolNd {
  constructor(outputSize: OptSize | { outputSize?: OptSize; returnIndices?: boolean }, returnIndices?: boolean | { returnIndices?: boolean });
  constructor(...args: unknown[]) { super(2, args); }
  override forward(input: Tensor): Tensor {
    return withIndices(F.adaptiveMaxPool2d(tensorArg('nn.AdaptiveMaxPool2d.forward', 'input', input), this.outputSize, this.returnIndices));
  }
}

/** `nn.AdaptiveMaxPool3d(output_size, return_indices=False)`. */
export class AdaptiveMaxPool3d extends _AdaptiveMaxPoolNd {
  constructor(outputSize: OptSize | { outputSize?: OptSize; returnIndices?: boolean }, returnIndices?: boolean | { returnIndices?: boolean });
  constructor(...args: unknown[]) { super(3, args); }
  override forward(input: Tensor): Tensor {
    return withIndices(F.adaptiveMaxPool3d(tensorArg('nn.AdaptiveMaxPool3d.forward', 'input', input), this.outputSize, this.returnIndices));
  }
}

/** Python's _AdaptiveAvgPoolNd. */
abstract class _AdaptiveAvgPoolNd extends Module {
  outputSize: OptSize;

  protected constructor(n: number, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['outputSize'], args);
    this.outputSize = outputSizeArg(call, a.outputSize, n, n > 1);
  }

  override extraRepr(): string {
    return `output_size=${tupleRepr(this.outputSize)}`;
  }
}

/** `nn.AdaptiveAvgPool1d(output_size)`. */
export class AdaptiveAvgPool1d extends _AdaptiveAvgPoolNd {
  constructor(outputSize: OptSize | { outputSize?: OptSize });
  constructor(...args: unknown[]) { super(1, args); }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool1d(tensorArg('nn.AdaptiveAvgPool1d.forward', 'input', input), this.outputSize);
  }
}

/** `nn.AdaptiveAvgPool2d(output_size)`: an int, or a pair whose elements may be null (keep that size). */
export class AdaptiveAvgPool2d extends _AdaptiveAvgPoolNd {
  constructor(outputSize: OptSize | { outputSize?: OptSize });
  constructor(...args: unknown[]) { super(2, args); }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool2d(tensorArg('nn.AdaptiveAvgPool2d.forward', 'input', input), this.outputSize as number | [number | null, number | null]);
  }
}

/** `nn.AdaptiveAvgPool3d(output_size)`. */
export class AdaptiveAvgPool3d extends _AdaptiveAvgPoolNd {
  constructor(outputSize: OptSize | { outputSize?: OptSize });
  constructor(...args: unknown[]) { super(3, args); }
  override forward(input: Tensor): Tensor {
    return F.adaptiveAvgPool3d(tensorArg('nn.AdaptiveAvgPool3d.forward', 'input', input), this.outputSize);
  }
}
