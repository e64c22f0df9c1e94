// torch/distributions/categorical.py
import { Tensor } from '../tensor';
import { int64 } from '../dtype';
import { multinomial } from '../_C/generated/torch';
import { full, arange } from '../creation';
import { slice } from '../_indexing';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastTensors, finfo, logitsToProbs, probsToLogits } from './utils';
import { bind, tensorParam, valueArg, ValidateOptions } from './_args';

export class Categorical extends Distribution {
  declare _param: Tensor;
  declare _numEvents: number;

  constructor(probs?: Tensor | null, logits?: Tensor | null, opts?: ValidateOptions);
  constructor(opts: { probs?: Tensor | null; logits?: Tensor | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `torch.distributions.${new.target.name}`;
    const a = bind(call, ['probs', 'logits', 'validateArgs'], args);
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    this._lazy = new Map();
    if ((a.probs ?? null) !== null) {
      const probs = tensorParam(call, 'probs', a.probs);
      if (probs.dim() < 1) throw new RangeError(`${call}: \`probs\` parameter must be at least one-dimensional.`);
      this._lazy.set('probs', probs.div(probs.sum(-1, true)));
      this._param = this._lazy.get('probs')!;
    } else {
      const logits = tensorParam(call, 'logits', a.logits);
      if (logits.dim() < 1) throw new RangeError(`${call}: \`logits\` parameter must be at least one-dimensional.`);
      this._lazy.set('logits', logits.sub(logits.logsumexp(-1, true)));
      this._param = this._lazy.get('logits')!;
    }
    const shape = this._param.shape;
    this._numEvents = shape[shape.length - 1];
    this._init(shape.length > 1 ? shape.slice(0, -1) : [], [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get hasEnumerateSupport(): boolean { return true; }
  override get support(): constraints.Constraint { return constraints.integerInterval(0, this._numEvents - 1); }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }

  get probs(): Tensor { return this.lazyGet('probs', () => logitsToProbs(this.logits)); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs)); }
  get paramShape(): Shape { return this._param.shape; }

  expand(batchShape: Shape, instance?: Categorical): Categorical {
    const fresh = this.checkedInstance(Categorical, instance, batchShape);
    for (const k of ['probs', 'logits']) {
      const t = this._lazy.get(k);
      if (t) {
        fresh._lazy.set(k, t.expand([...batchShape, this._numEvents]));
        fresh._param = fresh._lazy.get(k)!;
      }
    }
    fresh._numEvents = this._numEvents;
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return full(this.extendedShape(), NaN, { dtype: this.probs.dtype }); }
  override get mode(): Tensor { return this.probs.argmax(-1); }
  override get variance(): Tensor { return full(this.extendedShape(), NaN, { dtype: this.probs.dtype }); }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const n = sampleShape.reduce((x, y) => x * y, 1);
    const probs2d = this.probs.reshape(-1, this._numEvents);
    return multinomial(probs2d, n, true).t().reshape(shape);
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [v, logPmf] = broadcastTensors(value.to(int64).unsqueeze(-1), this.logits);
    return logPmf.gather(-1, v.index('...', slice(null, 1))).squeeze(-1);
  }

  override entropy(): Tensor {
    const logits = this.logits.clamp({ min: finfo(this.logits.dtype).min });
    return logits.mul(this.probs).sum(-1).neg();
  }

  override enumerateSupport(expand = true): Tensor {
    const values = arange(this._numEvents, { dtype: int64 }).view([-1, ...this._batchShape.map(() => 1)]);
    return expand ? values.expand([-1, ...this._batchShape]) : values;
  }
}
