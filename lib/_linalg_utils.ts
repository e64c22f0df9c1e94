// torch/_linalg_utils.py: the matrix helpers of torch.svd_lowrank, torch.pca_lowrank and torch.lobpcg.
// (Its matrix_rank, solve, lstsq and eig only raise "removed since 1.9": not ported.)
import { aten } from './_aten';
import { Tensor } from './tensor';
import { float16, float32, float64, DType } from './dtype';

/** The floating dtype of A: integer dtypes compute in float32. */
export const getFloatingDtype = (A: Tensor): DType => ([float16, float32, float64].includes(A.dtype) ? A.dtype : float32);

/**
 * A·B, or B when A is null. A may be sparse (B is dense): Python calls torch.sparse.mm there, which is
 * the op libtorch's matmul dispatches a sparse matrix to.
 */
export const matmul = (A: Tensor | null, B: Tensor): Tensor => (A === null ? B : A.matmul(B));

export const conjugate = (A: Tensor): Tensor => (A.dtype.isComplex ? A.conj() : A);
export const transpose = (A: Tensor): Tensor => A.transpose(A.dim() - 1, A.dim() - 2);
export const transjugate = (A: Tensor): Tensor => conjugate(transpose(A));

/** Xᵀ A Y (A null: the identity). */
export const bform = (X: Tensor, A: Tensor | null, Y: Tensor): Tensor => matmul(transpose(X), matmul(A, Y));
/** Sᵀ A S. */
export const qform = (A: Tensor | null, S: Tensor): Tensor => bform(S, A, S);

/** An orthonormal basis of A's columns (Householder QR on CPU, as Python). */
export function basis(A: Tensor): Tensor {
  if (A.isCuda) return aten('linalg_qr')(A, 'reduced')[0];
  const [a, tau]: Tensor[] = aten('geqrf')(A);
  return aten('orgqr')(a, tau);
}

/** The eigenpairs of the symmetric A, eigenvalues ascending, or descending when `largest`. */
export function symeig(A: Tensor, largest: boolean | null = false): [Tensor, Tensor] {
  const [E, Z]: Tensor[] = aten('linalg_eigh')(A, 'U');
  return largest ? [E.flip([-1]), Z.flip([-1])] : [E, Z];
}
