// torch/_lowrank.py: randomized low-rank SVD and PCA (Halko et al. 2009, algorithms 4.4 and 5.1),
// for dense tensors. The random matrix comes from torch.randn on the default generator, so
// torch.manualSeed gives Python's results.
import { aten } from './_aten';
import { Tensor, tensorArg } from './tensor';
import { randn } from './creation';
import { getFloatingDtype as floatingDtype, conjugate, transpose, transjugate } from './_linalg_utils';
import * as v from './validate';

const qrQ = (A: Tensor): Tensor => aten('linalg_qr')(A, 'reduced')[0];
/** A·R, less M·R when M is given (the centring matrix). */
const minus = (A: Tensor, M: Tensor | null, R: Tensor): Tensor => (M === null ? A.matmul(R) : A.matmul(R).sub(M.matmul(R)));

/** An orthonormal basis Q, with q columns, that approximates the range of A - M. */
function approximateBasis(A: Tensor, q: number, niter: number, M: Tensor | null): Tensor {
  const n = A.shape[A.dim() - 1];
  const R = randn([n, q], { dtype: floatingDtype(A), device: A.device });
  const AH = transjugate(A);
  const MH = M === null ? null : transjugate(M);
  let Q = qrQ(minus(A, M, R));
  for (let i = 0; i < niter; i++) {
    Q = qrQ(minus(AH, MH, Q));
    Q = qrQ(minus(A, M, Q));
  }
  return Q;
}

function svdLowrankOf(A: Tensor, q: number, niter: number, M: Tensor | null): [Tensor, Tensor, Tensor] {
  const [m, n] = A.shape.slice(-2);
  const Mt = M === null ? null : transpose(M);
  const At = transpose(A);
  if (m < n || n > q) {
    // the SVD of the transpose keeps B small (m < n) or V small (n > q)
    const Q = approximateBasis(At, q, niter, Mt);
    const [U, S, Vh]: Tensor[] = aten('linalg_svd')(minus(A, M, conjugate(Q)), false);
    return [U, S, Q.matmul(Vh.adjoint())];
  }
  const Q = approximateBasis(A, q, niter, M);
  const [U, S, Vh]: Tensor[] = aten('linalg_svd')(transpose(minus(At, Mt, conjugate(Q))), false);
  return [Q.matmul(U), S, Vh.adjoint()];
}

/** torch.svd_lowrank(A, q=6, niter=2, M=None) → [U, S, V] with A - M ≈ U diag(S) Vᴴ. */
export function svdLowrank(A: Tensor, q?: number | null | { q?: number | null; niter?: number; M?: Tensor | null }, niter?: number | { niter?: number; M?: Tensor | null }, M?: Tensor | null | { M?: Tensor | null }): [Tensor, Tensor, Tensor] {
  const call = 'torch.svd_lowrank';
  tensorArg(call, 'A', A);
  const o = v.bindArgs(call, ['q', 'niter', 'M'], [q, niter, M]);
  const m = o.M === undefined || o.M === null ? null : tensorArg(call, 'M', o.M);
  return svdLowrankOf(A, v.int(call, 'q', o.q ?? 6, 0), v.int(call, 'niter', o.niter ?? 2, 0), m);
}

/** torch.pca_lowrank(A, q=None, center=True, niter=2) → [U, S, V] of A less its column means. */
export function pcaLowrank(A: Tensor, q?: number | null | { q?: number | null; center?: boolean; niter?: number }, center?: boolean | { center?: boolean; niter?: number }, niter?: number | { niter?: number }): [Tensor, Tensor, Tensor] {
  const call = 'torch.pca_lowrank';
  tensorArg(call, 'A', A);
  const o = v.bindArgs(call, ['q', 'center', 'niter'], [q, center, niter]);
  const [m, n] = A.shape.slice(-2);
  let rank = Math.min(6, m, n);
  if (o.q !== undefined && o.q !== null) {
    rank = v.int(call, 'q', o.q);
    if (!(rank >= 0 && rank <= Math.min(m, n))) throw new RangeError(`${call}: q(=${rank}) must be non-negative integer and not greater than min(m, n)=${Math.min(m, n)}`);
  }
  const iters = v.int(call, 'niter', o.niter ?? 2);
  if (!(iters >= 0)) throw new RangeError(`${call}: niter(=${iters}) must be non-negative integer`);
  if (o.center !== undefined && !v.bool(call, 'center', o.center)) return svdLowrankOf(A, rank, iters, null);
  return svdLowrankOf(A.sub(A.mean({ dim: [-2], keepdim: true })), rank, iters, null);
}
