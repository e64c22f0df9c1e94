// torch/distributions/exponential.py
import { Tensor } from '../tensor';
import { empty, zerosLike } from '../creation';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { broadcastAll } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Exponential extends ExponentialFamily {
  declare rate: Tensor;

  constructor(rate: Param, opts?: ValidateOptions);
  constructor(opts: { rate: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Exponential';
    const a = bind(call, ['rate', 'validateArgs'], args);
    const rate = required(call, a, 'rate');
    [this.rate] = broadcastAll(call, ['rate'], rate);
    this._init(typeof rate === 'number' ? [] : this.rate.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { rate: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.nonnegative; }
  override get hasRsample(): boolean { return true; }
  override get _meanCarrierMeasure(): number { return 0; }

  expand(batchShape: Shape, instance?: Exponential): Exponential {
    const fresh = this.checkedInstance(Exponential, instance, batchShape);
    fresh.rate = this.rate.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.rate.reciprocal(); }
  override get mode(): Tensor { return zerosLike(this.rate); }
  override get stddev(): Tensor { return this.rate.reciprocal(); }
  override get variance(): Tensor { return this.rate.pow(-2); }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return empty(shape, { dtype: this.rate.dtype }).exponential_().div(this.rate);
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    return this.rate.log().sub(this.rate.mul(value));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    valueArg(`${this.call}.cdf`, value);
    return this.rate.neg().mul(value).exp().neg().add(1);
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    return value.neg().add(1).log().neg().div(this.rate);
  }

  override entropy(): Tensor { return this.rate.log().neg().add(1); }

  override get _naturalParams(): Tensor[] { return [this.rate.neg()]; }
  override _logNormalizer(x: Tensor): Tensor { return x.neg().log().neg(); }
}
