// torch/distributions/kumaraswamy.py: (1 - U^(1/b))^(1/a), U uniform on [0, 1].
import { Tensor } from '../tensor';
import { fullLike } from '../creation';
import * as constraints from './constraints';
import { Shape } from './distribution';
import { Uniform } from './uniform';
import { TransformedDistribution } from './transformed_distribution';
import { AffineTransform, PowerTransform } from './transforms';
import { broadcastAll, eulerConstant } from './utils';
import { bind, required, Param, ValidateOptions } from './_args';

function moments(a: Tensor, b: Tensor, n: number): Tensor {
  const arg1 = a.reciprocal().mul(n).add(1);
  const logValue = arg1.lgamma().add(b.lgamma()).sub(arg1.add(b).lgamma());
  return b.mul(logValue.exp());
}

export class Kumaraswamy extends TransformedDistribution {
  declare concentration1: Tensor;
  declare concentration0: Tensor;

  constructor(concentration1: Param, concentration0: Param, opts?: ValidateOptions);
  constructor(opts: { concentration1: Param; concentration0: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    const call = 'torch.distributions.Kumaraswamy';
    const a = bind(call, ['concentration1', 'concentration0', 'validateArgs'], args);
    const validateArgs = a.validateArgs as boolean | undefined;
    const [c1, c0] = broadcastAll(call, ['concentration1', 'concentration0'], required(call, a, 'concentration1'), required(call, a, 'concentration0'));
    const base = new Uniform(fullLike(c0, 0), fullLike(c0, 1), { validateArgs });
    super(base, [new PowerTransform(c0.reciprocal()), new AffineTransform(1.0, -1.0), new PowerTransform(c1.reciprocal())], { validateArgs: false });
    this.concentration1 = c1;
    this.concentration0 = c0;
    this._init(this._batchShape, this._eventShape, validateArgs);
  }

  override get argConstraints(): Record<string, constraints.Constraint> {
    return { concentration1: constraints.positive, concentration0: constraints.positive };
  }
  override get support(): constraints.Constraint { return constraints.unitInterval; }
  override get hasRsample(): boolean { return true; }

  override expand(batchShape: Shape, instance?: Kumaraswamy): Kumaraswamy {
    const fresh = this.checkedInstance(Kumaraswamy, instance, batchShape);
    fresh.concentration1 = this.concentration1.expand(batchShape);
    fresh.concentration0 = this.concentration0.expand(batchShape);
    return super.expand(batchShape, fresh) as Kumaraswamy;
  }

  override get mean(): Tensor { return moments(this.concentration1, this.concentration0, 1); }
  override get mode(): Tensor {
    const c0 = this.concentration0;
    const c1 = this.concentration1;
    const logMode = c0.reciprocal().mul(c0.neg().log1p()).sub(c0.neg().mul(c1).log1p());
    logMode.indexPut_([c0.lt(1).logicalOr(c1.lt(1))], NaN);
    return logMode.exp();
  }
  override get variance(): Tensor { return moments(this.concentration1, this.concentration0, 2).sub(this.mean.pow(2)); }
  override entropy(): Tensor {
    const t1 = this.concentration1.reciprocal().neg().add(1);
    const t0 = this.concentration0.reciprocal().neg().add(1);
    const H0 = this.concentration0.add(1).digamma().add(eulerConstant);
    return t0.add(t1.mul(H0)).sub(this.concentration1.log()).sub(this.concentration0.log());
  }
}
