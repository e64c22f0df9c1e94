// torch/distributions/multivariate_normal.py
import { Tensor } from '../tensor';
import { eye } from '../creation';
import { choleskyInverse, flip } from '../_C/generated/torch';
import { matmul } from '../functions';
import * as linalg from '../linalg';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastShapes, standardNormal } from './utils';
import { bind, required, tensorParam, valueArg, ValidateOptions } from './_args';

export function batchMv(bmat: Tensor, bvec: Tensor): Tensor {
  return matmul(bmat, bvec.unsqueeze(-1)).squeeze(-1);
}

/** _batch_mahalanobis: the squared Mahalanobis distance x^T (L L^T)^-1 x, broadcasting L's batch dims. */
export function batchMahalanobis(bL: Tensor, bx: Tensor): Tensor {
  const n = bx.size(-1);
  const bxBatchShape = bx.shape.slice(0, -1);
  const bxBatchDims = bxBatchShape.length;
  const bLBatchDims = bL.dim() - 2;
  const outer = bxBatchDims - bLBatchDims;
  const oldBatchDims = outer + bLBatchDims;
  const newBatchDims = outer + 2 * bLBatchDims;
  const newShape = bx.shape.slice(0, outer);
  const lBatch = bL.shape.slice(0, -2);
  const xBatch = bx.shape.slice(outer, -1);
  lBatch.forEach((sL, i) => newShape.push(Math.trunc(xBatch[i] / sL), sL));
  newShape.push(n);
  let x = bx.reshape(newShape);
  const range = (a: number, b: number, step = 1): number[] => { const r = []; for (let i = a; i < b; i += step) r.push(i); return r; };
  const permuteDims = [...range(0, outer), ...range(outer, newBatchDims, 2), ...range(outer + 1, newBatchDims, 2), newBatchDims];
  x = x.permute(permuteDims);
  const flatL = bL.reshape(-1, n, n);
  const flatX = x.reshape(-1, flatL.size(0), n);
  const flatXSwap = flatX.permute(1, 2, 0);
  const MSwap = linalg.solveTriangular(flatL, flatXSwap, { upper: false }).pow(2).sum(-2);
  const M = MSwap.t();
  const permutedM = M.reshape(x.shape.slice(0, -1));
  const permuteInv = range(0, outer);
  for (let i = 0; i < bLBatchDims; i++) permuteInv.push(outer + i, oldBatchDims + i);
  return permutedM.permute(permuteInv).reshape(bxBatchShape);
}

/** _precision_to_scale_tril (Wishart uses it too). */
export function precisionToScaleTril(P: Tensor): Tensor {
  const Lf = linalg.cholesky(flip(P, [-2, -1]));
  const LInv = flip(Lf, [-2, -1]).transpose(-2, -1);
  const Id = eye(P.size(-1), { dtype: P.dtype });
  return linalg.solveTriangular(LInv, Id, { upper: false });
}

type MvnOptions = { covarianceMatrix?: Tensor | null; precisionMatrix?: Tensor | null; scaleTril?: Tensor | null } & ValidateOptions;

export class MultivariateNormal extends Distribution {
  declare loc: Tensor;
  declare _unbroadcastedScaleTril: Tensor;

  constructor(loc: Tensor, covarianceMatrix?: Tensor | null, precisionMatrix?: Tensor | null, scaleTril?: Tensor | null, opts?: ValidateOptions);
  constructor(loc: Tensor, opts: MvnOptions);
  constructor(opts: { loc: Tensor } & MvnOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.MultivariateNormal';
    const a = bind(call, ['loc', 'covarianceMatrix', 'precisionMatrix', 'scaleTril', 'validateArgs'], args);
    const loc = tensorParam(call, 'loc', required(call, a, 'loc'));
    if (loc.dim() < 1) throw new RangeError(`${call}: loc must be at least one-dimensional.`);
    const given = (['covarianceMatrix', 'precisionMatrix', 'scaleTril'] as const).filter((k) => (a[k] ?? null) !== null);
    if (given.length !== 1) throw new RangeError(`${call}: Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.`);
    const which = given[0];
    const m = tensorParam(call, which, a[which]);
    if (m.dim() < 2) {
      const what = { covarianceMatrix: 'covariance_matrix must', precisionMatrix: 'precision_matrix must', scaleTril: 'scale_tril matrix must' }[which];
      throw new RangeError(`${call}: ${what} be at least two-dimensional, with optional leading batch dimensions`);
    }
    const batchShape = broadcastShapes(m.shape.slice(0, -2), loc.shape.slice(0, -1));
    this._lazy = new Map([[which, m.expand([...batchShape, -1, -1])]]);
    this.loc = loc.expand([...batchShape, -1]);
    this._init(batchShape, this.loc.shape.slice(-1), a.validateArgs as boolean | undefined);
    if (which === 'scaleTril') this._unbroadcastedScaleTril = m;
    else if (which === 'covarianceMatrix') this._unbroadcastedScaleTril = linalg.cholesky(m);
    else this._unbroadcastedScaleTril = precisionToScaleTril(m);
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return { loc: constraints.realVector, covarianceMatrix: constraints.positiveDefinite, precisionMatrix: constraints.positiveDefinite, scaleTril: constraints.lowerCholesky };
  }
  override get support(): constraints.Constraint { return constraints.realVector; }
  override get hasRsample(): boolean { return true; }
  protected override isLazy(p: string): boolean { return p === 'covarianceMatrix' || p === 'precisionMatrix' || p === 'scaleTril'; }

  private get matrixShape(): Shape { return [...this._batchShape, ...this._eventShape, ...this._eventShape]; }
  get scaleTril(): Tensor { return this.lazyGet('scaleTril', () => this._unbroadcastedScaleTril.expand(this.matrixShape)); }
  get covarianceMatrix(): Tensor {
    const L = this._unbroadcastedScaleTril;
    return this.lazyGet('covarianceMatrix', () => matmul(L, L.transpose(-2, -1)).expand(this.matrixShape));
  }
  get precisionMatrix(): Tensor {
    return this.lazyGet('precisionMatrix', () => choleskyInverse(this._unbroadcastedScaleTril).expand(this.matrixShape));
  }

  expand(batchShape: Shape, instance?: MultivariateNormal): MultivariateNormal {
    const fresh = this.checkedInstance(MultivariateNormal, instance, batchShape);
    fresh.loc = this.loc.expand([...batchShape, ...this._eventShape]);
    fresh._unbroadcastedScaleTril = this._unbroadcastedScaleTril;
    for (const [k, t] of this._lazy) fresh._lazy.set(k, t.expand([...batchShape, ...this._eventShape, ...this._eventShape]));
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor { return this._unbroadcastedScaleTril.pow(2).sum(-1).expand([...this._batchShape, ...this._eventShape]); }

  override rsample(sampleShape: Shape = []): Tensor {
    const eps = standardNormal(this.extendedShape(sampleShape), this.loc.dtype);
    return this.loc.add(batchMv(this._unbroadcastedScaleTril, eps));
  }

  private halfLogDet(): Tensor {
    return this._unbroadcastedScaleTril.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1);
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const M = batchMahalanobis(this._unbroadcastedScaleTril, value.sub(this.loc));
    return M.add(this._eventShape[0] * Math.log(2 * Math.PI)).mul(-0.5).sub(this.halfLogDet());
  }

  override entropy(): Tensor {
    const H = this.halfLogDet().add(0.5 * this._eventShape[0] * (1.0 + Math.log(2 * Math.PI)));
    return this._batchShape.length === 0 ? H : H.expand(this._batchShape);
  }
}
