// torch/distributions/gamma.py
import { Tensor, isTensor } from '../tensor';
import { tensor } from '../creation';
import { _standardGamma } from '../_C/generated/torch';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { broadcastAll, finfo } from './utils';
import { bind, required, Param, ValidateOptions } from './_args';

export class Gamma extends ExponentialFamily {
  declare concentration: Tensor;
  declare rate: Tensor;

  constructor(concentration: Param, rate: Param, opts?: ValidateOptions);
  constructor(opts: { concentration: Param; rate: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `torch.distributions.${new.target.name}`;
    const a = bind(call, ['concentration', 'rate', 'validateArgs'], args);
    const c = required(call, a, 'concentration');
    const r = required(call, a, 'rate');
    [this.concentration, this.rate] = broadcastAll(call, ['concentration', 'rate'], c, r);
    this._init(typeof c === 'number' && typeof r === 'number' ? [] : this.concentration.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { concentration: constraints.positive, rate: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.nonnegative; }
  override get hasRsample(): boolean { return true; }
  override get _meanCarrierMeasure(): number { return 0; }

  expand(batchShape: Shape, instance?: Gamma): Gamma {
    const fresh = this.checkedInstance(Gamma, instance, batchShape);
    fresh.concentration = this.concentration.expand(batchShape);
    fresh.rate = this.rate.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.concentration.div(this.rate); }
  override get mode(): Tensor { return this.concentration.sub(1).div(this.rate).clamp({ min: 0 }); }
  override get variance(): Tensor { return this.concentration.div(this.rate.pow(2)); }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const value = _standardGamma(this.concentration.expand(shape)).div(this.rate.expand(shape));
    value.detach().clamp_({ min: finfo(value.dtype).tiny });
    return value;
  }

  override logProb(value: Tensor | number): Tensor {
    const x = isTensor(value) ? value.to(this.rate.dtype) : tensor(value, { dtype: this.rate.dtype });
    if (this._validateArgs) this.validateSample(x);
    return this.concentration.xlogy(this.rate).add(this.concentration.sub(1).xlogy(x)).sub(this.rate.mul(x)).sub(this.concentration.lgamma());
  }

  override entropy(): Tensor {
    const c = this.concentration;
    return c.sub(this.rate.log()).add(c.lgamma()).add(c.neg().add(1.0).mul(c.digamma()));
  }

  override get _naturalParams(): Tensor[] { return [this.concentration.sub(1), this.rate.neg()]; }
  override _logNormalizer(x: Tensor, y: Tensor): Tensor { return x.add(1).lgamma().add(x.add(1).mul(y.reciprocal().neg().log())); }
}
