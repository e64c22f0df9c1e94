// torch.nn.Conv1d/2d/3d, ConvTranspose1d/2d/3d and their Lazy variants (torch/nn/modules/conv.py,
// PyTorch 1.13): TypeScript over F.conv{1,2,3}d / F.conv_transpose{1,2,3}d (and F.pad for the
// non-zero padding modes), initialised by nn.init in PyTorch's order.
import { Tensor, tensorArg } from '../../tensor';
import { empty } from '../../creation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { FactoryKwargs, factoryKwargs, ntuple, reverseRepeatTuple, tupleRepr } from './utils';
import { UninitializedParameter, hasUninitializedParams, inferParameters, lazyLoadHook, warnLazy } from './lazy';

type Size<N extends number> = number | (N extends 1 ? [number] : N extends 2 ? [number, number] : [number, number, number]);
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';
const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];
const FACTORY = ['device', 'dtype'] as const;

export interface ConvOptions<N extends number = 2> extends FactoryKwargs {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: Size<N>;
  stride?: Size<N>;
  padding?: Size<N> | 'same' | 'valid';
  dilation?: Size<N>;
  groups?: number;
  bias?: boolean;
  paddingMode?: PaddingMode;
}

export interface ConvTransposeOptions<N extends number = 2> extends FactoryKwargs {
  inChannels?: number;
  outChannels?: number;
  kernelSize?: Size<N>;
  stride?: Size<N>;
  padding?: Size<N>;
  outputPadding?: Size<N>;
  groups?: number;
  bias?: boolean;
  dilation?: Size<N>;
  paddingMode?: 'zeros';
}

const CONV_ARGS = ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'dilation', 'groups', 'bias', 'paddingMode'];
const TRANSPOSE_ARGS = ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'outputPadding', 'groups', 'bias', 'dilation', 'paddingMode'];

/** What a concrete class tells _ConvNd: its spatial dims and whether it transposes. */
interface ConvKind { dims: 1 | 2 | 3; transposed: boolean; lazy?: boolean }

/** Python's _ConvNd: the parameters, their initialisation and the repr shared by every convolution. */
export abstract class _ConvNd extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  declare inChannels: number;
  declare outChannels: number;
  declare kernelSize: number[];
  declare stride: number[];
  declare padding: number[] | 'same' | 'valid';
  declare dilation: number[];
  declare transposed: boolean;
  declare outputPadding: number[];
  declare groups: number;
  declare paddingMode: PaddingMode;
  /** The padding that F.pad takes for the non-zero padding modes (last dim first, both sides). */
  declare _reversedPaddingRepeatedTwice: number[];

  protected constructor(kind: ConvKind, args: unknown[]) {
    super();
    // The Lazy classes (and their subclasses) name the class they become.
    kind.lazy = (new.target as unknown as { clsToBecome?: unknown }).clsToBecome !== undefined;
    const name = `${kind.lazy ? 'Lazy' : ''}Conv${kind.transposed ? 'Transpose' : ''}${kind.dims}d`;
    const call = `nn.${name}`;
    const n = kind.dims;
    const names = kind.transposed ? TRANSPOSE_ARGS : CONV_ARGS;
    const a = v.bindArgs(call, kind.lazy ? names.slice(1) : names, args, FACTORY);
    const inChannels = kind.lazy ? 0 : v.int(call, 'in_channels', a.inChannels, 1);
    const outChannels = v.int(call, 'out_channels', a.outChannels, 1);
    if (a.kernelSize === undefined) throw new TypeError(`${call}: missing required argument 'kernel_size'`);
    const kernelSize = ntuple(call, 'kernel_size', a.kernelSize, n, 1);
    const stride = ntuple(call, 'stride', a.stride ?? 1, n, 1);
    let padding: number[] | 'same' | 'valid';
    if (typeof a.padding === 'string' && !kind.transposed) {
      padding = v.oneOf(call, 'padding', a.padding, ['same', 'valid'] as const);
      if (padding === 'same' && stride.some((s) => s !== 1)) throw new RangeError(`${call}: padding='same' is not supported for strided convolutions`);
    } else {
      padding = ntuple(call, 'padding', a.padding ?? 0, n, 0);
    }
    const dilation = ntuple(call, 'dilation', a.dilation ?? 1, n, 1);
    const outputPadding = ntuple(call, 'output_padding', kind.transposed ? a.outputPadding ?? 0 : 0, n, 0);
    const groups = v.int(call, 'groups', a.groups ?? 1, 1);
    if (inChannels % groups !== 0) throw new RangeError(`${call}: in_channels must be divisible by groups`);
    if (outChannels % groups !== 0) throw new RangeError(`${call}: out_channels must be divisible by groups`);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    const paddingMode = v.oneOf(call, 'padding_mode', a.paddingMode ?? 'zeros', PADDING_MODES);
    if (kind.transposed && paddingMode !== 'zeros') throw new RangeError(`${call}: Only "zeros" padding mode is supported for ${name}`);
    const fk = factoryKwargs(call, a);

    this.inChannels = inChannels;
    this.outChannels = kind.lazy ? 0 : outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    this.dilation = dilation;
    this.transposed = kind.transposed;
    this.outputPadding = outputPadding;
    this.groups = groups;
    this.paddingMode = paddingMode;
    if (typeof padding === 'string') {
      this._reversedPaddingRepeatedTwice = new Array<number>(2 * n).fill(0);
      if (padding === 'same') {
        for (let d = 0; d < n; d++) {
          const i = n - 1 - d;
          const total = dilation[d] * (kernelSize[d] - 1);
          const left = Math.floor(total / 2);
          this._reversedPaddingRepeatedTwice[2 * i] = left;
          this._reversedPaddingRepeatedTwice[2 * i + 1] = total - left;
        }
      }
    } else {
      this._reversedPaddingRepeatedTwice = reverseRepeatTuple(padding, 2);
    }
    const wShape = kind.transposed ? [inChannels, this.outChannels / groups, ...kernelSize] : [this.outChannels, inChannels / groups, ...kernelSize];
    this.weight = new Parameter(empty(wShape, fk));
    // A lazy convolution is made with bias=False, as in Python, and then gets an uninitialized one.
    if (bias && !kind.lazy) this.bias = new Parameter(empty([this.outChannels], fk));
    else this.registerParameter('bias', null);
    this.resetParameters();
    if (kind.lazy) {
      warnLazy();
      this.weight = new UninitializedParameter(true, fk);
      this.outChannels = outChannels;
      if (bias) this.bias = new UninitializedParameter(true, fk);
    }
  }

  /** kaiming_uniform_(weight, a=√5), then bias ~ U(-1/√fan_in, 1/√fan_in), as PyTorch. */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, Math.sqrt(5));
    if (this.bias !== null) {
      const s = this.weight.shape;
      const fanIn = s[1] * s.slice(2).reduce((x, y) => x * y, 1);
      if (fanIn !== 0) {
        const bound = 1 / Math.sqrt(fanIn);
        init.uniform_(this.bias, -bound, bound);
      }
    }
  }

  /** Python's _ConvNd.extra_repr. */
  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${tupleRepr(this.kernelSize)}, stride=${tupleRepr(this.stride)}`;
    if (typeof this.padding === 'string') s += `, padding=${this.padding}`;
    else if (this.padding.some((p) => p !== 0)) s += `, padding=${tupleRepr(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${tupleRepr(this.dilation)}`;
    if (this.outputPadding.some((p) => p !== 0)) s += `, output_padding=${tupleRepr(this.outputPadding)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}

const CONV_FNS = { 1: F.conv1d, 2: F.conv2d, 3: F.conv3d } as const;
const CONV_T_FNS = { 1: F.convTranspose1d, 2: F.convTranspose2d, 3: F.convTranspose3d } as const;

/** Python's Conv{1,2,3}d._conv_forward. */
function convForward(m: _ConvNd, dims: 1 | 2 | 3, input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
  const conv = CONV_FNS[dims] as (...a: unknown[]) => Tensor;
  if (m.paddingMode !== 'zeros') {
    const padded = F.pad(input, m._reversedPaddingRepeatedTwice, m.paddingMode) as Tensor;
    return conv(padded, weight, bias, m.stride, new Array<number>(dims).fill(0), m.dilation, m.groups);
  }
  return conv(input, weight, bias, m.stride, m.padding, m.dilation, m.groups);
}

/** `nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`. */
export class Conv1d extends _ConvNd {
  constructor(inChannels: number | ConvOptions<1>, outChannels?: number | ConvOptions<1>, kernelSize?: Size<1> | ConvOptions<1>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super({ dims: 1, transposed: false }, args);
  }

  /** Python's `_conv_forward(input, weight, bias)`: the convolution with the given weight, for subclasses. */
  _convForward(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
    const call = 'nn.Conv1d._conv_forward';
    return convForward(this, 1, tensorArg(call, 'input', input), tensorArg(call, 'weight', weight), bias === null || bias === undefined ? null : tensorArg(call, 'bias', bias));
  }

  override forward(input: Tensor): Tensor {
    return this._convForward(tensorArg('nn.Conv1d.forward', 'input', input), this.weight, this.bias);
  }
}

/** `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`. */
export class Conv2d extends _ConvNd {
  constructor(inChannels: number | ConvOptions<2>, outChannels?: number | ConvOptions<2>, kernelSize?: Size<2> | ConvOptions<2>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super({ dims: 2, transposed: false }, args);
  }

  /** Python's `_conv_forward(input, weight, bias)`: the convolution with the given weight, for subclasses. */
  _convForward(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
    const call = 'nn.Conv2d._conv_forward';
    return convForward(this, 2, tensorArg(call, 'input', input), tensorArg(call, 'weight', weight), bias === null || bias === undefined ? null : tensorArg(call, 'bias', bias));
  }

  override forward(input: Tensor): Tensor {
    return this._convForward(tensorArg('nn.Conv2d.forward', 'input', input), this.weight, this.bias);
  }
}

/** `nn.Conv3d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`. */
export class Conv3d extends _ConvNd {
  constructor(inChannels: number | ConvOptions<3>, outChannels?: number | ConvOptions<3>, kernelSize?: Size<3> | ConvOptions<3>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super({ dims: 3, transposed: false }, args);
  }

  /** Python's `_conv_forward(input, weight, bias)`: the convolution with the given weight, for subclasses. */
  _convForward(input: Tensor, weight: Tensor, bias: Tensor | null): Tensor {
    const call = 'nn.Conv3d._conv_forward';
    return convForward(this, 3, tensorArg(call, 'input', input), tensorArg(call, 'weight', weight), bias === null || bias === undefined ? null : tensorArg(call, 'bias', bias));
  }

  override forward(input: Tensor): Tensor {
    return this._convForward(tensorArg('nn.Conv3d.forward', 'input', input), this.weight, this.bias);
  }
}

/** Python's _ConvTransposeNd: the transposed convolutions, with the output_padding that an output_size asks for. */
export abstract class _ConvTransposeNd extends _ConvNd {
  /**
   * Python's `_output_padding(input, output_size, stride, padding, kernel_size, num_spatial_dims, dilation=None)`:
   * the module's output_padding when `outputSize` is null, else the one that gives `outputSize`
   * (spatial sizes, optionally preceded by the batch and channel sizes).
   */
  _outputPadding(input: Tensor, outputSize: number[] | null | undefined, stride: number[], padding: number[], kernelSize: number[], numSpatialDims: number, dilation: number[] | null = null): number[] {
    const call = `nn.${this.constructor.name}._output_padding`;
    const x = tensorArg(call, 'input', input);
    if (outputSize === undefined || outputSize === null) return this.outputPadding;
    const dims = v.int(call, 'num_spatial_dims', numSpatialDims, 1);
    const st = v.ints(call, 'stride', stride);
    const pad = v.ints(call, 'padding', padding);
    const ks = v.ints(call, 'kernel_size', kernelSize);
    const dil = dilation === null || dilation === undefined ? null : v.ints(call, 'dilation', dilation);
    let size = v.ints(call, 'output_size', outputSize);
    const hasBatch = x.dim() === dims + 2;
    const nonSpatial = hasBatch ? 2 : 1;
    if (size.length === nonSpatial + dims) size = size.slice(nonSpatial);
    if (size.length !== dims) {
      throw new RangeError(`ConvTranspose${dims}D: for ${x.dim()}D input, output_size must have ${dims} or ${nonSpatial + dims} elements (got ${size.length})`);
    }
    if ([st, pad, ks, dil ?? ks].some((a) => a.length < dims)) throw new RangeError(`${call}: stride, padding, kernel_size and dilation must have ${dims} elements`);
    const minSizes: number[] = [];
    const maxSizes: number[] = [];
    for (let d = 0; d < dims; d++) {
      const dimSize = (x.size(d + nonSpatial) - 1) * st[d] - 2 * pad[d] + (dil === null ? 1 : dil[d]) * (ks[d] - 1) + 1;
      minSizes.push(dimSize);
      maxSizes.push(dimSize + st[d] - 1);
    }
    for (let i = 0; i < size.length; i++) {
      if (size[i] < minSizes[i] || size[i] > maxSizes[i]) {
        throw new RangeError(`requested an output size of [${size.join(', ')}], but valid sizes range from [${minSizes.join(', ')}] to [${maxSizes.join(', ')}] (for an input of torch.Size([${x.shape.slice(2).join(', ')}]))`);
      }
    }
    return size.map((sz, d) => sz - minSizes[d]);
  }
}

function convTransposeForward(m: _ConvTransposeNd, dims: 1 | 2 | 3, input: unknown, outputSize: unknown): Tensor {
  const call = `nn.ConvTranspose${dims}d.forward`;
  const x = tensorArg(call, 'input', input);
  if (m.paddingMode !== 'zeros') throw new RangeError(`Only \`zeros\` padding mode is supported for ConvTranspose${dims}d`);
  if (outputSize !== undefined && outputSize !== null) v.ints(call, 'output_size', outputSize);
  const op = m._outputPadding(x, outputSize as number[] | null | undefined, m.stride, m.padding as number[], m.kernelSize, dims, m.dilation);
  const fn = CONV_T_FNS[dims] as (...a: unknown[]) => Tensor;
  return fn(x, m.weight, m.bias, m.stride, m.padding, op, m.groups, m.dilation);
}

/** `forward(input, output_size=None)`: output_size positional or `{ outputSize }`. */
function outputSizeArg(call: string, outputSize: unknown): unknown {
  if (v.isPlainObject(outputSize)) return v.bindArgs(call, ['outputSize'], [outputSize]).outputSize;
  return outputSize;
}

/** `nn.ConvTranspose1d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`. */
export class ConvTranspose1d extends _ConvTransposeNd {
  constructor(inChannels: number | ConvTransposeOptions<1>, outChannels?: number | ConvTransposeOptions<1>, kernelSize?: Size<1> | ConvTransposeOptions<1>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super({ dims: 1, transposed: true }, args);
  }

  /** `forward(input, output_size=None)`. */
  override forward(input: Tensor, outputSize?: number[] | { outputSize?: number[] | null } | null): Tensor {
    return convTransposeForward(this, 1, input, outputSizeArg('nn.ConvTranspose1d.forward', outputSize));
  }
}

/** `nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`. */
export class ConvTranspose2d extends _ConvTransposeNd {
  constructor(inChannels: number | ConvTransposeOptions<2>, outChannels?: number | ConvTransposeOptions<2>, kernelSize?: Size<2> | ConvTransposeOptions<2>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super({ dims: 2, transposed: true }, args);
  }

  override forward(input: Tensor, outputSize?: number[] | { outputSize?: number[] | null } | null): Tensor {
    return convTransposeForward(this, 2, input, outputSizeArg('nn.ConvTranspose2d.forward', outputSize));
  }
}

/** `nn.ConvTranspose3d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`. */
export class ConvTranspose3d extends _ConvTransposeNd {
  constructor(inChannels: number | ConvTransposeOptions<3>, outChannels?: number | ConvTransposeOptions<3>, kernelSize?: Size<3> | ConvTransposeOptions<3>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super({ dims: 3, transposed: true }, args);
  }

  override forward(input: Tensor, outputSize?: number[] | { outputSize?: number[] | null } | null): Tensor {
    return convTransposeForward(this, 3, input, outputSizeArg('nn.ConvTranspose3d.forward', outputSize));
  }
}

// ---- lazy convolutions (Python's _LazyConvXdMixin)

/** `reset_parameters` of a lazy convolution: nothing until its parameters are materialized. */
function lazyReset(m: _ConvNd, base: () => void): void {
  if (!hasUninitializedParams(m) && m.inChannels !== 0) base();
}

/** `initialize_parameters(input)`: in_channels from the input, then the shapes and the init. */
function lazyInitialize(m: _ConvNd, dims: number, name: string, input: unknown): void {
  if (!hasUninitializedParams(m)) return;
  const x = tensorArg(`nn.${name}.forward`, 'input', input);
  const noBatch = dims + 1;
  if (x.dim() !== noBatch && x.dim() !== noBatch + 1) {
    throw new Error(`Expected ${noBatch}D (unbatched) or ${noBatch + 1}D (batched) input to ${name}, but got input of size: torch.Size([${x.shape.join(', ')}])`);
  }
  m.inChannels = x.dim() === noBatch + 1 ? x.shape[1] : x.shape[0];
  if (m.inChannels % m.groups !== 0) throw new RangeError(`nn.${name}: in_channels must be divisible by groups`);
  const shape = m.transposed ? [m.inChannels, m.outChannels / m.groups, ...m.kernelSize] : [m.outChannels, m.inChannels / m.groups, ...m.kernelSize];
  (m.weight as unknown as UninitializedParameter).materialize(shape);
  if (m.bias !== null) (m.bias as unknown as UninitializedParameter).materialize([m.outChannels]);
  m.resetParameters();
}

/** Python's _lazy_load_hook, before the ordinary load. */
function lazyLoad(m: _ConvNd, sd: Map<string, Tensor>, prefix: string): void {
  if (hasUninitializedParams(m)) lazyLoadHook(m, sd, prefix);
}

type LoadArgs = [Map<string, Tensor>, string, string[], string[], string[]];

/** `nn.LazyConv1d(out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`: in_channels from the first input. */
export class LazyConv1d extends Conv1d {
  static readonly clsToBecome = Conv1d;
  constructor(outChannels: number | Omit<ConvOptions<1>, 'inChannels'>, kernelSize?: Size<1> | Omit<ConvOptions<1>, 'inChannels'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super(...(args as [number]));
  }
  override resetParameters(): void { lazyReset(this, () => super.resetParameters()); }
  initializeParameters(input: unknown): void { lazyInitialize(this, 1, 'LazyConv1d', input); }
  hasUninitializedParams(): boolean { return hasUninitializedParams(this); }
  override forward(input: Tensor): Tensor {
    inferParameters(this, Conv1d, [input]);
    return super.forward(input);
  }
  protected override _loadFromStateDict(...a: LoadArgs): void {
    lazyLoad(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}

/** `nn.LazyConv2d(out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`: in_channels from the first input. */
export class LazyConv2d extends Conv2d {
  static readonly clsToBecome = Conv2d;
  constructor(outChannels: number | Omit<ConvOptions<2>, 'inChannels'>, kernelSize?: Size<2> | Omit<ConvOptions<2>, 'inChannels'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super(...(args as [number]));
  }
  override resetParameters(): void { lazyReset(this, () => super.resetParameters()); }
  initializeParameters(input: unknown): void { lazyInitialize(this, 2, 'LazyConv2d', input); }
  hasUninitializedParams(): boolean { return hasUninitializedParams(this); }
  override forward(input: Tensor): Tensor {
    inferParameters(this, Conv2d, [input]);
    return super.forward(input);
  }
  protected override _loadFromStateDict(...a: LoadArgs): void {
    lazyLoad(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}

/** `nn.LazyConv3d(out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', device=None, dtype=None)`: in_channels from the first input. */
export class LazyConv3d extends Conv3d {
  static readonly clsToBecome = Conv3d;
  constructor(outChannels: number | Omit<ConvOptions<3>, 'inChannels'>, kernelSize?: Size<3> | Omit<ConvOptions<3>, 'inChannels'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super(...(args as [number]));
  }
  override resetParameters(): void { lazyReset(this, () => super.resetParameters()); }
  initializeParameters(input: unknown): void { lazyInitialize(this, 3, 'LazyConv3d', input); }
  hasUninitializedParams(): boolean { return hasUninitializedParams(this); }
  override forward(input: Tensor): Tensor {
    inferParameters(this, Conv3d, [input]);
    return super.forward(input);
  }
  protected override _loadFromStateDict(...a: LoadArgs): void {
    lazyLoad(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}

/** `nn.LazyConvTranspose1d(out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`. */
export class LazyConvTranspose1d extends ConvTranspose1d {
  static readonly clsToBecome = ConvTranspose1d;
  constructor(outChannels: number | Omit<ConvTransposeOptions<1>, 'inChannels'>, kernelSize?: Size<1> | Omit<ConvTransposeOptions<1>, 'inChannels'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super(...(args as [number]));
  }
  override resetParameters(): void { lazyReset(this, () => super.resetParameters()); }
  initializeParameters(input: unknown): void { lazyInitialize(this, 1, 'LazyConvTranspose1d', input); }
  hasUninitializedParams(): boolean { return hasUninitializedParams(this); }
  override forward(input: Tensor, outputSize?: number[] | { outputSize?: number[] | null } | null): Tensor {
    inferParameters(this, ConvTranspose1d, [input]);
    return super.forward(input, outputSize);
  }
  protected override _loadFromStateDict(...a: LoadArgs): void {
    lazyLoad(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}

/** `nn.LazyConvTranspose2d(out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`. */
export class LazyConvTranspose2d extends ConvTranspose2d {
  static readonly clsToBecome = ConvTranspose2d;
  constructor(outChannels: number | Omit<ConvTransposeOptions<2>, 'inChannels'>, kernelSize?: Size<2> | Omit<ConvTransposeOptions<2>, 'inChannels'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super(...(args as [number]));
  }
  override resetParameters(): void { lazyReset(this, () => super.resetParameters()); }
  initializeParameters(input: unknown): void { lazyInitialize(this, 2, 'LazyConvTranspose2d', input); }
  hasUninitializedParams(): boolean { return hasUninitializedParams(this); }
  override forward(input: Tensor, outputSize?: number[] | { outputSize?: number[] | null } | null): Tensor {
    inferParameters(this, ConvTranspose2d, [input]);
    return super.forward(input, outputSize);
  }
  protected override _loadFromStateDict(...a: LoadArgs): void {
    lazyLoad(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}

/** `nn.LazyConvTranspose3d(out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', device=None, dtype=None)`. */
export class LazyConvTranspose3d extends ConvTranspose3d {
  static readonly clsToBecome = ConvTranspose3d;
  constructor(outChannels: number | Omit<ConvTransposeOptions<3>, 'inChannels'>, kernelSize?: Size<3> | Omit<ConvTransposeOptions<3>, 'inChannels'>, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super(...(args as [number]));
  }
  override resetParameters(): void { lazyReset(this, () => super.resetParameters()); }
  initializeParameters(input: unknown): void { lazyInitialize(this, 3, 'LazyConvTranspose3d', input); }
  hasUninitializedParams(): boolean { return hasUninitializedParams(this); }
  override forward(input: Tensor, outputSize?: number[] | { outputSize?: number[] | null } | null): Tensor {
    inferParameters(this, ConvTranspose3d, [input]);
    return super.forward(input, outputSize);
  }
  protected override _loadFromStateDict(...a: LoadArgs): void {
    lazyLoad(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}
