// torch/distributions/dirichlet.py
import { Tensor } from '../tensor';
import { _sampleDirichlet, _dirichletGrad } from '../_C/generated/torch';
import { isGradEnabled, noGrad } from '../autograd';
import { _nn } from '../_C';
import * as constraints from './constraints';
import { ExponentialFamily, Shape } from './distribution';
import { bind, required, tensorParam, valueArg, ValidateOptions } from './_args';

/**
 * Python's _Dirichlet autograd Function: x = _sample_dirichlet(c), whose backward is
 * grad_c = G * (g - sum(x * g)) with G = _dirichlet_grad(x, c, sum(c)). torch-node has no custom
 * autograd Functions, so the sample carries that gradient through terms that are exactly zero:
 * x + G * d - x * sum(G * d), d = c - c.detach(), whose vector-Jacobian product is the one above.
 */
function dirichletSample(concentration: Tensor): Tensor {
  const x = _sampleDirichlet(concentration.detach());
  if (!concentration.requiresGrad || !isGradEnabled()) return x;
  const G = noGrad(() => {
    const c = concentration.detach();
    return _dirichletGrad(x, c, c.sum(-1, true).expandAs(c));
  });
  const gd = G.mul(concentration.sub(concentration.detach()));
  return x.add(gd).sub(x.mul(gd.sum(-1, true)));
}

export class Dirichlet extends ExponentialFamily {
  declare concentration: Tensor;

  constructor(concentration: Tensor, opts?: ValidateOptions);
  constructor(opts: { concentration: Tensor } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Dirichlet';
    const a = bind(call, ['concentration', 'validateArgs'], args);
    const c = tensorParam(call, 'concentration', required(call, a, 'concentration'));
    if (c.dim() < 1) throw new RangeError(`${call}: \`concentration\` parameter must be at least one-dimensional.`);
    this.concentration = c;
    this._init(c.shape.slice(0, -1), c.shape.slice(-1), a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { concentration: constraints.independent(constraints.positive, 1) }; }
  override get support(): constraints.Constraint { return constraints.simplex; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: Dirichlet): Dirichlet {
    const fresh = this.checkedInstance(Dirichlet, instance, batchShape);
    fresh.concentration = this.concentration.expand([...batchShape, ...this._eventShape]);
    return this.finishExpand(fresh, batchShape);
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    return dirichletSample(this.concentration.expand(shape));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const c = this.concentration;
    return value.log().mul(c.sub(1.0)).sum(-1).add(c.sum(-1).lgamma()).sub(c.lgamma().sum(-1));
  }

  override get mean(): Tensor { return this.concentration.div(this.concentration.sum(-1, true)); }
  override get mode(): Tensor {
    const cm1 = this.concentration.sub(1).clamp({ min: 0.0 });
    const mode = cm1.div(cm1.sum(-1, true));
    const mask = this.concentration.lt(1).all(-1);
    mode.indexPut_([mask], _nn.oneHot(mode.index(mask).argmax(-1), cm1.size(-1)).to(mode.dtype));
    return mode;
  }
  override get variance(): Tensor {
    const c = this.concentration;
    const con0 = c.sum(-1, true);
    return c.mul(con0.sub(c)).div(con0.pow(2).mul(con0.add(1)));
  }

  override entropy(): Tensor {
    const c = this.concentration;
    const k = c.size(-1);
    const a0 = c.sum(-1);
    return c.lgamma().sum(-1).sub(a0.lgamma()).sub(a0.neg().add(k).mul(a0.digamma())).sub(c.sub(1.0).mul(c.digamma()).sum(-1));
  }

  override get _naturalParams(): Tensor[] { return [this.concentration]; }
  override _logNormalizer(x: Tensor): Tensor { return x.lgamma().sum(-1).sub(x.sum(-1).lgamma()); }
}
