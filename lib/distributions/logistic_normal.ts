// torch/distributions/logistic_normal.py: a Normal pushed onto the simplex by stick breaking.
import { Tensor } from '../tensor';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Normal } from './normal';
import { Independent } from './independent';
import { TransformedDistribution } from './transformed_distribution';
import { StickBreakingTransform } from './transforms';
import { bind, required, Param, ValidateOptions } from './_args';

export class LogisticNormal extends TransformedDistribution {
  constructor(loc: Param, scale: Param, opts?: ValidateOptions);
  constructor(opts: { loc: Param; scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.LogisticNormal';
    const a = bind(call, ['loc', 'scale', 'validateArgs'], args);
    const validateArgs = a.validateArgs as boolean | undefined;
    let base: Distribution = new Normal(required(call, a, 'loc') as Param, required(call, a, 'scale') as Param, { validateArgs });
    if (base.batchShape.length === 0) base = base.expand([1]);
    super(base, new StickBreakingTransform(), { validateArgs });
  }

  override get argConstraints(): Record<string, constraints.Constraint> { return { loc: constraints.real, scale: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.simplex; }
  override get hasRsample(): boolean { return true; }
  override expand(batchShape: Shape, instance?: LogisticNormal): LogisticNormal {
    return super.expand(batchShape, this.checkedInstance(LogisticNormal, instance, batchShape)) as LogisticNormal;
  }
  get loc(): Tensor { return ((this.baseDist as Independent).baseDist as Normal).loc; }
  get scale(): Tensor { return ((this.baseDist as Independent).baseDist as Normal).scale; }
}
