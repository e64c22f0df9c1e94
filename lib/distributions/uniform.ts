// torch/distributions/uniform.py
import { Tensor } from '../tensor';
import { rand } from '../creation';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastAll } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Uniform extends Distribution {
  declare low: Tensor;
  declare high: Tensor;

  constructor(low: Param, high: Param, opts?: ValidateOptions);
  constructor(opts: { low: Param; high: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Uniform';
    const a = bind(call, ['low', 'high', 'validateArgs'], args);
    const low = required(call, a, 'low');
    const high = required(call, a, 'high');
    [this.low, this.high] = broadcastAll(call, ['low', 'high'], low, high);
    this._init(typeof low === 'number' && typeof high === 'number' ? [] : this.low.shape, [], a.validateArgs as boolean | undefined);
    if (this._validateArgs && !this.low.lt(this.high).all().item()) {
      throw new RangeError(`${call}: Uniform is not defined when low>= high`);
    }
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return { low: constraints.dependent.call({ isDiscrete: false, eventDim: 0 }), high: constraints.dependent.call({ isDiscrete: false, eventDim: 0 }) };
  }
  override get support(): constraints.Constraint { return constraints.interval(this.low, this.high); }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: Uniform): Uniform {
    const fresh = this.checkedInstance(Uniform, instance, batchShape);
    fresh.low = this.low.expand(batchShape);
    fresh.high = this.high.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.high.add(this.low).div(2); }
  override get mode(): Tensor { return this.high.mul(NaN); }
  override get stddev(): Tensor { return this.high.sub(this.low).div(12 ** 0.5); }
  override get variance(): Tensor { return this.high.sub(this.low).pow(2).div(12); }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const r = rand(shape, { dtype: this.low.dtype });
    return this.low.add(r.mul(this.high.sub(this.low)));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const lb = this.low.le(value).to(this.low.dtype);
    const ub = this.high.gt(value).to(this.low.dtype);
    return lb.mul(ub).log().sub(this.high.sub(this.low).log());
  }

  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    valueArg(`${this.call}.cdf`, value);
    return value.sub(this.low).div(this.high.sub(this.low)).clamp({ min: 0, max: 1 });
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    return value.mul(this.high.sub(this.low)).add(this.low);
  }

  override entropy(): Tensor { return this.high.sub(this.low).log(); }
}
