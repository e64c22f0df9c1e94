// torch/distributions/normal.py
import { Tensor } from '../tensor';
import { normal } from '../_C/generated/torch';
import { noGrad } from '../autograd';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { broadcastAll, standardNormal } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Normal extends ExponentialFamily {
  declare loc: Tensor;
  declare scale: Tensor;

  constructor(loc: Param, scale: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Normal';
    const a = bind(call, ['loc', 'scale', 'validateArgs'], args);
    const loc = required(call, a, 'loc');
    const scale = required(call, a, 'scale');
    [this.loc, this.scale] = broadcastAll(call, ['loc', 'scale'], loc, scale);
    const batch = typeof loc === 'number' && typeof scale === 'number' ? [] : this.loc.shape;
    this._init(batch, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }
  override get hasRsample(): boolean { return true; }
  override get _meanCarrierMeasure(): number { return 0; }

  expand(batchShape: Shape, instance?: Normal): Normal {
    const fresh = this.checkedInstance(Normal, instance, batchShape);
    fresh.loc = this.loc.expand(batchShape);
    fresh.scale = this.scale.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor { return this.loc; }
  override get mode(): Tensor { return this.loc; }
  override get stddev(): Tensor { return this.scale; }
  override get variance(): Tensor { return this.stddev.pow(2); }

  override sample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return noGrad(() => normal(this.loc.expand(shape), this.scale.expand(shape)));
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const eps = standardNormal(shape, this.loc.dtype);
    return this.loc.add(eps.mul(this.scale));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const variance = this.scale.pow(2);
    return value.sub(this.loc).pow(2).neg().div(variance.mul(2)).sub(this.scale.log()).sub(Math.log(Math.sqrt(2 * Math.PI)));
  }

  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    valueArg(`${this.call}.cdf`, value);
    return value.sub(this.loc).mul(this.scale.reciprocal()).div(Math.sqrt(2)).erf().add(1).mul(0.5);
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    return this.loc.add(this.scale.mul(value.mul(2).sub(1).erfinv()).mul(Math.sqrt(2)));
  }

  override entropy(): Tensor {
    return this.scale.log().add(0.5 + 0.5 * Math.log(2 * Math.PI));
  }

  override get _naturalParams(): Tensor[] {
    return [this.loc.div(this.scale.pow(2)), this.scale.pow(2).reciprocal().mul(-0.5)];
  }

  override _logNormalizer(x: Tensor, y: Tensor): Tensor {
    return x.pow(2).mul(-0.25).div(y).add(y.reciprocal().mul(-Math.PI).log().mul(0.5));
  }
}
