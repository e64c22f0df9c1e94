// torch/distributions/studentT.py
import { Tensor } from '../tensor';
import * as constraints from './constraints';
import { Distribution, Shape } from './distribution';
import { Chi2 } from './chi2';
import { broadcastAll, standardNormal } from './utils';
import { bind, required, valueArg, Param, ValidateOptions } from './_args';

export class StudentT extends Distribution {
  declare df: Tensor;
  declare loc: Tensor;
  declare scale: Tensor;
  declare _chi2: Chi2;

  constructor(df: Param, loc?: Param, scale?: Param, opts?: ValidateOptions);
  constructor(opts: { df: Param; loc?: Param; scale?: Param } & ValidateOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'torch.distributions.StudentT';
    const a = bind(call, ['df', 'loc', 'scale', 'validateArgs'], args);
    [this.df, this.loc, this.scale] = broadcastAll(call, ['df', 'loc', 'scale'], required(call, a, 'df'), a.loc ?? 0.0, a.scale ?? 1.0);
    this._chi2 = new Chi2(this.df);
    this._init(this.df.shape, [], a.validateArgs as boolean | undefined);
  }

  get argConstraints(): Record<string, constraints.Constraint> {
    return { df: constraints.positive, loc: constraints.real, scale: constraints.positive };
  }
  override get support(): constraints.Constraint { return constraints.real; }
  override get hasRsample(): boolean { return true; }

  expand(batchShape: Shape, instance?: StudentT): StudentT {
    const fresh = this.checkedInstance(StudentT, instance, batchShape);
    fresh.df = this.df.expand(batchShape);
    fresh.loc = this.loc.expand(batchShape);
    fresh.scale = this.scale.expand(batchShape);
    fresh._chi2 = this._chi2.expand(batchShape);
    return this.finishExpand(fresh, batchShape);
  }

  override get mean(): Tensor {
    const m = this.loc.clone();
    m.indexPut_([this.df.le(1)], NaN);
    return m;
  }
  override get mode(): Tensor { return this.loc; }
  override get variance(): Tensor {
    const m = this.df.clone();
    const big = this.df.gt(2);
    m.indexPut_([big], this.scale.index(big).pow(2).mul(this.df.index(big)).div(this.df.index(big).sub(2)));
    m.indexPut_([this.df.le(2).logicalAnd(this.df.gt(1))], Infinity);
    m.indexPut_([this.df.le(1)], NaN);
    return m;
  }

  override rsample(sampleShape: Shape = []): Tensor {
    const X = standardNormal(this.extendedShape(sampleShape), this.df.dtype);
    const Z = this._chi2.rsample(sampleShape);
    return this.loc.add(this.scale.mul(X.mul(Z.div(this.df).rsqrt())));
  }

  override logProb(value: Tensor): Tensor {
    if (this._validateArgs) this.validateSample(value);
    valueArg(`${this.call}.log_prob`, value);
    const y = value.sub(this.loc).div(this.scale);
    const Z = this.scale.log().add(this.df.log().mul(0.5)).add(0.5 * Math.log(Math.PI))
      .add(this.df.mul(0.5).lgamma()).sub(this.df.add(1.0).mul(0.5).lgamma());
    return this.df.add(1.0).mul(-0.5).mul(y.pow(2.0).div(this.df).log1p()).sub(Z);
  }

  override entropy(): Tensor {
    const df = this.df;
    const lbeta = df.mul(0.5).lgamma().add(0.5 * Math.log(Math.PI)).sub(df.add(1).mul(0.5).lgamma());
    return this.scale.log().add(df.add(1).mul(0.5).mul(df.add(1).mul(0.5).digamma().sub(df.mul(0.5).digamma())))
      .add(df.log().mul(0.5)).add(lbeta);
  }
}
