// torch/distributions/kl.py: kl_divergence(p, q) dispatched on the (type(p), type(q)) pair, choosing the
// most specific registered pair as Python's _dispatch_kl does.
import { Tensor } from '../tensor';
import { describe } from '../errors';
import { fullLike, onesLike } from '../creation';
import { where } from '../functions';
import { grad } from '../autograd';
import { diagEmbed } from '../_C/generated/torch';
import { _nn } from '../_C';
import * as linalg from '../linalg';
import { Distribution, ExponentialFamily } from './distribution';
import { Bernoulli } from './bernoulli';
import { Cauchy } from './cauchy';
import { Geometric } from './geometric';
import { Gumbel } from './gumbel';
import { HalfNormal } from './half_normal';
import { Pareto } from './pareto';
import { Beta } from './beta';
import { Binomial } from './binomial';
import { Categorical } from './categorical';
import { ContinuousBernoulli } from './continuous_bernoulli';
import { Dirichlet } from './dirichlet';
import { Exponential } from './exponential';
import { Gamma } from './gamma';
import { Independent } from './independent';
import { Laplace } from './laplace';
import { LowRankMultivariateNormal, batchLowrankLogdet, batchLowrankMahalanobis } from './lowrank_multivariate_normal';
import { MultivariateNormal, batchMahalanobis } from './multivariate_normal';
import { Normal } from './normal';
import { OneHotCategorical } from './one_hot_categorical';
import { Poisson } from './poisson';
import { TransformedDistribution } from './transformed_distribution';
import { Uniform } from './uniform';
import { broadcastShapes, eulerConstant, sameShape, sumRightmost } from './utils';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type DistClass = abstract new (...args: any[]) => Distribution;
type KLFn = (p: any, q: any) => Tensor;  // eslint-disable-line @typescript-eslint/no-explicit-any

const registry = new Map<DistClass, Map<DistClass, KLFn>>();
const memo = new Map<DistClass, Map<DistClass, KLFn | null>>();

function isSubclass(x: DistClass, y: DistClass): boolean {
  return x === y || x.prototype instanceof y;
}

/** register_kl(typeP, typeQ)(fn). */
export function registerKl(typeP: DistClass, typeQ: DistClass): (fn: KLFn) => KLFn {
  for (const [name, t] of [['type_p', typeP], ['type_q', typeQ]] as const) {
    if (typeof t !== 'function' || !isSubclass(t, Distribution)) throw new TypeError(`torch.distributions.registerKl: Expected ${name} to be a Distribution subclass but got ${typeof t === 'function' && t.name ? t.name : describe(t)}`);
  }
  return (fn) => {
    if (!registry.has(typeP)) registry.set(typeP, new Map());
    registry.get(typeP)!.set(typeQ, fn);
    memo.clear();
    return fn;
  };
}

/** _Match's ordering: lexicographic by subclass relation. */
function le(a: DistClass[], b: DistClass[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (!isSubclass(a[i], b[i])) return false;
    if (a[i] !== b[i]) break;
  }
  return true;
}

function minMatch(matches: DistClass[][]): DistClass[] {
  let best = matches[0];
  for (const m of matches.slice(1)) if (le(m, best) && !(m[0] === best[0] && m[1] === best[1])) best = m;
  return best;
}

function dispatchKl(typeP: DistClass, typeQ: DistClass): KLFn | null {
  const matches: DistClass[][] = [];
  for (const [sp, row] of registry) for (const sq of row.keys()) if (isSubclass(typeP, sp) && isSubclass(typeQ, sq)) matches.push([sp, sq]);
  if (matches.length === 0) return null;
  const [leftP, leftQ] = minMatch(matches);
  const [rightQ, rightP] = minMatch(matches.map(([a, b]) => [b, a]));
  const leftFn = registry.get(leftP)!.get(leftQ)!;
  if (leftFn !== registry.get(rightP)!.get(rightQ)) {
    process.emitWarning(`Ambiguous kl_divergence(${typeP.name}, ${typeQ.name}). Please register_kl(${leftP.name}, ${rightQ.name})`, 'RuntimeWarning');
  }
  return leftFn;
}

/** kl_divergence(p, q): KL(p || q), batched over the batch shape. */
export function klDivergence(p: Distribution, q: Distribution): Tensor {
  const call = 'torch.distributions.klDivergence';
  if (!(p instanceof Distribution)) throw new TypeError(`${call}: p must be a Distribution`);
  if (!(q instanceof Distribution)) throw new TypeError(`${call}: q must be a Distribution`);
  const tp = p.constructor as DistClass;
  const tq = q.constructor as DistClass;
  if (!memo.has(tp)) memo.set(tp, new Map());
  let fn = memo.get(tp)!.get(tq);
  if (fn === undefined) {
    fn = dispatchKl(tp, tq);
    memo.get(tp)!.set(tq, fn);
  }
  if (fn === null) throw new Error(`${call}: No KL(p || q) is implemented for p type ${tp.name} and q type ${tq.name}`);
  return fn(p, q);
}

const infiniteLike = (t: Tensor): Tensor => fullLike(t, Infinity);
const xLogX = (t: Tensor): Tensor => t.mul(t.log());
const rsub = (a: number, t: Tensor): Tensor => t.neg().add(a);

function batchTraceXXT(bmat: Tensor): Tensor {
  const n = bmat.size(-1);
  const m = bmat.size(-2);
  return bmat.reshape(-1, m * n).pow(2).sum(-1).reshape(bmat.shape.slice(0, -2));
}

function klNormalNormal(p: Normal, q: Normal): Tensor {
  const varRatio = p.scale.div(q.scale).pow(2);
  const t1 = p.loc.sub(q.loc).div(q.scale).pow(2);
  return varRatio.add(t1).sub(1).sub(varRatio.log()).mul(0.5);
}

function klCategoricalCategorical(p: Categorical, q: Categorical): Tensor {
  const t = p.probs.mul(p.logits.sub(q.logits));
  t.indexPut_([q.probs.eq(0).expandAs(t)], Infinity);
  t.indexPut_([p.probs.eq(0).expandAs(t)], 0);
  return t.sum(-1);
}

registerKl(Bernoulli, Bernoulli)((p: Bernoulli, q: Bernoulli) => {
  const t1 = p.probs.mul(_nn.softplus(q.logits.neg()).sub(_nn.softplus(p.logits.neg())));
  t1.indexPut_([q.probs.eq(0)], Infinity);
  t1.indexPut_([p.probs.eq(0)], 0);
  const t2 = rsub(1, p.probs).mul(_nn.softplus(q.logits).sub(_nn.softplus(p.logits)));
  t2.indexPut_([q.probs.eq(1)], Infinity);
  t2.indexPut_([p.probs.eq(1)], 0);
  return t1.add(t2);
});

registerKl(Beta, Beta)((p: Beta, q: Beta) => {
  const sumP = p.concentration1.add(p.concentration0);
  const sumQ = q.concentration1.add(q.concentration0);
  const t1 = q.concentration1.lgamma().add(q.concentration0.lgamma()).add(sumP.lgamma());
  const t2 = p.concentration1.lgamma().add(p.concentration0.lgamma()).add(sumQ.lgamma());
  const t3 = p.concentration1.sub(q.concentration1).mul(p.concentration1.digamma());
  const t4 = p.concentration0.sub(q.concentration0).mul(p.concentration0.digamma());
  const t5 = sumQ.sub(sumP).mul(sumP.digamma());
  return t1.sub(t2).add(t3).add(t4).add(t5);
});

registerKl(Binomial, Binomial)((p: Binomial, q: Binomial) => {
  if (p.totalCount.lt(q.totalCount).any().item()) {
    throw new Error('torch.distributions.klDivergence: KL between Binomials where q.total_count > p.total_count is not implemented');
  }
  const kl = p.totalCount.mul(p.probs.mul(p.logits.sub(q.logits)).add(p.probs.neg().log1p()).sub(q.probs.neg().log1p()));
  const infIdxs = p.totalCount.gt(q.totalCount);
  kl.indexPut_([infIdxs], infiniteLike(kl.index(infIdxs)));
  return kl;
});

registerKl(Categorical, Categorical)(klCategoricalCategorical);

registerKl(Dirichlet, Dirichlet)((p: Dirichlet, q: Dirichlet) => {
  const sumP = p.concentration.sum(-1);
  const sumQ = q.concentration.sum(-1);
  const t1 = sumP.lgamma().sub(sumQ.lgamma());
  const t2 = p.concentration.lgamma().sub(q.concentration.lgamma()).sum(-1);
  const t3 = p.concentration.sub(q.concentration);
  const t4 = p.concentration.digamma().sub(sumP.digamma().unsqueeze(-1));
  return t1.sub(t2).add(t3.mul(t4).sum(-1));
});

registerKl(Exponential, Exponential)((p: Exponential, q: Exponential) => {
  const rateRatio = q.rate.div(p.rate);
  return rateRatio.log().neg().add(rateRatio).sub(1);
});

registerKl(ExponentialFamily, ExponentialFamily)((p: ExponentialFamily, q: ExponentialFamily) => {
  if (p.constructor !== q.constructor) {
    throw new Error('torch.distributions.klDivergence: The cross KL-divergence between different exponential families cannot be computed using Bregman divergences');
  }
  const pn = p._naturalParams.map((t) => t.detach().requiresGrad_());
  const qn = q._naturalParams;
  const lgNormal = p._logNormalizer(...pn);
  const gradients = grad(lgNormal.sum(), pn, { createGraph: true });
  let result = q._logNormalizer(...qn).sub(lgNormal);
  pn.forEach((pnp, i) => { result = result.sub(sumRightmost(qn[i].sub(pnp).mul(gradients[i]!), q.eventShape.length)); });
  return result;
});

registerKl(Gamma, Gamma)((p: Gamma, q: Gamma) => {
  const t1 = q.concentration.mul(p.rate.div(q.rate).log());
  const t2 = q.concentration.lgamma().sub(p.concentration.lgamma());
  const t3 = p.concentration.sub(q.concentration).mul(p.concentration.digamma());
  const t4 = q.rate.sub(p.rate).mul(p.concentration.div(p.rate));
  return t1.add(t2).add(t3).add(t4);
});

registerKl(Laplace, Laplace)((p: Laplace, q: Laplace) => {
  const scaleRatio = p.scale.div(q.scale);
  const locAbsDiff = p.loc.sub(q.loc).abs();
  const t1 = scaleRatio.log().neg();
  const t2 = locAbsDiff.div(q.scale);
  const t3 = scaleRatio.mul(locAbsDiff.neg().div(p.scale).exp());
  return t1.add(t2).add(t3).sub(1);
});

registerKl(MultivariateNormal, MultivariateNormal)((p: MultivariateNormal, q: MultivariateNormal) => {
  if (!sameShape(p.eventShape, q.eventShape)) {
    throw new RangeError('torch.distributions.klDivergence: KL-divergence between two Multivariate Normals with different event shapes cannot be computed');
  }
  const halfLogDet = (d: MultivariateNormal): Tensor => d._unbroadcastedScaleTril.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1);
  const halfTerm1 = halfLogDet(q).sub(halfLogDet(p));
  const combined = broadcastShapes(q._unbroadcastedScaleTril.shape.slice(0, -2), p._unbroadcastedScaleTril.shape.slice(0, -2));
  const n = p.eventShape[0];
  const qL = q._unbroadcastedScaleTril.expand([...combined, n, n]);
  const pL = p._unbroadcastedScaleTril.expand([...combined, n, n]);
  const term2 = batchTraceXXT(linalg.solveTriangular(qL, pL, { upper: false }));
  const term3 = batchMahalanobis(q._unbroadcastedScaleTril, q.loc.sub(p.loc));
  return halfTerm1.add(term2.add(term3).sub(n).mul(0.5));
});

registerKl(Normal, Normal)(klNormalNormal);

registerKl(OneHotCategorical, OneHotCategorical)((p: OneHotCategorical, q: OneHotCategorical) => klCategoricalCategorical(p._categorical, q._categorical));

registerKl(Poisson, Poisson)((p: Poisson, q: Poisson) => p.rate.mul(p.rate.log().sub(q.rate.log())).sub(p.rate.sub(q.rate)));

function sameTransforms(p: TransformedDistribution, q: TransformedDistribution): boolean {
  return p.transforms.length === q.transforms.length && p.transforms.every((t, i) => t.equals(q.transforms[i]));
}

registerKl(TransformedDistribution, TransformedDistribution)((p: TransformedDistribution, q: TransformedDistribution) => {
  if (!sameTransforms(p, q) || !sameShape(p.eventShape, q.eventShape)) {
    throw new Error('torch.distributions.klDivergence: KL between TransformedDistributions is implemented only for equal transforms and event shapes');
  }
  return klDivergence(p.baseDist, q.baseDist);
});

registerKl(Uniform, Uniform)((p: Uniform, q: Uniform) => {
  const result = q.high.sub(q.low).div(p.high.sub(p.low)).log();
  result.indexPut_([q.low.gt(p.low).logicalOr(q.high.lt(p.high))], Infinity);
  return result;
});

registerKl(Bernoulli, Poisson)((p: Bernoulli, q: Poisson) => p.entropy().neg().sub(p.probs.mul(q.rate.log()).sub(q.rate)));

registerKl(Beta, Exponential)((p: Beta, q: Exponential) =>
  p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.concentration1.div(p.concentration1.add(p.concentration0)))));

registerKl(Beta, Gamma)((p: Beta, q: Gamma) => {
  const t1 = p.entropy().neg();
  const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
  const t3 = q.concentration.sub(1).mul(p.concentration1.digamma().sub(p.concentration1.add(p.concentration0).digamma()));
  const t4 = q.rate.mul(p.concentration1).div(p.concentration1.add(p.concentration0));
  return t1.add(t2).sub(t3).add(t4);
});

registerKl(Beta, Normal)((p: Beta, q: Normal) => {
  const EBeta = p.concentration1.div(p.concentration1.add(p.concentration0));
  const varNormal = q.scale.pow(2);
  const t1 = p.entropy().neg();
  const t2 = varNormal.mul(2).mul(Math.PI).log().mul(0.5);
  const t3 = EBeta.mul(rsub(1, EBeta)).div(p.concentration1.add(p.concentration0).add(1)).add(EBeta.pow(2)).mul(0.5);
  const t4 = q.loc.mul(EBeta);
  const t5 = q.loc.pow(2).mul(0.5);
  return t1.add(t2).add(t3.sub(t4).add(t5).div(varNormal));
});

registerKl(Beta, Uniform)((p: Beta, q: Uniform) => {
  const result = p.entropy().neg().add(q.high.sub(q.low).log());
  result.indexPut_([q.low.gt(0.0).logicalOr(q.high.lt(1.0))], Infinity);
  return result;
});

const klExponentialInfinity = (p: Exponential): Tensor => infiniteLike(p.rate);
registerKl(Exponential, Beta)(klExponentialInfinity);
registerKl(Exponential, Uniform)(klExponentialInfinity);

registerKl(Exponential, Gamma)((p: Exponential, q: Gamma) => {
  const ratio = q.rate.div(p.rate);
  const t1 = q.concentration.neg().mul(ratio.log());
  return t1.add(ratio).add(q.concentration.lgamma()).add(q.concentration.mul(eulerConstant)).sub(1 + eulerConstant);
});

registerKl(Exponential, Normal)((p: Exponential, q: Normal) => {
  const varNormal = q.scale.pow(2);
  const rateSqr = p.rate.pow(2);
  const t1 = rateSqr.mul(varNormal).mul(2).mul(Math.PI).log().mul(0.5);
  const t2 = rateSqr.reciprocal();
  const t3 = q.loc.div(p.rate);
  const t4 = q.loc.pow(2).mul(0.5);
  return t1.sub(1).add(t2.sub(t3).add(t4).div(varNormal));
});

const klGammaInfinity = (p: Gamma): Tensor => infiniteLike(p.concentration);
registerKl(Gamma, Beta)(klGammaInfinity);
registerKl(Gamma, Uniform)(klGammaInfinity);

registerKl(Gamma, Exponential)((p: Gamma, q: Exponential) =>
  p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.concentration).div(p.rate)));

registerKl(Gamma, Normal)((p: Gamma, q: Normal) => {
  const varNormal = q.scale.pow(2);
  const betaSqr = p.rate.pow(2);
  const t1 = betaSqr.mul(varNormal).mul(2).mul(Math.PI).log().mul(0.5).sub(p.concentration).sub(p.concentration.lgamma());
  const t2 = p.concentration.pow(2).add(p.concentration).mul(0.5).div(betaSqr);
  const t3 = q.loc.mul(p.concentration).div(p.rate);
  const t4 = q.loc.pow(2).mul(0.5);
  return t1.add(p.concentration.sub(1).mul(p.concentration.digamma())).add(t2.sub(t3).add(t4).div(varNormal));
});

const klLaplaceInfinity = (p: Laplace): Tensor => infiniteLike(p.loc);
for (const Q of [Beta, Exponential, Gamma, Uniform]) registerKl(Laplace, Q)(klLaplaceInfinity);

registerKl(Laplace, Normal)((p: Laplace, q: Normal) => {
  const varNormal = q.scale.pow(2);
  const scaleSqrVarRatio = p.scale.pow(2).div(varNormal);
  const t1 = scaleSqrVarRatio.mul(2).div(Math.PI).log().mul(0.5);
  const t2 = p.loc.pow(2).mul(0.5);
  const t3 = p.loc.mul(q.loc);
  const t4 = q.loc.pow(2).mul(0.5);
  return t1.neg().add(scaleSqrVarRatio).add(t2.sub(t3).add(t4).div(varNormal)).sub(1);
});

const klNormalInfinity = (p: Normal): Tensor => infiniteLike(p.loc);
for (const Q of [Beta, Exponential, Gamma, Uniform]) registerKl(Normal, Q)(klNormalInfinity);

registerKl(Normal, Laplace)((p: Normal, q: Laplace) => {
  const locDiff = p.loc.sub(q.loc);
  const scaleRatio = p.scale.div(q.scale);
  const locDiffScaleRatio = locDiff.div(p.scale);
  const t1 = scaleRatio.log();
  const t2 = p.scale.mul(Math.sqrt(2 / Math.PI)).mul(locDiffScaleRatio.pow(2).mul(-0.5).exp());
  const t3 = locDiff.mul(locDiffScaleRatio.mul(Math.sqrt(0.5)).erf());
  return t1.neg().add(t2.add(t3).div(q.scale)).sub(0.5 * (1 + Math.log(0.5 * Math.PI)));
});

const klPoissonInfinity = (p: Poisson): Tensor => infiniteLike(p.rate);
registerKl(Poisson, Bernoulli)(klPoissonInfinity);
registerKl(Poisson, Binomial)(klPoissonInfinity);

registerKl(Uniform, Beta)((p: Uniform, q: Beta) => {
  const common = p.high.sub(p.low);
  const t1 = common.log();
  const t2 = q.concentration1.sub(1).mul(xLogX(p.high).sub(xLogX(p.low)).sub(common)).div(common);
  const t3 = q.concentration0.sub(1).mul(xLogX(rsub(1, p.high)).sub(xLogX(rsub(1, p.low))).add(common)).div(common);
  const t4 = q.concentration1.lgamma().add(q.concentration0.lgamma()).sub(q.concentration1.add(q.concentration0).lgamma());
  const result = t3.add(t4).sub(t1).sub(t2);
  result.indexPut_([p.high.gt(1.0).logicalOr(p.low.lt(0.0))], Infinity);
  return result;
});

registerKl(Uniform, Exponential)((p: Uniform, q: Exponential) => {
  const result = q.rate.mul(p.high.add(p.low)).div(2).sub(p.high.sub(p.low).mul(q.rate).log());
  result.indexPut_([p.low.lt(0.0)], Infinity);
  return result;
});

registerKl(Uniform, Gamma)((p: Uniform, q: Gamma) => {
  const common = p.high.sub(p.low);
  const t1 = common.log();
  const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
  const t3 = rsub(1, q.concentration).mul(xLogX(p.high).sub(xLogX(p.low)).sub(common)).div(common);
  const t4 = q.rate.mul(p.high.add(p.low)).div(2);
  const result = t1.neg().add(t2).add(t3).add(t4);
  result.indexPut_([p.low.lt(0.0)], Infinity);
  return result;
});

registerKl(Uniform, Normal)((p: Uniform, q: Normal) => {
  const common = p.high.sub(p.low);
  const t1 = q.scale.mul(Math.sqrt(Math.PI * 2)).div(common).log();
  const t2 = common.pow(2).div(12);
  const t3 = p.high.add(p.low).sub(q.loc.mul(2)).div(2).pow(2);
  return t1.add(t2.add(t3).mul(0.5).div(q.scale.pow(2)));
});

registerKl(Independent, Independent)((p: Independent, q: Independent) => {
  if (p.reinterpretedBatchNdims !== q.reinterpretedBatchNdims) {
    throw new Error('torch.distributions.klDivergence: KL between Independent distributions needs equal reinterpreted_batch_ndims');
  }
  return sumRightmost(klDivergence(p.baseDist, q.baseDist), p.reinterpretedBatchNdims);
});

registerKl(Cauchy, Cauchy)((p: Cauchy, q: Cauchy) => {
  const t1 = p.scale.add(q.scale).pow(2).add(p.loc.sub(q.loc).pow(2)).log();
  const t2 = p.scale.mul(4).mul(q.scale).log();
  return t1.sub(t2);
});

registerKl(Geometric, Geometric)((p: Geometric, q: Geometric) =>
  p.entropy().neg().sub(q.probs.neg().log1p().div(p.probs)).sub(q.logits));

registerKl(Gumbel, Gumbel)((p: Gumbel, q: Gumbel) => {
  const ct1 = p.scale.div(q.scale);
  const ct2 = q.loc.div(q.scale);
  const ct3 = p.loc.div(q.scale);
  const t1 = ct1.log().neg().sub(ct2).add(ct3);
  const t2 = ct1.mul(eulerConstant);
  const t3 = ct2.add(ct1.add(1).lgamma()).sub(ct3).exp();
  return t1.add(t2).add(t3).sub(1 + eulerConstant);
});

registerKl(HalfNormal, HalfNormal)((p: HalfNormal, q: HalfNormal) => klNormalNormal(p.baseDist as Normal, q.baseDist as Normal));

registerKl(Pareto, Pareto)((p: Pareto, q: Pareto) => {
  const scaleRatio = p.scale.div(q.scale);
  const alphaRatio = q.alpha.div(p.alpha);
  const t1 = q.alpha.mul(scaleRatio.log());
  const t2 = alphaRatio.log().neg();
  const result = t1.add(t2).add(alphaRatio).sub(1);
  result.indexPut_([p.scale.lt(q.scale)], Infinity);
  return result;
});

const klInfinity = (param: (p: any) => Tensor) => (p: any): Tensor => infiniteLike(param(p));  // eslint-disable-line @typescript-eslint/no-explicit-any
registerKl(Beta, Pareto)(klInfinity((p: Beta) => p.concentration1));
registerKl(Exponential, Pareto)(klExponentialInfinity);
registerKl(Gamma, Pareto)(klGammaInfinity);
registerKl(Laplace, Pareto)(klLaplaceInfinity);
registerKl(Normal, Pareto)(klNormalInfinity);
for (const Q of [Beta, Exponential, Gamma, Pareto, Uniform]) registerKl(Gumbel, Q)(klInfinity((p: Gumbel) => p.loc));
for (const Q of [Beta, Uniform]) registerKl(Pareto, Q)(klInfinity((p: Pareto) => p.scale));

registerKl(Exponential, Gumbel)((p: Exponential, q: Gumbel) => {
  const scaleRateProd = p.rate.mul(q.scale);
  const locScaleRatio = q.loc.div(q.scale);
  const t1 = scaleRateProd.log().sub(1);
  const t2 = locScaleRatio.exp().mul(scaleRateProd).div(scaleRateProd.add(1));
  const t3 = scaleRateProd.reciprocal();
  return t1.sub(locScaleRatio).add(t2).add(t3);
});

registerKl(Gamma, Gumbel)((p: Gamma, q: Gumbel) => {
  const betaScaleProd = p.rate.mul(q.scale);
  const locScaleRatio = q.loc.div(q.scale);
  const c = p.concentration;
  const t1 = c.sub(1).mul(c.digamma()).sub(c.lgamma()).sub(c);
  const t2 = betaScaleProd.log().add(c.div(betaScaleProd));
  const t3 = locScaleRatio.exp().mul(betaScaleProd.reciprocal().add(1).pow(c.neg())).sub(locScaleRatio);
  return t1.add(t2).add(t3);
});

registerKl(Gumbel, Normal)((p: Gumbel, q: Normal) => {
  const paramRatio = p.scale.div(q.scale);
  const t1 = paramRatio.div(Math.sqrt(2 * Math.PI)).log();
  const t2 = paramRatio.mul(Math.PI).mul(0.5).pow(2).div(3);
  const t3 = p.loc.add(p.scale.mul(eulerConstant)).sub(q.loc).div(q.scale).pow(2).mul(0.5);
  return t1.neg().add(t2).add(t3).sub(eulerConstant + 1);
});

registerKl(Normal, Gumbel)((p: Normal, q: Gumbel) => {
  const meanScaleRatio = p.loc.div(q.scale);
  const varScaleSqrRatio = p.scale.div(q.scale).pow(2);
  const locScaleRatio = q.loc.div(q.scale);
  const t1 = varScaleSqrRatio.log().mul(0.5);
  const t2 = meanScaleRatio.sub(locScaleRatio);
  const t3 = meanScaleRatio.neg().add(varScaleSqrRatio.mul(0.5)).add(locScaleRatio).exp();
  return t1.neg().add(t2).add(t3).sub(0.5 * (1 + Math.log(2 * Math.PI)));
});

registerKl(Pareto, Exponential)((p: Pareto, q: Exponential) => {
  const scaleRateProd = p.scale.mul(q.rate);
  const t1 = p.alpha.div(scaleRateProd).log();
  const t2 = p.alpha.reciprocal();
  const t3 = p.alpha.mul(scaleRateProd).div(p.alpha.sub(1));
  const result = t1.sub(t2).add(t3).sub(1);
  result.indexPut_([p.alpha.le(1)], Infinity);
  return result;
});

registerKl(Pareto, Gamma)((p: Pareto, q: Gamma) => {
  const common = p.scale.log().add(p.alpha.reciprocal());
  const t1 = p.alpha.log().sub(common);
  const t2 = q.concentration.lgamma().sub(q.concentration.mul(q.rate.log()));
  const t3 = rsub(1, q.concentration).mul(common);
  const t4 = q.rate.mul(p.alpha).mul(p.scale).div(p.alpha.sub(1));
  const result = t1.add(t2).add(t3).add(t4).sub(1);
  result.indexPut_([p.alpha.le(1)], Infinity);
  return result;
});

registerKl(Pareto, Normal)((p: Pareto, q: Normal) => {
  const varNormal = q.scale.pow(2).mul(2);
  const common = p.scale.div(p.alpha.sub(1));
  const t1 = q.scale.mul(Math.sqrt(2 * Math.PI)).mul(p.alpha).div(p.scale).log();
  const t2 = p.alpha.reciprocal();
  const t3 = p.alpha.mul(common.pow(2)).div(p.alpha.sub(2));
  const t4 = p.alpha.mul(common).sub(q.loc).pow(2);
  const result = t1.sub(t2).add(t3.add(t4).div(varNormal)).sub(1);
  result.indexPut_([p.alpha.le(2)], Infinity);
  return result;
});

registerKl(Uniform, Gumbel)((p: Uniform, q: Gumbel) => {
  const common = q.scale.div(p.high.sub(p.low));
  const highLocDiff = p.high.sub(q.loc).div(q.scale);
  const lowLocDiff = p.low.sub(q.loc).div(q.scale);
  const t1 = common.log().add(highLocDiff.add(lowLocDiff).mul(0.5));
  const t2 = common.mul(highLocDiff.neg().exp().sub(lowLocDiff.neg().exp()));
  return t1.sub(t2);
});

registerKl(Uniform, Pareto)((p: Uniform, q: Pareto) => {
  const support = p.high.sub(p.low);
  const t1 = q.alpha.mul(q.scale.pow(q.alpha)).mul(support).log();
  const t2 = xLogX(p.high).sub(xLogX(p.low)).sub(support).div(support);
  const result = t2.mul(q.alpha.add(1)).sub(t1);
  result.indexPut_([p.low.lt(q.scale)], Infinity);
  return result;
});

function sameEvent(p: Distribution, q: Distribution, what: string): void {
  if (!sameShape(p.eventShape, q.eventShape)) {
    throw new RangeError(`torch.distributions.klDivergence: KL-divergence between two ${what} with different event shapes cannot be computed`);
  }
}

const lowrankLogdet = (d: LowRankMultivariateNormal): Tensor => batchLowrankLogdet(d._unbroadcastedCovFactor, d._unbroadcastedCovDiag, d._capacitanceTril);
const mT = (x: Tensor): Tensor => x.transpose(-2, -1);

registerKl(LowRankMultivariateNormal, LowRankMultivariateNormal)((p: LowRankMultivariateNormal, q: LowRankMultivariateNormal) => {
  sameEvent(p, q, 'Low Rank Multivariate Normals');
  const term1 = lowrankLogdet(q).sub(lowrankLogdet(p));
  const term3 = batchLowrankMahalanobis(q._unbroadcastedCovFactor, q._unbroadcastedCovDiag, q.loc.sub(p.loc), q._capacitanceTril);
  const qWtqDinv = mT(q._unbroadcastedCovFactor).div(q._unbroadcastedCovDiag.unsqueeze(-2));
  const A = linalg.solveTriangular(q._capacitanceTril, qWtqDinv, { upper: false });
  const term21 = p._unbroadcastedCovDiag.div(q._unbroadcastedCovDiag).sum(-1);
  const term22 = batchTraceXXT(p._unbroadcastedCovFactor.mul(q._unbroadcastedCovDiag.rsqrt().unsqueeze(-1)));
  const term23 = batchTraceXXT(A.mul(p._unbroadcastedCovDiag.sqrt().unsqueeze(-2)));
  const term24 = batchTraceXXT(A.matmul(p._unbroadcastedCovFactor));
  const term2 = term21.add(term22).sub(term23).sub(term24);
  return term1.add(term2).add(term3).sub(p.eventShape[0]).mul(0.5);
});

registerKl(MultivariateNormal, LowRankMultivariateNormal)((p: MultivariateNormal, q: LowRankMultivariateNormal) => {
  sameEvent(p, q, '(Low Rank) Multivariate Normals');
  const term1 = lowrankLogdet(q).sub(p._unbroadcastedScaleTril.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1).mul(2));
  const term3 = batchLowrankMahalanobis(q._unbroadcastedCovFactor, q._unbroadcastedCovDiag, q.loc.sub(p.loc), q._capacitanceTril);
  const qWtqDinv = mT(q._unbroadcastedCovFactor).div(q._unbroadcastedCovDiag.unsqueeze(-2));
  const A = linalg.solveTriangular(q._capacitanceTril, qWtqDinv, { upper: false });
  const term21 = batchTraceXXT(p._unbroadcastedScaleTril.mul(q._unbroadcastedCovDiag.rsqrt().unsqueeze(-1)));
  const term22 = batchTraceXXT(A.matmul(p._unbroadcastedScaleTril));
  return term1.add(term21.sub(term22)).add(term3).sub(p.eventShape[0]).mul(0.5);
});

registerKl(LowRankMultivariateNormal, MultivariateNormal)((p: LowRankMultivariateNormal, q: MultivariateNormal) => {
  sameEvent(p, q, '(Low Rank) Multivariate Normals');
  const term1 = q._unbroadcastedScaleTril.diagonal({ dim1: -2, dim2: -1 }).log().sum(-1).mul(2).sub(lowrankLogdet(p));
  const term3 = batchMahalanobis(q._unbroadcastedScaleTril, q.loc.sub(p.loc));
  const combined = broadcastShapes(q._unbroadcastedScaleTril.shape.slice(0, -2), p._unbroadcastedCovFactor.shape.slice(0, -2));
  const n = p.eventShape[0];
  const qScaleTril = q._unbroadcastedScaleTril.expand([...combined, n, n]);
  const pCovFactor = p._unbroadcastedCovFactor.expand([...combined, n, p.covFactor.size(-1)]);
  const pCovDiag = diagEmbed(p._unbroadcastedCovDiag.sqrt()).expand([...combined, n, n]);
  const term21 = batchTraceXXT(linalg.solveTriangular(qScaleTril, pCovFactor, { upper: false }));
  const term22 = batchTraceXXT(linalg.solveTriangular(qScaleTril, pCovDiag, { upper: false }));
  return term1.add(term21.add(term22)).add(term3).sub(p.eventShape[0]).mul(0.5);
});

registerKl(ContinuousBernoulli, ContinuousBernoulli)((p: ContinuousBernoulli, q: ContinuousBernoulli) => {
  const t1 = p.mean.mul(p.logits.sub(q.logits));
  const t2 = p._contBernLogNorm().add(p.probs.neg().log1p());
  const t3 = q._contBernLogNorm().neg().sub(q.probs.neg().log1p());
  return t1.add(t2).add(t3);
});

registerKl(Beta, ContinuousBernoulli)((p: Beta, q: ContinuousBernoulli) =>
  p.entropy().neg().sub(p.mean.mul(q.logits)).sub(q.probs.neg().log1p()).sub(q._contBernLogNorm()));

registerKl(ContinuousBernoulli, Pareto)(klInfinity((p: ContinuousBernoulli) => p.probs));

registerKl(ContinuousBernoulli, Exponential)((p: ContinuousBernoulli, q: Exponential) =>
  p.entropy().neg().sub(q.rate.log()).add(q.rate.mul(p.mean)));

registerKl(ContinuousBernoulli, Normal)((p: ContinuousBernoulli, q: Normal) => {
  const t1 = p.entropy().neg();
  const t2 = q.loc.div(q.scale).square().add(Math.log(2.0 * Math.PI)).mul(0.5).add(q.scale.log());
  const t3 = p.variance.add(p.mean.square()).sub(q.loc.mul(2.0).mul(p.mean)).div(q.scale.square().mul(2.0));
  return t1.add(t2).add(t3);
});

registerKl(ContinuousBernoulli, Uniform)((p: ContinuousBernoulli, q: Uniform) => {
  const result = p.entropy().neg().add(q.high.sub(q.low).log());
  return where(q.low.ge(0.0).logicalOr(q.high.le(1.0)), onesLike(result).mul(Infinity), result);
});

registerKl(Uniform, ContinuousBernoulli)((p: Uniform, q: ContinuousBernoulli) => {
  const result = p.entropy().neg().sub(p.mean.mul(q.logits)).sub(q.probs.neg().log1p()).sub(q._contBernLogNorm());
  return where(p.high.ge(1.0).logicalOr(p.low.le(0.0)), onesLike(result).mul(Infinity), result);
});

registerKl(Exponential, ContinuousBernoulli)(klExponentialInfinity);
registerKl(Gamma, ContinuousBernoulli)(klGammaInfinity);
registerKl(Gumbel, ContinuousBernoulli)(klInfinity((p: Gumbel) => p.loc));
registerKl(Laplace, ContinuousBernoulli)(klLaplaceInfinity);
registerKl(Normal, ContinuousBernoulli)(klNormalInfinity);
registerKl(Pareto, ContinuousBernoulli)(klInfinity((p: Pareto) => p.scale));
