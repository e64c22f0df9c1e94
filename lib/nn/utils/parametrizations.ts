// torch.nn.utils.parametrizations (torch/nn/utils/parametrizations.py, PyTorch 1.13): `orthogonal` and
// `spectral_norm` as parametrizations (nn.utils.parametrize), so the tensors live under
// `parametrizations.<name>.original` and the parametrization's own buffers (`base`, `_u`, `_v`) under
// `parametrizations.<name>.0`. Random draws (normal_, randn) come in Python's order: the same seed
// gives Python's weights.
import { Tensor, tensorArg } from '../../tensor';
import { noGrad } from '../../autograd';
import { geqrf, matrixExp, mv, dot } from '../../_C/generated/torch';
import { householderProduct, solve } from '../../_C/generated/linalg';
import { allclose, cat, where } from '../../functions';
import { eye, randn, zerosLike } from '../../creation';
import { finfo } from '../../type_info';
import { normalize } from '../functional';
import { Module } from '../module';
import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from '../modules/conv';
import * as v from '../../validate';
import { NotImplementedError, describe } from '../../errors';
import { registerParametrization } from './parametrize';
import { moduleArg, memberKind, attr } from './_hooks';

const ORTH_MAPS = ['matrix_exp', 'cayley', 'householder'] as const;
type OrthMap = (typeof ORTH_MAPS)[number];

const mT = (x: Tensor): Tensor => x.transpose(-2, -1);
const diag = (x: Tensor): Tensor => x.diagonal({ dim1: -2, dim2: -1 });

function isOrthogonal(Q: Tensor): boolean {
  const n = Q.size(-2) as number;
  const k = Q.size(-1) as number;
  const Id = eye(k, { dtype: Q.dtype, device: Q.device });
  const eps = 10 * n * new finfo(Q.dtype).eps;
  return allclose(mT(Q).matmul(Q), Id, { atol: eps });
}

/** Python's `_make_orthogonal(A)`: the Q of A = QR (A tall) with diag(R) non-negative. */
function makeOrthogonal(A: Tensor): Tensor {
  const [X, tau] = geqrf(A) as unknown as [Tensor, Tensor];
  const Q = householderProduct(X, tau);
  return Q.mul_(diag(X).sgn().unsqueeze(-2));
}

/** Python's `_Orthogonal(weight, orthogonal_map, *, use_trivialization=True)`: the map from the original to an orthogonal matrix. */
export class _Orthogonal extends Module {
  shape: number[];
  orthogonalMap: OrthMap;

  constructor(weight: Tensor, orthogonalMap: OrthMap, opts?: { useTrivialization?: boolean }) {
    super();
    const call = 'nn.utils.parametrizations._Orthogonal';
    tensorArg(call, 'weight', weight);
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['useTrivialization']);
    const useTrivialization = o.useTrivialization === undefined ? true : v.bool(call, 'use_trivialization', o.useTrivialization);
    if (!(ORTH_MAPS as readonly unknown[]).includes(orthogonalMap)) throw new RangeError(`${call}: orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${describe(orthogonalMap)}`);
    if (weight.isComplex() && orthogonalMap === 'householder') throw new RangeError('The householder parametrization does not support complex tensors.');
    this.shape = weight.shape;
    this.orthogonalMap = orthogonalMap;
    if (useTrivialization) this.registerBuffer('base', null);
  }

  // Python's hasattr(self, "base"): registered (even as None) only with use_trivialization
  private get hasBase(): boolean {
    return memberKind(this, 'base') === 'buffer';
  }

  override forward(X: Tensor): Tensor {
    let n = X.size(-2) as number;
    let k = X.size(-1) as number;
    const transposed = n < k;
    if (transposed) {
      X = mT(X);
      [n, k] = [k, n];
    }
    let Q: Tensor;
    if (this.orthogonalMap === 'matrix_exp' || this.orthogonalMap === 'cayley') {
      X = X.tril();
      if (n !== k) X = cat([X, X.newZeros([n, n - k]).expand(...X.shape.slice(0, -2), -1, -1)], -1);
      const A = X.sub(X.transpose(-2, -1).conj());
      if (this.orthogonalMap === 'matrix_exp') Q = matrixExp(A);
      else {
        const Id = eye(n, { dtype: A.dtype, device: A.device });
        Q = solve(Id.add(A, { alpha: -0.5 }), Id.add(A, { alpha: 0.5 }));
      }
      if (n !== k) Q = Q.narrow(-1, 0, k);
    } else {
      const A = X.tril(-1);
      const tau = A.mul(A).sum(-2).add(1).reciprocal().mul(2);
      Q = householderProduct(A, tau);
      Q = Q.mul(diag(X).int().unsqueeze(-2));
    }
    if (this.hasBase) Q = (attr(this, 'base') as Tensor).matmul(Q);
    if (transposed) Q = mT(Q);
    return Q;
  }

  /** `right_inverse(Q)`: with a base, Q (orthogonalized) becomes the base and the original -I; without, Q's Householder reflectors. */
  rightInverse(Q: Tensor): Tensor {
    const call = 'nn.utils.parametrizations._Orthogonal.right_inverse';
    tensorArg(call, 'Q', Q);
    return noGrad(() => {
      if (Q.shape.length !== this.shape.length || Q.shape.some((d, i) => d !== this.shape[i])) {
        throw new RangeError(`Expected a matrix or batch of matrices of shape torch.Size([${this.shape.join(', ')}]). Got a tensor of shape torch.Size([${Q.shape.join(', ')}]).`);
      }
      const QInit = Q;
      let n = Q.size(-2) as number;
      let k = Q.size(-1) as number;
      const transpose = n < k;
      if (transpose) {
        Q = mT(Q);
        [n, k] = [k, n];
      }
      if (!this.hasBase) {
        if (this.orthogonalMap === 'cayley' || this.orthogonalMap === 'matrix_exp') {
          throw new NotImplementedError('It is not possible to assign to the matrix exponential or the Cayley parametrizations when use_trivialization=False.');
        }
        const [A, tau] = geqrf(Q) as unknown as [Tensor, Tensor];
        const d = diag(A);
        d.sign_();
        // Python's A.diagonal()[tau == 0.] *= -1
        d.copy_(where(tau.eq(0), d.neg(), d));
        return transpose ? mT(A) : A;
      }
      if (n === k) Q = isOrthogonal(Q) ? Q.clone() : makeOrthogonal(Q);
      else {
        const N = randn([...Q.shape.slice(0, -2), n, n - k], { dtype: Q.dtype, device: Q.device });
        Q = makeOrthogonal(cat([Q, N], -1));
      }
      (this as unknown as { base: Tensor }).base = Q;
      const negId = zerosLike(QInit);
      diag(negId).fill_(-1);
      return negId;
    });
  }
}

export interface OrthogonalOptions { name?: string; orthogonalMap?: OrthMap | null; useTrivialization?: boolean }

/**
 * `orthogonal(module, name='weight', orthogonal_map=None, *, use_trivialization=True)`: `module[name]`
 * becomes an orthogonal matrix (or batch) through `'matrix_exp'` (default for square or complex),
 * `'cayley'` or `'householder'` (default otherwise). Returns the module.
 */
export function orthogonal<T extends Module>(module: T, name?: string | OrthogonalOptions, orthogonalMap?: OrthMap | null | OrthogonalOptions, opts?: OrthogonalOptions): T;
export function orthogonal(...args: unknown[]): Module {
  const call = 'nn.utils.parametrizations.orthogonal';
  const a = v.bindArgs(call, ['module', 'name', 'orthogonalMap'], args, ['useTrivialization']);
  const module = moduleArg(call, a.module);
  const name = a.name === undefined ? 'weight' : v.str(call, 'name', a.name);
  const weight = attr(module, name);
  if (!(weight instanceof Tensor)) throw new RangeError(`Module '${String(module)}' has no parameter or buffer with name '${name}'`);
  if (weight.dim() < 2) throw new RangeError(`Expected a matrix or batch of matrices. Got a tensor of ${weight.dim()} dimensions.`);
  let map: OrthMap;
  if (a.orthogonalMap === undefined || a.orthogonalMap === null) {
    map = weight.size(-2) === weight.size(-1) || weight.isComplex() ? 'matrix_exp' : 'householder';
  } else {
    const s = v.str(call, 'orthogonal_map', a.orthogonalMap);
    if (!(ORTH_MAPS as readonly string[]).includes(s)) throw new RangeError(`orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: ${s}`);
    map = s as OrthMap;
  }
  const useTrivialization = a.useTrivialization === undefined ? true : v.bool(call, 'use_trivialization', a.useTrivialization);
  const orth = new _Orthogonal(weight, map, { useTrivialization });
  registerParametrization(module, name, orth, { unsafe: true });
  return module;
}

/** Python's `_SpectralNorm(weight, n_power_iterations=1, dim=0, eps=1e-12)`: `weight / sigma`, sigma by power iteration. */
export class _SpectralNorm extends Module {
  dim: number;
  eps: number;
  nPowerIterations?: number;
  declare _u: Tensor;
  declare _v: Tensor;

  constructor(weight: Tensor, nPowerIterations = 1, dim = 0, eps = 1e-12) {
    super();
    const call = 'nn.utils.parametrizations._SpectralNorm';
    tensorArg(call, 'weight', weight);
    v.int(call, 'n_power_iterations', nPowerIterations);
    v.int(call, 'dim', dim);
    v.number(call, 'eps', eps);
    const ndim = weight.dim();
    if (dim >= ndim || dim < -ndim) throw new RangeError(`Dimension out of range (expected to be in range of [-${ndim}, ${ndim - 1}] but got ${dim})`);
    if (nPowerIterations <= 0) throw new RangeError(`Expected n_power_iterations to be positive, but got n_power_iterations=${nPowerIterations}`);
    this.dim = dim >= 0 ? dim : dim + ndim;
    this.eps = eps;
    if (ndim > 1) {
      this.nPowerIterations = nPowerIterations;
      const weightMat = this.reshapeWeightToMatrix(weight);
      const [h, w] = weightMat.shape;
      const u = weightMat.newEmpty([h]).normal_(0, 1);
      const vv = weightMat.newEmpty([w]).normal_(0, 1);
      this.registerBuffer('_u', normalize(u, { dim: 0, eps: this.eps }));
      this.registerBuffer('_v', normalize(vv, { dim: 0, eps: this.eps }));
      this.powerMethod(weightMat, 15);
    }
  }

  private reshapeWeightToMatrix(weight: Tensor): Tensor {
    tensorArg('nn.utils.parametrizations._SpectralNorm._reshape_weight_to_matrix', 'weight', weight);
    if (this.dim !== 0) weight = weight.permute(this.dim, ...Array.from({ length: weight.dim() }, (_, d) => d).filter((d) => d !== this.dim));
    return weight.flatten(1);
  }

  // Python's normalize(..., out=self._u): the buffers are updated in place
  private powerMethod(weightMat: Tensor, n: number): void {
    noGrad(() => {
      for (let i = 0; i < n; i++) {
        this._u.copy_(normalize(mv(weightMat, this._v), { dim: 0, eps: this.eps }));
        this._v.copy_(normalize(mv(weightMat.t(), this._u), { dim: 0, eps: this.eps }));
      }
    });
  }

  override forward(weight: Tensor): Tensor {
    if (weight.dim() === 1) return normalize(weight, { dim: 0, eps: this.eps });
    const weightMat = this.reshapeWeightToMatrix(weight);
    if (this.training) this.powerMethod(weightMat, this.nPowerIterations!);
    const sigma = dot(this._u.clone(), mv(weightMat, this._v.clone()));
    return weight.div(sigma);
  }

  rightInverse(value: Tensor): Tensor {
    return value;
  }
}

export interface SpectralNormOptions { name?: string; nPowerIterations?: number; eps?: number; dim?: number | null }

/**
 * `spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None)`: `module[name]` is
 * divided by its spectral norm (power iteration at each access in training mode); `dim` defaults to 1
 * for ConvTranspose1d/2d/3d, 0 otherwise. Returns the module.
 */
export function spectralNorm<T extends Module>(
  module: T,
  name?: string | SpectralNormOptions,
  nPowerIterations?: number | SpectralNormOptions,
  eps?: number | SpectralNormOptions,
  dim?: number | null | SpectralNormOptions,
  opts?: SpectralNormOptions,
): T;
export function spectralNorm(...args: unknown[]): Module {
  const call = 'nn.utils.parametrizations.spectral_norm';
  const a = v.bindArgs(call, ['module', 'name', 'nPowerIterations', 'eps', 'dim'], args);
  const module = moduleArg(call, a.module);
  const name = a.name === undefined ? 'weight' : v.str(call, 'name', a.name);
  const n = a.nPowerIterations === undefined ? 1 : v.int(call, 'n_power_iterations', a.nPowerIterations);
  const eps = a.eps === undefined ? 1e-12 : v.number(call, 'eps', a.eps);
  const weight = attr(module, name);
  if (!(weight instanceof Tensor)) throw new RangeError(`Module '${String(module)}' has no parameter or buffer with name '${name}'`);
  let dim: number;
  if (a.dim === undefined || a.dim === null) {
    dim = module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d ? 1 : 0;
  } else dim = v.int(call, 'dim', a.dim);
  registerParametrization(module, name, new _SpectralNorm(weight, n, dim, eps));
  return module;
}
