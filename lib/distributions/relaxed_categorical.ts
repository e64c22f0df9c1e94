// torch/distributions/relaxed_categorical.py: the Concrete / Gumbel-softmax relaxation of a one-hot Categorical.
import { Tensor, isTensor } from '../tensor';
import { rand, tensor, fullLike } from '../creation';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Categorical } from './categorical';
import { TransformedDistribution } from './transformed_distribution';
import { ExpTransform } from './transforms';
import { broadcastAll, clampProbs } from './utils';
import { bind, required, valueArg, ValidateOptions } from './_args';

type RelaxedOptions = { probs?: Tensor | null; logits?: Tensor | null } & ValidateOptions;

export class ExpRelaxedCategorical extends Distribution {
  declare temperature: Tensor | number;
  declare _categorical: Categorical;

  constructor(temperature: Tensor | number, probs?: Tensor | null, logits?: Tensor | null, opts?: ValidateOptions);
  constructor(temperature: Tensor | number, opts: RelaxedOptions);
  constructor(opts: { temperature: Tensor | number } & RelaxedOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.ExpRelaxedCategorical';
    const a = bind(call, ['temperature', 'probs', 'logits', 'validateArgs'], args);
    const temperature = required(call, a, 'temperature');
    if (!isTensor(temperature) && typeof temperature !== 'number') throw new TypeError(`${call}: temperature must be a Tensor or a number`);
    this._categorical = new Categorical({ probs: a.probs as Tensor | null, logits: a.logits as Tensor | null });
    this.temperature = temperature;
    this._init(this._categorical.batchShape, this._categorical.paramShape.slice(-1), a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support(): constraints.Constraint { return constraints.realVector; }
  override get hasRsample(): boolean { return true; }
  get paramShape(): Shape { return this._categorical.paramShape; }
  get logits(): Tensor { return this._categorical.logits; }
  get probs(): Tensor { return this._categorical.probs; }

  expand(batchShape: Shape, instance?: ExpRelaxedCategorical): ExpRelaxedCategorical {
    const fresh = this.checkedInstance(ExpRelaxedCategorical, instance, batchShape);
    fresh.temperature = this.temperature;
    fresh._categorical = this._categorical.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const uniforms = clampProbs(rand(shape, { dtype: this.logits.dtype }));
    const gumbels = uniforms.log().neg().log().neg();
    const scores = this.logits.add(gumbels).div(this.temperature);
    return scores.sub(scores.logsumexp(-1, true));
  }

  override logProb(value: Tensor): Tensor {
    const K = this._categorical._numEvents;
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [logits, v] = broadcastAll(this.call, ['logits', 'value'], this.logits, value);
    const t = isTensor(this.temperature) ? this.temperature : tensor(this.temperature, { dtype: logits.dtype });
    const logScale = fullLike(t, K).lgamma().sub(t.log().mul(-(K - 1)));
    let score = logits.sub(v.mul(t));
    score = score.sub(score.logsumexp(-1, true)).sum(-1);
    return score.add(logScale);
  }

  /** Python's __dict__ holds temperature and _categorical, so repr shows no parameters. */
  protected override reprParams(): string[] { return []; }
}

export class RelaxedOneHotCategorical extends TransformedDistribution {
  constructor(temperature: Tensor | number, probs?: Tensor | null, logits?: Tensor | null, opts?: ValidateOptions);
  constructor(temperature: Tensor | number, opts: RelaxedOptions);
  constructor(opts: { temperature: Tensor | number } & RelaxedOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.RelaxedOneHotCategorical';
    const a = bind(call, ['temperature', 'probs', 'logits', 'validateArgs'], args);
    const validateArgs = a.validateArgs as boolean | undefined;
    const base = new ExpRelaxedCategorical(required(call, a, 'temperature') as Tensor | number, { probs: a.probs as Tensor | null, logits: a.logits as Tensor | null, validateArgs });
    super(base, new ExpTransform(), { validateArgs });
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.simplex, logits: constraints.realVector }; }
  override get support(): constraints.Constraint { return constraints.simplex; }
  override get hasRsample(): boolean { return true; }
  override expand(batchShape: Shape, instance?: RelaxedOneHotCategorical): RelaxedOneHotCategorical {
    return super.expand(batchShape, this.checkedInstance(RelaxedOneHotCategorical, instance, batchShape)) as RelaxedOneHotCategorical;
  }
  get temperature(): Tensor | number { return (this.baseDist as ExpRelaxedCategorical).temperature; }
  get logits(): Tensor { return (this.baseDist as ExpRelaxedCategorical).logits; }
  get probs(): Tensor { return (this.baseDist as ExpRelaxedCategorical).probs; }
}
