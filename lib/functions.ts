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

function dimOf(call: string, dim: unknown): number {
  if (v.isPlainObject(dim)) return dimOf(call, (dim as { dim?: unknown }).dim ?? 0);
  return v.int(call, 'dim', dim);
}

export function cat(tensors: Tensor[], dim: number | { dim?: number } = 0): Tensor {
  return native.cat(tensorList('torch.cat', tensors), dimOf('torch.cat', dim));
}
export function stack(tensors: Tensor[], dim: number | { dim?: number } = 0): Tensor {
  return native.stack(tensorList('torch.stack', tensors), dimOf('torch.stack', dim));
}
export function where(condition: Tensor, input: TensorOrScalar, other: TensorOrScalar): Tensor {
  const call = 'torch.where';
  tensorArg(call, 'condition', condition);
  for (const [name, x] of [['input', input], ['other', other]] as const) {
    if (!(x instanceof Tensor) && typeof x !== 'number' && typeof x !== 'boolean' && typeof x !== 'bigint') throw argError(call, name, 'a Tensor or a number', x);
  }
  return native.where(condition, input, other);
}

function first(call: string, x: unknown): Tensor {
  return tensorArg(call, 'input', x);
}

export const add = (a: Tensor, b: TensorOrScalar, opts?: { alpha?: number }): Tensor => first('torch.add', a).add(b, opts);
export const sub = (a: Tensor, b: TensorOrScalar, opts?: { alpha?: number }): Tensor => first('torch.sub', a).sub(b, opts);
export const mul = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.mul', a).mul(b);
export const div = (a: Tensor, b: TensorOrScalar, opts?: { roundingMode?: 'trunc' | 'floor' }): Tensor => first('torch.div', a).div(b, opts);
export const pow = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.pow', a).pow(b);
export const matmul = (a: Tensor, b: Tensor): Tensor => first('torch.matmul', a).matmul(b);
export const mm = (a: Tensor, b: Tensor): Tensor => first('torch.mm', a).mm(b);
/** torch.spmm: Python binds it to mm itself (sparse or dense first argument; its errors say mm). */
export const spmm = mm;
export const bmm = (a: Tensor, b: Tensor): Tensor => first('torch.bmm', a).bmm(b);
export const maximum = (a: Tensor, b: Tensor): Tensor => first('torch.maximum', a).maximum(b);

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
export const minimum = (a: Tensor, b: Tensor): Tensor => first('torch.minimum', a).minimum(b);

type Unary = 'neg' | 'abs' | 'exp' | 'log' | 'sqrt' | 'rsqrt' | 'relu' | 'sigmoid' | 'tanh' | 'sign' | 'floor' | 'ceil' | 'sin' | 'cos' | 'isnan' | 'logicalNot' | 'clone' | 't';
const unary = (name: Unary) => (x: Tensor): Tensor => first(`torch.${name}`, x)[name]();
export const neg = unary('neg');
export const abs = unary('abs');
export const exp = unary('exp');
export const log = unary('log');
export const sqrt = unary('sqrt');
export const rsqrt = unary('rsqrt');
export const relu = unary('relu');
export const sigmoid = unary('sigmoid');
export const tanh = unary('tanh');
export const sign = unary('sign');
export const floor = unary('floor');
export const ceil = unary('ceil');
export const round = (x: Tensor, opts?: { decimals?: number }): Tensor => first('torch.round', x).round(opts);
export const sin = unary('sin');
export const cos = unary('cos');
export const isnan = unary('isnan');
export const logicalNot = unary('logicalNot');
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
export const indexSelect = (x: Tensor, dim: number, index: Tensor): Tensor => first('torch.index_select', x).indexSelect(dim, index);
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
export const eq = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.eq', a).eq(b);
export const ne = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.ne', a).ne(b);
export const lt = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.lt', a).lt(b);
export const le = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.le', a).le(b);
export const gt = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.gt', a).gt(b);
export const ge = (a: Tensor, b: TensorOrScalar): Tensor => first('torch.ge', a).ge(b);
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
