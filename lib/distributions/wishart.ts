// torch/distributions/wishart.py: the Wishart distribution over positive-definite matrices, given by
// df and one of covariance_matrix, precision_matrix, scale_tril; sampled by Bartlett decomposition.
import { Tensor, isTensor } from '../tensor';
import { arange, eye, randn, tensor } from '../creation';
import { matmul } from '../functions';
import { einsum } from '../functional';
import { choleskySolve, mvlgamma, trilIndices } from '../_C/generated/torch';
import * as linalg from '../linalg';
import { argError } from '../errors';
import * as v from '../validate';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { Chi2 } from './chi2';
import { precisionToScaleTril } from './multivariate_normal';
import { broadcastShapes, finfo, pyFormat } from './utils';
import { bind, tensorParam, valueArg, ValidateOptions } from './_args';

const LOG_2 = Math.log(2);

// Python's warnings show each message once per place in the code.
const warned = new Set<string>();
function warnOnce(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  process.emitWarning(message, 'UserWarning');
}

function mvdigamma(x: Tensor, p: number): Tensor {
  if (!x.gt((p - 1) / 2).all().item()) throw new RangeError('torch.distributions.Wishart: Wrong domain for multivariate digamma function.');
  return x.unsqueeze(-1).sub(arange(p, { dtype: x.dtype }).div(2).expand([...x.shape, -1])).digamma().sum(-1);
}

/** The Chi2 of the Bartlett decomposition's diagonal: df - 0, df - 1, ..., df - (p - 1). */
function bartlettChi2(df: Tensor, p: number, dtype: Tensor['dtype'], batchShape: Shape): Chi2 {
  return new Chi2(df.unsqueeze(-1).sub(arange(p, { dtype }).expand([...batchShape, -1])));
}

function clampAboveEps(x: Tensor): Tensor {
  // We assume positive input for this function
  return x.clamp({ min: finfo(x.dtype).eps });
}

type WishartOptions = { covarianceMatrix?: Tensor | null; precisionMatrix?: Tensor | null; scaleTril?: Tensor | null } & ValidateOptions;
const MATRICES = ['covarianceMatrix', 'precisionMatrix', 'scaleTril'] as const;

export class Wishart extends ExponentialFamily {
  declare df: Tensor;
  declare _unbroadcastedScaleTril: Tensor;
  declare _batchDims: number[];
  declare _distChi2: Chi2;
  /** Python assigns greater_than(p - 1) to the class's arg_constraints['df'] in each __init__. */
  declare _dfConstraint: constraints.Constraint;

  constructor(df: Tensor | number, covarianceMatrix?: Tensor | null, precisionMatrix?: Tensor | null, scaleTril?: Tensor | null, opts?: ValidateOptions);
  constructor(df: Tensor | number, opts: WishartOptions);
  constructor(opts: { df: Tensor | number } & WishartOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Wishart';
    const a = bind(call, ['df', ...MATRICES, 'validateArgs'], args);
    const given = MATRICES.filter((k) => (a[k] ?? null) !== null);
    if (given.length !== 1) throw new RangeError(`${call}: Exactly one of covariance_matrix or precision_matrix or scale_tril may be specified.`);
    const which = given[0];
    const param = tensorParam(call, which, a[which]);
    if (param.dim() < 2) throw new RangeError(`${call}: scale_tril must be at least two-dimensional, with optional leading batch dimensions`);
    const df = a.df;
    let batchShape: Shape;
    if (typeof df === 'number') {
      batchShape = param.shape.slice(0, -2);
      this.df = tensor(df, { dtype: param.dtype });
    } else if (isTensor(df)) {
      batchShape = broadcastShapes(param.shape.slice(0, -2), df.shape);
      this.df = df.expand(batchShape);
    } else {
      throw argError(call, 'df', 'a number or a Tensor', df);
    }
    const eventShape = param.shape.slice(-2);
    const p = eventShape[1];
    if (this.df.le(p - 1).any().item()) {
      throw new RangeError(`${call}: Value of df=${typeof df === 'number' ? df : pyFormat(df)} expected to be greater than ndim - 1 = ${p - 1}.`);
    }
    this._lazy = new Map([[which, param.expand([...batchShape, -1, -1])]]);
    this._dfConstraint = constraints.greaterThan(p - 1);
    if (this.df.lt(p).any().item()) warnOnce('Low df values detected. Singular samples are highly likely to occur for ndim - 1 < df < ndim.');
    this._init(batchShape, eventShape, a.validateArgs as boolean | undefined);
    this._batchDims = this._batchShape.map((_, x) => -(x + 1));
    if (which === 'scaleTril') this._unbroadcastedScaleTril = param;
    else if (which === 'covarianceMatrix') this._unbroadcastedScaleTril = linalg.cholesky(param);
    else this._unbroadcastedScaleTril = precisionToScaleTril(param);
    // Chi2 distribution is needed for Bartlett decomposition sampling
    this._distChi2 = bartlettChi2(this.df, p, this._unbroadcastedScaleTril.dtype, batchShape);
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return {
      covarianceMatrix: constraints.positiveDefinite, precisionMatrix: constraints.positiveDefinite, scaleTril: constraints.lowerCholesky,
      df: this._dfConstraint ?? constraints.greaterThan(0),
    };
  }
  override get support(): constraints.Constraint { return constraints.positiveDefinite; }
  override get hasRsample(): boolean { return true; }
  override get _meanCarrierMeasure(): number { return 0; }
  protected override isLazy(p: string): boolean { return p === 'covarianceMatrix' || p === 'precisionMatrix' || p === 'scaleTril'; }

  expand(batchShape: Shape, instance?: Wishart): Wishart {
    const fresh = this.checkedInstance(Wishart, instance, batchShape);
    const covShape = [...batchShape, ...this._eventShape];
    fresh._unbroadcastedScaleTril = this._unbroadcastedScaleTril.expand(covShape);
    fresh.df = this.df.expand(batchShape);
    fresh._batchDims = batchShape.map((_, x) => -(x + 1));
    fresh._dfConstraint = this._dfConstraint;
    for (const [k, t] of this._lazy) fresh._lazy.set(k, t.expand(covShape));
    fresh._distChi2 = bartlettChi2(fresh.df, this._eventShape[1], fresh._unbroadcastedScaleTril.dtype, batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  private get matrixShape(): Shape { return [...this._batchShape, ...this._eventShape]; }
  get scaleTril(): Tensor { return this.lazyGet('scaleTril', () => this._unbroadcastedScaleTril.expand(this.matrixShape)); }
  get covarianceMatrix(): Tensor {
    const L = this._unbroadcastedScaleTril;
    return this.lazyGet('covarianceMatrix', () => matmul(L, L.transpose(-2, -1)).expand(this.matrixShape));
  }
  get precisionMatrix(): Tensor {
    return this.lazyGet('precisionMatrix', () => {
      const identity = eye(this._eventShape[1], { dtype: this._unbroadcastedScaleTril.dtype });
      return choleskySolve(identity, this._unbroadcastedScaleTril).expand(this.matrixShape);
    });
  }

  private get dfView(): Tensor { return this.df.view([...this._batchShape, 1, 1]); }

  override get mean(): Tensor { return this.dfView.mul(this.covarianceMatrix); }
  override get mode(): Tensor {
    const factor = this.df.sub(this.covarianceMatrix.size(-1)).sub(1);
    factor.indexPut_([factor.le(0)], NaN);
    return factor.view([...this._batchShape, 1, 1]).mul(this.covarianceMatrix);
  }
  override get variance(): Tensor {
    const V = this.covarianceMatrix;
    const diagV = V.diagonal({ dim1: -2, dim2: -1 });
    return this.dfView.mul(V.pow(2).add(einsum('...i,...j->...ij', diagV, diagV)));
  }

  private bartlettSampling(sampleShape: Shape): Tensor {
    const p = this._eventShape[1];
    // Sampling by Bartlett decomposition
    const noise = clampAboveEps(this._distChi2.rsample(sampleShape).sqrt()).diagEmbed({ dim1: -2, dim2: -1 });
    const [i, j] = trilIndices(p, p, -1).unbind();
    noise.indexPut_(['...', i, j], randn([...sampleShape, ...this._batchShape, (p * (p - 1)) / 2], { dtype: noise.dtype }));
    const chol = matmul(this._unbroadcastedScaleTril, noise);
    return matmul(chol, chol.transpose(-2, -1));
  }

  /**
   * Bartlett decomposition may give singular samples; up to maxTryCorrection (10) redraws replace them.
   * As in Python 1.13, the first check marks the samples that are positive definite (not the singular
   * ones), so a valid first draw is redrawn once: the draws and the warning follow Python's.
   */
  override rsample(sampleShape: Shape = [], maxTryCorrection?: number | null): Tensor {
    const shape = v.ints(`${this.call}.rsample`, 'sample_shape', sampleShape, 0);
    const tries = maxTryCorrection === undefined || maxTryCorrection === null ? 10 : v.int(`${this.call}.rsample`, 'max_try_correction', maxTryCorrection);
    const sample = this.bartlettSampling(shape);
    let isSingular = this.support.check(sample);
    if (this._batchShape.length) isSingular = isSingular.amax(this._batchDims);
    if (isSingular.any().item()) {
      warnOnce('Singular sample detected.');
      for (let k = 0; k < tries; k++) {
        // Python's is_singular[is_singular].shape: the number of samples to redraw.
        const sampleNew = this.bartlettSampling([Number(isSingular.sum().item())]);
        sample.indexPut_([isSingular], sampleNew);
        let isSingularNew = this.support.check(sampleNew).logicalNot();
        if (this._batchShape.length) isSingularNew = isSingularNew.amax(this._batchDims);
        isSingular.indexPut_([isSingular.clone()], isSingularNew);
        if (!isSingular.any().item()) break;
      }
    }
    return sample;
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const nu = this.df;
    const p = this._eventShape[1];
    const L = this._unbroadcastedScaleTril;
    return nu.neg().mul(L.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1).add((p * LOG_2) / 2))
      .sub(mvlgamma(nu.div(2), p))
      .add(nu.sub(p).sub(1).div(2).mul(linalg.slogdet(value).logabsdet))
      .sub(choleskySolve(value, L).diagonal({ dim1: -2, dim2: -1 }).sum(-1).div(2));
  }

  override entropy(): Tensor {
    const nu = this.df;
    const p = this._eventShape[1];
    return this._unbroadcastedScaleTril.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1).add((p * LOG_2) / 2).mul(p + 1)
      .add(mvlgamma(nu.div(2), p))
      .sub(nu.sub(p).sub(1).div(2).mul(mvdigamma(nu.div(2), p)))
      .add(nu.mul(p).div(2));
  }

  override get _naturalParams(): Tensor[] {
    const p = this._eventShape[1];
    return [this.precisionMatrix.neg().div(2), this.df.sub(p).sub(1).div(2)];
  }

  override _logNormalizer(x: Tensor, y: Tensor): Tensor {
    const p = this._eventShape[1];
    return y.add((p + 1) / 2).mul(linalg.slogdet(x.mul(-2)).logabsdet.neg().add(LOG_2 * p)).add(mvlgamma(y.add((p + 1) / 2), p));
  }
}
