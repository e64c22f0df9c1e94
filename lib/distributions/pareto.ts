// torch/distributions/pareto.py: scale * exp(X), X ~ Exponential(alpha).
import { Tensor } from '../tensor';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Exponential } from './exponential';
import { TransformedDistribution } from './transformed_distribution';
import { AffineTransform, ExpTransform } from './transforms';
import { broadcastAll } from './utils';
import { bind, required, Param, ValidateOptions } from './_args';

export class Pareto extends TransformedDistribution {
  declare scale: Tensor;
  declare alpha: Tensor;

  constructor(scale: Param, alpha: Param, opts?: ValidateOptions);
  constructor(opts: { scale: Param; alpha: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.Pareto';
    const a = bind(call, ['scale', 'alpha', 'validateArgs'], args);
    const validateArgs = a.validateArgs as boolean | undefined;
    const [scale, alpha] = broadcastAll(call, ['scale', 'alpha'], required(call, a, 'scale'), required(call, a, 'alpha'));
    super(new Exponential(alpha, { validateArgs }), [new ExpTransform(), new AffineTransform(0, scale)], { validateArgs: false });
    this.scale = scale;
    this.alpha = alpha;
    this._init(this._batchShape, this._eventShape, validateArgs);
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { alpha: constraints.positive, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.greaterThanEq(this.scale); }

  override expand(batchShape: Shape, instance?: Pareto): Pareto {
    const fresh = this.checkedInstance(Pareto, instance, batchShape);
    fresh.scale = this.scale.expand(batchShape);
    fresh.alpha = this.alpha.expand(batchShape);
    return super.expand(batchShape, fresh) as Pareto;
  }

  override get mean(): Tensor {
    const a = this.alpha.clamp({ min: 1 });
    return a.mul(this.scale).div(a.sub(1));
  }
  override get mode(): Tensor { return this.scale; }
  override get variance(): Tensor {
    const a = this.alpha.clamp({ min: 2 });
    return this.scale.pow(2).mul(a).div(a.sub(1).pow(2).mul(a.sub(2)));
  }
  override entropy(): Tensor { return this.scale.div(this.alpha).log().add(this.alpha.reciprocal().add(1)); }
}
