// torch/distributions/gumbel.py: -log(-log U) scaled and shifted, U uniform.
import { Tensor } from '../tensor';
import { fullLike, onesLike } from '../creation';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Uniform } from './uniform';
import { TransformedDistribution } from './transformed_distribution';
import { AffineTransform, ExpTransform } from './transforms';
import { broadcastAll, eulerConstant, finfo } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Gumbel extends TransformedDistribution {
  declare loc: Tensor;
  declare scale: Tensor;

  constructor(loc: Param, scale: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.Gumbel';
    const a = bind(call, ['loc', 'scale', 'validateArgs'], args);
    const locArg = required(call, a, 'loc') as Param;
    const scaleArg = required(call, a, 'scale');
    const [loc, scale] = broadcastAll(call, ['loc', 'scale'], locArg, scaleArg);
    const f = finfo(loc.dtype);
    const base = typeof locArg === 'number' && typeof scaleArg === 'number'
      ? new Uniform(f.tiny, 1 - f.eps)
      : new Uniform(fullLike(loc, f.tiny), fullLike(loc, 1 - f.eps));
    const transforms = [new ExpTransform().inv, new AffineTransform(0, onesLike(scale).neg()), new ExpTransform().inv, new AffineTransform(locArg, scale.neg())];
    // Python sets loc and scale before TransformedDistribution.__init__ validates them.
    super(base, transforms, { validateArgs: false });
    this.loc = loc;
    this.scale = scale;
    this._init(this._batchShape, this._eventShape, a.validateArgs as boolean | undefined);
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.real; }

  override expand(batchShape: Shape, instance?: Gumbel): Gumbel {
    const fresh = this.checkedInstance(Gumbel, instance, batchShape);
    fresh.loc = this.loc.expand(batchShape);
    fresh.scale = this.scale.expand(batchShape);
    return super.expand(batchShape, fresh) as Gumbel;
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const y = this.loc.sub(value).div(this.scale);
    return y.sub(y.exp()).sub(this.scale.log());
  }

  override get mean(): Tensor { return this.loc.add(this.scale.mul(eulerConstant)); }
  override get mode(): Tensor { return this.loc; }
  override get stddev(): Tensor { return this.scale.mul(Math.PI / Math.sqrt(6)); }
  override get variance(): Tensor { return this.stddev.pow(2); }
  override entropy(): Tensor { return this.scale.log().add(1 + eulerConstant); }
}
