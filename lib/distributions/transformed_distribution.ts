// torch/distributions/transformed_distribution.py: a base distribution pushed through transforms.
import { Tensor, isTensor } from '../tensor';
import { noGrad } from '../autograd';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Independent } from './independent';
import { ComposeTransform, Transform } from './transforms';
import { sameShape, sumRightmost } from './utils';
import { bind, required, valueArg, ValidateOptions } from './_args';

export class TransformedDistribution extends Distribution {
  declare baseDist: Distribution;
  declare transforms: Transform[];

  constructor(baseDistribution: Distribution, transforms: Transform | Transform[], opts?: ValidateOptions);
  constructor(opts: { baseDistribution: Distribution; transforms: Transform | Transform[] } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `torch.distributions.${new.target.name}`;
    const a = bind(call, ['baseDistribution', 'transforms', 'validateArgs'], args);
    let base = required(call, a, 'baseDistribution') as Distribution;
    if (!(base instanceof Distribution)) throw new TypeError(`${call}: base_distribution must be a Distribution`);
    this.initTransformed(call, base, a.transforms, a.validateArgs as boolean | undefined);
  }

  /** Python's TransformedDistribution.__init__, which LogNormal calls as super().__init__. */
  protected initTransformed(call: string, base: Distribution, transforms: unknown, validateArgs: boolean | null | undefined): void {
    if (transforms instanceof Transform) this.transforms = [transforms];
    else if (Array.isArray(transforms)) {
      if (!transforms.every((t) => t instanceof Transform)) throw new TypeError(`${call}: transforms must be a Transform or a list of Transforms`);
      this.transforms = transforms;
    } else throw new TypeError(`${call}: transforms must be a Transform or list, but was ${transforms}`);
    const baseShape = [...base.batchShape, ...base.eventShape];
    const baseEventDim = base.eventShape.length;
    const transform = new ComposeTransform(this.transforms);
    const domainEventDim = transform.domain.eventDim;
    if (baseShape.length < domainEventDim) {
      throw new RangeError(`${call}: base_distribution needs to have shape with size at least ${domainEventDim}, but got torch.Size([${baseShape.join(', ')}]).`);
    }
    const shape = transform.forwardShape(baseShape);
    const expandedBaseShape = transform.inverseShape(shape);
    if (!sameShape(baseShape, expandedBaseShape)) {
      base = base.expand(expandedBaseShape.slice(0, expandedBaseShape.length - baseEventDim));
    }
    const reinterpreted = domainEventDim - baseEventDim;
    if (reinterpreted > 0) base = new Independent(base, reinterpreted);
    this.baseDist = base;
    const eventDim = transform.codomain.eventDim + Math.max(baseEventDim - domainEventDim, 0);
    const cut = shape.length - eventDim;
    this._init(shape.slice(0, cut), shape.slice(cut), validateArgs);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return {}; }

  expand(batchShape: Shape, instance?: TransformedDistribution): TransformedDistribution {
    const fresh = this.checkedInstance(TransformedDistribution, instance, batchShape);
    let shape = [...batchShape, ...this._eventShape];
    for (const t of [...this.transforms].reverse()) shape = t.inverseShape(shape);
    fresh.baseDist = this.baseDist.expand(shape.slice(0, shape.length - this.baseDist.eventShape.length));
    fresh.transforms = this.transforms;
    return this.finishExpand(fresh, batchShape);
  }

  override get support(): constraints.Constraint {
    if (this.transforms.length === 0) return this.baseDist.support;
    let support = this.transforms[this.transforms.length - 1].codomain;
    if (this._eventShape.length > support.eventDim) support = constraints.independent(support, this._eventShape.length - support.eventDim);
    return support;
  }

  override get hasRsample(): boolean { return this.baseDist.hasRsample; }

  override sample(sampleShape: Shape = []): Tensor {
    return noGrad(() => {
      let x = this.baseDist.sample(sampleShape);
      for (const t of this.transforms) x = t.forward(x);
      return x;
    });
  }

  override rsample(sampleShape: Shape = []): Tensor {
    let x = this.baseDist.rsample(sampleShape);
    for (const t of this.transforms) x = t.forward(x);
    return x;
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    let eventDim = this._eventShape.length;
    let logProb: Tensor | number = 0.0;
    let y = value;
    for (const t of [...this.transforms].reverse()) {
      const x = t.inv.forward(y);
      eventDim += t.domain.eventDim - t.codomain.eventDim;
      const term = sumRightmost(t.logAbsDetJacobian(x, y), eventDim - t.domain.eventDim);
      logProb = isTensor(logProb) ? logProb.sub(term) : term.neg().add(logProb);
      y = x;
    }
    const base = sumRightmost(this.baseDist.logProb(y), eventDim - this.baseDist.eventShape.length);
    return isTensor(logProb) ? logProb.add(base) : base.add(logProb);
  }

  private monotonizeCdf(value: Tensor): Tensor {
    valueArg(`${this.call}._monotonize_cdf`, value);
    let sign: number | Tensor = 1;
    for (const t of this.transforms) sign = isTensor(sign) ? sign.mul(t.sign) : isTensor(t.sign) ? t.sign.mul(sign) : sign * t.sign;
    if (typeof sign === 'number' && sign === 1) return value;
    return (isTensor(sign) ? sign.mul(value.sub(0.5)) : value.sub(0.5).mul(sign)).add(0.5);
  }

  override cdf(value: Tensor): Tensor {
    for (const t of [...this.transforms].reverse()) value = t.inv.forward(value);
    if (this._validateArgs) (this.baseDist as unknown as { validateSample(v: Tensor, m: string): void }).validateSample(value, 'cdf');
    return this.monotonizeCdf(this.baseDist.cdf(value));
  }

  override icdf(value: Tensor): Tensor {
    valueArg(`${this.call}.icdf`, value);
    let x = this.baseDist.icdf(this.monotonizeCdf(value));
    for (const t of this.transforms) x = t.forward(x);
    return x;
  }
}
