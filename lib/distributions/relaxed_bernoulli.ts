// torch/distributions/relaxed_bernoulli.py: the Concrete / Gumbel-sigmoid relaxation of a Bernoulli.
import { Tensor, isTensor } from '../tensor';
import { rand, tensor } from '../creation';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { TransformedDistribution } from './transformed_distribution';
import { SigmoidTransform } from './transforms';
import { broadcastAll, clampProbs, logitsToProbs, probsToLogits } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

type RelaxedOptions = { probs?: Param | null; logits?: Param | null } & ValidateOptions;

export class LogitRelaxedBernoulli extends Distribution {
  declare temperature: Tensor | number;
  declare _param: Tensor;

  constructor(temperature: Tensor | number, probs?: Param | null, logits?: Param | null, opts?: ValidateOptions);
  constructor(temperature: Tensor | number, opts: RelaxedOptions);
  constructor(opts: { temperature: Tensor | number } & RelaxedOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `torch.distributions.${new.target.name}`;
    const a = bind(call, ['temperature', 'probs', 'logits', 'validateArgs'], args);
    const temperature = required(call, a, 'temperature');
    if (!isTensor(temperature) && typeof temperature !== 'number') throw new TypeError(`${call}: temperature must be a Tensor or a number`);
    this.temperature = temperature;
    if (((a.probs ?? null) === null) === ((a.logits ?? null) === null)) {
      throw new RangeError(`${call}: Either \`probs\` or \`logits\` must be specified, but not both.`);
    }
    const given = (a.probs ?? null) !== null ? 'probs' : 'logits';
    const [p] = broadcastAll(call, [given], a[given]);
    this._lazy = new Map([[given, p]]);
    this._param = p;
    this._init(typeof a[given] === 'number' ? [] : p.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.real; }
  protected override isLazy(p: string): boolean { return p === 'probs' || p === 'logits'; }
  get probs(): Tensor { return this.lazyGet('probs', () => logitsToProbs(this.logits, true)); }
  get logits(): Tensor { return this.lazyGet('logits', () => probsToLogits(this.probs, true)); }
  get paramShape(): Shape { return this._param.shape; }

  expand(batchShape: Shape, instance?: LogitRelaxedBernoulli): LogitRelaxedBernoulli {
    const fresh = this.checkedInstance(LogitRelaxedBernoulli, instance, batchShape);
    fresh.temperature = this.temperature;
    for (const k of ['probs', 'logits']) {
      const t = this._lazy.get(k);
      if (t) {
        fresh._lazy.set(k, t.expand(batchShape));
        fresh._param = fresh._lazy.get(k)!;
      }
    }
    return this.finishExpand(fresh, batchShape);
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const probs = clampProbs(this.probs.expand(shape));
    const uniforms = clampProbs(rand(shape, { dtype: probs.dtype }));
    return uniforms.log().sub(uniforms.neg().log1p()).add(probs.log()).sub(probs.neg().log1p()).div(this.temperature);
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [logits, v] = broadcastAll(this.call, ['logits', 'value'], this.logits, value);
    const diff = logits.sub(v.mul(this.temperature));
    const t = isTensor(this.temperature) ? this.temperature : tensor(this.temperature, { dtype: logits.dtype });
    return t.log().add(diff).sub(diff.exp().log1p().mul(2));
  }
}

export class RelaxedBernoulli extends TransformedDistribution {
  constructor(temperature: Tensor | number, probs?: Param | null, logits?: Param | null, opts?: ValidateOptions);
  constructor(temperature: Tensor | number, opts: RelaxedOptions);
  constructor(opts: { temperature: Tensor | number } & RelaxedOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.RelaxedBernoulli';
    const a = bind(call, ['temperature', 'probs', 'logits', 'validateArgs'], args);
    const base = new LogitRelaxedBernoulli(required(call, a, 'temperature') as Tensor | number, { probs: a.probs as Param | null, logits: a.logits as Param | null });
    super(base, new SigmoidTransform(), { validateArgs: a.validateArgs as boolean | undefined });
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { probs: constraints.unitInterval, logits: constraints.real }; }
  override get support(): constraints.Constraint { return constraints.unitInterval; }
  override get hasRsample(): boolean { return true; }
  override expand(batchShape: Shape, instance?: RelaxedBernoulli): RelaxedBernoulli {
    return super.expand(batchShape, this.checkedInstance(RelaxedBernoulli, instance, batchShape)) as RelaxedBernoulli;
  }
  get temperature(): Tensor | number { return (this.baseDist as LogitRelaxedBernoulli).temperature; }
  get logits(): Tensor { return (this.baseDist as LogitRelaxedBernoulli).logits; }
  get probs(): Tensor { return (this.baseDist as LogitRelaxedBernoulli).probs; }
}
