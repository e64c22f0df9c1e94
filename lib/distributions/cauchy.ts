// torch/distributions/cauchy.py
import { Tensor } from '../tensor';
import { empty, full } from '../creation';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastAll } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Cauchy extends Distribution {
  declare loc: Tensor;
  declare scale: Tensor;

  constructor(loc: Param, scale: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Cauchy';
    const a = bind(call, ['loc', 'scale', 'validateArgs'], args);
    const loc = required(call, a, 'loc');
    const scale = required(call, a, 'scale');
    [this.loc, this.scale] = broadcastAll(call, ['loc', 'scale'], loc, scale);
    this._init(typeof loc === 'number' && typeof scale === 'number' ? [] : this.loc.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: Cauchy): Cauchy {
    const fresh = this.checkedInstance(Cauchy, instance, batchShape);
    fresh.loc = this.loc.expand(batchShape);
    fresh.scale = this.scale.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return full(this.extendedShape(), NaN, { dtype: this.loc.dtype }); }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor { return full(this.extendedShape(), Infinity, { dtype: this.loc.dtype }); }

  override rsample(sampleShape: Shape = []): Tensor {
    const eps = empty(this.extendedShape(sampleShape), { dtype: this.loc.dtype }).cauchy_();
    return this.loc.add(eps.mul(this.scale));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    return this.scale.log().neg().add(-Math.log(Math.PI)).sub(value.sub(this.loc).div(this.scale).pow(2).add(1).log());
  }

  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    valueArg(`${this.call}.cdf`, value);
    return value.sub(this.loc).div(this.scale).atan().div(Math.PI).add(0.5);
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    return value.sub(0.5).mul(Math.PI).tan().mul(this.scale).add(this.loc);
  }

  override entropy(): Tensor { return this.scale.log().add(Math.log(4 * Math.PI)); }
}
