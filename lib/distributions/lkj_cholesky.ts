// torch/distributions/lkj_cholesky.py (after NumPyro): the LKJ distribution over lower Cholesky factors
// of correlation matrices, sampled with the onion method (Lewandowski, Kurowicka and Joe, 2009, Sec. 3.2).
import { Tensor } from '../tensor';
import { arange, randn, zeros } from '../creation';
import { cat } from '../functions';
import { diagEmbed, mvlgamma, rsub } from '../_C/generated/torch';
import * as v from '../validate';
import * as constraints from './constraints';
import { Beta } from './beta';
import { Distribution, Shape } from './distribution';
import { broadcastAll, finfo } from './utils';
import { bind, valueArg, Param, ValidateOptions } from './_args';

export class LKJCholesky extends Distribution {
  declare dim: number;
  declare concentration: Tensor;
  declare _beta: Beta;

  constructor(dim: number, concentration?: Param, opts?: ValidateOptions);
  constructor(dim: number, opts: { concentration?: Param } & ValidateOptions);
  constructor(opts: { dim: number; concentration?: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.LKJCholesky';
    const a = bind(call, ['dim', 'concentration', 'validateArgs'], args);
    const dim = v.int(call, 'dim', a.dim);
    if (dim < 2) throw new RangeError(`${call}: Expected dim to be an integer greater than or equal to 2. Found dim=${dim}.`);
    this.dim = dim;
    [this.concentration] = broadcastAll(call, ['concentration'], a.concentration ?? 1.0);
    const batchShape = this.concentration.shape;
    // This is used to draw vectorized samples from the beta distribution in Sec. 3.2 of [1].
    const marginalConc = this.concentration.add(0.5 * (this.dim - 2));
    let offset = arange(this.dim - 1, { dtype: this.concentration.dtype });
    offset = cat([zeros([1], { dtype: offset.dtype }), offset]);
    const betaConc1 = offset.add(0.5);
    const betaConc0 = marginalConc.unsqueeze(-1).sub(offset.mul(0.5));
    this._beta = new Beta(betaConc1, betaConc0);
    this._init(batchShape, [dim, dim], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { concentration: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.corrCholesky; }

  expand(batchShape: Shape, instance?: LKJCholesky): LKJCholesky {
    const fresh = this.checkedInstance(LKJCholesky, instance, batchShape);
    fresh.dim = this.dim;
    fresh.concentration = this.concentration.expand(batchShape);
    fresh._beta = this._beta.expand([...batchShape, this.dim]);
    return this.finishExpand(fresh, batchShape);
  }

  override sample(sampleShape: Shape = []): Tensor {
    // The onion method, vectorized over the rows (and over heterogeneous concentrations); sampling the
    // Cholesky factor rather than the correlation matrix only needs `w`.
    const y = this._beta.sample(sampleShape).unsqueeze(-1);
    const uNormal = randn(this.extendedShape(sampleShape), { dtype: y.dtype }).tril(-1);
    const uHypersphere = uNormal.div(uNormal.norm({ dim: -1, keepdim: true }));
    // Replace NaNs in first row
    uHypersphere.select(-2, 0).fill_(0.0);
    const w = y.sqrt().mul(uHypersphere);
    // Fill diagonal elements; clamp for numerical stability
    const eps = finfo(w.dtype).tiny;
    const diagElems = rsub(w.pow(2).sum(-1), 1).clamp({ min: eps }).sqrt();
    w.add_(diagEmbed(diagElems));
    return w;
  }

  override logProb(value: Tensor): Tensor {
    // The density of a correlation matrix is proportional to det ** (concentration - 1) =
    // prod(L_ii ** 2(concentration - 1)), and the Jacobian from the Cholesky factor to the
    // correlation matrix is prod(L_ii ** (D - i)): so prod(L_ii ** order_i), with
    // order_i = 2 * concentration - 2 + D - i.
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const diagElems = value.diagonal({ dim1: -1, dim2: -2 }).narrow(-1, 1, this.dim - 1);
    let order = arange(2, this.dim + 1);
    order = this.concentration.sub(1).unsqueeze(-1).mul(2).add(this.dim).sub(order);
    const unnormalizedLogPdf = order.mul(diagElems.log()).sum(-1);
    // Normalization constant (page 1999 of [1])
    const dm1 = this.dim - 1;
    const alpha = this.concentration.add(0.5 * dm1);
    const denominator = alpha.lgamma().mul(dm1);
    const numerator = mvlgamma(alpha.sub(0.5), dm1);
    // pi_constant in [1] is D * (D - 1) / 4 * log(pi); in multigammaln it is (D - 1) * (D - 2) / 4 * log(pi),
    // hence the (D - 1) * log(pi) / 2 added here.
    const piConstant = 0.5 * dm1 * Math.log(Math.PI);
    const normalizeTerm = numerator.add(piConstant).sub(denominator);
    return unnormalizedLogPdf.sub(normalizeTerm);
  }
}
