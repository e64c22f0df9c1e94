// torch/distributions/beta.py: a two-component Dirichlet.
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { stack } from '../functions';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { Dirichlet } from './dirichlet';
import { broadcastAll } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class Beta extends ExponentialFamily {
  declare _dirichlet: Dirichlet;

  constructor(concentration1: Param, concentration0: Param, opts?: ValidateOptions);
  constructor(opts: { concentration1: Param; concentration0: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Beta';
    const a = bind(call, ['concentration1', 'concentration0', 'validateArgs'], args);
    const c1 = required(call, a, 'concentration1');
    const c0 = required(call, a, 'concentration0');
    let both: Tensor;
    if (typeof c1 === 'number' && typeof c0 === 'number') {
      both = tensor([c1, c0]);
    } else {
      const [t1, t0] = broadcastAll(call, ['concentration1', 'concentration0'], c1, c0);
      both = stack([t1, t0], -1);
    }
    const validateArgs = a.validateArgs as boolean | undefined;
    this._dirichlet = new Dirichlet(both, { validateArgs });
    this._init(this._dirichlet.batchShape, [], validateArgs);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { concentration1: constraints.positive, concentration0: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.unitInterval; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: Beta): Beta {
    const fresh = this.checkedInstance(Beta, instance, batchShape);
    fresh._dirichlet = this._dirichlet.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  get concentration1(): Tensor { return this._dirichlet.concentration.index('...', 0); }
  get concentration0(): Tensor { return this._dirichlet.concentration.index('...', 1); }

  override get mean(): Tensor { return this.concentration1.div(this.concentration1.add(this.concentration0)); }
  override get mode(): Tensor { return this._dirichlet.mode.index('...', 0); }
  override get variance(): Tensor {
    const total = this.concentration1.add(this.concentration0);
    return this.concentration1.mul(this.concentration0).div(total.pow(2).mul(total.add(1)));
  }

  override rsample(sampleShape: Shape = []): Tensor {
    return this._dirichlet.rsample(sampleShape).select(-1, 0);
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    return this._dirichlet.logProb(stack([value, value.neg().add(1.0)], -1));
  }

  override entropy(): Tensor { return this._dirichlet.entropy(); }

  override get _naturalParams(): Tensor[] { return [this.concentration1, this.concentration0]; }
  override _logNormalizer(x: Tensor, y: Tensor): Tensor { return x.lgamma().add(y.lgamma()).sub(x.add(y).lgamma()); }
}
