// torch/distributions/fishersnedecor.py: the ratio of two scaled chi-square variables.
import { Tensor } from '../tensor';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Gamma } from './gamma';
import { broadcastAll, finfo } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class FisherSnedecor extends Distribution {
  declare df1: Tensor;
  declare df2: Tensor;
  declare _gamma1: Gamma;
  declare _gamma2: Gamma;

  constructor(df1: Param, df2: Param, opts?: ValidateOptions);
  constructor(opts: { df1: Param; df2: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.FisherSnedecor';
    const a = bind(call, ['df1', 'df2', 'validateArgs'], args);
    const df1 = required(call, a, 'df1');
    const df2 = required(call, a, 'df2');
    [this.df1, this.df2] = broadcastAll(call, ['df1', 'df2'], df1, df2);
    this._gamma1 = new Gamma(this.df1.mul(0.5), this.df1);
    this._gamma2 = new Gamma(this.df2.mul(0.5), this.df2);
    this._init(typeof df1 === 'number' && typeof df2 === 'number' ? [] : this.df1.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> { return { df1: constraints.positive, df2: constraints.positive }; }
  override get support(): constraints.Constraint { return constraints.positive; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: FisherSnedecor): FisherSnedecor {
    const fresh = this.checkedInstance(FisherSnedecor, instance, batchShape);
    fresh.df1 = this.df1.expand(batchShape);
    fresh.df2 = this.df2.expand(batchShape);
    fresh._gamma1 = this._gamma1.expand(batchShape);
    fresh._gamma2 = this._gamma2.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor {
    const df2 = this.df2.clone();
    df2.indexPut_([df2.le(2)], NaN);
    return df2.div(df2.sub(2));
  }
  override get mode(): Tensor {
    const mode = this.df1.sub(2).div(this.df1).mul(this.df2).div(this.df2.add(2));
    mode.indexPut_([this.df1.le(2)], NaN);
    return mode;
  }
  override get variance(): Tensor {
    const df2 = this.df2.clone();
    df2.indexPut_([df2.le(4)], NaN);
    return df2.pow(2).mul(2).mul(this.df1.add(df2).sub(2)).div(this.df1.mul(df2.sub(2).pow(2)).mul(df2.sub(4)));
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const shape = this.extendedShape(sampleShape);
    const X1 = this._gamma1.rsample(sampleShape).view(shape);
    const X2 = this._gamma2.rsample(sampleShape).view(shape);
    const tiny = finfo(X2.dtype).tiny;
    X2.clamp_({ min: tiny });
    const Y = X1.div(X2);
    Y.clamp_({ min: tiny });
    return Y;
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const ct1 = this.df1.mul(0.5);
    const ct2 = this.df2.mul(0.5);
    const ct3 = this.df1.div(this.df2);
    const t1 = ct1.add(ct2).lgamma().sub(ct1.lgamma()).sub(ct2.lgamma());
    const t2 = ct1.mul(ct3.log()).add(ct1.sub(1).mul(value.log()));
    const t3 = ct1.add(ct2).mul(ct3.mul(value).log1p());
    return t1.add(t2).sub(t3);
  }
}
