// torch/distributions/one_hot_categorical.py
import { Tensor } from '../tensor';
import { eye } from '../creation';
import { _nn } from '../_C';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Categorical } from './categorical';
import { bind, valueArg, ValidateOptions } from './_args';

export class OneHotCategorical extends Distribution {
  declare _categorical: Categorical;

  constructor(probs?: Tensor | null, logits?: Tensor | null, opts?: ValidateOptions);
  constructor(opts: { probs?: Tensor | null; logits?: Tensor | null } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const a = bind(`torch.distributions.${new.target.name}`, ['probs', 'logits', 'validateArgs'], args);
    // Python builds the inner Categorical with the default validation, whatever validate_args says.
    this._categorical = new Categorical(a.probs as Tensor | null, a.logits as Tensor | null);
    const ps = this._categorical.paramShape;
    this._init(this._categorical.batchShape, ps.slice(-1), a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support(): constraints.Constraint { return constraints.oneHot; }
  override get hasEnumerateSupport(): boolean { return true; }

  expand(batchShape: Shape, instance?: OneHotCategorical): OneHotCategorical {
    const fresh = this.checkedInstance(OneHotCategorical, instance, batchShape);
    fresh._categorical = this._categorical.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  get _param(): Tensor { return this._categorical._param; }
  get probs(): Tensor { return this._categorical.probs; }
  get logits(): Tensor { return this._categorical.logits; }
  get paramShape(): Shape { return this._categorical.paramShape; }
  override get mean(): Tensor { return this._categorical.probs; }
  override get mode(): Tensor {
    const probs = this._categorical.probs;
    return _nn.oneHot(probs.argmax(-1), probs.shape[probs.dim() - 1]).to(probs.dtype);
  }
  override get variance(): Tensor { return this._categorical.probs.mul(this._categorical.probs.neg().add(1)); }

  override sample(sampleShape: Shape = []): Tensor {
    const probs = this._categorical.probs;
    const indices = this._categorical.sample(sampleShape);
    return _nn.oneHot(indices, this._categorical._numEvents).to(probs.dtype);
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    return this._categorical.logProb(value.max(-1)[1]);
  }

  override entropy(): Tensor { return this._categorical.entropy(); }

  override enumerateSupport(expand = true): Tensor {
    const n = this._eventShape[0];
    const values = eye(n, { dtype: this._param.dtype }).view([n, ...this._batchShape.map(() => 1), n]);
    return expand ? values.expand([n, ...this._batchShape, n]) : values;
  }

  /** Python's __dict__ holds _categorical only, so repr shows no parameters. */
  protected override reprParams(): string[] { return []; }
}

/** OneHotCategorical whose rsample passes the gradient of probs straight through the one-hot sample. */
export class OneHotCategoricalStraightThrough extends OneHotCategorical {
  override get hasRsample(): boolean { return true; }
  override rsample(sampleShape: Shape = []): Tensor {
    const samples = this.sample(sampleShape);
    const probs = this._categorical.probs;
    return samples.add(probs.sub(probs.detach()));
  }
}
