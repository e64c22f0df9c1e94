// torch/distributions/laplace.py
import { Tensor } from '../tensor';
import { empty } from '../creation';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { broadcastAll, finfo } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Laplace extends Distribution {
  declare loc: Tensor;
  declare scale: Tensor;

  constructor(loc: Param, scale: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Laplace';
    const a = bind(call, ['loc', 'scale', 'validateArgs'], args);
    const loc = required(call, a, 'loc');
    const scale = required(call, a, 'scale');
    [this.loc, this.scale] = broadcastAll(call, ['loc', 'scale'], loc, scale);
    this._init(typeof loc === 'number' && typeof scale === 'number' ? [] : this.loc.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: Laplace): Laplace {
    const fresh = this.checkedInstance(Laplace, instance, batchShape);
    fresh.loc = this.loc.expand(batchShape);
    fresh.scale = this.scale.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor { return this.scale.pow(2).mul(2); }
  override get stddev(): Tensor { return this.scale.mul(2 ** 0.5); }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const u = empty(shape, { dtype: this.loc.dtype }).uniform_(finfo(this.loc.dtype).eps - 1, 1);
    return this.loc.sub(this.scale.mul(u.sign()).mul(u.abs().neg().log1p()));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    return this.scale.mul(2).log().neg().sub(value.sub(this.loc).abs().div(this.scale));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    valueArg(`${this.call}.cdf`, value);
    const d = value.sub(this.loc);
    return d.sign().mul(0.5).mul(d.abs().neg().div(this.scale).expm1()).neg().add(0.5);
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    const term = value.sub(0.5);
    return this.loc.sub(this.scale.mul(term.sign()).mul(term.abs().mul(-2).log1p()));
  }

  override entropy(): Tensor { return this.scale.mul(2).log().add(1); }
}
