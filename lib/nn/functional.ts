// torch.nn.functional (`const F = nn.functional`). Defaults, argument checks and the choice of ATen
// op live here, as in Python's torch/nn/functional.py; native/functional.cc only calls the op.
// Python positional parameters stay positional; keyword parameters are a trailing options object.
import { native } from '../native';
import { Tensor, tensorArg } from '../tensor';
import { rand, arange, zeros, zerosLike, emptyLike } from '../creation';
import { contiguous_format } from '../_C/layout';
import { cat } from '../functions';
import type { Device } from '../device';
import { noGrad } from '../autograd';
import { OPS } from '../_C/generated/ops';
import { callOp } from '../_C/arg_parser';
import type { DType } from '../dtype';
import { argError, NotImplementedError } from '../errors';
import * as v from '../validate';

type Options = Record<string, unknown>;

type Pair = number | [number, number];
const given = (x: unknown): boolean => x !== undefined && x !== null;

/** A spatial size for 2-D ops: one value for both dims or one per dim, as Python's `_pair`. */
function pair(call: string, name: string, x: unknown, check: (call: string, name: string, x: unknown) => number): [number, number] {
  if (Array.isArray(x)) {
    // ATen's 2-D pooling takes a list of one value for both dims too
    if (x.length !== 2 && x.length !== 1) throw argError(call, name, 'a number or a list of 1 or 2 numbers', x, 'range');
    return [check(call, `${name}[0]`, x[0]), check(call, `${name}[1]`, x[x.length - 1])];
  }
  const n = check(call, name, x);
  return [n, n];
}

const positiveInt = (call: string, name: string, x: unknown): number => v.int(call, name, x, 1);
const positiveNumber = (call: string, name: string, x: unknown): number => {
  const n = v.finite(call, name, x);
  if (!(n > 0)) throw argError(call, name, 'a positive number', x, 'range');
  return n;
};

function tensorOfDim(call: string, name: string, x: unknown, dims: number[], layout: string): Tensor {
  const t = tensorArg(call, name, x);
  if (!dims.includes(t.dim())) throw new RangeError(`${call}: ${name} must be a ${dims.join('-D or ')}-D tensor ${layout}, got a ${t.dim()}-D tensor`);
  return t;
}

// ---------------------------------------------------------------- interpolate

export type InterpolateMode = 'nearest' | 'linear' | 'bilinear' | 'bicubic' | 'trilinear' | 'area' | 'nearest-exact';
const MODES = ['nearest', 'linear', 'bilinear', 'bicubic', 'trilinear', 'area', 'nearest-exact'] as const;
/** The number of spatial dims of the interpolating modes. */
const MODE_DIMS: Partial<Record<InterpolateMode, number>> = { linear: 1, bilinear: 2, bicubic: 2, trilinear: 3 };
export interface InterpolateOptions {
  size?: number | number[] | null;
  scaleFactor?: number | number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
  antialias?: boolean;
}

/** One value per spatial dim: a list of `dims` values or one value for all, as Python expands it. */
function perDim(call: string, name: string, x: unknown, dims: number, input: Tensor, check: (call: string, name: string, x: unknown) => number): number[] {
  if (!Array.isArray(x)) return new Array<number>(dims).fill(check(call, name, x));
  if (x.length !== dims) {
    throw new RangeError(`${call}: Input and ${name === 'size' ? 'output' : name} must have the same number of spatial dimensions, but got input with spatial dimensions of [${input.shape.slice(2).join(', ')}] and ${name === 'size' ? 'output size' : name} of [${x.join(', ')}]`);
  }
  return x.map((e, i) => check(call, `${name}[${i}]`, e));
}

/**
 * F.interpolate(input, size?, scale_factor?, mode = 'nearest', align_corners?, recompute_scale_factor?, antialias = false):
 * input is (N, C, d1[, d2[, d3]]); linear is 1-D, bilinear and bicubic 2-D, trilinear 3-D.
 */
export function interpolate(input: Tensor, size?: number | number[] | null | InterpolateOptions, ...rest: unknown[]): Tensor {
  const call = 'F.interpolate';
  const o = v.bindArgs(call, ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor', 'antialias'], [size, ...rest]);
  const x = tensorArg(call, 'input', input);
  const mode = given(o.mode) ? v.oneOf(call, 'mode', o.mode, MODES) : 'nearest';
  const interpolating = MODE_DIMS[mode] !== undefined;
  let alignCorners = false;
  if (given(o.alignCorners)) {
    alignCorners = v.bool(call, 'align_corners', o.alignCorners);
    if (!interpolating) throw new TypeError(`${call}: align_corners can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear, got mode '${mode}'`);
  }
  const antialias = given(o.antialias) ? v.bool(call, 'antialias', o.antialias) : false;
  if (antialias && !((mode === 'bilinear' || mode === 'bicubic') && x.dim() === 4)) throw new TypeError(`${call}: antialias is only supported for the 'bilinear' and 'bicubic' modes of 4-D input, got mode '${mode}'`);
  const dims = x.dim() - 2;
  if (dims < 1 || dims > 3) {
    throw new RangeError(`${call}: Only 3D, 4D and 5D input Tensors supported (got ${x.dim()}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`);
  }
  if (interpolating && MODE_DIMS[mode] !== dims) throw new RangeError(`${call}: Got ${x.dim()}D input, but ${mode} mode needs ${MODE_DIMS[mode]! + 2}D input`);

  const hasSize = given(o.size);
  const hasScale = given(o.scaleFactor);
  if (hasSize === hasScale) throw new TypeError(`${call}: exactly one of size or scale_factor must be given`);
  let recompute = given(o.recomputeScaleFactor) ? v.bool(call, 'recompute_scale_factor', o.recomputeScaleFactor) : false;
  if (recompute && hasSize) throw new TypeError(`${call}: recompute_scale_factor is not meaningful with an explicit size`);
  // 'area' is adaptive average pooling: it needs an output size (Python recomputes it too).
  if (mode === 'area') recompute = true;

  let outSize: number[] | null = hasSize ? perDim(call, 'size', o.size, dims, x, positiveInt) : null;
  let scales: number[] | null = hasScale ? perDim(call, 'scale_factor', o.scaleFactor, dims, x, positiveNumber) : null;
  if (scales && recompute) {
    // Python: the output size is floor(in * scale) and the kernel then derives the scale from it.
    const s = scales;
    outSize = x.shape.slice(2).map((n, i) => Math.floor(n * s[i]));
    scales = null;
  }
  switch (mode) {
    case 'nearest': return op('nn', `upsampleNearest${dims}d`)(x, outSize, scales);
    case 'nearest-exact': return op('nn', `_upsampleNearestExact${dims}d`)(x, outSize, scales);
    case 'area': return dims === 1 ? op('torch', 'adaptiveAvgPool1d')(x, outSize) : op('nn', `adaptiveAvgPool${dims}d`)(x, outSize);
    case 'linear': return op('nn', 'upsampleLinear1d')(x, outSize, alignCorners, scales);
    case 'trilinear': return op('nn', 'upsampleTrilinear3d')(x, outSize, alignCorners, scales);
    default: return op('nn', `${antialias ? '_' : ''}upsample${mode === 'bilinear' ? 'Bilinear' : 'Bicubic'}2d${antialias ? 'Aa' : ''}`)(x, outSize, alignCorners, scales);
  }
}

// ---------------------------------------------------------------- activations

function inplaceOpt(call: string, o: Options): boolean {
  return o.inplace === undefined ? false : v.bool(call, 'inplace', o.inplace);
}

/** F.relu(input, { inplace }) */
export function relu(input: Tensor, inplace?: boolean | { inplace?: boolean }): Tensor {
  const call = 'F.relu';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['inplace'], [inplace]);
  return inplaceOpt(call, o) ? x.relu_() : native.relu(x);
}

/** F.leaky_relu(input, negativeSlope = 0.01, { inplace }) */
export function leakyRelu(input: Tensor, negativeSlope?: number | { negativeSlope?: number; inplace?: boolean }, opts?: { inplace?: boolean }): Tensor {
  const call = 'F.leaky_relu';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['negativeSlope'], [negativeSlope, opts], ['inplace']);
  const slope = o.negativeSlope === undefined ? 0.01 : v.finite(call, 'negative_slope', o.negativeSlope);
  if (inplaceOpt(call, o)) { native.leakyRelu_(x, slope); return x; }
  return native.leakyRelu(x, slope);
}

export function sigmoid(input: Tensor): Tensor {
  return native.sigmoid(tensorArg('F.sigmoid', 'input', input));
}

export function tanh(input: Tensor): Tensor {
  return native.tanh(tensorArg('F.tanh', 'input', input));
}

/**
 * F.softmax(input, dim, { dtype }) / F.softmax(input, { dim, dtype }). Without dim, Python's deprecated
 * implicit choice, with its warning (_get_softmax_dim).
 */
export function softmax(input: Tensor, dim?: number | null | { dim?: number | null; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
  return softmaxLike('F.softmax', input, dim, opts, (x, d, o) => x.softmax(d, o));
}

/** F.log_softmax(input, dim, { dtype }), as F.softmax. */
export function logSoftmax(input: Tensor, dim?: number | null | { dim?: number | null; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
  return softmaxLike('F.log_softmax', input, dim, opts, (x, d, o) => x.logSoftmax(d, o));
}

/**
 * Python's `_get_softmax_dim(name, ndim)`: 0 for a 0-, 1- or 3-d input, else 1, with the deprecation
 * warning (once per function, as Python's default warning filter shows it once per call site).
 */
function getSoftmaxDim(name: string, ndim: number): number {
  warnOnce(`_get_softmax_dim ${name}`, `Implicit dimension choice for ${name} has been deprecated. Change the call to include dim=X as an argument.`, 'UserWarning');
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

function softmaxLike(call: string, input: unknown, dim: unknown, opts: unknown, fn: (x: Tensor, d: number, o: { dtype?: DType }) => Tensor): Tensor {
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['dim'], [dim, opts], ['dtype']);
  const d = given(o.dim) ? v.int(call, 'dim', o.dim) : getSoftmaxDim(call.slice(2), x.dim());
  return fn(x, d, o.dtype === undefined ? {} : { dtype: o.dtype as DType });
}

// ---------------------------------------------------------------- dropout

export interface DropoutOptions { p?: number; training?: boolean; inplace?: boolean }

function dropoutArgs(call: string, p: unknown, training: unknown, opts: unknown): { p: number; training: boolean; inplace: boolean } {
  const o = v.bindArgs(call, ['p', 'training'], [p, training, opts], ['inplace']);
  const prob = o.p === undefined ? 0.5 : v.number(call, 'p', o.p);
  if (!(prob >= 0 && prob <= 1)) throw new RangeError(`${call}: dropout probability has to be between 0 and 1, but got ${prob}`);
  return { p: prob, training: o.training === undefined ? true : v.bool(call, 'training', o.training), inplace: inplaceOpt(call, o) };
}

/**
 * F.dropout(input, p = 0.5, training = true, { inplace }): zeroes each element with probability p
 * and scales the rest by 1/(1-p). Same kernel and default generator as Python, so the same mask
 * after the same torch.manualSeed.
 */
export function dropout(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, opts?: DropoutOptions): Tensor {
  const call = 'F.dropout';
  const x = tensorArg(call, 'input', input);
  const a = dropoutArgs(call, p, training, opts);
  if (a.inplace) { native.dropout_(x, a.p, a.training); return x; }
  return native.dropout(x, a.p, a.training);
}

/**
 * F.dropout2d(input, p = 0.5, training = true, { inplace }): zeroes whole channels of (N, C, H, W). As in
 * Python 1.13, a 3-D input is (N, C, L), with Python's warning (later versions read it as (C, H, W)).
 */
export function dropout2d(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, opts?: DropoutOptions): Tensor {
  const call = 'F.dropout2d';
  const x = tensorArg(call, 'input', input);
  const a = dropoutArgs(call, p, training, opts);
  if (x.dim() !== 3 && x.dim() !== 4) {
    warnOnce(call, `dropout2d: Received a ${x.dim()}-D input to dropout2d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D inputs).`);
  }
  if (x.dim() === 3) {
    warnOnce(`${call} 3-D`, 'dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This behavior will change in a future release to interpret the input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please switch to using dropout1d instead.');
  }
  if (a.inplace) { native.featureDropout_(x, a.p, a.training); return x; }
  return native.featureDropout(x, a.p, a.training);
}

// ---------------------------------------------------------------- layers

function optTensor(call: string, name: string, x: unknown): Tensor | null {
  return given(x) ? tensorArg(call, name, x) : null;
}

/** F.linear(input, weight, bias?): input @ weight.T + bias. */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  const call = 'F.linear';
  return native.linear(tensorArg(call, 'input', input), tensorArg(call, 'weight', weight), optTensor(call, 'bias', bias));
}

export interface Conv2dOptions { stride?: Pair; padding?: Pair | 'same' | 'valid'; dilation?: Pair; groups?: number }

/** F.conv2d(input, weight, bias?, stride = 1, padding = 0, dilation = 1, groups = 1) (positional or options); padding may be 'same' or 'valid'. */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null | Conv2dOptions, ...rest: unknown[]): Tensor {
  const call = 'F.conv2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const w = tensorOfDim(call, 'weight', weight, [4], '(out_channels, in_channels / groups, kH, kW)');
  const o = v.bindArgs(call, ['bias', 'stride', 'padding', 'dilation', 'groups'], [bias, ...rest]);
  const nonNegative = (c: string, n: string, val: unknown): number => v.int(c, n, val, 0);
  const padding = typeof o.padding === 'string' ? v.oneOf(call, 'padding', o.padding, ['same', 'valid'] as const) : pair(call, 'padding', o.padding ?? 0, nonNegative);
  return native.conv2d(x, w, optTensor(call, 'bias', o.bias), pair(call, 'stride', o.stride ?? 1, positiveInt), padding,
    pair(call, 'dilation', o.dilation ?? 1, positiveInt), o.groups === undefined ? 1 : v.int(call, 'groups', o.groups, 1));
}

export interface MaxPool2dOptions { kernelSize?: Pair; stride?: Pair | null; padding?: Pair; dilation?: Pair; ceilMode?: boolean; returnIndices?: boolean }
export interface AvgPool2dOptions { kernelSize?: Pair; stride?: Pair | null; padding?: Pair; ceilMode?: boolean; countIncludePad?: boolean; divisorOverride?: number | null }

/** kernel, stride (default: the kernel, as Python's stride=None) and padding of a 2-D pooling call. */
function poolWindow(call: string, o: Options): { kernel: [number, number]; stride: [number, number]; padding: [number, number] } {
  if (!given(o.kernelSize)) throw new TypeError(`${call}: kernel_size must be given`);
  const kernel = pair(call, 'kernel_size', o.kernelSize, positiveInt);
  // None or [] (ATen's default) is the kernel size
  const stride = given(o.stride) && !(Array.isArray(o.stride) && o.stride.length === 0) ? pair(call, 'stride', o.stride, positiveInt) : kernel;
  const padding = pair(call, 'padding', o.padding ?? 0, (c, n, val) => v.int(c, n, val, 0));
  return { kernel, stride, padding };
}

/** F.max_pool2d(input, kernelSize, stride = kernelSize, padding = 0, dilation = 1, ceilMode = false, returnIndices = false); any of them may be options. */
export function maxPool2d(input: Tensor, kernelSize: Pair | MaxPool2dOptions, stride?: Pair | null | MaxPool2dOptions, opts?: MaxPool2dOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(input: Tensor, kernelSize: Pair | MaxPool2dOptions, stride: Pair | null | MaxPool2dOptions, opts: MaxPool2dOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: MaxPool2dOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: Pair | MaxPool2dOptions, stride?: Pair | null | MaxPool2dOptions, ...rest: unknown[]): Tensor | [Tensor, Tensor] {
  const call = 'F.max_pool2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const o = v.bindArgs(call, ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode', 'returnIndices'], [kernelSize, stride, ...rest]);
  const w = poolWindow(call, o);
  const dilation = pair(call, 'dilation', o.dilation ?? 1, positiveInt);
  const ceil = o.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', o.ceilMode);
  const indices = o.returnIndices === undefined ? false : v.bool(call, 'return_indices', o.returnIndices);
  return native.maxPool2d(x, w.kernel, w.stride, w.padding, dilation, ceil, indices);
}

/** F.avg_pool2d(input, kernelSize, stride = kernelSize, padding = 0, ceilMode = false, countIncludePad = true, divisorOverride?); any of them may be options. */
export function avgPool2d(input: Tensor, kernelSize: Pair | AvgPool2dOptions, stride?: Pair | null | AvgPool2dOptions, ...rest: unknown[]): Tensor {
  const call = 'F.avg_pool2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const o = v.bindArgs(call, ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad', 'divisorOverride'], [kernelSize, stride, ...rest]);
  const w = poolWindow(call, o);
  const ceil = o.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', o.ceilMode);
  const includePad = o.countIncludePad === undefined ? true : v.bool(call, 'count_include_pad', o.countIncludePad);
  const divisor = v.optInt(call, 'divisor_override', o.divisorOverride);
  if (divisor === 0) throw new RangeError(`${call}: divisor must be not zero`);  // ATen's only check: a negative one divides
  return native.avgPool2d(x, w.kernel, w.stride, w.padding, ceil, includePad, divisor ?? null);
}

/** F.adaptive_avg_pool2d(input, outputSize): a null entry keeps that input dim, as in Python. */
export function adaptiveAvgPool2d(input: Tensor, outputSize: number | [number | null, number | null]): Tensor {
  const call = 'F.adaptive_avg_pool2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const inputSize = x.shape.slice(-2);
  const resolved = Array.isArray(outputSize) ? outputSize.map((s, i) => (s === null ? inputSize[i] : s)) : outputSize;
  return native.adaptiveAvgPool2d(x, pair(call, 'output_size', resolved, (c, n, val) => v.int(c, n, val, 0)));
}

export interface BatchNormOptions { weight?: Tensor | null; bias?: Tensor | null; training?: boolean; momentum?: number; eps?: number }

/**
 * F.batch_norm(input, runningMean, runningVar, weight?, bias?, training = false, momentum = 0.1, eps = 1e-5) (positional or options).
 * In training it normalises with the batch statistics and updates runningMean/runningVar in place.
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, ...rest: unknown[]): Tensor {
  const call = 'F.batch_norm';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['weight', 'bias', 'training', 'momentum', 'eps'], rest);
  const training = o.training === undefined ? false : v.bool(call, 'training', o.training);
  const momentum = o.momentum === undefined ? 0.1 : v.finite(call, 'momentum', o.momentum);
  const eps = o.eps === undefined ? 1e-5 : positiveNumber(call, 'eps', o.eps);
  const mean = optTensor(call, 'running_mean', runningMean);
  const variance = optTensor(call, 'running_var', runningVar);
  if (!training && (!mean || !variance)) throw new TypeError(`${call}: running_mean and running_var must be Tensors when training is false`);
  if (training) {
    const size = x.shape;
    const perChannel = size.length < 2 ? size[0] ?? 1 : size[0] * size.slice(2).reduce((a, b) => a * b, 1);
    if (perChannel === 1) throw new RangeError(`${call}: expected more than 1 value per channel when training, got input size [${size.join(', ')}]`);
  }
  return native.batchNorm(x, optTensor(call, 'weight', o.weight), optTensor(call, 'bias', o.bias), mean, variance, training, momentum, eps);
}

// ---------------------------------------------------------------- losses

export type Reduction = 'none' | 'mean' | 'sum';
const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** at::Reduction's code for the `reduction` option (default 'mean'). */
function reductionCode(call: string, o: Options): number {
  return REDUCTIONS.indexOf(o.reduction === undefined ? 'mean' : v.oneOf(call, 'reduction', o.reduction, REDUCTIONS));
}

export interface CrossEntropyOptions { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction; labelSmoothing?: number }
export interface NLLLossOptions { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction }
export interface ReductionOptions { reduction?: Reduction }
export interface BCEOptions { weight?: Tensor | null; reduction?: Reduction }
export interface BCEWithLogitsOptions { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null }

function lossInputs(call: string, input: unknown, target: unknown): [Tensor, Tensor] {
  return [tensorArg(call, 'input', input), tensorArg(call, 'target', target)];
}

function sameSize(call: string, x: Tensor, y: Tensor): void {
  const a = x.shape;
  const b = y.shape;
  if (a.length !== b.length || a.some((n, i) => n !== b[i])) {
    throw new RangeError(`${call}: target size ([${b.join(', ')}]) must be the same as input size ([${a.join(', ')}])`);
  }
}

/**
 * F.cross_entropy(input, target, weight?, { ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 }):
 * target holds class indices (int64) or class probabilities (same shape as input).
 */
export function crossEntropy(input: Tensor, target: Tensor, weight?: Tensor | null | CrossEntropyOptions, opts?: CrossEntropyOptions): Tensor {
  const call = 'F.cross_entropy';
  const [x, y] = lossInputs(call, input, target);
  const o = v.bindArgs(call, ['weight'], [weight, opts], ['ignoreIndex', 'reduction', 'labelSmoothing']);
  const smoothing = o.labelSmoothing === undefined ? 0 : v.inRange(call, 'label_smoothing', o.labelSmoothing, 0, 1);
  const ignore = o.ignoreIndex === undefined ? -100 : v.int(call, 'ignore_index', o.ignoreIndex);
  return native.crossEntropyLoss(x, y, optTensor(call, 'weight', o.weight), reductionCode(call, o), ignore, smoothing);
}

/** F.nll_loss(input, target, weight?, { ignoreIndex = -100, reduction = 'mean' }): input holds log-probabilities. */
export function nllLoss(input: Tensor, target: Tensor, weight?: Tensor | null | NLLLossOptions, opts?: NLLLossOptions): Tensor {
  const call = 'F.nll_loss';
  const [x, y] = lossInputs(call, input, target);
  const o = v.bindArgs(call, ['weight'], [weight, opts], ['ignoreIndex', 'reduction']);
  const ignore = o.ignoreIndex === undefined ? -100 : v.int(call, 'ignore_index', o.ignoreIndex);
  return native.nllLoss(x, y, optTensor(call, 'weight', o.weight), reductionCode(call, o), ignore);
}

const warned = new Set<string>();

/** mse_loss / l1_loss: Python broadcasts input and target, warning when their sizes differ. */
function pointwiseLoss(call: string, fn: (x: Tensor, y: Tensor, r: number) => Tensor, input: unknown, target: unknown, opts: unknown): Tensor {
  const [x, y] = lossInputs(call, input, target);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['reduction']);
  const r = reductionCode(call, o);
  const xs = x.shape.join(', ');
  const ys = y.shape.join(', ');
  if (xs !== ys && !warned.has(call)) {
    warned.add(call);
    process.emitWarning(`${call}: using a target size ([${ys}]) that is different to the input size ([${xs}]). ` +
      'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.');
  }
  const [bx, by]: Tensor[] = native.broadcastTensors([x, y]);
  return fn(bx, by, r);
}

/** F.mse_loss(input, target, { reduction = 'mean' }) */
export function mseLoss(input: Tensor, target: Tensor, opts?: ReductionOptions): Tensor {
  return pointwiseLoss('F.mse_loss', native.mseLoss, input, target, opts);
}

/** F.l1_loss(input, target, { reduction = 'mean' }) */
export function l1Loss(input: Tensor, target: Tensor, opts?: ReductionOptions): Tensor {
  return pointwiseLoss('F.l1_loss', native.l1Loss, input, target, opts);
}

/** F.binary_cross_entropy(input, target, weight?, { reduction = 'mean' }): input holds probabilities. */
export function binaryCrossEntropy(input: Tensor, target: Tensor, weight?: Tensor | null | BCEOptions, opts?: BCEOptions): Tensor {
  const call = 'F.binary_cross_entropy';
  const [x, y] = lossInputs(call, input, target);
  const o = v.bindArgs(call, ['weight'], [weight, opts], ['reduction']);
  const r = reductionCode(call, o);
  sameSize(call, x, y);
  let w = optTensor(call, 'weight', o.weight);
  // Python expands the weight to the broadcast size of target and weight.
  if (w) w = (native.broadcastTensors([w, y]) as Tensor[])[0];
  return native.binaryCrossEntropy(x, y, w, r);
}

/** F.binary_cross_entropy_with_logits(input, target, weight?, { reduction = 'mean', posWeight }) */
export function binaryCrossEntropyWithLogits(input: Tensor, target: Tensor, weight?: Tensor | null | BCEWithLogitsOptions, opts?: BCEWithLogitsOptions): Tensor {
  const call = 'F.binary_cross_entropy_with_logits';
  const [x, y] = lossInputs(call, input, target);
  const o = v.bindArgs(call, ['weight'], [weight, opts], ['reduction', 'posWeight']);
  const r = reductionCode(call, o);
  sameSize(call, x, y);
  return native.binaryCrossEntropyWithLogits(x, y, optTensor(call, 'weight', o.weight), optTensor(call, 'pos_weight', o.posWeight), r);
}

// ---------------------------------------------------------------- the rest of torch/nn/functional.py
// Ported from Python 1.13's torch/nn/functional.py: the same defaults and checks, calling the same
// ATen ops through the generated op layer (lib/_C), which binds their arguments as Python's parser
// does. Every parameter may be given positionally or in the trailing options object, as in Python.

const REQUIRED = Symbol('required');

/** The call's arguments by Python parameter name, defaults filled in (`params` in Python's order). */
function pyArgs(call: string, params: Record<string, unknown>, args: readonly unknown[]): Options {
  const names = Object.keys(params);
  const o = v.bindArgs(call, names, args);
  for (const k of names) {
    if (o[k] !== undefined) continue;
    if (params[k] === REQUIRED) throw new TypeError(`${call}: missing required argument '${v.pythonName(k)}'`);
    o[k] = params[k];
  }
  return o;
}

type AnyFn = (...args: unknown[]) => any;  // eslint-disable-line @typescript-eslint/no-explicit-any
/** A generated op as Python calls it from F: `torch.X` (ns 'torch') or `torch._C._nn.X` (ns 'nn'). */
function op(ns: 'torch' | 'nn', name: string): AnyFn {
  return (...args: unknown[]) => {
    const o = OPS[ns][name];
    if (o === undefined) throw new TypeError(`torch.${ns === 'nn' ? '_C._nn.' : ''}${name} is not in the generated op layer`);
    return callOp(ns === 'nn' ? `torch._C._nn.${o.py}` : `torch.${o.py}`, o, undefined, args);
  };
}

/** An F function that is Python's binding of an ATen op under another name (`F.conv1d = torch.conv1d`). */
type PyFn<R = Tensor> = (input: Tensor, ...args: unknown[]) => R;
const alias = (ns: 'torch' | 'nn', name: string): PyFn => op(ns, name) as PyFn;

const input0 = (call: string, o: Options): Tensor => tensorArg(call, 'input', o.input);

function warnOnce(call: string, message: string, type?: string): void {
  if (warned.has(call)) return;
  warned.add(call);
  process.emitWarning(message, type);
}

// ---- activations

/** An activation with Python's `(input, ...params, inplace=False)`: `name_` in place, `name` otherwise. */
function activation(call: string, ns: 'torch' | 'nn', name: string, params: Record<string, unknown>): PyFn {
  const all = { input: REQUIRED, ...params, inplace: false };
  return (...args: unknown[]) => {
    const o = pyArgs(call, all, args);
    const values = Object.keys(params).map((k) => o[k]);
    return v.bool(call, 'inplace', o.inplace) ? op(ns, `${name}_`)(o.input, ...values) : op(ns, name)(o.input, ...values);
  };
}

export const threshold = activation('F.threshold', 'torch', 'threshold', { threshold: REQUIRED, value: REQUIRED });
export const hardtanh = activation('F.hardtanh', 'nn', 'hardtanh', { minVal: -1, maxVal: 1 });
export const relu6 = activation('F.relu6', 'nn', 'relu6', {});
export const elu = activation('F.elu', 'nn', 'elu', { alpha: 1 });
export const selu = activation('F.selu', 'torch', 'selu', {});
export const celu = activation('F.celu', 'torch', 'celu', { alpha: 1 });
export const rrelu = activation('F.rrelu', 'torch', 'rrelu', { lower: 1 / 8, upper: 1 / 3, training: false });
export const hardsigmoid = activation('F.hardsigmoid', 'nn', 'hardsigmoid', {});
export const silu = activation('F.silu', 'nn', 'silu', {});
export const mish = activation('F.mish', 'nn', 'mish', {});
export const hardswish = activation('F.hardswish', 'nn', 'hardswish', {});
export const prelu = alias('torch', 'prelu');
export const logsigmoid = alias('nn', 'logSigmoid');
export const gelu = alias('nn', 'gelu');
export const hardshrink = alias('torch', 'hardshrink');
export const softshrink = alias('nn', 'softshrink');
export const softplus = alias('nn', 'softplus');
// the in-place activations are Python's bindings of the ATen ops themselves (F.relu_ = torch.relu_, ...)
export const relu_ = alias('torch', 'relu_');
export const elu_ = alias('nn', 'elu_');
export const selu_ = alias('torch', 'selu_');
export const celu_ = alias('torch', 'celu_');
export const leakyRelu_ = alias('nn', 'leakyRelu_');
export const hardtanh_ = alias('nn', 'hardtanh_');
export const rrelu_ = alias('torch', 'rrelu_');
export const threshold_ = alias('torch', 'threshold_');

/** F.glu(input, dim = -1) */
export function glu(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.glu', { input: REQUIRED, dim: -1 }, args);
  if (input0('F.glu', o).dim() === 0) throw new RangeError('F.glu: glu does not support scalars because halving size must be even');
  return op('nn', 'glu')(o.input, o.dim);
}

/** F.tanhshrink(input): input - tanh(input) */
export function tanhshrink(input: Tensor): Tensor {
  const x = tensorArg('F.tanhshrink', 'input', input);
  return x.sub(x.tanh());
}

/** F.softsign(input): input / (|input| + 1) */
export function softsign(input: Tensor): Tensor {
  const x = tensorArg('F.softsign', 'input', input);
  return x.div(x.abs().add(1));
}

/** F.softmin(input, dim, { dtype }): softmax of -input; `dim` is required, as for F.softmax. */
export function softmin(input: Tensor, dim?: number | null | { dim?: number | null; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
  return softmaxLike('F.softmin', input, dim, opts, (x, d, o) => x.neg().softmax(d, o));
}

// ---- dropout

function dropoutP(call: string, p: unknown): number {
  const prob = v.number(call, 'p', p);
  if (!(prob >= 0 && prob <= 1)) throw new RangeError(`${call}: dropout probability has to be between 0 and 1, but got ${prob}`);
  return prob;
}

/** F.alpha_dropout / F.feature_alpha_dropout (input, p = 0.5, training = false, inplace = false) */
function alphaDropoutLike(call: string, name: string): PyFn {
  return (...args: unknown[]) => {
    const o = pyArgs(call, { input: REQUIRED, p: 0.5, training: false, inplace: false }, args);
    const p = dropoutP(call, o.p);
    return op('torch', v.bool(call, 'inplace', o.inplace) ? `${name}_` : name)(o.input, p, o.training);
  };
}
export const alphaDropout = alphaDropoutLike('F.alpha_dropout', 'alphaDropout');
export const featureAlphaDropout = alphaDropoutLike('F.feature_alpha_dropout', 'featureAlphaDropout');

/** F.dropout3d(input, p = 0.5, training = true, inplace = false): zeroes whole channels of (N, C, D, H, W) or (C, D, H, W). */
export function dropout3d(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.dropout3d';
  const o = pyArgs(call, { input: REQUIRED, p: 0.5, training: true, inplace: false }, args);
  const p = dropoutP(call, o.p);
  const x = input0(call, o);
  const inplace = v.bool(call, 'inplace', o.inplace);
  if (x.dim() !== 4 && x.dim() !== 5) {
    warnOnce(call, `dropout3d: Received a ${x.dim()}-D input to dropout3d, which is deprecated and will result in an error in a future release. To retain the behavior and silence this warning, please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 4D or 5D inputs).`);
  }
  const batched = x.dim() === 5;
  const b = batched ? x : inplace ? x.unsqueeze_(0) : x.unsqueeze(0);
  const r: Tensor = inplace ? op('torch', 'featureDropout_')(b, p, o.training) : op('torch', 'featureDropout')(b, p, o.training);
  return batched ? r : inplace ? r.squeeze_(0) : r.squeeze(0);
}

// ---- convolution, pooling, padding

export const conv1d = alias('torch', 'conv1d');
export const conv3d = alias('torch', 'conv3d');
export const convTranspose1d = alias('torch', 'convTranspose1d');
export const convTranspose2d = alias('torch', 'convTranspose2d');
export const convTranspose3d = alias('torch', 'convTranspose3d');
export const avgPool1d = alias('torch', 'avgPool1d');
export const avgPool3d = alias('nn', 'avgPool3d');
export const adaptiveAvgPool1d = alias('torch', 'adaptiveAvgPool1d');
export const pad = alias('nn', 'pad');
export const pixelShuffle = alias('torch', 'pixelShuffle');
export const pixelUnshuffle = alias('torch', 'pixelUnshuffle');
export const oneHot = alias('nn', 'oneHot');
export const convTbc = alias('torch', 'convTbc');
export const bilinear = alias('torch', 'bilinear');
export const pairwiseDistance = alias('torch', 'pairwiseDistance');
export const pdist = alias('torch', 'pdist');
export const cosineSimilarity = alias('torch', 'cosineSimilarity');
export const _scaledDotProductAttention = op('nn', '_scaledDotProductAttention') as PyFn<[Tensor, Tensor]>;

/** Python's _list_with_default: None entries of an output size take the input's size. */
function listWithDefault(call: string, size: unknown, input: Tensor): unknown {
  if (!Array.isArray(size)) return size;
  const dims = input.shape;
  if (dims.length <= size.length) throw new RangeError(`${call}: Input dimension should be at least ${size.length + 1}`);
  const tail = dims.slice(-size.length);
  return size.map((s, i) => (s === null ? tail[i] : s));
}

/** F.max_pool1d / F.max_pool3d (input, kernel_size, stride = kernel_size, padding = 0, dilation = 1, ceil_mode = false, return_indices = false) */
function maxPoolNd(call: string, plain: [ns: 'torch' | 'nn', name: string], withIndices: [ns: 'torch' | 'nn', name: string]): PyFn<Tensor | [Tensor, Tensor]> {
  return (...args: unknown[]) => {
    const o = pyArgs(call, { input: REQUIRED, kernelSize: REQUIRED, stride: null, padding: 0, dilation: 1, ceilMode: false, returnIndices: false }, args);
    const stride = o.stride === null ? [] : o.stride;
    const [ns, name] = v.bool(call, 'return_indices', o.returnIndices) ? withIndices : plain;
    return op(ns, name)(o.input, o.kernelSize, stride, o.padding, o.dilation, o.ceilMode);
  };
}
export const maxPool1d = maxPoolNd('F.max_pool1d', ['torch', 'maxPool1d'], ['torch', 'maxPool1dWithIndices']);
export const maxPool3d = maxPoolNd('F.max_pool3d', ['torch', 'maxPool3d'], ['nn', 'maxPool3dWithIndices']);

/** F.adaptive_max_pool{1,2,3}d(input, output_size, return_indices = false) */
function adaptiveMaxPool(call: string, ns: 'torch' | 'nn', name: string, defaults: boolean): PyFn<Tensor | [Tensor, Tensor]> {
  return (...args: unknown[]) => {
    const o = pyArgs(call, { input: REQUIRED, outputSize: REQUIRED, returnIndices: false }, args);
    const size = defaults ? listWithDefault(call, o.outputSize, input0(call, o)) : o.outputSize;
    const r = op(ns, name)(o.input, size) as [Tensor, Tensor];
    return v.bool(call, 'return_indices', o.returnIndices) ? r : r[0];
  };
}
export const adaptiveMaxPool1d = adaptiveMaxPool('F.adaptive_max_pool1d', 'torch', 'adaptiveMaxPool1d', false);
export const adaptiveMaxPool2d = adaptiveMaxPool('F.adaptive_max_pool2d', 'nn', 'adaptiveMaxPool2d', true);
export const adaptiveMaxPool3d = adaptiveMaxPool('F.adaptive_max_pool3d', 'nn', 'adaptiveMaxPool3d', true);

/** F.adaptive_avg_pool3d(input, output_size): a null entry keeps that input dim. */
export function adaptiveAvgPool3d(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.adaptive_avg_pool3d';
  const o = pyArgs(call, { input: REQUIRED, outputSize: REQUIRED }, args);
  return op('nn', 'adaptiveAvgPool3d')(o.input, listWithDefault(call, o.outputSize, input0(call, o)));
}

/** F.fractional_max_pool{2,3}d(input, kernel_size, output_size?, output_ratio?, return_indices = false, _random_samples?) */
function fractionalMaxPool(call: string, n: 2 | 3): PyFn<Tensor | [Tensor, Tensor]> {
  return (...args: unknown[]) => {
    const o = pyArgs(call, { input: REQUIRED, kernelSize: REQUIRED, outputSize: null, outputRatio: null, returnIndices: false, _randomSamples: null }, args);
    const x = input0(call, o);
    let size = o.outputSize;
    if (size === null) {
      if (o.outputRatio === null) throw new TypeError(`${call}: fractional_max_pool${n}d requires specifying either an output_size or an output_ratio`);
      const ratio = Array.isArray(o.outputRatio) ? (o.outputRatio as number[]) : new Array<number>(n).fill(v.number(call, 'output_ratio', o.outputRatio));
      size = x.shape.slice(-n).map((s, i) => Math.trunc(s * ratio[i]));
    }
    let samples = o._randomSamples as Tensor | null;
    if (samples === null) {
      const batch = x.dim() === n + 1 ? 1 : x.shape[0];
      samples = rand(batch, x.shape[x.dim() - n - 1], n, { dtype: x.dtype });
    }
    const r = op('nn', `fractionalMaxPool${n}d`)(x, o.kernelSize, size, samples) as [Tensor, Tensor];
    return v.bool(call, 'return_indices', o.returnIndices) ? r : r[0];
  };
}
export const fractionalMaxPool2d = fractionalMaxPool('F.fractional_max_pool2d', 2);
export const fractionalMaxPool3d = fractionalMaxPool('F.fractional_max_pool3d', 3);

/**
 * Python's `*_with_indices` functions (the return_indices=True halves of its boolean_dispatch): the
 * pool and its indices whatever return_indices says.
 */
function withIndices(call: string, params: Record<string, unknown>, pool: PyFn<Tensor | [Tensor, Tensor]>): PyFn<[Tensor, Tensor]> {
  return (...args: unknown[]) => {
    const { input, ...o } = pyArgs(call, { input: REQUIRED, ...params, returnIndices: false }, args);
    v.bool(call, 'return_indices', o.returnIndices);
    return pool(input as Tensor, { ...o, returnIndices: true }) as [Tensor, Tensor];
  };
}
const MAX_POOL = { kernelSize: REQUIRED, stride: null, padding: 0, dilation: 1, ceilMode: false };
export const maxPool1dWithIndices = withIndices('F.max_pool1d_with_indices', MAX_POOL, maxPool1d);
export const maxPool2dWithIndices = withIndices('F.max_pool2d_with_indices', MAX_POOL, maxPool2d as PyFn<Tensor | [Tensor, Tensor]>);
export const maxPool3dWithIndices = withIndices('F.max_pool3d_with_indices', MAX_POOL, maxPool3d);
export const adaptiveMaxPool1dWithIndices = withIndices('F.adaptive_max_pool1d_with_indices', { outputSize: REQUIRED }, adaptiveMaxPool1d);
export const adaptiveMaxPool2dWithIndices = withIndices('F.adaptive_max_pool2d_with_indices', { outputSize: REQUIRED }, adaptiveMaxPool2d);
export const adaptiveMaxPool3dWithIndices = withIndices('F.adaptive_max_pool3d_with_indices', { outputSize: REQUIRED }, adaptiveMaxPool3d);
const FRACTIONAL = { kernelSize: REQUIRED, outputSize: null, outputRatio: null };
export const fractionalMaxPool2dWithIndices = withIndices('F.fractional_max_pool2d_with_indices', FRACTIONAL, fractionalMaxPool2d);
export const fractionalMaxPool3dWithIndices = withIndices('F.fractional_max_pool3d_with_indices', FRACTIONAL, fractionalMaxPool3d);

/**
 * F.lp_pool1d / F.lp_pool2d(input, norm_type, kernel_size, stride?, ceil_mode = false): (sum over the
 * window of x^p)^(1/p), computed as Python does, through avg_pool of x^p times the window size.
 */
function lpPool(call: string, n: 1 | 2): PyFn {
  return (...args: unknown[]) => {
    const o = pyArgs(call, { input: REQUIRED, normType: REQUIRED, kernelSize: REQUIRED, stride: null, ceilMode: false }, args);
    const normType = v.finite(call, 'norm_type', o.normType);
    const kernel = Array.isArray(o.kernelSize) ? v.ints(call, 'kernel_size', o.kernelSize) : new Array<number>(n).fill(v.int(call, 'kernel_size', o.kernelSize));
    const x = input0(call, o).pow(normType);
    const out: Tensor = n === 1
      ? avgPool1d(x, o.kernelSize, o.stride ?? o.kernelSize, 0, o.ceilMode)
      : avgPool2d(x, o.kernelSize as Pair, o.stride as Pair | null, 0, o.ceilMode);
    return out.sign().mul(relu(out.abs())).mul(kernel.reduce((a, b) => a * b, 1)).pow(1.0 / normType);
  };
}
export const lpPool1d = lpPool('F.lp_pool1d', 1);
export const lpPool2d = lpPool('F.lp_pool2d', 2);

/** Python's _unpool_output_size: the default size, or `output_size` (optionally with N and C) checked against it. */
function unpoolOutputSize(call: string, x: Tensor, kernel: number[], stride: number[], padding: number[], outputSize: unknown): number[] {
  const inSize = x.shape;
  const n = kernel.length;
  const def = kernel.map((k, d) => (inSize[inSize.length - n + d] - 1) * stride[d] + k - 2 * padding[d]);
  if (outputSize === null) return def;
  let size = Array.isArray(outputSize) ? (outputSize as number[]) : [v.int(call, 'output_size', outputSize)];
  if (size.length === n + 2) size = size.slice(2);
  if (size.length !== n) throw new RangeError(`${call}: output_size should be a sequence containing ${n} or ${n + 2} elements, but it has a length of '${size.length}'`);
  size.forEach((s, d) => {
    const min = def[d] - stride[d];
    const max = def[d] + stride[d];
    if (!(min < s && s < max)) throw new RangeError(`${call}: invalid output_size "[${size.join(', ')}]" (dim ${d} must be between ${min} and ${max})`);
  });
  return size;
}

/** A kernel size, stride or padding as a list of n: Python's _single/_pair/_triple. */
const ntuple = (x: unknown, n: number): number[] => (Array.isArray(x) ? (x as number[]) : new Array<number>(n).fill(x as number));

/** F.max_unpool{1,2,3}d(input, indices, kernel_size, stride = kernel_size, padding = 0, output_size?) */
function maxUnpool(call: string, n: 1 | 2 | 3): (input: Tensor, indices: Tensor, ...args: unknown[]) => Tensor {
  return (...args: unknown[]) => {
    const o = pyArgs(call, { input: REQUIRED, indices: REQUIRED, kernelSize: REQUIRED, stride: null, padding: 0, outputSize: null }, args);
    const x = input0(call, o);
    const ind = tensorArg(call, 'indices', o.indices);
    const kernel = ntuple(o.kernelSize, n);
    const stride = o.stride === null ? kernel : ntuple(o.stride, n);
    const padding = ntuple(o.padding, n);
    const size = unpoolOutputSize(call, x, kernel, stride, padding, o.outputSize);
    if (n === 1) return (op('nn', 'maxUnpool2d')(x.unsqueeze(-1), ind.unsqueeze(-1), [...size, 1]) as Tensor).squeeze(-1);
    if (n === 2) return op('nn', 'maxUnpool2d')(x, ind, size);
    return op('nn', 'maxUnpool3d')(x, ind, size, stride, padding);
  };
}
export const maxUnpool1d = maxUnpool('F.max_unpool1d', 1);
export const maxUnpool2d = maxUnpool('F.max_unpool2d', 2);
export const maxUnpool3d = maxUnpool('F.max_unpool3d', 3);

/** F.unfold(input, kernel_size, dilation = 1, padding = 0, stride = 1): im2col. */
export function unfold(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.unfold', { input: REQUIRED, kernelSize: REQUIRED, dilation: 1, padding: 0, stride: 1 }, args);
  return op('nn', 'im2col')(o.input, o.kernelSize, o.dilation, o.padding, o.stride);
}

/** F.fold(input, output_size, kernel_size, dilation = 1, padding = 0, stride = 1): col2im. */
export function fold(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.fold', { input: REQUIRED, outputSize: REQUIRED, kernelSize: REQUIRED, dilation: 1, padding: 0, stride: 1 }, args);
  return op('nn', 'col2im')(o.input, o.outputSize, o.kernelSize, o.dilation, o.padding, o.stride);
}

// ---- normalization

function verifyValuesPerChannel(call: string, size: number[]): void {
  let prod = size[0];
  for (let i = 2; i < size.length; i++) prod *= size[i];
  if (prod === 1) throw new RangeError(`${call}: Expected more than 1 value per channel when training, got input size [${size.join(', ')}]`);
}

/** F.instance_norm(input, running_mean?, running_var?, weight?, bias?, use_input_stats = true, momentum = 0.1, eps = 1e-5) */
export function instanceNorm(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.instance_norm';
  const o = pyArgs(call, { input: REQUIRED, runningMean: null, runningVar: null, weight: null, bias: null, useInputStats: true, momentum: 0.1, eps: 1e-5 }, args);
  const x = input0(call, o);
  if (v.bool(call, 'use_input_stats', o.useInputStats) && x.shape.slice(2).reduce((a, b) => a * b, 1) === 1) {
    throw new RangeError(`${call}: Expected more than 1 spatial element when training, got input size [${x.shape.join(', ')}]`);
  }
  return op('torch', 'instanceNorm')(x, o.weight, o.bias, o.runningMean, o.runningVar, o.useInputStats, o.momentum, o.eps, false);
}

/** F.layer_norm(input, normalized_shape, weight?, bias?, eps = 1e-5) */
export function layerNorm(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.layer_norm', { input: REQUIRED, normalizedShape: REQUIRED, weight: null, bias: null, eps: 1e-5 }, args);
  return op('torch', 'layerNorm')(o.input, o.normalizedShape, o.weight, o.bias, o.eps, false);
}

/** F.group_norm(input, num_groups, weight?, bias?, eps = 1e-5) */
export function groupNorm(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.group_norm';
  const o = pyArgs(call, { input: REQUIRED, numGroups: REQUIRED, weight: null, bias: null, eps: 1e-5 }, args);
  const x = input0(call, o);
  const groups = v.int(call, 'num_groups', o.numGroups);
  if (x.dim() >= 2) verifyValuesPerChannel(call, [Math.floor((x.shape[0] * x.shape[1]) / groups), groups, ...x.shape.slice(2)]);
  return op('torch', 'groupNorm')(x, groups, o.weight, o.bias, o.eps, false);
}

/** F.local_response_norm(input, size, alpha = 1e-4, beta = 0.75, k = 1) */
export function localResponseNorm(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.local_response_norm';
  const o = pyArgs(call, { input: REQUIRED, size: REQUIRED, alpha: 1e-4, beta: 0.75, k: 1 }, args);
  const x = input0(call, o);
  const size = v.int(call, 'size', o.size);
  const dim = x.dim();
  if (dim < 3) throw new RangeError(`${call}: Expected 3D or higher dimensionality input (got ${dim} dimensions)`);
  if (x.numel() === 0) return x;
  let div = x.mul(x).unsqueeze(1);
  const half = Math.floor(size / 2);
  const rest = Math.floor((size - 1) / 2);
  if (dim === 3) {
    div = pad(div, [0, 0, half, rest]);
    div = avgPool2d(div, [size, 1], 1).squeeze(1);
  } else {
    const sizes = x.shape;
    div = div.view(sizes[0], 1, sizes[1], sizes[2], -1);
    div = pad(div, [0, 0, 0, 0, half, rest]);
    div = (avgPool3d(div, [size, 1, 1], { stride: 1 }) as Tensor).squeeze(1).view(...sizes);
  }
  div = div.mul(v.number(call, 'alpha', o.alpha)).add(v.number(call, 'k', o.k)).pow(v.number(call, 'beta', o.beta));
  return x.div(div);
}

/** F.normalize(input, p = 2, dim = 1, eps = 1e-12): input / max(‖input‖_p along dim, eps). (No `out`.) */
export function normalize(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.normalize';
  const o = pyArgs(call, { input: REQUIRED, p: 2, dim: 1, eps: 1e-12 }, args);
  const x = input0(call, o);
  const denom = (x as unknown as { norm: AnyFn }).norm(o.p, o.dim, { keepdim: true }).clampMin(o.eps).expandAs(x);
  return x.div(denom);
}

// ---- embeddings

/** F.embedding(input, weight, padding_idx?, max_norm?, norm_type = 2, scale_grad_by_freq = false, sparse = false) */
export function embedding(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.embedding';
  const o = pyArgs(call, { input: REQUIRED, weight: REQUIRED, paddingIdx: null, maxNorm: null, normType: 2, scaleGradByFreq: false, sparse: false }, args);
  let x = input0(call, o);
  const w = tensorArg(call, 'weight', o.weight);
  let paddingIdx = -1;
  if (o.paddingIdx !== null) {
    paddingIdx = v.int(call, 'padding_idx', o.paddingIdx);
    const n = w.shape[0];
    if (paddingIdx >= n || paddingIdx < -n) throw new RangeError(`${call}: Padding_idx must be within num_embeddings`);
    if (paddingIdx < 0) paddingIdx += n;
  }
  if (o.maxNorm !== null) {
    x = x.contiguous();
    noGrad(() => op('torch', 'embeddingRenorm_')(w, x, o.maxNorm, o.normType));
  }
  return op('torch', 'embedding')(w, x, paddingIdx, o.scaleGradByFreq, o.sparse);
}

/** F.embedding_bag(input, weight, offsets?, max_norm?, norm_type = 2, scale_grad_by_freq = false, mode = 'mean', sparse = false, per_sample_weights?, include_last_offset = false, padding_idx?) */
export function embeddingBag(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.embedding_bag';
  const o = pyArgs(call, { input: REQUIRED, weight: REQUIRED, offsets: null, maxNorm: null, normType: 2, scaleGradByFreq: false, mode: 'mean', sparse: false, perSampleWeights: null, includeLastOffset: false, paddingIdx: null }, args);
  let x = input0(call, o);
  const w = tensorArg(call, 'weight', o.weight);
  let offsets = optTensor(call, 'offsets', o.offsets);
  let psw = optTensor(call, 'per_sample_weights', o.perSampleWeights);
  if (psw !== null && psw.shape.join() !== x.shape.join()) {
    throw new RangeError(`${call}: If per_sample_weights ([${psw.shape.join(', ')}]) is not None, then it must have the same shape as the input ([${x.shape.join(', ')}])`);
  }
  if (x.dim() === 2) {
    if (offsets !== null) throw new TypeError(`${call}: if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences`);
    offsets = arange(0, x.numel(), x.shape[1], { dtype: x.dtype });
    x = x.reshape(-1);
    if (psw !== null) psw = psw.reshape(-1);
  } else if (x.dim() === 1) {
    if (offsets === null) throw new TypeError(`${call}: offsets has to be a 1D Tensor but got None`);
    if (offsets.dim() !== 1) throw new RangeError(`${call}: offsets has to be a 1D Tensor`);
  } else {
    throw new RangeError(`${call}: input has to be 1D or 2D Tensor, but got Tensor of dimension ${x.dim()}`);
  }
  const mode = v.oneOf(call, 'mode', o.mode, ['sum', 'mean', 'max'] as const);
  if (mode === 'max' && o.scaleGradByFreq) throw new TypeError(`${call}: max mode does not support scaling the gradient by the frequency`);
  if (mode === 'max' && o.sparse) throw new TypeError(`${call}: max mode does not support sparse weights`);
  if (o.maxNorm !== null) noGrad(() => op('torch', 'embeddingRenorm_')(w, x, o.maxNorm, o.normType));
  if (psw !== null && mode !== 'sum') throw new TypeError(`${call}: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}')`);
  const modes = { sum: 0, mean: 1, max: 2 };
  return (op('torch', 'embeddingBag')(w, x, offsets, o.scaleGradByFreq, modes[mode], o.sparse, psw, o.includeLastOffset, o.paddingIdx) as Tensor[])[0];
}

/** F.affine_grid(theta, size, align_corners?): the sampling grid of a batch of 2-D (N×2×3) or 3-D (N×3×4) affine maps. */
export function affineGrid(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.affine_grid';
  const o = pyArgs(call, { theta: REQUIRED, size: REQUIRED, alignCorners: null }, args);
  const theta = tensorArg(call, 'theta', o.theta);
  const size = v.ints(call, 'size', o.size);
  if (o.alignCorners === null) {
    warnOnce(call, 'Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.');
  }
  const alignCorners = o.alignCorners === null ? false : v.bool(call, 'align_corners', o.alignCorners);
  if (!theta.dtype.isFloatingPoint) throw new RangeError(`${call}: Expected theta to have floating point type, but got ${theta.dtype}`);
  const shape = theta.shape;
  const sizeStr = `[${size.join(', ')}]`;
  const [rows, cols] = size.length === 4 ? [2, 3] : [3, 4];
  if (size.length !== 4 && size.length !== 5) throw new NotImplementedError(`${call}: affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size ${sizeStr}.`);
  if (shape.length !== 3 || shape[1] !== rows || shape[2] !== cols) {
    throw new RangeError(`${call}: Expected a batch of ${size.length - 2}D affine matrices of shape Nx${rows}x${cols} for size ${sizeStr}. Got torch.Size([${shape.join(', ')}]).`);
  }
  if (alignCorners && Math.min(...size.slice(2)) === 1) {
    process.emitWarning('Since version 1.3.0, affine_grid behavior has changed for unit-size grids when align_corners=True. This is not an intended use case of affine_grid. See the documentation of affine_grid for details.', 'UserWarning');
  } else if (Math.min(...size) <= 0) throw new RangeError(`${call}: Expected non-zero, positive output size. Got ${sizeStr}`);
  return op('torch', 'affineGridGenerator')(theta, size, alignCorners);
}

/**
 * F.gumbel_softmax(logits, tau = 1, hard = false, eps = 1e-10, dim = -1): softmax((logits + g) / tau)
 * with Gumbel noise g = -log(Exp(1)) drawn as Python draws it; `hard` gives the one-hot of the argmax
 * with the soft sample's gradient (straight through).
 */
export function gumbelSoftmax(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.gumbel_softmax';
  const o = pyArgs(call, { logits: REQUIRED, tau: 1, hard: false, eps: 1e-10, dim: -1 }, args);
  const logits = tensorArg(call, 'logits', o.logits);
  const tau = v.number(call, 'tau', o.tau);
  const dim = v.int(call, 'dim', o.dim);
  if (v.number(call, 'eps', o.eps) !== 1e-10) process.emitWarning('`eps` parameter is deprecated and has no effect.', 'UserWarning');
  const gumbels = emptyLike(logits, { memoryFormat: contiguous_format }).exponential_().log().neg();
  const ySoft = logits.add(gumbels).div(tau).softmax(dim);
  if (!v.bool(call, 'hard', o.hard)) return ySoft;
  const index = ySoft.max(dim, { keepdim: true })[1];
  const yHard = zerosLike(logits, { memoryFormat: contiguous_format }).scatter_(dim, index, 1.0);
  return yHard.sub(ySoft.detach()).add(ySoft);
}

/** F.grid_sample(input, grid, mode = 'bilinear', padding_mode = 'zeros', align_corners = false) */
export function gridSample(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.grid_sample';
  const o = pyArgs(call, { input: REQUIRED, grid: REQUIRED, mode: 'bilinear', paddingMode: 'zeros', alignCorners: null }, args);
  const mode = v.oneOf(call, 'mode', o.mode, ['bilinear', 'nearest', 'bicubic'] as const);
  const padding = v.oneOf(call, 'padding_mode', o.paddingMode, ['zeros', 'border', 'reflection'] as const);
  if (o.alignCorners === null) {
    warnOnce(call, 'Default grid_sample and affine_grid behavior has changed to align_corners=False since 1.3.0. Please specify align_corners=True if the old behavior is desired. See the documentation of grid_sample for details.');
  }
  return op('torch', 'gridSampler')(o.input, o.grid, ['bilinear', 'nearest', 'bicubic'].indexOf(mode), ['zeros', 'border', 'reflection'].indexOf(padding), o.alignCorners ?? false);
}

// ---- losses

/** The reduction's code, from `reduction` or the deprecated size_average/reduce (Python's _Reduction). */
function reductionOf(call: string, o: Options): number {
  if (given(o.sizeAverage) || given(o.reduce)) {
    const sizeAverage = o.sizeAverage ?? true;
    const reduce = o.reduce ?? true;
    warnOnce(`${call} size_average`, "size_average and reduce args will be deprecated, please use reduction='sum' or reduction='mean' instead.");
    return !reduce ? 0 : sizeAverage ? 1 : 2;
  }
  return reductionCode(call, o);
}

/** A loss that is one ATen op called with (inputs..., params..., reduction) after Python's checks. */
function lossOp(call: string, ns: 'torch' | 'nn', name: string, inputs: string[], params: Record<string, unknown>, legacy: boolean, order?: (o: Options, r: number) => unknown[]): AnyFn {
  const all: Record<string, unknown> = {};
  for (const k of inputs) all[k] = REQUIRED;
  Object.assign(all, params, legacy ? { sizeAverage: null, reduce: null } : {}, { reduction: 'mean' });
  return (...args: unknown[]) => {
    const o = pyArgs(call, all, args);
    for (const k of inputs) tensorArg(call, v.pythonName(k), o[k]);
    const r = reductionOf(call, o);
    return op(ns, name)(...(order ? order(o, r) : [...inputs.map((k) => o[k]), ...Object.keys(params).map((k) => o[k]), r]));
  };
}

export const softMarginLoss = lossOp('F.soft_margin_loss', 'nn', 'softMarginLoss', ['input', 'target'], {}, true) as (input: Tensor, target: Tensor, ...args: unknown[]) => Tensor;
export const multilabelMarginLoss = lossOp('F.multilabel_margin_loss', 'nn', 'multilabelMarginLoss', ['input', 'target'], {}, true) as (input: Tensor, target: Tensor, ...args: unknown[]) => Tensor;
export const hingeEmbeddingLoss = lossOp('F.hinge_embedding_loss', 'torch', 'hingeEmbeddingLoss', ['input', 'target'], { margin: 1 }, true) as (input: Tensor, target: Tensor, ...args: unknown[]) => Tensor;
export const cosineEmbeddingLoss = lossOp('F.cosine_embedding_loss', 'torch', 'cosineEmbeddingLoss', ['input1', 'input2', 'target'], { margin: 0 }, true) as (input1: Tensor, input2: Tensor, target: Tensor, ...args: unknown[]) => Tensor;
export const tripletMarginLoss = lossOp('F.triplet_margin_loss', 'torch', 'tripletMarginLoss', ['anchor', 'positive', 'negative'], { margin: 1, p: 2, eps: 1e-6, swap: false }, true) as (anchor: Tensor, positive: Tensor, negative: Tensor, ...args: unknown[]) => Tensor;

/** F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank = 0, reduction = 'mean', zero_infinity = false) */
export function ctcLoss(...args: [Tensor, Tensor, ...unknown[]]): Tensor {
  const call = 'F.ctc_loss';
  const o = pyArgs(call, { logProbs: REQUIRED, targets: REQUIRED, inputLengths: REQUIRED, targetLengths: REQUIRED, blank: 0, reduction: 'mean', zeroInfinity: false }, args);
  return op('torch', 'ctcLoss')(o.logProbs, o.targets, o.inputLengths, o.targetLengths, o.blank, reductionCode(call, o), o.zeroInfinity);
}
export const poissonNllLoss = lossOp('F.poisson_nll_loss', 'torch', 'poissonNllLoss', ['input', 'target'], { logInput: true, full: false, sizeAverage: null, eps: 1e-8, reduce: null }, false,
  (o, r) => [o.input, o.target, o.logInput, o.full, o.eps, r]) as (input: Tensor, target: Tensor, ...args: unknown[]) => Tensor;

/** F.margin_ranking_loss(input1, input2, target, margin = 0, size_average?, reduce?, reduction = 'mean') */
export function marginRankingLoss(...args: [Tensor, Tensor, Tensor, ...unknown[]]): Tensor {
  const call = 'F.margin_ranking_loss';
  return lossOp(call, 'torch', 'marginRankingLoss', ['input1', 'input2', 'target'], { margin: 0 }, true, (o, r) => {
    const [a, b, t] = [o.input1, o.input2, o.target] as Tensor[];
    if (a.dim() !== b.dim() || a.dim() !== t.dim()) {
      throw new RangeError(`${call}: All input tensors should have same dimension but got sizes: input1: [${a.shape.join(', ')}], input2: [${b.shape.join(', ')}], target: [${t.shape.join(', ')}]`);
    }
    return [a, b, t, o.margin, r];
  })(...args);
}

/** F.multi_margin_loss(input, target, p = 1, margin = 1, weight?, size_average?, reduce?, reduction = 'mean') */
export function multiMarginLoss(...args: [Tensor, Tensor, ...unknown[]]): Tensor {
  const call = 'F.multi_margin_loss';
  return lossOp(call, 'nn', 'multiMarginLoss', ['input', 'target'], { p: 1, margin: 1, weight: null }, true, (o, r) => {
    if (o.p !== 1 && o.p !== 2) throw new RangeError(`${call}: only p == 1 and p == 2 supported`);
    if (o.weight !== null && tensorArg(call, 'weight', o.weight).dim() !== 1) throw new RangeError(`${call}: weight must be one-dimensional`);
    return [o.input, o.target, o.p, o.margin, o.weight, r];
  })(...args);
}

/** F.kl_div(input, target, size_average?, reduce?, reduction = 'mean', log_target = false); 'batchmean' divides the sum by the batch size. */
export function klDiv(...args: [Tensor, Tensor, ...unknown[]]): Tensor {
  const call = 'F.kl_div';
  const o = pyArgs(call, { input: REQUIRED, target: REQUIRED, sizeAverage: null, reduce: null, reduction: 'mean', logTarget: false }, args);
  const x = input0(call, o);
  const batchmean = o.reduction === 'batchmean';
  if (o.reduction === 'mean' && !given(o.sizeAverage) && !given(o.reduce)) {
    warnOnce(call, "reduction: 'mean' divides the total loss by both the batch size and the support size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' will be changed to behave the same as 'batchmean' in the next major release.");
  }
  const r = batchmean && !given(o.sizeAverage) && !given(o.reduce) ? 2 : reductionOf(call, o);
  const reduced: Tensor = op('torch', 'klDiv')(x, o.target, r, { logTarget: o.logTarget });
  return batchmean && x.dim() !== 0 ? reduced.div(x.shape[0]) : reduced;
}

/** smooth_l1_loss / huber_loss: Python broadcasts input and target, warning when their sizes differ. */
function broadcastLoss(call: string, name: string, params: Record<string, unknown>): (input: Tensor, target: Tensor, ...args: unknown[]) => Tensor {
  return (...args: unknown[]) => {
    const o = pyArgs(call, params, args);
    const [x, y] = lossInputs(call, o.input, o.target);
    if (x.shape.join() !== y.shape.join()) {
      warnOnce(call, `${call}: Using a target size ([${y.shape.join(', ')}]) that is different to the input size ([${x.shape.join(', ')}]). This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.`);
    }
    const [bx, by]: Tensor[] = native.broadcastTensors([x, y]);
    return op('nn', name)(bx, by, reductionOf(call, o), name === 'huberLoss' ? o.delta : o.beta);
  };
}
export const smoothL1Loss = broadcastLoss('F.smooth_l1_loss', 'smoothL1Loss', { input: REQUIRED, target: REQUIRED, sizeAverage: null, reduce: null, reduction: 'mean', beta: 1 });
export const huberLoss = broadcastLoss('F.huber_loss', 'huberLoss', { input: REQUIRED, target: REQUIRED, reduction: 'mean', delta: 1 });

/** F.multilabel_soft_margin_loss(input, target, weight?, size_average?, reduce?, reduction = 'mean') */
export function multilabelSoftMarginLoss(...args: [Tensor, Tensor, ...unknown[]]): Tensor {
  const call = 'F.multilabel_soft_margin_loss';
  const o = pyArgs(call, { input: REQUIRED, target: REQUIRED, weight: null, sizeAverage: null, reduce: null, reduction: 'mean' }, args);
  const [x, y] = lossInputs(call, o.input, o.target);
  const r = reductionOf(call, o);
  let loss = y.mul(logsigmoid(x)).add(y.neg().add(1).mul(logsigmoid(x.neg()))).neg();
  if (o.weight !== null) loss = loss.mul(tensorArg(call, 'weight', o.weight));
  const classDim = x.dim() - 1;
  loss = loss.sum(classDim).div(x.shape[classDim]);
  return r === 0 ? loss : r === 1 ? loss.mean() : loss.sum();
}

/** F.gaussian_nll_loss(input, target, var, full = false, eps = 1e-6, reduction = 'mean') */
export function gaussianNllLoss(...args: [Tensor, Tensor, Tensor, ...unknown[]]): Tensor {
  const call = 'F.gaussian_nll_loss';
  const o = pyArgs(call, { input: REQUIRED, target: REQUIRED, var: REQUIRED, full: false, eps: 1e-6, reduction: 'mean' }, args);
  const [x, y] = lossInputs(call, o.input, o.target);
  let variance = tensorArg(call, 'var', o.var);
  const xs = x.shape;
  const vs = variance.shape;
  if (vs.join() !== xs.join()) {
    if (xs.slice(0, -1).join() === vs.join() && vs.length === xs.length - 1) variance = variance.unsqueeze(-1);
    else if (!(xs.slice(0, -1).join() === vs.slice(0, -1).join() && vs.length === xs.length && vs[vs.length - 1] === 1)) throw new RangeError(`${call}: var is of incorrect size`);
  }
  const r = reductionCode(call, o);
  if ((variance.lt(0).any().item() as boolean)) throw new RangeError(`${call}: var has negative entry/entries`);
  variance = variance.clone();
  const v2 = variance;
  noGrad(() => op('torch', 'clampMin_')(v2, o.eps));
  let loss = variance.log().add(x.sub(y).pow(2).div(variance)).mul(0.5);
  if (v.bool(call, 'full', o.full)) loss = loss.add(0.5 * Math.log(2 * Math.PI));
  return r === 1 ? loss.mean() : r === 2 ? loss.sum() : loss;
}

// ---- interpolation

/** F.upsample_nearest(input, size?, scale_factor?): deprecated, F.interpolate with mode 'nearest'. */
export function upsampleNearest(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.upsample_nearest', { input: REQUIRED, size: null, scaleFactor: null }, args);
  warnOnce('F.upsample_nearest', 'nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(o.input as Tensor, o.size as Pair, o.scaleFactor as number, { mode: 'nearest' });
}

/** F.upsample_bilinear(input, size?, scale_factor?): deprecated, F.interpolate with mode 'bilinear' and align_corners. */
export function upsampleBilinear(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.upsample_bilinear', { input: REQUIRED, size: null, scaleFactor: null }, args);
  warnOnce('F.upsample_bilinear', 'nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(o.input as Tensor, o.size as Pair, o.scaleFactor as number, { mode: 'bilinear', alignCorners: true });
}

/** F.upsample(input, size?, scale_factor?, mode = 'nearest', align_corners?): deprecated, F.interpolate. */
export function upsample(...args: [Tensor, ...unknown[]]): Tensor {
  const o = pyArgs('F.upsample', { input: REQUIRED, size: null, scaleFactor: null, mode: 'nearest', alignCorners: null }, args);
  warnOnce('F.upsample', 'nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.');
  return interpolate(o.input as Tensor, o.size as Pair, o.scaleFactor as number, { mode: o.mode as InterpolateOptions['mode'], alignCorners: o.alignCorners as boolean | null });
}

// ---- for the nn modules of activation.py, dropout.py, loss.py, channelshuffle.py and transformer.py

/** F.dropout1d(input, p = 0.5, training = true, inplace = false): zeroes whole channels of (N, C, L) or (C, L). */
export function dropout1d(...args: [Tensor, ...unknown[]]): Tensor {
  const call = 'F.dropout1d';
  const o = pyArgs(call, { input: REQUIRED, p: 0.5, training: true, inplace: false }, args);
  const p = dropoutP(call, o.p);
  const x = input0(call, o);
  const training = v.bool(call, 'training', o.training);
  const inplace = v.bool(call, 'inplace', o.inplace);
  if (x.dim() !== 2 && x.dim() !== 3) {
    throw new RangeError(`${call}: Expected 2D or 3D input, but received a ${x.dim()}D input. Note that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D inputs).`);
  }
  const batched = x.dim() === 3;
  const b = batched ? x : inplace ? x.unsqueeze_(0) : x.unsqueeze(0);
  const r: Tensor = inplace ? op('torch', 'featureDropout_')(b, p, training) : op('torch', 'featureDropout')(b, p, training);
  return batched ? r : inplace ? r.squeeze_(0) : r.squeeze(0);
}

/** F.channel_shuffle(input, groups): torch.channel_shuffle. */
export const channelShuffle = alias('torch', 'channelShuffle');
/** F.native_channel_shuffle(input, groups): torch.native_channel_shuffle, which guards libtorch's kernel. */
export { nativeChannelShuffle } from '../functions';

/** A distance for triplet_margin_with_distance_loss: a function or a module (its forward). */
type DistanceFn = ((a: Tensor, b: Tensor) => Tensor) | { forward(a: Tensor, b: Tensor): Tensor };

/**
 * F.triplet_margin_with_distance_loss(anchor, positive, negative, { distanceFunction = pairwise_distance,
 * margin = 1.0, swap = false, reduction = 'mean' }): keyword-only options, as in Python.
 */
export function tripletMarginWithDistanceLoss(anchor: Tensor, positive: Tensor, negative: Tensor, opts?: { distanceFunction?: DistanceFn | null; margin?: number; swap?: boolean; reduction?: Reduction }): Tensor {
  const call = 'F.triplet_margin_with_distance_loss';
  const a = tensorArg(call, 'anchor', anchor);
  const p = tensorArg(call, 'positive', positive);
  const n = tensorArg(call, 'negative', negative);
  const o = v.bindArgs(call, [], [opts], ['distanceFunction', 'margin', 'swap', 'reduction']);
  const fn = o.distanceFunction;
  let dist: (x: Tensor, y: Tensor) => Tensor;
  if (!given(fn)) dist = (x, y) => pairwiseDistance(x, y);
  else if (typeof fn === 'function') dist = fn as (x: Tensor, y: Tensor) => Tensor;
  else if (typeof (fn as { forward?: unknown }).forward === 'function') dist = (x, y) => (fn as { forward(a: Tensor, b: Tensor): Tensor }).forward(x, y);
  else throw argError(call, 'distance_function', 'a function or an nn.Module', fn);
  const margin = o.margin === undefined ? 1 : v.number(call, 'margin', o.margin);
  const swap = o.swap === undefined ? false : v.bool(call, 'swap', o.swap);
  const r = reductionCode(call, o);
  const check = (t: unknown, what: string): Tensor => {
    if (!(t instanceof Tensor)) throw new TypeError(`${call}: distance_function must return a Tensor, got ${typeof t} for ${what}`);
    return t;
  };
  const positiveDist = check(dist(a, p), '(anchor, positive)');
  let negativeDist = check(dist(a, n), '(anchor, negative)');
  if (swap) negativeDist = negativeDist.minimum(check(dist(p, n), '(positive, negative)'));
  const output = positiveDist.sub(negativeDist).add(margin).clampMin(0);
  return r === 1 ? output.mean() : r === 2 ? output.sum() : output;
}

// ---- multi-head attention (Python 1.13's multi_head_attention_forward and its helpers)

const sameShape = (t: Tensor, shape: number[]): boolean => t.dim() === shape.length && t.shape.every((d, i) => d === shape[i]);
const shapeRepr = (s: number[]): string => `torch.Size([${s.join(', ')}])`;
const tupleRepr = (s: number[]): string => (s.length === 1 ? `(${s[0]},)` : `(${s.join(', ')})`);

function mhaAssert(call: string, cond: boolean, message: string): void {
  if (!cond) throw new RangeError(`${call}: ${message}`);
}

/** Python's _in_projection_packed: one linear for self-attention, query and key/value split otherwise. */
function inProjectionPacked(q: Tensor, k: Tensor, val: Tensor, w: Tensor, b: Tensor | null): Tensor[] {
  const E = q.size(-1) as number;
  if (k === val) {
    if (q === k) return linear(q, w, b).chunk(3, -1);
    const [wq, wkv] = w.split([E, E * 2]);
    const [bq, bkv] = b === null ? [null, null] : b.split([E, E * 2]);
    return [linear(q, wq, bq), ...linear(k, wkv, bkv).chunk(2, -1)];
  }
  const [wq, wk, wv] = w.chunk(3);
  const [bq, bk, bv] = b === null ? [null, null, null] : b.chunk(3);
  return [linear(q, wq, bq), linear(k, wk, bk), linear(val, wv, bv)];
}

/** Python's _mha_shape_check: whether the query is batched (3-D) or not (2-D). */
function mhaShapeCheck(call: string, query: Tensor, key: Tensor, value: Tensor, kpm: Tensor | null, mask: Tensor | null, numHeads: number): boolean {
  if (query.dim() === 3) {
    mhaAssert(call, key.dim() === 3 && value.dim() === 3, `For batched (3-D) \`query\`, expected \`key\` and \`value\` to be 3-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
    if (kpm) mhaAssert(call, kpm.dim() === 2, `For batched (3-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 2-D but found ${kpm.dim()}-D tensor instead`);
    if (mask) mhaAssert(call, mask.dim() === 2 || mask.dim() === 3, `For batched (3-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.dim()}-D tensor instead`);
    return true;
  }
  if (query.dim() === 2) {
    mhaAssert(call, key.dim() === 2 && value.dim() === 2, `For unbatched (2-D) \`query\`, expected \`key\` and \`value\` to be 2-D but found ${key.dim()}-D and ${value.dim()}-D tensors respectively`);
    if (kpm) mhaAssert(call, kpm.dim() === 1, `For unbatched (2-D) \`query\`, expected \`key_padding_mask\` to be \`None\` or 1-D but found ${kpm.dim()}-D tensor instead`);
    if (mask) {
      mhaAssert(call, mask.dim() === 2 || mask.dim() === 3, `For unbatched (2-D) \`query\`, expected \`attn_mask\` to be \`None\`, 2-D or 3-D but found ${mask.dim()}-D tensor instead`);
      if (mask.dim() === 3) {
        const expected = [numHeads, query.shape[0], key.shape[0]];
        mhaAssert(call, sameShape(mask, expected), `Expected \`attn_mask\` shape to be ${tupleRepr(expected)} but got ${shapeRepr(mask.shape)}`);
      }
    }
    return false;
  }
  throw new RangeError(`${call}: query should be unbatched 2D or batched 3D tensor but received ${query.dim()}-D query tensor`);
}

export interface MultiHeadAttentionForwardOptions {
  training?: boolean;
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  useSeparateProjWeight?: boolean;
  qProjWeight?: Tensor | null;
  kProjWeight?: Tensor | null;
  vProjWeight?: Tensor | null;
  staticK?: Tensor | null;
  staticV?: Tensor | null;
  averageAttnWeights?: boolean;
}

const MHA_PARAMS = {
  query: REQUIRED, key: REQUIRED, value: REQUIRED, embedDimToCheck: REQUIRED, numHeads: REQUIRED, inProjWeight: REQUIRED, inProjBias: REQUIRED,
  biasK: REQUIRED, biasV: REQUIRED, addZeroAttn: REQUIRED, dropoutP: REQUIRED, outProjWeight: REQUIRED, outProjBias: REQUIRED,
  training: true, keyPaddingMask: null, needWeights: true, attnMask: null, useSeparateProjWeight: false, qProjWeight: null, kProjWeight: null,
  vProjWeight: null, staticK: null, staticV: null, averageAttnWeights: true,
};

/**
 * F.multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads, in_proj_weight, in_proj_bias,
 * bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias, training = true, key_padding_mask?,
 * need_weights = true, attn_mask?, use_separate_proj_weight = false, q/k/v_proj_weight?, static_k?, static_v?,
 * average_attn_weights = true): [attn_output, attn_output_weights or null], Python 1.13's computation step by step.
 */
export function multiHeadAttentionForward(...args: unknown[]): [Tensor, Tensor | null] {
  const call = 'F.multi_head_attention_forward';
  const o = pyArgs(call, MHA_PARAMS, args);
  let query = tensorArg(call, 'query', o.query);
  let key = tensorArg(call, 'key', o.key);
  let value = tensorArg(call, 'value', o.value);
  const embedDimToCheck = v.int(call, 'embed_dim_to_check', o.embedDimToCheck);
  const numHeads = v.int(call, 'num_heads', o.numHeads, 1);
  const inProjWeight = optTensor(call, 'in_proj_weight', o.inProjWeight);
  const inProjBias = optTensor(call, 'in_proj_bias', o.inProjBias);
  const biasK = optTensor(call, 'bias_k', o.biasK);
  const biasV = optTensor(call, 'bias_v', o.biasV);
  const addZeroAttn = v.bool(call, 'add_zero_attn', o.addZeroAttn);
  let dropoutProb = v.number(call, 'dropout_p', o.dropoutP);
  const outProjWeight = tensorArg(call, 'out_proj_weight', o.outProjWeight);
  const outProjBias = optTensor(call, 'out_proj_bias', o.outProjBias);
  const training = v.bool(call, 'training', o.training);
  let keyPaddingMask = optTensor(call, 'key_padding_mask', o.keyPaddingMask);
  const needWeights = v.bool(call, 'need_weights', o.needWeights);
  let attnMask = optTensor(call, 'attn_mask', o.attnMask);
  const separate = v.bool(call, 'use_separate_proj_weight', o.useSeparateProjWeight);
  const staticK = optTensor(call, 'static_k', o.staticK);
  const staticV = optTensor(call, 'static_v', o.staticV);
  const average = v.bool(call, 'average_attn_weights', o.averageAttnWeights);

  const batched = mhaShapeCheck(call, query, key, value, keyPaddingMask, attnMask, numHeads);
  if (!batched) {
    // Python unsqueezes each separately, so the identity of query/key/value is lost here as there.
    query = query.unsqueeze(1);
    key = key.unsqueeze(1);
    value = value.unsqueeze(1);
    if (keyPaddingMask) keyPaddingMask = keyPaddingMask.unsqueeze(0);
  }
  const [tgtLen, bsz, embedDim] = query.shape;
  let srcLen = key.shape[0];
  if (keyPaddingMask && keyPaddingMask.dtype.name !== 'bool' && !keyPaddingMask.dtype.isFloatingPoint) {
    throw new TypeError(`${call}: only bool and floating types of key_padding_mask are supported`);
  }
  mhaAssert(call, embedDim === embedDimToCheck, `was expecting embedding dimension of ${embedDimToCheck}, but got ${embedDim}`);
  const headDim = Math.floor(embedDim / numHeads);
  mhaAssert(call, headDim * numHeads === embedDim, `embed_dim ${embedDim} not divisible by num_heads ${numHeads}`);
  if (separate) {
    mhaAssert(call, key.shape[0] === value.shape[0] && key.shape[1] === value.shape[1], `key's sequence and batch dims ${shapeRepr(key.shape.slice(0, 2))} do not match value's ${shapeRepr(value.shape.slice(0, 2))}`);
  } else {
    mhaAssert(call, sameShape(key, value.shape), `key shape ${shapeRepr(key.shape)} does not match value shape ${shapeRepr(value.shape)}`);
  }

  // in-projection
  let q: Tensor;
  let k: Tensor;
  let val: Tensor;
  if (!separate) {
    mhaAssert(call, inProjWeight !== null, 'use_separate_proj_weight is False but in_proj_weight is None');
    [q, k, val] = inProjectionPacked(query, key, value, inProjWeight!, inProjBias);
  } else {
    const wq = optTensor(call, 'q_proj_weight', o.qProjWeight);
    const wk = optTensor(call, 'k_proj_weight', o.kProjWeight);
    const wv = optTensor(call, 'v_proj_weight', o.vProjWeight);
    mhaAssert(call, wq !== null, 'use_separate_proj_weight is True but q_proj_weight is None');
    mhaAssert(call, wk !== null, 'use_separate_proj_weight is True but k_proj_weight is None');
    mhaAssert(call, wv !== null, 'use_separate_proj_weight is True but v_proj_weight is None');
    const [bq, bk, bv] = inProjBias === null ? [null, null, null] : inProjBias.chunk(3);
    const Eq = query.size(-1) as number;
    const Ek = key.size(-1) as number;
    const Ev = value.size(-1) as number;
    mhaAssert(call, sameShape(wq!, [Eq, Eq]), `expecting query weights shape of ${tupleRepr([Eq, Eq])}, but got ${shapeRepr(wq!.shape)}`);
    mhaAssert(call, sameShape(wk!, [Eq, Ek]), `expecting key weights shape of ${tupleRepr([Eq, Ek])}, but got ${shapeRepr(wk!.shape)}`);
    mhaAssert(call, sameShape(wv!, [Eq, Ev]), `expecting value weights shape of ${tupleRepr([Eq, Ev])}, but got ${shapeRepr(wv!.shape)}`);
    for (const [name, b] of [['query', bq], ['key', bk], ['value', bv]] as [string, Tensor | null][]) {
      if (b) mhaAssert(call, sameShape(b, [Eq]), `expecting ${name} bias shape of ${tupleRepr([Eq])}, but got ${shapeRepr(b.shape)}`);
    }
    [q, k, val] = [linear(query, wq!, bq), linear(key, wk!, bk), linear(value, wv!, bv)];
  }

  // attention mask: 3-D float or bool
  if (attnMask) {
    if (attnMask.dtype.name === 'uint8') {
      warnOnce(`${call} byte mask`, 'Byte tensor for attn_mask in nn.MultiheadAttention is deprecated. Use bool tensor instead.');
      attnMask = attnMask.bool();
    } else if (!attnMask.dtype.isFloatingPoint && attnMask.dtype.name !== 'bool') {
      throw new TypeError(`${call}: Only float, byte, and bool types are supported for attn_mask, not torch.${attnMask.dtype.name}`);
    }
    if (attnMask.dim() === 2) {
      if (!sameShape(attnMask, [tgtLen, srcLen])) throw new RangeError(`${call}: The shape of the 2D attn_mask is ${shapeRepr(attnMask.shape)}, but should be ${tupleRepr([tgtLen, srcLen])}.`);
      attnMask = attnMask.unsqueeze(0);
    } else if (attnMask.dim() === 3) {
      if (!sameShape(attnMask, [bsz * numHeads, tgtLen, srcLen])) throw new RangeError(`${call}: The shape of the 3D attn_mask is ${shapeRepr(attnMask.shape)}, but should be ${tupleRepr([bsz * numHeads, tgtLen, srcLen])}.`);
    } else {
      throw new RangeError(`${call}: attn_mask's dimension ${attnMask.dim()} is not supported`);
    }
  }

  // bias along the batch dim (second)
  if (biasK && biasV) {
    mhaAssert(call, staticK === null, 'bias cannot be added to static key.');
    mhaAssert(call, staticV === null, 'bias cannot be added to static value.');
    k = catOp([k, biasK.repeat(1, bsz, 1)]);
    val = catOp([val, biasV.repeat(1, bsz, 1)]);
    if (attnMask) attnMask = pad(attnMask, [0, 1]);
    if (keyPaddingMask) keyPaddingMask = pad(keyPaddingMask, [0, 1]);
  } else {
    mhaAssert(call, biasK === null, 'bias_k is given without bias_v');
    mhaAssert(call, biasV === null, 'bias_v is given without bias_k');
  }

  // heads, batch first
  q = q.contiguous().view(tgtLen, bsz * numHeads, headDim).transpose(0, 1);
  if (staticK === null) k = k.contiguous().view(k.shape[0], bsz * numHeads, headDim).transpose(0, 1);
  else {
    mhaAssert(call, staticK.size(0) === bsz * numHeads, `expecting static_k.size(0) of ${bsz * numHeads}, but got ${staticK.size(0)}`);
    mhaAssert(call, staticK.size(2) === headDim, `expecting static_k.size(2) of ${headDim}, but got ${staticK.size(2)}`);
    k = staticK;
  }
  if (staticV === null) val = val.contiguous().view(val.shape[0], bsz * numHeads, headDim).transpose(0, 1);
  else {
    mhaAssert(call, staticV.size(0) === bsz * numHeads, `expecting static_v.size(0) of ${bsz * numHeads}, but got ${staticV.size(0)}`);
    mhaAssert(call, staticV.size(2) === headDim, `expecting static_v.size(2) of ${headDim}, but got ${staticV.size(2)}`);
    val = staticV;
  }

  if (addZeroAttn) {
    const zshape = [bsz * numHeads, 1, headDim];
    k = catOp([k, zerosOp(zshape, { dtype: k.dtype, device: k.device })], 1);
    val = catOp([val, zerosOp(zshape, { dtype: val.dtype, device: val.device })], 1);
    if (attnMask) attnMask = pad(attnMask, [0, 1]);
    if (keyPaddingMask) keyPaddingMask = pad(keyPaddingMask, [0, 1]);
  }
  srcLen = k.size(1) as number;

  // merge the key padding mask into the attention mask
  if (keyPaddingMask) {
    mhaAssert(call, sameShape(keyPaddingMask, [bsz, srcLen]), `expecting key_padding_mask shape of ${tupleRepr([bsz, srcLen])}, but got ${shapeRepr(keyPaddingMask.shape)}`);
    keyPaddingMask = keyPaddingMask.view(bsz, 1, 1, srcLen).expand(-1, numHeads, -1, -1).reshape(bsz * numHeads, 1, srcLen);
    if (attnMask === null) attnMask = keyPaddingMask;
    else if (attnMask.dtype.name === 'bool') attnMask = attnMask.logicalOr(keyPaddingMask);
    else attnMask = attnMask.maskedFill(keyPaddingMask, -Infinity);
  }
  if (attnMask && attnMask.dtype.name === 'bool') {
    const m = zerosLikeOp(attnMask, { dtype: q.dtype });
    m.maskedFill_(attnMask, -Infinity);
    attnMask = m;
  }
  if (!training) dropoutProb = 0;

  const E = q.shape[2];
  const qScaled = q.div(Math.sqrt(E));
  let weights: Tensor = attnMask ? op('torch', 'baddbmm')(attnMask, qScaled, k.transpose(-2, -1)) : qScaled.bmm(k.transpose(-2, -1));
  weights = softmax(weights, -1);
  if (dropoutProb > 0) weights = dropout(weights, dropoutProb);
  let out = weights.bmm(val);
  out = out.transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
  out = linear(out, outProjWeight, outProjBias);
  out = out.view(tgtLen, bsz, out.size(1) as number);
  if (needWeights) {
    weights = weights.view(bsz, numHeads, tgtLen, srcLen);
    if (average) weights = weights.sum(1).div(numHeads);
    if (!batched) {
      out = out.squeeze(1);
      weights = weights.squeeze(0);
    }
    return [out, weights];
  }
  if (!batched) out = out.squeeze(1);
  return [out, null];
}

const catOp = (tensors: Tensor[], dim = 0): Tensor => cat(tensors, dim);
const zerosOp = (shape: number[], o: { dtype: DType; device: Device }): Tensor => zeros(shape, o);
const zerosLikeOp = (t: Tensor, o: { dtype: DType }): Tensor => zerosLike(t, o);
