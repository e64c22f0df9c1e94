// torch.* free functions that mirror tensor methods (torch.add(a, b), torch.cat, torch.where, ...).
import { native } from './native';
import { Tensor, TensorOrScalar, ValuesIndices, tensorArg } from './tensor';
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

/** torch.max(input) → Tensor; torch.max(input, dim, { keepdim }) → [values, indices]; torch.max(input, other) → maximum. */
export function max(input: Tensor): Tensor;
export function max(input: Tensor, other: Tensor): Tensor;
export function max(input: Tensor, dim: number | { dim: number; keepdim?: boolean }, opts?: { keepdim?: boolean }): ValuesIndices;
export function max(input: Tensor, dim?: Tensor | number | { dim: number; keepdim?: boolean }, opts?: { keepdim?: boolean }): Tensor | ValuesIndices {
  const x = first('torch.max', input);
  if (dim instanceof Tensor) return x.maximum(dim);
  return dim === undefined ? x.max() : x.max(dim, opts);
}
/** torch.min, the same three forms as torch.max. */
export function min(input: Tensor): Tensor;
export function min(input: Tensor, other: Tensor): Tensor;
export function min(input: Tensor, dim: number | { dim: number; keepdim?: boolean }, opts?: { keepdim?: boolean }): ValuesIndices;
export function min(input: Tensor, dim?: Tensor | number | { dim: number; keepdim?: boolean }, opts?: { keepdim?: boolean }): Tensor | ValuesIndices {
  const x = first('torch.min', input);
  if (dim instanceof Tensor) return x.minimum(dim);
  return dim === undefined ? x.min() : x.min(dim, opts);
}
export const minimum = tensorPair('minimum');

type Unary = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'rsqrt' | 'relu' | 'sigmoid' | 'tanh' | 'sign' | 'floor' | 'ceil' | 'sin' | 'cos' | 'isnan' | 'logicalNot' | 'clone' | 't';
const unary = (name: Unary) => (x: Tensor): Tensor => first(`torch.${name}`, x)[name]();
/** The unary functions Python gives an out= (relu, isnan, clone and t have none). */
const unaryOut = (name: Exclude<Unary, 'relu' | 'isnan' | 'clone' | 't'>) => (x: Tensor, opts?: Out): Tensor =>
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
export const clone = unary('clone');
export const t = unary('t');

export const clamp = (x: Tensor, ...a: Parameters<Tensor['clamp']>): Tensor => first('torch.clamp', x).clamp(...a);
export const softmax = (x: Tensor, dim: number, opts?: { dtype?: import('./dtype').DType }): Tensor => first('torch.softmax', x).softmax(dim, opts);
export const logSoftmax = (x: Tensor, dim: number, opts?: { dtype?: import('./dtype').DType }): Tensor => first('torch.log_softmax', x).logSoftmax(dim, opts);
export const flatten = (x: Tensor, startDim = 0, endDim = -1): Tensor => first('torch.flatten', x).flatten(startDim, endDim);
export const reshape = (x: Tensor, shape: number[]): Tensor => first('torch.reshape', x).reshape(shape);
export const squeeze = (x: Tensor, dim?: number): Tensor => first('torch.squeeze', x).squeeze(dim);
export const unsqueeze = (x: Tensor, dim: number): Tensor => first('torch.unsqueeze', x).unsqueeze(dim);
export const permute = (x: Tensor, dims: number[]): Tensor => first('torch.permute', x).permute(dims);
export const transpose = (x: Tensor, d0: number, d1: number): Tensor => first('torch.transpose', x).transpose(d0, d1);
export const chunk = (x: Tensor, n: number, dim = 0): Tensor[] => first('torch.chunk', x).chunk(n, dim);
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
export const narrow = (x: Tensor, dim: number, start: number | Tensor, length: number): Tensor => first('torch.narrow', x).narrow(dim, start, length);
export const select = (x: Tensor, dim: number, index: number): Tensor => first('torch.select', x).select(dim, index);
export const indexSelect = (x: Tensor, dim: number, index: Tensor, opts?: Out): Tensor =>
  intoOut('torch.index_select', opts, [], 'index_select.out', () => [first('torch.index_select', x), v.int('torch.index_select', 'dim', dim), tensorArg('torch.index_select', 'index', index)]) ?? first('torch.index_select', x).indexSelect(dim, index);
export const gather = (x: Tensor, dim: number, index: Tensor): Tensor => first('torch.gather', x).gather(dim, index);
export const maskedFill = (x: Tensor, mask: Tensor, value: TensorOrScalar): Tensor => first('torch.masked_fill', x).maskedFill(mask, value);
export const sum = (x: Tensor, ...a: Parameters<Tensor['sum']>): Tensor => first('torch.sum', x).sum(...a);
export const mean = (x: Tensor, ...a: Parameters<Tensor['mean']>): Tensor => first('torch.mean', x).mean(...a);
export const std = (x: Tensor, ...a: Parameters<Tensor['std']>): Tensor => first('torch.std', x).std(...a);
const variance = (x: Tensor, ...a: Parameters<Tensor['var']>): Tensor => first('torch.var', x).var(...a);
// `var` is a reserved word, but a fine export name: `torch.var(x)` as in Python.
export { variance as var };
export const prod = (x: Tensor, ...a: Parameters<Tensor['prod']>): Tensor => first('torch.prod', x).prod(...a);
export const numel = (x: Tensor): number => first('torch.numel', x).numel();
export const argmax = (x: Tensor, ...a: Parameters<Tensor['argmax']>): Tensor => first('torch.argmax', x).argmax(...a);
export const argmin = (x: Tensor, ...a: Parameters<Tensor['argmin']>): Tensor => first('torch.argmin', x).argmin(...a);
export const all = (x: Tensor, ...a: Parameters<Tensor['all']>): Tensor => first('torch.all', x).all(...a);
export const any = (x: Tensor, ...a: Parameters<Tensor['any']>): Tensor => first('torch.any', x).any(...a);
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
