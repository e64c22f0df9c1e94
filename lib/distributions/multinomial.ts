// torch/distributions/multinomial.py: counts of totalCount draws from a Categorical.
import { Tensor } from '../tensor';
import { int64 } from '../dtype';
import { tensor, zeros, onesLike } from '../creation';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Categorical } from './categorical';
import { Binomial } from './binomial';
import { broadcastAll } from './utils';
import { bind, valueArg, ValidateOptions } from './_args';
import { slice } from '../_indexing';

export class Multinomial extends Distribution {
  declare totalCount: number;
  declare _categorical: Categorical;
  declare _binomial: Binomial;

  constructor(totalCount?: number, probs?: Tensor | null, logits?: Tensor | null, opts?: ValidateOptions);
  constructor(opts: { totalCount?: number; probs?: Tensor | null; logits?: Tensor | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Multinomial';
    const a = bind(call, ['totalCount', 'probs', 'logits', 'validateArgs'], args);
    const n = a.totalCount ?? 1;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`${call}: inhomogeneous total_count is not supported (total_count must be an integer)`);
    this.totalCount = n;
    this._categorical = new Categorical({ probs: a.probs as Tensor | null, logits: a.logits as Tensor | null });
    this._binomial = new Binomial({ totalCount: n, probs: this.probs });
    this._init(this._categorical.batchShape, this._categorical.paramShape.slice(-1), a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support(): constraints.Constraint { return constraints.multinomial(this.totalCount); }

  expand(batchShape: Shape, instance?: Multinomial): Multinomial {
    const fresh = this.checkedInstance(Multinomial, instance, batchShape);
    fresh.totalCount = this.totalCount;
    fresh._categorical = this._categorical.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  get logits(): Tensor { return this._categorical.logits; }
  get probs(): Tensor { return this._categorical.probs; }
  get paramShape(): Shape { return this._categorical.paramShape; }
  override get mean(): Tensor { return this.probs.mul(this.totalCount); }
  override get variance(): Tensor { return this.probs.mul(this.totalCount).mul(this.probs.neg().add(1)); }

  override sample(sampleShape: Shape = []): Tensor {
    let samples = this._categorical.sample([this.totalCount, ...sampleShape]);
    const idx = samples.shape.map((_, i) => i);
    idx.push(idx.shift()!);
    samples = samples.permute(idx);
    const counts = zeros(this.extendedShape(sampleShape), { dtype: int64 });
    counts.scatterAdd_(-1, samples, onesLike(samples));
    return counts.to(this.probs.dtype);
  }

  override entropy(): Tensor {
    const n = tensor(this.totalCount, { dtype: int64 });
    const term1 = this._categorical.entropy().mul(n).sub(n.add(1).lgamma());
    const support = this._binomial.enumerateSupport(false).index(slice(1));
    const binomialProbs = this._binomial.logProb(support).exp();
    const weights = support.add(1).lgamma();
    return term1.add(binomialProbs.mul(weights).sum([0, -1]));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [l, v] = broadcastAll(this.call, ['logits', 'value'], this.logits, value);
    const logits = l.clone();
    const logFactorialN = v.sum(-1).add(1).lgamma();
    const logFactorialXs = v.add(1).lgamma().sum(-1);
    logits.indexPut_([v.eq(0).logicalAnd(logits.eq(-Infinity))], 0);
    return logFactorialN.sub(logFactorialXs).add(logits.mul(v).sum(-1));
  }

  /** Python's __dict__ holds total_count and the inner distributions, so repr shows no parameters. */
  protected override reprParams(): string[] { return []; }
}
