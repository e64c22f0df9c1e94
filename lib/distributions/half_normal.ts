// torch/distributions/half_normal.py: |X| for X a centred Normal (HalfDistribution is shared with half_cauchy.ts).
import { Tensor, isTensor } from '../tensor';
import { tensor, zerosLike } from '../creation';
import { where } from '../functions';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Normal } from './normal';
import { TransformedDistribution } from './transformed_distribution';
import { AbsTransform } from './transforms';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

/** What HalfNormal and HalfCauchy share: Python repeats it in both files. */
export abstract class HalfDistribution extends TransformedDistribution {
  override get argConstraints(): Record<string, constraints.Constraint> { return { scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.nonnegative; }
  override get hasRsample(): boolean { return true; }
  get scale(): Tensor { return (this.baseDist as unknown as { scale: Tensor }).scale; }
  override get mode(): Tensor { return zerosLike(this.scale); }

  override logProb(value: Tensor | number): Tensor {
    if (this._validateArgs) this.validateSample(value);
    const v = isTensor(value) ? value : tensor(value, { dtype: this.scale.dtype });
    const lp = this.baseDist.logProb(v).add(Math.log(2));
    return where(v.ge(0), lp, -Infinity);
  }
  override cdf(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value, 'cdf');
    return this.baseDist.cdf(value).mul(2).sub(1);
  }
  override icdf(prob: Tensor): Tensor { return this.baseDist.icdf(valueArg(`${this.call}.icdf`, prob).add(1).div(2)); }
  override entropy(): Tensor { return this.baseDist.entropy().sub(Math.log(2)); }
}

export function halfArgs(call: string, args: unknown[]): [Param, boolean | undefined] {
  const a = bind(call, ['scale', 'validateArgs'], args);
  return [required(call, a, 'scale') as Param, a.validateArgs as boolean | undefined];
}

export class HalfNormal extends HalfDistribution {
  constructor(scale: Param, opts?: ValidateOptions);
  constructor(opts: { scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const [scale, validateArgs] = halfArgs('torch.distributions.HalfNormal', args);
    super(new Normal(0, scale, { validateArgs: false }), new AbsTransform(), { validateArgs });
  }
  override expand(batchShape: Shape, instance?: HalfNormal): HalfNormal {
    return super.expand(batchShape, this.checkedInstance(HalfNormal, instance, batchShape)) as HalfNormal;
  }
  override get mean(): Tensor { return this.scale.mul(Math.sqrt(2 / Math.PI)); }
  override get variance(): Tensor { return this.scale.pow(2).mul(1 - 2 / Math.PI); }
}
