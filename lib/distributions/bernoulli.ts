// torch/distributions/bernoulli.py
import { Tensor } from '../tensor';
import { bernoulli } from '../_C/generated/torch';
import { arange } from '../creation';
import { noGrad } from '../autograd';
import { binaryCrossEntropyWithLogits } from '../nn/functional';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { broadcastAll, logitsToProbs, probsToLogits } from './utils';
import { bind, valueArg, Param, ValidateOptions } from './_args';

export class Bernoulli extends ExponentialFamily {
  declare _param: Tensor;

  constructor(probs?: Param | null, logits?: Param | null, opts?: ValidateOptions);
  constructor(opts: { probs?: Param | null; logits?: Param | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Bernoulli';
    const a = bind(call, ['probs', 'logits', 'validateArgs'], args);
    const given = (a.probs ?? null) !== null ? 'probs' : 'logits';
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    this._lazy = new Map();
    const [p] = broadcastAll(call, [given], a[given]);
    this._lazy.set(given, p);
    this._param = p;
    this._init(typeof a[given] === 'number' ? [] : p.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.boolean; }
  override get hasEnumerateSupport(): boolean { return true; }
  override get _meanCarrierMeasure(): number { return 0; }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }

  get probs(): Tensor { return this.lazyGet('probs', () => logitsToProbs(this.logits, true)); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs, true)); }
  get paramShape(): Shape { return this._param.shape; }

  expand(batchShape: Shape, instance?: Bernoulli): Bernoulli {
    const fresh = this.checkedInstance(Bernoulli, instance, batchShape);
    for (const k of ['probs', 'logits']) {
      const t = this._lazy.get(k);
      if (t) {
        fresh._lazy.set(k, t.expand(batchShape));
        fresh._param = fresh._lazy.get(k)!;
      }
    }
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.probs; }
  override get mode(): Tensor {
    const mode = this.probs.ge(0.5).to(this.probs.dtype);
    mode.indexPut_([this.probs.eq(0.5)], NaN);
    return mode;
  }
  override get variance(): Tensor { return this.probs.mul(this.probs.neg().add(1)); }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return noGrad(() => bernoulli(this.probs.expand(shape)));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [logits, v] = broadcastAll(this.call, ['logits', 'value'], this.logits, value);
    return binaryCrossEntropyWithLogits(logits, v, { reduction: 'none' }).neg();
  }

  override entropy(): Tensor {
    return binaryCrossEntropyWithLogits(this.logits, this.probs, { reduction: 'none' });
  }

  override enumerateSupport(expand = true): Tensor {
    let values = arange(2, { dtype: this._param.dtype });
    values = values.view([-1, ...this._batchShape.map(() => 1)]);
    return expand ? values.expand([-1, ...this._batchShape]) : values;
  }

  override get _naturalParams(): Tensor[] { return [this.probs.div(this.probs.neg().add(1)).log()]; }
  override _logNormalizer(x: Tensor): Tensor { return x.exp().add(1).log(); }
}
