// torch.masked's reductions and normalizations on strided tensors, ported from Python 1.13's
// torch/masked/_ops.py: masked-out elements are replaced by the operation's identity (0 for sum, -inf
// for amax, ...) with torch.where, then the ordinary op runs; mean, var and std divide by the count
// of unmasked elements. A mask broadcasts to the input's shape. (Sparse inputs and MaskedTensor, which
// Python also takes, are not supported.)
import { Tensor, tensorArg } from '../tensor';
import { DType, bool, float32, int64, uint8, int8, int16, int32 } from '../dtype';
import { tensor, ones } from '../creation';
import { aten } from '../_aten';
import * as F from '../nn/functional';
import * as v from '../validate';

type Dims = number | number[] | null;
interface MaskOptions { mask?: Tensor | null; dtype?: DType | null }
interface ReduceOptions extends MaskOptions { keepdim?: boolean }

/** Python's _canonical_dim: sorted non-negative dims; none (or []) is every dim. */
function canonicalDim(call: string, dim: unknown, ndim: number): number[] {
  if (dim === null || dim === undefined || (Array.isArray(dim) && dim.length === 0)) return [...Array(ndim).keys()];
  const n = Math.max(ndim, 1);
  const dims: number[] = [];
  for (const d of Array.isArray(dim) ? dim : [dim]) {
    const k = v.int(call, 'dim', d);
    if (k >= n || k < -n) throw new RangeError(`${call}: Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${k})`);
    const c = ((k % n) + n) % n;
    if (dims.includes(c)) throw new RangeError(`${call}: dim=${k} appears multiple times in the list of dims`);
    dims.push(c);
  }
  return dims.sort((a, b) => a - b);
}

/** Python's _input_mask: the mask as bool, broadcast to the input's shape. */
function inputMask(call: string, input: Tensor, mask: unknown): Tensor {
  let m = tensorArg(call, 'mask', mask);
  if (m.shape.join() !== input.shape.join() || m.dim() !== input.dim()) {
    if (m.dim() > input.dim()) throw new RangeError(`${call}: _input_mask expected broadcastable mask (got mask dimensionality higher than of the input)`);
    m = aten('broadcast_to')(m.clone(), input.shape) as Tensor;
  }
  return m.to(bool);
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  uint8: [0n, 255n], int8: [-128n, 127n], int16: [-32768n, 32767n], int32: [-(2n ** 31n), 2n ** 31n - 1n], int64: [-(2n ** 63n), 2n ** 63n - 1n],
};

/** Python's _reduction_identity: the value masked-out elements take for the op. */
function identity(op: string, input: Tensor, ord?: number): Tensor {
  const dtype = input.dtype;
  const of = (x: number | bigint, d: DType = dtype): Tensor => tensor(x as number, { dtype: d });
  const extreme = (high: boolean): Tensor => {
    if (dtype.isFloatingPoint) return of(high ? Infinity : -Infinity);
    const range = INT_RANGE[dtype.name];
    if (!range) throw new TypeError(`torch.masked.${op}: identity of ${op} on ${dtype} input is not implemented`);
    return of(range[high ? 1 : 0]);
  };
  switch (op) {
    case 'sum': return of(0);
    case 'prod': return of(1);
    case 'amax': case 'argmax': case 'logsumexp': return extreme(false);
    case 'amin': case 'argmin': return extreme(true);
    case 'norm': return of(ord === -Infinity ? Infinity : 0);
    case 'median': return of(NaN, dtype.isFloatingPoint ? dtype : float32);
    default: throw new TypeError(`torch.masked: no identity for ${op}`);
  }
}

/** Python's _combine_input_and_mask: the input with masked-out elements set to the op's identity. */
function combine(call: string, op: string, input: Tensor, mask: unknown, ord?: number): Tensor {
  if (mask === null || mask === undefined) return input;
  return aten('where.self')(inputMask(call, input, mask), input, identity(op, input, ord)) as Tensor;
}

const SMALL_INTS = new Set([uint8, bool, int8, int16, int32]);

function reduceArgs(call: string, input: unknown, dim: unknown, opts: unknown): { x: Tensor; o: Record<string, unknown> } {
  const o = v.bindArgs(call, ['dim'], [dim, opts], ['keepdim', 'dtype', 'mask']);
  return { x: tensorArg(call, 'input', input), o };
}
const keepdimOf = (call: string, o: Record<string, unknown>): boolean => (o.keepdim === undefined || o.keepdim === null ? false : v.bool(call, 'keepdim', o.keepdim));

/** torch.masked.sum(input, dim?, { keepdim, dtype, mask }); small integer inputs sum to int64. */
export function sum(input: Tensor, dim?: Dims | ReduceOptions, opts?: ReduceOptions): Tensor {
  const call = 'torch.masked.sum';
  const { x, o } = reduceArgs(call, input, dim, opts);
  const dtype = (o.dtype as DType | undefined) ?? (SMALL_INTS.has(x.dtype) ? int64 : x.dtype);
  return aten('sum.dim_IntList')(combine(call, 'sum', x, o.mask), canonicalDim(call, o.dim, x.dim()), keepdimOf(call, o), dtype.code) as Tensor;
}

/** torch.masked.prod(input, dim?, { keepdim, dtype, mask }) */
export function prod(input: Tensor, dim?: Dims | ReduceOptions, opts?: ReduceOptions): Tensor {
  const call = 'torch.masked.prod';
  const { x, o } = reduceArgs(call, input, dim, opts);
  const dtype = (o.dtype as DType | undefined) ?? (SMALL_INTS.has(x.dtype) ? int64 : x.dtype);
  let r = combine(call, 'prod', x, o.mask).to(dtype);
  for (const d of canonicalDim(call, o.dim, x.dim()).reverse()) r = aten('prod.dim_int')(r, d, keepdimOf(call, o)) as Tensor;
  return r;
}

/** amax / amin / logsumexp: the op over the dims after masking, cast to dtype. */
function extremum(op: 'amax' | 'amin' | 'logsumexp'): (input: Tensor, dim?: Dims | ReduceOptions, opts?: ReduceOptions) => Tensor {
  return (input, dim, opts) => {
    const call = `torch.masked.${op}`;
    const { x, o } = reduceArgs(call, input, dim, opts);
    const r = aten(op)(combine(call, op, x, o.mask), canonicalDim(call, o.dim, x.dim()), keepdimOf(call, o)) as Tensor;
    return r.to((o.dtype as DType | undefined) ?? x.dtype);
  };
}
export const amax = extremum('amax');
export const amin = extremum('amin');
export const logsumexp = extremum('logsumexp');

function argExtremum(op: 'argmax' | 'argmin'): (input: Tensor, dim?: number | null | ReduceOptions, opts?: ReduceOptions) => Tensor {
  return (input, dim, opts) => {
    const call = `torch.masked.${op}`;
    const { x, o } = reduceArgs(call, input, dim, opts);
    const r = aten(op)(combine(call, op, x, o.mask), o.dim ?? null, keepdimOf(call, o)) as Tensor;
    return r.to((o.dtype as DType | undefined) ?? x.dtype);
  };
}
export const argmax = argExtremum('argmax');
export const argmin = argExtremum('argmin');

/** The count of unmasked elements over the dims (every element without a mask). */
function count(x: Tensor, dim: unknown, keepdim: boolean, mask: Tensor | null): Tensor {
  return sum(ones(x.shape, { dtype: int64 }), dim as Dims, { keepdim, mask });
}

/** torch.masked.mean(input, dim?, { keepdim, dtype, mask }): the sum over the count of unmasked elements. */
export function mean(input: Tensor, dim?: Dims | ReduceOptions, opts?: ReduceOptions): Tensor {
  const call = 'torch.masked.mean';
  const { x, o } = reduceArgs(call, input, dim, opts);
  const keepdim = keepdimOf(call, o);
  const m = o.mask === undefined || o.mask === null ? null : inputMask(call, x, o.mask);
  const total = sum(x, o.dim as Dims, { keepdim, dtype: (o.dtype as DType | undefined) ?? x.dtype, mask: m });
  return aten('divide.Tensor')(total, count(x, o.dim, keepdim, m)) as Tensor;
}

/** torch.masked.var / std (input, dim?, unbiased = false, { keepdim, dtype, mask }) */
function stdVar(input: unknown, dim: unknown, unbiased: unknown, opts: unknown, sqrt: boolean): Tensor {
  const call = `torch.masked.${sqrt ? 'std' : 'var'}`;
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['dim', 'unbiased'], [dim, unbiased, opts], ['keepdim', 'dtype', 'mask']);
  const keepdim = keepdimOf(call, o);
  let dtype = (o.dtype as DType | undefined) ?? x.dtype;
  if (!(dtype.isFloatingPoint || dtype.isComplex) && (o.dtype === undefined || o.dtype === null)) dtype = float32;
  const computeDtype = dtype.isFloatingPoint || dtype.isComplex ? dtype : float32;
  const m = o.mask === undefined || o.mask === null ? null : inputMask(call, x, o.mask);
  let n = count(x, o.dim, true, m);
  const sampleMean = aten('divide.Tensor')(sum(x, o.dim as Dims, { keepdim: true, dtype, mask: m }), n) as Tensor;
  const d = aten('subtract.Tensor')(x, sampleMean) as Tensor;
  const total = sum(d.mul(d.conj()), o.dim as Dims, { keepdim, dtype: computeDtype, mask: m });
  if (!keepdim) n = n.reshape(total.shape);
  if (o.unbiased !== undefined && o.unbiased !== null && v.bool(call, 'unbiased', o.unbiased)) {
    n = aten('subtract.Scalar')(n, 1) as Tensor;
    n = aten('maximum')(n, n.newZeros([])) as Tensor;
  }
  const out = (aten('divide.Tensor')(total, n) as Tensor).to(dtype);
  return sqrt ? out.sqrt() : out;
}
export function variance(input: Tensor, dim?: Dims | ReduceOptions & { unbiased?: boolean }, unbiased?: boolean | ReduceOptions & { unbiased?: boolean }, opts?: ReduceOptions & { unbiased?: boolean }): Tensor {
  return stdVar(input, dim, unbiased, opts, false);
}
export function std(input: Tensor, dim?: Dims | ReduceOptions & { unbiased?: boolean }, unbiased?: boolean | ReduceOptions & { unbiased?: boolean }, opts?: ReduceOptions & { unbiased?: boolean }): Tensor {
  return stdVar(input, dim, unbiased, opts, true);
}

/** The ops along one dim: (input, dim, { dtype, mask }). */
function alongDim(call: string, input: unknown, dim: unknown, opts: unknown): { x: Tensor; d: number; o: Record<string, unknown> } {
  const o = v.bindArgs(call, ['dim'], [dim, opts], ['dtype', 'mask']);
  const x = tensorArg(call, 'input', input);
  if (o.dim === undefined) throw new TypeError(`${call}: missing required argument 'dim'`);
  return { x, d: canonicalDim(call, o.dim, x.dim())[0], o };
}

/** torch.masked.cumsum / cumprod (input, dim, { dtype, mask }) */
function cumulative(op: 'cumsum' | 'cumprod'): (input: Tensor, dim: number | MaskOptions & { dim?: number }, opts?: MaskOptions) => Tensor {
  return (input, dim, opts) => {
    const call = `torch.masked.${op}`;
    const { x, d, o } = alongDim(call, input, dim, opts);
    const dtype = (o.dtype as DType | undefined) ?? x.dtype;
    return (aten(op)(combine(call, op === 'cumsum' ? 'sum' : 'prod', x, o.mask), d, dtype.code) as Tensor).to(dtype);
  };
}
export const cumsum = cumulative('cumsum');
export const cumprod = cumulative('cumprod');

/** torch.masked.median(input, dim = -1, { keepdim, dtype, mask }): nanmedian of the unmasked elements. */
export function median(input: Tensor, dim?: number | ReduceOptions, opts?: ReduceOptions): Tensor {
  const call = 'torch.masked.median';
  const { x: x0, o } = reduceArgs(call, input, dim, opts);
  const dtype = (o.dtype as DType | undefined) ?? x0.dtype;
  const d = canonicalDim(call, o.dim ?? -1, x0.dim())[0];
  const isFloat = x0.dtype.isFloatingPoint;
  const x = isFloat ? x0 : x0.to(float32);
  const out = (aten('nanmedian.dim')(combine(call, 'median', x, o.mask), d, keepdimOf(call, o)) as Tensor[])[0];
  if (isFloat) return out;
  if (out.isnan().any().item()) throw new RangeError(`${call}: masked median expects no fully masked out rows if dtype is not floating point`);
  return out.to(dtype);
}

/** torch.masked.logaddexp(input, other, { dtype, inputMask, otherMask }) */
export function logaddexp(input: Tensor, other: Tensor, opts?: { dtype?: DType | null; inputMask?: Tensor | null; otherMask?: Tensor | null }): Tensor {
  const call = 'torch.masked.logaddexp';
  const x = tensorArg(call, 'input', input);
  const y = tensorArg(call, 'other', other);
  const o = v.options(call, opts ?? {});
  v.knownOptions(call, o, ['dtype', 'inputMask', 'otherMask']);
  const r = aten('logaddexp')(combine(call, 'logsumexp', x, o.inputMask), combine(call, 'logsumexp', y, o.otherMask)) as Tensor;
  return r.to((o.dtype as DType | undefined) ?? x.dtype);
}

/** torch.masked.norm(input, ord = 2, dim?, { keepdim, dtype, mask }): the vector norm of the unmasked elements. */
export function norm(input: Tensor, ord?: number | ReduceOptions, dim?: Dims | ReduceOptions, opts?: ReduceOptions): Tensor {
  const call = 'torch.masked.norm';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['ord', 'dim'], [ord, dim, opts], ['keepdim', 'dtype', 'mask']);
  const p = o.ord === undefined || o.ord === null ? 2 : v.number(call, 'ord', o.ord);
  const dtype = (o.dtype as DType | undefined) ?? x.dtype;
  return aten('linalg_vector_norm')(combine(call, 'norm', x, o.mask, p), p, canonicalDim(call, o.dim, x.dim()), keepdimOf(call, o), dtype.code) as Tensor;
}

/** softmax / log_softmax / softmin (input, dim, { dtype, mask }): masked-out elements weigh nothing. */
function softmaxLike(name: 'softmax' | 'logSoftmax' | 'softmin', identityOf: 'amax' | 'amin'): (input: Tensor, dim: number | MaskOptions & { dim?: number }, opts?: MaskOptions) => Tensor {
  return (input, dim, opts) => {
    const call = `torch.masked.${name === 'logSoftmax' ? 'log_softmax' : name}`;
    const { x, d, o } = alongDim(call, input, dim, opts);
    return F[name](combine(call, identityOf, x, o.mask), d, { dtype: (o.dtype as DType | undefined) ?? x.dtype });
  };
}
export const softmax = softmaxLike('softmax', 'amax');
export const logSoftmax = softmaxLike('logSoftmax', 'amax');
export const softmin = softmaxLike('softmin', 'amin');

/** torch.masked.normalize(input, ord, dim, { eps = 1e-12, dtype, mask }): input over max(masked norm, eps). */
export function normalize(input: Tensor, ord: number | MaskOptions & { ord?: number; dim?: number; eps?: number }, dim?: number | MaskOptions & { dim?: number; eps?: number }, opts?: MaskOptions & { eps?: number }): Tensor {
  const call = 'torch.masked.normalize';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['ord', 'dim'], [ord, dim, opts], ['eps', 'dtype', 'mask']);
  if (o.ord === undefined || o.dim === undefined) throw new TypeError(`${call}: missing required argument '${o.ord === undefined ? 'ord' : 'dim'}'`);
  const eps = o.eps === undefined ? 1e-12 : v.number(call, 'eps', o.eps);
  const dtype = (o.dtype as DType | undefined) ?? x.dtype;
  const masked = combine(call, 'sum', x, o.mask);
  const nrm = norm(x, o.ord as number, o.dim as number, { keepdim: true, dtype, mask: (o.mask as Tensor | undefined) ?? null });
  return aten('divide.Tensor')(masked, aten('maximum')(nrm, nrm.newFull([], eps))) as Tensor;
}
