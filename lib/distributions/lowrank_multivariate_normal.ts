// torch/distributions/lowrank_multivariate_normal.py: covariance W W^T + diag(D) with W of low rank.
import { Tensor } from '../tensor';
import { eye } from '../creation';
import { diagEmbed } from '../_C/generated/torch';
import { matmul } from '../functions';
import * as linalg from '../linalg';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { batchMahalanobis, batchMv } from './multivariate_normal';
import { broadcastTensors, sameShape, sizeRepr, standardNormal } from './utils';
import { bind, required, tensorParam, valueArg, ValidateOptions } from './_args';

const mT = (x: Tensor): Tensor => x.transpose(-2, -1);

/** I + W^T D^-1 W's Cholesky factor. Python adds 1 to K's diagonal in place; K + I gives the same values. */
function batchCapacitanceTril(W: Tensor, D: Tensor): Tensor {
  const m = W.size(-1);
  const K = matmul(mT(W).div(D.unsqueeze(-2)), W);
  return linalg.cholesky(K.add(eye(m, { dtype: K.dtype })));
}

export function batchLowrankLogdet(W: Tensor, D: Tensor, capacitanceTril: Tensor): Tensor {
  return capacitanceTril.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1).mul(2).add(D.log().sum(-1));
}

export function batchLowrankMahalanobis(W: Tensor, D: Tensor, x: Tensor, capacitanceTril: Tensor): Tensor {
  const WtDinvX = batchMv(mT(W).div(D.unsqueeze(-2)), x);
  return x.pow(2).div(D).sum(-1).sub(batchMahalanobis(capacitanceTril, WtDinvX));
}

export class LowRankMultivariateNormal extends Distribution {
  declare loc: Tensor;
  declare covFactor: Tensor;
  declare covDiag: Tensor;
  declare _unbroadcastedCovFactor: Tensor;
  declare _unbroadcastedCovDiag: Tensor;
  declare _capacitanceTril: Tensor;

  constructor(loc: Tensor, covFactor: Tensor, covDiag: Tensor, opts?: ValidateOptions);
  constructor(opts: { loc: Tensor; covFactor: Tensor; covDiag: Tensor } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.LowRankMultivariateNormal';
    const a = bind(call, ['loc', 'covFactor', 'covDiag', 'validateArgs'], args);
    const loc = tensorParam(call, 'loc', required(call, a, 'loc'));
    const covFactor = tensorParam(call, 'covFactor', required(call, a, 'covFactor'));
    const covDiag = tensorParam(call, 'covDiag', required(call, a, 'covDiag'));
    if (loc.dim() < 1) throw new RangeError(`${call}: loc must be at least one-dimensional.`);
    const eventShape = loc.shape.slice(-1);
    if (covFactor.dim() < 2) throw new RangeError(`${call}: cov_factor must be at least two-dimensional, with optional leading batch dimensions`);
    if (!sameShape(covFactor.shape.slice(-2, -1), eventShape)) throw new RangeError(`${call}: cov_factor must be a batch of matrices with shape ${eventShape[0]} x m`);
    if (!sameShape(covDiag.shape.slice(-1), eventShape)) throw new RangeError(`${call}: cov_diag must be a batch of vectors with shape ${sizeRepr(eventShape)}`);
    let loc_: Tensor;
    let covDiag_: Tensor;
    try {
      [loc_, this.covFactor, covDiag_] = broadcastTensors(loc.unsqueeze(-1), covFactor, covDiag.unsqueeze(-1));
    } catch {
      throw new RangeError(`${call}: Incompatible batch shapes: loc ${sizeRepr(loc.shape)}, cov_factor ${sizeRepr(covFactor.shape)}, cov_diag ${sizeRepr(covDiag.shape)}`);
    }
    this.loc = loc_.select(-1, 0);
    this.covDiag = covDiag_.select(-1, 0);
    this._unbroadcastedCovFactor = covFactor;
    this._unbroadcastedCovDiag = covDiag;
    this._capacitanceTril = batchCapacitanceTril(covFactor, covDiag);
    this._init(this.loc.shape.slice(0, -1), eventShape, a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return { loc: constraints.realVector, covFactor: constraints.independent(constraints.real, 2), covDiag: constraints.independent(constraints.positive, 1) };
  }
  override get support(): constraints.Constraint { return constraints.realVector; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: LowRankMultivariateNormal): LowRankMultivariateNormal {
    const fresh = this.checkedInstance(LowRankMultivariateNormal, instance, batchShape);
    const locShape = [...batchShape, ...this._eventShape];
    fresh.loc = this.loc.expand(locShape);
    fresh.covDiag = this.covDiag.expand(locShape);
    fresh.covFactor = this.covFactor.expand([...locShape, this.covFactor.size(-1)]);
    fresh._unbroadcastedCovFactor = this._unbroadcastedCovFactor;
    fresh._unbroadcastedCovDiag = this._unbroadcastedCovDiag;
    fresh._capacitanceTril = this._capacitanceTril;
    return this.finishExpand(fresh, batchShape);
  }

  private get matrixShape(): Shape { return [...this._batchShape, ...this._eventShape, ...this._eventShape]; }
  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor {
    return this.lazyGet('variance', () => this._unbroadcastedCovFactor.pow(2).sum(-1).add(this._unbroadcastedCovDiag).expand([...this._batchShape, ...this._eventShape]));
  }
  get scaleTril(): Tensor {
    return this.lazyGet('scaleTril', () => {
      const n = this._eventShape[0];
      const dSqrt = this._unbroadcastedCovDiag.sqrt().unsqueeze(-1);
      const DinvsqrtW = this._unbroadcastedCovFactor.div(dSqrt);
      const K = matmul(DinvsqrtW, mT(DinvsqrtW)).add(eye(n, { dtype: dSqrt.dtype }));
      return dSqrt.mul(linalg.cholesky(K)).expand(this.matrixShape);
    });
  }
  get covarianceMatrix(): Tensor {
    const W = this._unbroadcastedCovFactor;
    return this.lazyGet('covarianceMatrix', () => matmul(W, mT(W)).add(diagEmbed(this._unbroadcastedCovDiag)).expand(this.matrixShape));
  }
  get precisionMatrix(): Tensor {
    return this.lazyGet('precisionMatrix', () => {
      const WtDinv = mT(this._unbroadcastedCovFactor).div(this._unbroadcastedCovDiag.unsqueeze(-2));
      const A = linalg.solveTriangular(this._capacitanceTril, WtDinv, { upper: false });
      return diagEmbed(this._unbroadcastedCovDiag.reciprocal()).sub(matmul(mT(A), A)).expand(this.matrixShape);
    });
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const epsW = standardNormal([...shape.slice(0, -1), this.covFactor.size(-1)], this.loc.dtype);
    const epsD = standardNormal(shape, this.loc.dtype);
    return this.loc.add(batchMv(this._unbroadcastedCovFactor, epsW)).add(this._unbroadcastedCovDiag.sqrt().mul(epsD));
  }

  private logDet(): Tensor { return batchLowrankLogdet(this._unbroadcastedCovFactor, this._unbroadcastedCovDiag, this._capacitanceTril); }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const M = batchLowrankMahalanobis(this._unbroadcastedCovFactor, this._unbroadcastedCovDiag, value.sub(this.loc), this._capacitanceTril);
    return this.logDet().add(this._eventShape[0] * Math.log(2 * Math.PI)).add(M).mul(-0.5);
  }

  override entropy(): Tensor {
    const H = this.logDet().add(this._eventShape[0] * (1.0 + Math.log(2 * Math.PI))).mul(0.5);
    return this._batchShape.length === 0 ? H : H.expand(this._batchShape);
  }
}
