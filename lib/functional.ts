// torch/functional.py: the torch.* functions PyTorch writes in Python over the ATen ops (einsum's
// subscript lists, unique's variable number of results, norm's dispatch, stft's centre padding, ...).
// Each replaces the generated binding of its name (lib/_C/generated skips names lib/index.ts exports)
// and calls the ATen overload Python's code calls, through lib/_aten.ts.
import { aten } from './_aten';
import { Tensor, tensorArg } from './tensor';
import { asDType, DType } from './dtype';
import { argError, describe } from './errors';
import * as v from './validate';

type Out = Tensor | null | undefined;

function tensorList(call: string, name: string, list: readonly unknown[]): Tensor[] {
  return list.map((t, i) => tensorArg(call, `${name}[${i}]`, t));
}

/** Python's `*tensors` that also takes the old form, one list of tensors. */
function varTensors(call: string, args: readonly unknown[]): Tensor[] {
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return tensorList(call, 'tensors', list);
}

function optTensor(call: string, name: string, x: unknown): Tensor | undefined {
  return x === undefined || x === null ? undefined : tensorArg(call, name, x);
}

function dtypeCode(call: string, x: unknown): number | undefined {
  if (x === undefined || x === null) return undefined;
  const d = asDType(x);
  if (d === undefined) throw argError(call, 'dtype', 'a torch.dtype', x);
  return d.code;
}

/** An array that also carries the names of Python's namedtuple fields. */
function named<T extends unknown[]>(items: T, names: readonly string[]): T {
  names.forEach((n, i) => Object.defineProperty(items, n, { value: items[i], enumerable: false }));
  return items;
}

// ---- broadcasting

/** torch.broadcast_tensors(*tensors) → the tensors expanded to one shape. */
export function broadcastTensors(...tensors: Tensor[]): Tensor[] {
  return aten('broadcast_tensors')(tensorList('torch.broadcast_tensors', 'tensors', tensors));
}

/** torch.broadcast_shapes(*shapes): each shape an integer or an array of integers; the result as x.shape gives it. */
export function broadcastShapes(...shapes: (number | number[])[]): number[] {
  const call = 'torch.broadcast_shapes';
  const lists = shapes.map((s, k) => {
    if (typeof s === 'number' || typeof s === 'bigint') return [v.int(call, `shapes[${k}]`, s)];
    if (!Array.isArray(s)) throw new TypeError(`${call}: Input shapes should be of type ints, a tuple of ints, or a list of ints, got ${describe(s)}`);
    return v.ints(call, `shapes[${k}]`, s);
  });
  const result: number[] = new Array(Math.max(0, ...lists.map((l) => l.length))).fill(1);
  for (const shape of lists) {
    for (let i = 1; i <= shape.length; i++) {
      const n = shape[shape.length - i];
      const r = result.length - i;
      if (n < 0) throw new RangeError(`${call}: Trying to create tensor with negative dimension (${n}): (${n})`);
      if (n === 1 || n === result[r]) continue;
      if (result[r] !== 1) throw new RangeError(`${call}: Shape mismatch: objects cannot be broadcast to a single shape`);
      result[r] = n;
    }
  }
  return result;
}

// ---- split

/**
 * torch.split(tensor, split_size_or_sections, dim=0) and Tensor.split: equal chunks of an integer
 * size (aten::split), or chunks of the listed sizes (aten::split_with_sizes).
 */
export function split(tensor: Tensor, splitSizeOrSections: number | number[] | Tensor, dim: number | { dim?: number } = 0): Tensor[] {
  const call = 'torch.split';
  const x = tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['dim'], [dim]);
  const d = v.int(call, 'dim', o.dim ?? 0);
  let s: unknown = splitSizeOrSections;
  // Python's int(split_size) for a one-element tensor
  if (s instanceof Tensor && s.numel() === 1) s = Number(s.item());
  if (s instanceof Tensor) s = s.tolist();
  if (Array.isArray(s)) return aten('split_with_sizes')(x, v.ints(call, 'split_size_or_sections', s, 0), d);
  return aten('split.Tensor')(x, v.int(call, 'split_size_or_sections', s, 1), d);
}

// ---- einsum

/** A subscript list of einsum's sublist form: integers in [0, 52) and '...' for Python's Ellipsis. */
export type Subscripts = (number | '...')[];

function subscriptLetters(list: unknown): string {
  const call = 'torch.einsum';
  if (!Array.isArray(list)) throw argError(call, 'subscripts', "an array of integers and '...'", list);
  return list.map((n) => {
    if (n === '...') return '...';
    const k = v.int(call, 'subscript', n);
    if (k >= 0 && k < 26) return String.fromCharCode(65 + k);
    if (k >= 26 && k < 52) return String.fromCharCode(97 + k - 26);
    throw new RangeError(`${call}: einsum(): subscript in subscript list is not within the valid range [0, 52)`);
  }).join('');
}

/**
 * torch.einsum(equation, *operands), torch.einsum(equation, [operands]) and the sublist form
 * torch.einsum(op1, sublist1, op2, sublist2, ..., [sublistOut]).
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor;
export function einsum(equation: string, operands: Tensor[]): Tensor;
export function einsum(...operandsAndSubscripts: (Tensor | Subscripts)[]): Tensor;
export function einsum(...args: unknown[]): Tensor {
  const call = 'torch.einsum';
  if (args.length < 2) {
    throw new RangeError(`${call}: einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list`);
  }
  let equation: string;
  let operands: unknown[];
  if (args[0] instanceof Tensor) {
    equation = args.filter((_, i) => i % 2 === 1).map(subscriptLetters).join(',');
    if (args.length % 2 === 1) {
      equation += '->' + subscriptLetters(args[args.length - 1]);
      operands = args.slice(0, -1).filter((_, i) => i % 2 === 0);
    } else {
      operands = args.filter((_, i) => i % 2 === 0);
    }
  } else {
    equation = v.str(call, 'equation', args[0]);
    operands = args.slice(1);
    if (operands.length === 1 && Array.isArray(operands[0])) operands = operands[0];
  }
  return aten('einsum')(equation, tensorList(call, 'operands', operands));
}

// ---- meshgrid

/** torch.meshgrid(*tensors, indexing=None), also with one list of tensors; the options object is last. */
export function meshgrid(...args: (Tensor | Tensor[] | { indexing?: 'ij' | 'xy' })[]): Tensor[] {
  const call = 'torch.meshgrid';
  const n = args.length > 0 && v.isPlainObject(args[args.length - 1]) ? args.length - 1 : args.length;
  const o = v.options(call, args[n]);
  v.knownOptions(call, o, ['indexing']);
  const tensors = varTensors(call, args.slice(0, n));
  // without indexing, aten::meshgrid warns that it will be required, as Python's call does
  if (o.indexing === undefined || o.indexing === null) return aten('meshgrid')(tensors);
  return aten('meshgrid.indexing')(tensors, v.str(call, 'indexing', o.indexing));
}

// ---- stft

export interface StftOptions {
  hopLength?: number | null; winLength?: number | null; window?: Tensor | null; center?: boolean;
  padMode?: string; normalized?: boolean; onesided?: boolean | null; returnComplex?: boolean | null;
}
const STFT_ARGS = ['nFft', 'hopLength', 'winLength', 'window', 'center', 'padMode', 'normalized', 'onesided', 'returnComplex'];

/**
 * torch.stft(input, n_fft, hop_length=None, win_length=None, window=None, center=True,
 * pad_mode='reflect', normalized=False, onesided=None, return_complex=None): as Python, the centre
 * padding is F.pad's (aten::pad) on a view with three dims, then aten::stft without `center`.
 */
export function stft(input: Tensor, nFft: number | ({ nFft: number } & StftOptions), ...rest: unknown[]): Tensor {
  const call = 'torch.stft';
  let x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, STFT_ARGS, [nFft, ...rest]);
  const n = v.int(call, 'n_fft', o.nFft, 1);
  const opt = (name: string): number | undefined => (o[name] === null ? undefined : v.optInt(call, v.pythonName(name), o[name], 1));
  if (o.center === undefined || v.bool(call, 'center', o.center)) {
    const signalDim = x.dim();
    const extended = [...new Array(Math.max(0, 3 - signalDim)).fill(1), ...x.shape];
    const pad = Math.floor(n / 2);
    x = aten('pad')(x.view(extended), [pad, pad], o.padMode === undefined ? 'reflect' : v.str(call, 'pad_mode', o.padMode));
    x = x.view(x.shape.slice(-signalDim));
  }
  const flag = (name: string): boolean | undefined => (o[name] === undefined || o[name] === null ? undefined : v.bool(call, v.pythonName(name), o[name]));
  return aten('stft')(x, n, opt('hopLength'), opt('winLength'), optTensor(call, 'window', o.window), flag('normalized'), flag('onesided'), flag('returnComplex'));
}

// ---- unique

export interface UniqueOptions { sorted?: boolean; returnInverse?: boolean; returnCounts?: boolean; dim?: number | null }
/** Options that ask for more than the output: the result is then an array. */
export type Flagged = { returnInverse: true } | { returnCounts: true };

/** The results Python's boolean_dispatch picks: the output, then inverse indices and counts when asked for. */
function uniqueResults(results: Tensor[], inverse: boolean, counts: boolean): Tensor | Tensor[] {
  if (!inverse && !counts) return results[0];
  return [results[0], ...(inverse ? [results[1]] : []), ...(counts ? [results[2]] : [])];
}

function flagOf(call: string, o: Record<string, unknown>, name: string, dflt: boolean): boolean {
  return o[name] === undefined ? dflt : v.bool(call, v.pythonName(name), o[name]);
}

/**
 * torch.unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None): the output
 * alone, or [output, inverse?, counts?] when either flag is set (Python's tuples).
 */
export function unique(input: Tensor, opts?: UniqueOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function unique(input: Tensor, opts: UniqueOptions & Flagged): Tensor[];
export function unique(input: Tensor, sorted?: boolean, returnInverse?: boolean, returnCounts?: boolean, dim?: number | null | UniqueOptions): Tensor | Tensor[];
export function unique(input: Tensor, ...args: unknown[]): Tensor | Tensor[] {
  const call = 'torch.unique';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['sorted', 'returnInverse', 'returnCounts', 'dim'], args);
  const sorted = flagOf(call, o, 'sorted', true);
  const inverse = flagOf(call, o, 'returnInverse', false);
  const counts = flagOf(call, o, 'returnCounts', false);
  const dim = v.optInt(call, 'dim', o.dim);
  const results: Tensor[] = dim === undefined
    ? aten('_unique2')(x, sorted, inverse, counts)
    : aten('unique_dim')(x, dim, sorted, inverse, counts);
  return uniqueResults(results, inverse, counts);
}

export type UniqueConsecutiveOptions = Omit<UniqueOptions, 'sorted'>;

/**
 * torch.unique_consecutive(input, return_inverse=False, return_counts=False, dim=None). (Python's
 * boolean_dispatch reads a positional return_inverse at the place of return_counts; here each
 * positional flag means what its name says.)
 */
export function uniqueConsecutive(input: Tensor, opts?: UniqueConsecutiveOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
export function uniqueConsecutive(input: Tensor, opts: UniqueConsecutiveOptions & Flagged): Tensor[];
export function uniqueConsecutive(input: Tensor, returnInverse?: boolean, returnCounts?: boolean, dim?: number | null | UniqueConsecutiveOptions): Tensor | Tensor[];
export function uniqueConsecutive(input: Tensor, ...args: unknown[]): Tensor | Tensor[] {
  const call = 'torch.unique_consecutive';
  const x = tensorArg(call, 'input', input);
  const o = v.bindArgs(call, ['returnInverse', 'returnCounts', 'dim'], args);
  const inverse = flagOf(call, o, 'returnInverse', false);
  const counts = flagOf(call, o, 'returnCounts', false);
  return uniqueResults(aten('unique_consecutive')(x, inverse, counts, v.optInt(call, 'dim', o.dim) ?? null), inverse, counts);
}

// ---- tensordot

/** torch.tensordot(a, b, dims=2, out=None): dims an integer, [dimsA, dimsB], or a tensor of either. */
export function tensordot(a: Tensor, b: Tensor, dims?: number | [number[], number[]] | Tensor | { dims?: number | [number[], number[]] | Tensor; out?: Tensor }, opts?: { out?: Tensor }): Tensor {
  const call = 'torch.tensordot';
  tensorArg(call, 'a', a);
  tensorArg(call, 'b', b);
  const o = v.bindArgs(call, ['dims', 'out'], [dims, opts]);
  let d: unknown = o.dims ?? 2;
  if (d instanceof Tensor) d = d.numel() > 1 ? d.tolist() : Number(d.item());
  let dimsA: number[];
  let dimsB: number[];
  if (Array.isArray(d)) {
    if (d.length !== 2) throw new RangeError(`${call}: dims must be [dims_a, dims_b], got ${describe(d)}`);
    dimsA = v.ints(call, 'dims[0]', d[0]);
    dimsB = v.ints(call, 'dims[1]', d[1]);
  } else if (typeof d === 'number' || typeof d === 'bigint') {
    const n = v.int(call, 'dims', d);
    if (n < 0) throw new RangeError(`${call}: tensordot expects dims >= 0, but got dims=${n}`);
    dimsA = Array.from({ length: n }, (_, i) => i - n);
    dimsB = Array.from({ length: n }, (_, i) => i);
  } else {
    throw new TypeError(`${call}: tensordot expects dims to be int or Tuple[List[int], List[int]] or List[List[int]] containing two lists, but got dims=${describe(d)}`);
  }
  const out = optTensor(call, 'out', o.out);
  if (out === undefined) return aten('tensordot')(a, b, dimsA, dimsB);
  aten('tensordot.out')(a, b, dimsA, dimsB, out);
  return out;
}

// ---- products and block matrices

/** torch.cartesian_prod(*tensors). */
export function cartesianProd(...tensors: Tensor[]): Tensor {
  return aten('cartesian_prod')(tensorList('torch.cartesian_prod', 'tensors', tensors));
}

/** torch.block_diag(*tensors). */
export function blockDiag(...tensors: Tensor[]): Tensor {
  return aten('block_diag')(tensorList('torch.block_diag', 'tensors', tensors));
}

/** torch.chain_matmul(*matrices, out=None) (deprecated in Python for torch.linalg.multi_dot). */
export function chainMatmul(...args: (Tensor | { out?: Tensor })[]): Tensor {
  const call = 'torch.chain_matmul';
  const n = args.length > 0 && v.isPlainObject(args[args.length - 1]) ? args.length - 1 : args.length;
  const o = v.options(call, args[n]);
  v.knownOptions(call, o, ['out']);
  const matrices = tensorList(call, 'matrices', args.slice(0, n));
  const out = optTensor(call, 'out', o.out);
  if (out === undefined) return aten('chain_matmul')(matrices);
  aten('chain_matmul.out')(matrices, out);
  return out;
}

const CDIST_MODES: Record<string, number | null> = { use_mm_for_euclid_dist_if_necessary: null, use_mm_for_euclid_dist: 1, donot_use_mm_for_euclid_dist: 2 };

/** torch.cdist(x1, x2, p=2., compute_mode='use_mm_for_euclid_dist_if_necessary'). */
export function cdist(x1: Tensor, x2: Tensor, p?: number | { p?: number; computeMode?: string }, opts?: { computeMode?: string }): Tensor {
  const call = 'torch.cdist';
  tensorArg(call, 'x1', x1);
  tensorArg(call, 'x2', x2);
  const o = v.bindArgs(call, ['p', 'computeMode'], [p, opts]);
  const mode = o.computeMode === undefined ? 'use_mm_for_euclid_dist_if_necessary' : v.str(call, 'compute_mode', o.computeMode);
  if (!(mode in CDIST_MODES)) throw new RangeError(`${call}: ${mode} is not a valid value for compute_mode`);
  return aten('cdist')(x1, x2, v.number(call, 'p', o.p ?? 2), CDIST_MODES[mode]);
}

// ---- atleast_nd

function atleast(n: 1 | 2 | 3, args: unknown[]): Tensor | Tensor[] {
  const call = `torch.atleast_${n}d`;
  const x = args.length === 1 ? args[0] : args;
  if (x instanceof Tensor) return aten(`atleast_${n}d`)(x);
  if (!Array.isArray(x)) throw argError(call, 'tensors', 'a Tensor or Tensors', x);
  return aten(`atleast_${n}d.Sequence`)(tensorList(call, 'tensors', x));
}
/** torch.atleast_1d(tensor) → a Tensor; atleast_1d(t1, t2, ...) or atleast_1d([t1, t2]) → Tensor[]. */
export function atleast1d(tensor: Tensor): Tensor;
export function atleast1d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast1d(...args: unknown[]): Tensor | Tensor[] { return atleast(1, args); }
/** torch.atleast_2d, the forms of atleast1d. */
export function atleast2d(tensor: Tensor): Tensor;
export function atleast2d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast2d(...args: unknown[]): Tensor | Tensor[] { return atleast(2, args); }
/** torch.atleast_3d, the forms of atleast1d. */
export function atleast3d(tensor: Tensor): Tensor;
export function atleast3d(...tensors: Tensor[] | [Tensor[]]): Tensor[];
export function atleast3d(...args: unknown[]): Tensor | Tensor[] { return atleast(3, args); }

// ---- norm

export type NormOrder = number | 'fro' | 'nuc' | null;
export interface NormOptions { p?: NormOrder; dim?: number | number[] | null; keepdim?: boolean; out?: Tensor | null; dtype?: DType | null }

/**
 * torch.norm(input, p='fro', dim=None, keepdim=False, out=None, dtype=None), dispatched as 1.13's
 * Python: 'fro' → aten::frobenius_norm, 'nuc' → aten::nuclear_norm, a number → aten::norm over
 * the given (or all) dims.
 */
export function norm(input: Tensor, p?: NormOrder | NormOptions, dim?: number | number[] | null | NormOptions, keepdim?: boolean | NormOptions, out?: Out | NormOptions, dtype?: DType | null | NormOptions): Tensor {
  const call = 'torch.norm';
  const x = tensorArg(call, 'input', input);
  return normOf(call, x, v.bindArgs(call, ['p', 'dim', 'keepdim', 'out', 'dtype'], [p, dim, keepdim, out, dtype]));
}

/** Tensor.norm(p='fro', dim=None, keepdim=False, dtype=None): torch.norm without out. */
export function tensorNorm(self: Tensor, args: unknown[]): Tensor {
  const call = 'torch.Tensor.norm';
  return normOf(call, self, v.bindArgs(call, ['p', 'dim', 'keepdim', 'dtype'], args));
}

function normOf(call: string, x: Tensor, o: Record<string, unknown>): Tensor {
  const p = o.p === undefined ? 'fro' : o.p === null || typeof o.p === 'string' ? o.p : v.number(call, 'p', o.p);
  const keepdim = o.keepdim === undefined ? false : v.bool(call, 'keepdim', o.keepdim);
  const dims = o.dim === undefined || o.dim === null ? null : Array.isArray(o.dim) ? v.ints(call, 'dim', o.dim) : [v.int(call, 'dim', o.dim)];
  const out = optTensor(call, 'out', o.out);
  const dtype = dtypeCode(call, o.dtype);
  const all = (): number[] => [...Array(x.dim()).keys()];
  // the op, or its out= overload when out is given
  const viaOut = (base: string, withOut: string, ...args: unknown[]): Tensor => {
    if (out === undefined) return aten(base)(...args);
    aten(withOut)(...args, out);
    return out;
  };
  if (typeof p === 'string') {
    if (p === 'fro') {
      if (dims === null && out === undefined && dtype === undefined) return aten('frobenius_norm.dim')(x, [], keepdim);
      if (dtype !== undefined) throw new RangeError(`${call}: dtype argument is not supported in frobenius norm`);
      return viaOut('frobenius_norm.dim', 'frobenius_norm.out', x, dims ?? all(), keepdim);
    }
    if (p === 'nuc') {
      if (dtype !== undefined) throw new RangeError(`${call}: dtype argument is not supported in nuclear norm`);
      if (dims === null) return viaOut('nuclear_norm', 'nuclear_norm.out', x, keepdim);
      return viaOut('nuclear_norm.dim', 'nuclear_norm.dim_out', x, dims, keepdim);
    }
    throw new RangeError(`${call}: only valid string values are 'fro' and 'nuc', found ${p}`);
  }
  if (dtype === undefined) return viaOut('norm.ScalarOpt_dim', 'norm.out', x, p, dims ?? all(), keepdim);
  return viaOut('norm.ScalarOpt_dim_dtype', 'norm.dtype_out', x, p, dims ?? all(), keepdim, dtype);
}

// ---- lu

export type LuResult = [Tensor, Tensor] | ([Tensor, Tensor, Tensor] & { LU: Tensor; pivots: Tensor; info: Tensor });

/**
 * torch.lu(A, pivot=True, get_infos=False, out=None) → [A_LU, pivots], or with getInfos the
 * (LU, pivots, info) namedtuple of aten::_lu_with_info, which then does not raise on singular inputs.
 */
export function lu(A: Tensor, pivot?: boolean | { pivot?: boolean; getInfos?: boolean; out?: Tensor[] }, getInfos?: boolean | { getInfos?: boolean; out?: Tensor[] }, out?: Tensor[] | { out?: Tensor[] }): LuResult {
  const call = 'torch.lu';
  const x = tensorArg(call, 'A', A);
  const o = v.bindArgs(call, ['pivot', 'getInfos', 'out'], [pivot, getInfos, out]);
  return luOf(call, x, o);
}

/** Tensor.lu(pivot=True, get_infos=False). */
export function tensorLu(self: Tensor, args: unknown[]): LuResult {
  const call = 'torch.Tensor.lu';
  return luOf(call, self, v.bindArgs(call, ['pivot', 'getInfos'], args));
}

function luOf(call: string, x: Tensor, o: Record<string, unknown>): LuResult {
  const infos = flagOf(call, o, 'getInfos', false);
  const [LU, pivots, info]: Tensor[] = aten('_lu_with_info')(x, flagOf(call, o, 'pivot', true), !infos);
  const result: Tensor[] = infos ? [LU, pivots, info] : [LU, pivots];
  if (o.out === undefined || o.out === null) return (infos ? named(result, ['LU', 'pivots', 'info']) : result) as LuResult;
  if (!Array.isArray(o.out)) throw argError(call, 'out', 'an array of Tensors', o.out);
  if (o.out.length !== result.length) throw new TypeError(`${call}: expected tuple of ${result.length} elements but got ${o.out.length}`);
  const outs = tensorList(call, 'out', o.out);
  outs.forEach((t, i) => t.resizeAs_(result[i]).copy_(result[i]));
  return outs as LuResult;
}

/** torch.align_tensors: named tensors' op, which Python 1.13 does not implement either. */
export function alignTensors(..._tensors: Tensor[]): never {
  throw new Error('torch.align_tensors: `align_tensors` not yet implemented.');
}
