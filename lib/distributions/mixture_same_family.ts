// torch/distributions/mixture_same_family.py: a Categorical mixture of a batch of same-family components.
import { Tensor } from '../tensor';
import { noGrad } from '../autograd';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Categorical } from './categorical';
import { sizeRepr } from './utils';
import { bind, required, valueArg, ValidateOptions } from './_args';

export class MixtureSameFamily extends Distribution {
  declare _mixtureDistribution: Categorical;
  declare _componentDistribution: Distribution;
  declare _numComponent: number;
  declare _eventNdims: number;

  constructor(mixtureDistribution: Categorical, componentDistribution: Distribution, opts?: ValidateOptions);
  constructor(opts: { mixtureDistribution: Categorical; componentDistribution: Distribution } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.MixtureSameFamily';
    const a = bind(call, ['mixtureDistribution', 'componentDistribution', 'validateArgs'], args);
    const mix = required(call, a, 'mixtureDistribution');
    const comp = required(call, a, 'componentDistribution');
    if (!(mix instanceof Categorical)) throw new TypeError(`${call}: The Mixture distribution needs to be an instance of torch.distributions.Categorical`);
    if (!(comp instanceof Distribution)) throw new TypeError(`${call}: The Component distribution need to be an instance of torch.distributions.Distribution`);
    const mdbs = mix.batchShape;
    const cdbs = comp.batchShape.slice(0, -1);
    for (let k = 1; k <= Math.min(mdbs.length, cdbs.length); k++) {
      const s1 = mdbs[mdbs.length - k];
      const s2 = cdbs[cdbs.length - k];
      if (s1 !== 1 && s2 !== 1 && s1 !== s2) {
        throw new RangeError(`${call}: \`mixture_distribution.batch_shape\` (${sizeRepr(mdbs)}) is not compatible with \`component_distribution.batch_shape\`(${sizeRepr(cdbs)})`);
      }
    }
    const km = mix.logits.size(-1);
    const kc = comp.batchShape[comp.batchShape.length - 1];
    if (km !== kc) {
      throw new RangeError(`${call}: \`mixture_distribution component\` (${km}) does not equal \`component_distribution.batch_shape[-1]\` (${kc})`);
    }
    this._mixtureDistribution = mix;
    this._componentDistribution = comp;
    this._numComponent = km;
    this._eventNdims = comp.eventShape.length;
    this._init(cdbs, comp.eventShape, a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return {}; }
  override get support(): constraints.Constraint { return this._componentDistribution.support; }
  get mixtureDistribution(): Categorical { return this._mixtureDistribution; }
  get componentDistribution(): Distribution { return this._componentDistribution; }

  expand(batchShape: Shape, instance?: MixtureSameFamily): MixtureSameFamily {
    const fresh = this.checkedInstance(MixtureSameFamily, instance, batchShape);
    fresh._componentDistribution = this._componentDistribution.expand([...batchShape, this._numComponent]);
    fresh._mixtureDistribution = this._mixtureDistribution.expand(batchShape);
    fresh._numComponent = this._numComponent;
    fresh._eventNdims = this._eventNdims;
    return this.finishExpand(fresh, batchShape, fresh._componentDistribution.eventShape);
  }

  override get mean(): Tensor {
    const probs = this.padMixtureDimensions(this._mixtureDistribution.probs);
    return probs.mul(this._componentDistribution.mean).sum(-1 - this._eventNdims);
  }

  override get variance(): Tensor {
    const probs = this.padMixtureDimensions(this._mixtureDistribution.probs);
    const meanCondVar = probs.mul(this._componentDistribution.variance).sum(-1 - this._eventNdims);
    const varCondMean = probs.mul(this._componentDistribution.mean.sub(this.pad(this.mean)).pow(2.0)).sum(-1 - this._eventNdims);
    return meanCondVar.add(varCondMean);
  }

  override cdf(x: Tensor): Tensor {
    valueArg(`${this.call}.cdf`, x);
    return this._componentDistribution.cdf(this.pad(x)).mul(this._mixtureDistribution.probs).sum(-1);
  }

  override logProb(x: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(x);
    valueArg(`${this.call}.log_prob`, x);
    const logProbX = this._componentDistribution.logProb(this.pad(x));
    const logMixProb = this._mixtureDistribution.logits.logSoftmax(-1);
    return logProbX.add(logMixProb).logsumexp(-1);
  }

  override sample(sampleShape: Shape = []): Tensor {
    return noGrad(() => {
      const gatherDim = sampleShape.length + this._batchShape.length;
      const es = this._eventShape;
      const mixSample = this._mixtureDistribution.sample(sampleShape);
      const mixShape = mixSample.shape;
      const compSamples = this._componentDistribution.sample(sampleShape);
      const r = mixSample.reshape([...mixShape, ...new Array(es.length + 1).fill(1)]).repeat([...mixShape.map(() => 1), 1, ...es]);
      return compSamples.gather(gatherDim, r).squeeze(gatherDim);
    });
  }

  private pad(x: Tensor): Tensor { return x.unsqueeze(-1 - this._eventNdims); }

  /** Python's _pad_mixture_dimensions, which compares numel() of the batch shapes, not their lengths. */
  private padMixtureDimensions(x: Tensor): Tensor {
    const numel = (s: Shape): number => s.reduce((p, q) => p * q, 1);
    const distBatch = numel(this._batchShape);
    const catBatch = numel(this._mixtureDistribution.batchShape);
    const padNdims = catBatch === 1 ? 0 : distBatch - catBatch;
    const xs = x.shape;
    return x.reshape([...xs.slice(0, -1), ...new Array(padNdims).fill(1), ...xs.slice(-1), ...new Array(this._eventNdims).fill(1)]);
  }

  override toString(): string {
    return `MixtureSameFamily(\n  ${this._mixtureDistribution},\n  ${this._componentDistribution})`;
  }
}
