// torch/distributions/poisson.py
import { Tensor } from '../tensor';
import { poisson } from '../_C/generated/torch';
import { noGrad } from '../autograd';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { broadcastAll } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Poisson extends ExponentialFamily {
  declare rate: Tensor;

  constructor(rate: Param, opts?: ValidateOptions);
  constructor(opts: { rate: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Poisson';
    const a = bind(call, ['rate', 'validateArgs'], args);
    const rate = required(call, a, 'rate');
    [this.rate] = broadcastAll(call, ['rate'], rate);
    this._init(typeof rate === 'number' ? [] : this.rate.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { rate: constraints.nonnegative }; }
  override get support(): constraints.Constraint { return constraints.nonnegativeInteger; }

  expand(batchShape: Shape, instance?: Poisson): Poisson {
    const fresh = this.checkedInstance(Poisson, instance, batchShape);
    fresh.rate = this.rate.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.rate; }
  override get mode(): Tensor { return this.rate.floor(); }
  override get variance(): Tensor { return this.rate; }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return noGrad(() => poisson(this.rate.expand(shape)));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const [rate, v] = broadcastAll(this.call, ['rate', 'value'], this.rate, value);
    return v.xlogy(rate).sub(rate).sub(v.add(1).lgamma());
  }

  override get _naturalParams(): Tensor[] { return [this.rate.log()]; }
  override _logNormalizer(x: Tensor): Tensor { return x.exp(); }
}
