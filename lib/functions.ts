// torch.* free functions that mirror tensor methods (torch.add(a, b), torch.cat, torch.where, ...).
import { native } from './native';
import { Tensor, TensorOrScalar, ValuesIndices, tensorArg, reduceArgs, DIM_OPTIONS, SUM_OPTIONS, oneDim, valuesIndices, dtypeOpt, tensorBounds, clampArgs } from './tensor';
import type { DType } from './dtype';
import { argError } from './errors';
import * as v from './validate';
import { aten } from './_aten';

function tensorList(call: string, tensors: unknown): Tensor[] {
  if (!Array.isArray(tensors)) throw argError(call, 'tensors', 'an array of Tensors', tensors);
  if (tensors.length === 0) throw new RangeError(`${call}: expected a non-empty list of Tensors`);
  return tensors.map((t, i) => tensorArg(call, `tensors[${i}]`, t));
}

/** torch.where(condition, input, other, { out }): with out=, input and other must be tensors (Python has no scalar out overload). */
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar, opts?: Out): Tensor {
  const call = 'torch.where';
  tensorArg(call, 'condition', condition);
  for (const [name, x] of [['input', input], ['other', other]] as const) {
    if (!(x instanceof Tensor) && typeof x !== 'number' && typeof x !== 'boolean' && typeof x !== 'bigint') throw argError(call, name, 'a Tensor or a number', x);
  }
  return intoOut(call, opts, [], 'where.self_out', () => [condition, tensorArg(call, 'input', input), tensorArg(call, 'other', other)]) ?? native.where(condition, input, other);
}

function first(call: string, x: unknown): Tensor {
  return tensorArg(call, 'input', x);
}

/**
 * Python's `out=` on the hand-written binary ops: null without it (the fast path), else `out` after
 * ATen's `.out` overload has written into it, as Python's call does (resized; a dtype that cannot hold
 * the result, or an input that requires grad, is libtorch's error). Other options are refused.
 */
function intoOut(call: string, opts: unknown, known: readonly string[], overload: string, args: () => unknown[]): Tensor | null {
  const o = v.options(call, opts);
  v.knownOptions(call, o, [...known, 'out']);
  if (o.out === undefined || o.out === null) return null;
  const out = tensorArg(call, 'out', o.out);
  aten(overload)(...args(), out);
  return out;
}
const alphaOf = (call: string, opts: { alpha?: number } | undefined): number | undefined => (opts!.alpha === undefined ? undefined : v.finite(call, 'alpha', opts!.alpha));
function scalarOrTensor(call: string, name: string, x: unknown): TensorOrScalar {
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return x;
  throw argError(call, name, 'a Tensor or a number', x);
}
type Out = { out?: Tensor | null };

export const add = (a: Tensor, b: TensorOrScalar, opts?: { alpha?: number } & Out): Tensor =>
  intoOut('torch.add', opts, ['alpha'], 'add.out', () => [first('torch.add', a), scalarOrTensor('torch.add', 'other', b), alphaOf('torch.add', opts)]) ?? first('torch.add', a).add(b, opts);
export const sub = (a: Tensor, b: TensorOrScalar, opts?: { alpha?: number } & Out): Tensor =>
  intoOut('torch.sub', opts, ['alpha'], 'sub.out', () => [first('torch.sub', a), scalarOrTensor('torch.sub', 'other', b), alphaOf('torch.sub', opts)]) ?? first('torch.sub', a).sub(b, opts);
export const mul = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor =>
  intoOut('torch.mul', opts, [], 'mul.out', () => [first('torch.mul', a), scalarOrTensor('torch.mul', 'other', b)]) ?? first('torch.mul', a).mul(b);
export const div = (a: Tensor, b: TensorOrScalar, opts?: { roundingMode?: 'trunc' | 'floor' } & Out): Tensor =>
  intoOut('torch.div', opts, ['roundingMode'], opts?.roundingMode == null ? 'div.out' : 'div.out_mode', () => [first('torch.div', a), scalarOrTensor('torch.div', 'other', b), ...(opts!.roundingMode == null ? [] : [v.oneOf('torch.div', 'rounding_mode', opts!.roundingMode, ['trunc', 'floor'])])]) ?? first('torch.div', a).div(b, opts);
export const pow = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor =>
  intoOut('torch.pow', opts, [], b instanceof Tensor ? 'pow.Tensor_Tensor_out' : 'pow.Tensor_Scalar_out', () => [first('torch.pow', a), scalarOrTensor('torch.pow', 'exponent', b)]) ?? first('torch.pow', a).pow(b);
/** torch.matmul, mm, bmm, maximum, minimum: two tensors and Python's `out=`. */
const tensorPair = (name: 'matmul' | 'mm' | 'bmm' | 'maximum' | 'minimum') => (a: Tensor, b: Tensor, opts?: Out): Tensor =>
  intoOut(`torch.${name}`, opts, [], `${name}.out`, () => [first(`torch.${name}`, a), tensorArg(`torch.${name}`, 'other', b)]) ?? first(`torch.${name}`, a)[name](b);
/** torch.cat / torch.stack(tensors, dim = 0, { out }); the dim also as an option: `{ dim, out }`. */
function joined(name: 'cat' | 'stack', tensors: unknown, dim: unknown, opts: unknown): Tensor {
  const call = `torch.${name}`;
  const list = tensorList(call, tensors);
  const named = v.isPlainObject(dim);
  const d = v.int(call, 'dim', named ? (dim as { dim?: unknown }).dim ?? 0 : dim);
  return intoOut(call, named ? dim : opts, named ? ['dim'] : [], `${name}.out`, () => [list, d]) ?? native[name](list, d);
}
export const cat = (tensors: Tensor[], dim: number | ({ dim?: number } & Out) = 0, opts?: Out): Tensor => joined('cat', tensors, dim, opts);
export const stack = (tensors: Tensor[], dim: number | ({ dim?: number } & Out) = 0, opts?: Out): Tensor => joined('stack', tensors, dim, opts);
export const matmul = tensorPair('matmul');
export const mm = tensorPair('mm');
/** torch.spmm: Python binds it to mm itself (sparse or dense first argument; its errors say mm). */
export const spmm = mm;
export const bmm = tensorPair('bmm');
export const maximum = tensorPair('maximum');

type PairOut = { out?: [Tensor, Tensor] | null };
type DimArg = number | ({ dim: number; keepdim?: boolean } & PairOut);
type KeepdimArg = boolean | ({ keepdim?: boolean } & PairOut);
/**
 * torch.max / torch.min: (input) → Tensor; (input, dim, keepdim, { out }) → [values, indices]; (input, other, { out })
 * → maximum / minimum. Python's out= is a (values, indices) pair with a dim, a tensor with other, and absent from
 * max(input).
 */
const extremum = (name: 'max' | 'min', pairwise: 'maximum' | 'minimum') => (input: Tensor, dim?: Tensor | DimArg, opts?: KeepdimArg | Out, more?: PairOut): Tensor | ValuesIndices => {
  const call = `torch.${name}`;
  const x = first(call, input);
  if (dim instanceof Tensor) return intoOut(call, opts, [], `${pairwise}.out`, () => [x, dim]) ?? x[pairwise](dim);
  const r = reduceArgs(call, [...DIM_OPTIONS, 'out'], dim, opts, more);
  const d = oneDim(call, r.dims);
  if (r.opts.out === undefined || r.opts.out === null) return d === null ? x[name]() : x[name](d, r.keepdim);
  if (d === null) throw new TypeError(`${call}: out= needs a dim (Python's ${name}(input) has none)`);
  const out = r.opts.out;
  if (!Array.isArray(out) || out.length !== 2) throw argError(call, 'out', 'a [values, indices] pair of Tensors', out);
  const pair: [Tensor, Tensor] = [tensorArg(call, 'out[0]', out[0]), tensorArg(call, 'out[1]', out[1])];
  aten(`${name}.dim_${name}`)(x, d, r.keepdim, ...pair);
  return valuesIndices(pair);
};
interface Extremum {
  (input: Tensor): Tensor;
  (input: Tensor, other: Tensor, opts?: Out): Tensor;
  (input: Tensor, dim: DimArg, opts?: KeepdimArg, more?: PairOut): ValuesIndices;
}
export const max = extremum('max', 'maximum') as Extremum;
/** torch.min, the same three forms as torch.max. */
export const min = extremum('min', 'minimum') as Extremum;
export const minimum = tensorPair('minimum');

type Unary = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'rsqrt' | 'relu' | 'sigmoid' | 'tanh' | 'sign' | 'floor' | 'ceil' | 'sin' | 'cos' | 'isnan' | 'logicalNot' | 't';
/** relu, isnan and t: Python gives them no option at all (not even out=); a trailing options object is refused, not ignored. */
const unary = (name: Extract<Unary, 'relu' | 'isnan' | 't'>) => (x: Tensor, opts?: Record<string, never>): Tensor => {
  v.bindArgs(`torch.${name}`, [], [opts]);
  return first(`torch.${name}`, x)[name]();
};
/** The unary functions Python gives an out=. */
const unaryOut = (name: Exclude<Unary, 'relu' | 'isnan' | 't'>) => (x: Tensor, opts?: Out): Tensor =>
  intoOut(`torch.${name}`, opts, [], `${v.pythonName(name)}.out`, () => [first(`torch.${name}`, x)]) ?? first(`torch.${name}`, x)[name]();
export const neg = unaryOut('neg');
export const abs = unaryOut('abs');
export const exp = unaryOut('exp');
export const log = unaryOut('log');
export const sqrt = unaryOut('sqrt');
export const rsqrt = unaryOut('rsqrt');
export const relu = unary('relu');
export const sigmoid = unaryOut('sigmoid');
export const tanh = unaryOut('tanh');
export const sign = unaryOut('sign');
export const floor = unaryOut('floor');
export const ceil = unaryOut('ceil');
export const round = (x: Tensor, opts?: { decimals?: number }): Tensor => first('torch.round', x).round(opts);
export const sin = unaryOut('sin');
export const cos = unaryOut('cos');
export const isnan = unary('isnan');
export const logicalNot = unaryOut('logicalNot');
/** torch.clone(input, { memoryFormat }): Python's only option (no out=). */
export const clone = (x: Tensor, opts?: Parameters<Tensor['clone']>[0]): Tensor => first('torch.clone', x).clone(opts);
export const t = unary('t');

type Bound = number | Tensor | null;
/** torch.clamp(input, min, max, { out }): numbers or tensors (clamp.Tensor_out) as bounds, also as options `{ min, max, out }`. */
export function clamp(x: Tensor, min?: Bound | ({ min?: Bound; max?: Bound } & Out), max?: Bound | ({ max?: Bound } & Out), opts?: Out): Tensor {
  const call = 'torch.clamp';
  const input = first(call, x);
  const o = v.bindArgs(call, ['min', 'max'], [min, max, opts], ['out']);
  const bounds = () => tensorBounds(call, o.min, o.max) ?? clampArgs(call, o.min, o.max);
  return intoOut(call, o, ['min', 'max'], tensorBounds(call, o.min, o.max) ? 'clamp.Tensor_out' : 'clamp.out', () => [input, ...bounds()]) ?? input.clamp({ min: o.min as Bound, max: o.max as Bound });
}
/** torch.softmax / log_softmax(input, dim, { dtype, out }): Python's out= writes softmax.int_out. */
const softmaxOut = (name: 'softmax' | 'logSoftmax') => (x: Tensor, dim: number | ({ dim: number; dtype?: DType | null } & Out), opts?: { dtype?: DType | null } & Out): Tensor => {
  const call = `torch.${v.pythonName(name)}`;
  const input = first(call, x);
  const o = v.bindArgs(call, ['dim', 'dtype'], [dim, opts], ['out']);
  return intoOut(call, o, ['dim', 'dtype'], `${v.pythonName(name)}.int_out`, () => [input, v.int(call, 'dim', o.dim), dtypeOpt(call, o.dtype)]) ?? input[name](o.dim as number, { dtype: o.dtype as DType });
};
export const softmax = softmaxOut('softmax');
export const logSoftmax = softmaxOut('logSoftmax');
/** The shape functions below have no out= in Python: their arguments bind as Python's (keywords as options too), anything else is refused. */
export const flatten = (x: Tensor, startDim?: number | { startDim?: number; endDim?: number }, endDim?: number | { endDim?: number }, opts?: { endDim?: number }): Tensor => {
  const o = v.bindArgs('torch.flatten', ['startDim', 'endDim'], [startDim, endDim, opts]);
  return first('torch.flatten', x).flatten((o.startDim ?? 0) as number, (o.endDim ?? -1) as number);
};
export const reshape = (x: Tensor, shape: number[] | { shape: number[] }, opts?: Record<string, never>): Tensor => first('torch.reshape', x).reshape(v.bindArgs('torch.reshape', ['shape'], [shape, opts]).shape as number[]);
export const squeeze = (x: Tensor, dim?: number | { dim?: number }, opts?: Record<string, never>): Tensor => first('torch.squeeze', x).squeeze(v.bindArgs('torch.squeeze', ['dim'], [dim, opts]).dim as number | undefined);
export const unsqueeze = (x: Tensor, dim: number | { dim: number }, opts?: Record<string, never>): Tensor => first('torch.unsqueeze', x).unsqueeze(v.bindArgs('torch.unsqueeze', ['dim'], [dim, opts]).dim as number);
export const permute = (x: Tensor, dims: number[] | { dims: number[] }, opts?: Record<string, never>): Tensor => first('torch.permute', x).permute(v.bindArgs('torch.permute', ['dims'], [dims, opts]).dims as number[]);
export const transpose = (x: Tensor, dim0: number | { dim0: number; dim1: number }, dim1?: number | { dim1: number }, opts?: Record<string, never>): Tensor => {
  const o = v.bindArgs('torch.transpose', ['dim0', 'dim1'], [dim0, dim1, opts]);
  return first('torch.transpose', x).transpose(o.dim0 as number, o.dim1 as number);
};
export const chunk = (x: Tensor, chunks: number | { chunks: number; dim?: number }, dim?: number | { dim?: number }, opts?: { dim?: number }): Tensor[] => {
  const o = v.bindArgs('torch.chunk', ['chunks', 'dim'], [chunks, dim, opts]);
  return first('torch.chunk', x).chunk(o.chunks as number, (o.dim ?? 0) as number);
};
/** torch.nonzero(input, { asTuple, out }): out= is Python's, for the indices (not with asTuple). */
export function nonzero(input: Tensor, opts?: { asTuple?: false; out?: Tensor }): Tensor;
export function nonzero(input: Tensor, opts: { asTuple: true }): Tensor[];
export function nonzero(input: Tensor, opts?: { asTuple?: boolean; out?: Tensor }): Tensor | Tensor[] {
  const x = first('torch.nonzero', input);
  const o = v.options('torch.nonzero', opts);
  v.knownOptions('torch.nonzero', o, ['asTuple', 'out']);
  if (o.out === undefined || o.out === null) return o.asTuple ? x.nonzero({ asTuple: true }) : x.nonzero({ asTuple: o.asTuple as false | undefined });
  if (o.asTuple) throw new TypeError('torch.nonzero: as_tuple=True cannot be combined with out=');
  const out = tensorArg('torch.nonzero', 'out', o.out);
  aten('nonzero.out')(x, out);
  return out;
}
export const narrow = (x: Tensor, dim: number, start: number | Tensor, length: number, opts?: Record<string, never>): Tensor => {
  v.bindArgs('torch.narrow', ['dim', 'start', 'length'], [dim, start, length, opts]);
  return first('torch.narrow', x).narrow(dim, start, length);
};
export const select = (x: Tensor, dim: number, index: number, opts?: Record<string, never>): Tensor => {
  v.bindArgs('torch.select', ['dim', 'index'], [dim, index, opts]);
  return first('torch.select', x).select(dim, index);
};
export const indexSelect = (x: Tensor, dim: number, index: Tensor, opts?: Out): Tensor =>
  intoOut('torch.index_select', opts, [], 'index_select.out', () => [first('torch.index_select', x), v.int('torch.index_select', 'dim', dim), tensorArg('torch.index_select', 'index', index)]) ?? first('torch.index_select', x).indexSelect(dim, index);
/** torch.gather(input, dim, index, { sparseGrad, out }). */
export function gather(x: Tensor, dim: number, index: Tensor, opts?: { sparseGrad?: boolean } & Out): Tensor {
  const call = 'torch.gather';
  const input = first(call, x);
  const o = v.options(call, opts);
  const sparse = o.sparseGrad === undefined ? false : v.bool(call, 'sparse_grad', o.sparseGrad);
  const args = () => [input, v.int(call, 'dim', dim), tensorArg(call, 'index', index), sparse];
  return intoOut(call, o, ['sparseGrad'], 'gather.out', args) ?? (sparse ? aten('gather')(...args()) : input.gather(dim, index));
}
export const maskedFill = (x: Tensor, mask: Tensor, value: TensorOrScalar, opts?: Record<string, never>): Tensor => {
  v.bindArgs('torch.masked_fill', ['mask', 'value'], [mask, value, opts]);
  return first('torch.masked_fill', x).maskedFill(mask, value);
};
type DimOptions = { dim?: number | number[]; keepdim?: boolean; dtype?: DType | null } & Out;
/**
 * torch.sum / mean / prod(input, dim, keepdim, { dtype, out }): the Tensor methods' arguments plus Python's out=, which
 * Python has only with a dim (its sum(input, *, dtype) overload has none). prod reduces one dim, not a list.
 */
const dimReduction = (name: 'sum' | 'mean' | 'prod', overload: string) => (x: Tensor, dim?: number | number[] | DimOptions, opts?: boolean | DimOptions, more?: DimOptions): Tensor => {
  const call = `torch.${name}`;
  const input = first(call, x);
  const r = reduceArgs(call, [...SUM_OPTIONS, 'out'], dim, opts, more);
  const dims = name === 'prod' ? oneDim(call, r.dims) : r.dims;
  if (dims === null && r.opts.out !== undefined && r.opts.out !== null) throw new TypeError(`${call}: out= needs a dim (Python's ${name}(input, *, dtype) has none)`);
  return intoOut(call, r.opts, SUM_OPTIONS, overload, () => [input, dims, r.keepdim, dtypeOpt(call, r.opts.dtype)]) ??
    (input[name] as (o: object) => Tensor).call(input, { dim: dims ?? undefined, keepdim: r.keepdim, dtype: r.opts.dtype as DType | undefined });
};
export const sum = dimReduction('sum', 'sum.IntList_out');
export const mean = dimReduction('mean', 'mean.out');
export const std = (x: Tensor, ...a: Parameters<Tensor['std']>): Tensor => first('torch.std', x).std(...a);
const variance = (x: Tensor, ...a: Parameters<Tensor['var']>): Tensor => first('torch.var', x).var(...a);
// `var` is a reserved word, but a fine export name: `torch.var(x)` as in Python.
export { variance as var };
export const prod = dimReduction('prod', 'prod.int_out');
export const numel = (x: Tensor): number => first('torch.numel', x).numel();
type OneDimOptions = { dim?: number; keepdim?: boolean } & Out;
/** torch.argmax / argmin / all / any(input, dim, keepdim, { out }): all and any without a dim write .all_out. */
const oneDimReduction = (name: 'argmax' | 'argmin' | 'all' | 'any', overload: (dim: number | null) => string) => (x: Tensor, dim?: number | OneDimOptions, opts?: boolean | OneDimOptions, more?: Out): Tensor => {
  const call = `torch.${name}`;
  const input = first(call, x);
  const r = reduceArgs(call, [...DIM_OPTIONS, 'out'], dim, opts, more);
  const d = oneDim(call, r.dims);
  return intoOut(call, r.opts, DIM_OPTIONS, overload(d), () => ((name === 'all' || name === 'any') && d === null ? [input] : [input, d, r.keepdim])) ?? input[name](d ?? undefined, r.keepdim);
};
export const argmax = oneDimReduction('argmax', () => 'argmax.out');
export const argmin = oneDimReduction('argmin', () => 'argmin.out');
export const all = oneDimReduction('all', (d) => (d === null ? 'all.all_out' : 'all.out'));
export const any = oneDimReduction('any', (d) => (d === null ? 'any.all_out' : 'any.out'));
export const eq = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor => intoOut('torch.eq', opts, [], 'eq.Tensor_out', () => [first('torch.eq', a), scalarOrTensor('torch.eq', 'other', b)]) ?? first('torch.eq', a).eq(b);
export const ne = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor => intoOut('torch.ne', opts, [], 'ne.Tensor_out', () => [first('torch.ne', a), scalarOrTensor('torch.ne', 'other', b)]) ?? first('torch.ne', a).ne(b);
export const lt = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor => intoOut('torch.lt', opts, [], 'lt.Tensor_out', () => [first('torch.lt', a), scalarOrTensor('torch.lt', 'other', b)]) ?? first('torch.lt', a).lt(b);
export const le = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor => intoOut('torch.le', opts, [], 'le.Tensor_out', () => [first('torch.le', a), scalarOrTensor('torch.le', 'other', b)]) ?? first('torch.le', a).le(b);
export const gt = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor => intoOut('torch.gt', opts, [], 'gt.Tensor_out', () => [first('torch.gt', a), scalarOrTensor('torch.gt', 'other', b)]) ?? first('torch.gt', a).gt(b);
export const ge = (a: Tensor, b: TensorOrScalar, opts?: Out): Tensor => intoOut('torch.ge', opts, [], 'ge.Tensor_out', () => [first('torch.ge', a), scalarOrTensor('torch.ge', 'other', b)]) ?? first('torch.ge', a).ge(b);
export const isclose = (a: Tensor, b: Tensor, opts?: { rtol?: number; atol?: number; equalNan?: boolean }): Tensor => first('torch.isclose', a).isclose(b, opts);
export const allclose = (a: Tensor, b: Tensor, opts?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean => first('torch.allclose', a).allclose(b, opts);
export const equal = (a: Tensor, b: Tensor): boolean => first('torch.equal', a).equal(b);

/**
 * torch.native_channel_shuffle(input, groups). libtorch 1.13's kernel views the input as
 * (b, groups, c / groups, -1) and divides by zero (SIGFPE: Python's process dies too) when groups is 0,
 * when c / groups rounds to 0, or when the input has no elements; those calls are refused here.
 */
export function nativeChannelShuffle(input: Tensor, groups: number | { groups?: number }, opts?: { groups?: number }): Tensor {
  const call = 'torch.native_channel_shuffle';
  const x = tensorArg(call, 'input', input);
  const a = v.bindArgs(call, ['groups'], [groups, opts]);
  const g = v.int(call, 'groups', a.groups);
  if (x.dim() >= 2) {
    const c = x.shape[1];
    if (g === 0) throw new RangeError(`${call}: Number of groups to divide channels in must be positive. Value of groups:0`);
    if (Math.trunc(c / g) === 0) throw new RangeError(`${call}: ${c} channels in ${g} groups leave no channel per group (libtorch 1.13's kernel divides by zero on it)`);
    if (x.numel() === 0) throw new RangeError(`${call}: an input without elements (sizes [${x.shape.join(', ')}]) is not supported (libtorch 1.13's kernel divides by zero on it)`);
  }
  return aten('native_channel_shuffle')(x, g) as Tensor;
}
