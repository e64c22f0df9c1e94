// torch/distributions/negative_binomial.py: failures before totalCount successes (a Gamma-Poisson mixture).
import { Tensor } from '../tensor';
import { poisson } from '../_C/generated/torch';
import { noGrad } from '../autograd';
import { _nn } from '../_C';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Gamma } from './gamma';
import { broadcastAll, logitsToProbs, probsToLogits } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class NegativeBinomial extends Distribution {
  declare totalCount: Tensor;
  declare _param: Tensor;
  declare private _gammaDist: Gamma | undefined;

  constructor(totalCount: Param, probs?: Param | null, logits?: Param | null, opts?: ValidateOptions);
  constructor(opts: { totalCount: Param; probs?: Param | null; logits?: Param | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.NegativeBinomial';
    const a = bind(call, ['totalCount', 'probs', 'logits', 'validateArgs'], args);
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    const given = (a.probs ?? null) !== null ? 'probs' : 'logits';
    const [n, p] = broadcastAll(call, ['total_count', given], required(call, a, 'totalCount'), a[given]);
    this.totalCount = n.to(p.dtype);
    this._lazy = new Map([[given, p]]);
    this._param = p;
    this._init(p.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return { totalCount: constraints.greaterThanEq(0), probs: constraints.halfOpenInterval(0.0, 1.0), logits: constraints.real };
  }
  override get support(): constraints.Constraint { return constraints.nonnegativeInteger; }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }

  get probs(): Tensor { return this.lazyGet('probs', () => logitsToProbs(this.logits, true)); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs, true)); }
  get paramShape(): Shape { return this._param.shape; }

  expand(batchShape: Shape, instance?: NegativeBinomial): NegativeBinomial {
    const fresh = this.checkedInstance(NegativeBinomial, instance, batchShape);
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

  override get mean(): Tensor { return this.totalCount.mul(this.logits.exp()); }
  override get mode(): Tensor { return this.totalCount.sub(1).mul(this.logits.exp()).floor().clamp({ min: 0.0 }); }
  override get variance(): Tensor { return this.mean.div(this.logits.neg().sigmoid()); }

  /** Python's lazy _gamma: the Poisson rate's distribution. */
  get _gamma(): Gamma {
    if (this._gammaDist === undefined) this._gammaDist = new Gamma({ concentration: this.totalCount, rate: this.logits.neg().exp(), validateArgs: false });
    return this._gammaDist;
  }

  override sample(sampleShape: Shape = []): Tensor {
    return noGrad(() => poisson(this._gamma.sample(sampleShape)));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const n = this.totalCount;
    const logUnnormalized = n.mul(_nn.logSigmoid(this.logits.neg())).add(value.mul(_nn.logSigmoid(this.logits)));
    const logNormalization = n.add(value).lgamma().neg().add(value.add(1.0).lgamma()).add(n.lgamma());
    logNormalization.indexPut_([n.add(value).eq(0.0)], 0.0);
    return logUnnormalized.sub(logNormalization);
  }
}
