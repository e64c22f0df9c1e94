// torch.nn.functional (`const F = nn.functional`). Defaults, argument checks and the choice of ATen
// op live here, as in Python's torch/nn/functional.py; native/functional.cc only calls the op.
// Python positional parameters stay positional; keyword parameters are a trailing options object.
import { native } from '../native';
import { Tensor, tensorArg } from '../tensor';
import type { DType } from '../dtype';
import { argError } from '../errors';
import * as v from '../validate';

type Options = Record<string, unknown>;

type Pair = number | [number, number];
const given = (x: unknown): boolean => x !== undefined && x !== null;

/** A spatial size for 2-D ops: one value for both dims or one per dim, as Python's `_pair`. */
function pair(call: string, name: string, x: unknown, check: (call: string, name: string, x: unknown) => number): [number, number] {
  if (Array.isArray(x)) {
    if (x.length !== 2) throw argError(call, name, 'a number or a list of 2 numbers', x, 'range');
    return [check(call, `${name}[0]`, x[0]), check(call, `${name}[1]`, x[1])];
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

export type InterpolateMode = 'nearest' | 'bilinear' | 'bicubic' | 'area';
export interface InterpolateOptions {
  size?: Pair;
  scaleFactor?: number | [number, number];
  mode?: InterpolateMode;
  alignCorners?: boolean;
  recomputeScaleFactor?: boolean;
  antialias?: boolean;
}

/**
 * F.interpolate(input, { size | scaleFactor, mode, alignCorners, recomputeScaleFactor, antialias }),
 * or F.interpolate(input, size, { ...options }). Input is (N, C, H, W): 2-D spatial modes only.
 */
export function interpolate(input: Tensor, size?: Pair | InterpolateOptions, opts?: InterpolateOptions): Tensor {
  const call = 'F.interpolate';
  const o = v.bindArgs(call, ['size'], [size, opts], ['scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor', 'antialias']);
  const x = tensorOfDim(call, 'input', input, [4], '(N, C, H, W); only 2-D spatial interpolation is supported');
  const mode = o.mode === undefined ? 'nearest' : v.oneOf(call, 'mode', o.mode, ['nearest', 'bilinear', 'bicubic', 'area'] as const);
  const interpolating = mode === 'bilinear' || mode === 'bicubic';

  let alignCorners = false;
  if (given(o.alignCorners)) {
    alignCorners = v.bool(call, 'align_corners', o.alignCorners);
    if (!interpolating) throw new TypeError(`${call}: align_corners can only be set with the interpolating modes 'bilinear' and 'bicubic', got mode '${mode}'`);
  }
  const antialias = o.antialias === undefined ? false : v.bool(call, 'antialias', o.antialias);
  if (antialias && !interpolating) throw new TypeError(`${call}: antialias is only supported for the 'bilinear' and 'bicubic' modes, got mode '${mode}'`);

  const hasSize = given(o.size);
  const hasScale = given(o.scaleFactor);
  if (hasSize === hasScale) throw new TypeError(`${call}: exactly one of size or scale_factor must be given`);
  let recompute = given(o.recomputeScaleFactor) ? v.bool(call, 'recompute_scale_factor', o.recomputeScaleFactor) : false;
  if (recompute && hasSize) throw new TypeError(`${call}: recompute_scale_factor is not meaningful with an explicit size`);
  // 'area' is adaptive average pooling: it needs an output size (Python recomputes it too).
  if (mode === 'area') recompute = true;

  let outSize: [number, number] | null = hasSize ? pair(call, 'size', o.size, positiveInt) : null;
  let scales: [number, number] | null = hasScale ? pair(call, 'scale_factor', o.scaleFactor, positiveNumber) : null;
  if (scales && recompute) {
    // Python: the output size is floor(in * scale) and the kernel then derives the scale from it.
    const [h, w] = x.shape.slice(2);
    outSize = [Math.floor(h * scales[0]), Math.floor(w * scales[1])];
    scales = null;
  }
  switch (mode) {
    case 'nearest': return native.upsampleNearest2d(x, outSize, scales);
    case 'bilinear': return native.upsampleBilinear2d(x, outSize, alignCorners, scales, antialias);
    case 'bicubic': return native.upsampleBicubic2d(x, outSize, alignCorners, scales, antialias);
    case 'area': return native.adaptiveAvgPool2d(x, outSize);
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
 * F.softmax(input, dim, { dtype }) / F.softmax(input, { dim, dtype }). `dim` is required: Python's
 * implicit choice is deprecated and only warns, so here it is an error rather than a guess.
 */
export function softmax(input: Tensor, dim: number | { dim: number; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
  return softmaxLike('F.softmax', input, dim, opts, (x, d, o) => x.softmax(d, o));
}

/** F.log_softmax(input, dim, { dtype }); `dim` is required, as for F.softmax. */
export function logSoftmax(input: Tensor, dim: number | { dim: number; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
  return softmaxLike('F.log_softmax', input, dim, opts, (x, d, o) => x.logSoftmax(d, o));
}

function softmaxLike(call: string, input: unknown, dim: unknown, opts: unknown, fn: (x: Tensor, d: number, o: { dtype?: DType }) => Tensor): Tensor {
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['dim'], [dim, opts], ['dtype']);
  if (!given(o.dim)) throw new TypeError(`${call}: dim must be given (PyTorch's implicit dim choice is deprecated)`);
  return fn(x, v.int(call, 'dim', o.dim), o.dtype === undefined ? {} : { dtype: o.dtype as DType });
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

/** F.dropout2d(input, p = 0.5, training = true, { inplace }): zeroes whole channels of (N, C, H, W). */
export function dropout2d(input: Tensor, p?: number | DropoutOptions, training?: boolean | DropoutOptions, opts?: DropoutOptions): Tensor {
  const call = 'F.dropout2d';
  // 3-D input is ambiguous in PyTorch ((N, C, L) in 1.13, (C, H, W) later): only batched input here.
  const x = tensorOfDim(call, 'input', input, [4], '(N, C, H, W)');
  const a = dropoutArgs(call, p, training, opts);
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

/** F.conv2d(input, weight, bias?, { stride = 1, padding = 0, dilation = 1, groups = 1 }); padding may be 'same' or 'valid'. */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null | Conv2dOptions, opts?: Conv2dOptions): Tensor {
  const call = 'F.conv2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const w = tensorOfDim(call, 'weight', weight, [4], '(out_channels, in_channels / groups, kH, kW)');
  const o = v.bindArgs(call, ['bias'], [bias, opts], ['stride', 'padding', 'dilation', 'groups']);
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
  const stride = given(o.stride) ? pair(call, 'stride', o.stride, positiveInt) : kernel;
  const padding = pair(call, 'padding', o.padding ?? 0, (c, n, val) => v.int(c, n, val, 0));
  return { kernel, stride, padding };
}

/** F.max_pool2d(input, kernelSize, stride = kernelSize, { padding, dilation, ceilMode, returnIndices }). */
export function maxPool2d(input: Tensor, kernelSize: Pair | MaxPool2dOptions, stride?: Pair | null | MaxPool2dOptions, opts?: MaxPool2dOptions & { returnIndices?: false }): Tensor;
export function maxPool2d(input: Tensor, kernelSize: Pair | MaxPool2dOptions, stride: Pair | null | MaxPool2dOptions, opts: MaxPool2dOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: MaxPool2dOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool2d(input: Tensor, kernelSize: Pair | MaxPool2dOptions, stride?: Pair | null | MaxPool2dOptions, opts?: MaxPool2dOptions): Tensor | [Tensor, Tensor] {
  const call = 'F.max_pool2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const o = v.bindArgs(call, ['kernelSize', 'stride'], [kernelSize, stride, opts], ['padding', 'dilation', 'ceilMode', 'returnIndices']);
  const w = poolWindow(call, o);
  const dilation = pair(call, 'dilation', o.dilation ?? 1, positiveInt);
  const ceil = o.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', o.ceilMode);
  const indices = o.returnIndices === undefined ? false : v.bool(call, 'return_indices', o.returnIndices);
  return native.maxPool2d(x, w.kernel, w.stride, w.padding, dilation, ceil, indices);
}

/** F.avg_pool2d(input, kernelSize, stride = kernelSize, { padding, ceilMode, countIncludePad, divisorOverride }). */
export function avgPool2d(input: Tensor, kernelSize: Pair | AvgPool2dOptions, stride?: Pair | null | AvgPool2dOptions, opts?: AvgPool2dOptions): Tensor {
  const call = 'F.avg_pool2d';
  const x = tensorOfDim(call, 'input', input, [3, 4], '(C, H, W) or (N, C, H, W)');
  const o = v.bindArgs(call, ['kernelSize', 'stride'], [kernelSize, stride, opts], ['padding', 'ceilMode', 'countIncludePad', 'divisorOverride']);
  const w = poolWindow(call, o);
  const ceil = o.ceilMode === undefined ? false : v.bool(call, 'ceil_mode', o.ceilMode);
  const includePad = o.countIncludePad === undefined ? true : v.bool(call, 'count_include_pad', o.countIncludePad);
  const divisor = v.optInt(call, 'divisor_override', o.divisorOverride, 1);
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
 * F.batch_norm(input, runningMean, runningVar, { weight, bias, training = false, momentum = 0.1, eps = 1e-5 }).
 * In training it normalises with the batch statistics and updates runningMean/runningVar in place.
 */
export function batchNorm(input: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, opts?: BatchNormOptions): Tensor {
  const call = 'F.batch_norm';
  const x = tensorArg(call, 'input', input);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['weight', 'bias', 'training', 'momentum', 'eps']);
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
