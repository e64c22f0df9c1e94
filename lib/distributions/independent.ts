// torch/distributions/independent.py: reinterprets batch dimensions of a distribution as event dimensions.
import { Tensor } from '../tensor';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { sumRightmost } from './utils';
import { bind, required, ValidateOptions } from './_args';
import * as v from '../validate';

export class Independent extends Distribution {
  declare baseDist: Distribution;
  declare reinterpretedBatchNdims: number;

  constructor(baseDistribution: Distribution, reinterpretedBatchNdims: number, opts?: ValidateOptions);
  constructor(opts: { baseDistribution: Distribution; reinterpretedBatchNdims: number } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.Independent';
    const a = bind(call, ['baseDistribution', 'reinterpretedBatchNdims', 'validateArgs'], args);
    const base = required(call, a, 'baseDistribution');
    if (!(base instanceof Distribution)) throw new TypeError(`${call}: base_distribution must be a Distribution`);
    const n = v.int(call, 'reinterpreted_batch_ndims', required(call, a, 'reinterpretedBatchNdims'), 0);
    if (n > base.batchShape.length) {
      throw new RangeError(`${call}: Expected reinterpreted_batch_ndims <= len(base_distribution.batch_shape), actual ${n} vs ${base.batchShape.length}`);
    }
    const shape = [...base.batchShape, ...base.eventShape];
    const eventDim = n + base.eventShape.length;
    this.baseDist = base;
    this.reinterpretedBatchNdims = n;
    this._init(shape.slice(0, shape.length - eventDim), shape.slice(shape.length - eventDim), a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return {}; }

  expand(batchShape: Shape, instance?: Independent): Independent {
    const fresh = this.checkedInstance(Independent, instance, batchShape);
    fresh.baseDist = this.baseDist.expand([...batchShape, ...this._eventShape.slice(0, this.reinterpretedBatchNdims)]);
    fresh.reinterpretedBatchNdims = this.reinterpretedBatchNdims;
    return this.finishExpand(fresh, batchShape);
  }

  override get hasRsample(): boolean { return this.baseDist.hasRsample; }
  override get hasEnumerateSupport(): boolean { return this.reinterpretedBatchNdims > 0 ? false : this.baseDist.hasEnumerateSupport; }
  override get support(): constraints.Constraint {
    const result = this.baseDist.support;
    return this.reinterpretedBatchNdims ? constraints.independent(result, this.reinterpretedBatchNdims) : result;
  }
  override get mean(): Tensor { return this.baseDist.mean; }
  override get mode(): Tensor { return this.baseDist.mode; }
  override get variance(): Tensor { return this.baseDist.variance; }

  override sample(sampleShape: Shape = []): Tensor { return this.baseDist.sample(sampleShape); }
  override rsample(sampleShape: Shape = []): Tensor { return this.baseDist.rsample(sampleShape); }
  override logProb(value: Tensor): Tensor { return sumRightmost(this.baseDist.logProb(value), this.reinterpretedBatchNdims); }
  override entropy(): Tensor { return sumRightmost(this.baseDist.entropy(), this.reinterpretedBatchNdims); }
  override enumerateSupport(expand = true): Tensor {
    if (this.reinterpretedBatchNdims > 0) throw new Error(`${this.call}.enumerate_support: Enumeration over cartesian product is not implemented`);
    return this.baseDist.enumerateSupport(expand);
  }

  override toString(): string { return `Independent(${this.baseDist}, ${this.reinterpretedBatchNdims})`; }
}
