// torch/distributions/binomial.py
import { Tensor } from '../tensor';
import { binomial } from '../_C/generated/torch';
import { arange } from '../creation';
import { noGrad } from '../autograd';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastAll, logitsToProbs, probsToLogits } from './utils';
import { bind, valueArg, Param, ValidateOptions } from './_args';

function clampByZero(x: Tensor): Tensor {
  return x.clamp({ min: 0 }).add(x).sub(x.clamp({ max: 0 })).div(2);
}

export class Binomial extends Distribution {
  declare totalCount: Tensor;
  declare _param: Tensor;

  constructor(totalCount?: Param, probs?: Param | null, logits?: Param | null, opts?: ValidateOptions);
  constructor(opts: { totalCount?: Param; probs?: Param | null; logits?: Param | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Binomial';
    const a = bind(call, ['totalCount', 'probs', 'logits', 'validateArgs'], args);
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    const given = (a.probs ?? null) !== null ? 'probs' : 'logits';
    const [n, p] = broadcastAll(call, ['total_count', given], a.totalCount ?? 1, a[given]);
    this.totalCount = n.to(p.dtype);
    this._lazy = new Map([[given, p]]);
    this._param = p;
    this._init(p.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return { totalCount: constraints.nonnegativeInteger, probs: constraints.unitInterval, logits: constraints.real };
  }
  override get hasEnumerateSupport(): boolean { return true; }
  override get support(): constraints.Constraint { return constraints.integerInterval(0, this.totalCount); }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }

  get probs(): Tensor { return this.lazyGet('probs', () => logitsToProbs(this.logits, true)); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs, true)); }
  get paramShape(): Shape { return this._param.shape; }

  expand(batchShape: Shape, instance?: Binomial): Binomial {
    const fresh = this.checkedInstance(Binomial, instance, batchShape);
    fresh.totalCount = this.totalCount.expand(batchShape);
    for (const k of ['probs', 'logits']) {
      const t = this._lazy.get(k);
      if (t) {
        fresh._lazy.set(k, t.expand(batchShape));
        fresh._param = fresh._lazy.get(k)!;
      }
    }
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.totalCount.mul(this.probs); }
  override get mode(): Tensor { return this.totalCount.add(1).mul(this.probs).floor().clampMax(this.totalCount); }
  override get variance(): Tensor { return this.totalCount.mul(this.probs).mul(this.probs.neg().add(1)); }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return noGrad(() => binomial(this.totalCount.expand(shape), this.probs.expand(shape)));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const n = this.totalCount;
    const logFactorialN = n.add(1).lgamma();
    const logFactorialK = value.add(1).lgamma();
    const logFactorialNmk = n.sub(value).add(1).lgamma();
    const normalizeTerm = n.mul(clampByZero(this.logits)).add(n.mul(this.logits.abs().neg().exp().log1p())).sub(logFactorialN);
    return value.mul(this.logits).sub(logFactorialK).sub(logFactorialNmk).sub(normalizeTerm);
  }

  /** The single total count that entropy and enumerate_support need. */
  private homogeneousCount(what: string): number {
    const total = Math.trunc(this.totalCount.max().item() as number);
    if (this.totalCount.min().item() !== total) throw new Error(`${this.call}.${what}: Inhomogeneous total count not supported by \`${what}\`.`);
    return total;
  }

  override entropy(): Tensor {
    this.homogeneousCount('entropy');
    const logProb = this.logProb(this.enumerateSupport(false));
    return logProb.exp().mul(logProb).sum(0).neg();
  }

  override enumerateSupport(expand = true): Tensor {
    const total = this.homogeneousCount('enumerate_support');
    const values = arange(1 + total, { dtype: this._param.dtype }).view([-1, ...this._batchShape.map(() => 1)]);
    return expand ? values.expand([-1, ...this._batchShape]) : values;
  }
}
