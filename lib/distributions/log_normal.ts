// torch/distributions/log_normal.py: exp of a Normal.
import { Tensor } from '../tensor';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Normal } from './normal';
import { TransformedDistribution } from './transformed_distribution';
import { ExpTransform } from './transforms';
import { bind, required, Param, ValidateOptions } from './_args';

export class LogNormal extends TransformedDistribution {
  constructor(loc: Param, scale: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.LogNormal';
    const a = bind(call, ['loc', 'scale', 'validateArgs'], args);
    const validateArgs = a.validateArgs as boolean | undefined;
    const base = new Normal(required(call, a, 'loc') as Param, required(call, a, 'scale') as Param, { validateArgs });
    super(base, new ExpTransform(), { validateArgs });
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.positive; }
  override get hasRsample(): boolean { return true; }

  override expand(batchShape: Shape, instance?: LogNormal): LogNormal {
    const fresh = this.checkedInstance(LogNormal, instance, batchShape);
    return super.expand(batchShape, fresh) as LogNormal;
  }

  get loc(): Tensor { return (this.baseDist as Normal).loc; }
  get scale(): Tensor { return (this.baseDist as Normal).scale; }
  override get mean(): Tensor { return this.loc.add(this.scale.pow(2).div(2)).exp(); }
  override get mode(): Tensor { return this.loc.sub(this.scale.square()).exp(); }
  override get variance(): Tensor {
    return this.scale.pow(2).exp().sub(1).mul(this.loc.mul(2).add(this.scale.pow(2)).exp());
  }
  override entropy(): Tensor { return this.baseDist.entropy().add(this.loc); }
}
