// torch/distributions/von_mises.py: a circular distribution; loc and values are angles modulo 2 pi.
import { Tensor } from '../tensor';
import { empty, rand, zeros } from '../creation';
import { bool as boolDtype } from '../dtype';
import { where } from '../functions';
import { rsub } from '../_C/generated/torch';
import { noGrad } from '../autograd';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastAll, pyFormat } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';
import * as v from '../validate';

/** _eval_poly: Horner's rule, highest coefficient first, as Python pops them. */
function evalPoly(y: Tensor, coef: readonly number[]): Tensor {
  const c = [...coef];
  let result: Tensor | number = c.pop()!;
  while (c.length) result = y.mul(result).add(c.pop()!);
  return result as Tensor;
}

const I0_COEF_SMALL = [1.0, 3.5156229, 3.0899424, 1.2067492, 0.2659732, 0.360768e-1, 0.45813e-2];
const I0_COEF_LARGE = [0.39894228, 0.1328592e-1, 0.225319e-2, -0.157565e-2, 0.916281e-2, -0.2057706e-1, 0.2635537e-1, -0.1647633e-1, 0.392377e-2];
const I1_COEF_SMALL = [0.5, 0.87890594, 0.51498869, 0.15084934, 0.2658733e-1, 0.301532e-2, 0.32411e-3];
const I1_COEF_LARGE = [0.39894228, -0.3988024e-1, -0.362018e-2, 0.163801e-2, -0.1031555e-1, 0.2282967e-1, -0.2895312e-1, 0.1787654e-1, -0.420059e-2];
const COEF_SMALL = [I0_COEF_SMALL, I1_COEF_SMALL];
const COEF_LARGE = [I0_COEF_LARGE, I1_COEF_LARGE];

/** _log_modified_bessel_fn: log(I_order(x)) for x > 0, order 0 or 1. */
function logModifiedBesselFn(x: Tensor, order: 0 | 1 = 0): Tensor {
  let y = x.div(3.75);
  y = y.mul(y);
  let small = evalPoly(y, COEF_SMALL[order]);
  if (order === 1) small = x.abs().mul(small);
  small = small.log();
  // Python's 3.75 / x is x.reciprocal() * 3.75 (Tensor.__rtruediv__).
  y = x.reciprocal().mul(3.75);
  const large = x.sub(x.log().mul(0.5)).add(evalPoly(y, COEF_LARGE[order]).log());
  return where(x.lt(3.75), small, large);
}

/** _rejection_sample: Best & Fisher's sampler; draws 3 uniforms per element until every element is accepted. */
function rejectionSample(loc: Tensor, concentration: Tensor, proposalR: Tensor, x: Tensor): Tensor {
  let done = zeros(x.shape, { dtype: boolDtype });
  while (!done.all().item()) {
    const u = rand([3, ...x.shape], { dtype: loc.dtype });
    const [u1, u2, u3] = u.unbind();
    const z = u1.mul(Math.PI).cos();
    const f = proposalR.mul(z).add(1).div(proposalR.add(z));
    const c = concentration.mul(proposalR.sub(f));
    const accept = c.mul(rsub(c, 2)).sub(u2).gt(0).bitwiseOr(c.div(u2).log().add(1).sub(c).ge(0));
    if (accept.any().item()) {
      x = where(accept, u3.sub(0.5).sign().mul(f.acos()), x);
      done = done.bitwiseOr(accept);
    }
  }
  return x.add(Math.PI).add(loc).remainder(2 * Math.PI).sub(Math.PI);
}

export class VonMises extends Distribution {
  declare loc: Tensor;
  declare concentration: Tensor;
  declare _proposalR: Tensor;

  constructor(loc: Param, concentration: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; concentration: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.VonMises';
    const a = bind(call, ['loc', 'concentration', 'validateArgs'], args);
    [this.loc, this.concentration] = broadcastAll(call, ['loc', 'concentration'], required(call, a, 'loc'), required(call, a, 'concentration'));
    // Parameters for sampling
    const tau = this.concentration.pow(2).mul(4).add(1).sqrt().add(1);
    const rho = tau.sub(tau.mul(2).sqrt()).div(this.concentration.mul(2));
    this._proposalR = rho.pow(2).add(1).div(rho.mul(2));
    this._init(this.loc.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, concentration: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const logProb = this.concentration.mul(value.sub(this.loc).cos());
    return logProb.sub(Math.log(2 * Math.PI)).sub(logModifiedBesselFn(this.concentration, 0));
  }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    // Where the proposal is not finite (concentration 0, NaN, infinite, or so small that float32 rounds
    // 1 + 4 * concentration ** 2 to 1) no draw is ever accepted: Python 1.13 loops forever.
    if (!this._proposalR.isfinite().all().item()) {
      throw new RangeError(`${this.call}.sample: the rejection sampler can accept no sample: concentration must be positive and finite, and not so small that the proposal is infinite in ${this.loc.dtype}, got ${pyFormat(this.concentration)}`);
    }
    return noGrad(() => rejectionSample(this.loc, this.concentration, this._proposalR, empty(shape, { dtype: this.loc.dtype })));
  }

  /** Python's expand has no _instance: the base class's raises, so it builds a new instance of this class. */
  expand(batchShape: Shape): VonMises {
    v.ints(`${this.call}.expand`, 'batch_shape', batchShape, 0);
    const cls = this.constructor as new (loc: Tensor, concentration: Tensor, opts?: ValidateOptions) => VonMises;
    return new cls(this.loc.expand(batchShape), this.concentration.expand(batchShape), { validateArgs: this._validateArgs });
  }

  /** The circular mean. */
  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }

  /** The circular variance (a lazy_property in Python). */
  override get variance(): Tensor {
    return this.lazyGet('variance', () => rsub(logModifiedBesselFn(this.concentration, 1).sub(logModifiedBesselFn(this.concentration, 0)).exp(), 1));
  }
}
