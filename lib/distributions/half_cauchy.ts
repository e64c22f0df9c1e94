// torch/distributions/half_cauchy.py: |X| for X a centred Cauchy.
import { Tensor } from '../tensor';
import { full } from '../creation';
import { Shape } from './distribution';
import { Cauchy } from './cauchy';
import { AbsTransform } from './transforms';
import { HalfDistribution, halfArgs } from './half_normal';
import { Param, ValidateOptions } from './_args';

export class HalfCauchy extends HalfDistribution {
  constructor(scale: Param, opts?: ValidateOptions);
  constructor(opts: { scale: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const [scale, validateArgs] = halfArgs('torch.distributions.HalfCauchy', args);
    super(new Cauchy(0, scale, { validateArgs: false }), new AbsTransform(), { validateArgs });
  }
  override expand(batchShape: Shape, instance?: HalfCauchy): HalfCauchy {
    return super.expand(batchShape, this.checkedInstance(HalfCauchy, instance, batchShape)) as HalfCauchy;
  }
  override get mean(): Tensor { return full(this.extendedShape(), Infinity, { dtype: this.scale.dtype }); }
  override get variance(): Tensor { return this.baseDist.variance; }
}
