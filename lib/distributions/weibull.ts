// torch/distributions/weibull.py: scale * X^(1/concentration), X ~ Exponential(1).
import { Tensor } from '../tensor';
import { onesLike } from '../creation';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Exponential } from './exponential';
import { TransformedDistribution } from './transformed_distribution';
import { AffineTransform, PowerTransform } from './transforms';
import { broadcastAll, eulerConstant } from './utils';
import { bind, required, Param, ValidateOptions } from './_args';

export class Weibull extends TransformedDistribution {
  declare scale: Tensor;
  declare concentration: Tensor;
  declare concentrationReciprocal: Tensor;

  constructor(scale: Param, concentration: Param, opts?: ValidateOptions);
  constructor(opts: { scale: Param; concentration: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.Weibull';
    const a = bind(call, ['scale', 'concentration', 'validateArgs'], args);
    const validateArgs = a.validateArgs as boolean | undefined;
    const [scale, concentration] = broadcastAll(call, ['scale', 'concentration'], required(call, a, 'scale'), required(call, a, 'concentration'));
    const reciprocal = concentration.reciprocal();
    super(new Exponential(onesLike(scale), { validateArgs }), [new PowerTransform(reciprocal), new AffineTransform(0, scale)], { validateArgs: false });
    this.scale = scale;
    this.concentration = concentration;
    this.concentrationReciprocal = reciprocal;
    this._init(this._batchShape, this._eventShape, validateArgs);
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { scale: constraints.positive, concentration: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.positive; }

  override expand(batchShape: Shape, instance?: Weibull): Weibull {
    const fresh = this.checkedInstance(Weibull, instance, batchShape);
    fresh.scale = this.scale.expand(batchShape);
    fresh.concentration = this.concentration.expand(batchShape);
    fresh.concentrationReciprocal = fresh.concentration.reciprocal();
    const base = this.baseDist.expand(batchShape);
    fresh.initTransformed(this.call, base, [new PowerTransform(fresh.concentrationReciprocal), new AffineTransform(0, fresh.scale)], false);
    fresh._validateArgs = this._validateArgs;
    return fresh;
  }

  override get mean(): Tensor { return this.scale.mul(this.concentrationReciprocal.add(1).lgamma().exp()); }
  override get mode(): Tensor {
    return this.scale.mul(this.concentration.sub(1).div(this.concentration).pow(this.concentration.reciprocal()));
  }
  override get variance(): Tensor {
    const r = this.concentrationReciprocal;
    return this.scale.pow(2).mul(r.mul(2).add(1).lgamma().exp().sub(r.add(1).lgamma().mul(2).exp()));
  }
  override entropy(): Tensor {
    const r = this.concentrationReciprocal;
    return r.neg().add(1).mul(eulerConstant).add(this.scale.mul(r).log()).add(1);
  }
}
