// torch/distributions/geometric.py: the number of failures before the first success.
import { Tensor } from '../tensor';
import { empty, zerosLike } from '../creation';
import { noGrad } from '../autograd';
import { binaryCrossEntropyWithLogits } from '../nn/functional';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastAll, finfo, logitsToProbs, probsToLogits, pyFormat, shapeRepr } from './utils';
import { bind, valueArg, Param, ValidateOptions } from './_args';

export class Geometric extends Distribution {
  constructor(probs?: Param | null, logits?: Param | null, opts?: ValidateOptions);
  constructor(opts: { probs?: Param | null; logits?: Param | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Geometric';
    const a = bind(call, ['probs', 'logits', 'validateArgs'], args);
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    const given = (a.probs ?? null) !== null ? 'probs' : 'logits';
    const [p] = broadcastAll(call, [given], a[given]);
    this._lazy = new Map([[given, p]]);
    this._init(typeof a[given] === 'number' ? [] : p.shape, [], a.validateArgs as boolean | undefined);
    if (this._validateArgs && given === 'probs') {
      const valid = p.gt(0);
      if (!valid.all().item()) {
        throw new RangeError(`${call}: Expected parameter probs (Tensor of shape ${shapeRepr(p.shape)}) of distribution ${this} ` +
          `to be positive but found invalid values:\n${pyFormat(p.detach().index(valid.logicalNot()))}`);
      }
    }
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.nonnegativeInteger; }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }

  get probs(): Tensor { return this.lazyGet('probs', () => logitsToProbs(this.logits, true)); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs, true)); }

  expand(batchShape: Shape, instance?: Geometric): Geometric {
    const fresh = this.checkedInstance(Geometric, instance, batchShape);
    for (const [k, t] of this._lazy) if (k === 'probs' || k === 'logits') fresh._lazy.set(k, t.expand(batchShape));
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.probs.reciprocal().sub(1.0); }
  override get mode(): Tensor { return zerosLike(this.probs); }
  override get variance(): Tensor { return this.probs.reciprocal().sub(1.0).div(this.probs); }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const tiny = finfo(this.probs.dtype).tiny;
    return noGrad(() => {
      const u = empty(shape, { dtype: this.probs.dtype }).uniform_(tiny, 1);
      return u.log().div(this.probs.neg().log1p()).floor();
    });
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [v, p] = broadcastAll(this.call, ['value', 'probs'], value, this.probs);
    const probs = p.clone();
    probs.indexPut_([probs.eq(1).logicalAnd(v.eq(0))], 0);
    return v.mul(probs.neg().log1p()).add(this.probs.log());
  }

  override entropy(): Tensor {
    return binaryCrossEntropyWithLogits(this.logits, this.probs, { reduction: 'none' }).div(this.probs);
  }
}
