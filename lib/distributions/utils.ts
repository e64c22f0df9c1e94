// torch/distributions/utils.py: broadcasting of parameters, logits <-> probs.
import { Tensor, isTensor, tensorArg } from '../tensor';
import { DType, getDefaultDtype } from '../dtype';
import { arange, tensor, empty, zeros } from '../creation';
import { aten } from '../_aten';
import { argError } from '../errors';
import { finfo as TypeFinfo } from '../type_info';
import * as v from '../validate';
import '../_C';

// These are exported (torch.distributions.utils), so each checks its arguments; the messages use
// Python's names where Python has the function.
const U = 'torch.distributions.utils';

export const eulerConstant = 0.57721566490153286060;

/** torch.finfo(dtype), as the distributions call it. */
export function finfo(dtype: DType): TypeFinfo {
  return new TypeFinfo(dtype);
}

/** torch.broadcast_tensors (aten::broadcast_tensors, which Python's torch/functional.py calls). */
export function broadcastTensors(...tensors: Tensor[]): Tensor[] {
  return aten('broadcast_tensors')(tensors);
}

/** torch.broadcast_shapes for shapes the distributions already hold. */
export function broadcastShapes(...shapes: readonly number[][]): number[] {
  shapes.forEach((s, i) => v.ints('torch.broadcast_shapes', `shapes[${i}]`, s, 0));
  const n = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = new Array(n).fill(1);
  for (const s of shapes) {
    for (let i = 1; i <= s.length; i++) {
      const a = out[n - i];
      const b = s[s.length - i];
      if (a !== b && a !== 1 && b !== 1) {
        throw new RangeError(`Shape mismatch: objects cannot be broadcast to a single shape: [${shapes.map((x) => `[${x.join(', ')}]`).join(', ')}]`);
      }
      if (b !== 1) out[n - i] = b;
    }
  }
  return out;
}

/**
 * broadcast_all: numbers become tensors of the first tensor's dtype (the default dtype when there is
 * none), then all are broadcast together.
 */
export function broadcastAll(call: string, names: readonly string[], ...values: unknown[]): Tensor[] {
  v.str(`${U}.broadcast_all`, 'call', call);
  if (!Array.isArray(names) || names.length < values.length || !names.every((n) => typeof n === 'string')) throw argError(`${U}.broadcast_all`, 'names', 'an array of a name for each value', names);
  values.forEach((x, i) => {
    if (!isTensor(x) && typeof x !== 'number') {
      throw new TypeError(`${call}: ${names[i]} must be a number or a Tensor, got ${x === null ? 'null' : typeof x}`);
    }
  });
  const first = values.find(isTensor) as Tensor | undefined;
  const dtype = first ? first.dtype : getDefaultDtype();
  return broadcastTensors(...values.map((x) => (isTensor(x) ? x : tensor(x as number, { dtype }))));
}

/** _standard_normal: an uninitialized tensor filled by normal_(), as Python draws it. */
export function standardNormal(shape: number[], dtype: DType): Tensor {
  return empty(shape, { dtype }).normal_();
}

/** _sum_rightmost: sums out the `dim` rightmost dimensions. */
export function sumRightmost(value: Tensor, dim: number): Tensor {
  tensorArg(`${U}._sum_rightmost`, 'value', value);
  v.int(`${U}._sum_rightmost`, 'dim', dim, 0);
  if (dim === 0) return value;
  return value.reshape([...value.shape.slice(0, Math.max(0, value.shape.length - dim)), -1]).sum(-1);
}

export function logitsToProbs(logits: Tensor, isBinary = false): Tensor {
  tensorArg(`${U}.logits_to_probs`, 'logits', logits);
  v.bool(`${U}.logits_to_probs`, 'is_binary', isBinary);
  return isBinary ? logits.sigmoid() : logits.softmax(-1);
}

export function clampProbs(probs: Tensor): Tensor {
  tensorArg(`${U}.clamp_probs`, 'probs', probs);
  const eps = finfo(probs.dtype).eps;
  return probs.clamp({ min: eps, max: 1 - eps });
}

export function probsToLogits(probs: Tensor, isBinary = false): Tensor {
  v.bool(`${U}.probs_to_logits`, 'is_binary', isBinary);
  const p = clampProbs(probs);
  return isBinary ? p.log().sub(p.neg().log1p()) : p.log();
}

/** The mask of a D x D matrix's lower triangle from diagonal `diag` down (tril_matrix_to_vec, vec_to_tril_matrix). */
function trilMask(n: number, diag: number): Tensor {
  const r = arange(n);
  return r.lt(r.view(-1, 1).add(diag + 1));
}

/** tril_matrix_to_vec: the lower-triangular elements of a (batched) D x D matrix, in row order. */
export function trilMatrixToVec(mat: Tensor, diag = 0): Tensor {
  tensorArg(`${U}.tril_matrix_to_vec`, 'mat', mat);
  v.int(`${U}.tril_matrix_to_vec`, 'diag', diag);
  const n = mat.size(-1);
  if (diag < -n || diag >= n) throw new RangeError(`${U}.tril_matrix_to_vec: diag (${diag}) provided is outside [${-n}, ${n - 1}].`);
  return mat.index('...', trilMask(n, diag));
}

/** vec_to_tril_matrix: a (batched) D x D lower-triangular matrix holding the vector's elements in row order. */
export function vecToTrilMatrix(vec: Tensor, diag = 0): Tensor {
  tensorArg(`${U}.vec_to_tril_matrix`, 'vec', vec);
  v.int(`${U}.vec_to_tril_matrix`, 'diag', diag);
  // +ve root of D**2 + (1+2*diag)*D - |diag| * (diag+1) - 2*vec.shape[-1] = 0
  const m = vec.size(-1);
  let n = (-(1 + 2 * diag) + Math.sqrt((1 + 2 * diag) ** 2 + 8 * m + 4 * Math.abs(diag) * (diag + 1))) / 2;
  const eps = finfo(vec.dtype).eps;
  // The root is an integer or irrational, never a half: Math.round agrees with Python's round here.
  if (Math.round(n) - n > eps) {
    throw new RangeError(`${U}.vec_to_tril_matrix: The size of last dimension is ${m} which cannot be expressed as the lower triangular part of a square D x D matrix.`);
  }
  n = Math.round(n);
  const mat = zeros([...vec.shape.slice(0, -1), n, n], { dtype: vec.dtype });
  mat.indexPut_(['...', trilMask(n, diag)], vec);
  return mat;
}

/** Python's tuple repr of a shape: (), (2,), (2, 3). */
export function shapeRepr(shape: readonly number[]): string {
  v.ints(`${U}.shapeRepr`, 'shape', shape);
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** repr(torch.Size(shape)). */
export function sizeRepr(shape: readonly number[]): string {
  v.ints(`${U}.sizeRepr`, 'shape', shape);
  return `torch.Size([${shape.join(', ')}])`;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  v.ints(`${U}.sameShape`, 'a', a);
  v.ints(`${U}.sameShape`, 'b', b);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Python's repr of a float: 2.0, 0.30000001192092896, 1e-05, inf. */
export function pyFloatRepr(x: number): string {
  v.number(`${U}.pyFloatRepr`, 'x', x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const ax = Math.abs(x);
  if (ax !== 0 && (ax < 1e-4 || ax >= 1e16)) {
    const [m, e] = x.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** Python's format(tensor): a 0-d tensor formats as its item (Tensor.__format__), others as str(tensor). */
export function pyFormat(t: Tensor): string {
  tensorArg(`${U}.pyFormat`, 't', t);
  if (t.dim() !== 0) return String(t);
  const x = t.item();
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (typeof x === 'bigint' || !t.dtype.isFloatingPoint) return String(x);
  return pyFloatRepr(x as number);
}
