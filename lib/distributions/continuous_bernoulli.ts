// torch/distributions/continuous_bernoulli.py: the [0, 1] density proportional to p^x (1-p)^(1-x), with
// Taylor expansions inside the numerically unstable region around p = 1/2 (lims).
import { Tensor } from '../tensor';
import { rand, onesLike, zerosLike } from '../creation';
import { where } from '../functions';
import { noGrad } from '../autograd';
import { binaryCrossEntropyWithLogits } from '../nn/functional';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { broadcastAll, clampProbs, logitsToProbs, probsToLogits } from './utils';
import { bind, valueArg, Param, ValidateOptions } from './_args';

type Lims = [number, number];

export class ContinuousBernoulli extends ExponentialFamily {
  declare _param: Tensor;
  declare _lims: Lims;

  constructor(probs?: Param | null, logits?: Param | null, lims?: Lims, opts?: ValidateOptions);
  constructor(opts: { probs?: Param | null; logits?: Param | null; lims?: Lims } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.ContinuousBernoulli';
    const a = bind(call, ['probs', 'logits', 'lims', 'validateArgs'], args);
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    const given = (a.probs ?? null) !== null ? 'probs' : 'logits';
    let [p] = broadcastAll(call, [given], a[given]);
    if (given === 'probs') {
      // Python checks probs here only when validate_args is given, before clamping them.
      if (a.validateArgs !== undefined && a.validateArgs !== null && !constraints.unitInterval.check(p).all().item()) {
        throw new RangeError(`${call}: The parameter probs has invalid values`);
      }
      p = clampProbs(p);
    }
    this._lazy = new Map([[given, p]]);
    this._param = p;
    const lims = a.lims === undefined ? [0.499, 0.501] : a.lims;
    if (!Array.isArray(lims) || lims.length !== 2 || !lims.every((x) => typeof x === 'number')) throw new TypeError(`${call}: lims must be a pair of numbers`);
    this._lims = [lims[0], lims[1]];
    this._init(typeof a[given] === 'number' ? [] : p.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.unitInterval; }
  override get hasRsample(): boolean { return true; }
  override get _meanCarrierMeasure(): number { return 0; }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }

  get probs(): Tensor { return this.lazyGet('probs', () => clampProbs(logitsToProbs(this.logits, true))); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs, true)); }
  get paramShape(): Shape { return this._param.shape; }

  expand(batchShape: Shape, instance?: ContinuousBernoulli): ContinuousBernoulli {
    const fresh = this.checkedInstance(ContinuousBernoulli, instance, batchShape);
    fresh._lims = this._lims;
    for (const k of ['probs', 'logits']) {
      const t = this._lazy.get(k);
      if (t) {
        fresh._lazy.set(k, t.expand(batchShape));
        fresh._param = fresh._lazy.get(k)!;
      }
    }
    return this.finishExpand(fresh, batchShape);
  }

  private outsideUnstableRegion(): Tensor {
    return this.probs.le(this._lims[0]).logicalOr(this.probs.gt(this._lims[1]));
  }

  private cutProbs(): Tensor {
    return where(this.outsideUnstableRegion(), this.probs, onesLike(this.probs).mul(this._lims[0]));
  }

  _contBernLogNorm(): Tensor {
    const cut = this.cutProbs();
    const below = where(cut.le(0.5), cut, zerosLike(cut));
    const above = where(cut.ge(0.5), cut, onesLike(cut));
    const logNorm = cut.neg().log1p().sub(cut.log()).abs().log()
      .sub(where(cut.le(0.5), below.mul(-2.0).log1p(), above.mul(2.0).sub(1.0).log()));
    const x = this.probs.sub(0.5).pow(2);
    const taylor = x.mul(104.0 / 45.0).add(4.0 / 3.0).mul(x).add(Math.log(2.0));
    return where(this.outsideUnstableRegion(), logNorm, taylor);
  }

  override get mean(): Tensor {
    const cut = this.cutProbs();
    const mus = cut.div(cut.mul(2.0).sub(1.0)).add(cut.neg().log1p().sub(cut.log()).reciprocal());
    const x = this.probs.sub(0.5);
    const taylor = x.pow(2).mul(16.0 / 45.0).add(1.0 / 3.0).mul(x).add(0.5);
    return where(this.outsideUnstableRegion(), mus, taylor);
  }

  override get stddev(): Tensor { return this.variance.sqrt(); }

  override get variance(): Tensor {
    const cut = this.cutProbs();
    const vars = cut.mul(cut.sub(1.0)).div(cut.mul(-2.0).add(1.0).pow(2)).add(cut.neg().log1p().sub(cut.log()).pow(2).reciprocal());
    const x = this.probs.sub(0.5).pow(2);
    const taylor = x.mul(128.0 / 945.0).neg().add(1.0 / 15.0).mul(x).neg().add(1.0 / 12.0);
    return where(this.outsideUnstableRegion(), vars, taylor);
  }

  override sample(sampleShape: Shape = []): Tensor {
    const u = rand(this.extendedShape(sampleShape), { dtype: this.probs.dtype });
    return noGrad(() => this.icdf(u));
  }

  override rsample(sampleShape: Shape = []): Tensor {
    return this.icdf(rand(this.extendedShape(sampleShape), { dtype: this.probs.dtype }));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [logits, x] = broadcastAll(this.call, ['logits', 'value'], this.logits, value);
    return binaryCrossEntropyWithLogits(logits, x, { reduction: 'none' }).neg().add(this._contBernLogNorm());
  }

  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    valueArg(`${this.call}.cdf`, value);
    const cut = this.cutProbs();
    const cdfs = cut.pow(value).mul(cut.neg().add(1.0).pow(value.neg().add(1.0))).add(cut).sub(1.0).div(cut.mul(2.0).sub(1.0));
    const unbounded = where(this.outsideUnstableRegion(), cdfs, value);
    return where(value.le(0.0), zerosLike(value), where(value.ge(1.0), onesLike(value), unbounded));
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    const cut = this.cutProbs();
    const inside = cut.neg().add(value.mul(cut.mul(2.0).sub(1.0))).log1p().sub(cut.neg().log1p()).div(cut.log().sub(cut.neg().log1p()));
    return where(this.outsideUnstableRegion(), inside, value);
  }

  override entropy(): Tensor {
    const logProbs0 = this.probs.neg().log1p();
    const logProbs1 = this.probs.log();
    return this.mean.mul(logProbs0.sub(logProbs1)).sub(this._contBernLogNorm()).sub(logProbs0);
  }

  override get _naturalParams(): Tensor[] { return [this.logits]; }
  override _logNormalizer(x: Tensor): Tensor {
    const outside = x.le(this._lims[0] - 0.5).logicalOr(x.gt(this._lims[1] - 0.5));
    const cut = where(outside, x, onesLike(x).mul(this._lims[0] - 0.5));
    const logNorm = cut.exp().sub(1.0).abs().log().sub(cut.abs().log());
    const taylor = x.mul(0.5).add(x.pow(2).div(24.0)).sub(x.pow(4).div(2880.0));
    return where(outside, logNorm, taylor);
  }
}
