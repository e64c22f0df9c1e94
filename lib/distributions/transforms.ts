// torch/distributions/transforms.py: invertible maps with log|det J|. Python's `t(x)` is `t.forward(x)`;
// `t.inv` is the inverse transform.
import { Tensor, isTensor, tensorArg } from '../tensor';
import { argError } from '../errors';
import * as v from '../validate';
import { eye, fullLike, ones, zeros, zerosLike } from '../creation';
import { _nn } from '../_C';
import { constantPadNd, diagEmbed, rsub } from '../_C/generated/torch';
import { slice } from '../_indexing';
import { cat, stack } from '../functions';
import * as constraints from './constraints';
import type { Distribution, Shape } from './distribution';
import { broadcastAll, broadcastShapes, finfo, sumRightmost, trilMatrixToVec, vecToTrilMatrix } from './utils';

type Sign = number | Tensor;

const T = 'torch.distributions.transforms';
function transformArg(call: string, name: string, t: unknown): Transform {
  if (!(t instanceof Transform)) throw argError(call, name, 'a Transform', t);
  return t;
}

export abstract class Transform {
  readonly _cacheSize: number;
  protected _inv: Transform | null = null;
  private _cachedXY: [Tensor | null, Tensor | null] = [null, null];

  constructor(cacheSize = 0) {
    if (cacheSize !== 0 && cacheSize !== 1) throw new RangeError('torch.distributions.transforms.Transform: cache_size must be 0 or 1');
    this._cacheSize = cacheSize;
  }

  get bijective(): boolean { return false; }
  abstract get domain(): constraints.Constraint;
  abstract get codomain(): constraints.Constraint;
  get eventDim(): number {
    // The base class declares domain and codomain without values, as Python's does.
    if (!this.domain || !this.codomain) throw new Error(`${this.constructor.name}.domain is not implemented`);
    if (this.domain.eventDim === this.codomain.eventDim) return this.domain.eventDim;
    throw new RangeError('Please use either .domain.event_dim or .codomain.event_dim');
  }
  get sign(): Sign { throw new Error(`${this.constructor.name}.sign is not implemented`); }

  get inv(): Transform {
    if (this._inv === null) this._inv = new InverseTransform(this);
    return this._inv;
  }

  /** with_cache: transforms whose constructor takes more than cache_size override this. */
  withCache(cacheSize = 1): Transform {
    if (this._cacheSize === cacheSize) return this;
    return new (this.constructor as new (cacheSize: number) => Transform)(cacheSize);
  }

  /** Python's __eq__: identity unless a transform says otherwise. */
  equals(other: Transform): boolean { return this === other; }

  /** Python's __call__. */
  forward(x: Tensor): Tensor {
    tensorArg(`${T}.${this.constructor.name}.__call__`, 'x', x);
    if (this._cacheSize === 0) return this._call(x);
    const [xOld, yOld] = this._cachedXY;
    if (x === xOld) return yOld!;
    const y = this._call(x);
    this._cachedXY = [x, y];
    return y;
  }

  _invCall(y: Tensor): Tensor {
    tensorArg(`${T}.${this.constructor.name}.inv.__call__`, 'y', y);
    if (this._cacheSize === 0) return this._inverse(y);
    const [xOld, yOld] = this._cachedXY;
    if (y === yOld) return xOld!;
    const x = this._inverse(y);
    this._cachedXY = [x, y];
    return x;
  }

  protected _call(_x: Tensor): Tensor { throw new Error(`${this.constructor.name}._call is not implemented`); }
  protected _inverse(_y: Tensor): Tensor { throw new Error(`${this.constructor.name}._inverse is not implemented`); }
  logAbsDetJacobian(_x: Tensor, _y: Tensor): Tensor { throw new Error(`${this.constructor.name}.log_abs_det_jacobian is not implemented`); }
  forwardShape(shape: Shape): Shape { return shape; }
  inverseShape(shape: Shape): Shape { return shape; }
  toString(): string { return `${this.constructor.name}()`; }
}

class InverseTransform extends Transform {
  constructor(transform: Transform) {
    super(transform._cacheSize);
    this._inv = transform;
  }
  private get base(): Transform { return this._inv!; }
  get domain(): constraints.Constraint { return this.base.codomain; }
  get codomain(): constraints.Constraint { return this.base.domain; }
  override get bijective(): boolean { return this.base.bijective; }
  override get sign(): Sign { return this.base.sign; }
  override get inv(): Transform { return this.base; }
  override withCache(cacheSize = 1): Transform { return this.base.withCache(cacheSize).inv; }
  override equals(other: Transform): boolean { return other instanceof InverseTransform && this.base.equals(other.base); }
  override toString(): string { return `_InverseTransform(${this.base})`; }
  override forward(x: Tensor): Tensor { return this.base._invCall(x); }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor { return this.base.logAbsDetJacobian(y, x).neg(); }
  override forwardShape(shape: Shape): Shape { return this.base.inverseShape(shape); }
  override inverseShape(shape: Shape): Shape { return this.base.forwardShape(shape); }
}

export class ComposeTransform extends Transform {
  readonly parts: Transform[];
  constructor(parts: Transform[], cacheSize = 0) {
    super(cacheSize);
    if (!Array.isArray(parts)) throw argError(`${T}.ComposeTransform`, 'parts', 'an array of transforms', parts);
    parts.forEach((p, i) => transformArg(`${T}.ComposeTransform`, `parts[${i}]`, p));
    this.parts = cacheSize ? parts.map((p) => p.withCache(cacheSize)) : [...parts];
  }
  override equals(other: Transform): boolean {
    return other instanceof ComposeTransform && other.parts.length === this.parts.length && this.parts.every((p, i) => p.equals(other.parts[i]));
  }
  get domain(): constraints.Constraint {
    if (this.parts.length === 0) return constraints.real;
    let domain = this.parts[0].domain;
    let eventDim = this.parts[this.parts.length - 1].codomain.eventDim;
    for (const part of [...this.parts].reverse()) {
      eventDim += part.domain.eventDim - part.codomain.eventDim;
      eventDim = Math.max(eventDim, part.domain.eventDim);
    }
    if (eventDim > domain.eventDim) domain = constraints.independent(domain, eventDim - domain.eventDim);
    return domain;
  }
  get codomain(): constraints.Constraint {
    if (this.parts.length === 0) return constraints.real;
    let codomain = this.parts[this.parts.length - 1].codomain;
    let eventDim = this.parts[0].domain.eventDim;
    for (const part of this.parts) {
      eventDim += part.codomain.eventDim - part.domain.eventDim;
      eventDim = Math.max(eventDim, part.codomain.eventDim);
    }
    if (eventDim > codomain.eventDim) codomain = constraints.independent(codomain, eventDim - codomain.eventDim);
    return codomain;
  }
  override get bijective(): boolean { return this.parts.every((p) => p.bijective); }
  override get sign(): Sign {
    let sign: Sign = 1;
    for (const p of this.parts) sign = mulSign(sign, p.sign);
    return sign;
  }
  override get inv(): Transform {
    if (this._inv === null) {
      const inv = new ComposeTransform([...this.parts].reverse().map((p) => p.inv));
      this._inv = inv;
      (inv as unknown as { _inv: Transform })._inv = this;
    }
    return this._inv;
  }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new ComposeTransform(this.parts, cacheSize);
  }
  override forward(x: Tensor): Tensor {
    for (const part of this.parts) x = part.forward(x);
    return x;
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    if (this.parts.length === 0) return zerosLike(x);
    const xs = [x];
    for (const part of this.parts.slice(0, -1)) xs.push(part.forward(xs[xs.length - 1]));
    xs.push(y);
    let eventDim = this.domain.eventDim;
    let total: Tensor | null = null;
    this.parts.forEach((part, i) => {
      const term = sumRightmost(part.logAbsDetJacobian(xs[i], xs[i + 1]), eventDim - part.domain.eventDim);
      total = total === null ? term : total.add(term);
      eventDim += part.codomain.eventDim - part.domain.eventDim;
    });
    return total!;
  }
  override forwardShape(shape: Shape): Shape {
    for (const part of this.parts) shape = part.forwardShape(shape);
    return shape;
  }
  override inverseShape(shape: Shape): Shape {
    for (const part of [...this.parts].reverse()) shape = part.inverseShape(shape);
    return shape;
  }
  override toString(): string { return `ComposeTransform(\n    ${this.parts.map(String).join(',\n    ')}\n)`; }
}

function mulSign(a: Sign, b: Sign): Sign {
  if (isTensor(a)) return a.mul(b);
  if (isTensor(b)) return b.mul(a);
  return a * b;
}

export const identityTransform = new ComposeTransform([]);

export class IndependentTransform extends Transform {
  readonly baseTransform: Transform;
  constructor(baseTransform: Transform, readonly reinterpretedBatchNdims: number, cacheSize = 0) {
    super(cacheSize);
    transformArg(`${T}.IndependentTransform`, 'base_transform', baseTransform);
    v.int(`${T}.IndependentTransform`, 'reinterpreted_batch_ndims', reinterpretedBatchNdims, 0);
    this.baseTransform = baseTransform.withCache(cacheSize);
  }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new IndependentTransform(this.baseTransform, this.reinterpretedBatchNdims, cacheSize);
  }
  get domain(): constraints.Constraint { return constraints.independent(this.baseTransform.domain, this.reinterpretedBatchNdims); }
  get codomain(): constraints.Constraint { return constraints.independent(this.baseTransform.codomain, this.reinterpretedBatchNdims); }
  override get bijective(): boolean { return this.baseTransform.bijective; }
  override get sign(): Sign { return this.baseTransform.sign; }
  protected override _call(x: Tensor): Tensor {
    if (x.dim() < this.domain.eventDim) throw new RangeError('Too few dimensions on input');
    return this.baseTransform.forward(x);
  }
  protected override _inverse(y: Tensor): Tensor {
    if (y.dim() < this.codomain.eventDim) throw new RangeError('Too few dimensions on input');
    return this.baseTransform.inv.forward(y);
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    return sumRightmost(this.baseTransform.logAbsDetJacobian(x, y), this.reinterpretedBatchNdims);
  }
  override forwardShape(shape: Shape): Shape { return this.baseTransform.forwardShape(shape); }
  override inverseShape(shape: Shape): Shape { return this.baseTransform.inverseShape(shape); }
  override toString(): string { return `IndependentTransform(${this.baseTransform}, ${this.reinterpretedBatchNdims})`; }
}

export class ExpTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.real; }
  get codomain(): constraints.Constraint { return constraints.positive; }
  override get bijective(): boolean { return true; }
  override get sign(): Sign { return 1; }
  override equals(other: Transform): boolean { return other instanceof ExpTransform; }
  protected override _call(x: Tensor): Tensor { return x.exp(); }
  protected override _inverse(y: Tensor): Tensor { return y.log(); }
  override logAbsDetJacobian(x: Tensor): Tensor { return x; }
}

export class PowerTransform extends Transform {
  readonly exponent: Tensor;
  constructor(exponent: Tensor | number, cacheSize = 0) {
    super(cacheSize);
    [this.exponent] = broadcastAll('torch.distributions.transforms.PowerTransform', ['exponent'], exponent);
  }
  override withCache(cacheSize = 1): Transform { return this._cacheSize === cacheSize ? this : new PowerTransform(this.exponent, cacheSize); }
  get domain(): constraints.Constraint { return constraints.positive; }
  get codomain(): constraints.Constraint { return constraints.positive; }
  override get bijective(): boolean { return true; }
  override get sign(): Sign { return 1; }
  override equals(other: Transform): boolean { return other instanceof PowerTransform && Boolean(this.exponent.eq(other.exponent).all().item()); }
  protected override _call(x: Tensor): Tensor { return x.pow(this.exponent); }
  protected override _inverse(y: Tensor): Tensor { return y.pow(this.exponent.reciprocal()); }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    tensorArg(`${T}.PowerTransform.log_abs_det_jacobian`, 'x', x);
    return this.exponent.mul(tensorArg(`${T}.PowerTransform.log_abs_det_jacobian`, 'y', y)).div(x).abs().log();
  }
  override forwardShape(shape: Shape): Shape { return broadcastShapes(shape, this.exponent.shape); }
  override inverseShape(shape: Shape): Shape { return broadcastShapes(shape, this.exponent.shape); }
}

function clippedSigmoid(x: Tensor): Tensor {
  const f = finfo(x.dtype);
  return x.sigmoid().clamp({ min: f.tiny, max: 1.0 - f.eps });
}

export class SigmoidTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.real; }
  get codomain(): constraints.Constraint { return constraints.unitInterval; }
  override get bijective(): boolean { return true; }
  override get sign(): Sign { return 1; }
  override equals(other: Transform): boolean { return other instanceof SigmoidTransform; }
  protected override _call(x: Tensor): Tensor { return clippedSigmoid(x); }
  protected override _inverse(y: Tensor): Tensor {
    const f = finfo(y.dtype);
    const c = y.clamp({ min: f.tiny, max: 1.0 - f.eps });
    return c.log().sub(c.neg().log1p());
  }
  override logAbsDetJacobian(x: Tensor): Tensor {
    return _nn.softplus(tensorArg(`${T}.SigmoidTransform.log_abs_det_jacobian`, 'x', x).neg()).neg().sub(_nn.softplus(x));
  }
}

export class SoftplusTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.real; }
  get codomain(): constraints.Constraint { return constraints.positive; }
  override get bijective(): boolean { return true; }
  override get sign(): Sign { return 1; }
  override equals(other: Transform): boolean { return other instanceof SoftplusTransform; }
  protected override _call(x: Tensor): Tensor { return _nn.softplus(x); }
  protected override _inverse(y: Tensor): Tensor { return y.neg().expm1().neg().log().add(y); }
  override logAbsDetJacobian(x: Tensor): Tensor { return _nn.softplus(tensorArg(`${T}.SoftplusTransform.log_abs_det_jacobian`, 'x', x).neg()).neg(); }
}

export class TanhTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.real; }
  get codomain(): constraints.Constraint { return constraints.interval(-1.0, 1.0); }
  override get bijective(): boolean { return true; }
  override get sign(): Sign { return 1; }
  override equals(other: Transform): boolean { return other instanceof TanhTransform; }
  protected override _call(x: Tensor): Tensor { return x.tanh(); }
  protected override _inverse(y: Tensor): Tensor { return y.atanh(); }
  override logAbsDetJacobian(x: Tensor): Tensor {
    return tensorArg(`${T}.TanhTransform.log_abs_det_jacobian`, 'x', x).neg().add(Math.log(2.0)).sub(_nn.softplus(x.mul(-2.0))).mul(2.0);
  }
}

export class AbsTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.real; }
  get codomain(): constraints.Constraint { return constraints.positive; }
  override equals(other: Transform): boolean { return other instanceof AbsTransform; }
  protected override _call(x: Tensor): Tensor { return x.abs(); }
  protected override _inverse(y: Tensor): Tensor { return y; }
}

export class AffineTransform extends Transform {
  constructor(readonly loc: Tensor | number, readonly scale: Tensor | number, readonly _eventDim = 0, cacheSize = 0) {
    super(cacheSize);
    for (const [name, x] of [['loc', loc], ['scale', scale]] as const) {
      if (typeof x !== 'number' && !isTensor(x)) throw argError(`${T}.AffineTransform`, name, 'a number or a Tensor', x);
    }
    v.int(`${T}.AffineTransform`, 'event_dim', _eventDim, 0);
  }
  override get eventDim(): number { return this._eventDim; }
  get domain(): constraints.Constraint { return this._eventDim === 0 ? constraints.real : constraints.independent(constraints.real, this._eventDim); }
  get codomain(): constraints.Constraint { return this.domain; }
  override get bijective(): boolean { return true; }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new AffineTransform(this.loc, this.scale, this._eventDim, cacheSize);
  }
  override equals(other: Transform): boolean {
    if (!(other instanceof AffineTransform)) return false;
    const same = (a: Tensor | number, b: Tensor | number): boolean =>
      (typeof a === 'number' && typeof b === 'number') ? a === b : Boolean((isTensor(a) ? a.eq(b) : (b as Tensor).eq(a)).all().item());
    return same(this.loc, other.loc) && same(this.scale, other.scale);
  }
  override get sign(): Sign {
    return typeof this.scale === 'number' ? Math.sign(this.scale) : this.scale.sign();
  }
  protected override _call(x: Tensor): Tensor {
    const sx = isTensor(this.scale) ? this.scale.mul(x) : x.mul(this.scale);
    return isTensor(this.loc) ? this.loc.add(sx) : sx.add(this.loc);
  }
  protected override _inverse(y: Tensor): Tensor { return y.sub(this.loc).div(this.scale); }
  override logAbsDetJacobian(x: Tensor): Tensor {
    let shape = tensorArg(`${T}.AffineTransform.log_abs_det_jacobian`, 'x', x).shape;
    let result = typeof this.scale === 'number' ? fullLike(x, Math.log(Math.abs(this.scale))) : this.scale.abs().log();
    if (this._eventDim) {
      result = result.view([...result.shape.slice(0, -this._eventDim), -1]).sum(-1);
      shape = shape.slice(0, -this._eventDim);
    }
    return result.expand(shape);
  }
  override forwardShape(shape: Shape): Shape {
    return broadcastShapes(shape, isTensor(this.loc) ? this.loc.shape : [], isTensor(this.scale) ? this.scale.shape : []);
  }
  override inverseShape(shape: Shape): Shape { return this.forwardShape(shape); }
  override toString(): string { return 'AffineTransform()'; }
}

/**
 * An unconstrained vector of length D(D-1)/2 to the Cholesky factor of a D x D correlation matrix: the
 * vector fills the strict lower triangle row by row, and each row goes through a signed stick-breaking
 * (r = tanh(x), z = r^2 stick-broken, y = sign(r) sqrt(s)) onto a unit-length row.
 */
export class CorrCholeskyTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.realVector; }
  get codomain(): constraints.Constraint { return constraints.corrCholesky; }
  override get bijective(): boolean { return true; }
  protected override _call(x: Tensor): Tensor {
    x = x.tanh();
    const eps = finfo(x.dtype).eps;
    x = x.clamp({ min: -1 + eps, max: 1 - eps });
    let r = vecToTrilMatrix(x, -1);
    // Stick-breaking on the squared values: y = sign(r) * sqrt(z * z1m_cumprod) = r * sqrt(z1m_cumprod)
    const z = r.pow(2);
    const z1mCumprodSqrt = rsub(z, 1).sqrt().cumprod(-1);
    // Diagonal elements must be 1.
    r = r.add(eye(r.size(-1), { dtype: r.dtype }));
    return r.mul(constantPadNd(z1mCumprodSqrt.index('...', slice(null, -1)), [1, 0], 1));
  }
  protected override _inverse(y: Tensor): Tensor {
    // Inverse stick-breaking (Stan reference manual, Cholesky factors of correlation matrices)
    const yCumsum = rsub(y.mul(y).cumsum(-1), 1);
    const yCumsumShifted = constantPadNd(yCumsum.index('...', slice(null, -1)), [1, 0], 1);
    const yVec = trilMatrixToVec(y, -1);
    const yCumsumVec = trilMatrixToVec(yCumsumShifted, -1);
    const t = yVec.div(yCumsumVec.sqrt());
    // inverse of tanh
    return t.add(1).div(rsub(t, 1)).log().div(2);
  }
  /** Domain and codomain differ in dimension: this is log|det J| of x against y's flattened lower triangle. */
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    tensorArg(`${T}.CorrCholeskyTransform.log_abs_det_jacobian`, 'x', x);
    tensorArg(`${T}.CorrCholeskyTransform.log_abs_det_jacobian`, 'y', y);
    const y1mCumsum = rsub(y.mul(y).cumsum(-1), 1);
    // diag -2 needs no shift of z_cumprod to the right, and works for 2 x 2 matrices too
    const y1mCumsumTril = trilMatrixToVec(y1mCumsum, -2);
    const stickBreakingLogdet = y1mCumsumTril.log().sum(-1).mul(0.5);
    const tanhLogdet = x.add(_nn.softplus(x.mul(-2))).sub(Math.log(2.0)).sum(-1).mul(-2);
    return stickBreakingLogdet.add(tanhLogdet);
  }
  /** (..., N) to (..., D, D). */
  override forwardShape(shape: Shape): Shape {
    atLeast1d(shape);
    const N = shape[shape.length - 1];
    const D = Math.round(Math.sqrt(0.25 + 2 * N) + 0.5);
    if ((D * (D - 1)) / 2 !== N) throw new RangeError('Input is not a flattend lower-diagonal number');
    return [...shape.slice(0, -1), D, D];
  }
  /** (..., D, D) to (..., N). */
  override inverseShape(shape: Shape): Shape {
    v.ints(`${T}.CorrCholeskyTransform.inverse_shape`, 'shape', shape);
    if (shape.length < 2) throw new RangeError('Too few dimensions on input');
    if (shape[shape.length - 2] !== shape[shape.length - 1]) throw new RangeError('Input is not square');
    const D = shape[shape.length - 1];
    return [...shape.slice(0, -2), (D * (D - 1)) / 2];
  }
}

export class SoftmaxTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.realVector; }
  get codomain(): constraints.Constraint { return constraints.simplex; }
  override equals(other: Transform): boolean { return other instanceof SoftmaxTransform; }
  protected override _call(x: Tensor): Tensor {
    const probs = x.sub(x.max(-1, true)[0]).exp();
    return probs.div(probs.sum(-1, true));
  }
  protected override _inverse(y: Tensor): Tensor { return y.log(); }
  override forwardShape(shape: Shape): Shape { return atLeast1d(shape); }
  override inverseShape(shape: Shape): Shape { return atLeast1d(shape); }
}

function atLeast1d(shape: Shape): Shape {
  v.ints(`${T}.forward_shape / inverse_shape`, 'shape', shape);
  if (shape.length < 1) throw new RangeError('Too few dimensions on input');
  return shape;
}

/** Python's `n + extra - x.new_ones(n).cumsum(-1)`: the stick-breaking offsets n + extra - 1, ..., extra. */
function stickOffset(n: number, extra: number, dtype: Tensor['dtype']): Tensor {
  return ones([n], { dtype }).cumsum(-1).neg().add(n + extra);
}

export class StickBreakingTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.realVector; }
  get codomain(): constraints.Constraint { return constraints.simplex; }
  override get bijective(): boolean { return true; }
  override equals(other: Transform): boolean { return other instanceof StickBreakingTransform; }
  protected override _call(x: Tensor): Tensor {
    const offset = stickOffset(x.size(-1), 1, x.dtype);
    const z = clippedSigmoid(x.sub(offset.log()));
    const zCumprod = z.neg().add(1).cumprod(-1);
    return constantPadNd(z, [0, 1], 1).mul(constantPadNd(zCumprod, [1, 0], 1));
  }
  protected override _inverse(y: Tensor): Tensor {
    const yCrop = y.index('...', slice(null, -1));
    const offset = stickOffset(yCrop.size(-1), 1, y.dtype);
    const sf = yCrop.cumsum(-1).neg().add(1).clamp({ min: finfo(y.dtype).tiny });
    return yCrop.log().sub(sf.log()).add(offset.log());
  }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    tensorArg(`${T}.StickBreakingTransform.log_abs_det_jacobian`, 'x', x);
    tensorArg(`${T}.StickBreakingTransform.log_abs_det_jacobian`, 'y', y);
    const offset = stickOffset(x.size(-1), 1, x.dtype);
    const xs = x.sub(offset.log());
    return xs.neg().add(_nn.logSigmoid(xs)).add(y.index('...', slice(null, -1)).log()).sum(-1);
  }
  override forwardShape(shape: Shape): Shape { atLeast1d(shape); return [...shape.slice(0, -1), shape[shape.length - 1] + 1]; }
  override inverseShape(shape: Shape): Shape { atLeast1d(shape); return [...shape.slice(0, -1), shape[shape.length - 1] - 1]; }
}

export class LowerCholeskyTransform extends Transform {
  get domain(): constraints.Constraint { return constraints.independent(constraints.real, 2); }
  get codomain(): constraints.Constraint { return constraints.lowerCholesky; }
  override equals(other: Transform): boolean { return other instanceof LowerCholeskyTransform; }
  protected override _call(x: Tensor): Tensor { return x.tril(-1).add(diagEmbed(x.diagonal({ dim1: -2, dim2: -1 }).exp())); }
  protected override _inverse(y: Tensor): Tensor { return y.tril(-1).add(diagEmbed(y.diagonal({ dim1: -2, dim2: -1 }).log())); }
}

export class ReshapeTransform extends Transform {
  readonly inShape: Shape;
  readonly outShape: Shape;
  constructor(inShape: Shape, outShape: Shape, cacheSize = 0) {
    super(cacheSize);
    const call = 'torch.distributions.transforms.ReshapeTransform';
    this.inShape = v.ints(call, 'in_shape', inShape, 0);
    this.outShape = v.ints(call, 'out_shape', outShape, 0);
    const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);
    if (numel(this.inShape) !== numel(this.outShape)) throw new RangeError(`${call}: in_shape, out_shape have different numbers of elements`);
  }
  get domain(): constraints.Constraint { return constraints.independent(constraints.real, this.inShape.length); }
  get codomain(): constraints.Constraint { return constraints.independent(constraints.real, this.outShape.length); }
  override get bijective(): boolean { return true; }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new ReshapeTransform(this.inShape, this.outShape, cacheSize);
  }
  protected override _call(x: Tensor): Tensor { return x.reshape([...x.shape.slice(0, x.dim() - this.inShape.length), ...this.outShape]); }
  protected override _inverse(y: Tensor): Tensor { return y.reshape([...y.shape.slice(0, y.dim() - this.outShape.length), ...this.inShape]); }
  override logAbsDetJacobian(x: Tensor): Tensor { return zeros(x.shape.slice(0, x.dim() - this.inShape.length), { dtype: x.dtype }); }
  override forwardShape(shape: Shape): Shape { return reshapeShape(shape, this.inShape, this.outShape); }
  override inverseShape(shape: Shape): Shape { return reshapeShape(shape, this.outShape, this.inShape); }
}

function reshapeShape(shape: Shape, from: Shape, to: Shape): Shape {
  if (shape.length < from.length) throw new RangeError('Too few dimensions on input');
  const cut = shape.length - from.length;
  if (!shape.slice(cut).every((s, i) => s === from[i])) {
    throw new RangeError(`Shape mismatch: expected torch.Size([${shape.slice(cut).join(', ')}]) but got torch.Size([${from.join(', ')}])`);
  }
  return [...shape.slice(0, cut), ...to];
}

/** Python's asserts on dim and the size along it, as errors. */
function checkAlong(call: string, z: Tensor, dim: number, size: number): void {
  tensorArg(`${T}.${call}`, 'x', z);
  if (!(-z.dim() <= dim && dim < z.dim())) throw new RangeError(`${call}: dim ${dim} is out of range for a ${z.dim()}-d input`);
  if (z.size(dim) !== size) throw new RangeError(`${call}: expected size ${size} along dim ${dim}, got ${z.size(dim)}`);
}

function transformList(call: string, tseq: unknown, dim: unknown): void {
  if (!Array.isArray(tseq)) throw argError(call, 'tseq', 'an array of transforms', tseq);
  tseq.forEach((t, i) => transformArg(call, `tseq[${i}]`, t));
  v.int(call, 'dim', dim);
}

/** Applies transforms[i] to the i-th piece (of lengths[i]) of x along dim. */
export class CatTransform extends Transform {
  readonly transforms: Transform[];
  readonly lengths: number[];
  readonly dim: number;
  constructor(tseq: Transform[], dim = 0, lengths?: number[] | null, cacheSize = 0) {
    super(cacheSize);
    transformList(`${T}.CatTransform`, tseq, dim);
    if (lengths !== undefined && lengths !== null) v.ints(`${T}.CatTransform`, 'lengths', lengths, 0);
    this.transforms = cacheSize ? tseq.map((t) => t.withCache(cacheSize)) : [...tseq];
    this.lengths = lengths ?? this.transforms.map(() => 1);
    if (this.lengths.length !== this.transforms.length) throw new RangeError('torch.distributions.transforms.CatTransform: lengths must have one entry per transform');
    this.dim = dim;
  }
  override get eventDim(): number { return Math.max(...this.transforms.map((t) => t.eventDim)); }
  get length(): number { return this.lengths.reduce((a, b) => a + b, 0); }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new CatTransform(this.transforms, this.dim, this.lengths, cacheSize);
  }
  private pieces(z: Tensor): Tensor[] {
    checkAlong('CatTransform', z, this.dim, this.length);
    let start = 0;
    return this.lengths.map((n) => { const p = z.narrow(this.dim, start, n); start += n; return p; });
  }
  protected override _call(x: Tensor): Tensor { return cat(this.pieces(x).map((p, i) => this.transforms[i].forward(p)), this.dim); }
  protected override _inverse(y: Tensor): Tensor { return cat(this.pieces(y).map((p, i) => this.transforms[i].inv.forward(p)), this.dim); }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    const ys = this.pieces(y);
    const terms = this.pieces(x).map((xp, i) => {
      const t = this.transforms[i];
      const l = t.logAbsDetJacobian(xp, ys[i]);
      return t.eventDim < this.eventDim ? sumRightmost(l, this.eventDim - t.eventDim) : l;
    });
    let dim = this.dim >= 0 ? this.dim - x.dim() : this.dim;
    dim += this.eventDim;
    return dim < 0 ? cat(terms, dim) : terms.reduce((a, b) => a.add(b));
  }
  override get bijective(): boolean { return this.transforms.every((t) => t.bijective); }
  get domain(): constraints.Constraint { return constraints.cat(this.transforms.map((t) => t.domain), this.dim, this.lengths); }
  get codomain(): constraints.Constraint { return constraints.cat(this.transforms.map((t) => t.codomain), this.dim, this.lengths); }
}

/** Applies transforms[i] to x.select(dim, i). */
export class StackTransform extends Transform {
  readonly transforms: Transform[];
  readonly dim: number;
  constructor(tseq: Transform[], dim = 0, cacheSize = 0) {
    super(cacheSize);
    transformList(`${T}.StackTransform`, tseq, dim);
    this.transforms = cacheSize ? tseq.map((t) => t.withCache(cacheSize)) : [...tseq];
    this.dim = dim;
  }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new StackTransform(this.transforms, this.dim, cacheSize);
  }
  private slices(z: Tensor): Tensor[] {
    checkAlong('StackTransform', z, this.dim, this.transforms.length);
    return this.transforms.map((_, i) => z.select(this.dim, i));
  }
  protected override _call(x: Tensor): Tensor { return stack(this.slices(x).map((s, i) => this.transforms[i].forward(s)), this.dim); }
  protected override _inverse(y: Tensor): Tensor { return stack(this.slices(y).map((s, i) => this.transforms[i].inv.forward(s)), this.dim); }
  override logAbsDetJacobian(x: Tensor, y: Tensor): Tensor {
    const ys = this.slices(y);
    return stack(this.slices(x).map((s, i) => this.transforms[i].logAbsDetJacobian(s, ys[i])), this.dim);
  }
  override get bijective(): boolean { return this.transforms.every((t) => t.bijective); }
  get domain(): constraints.Constraint { return constraints.stack(this.transforms.map((t) => t.domain), this.dim); }
  get codomain(): constraints.Constraint { return constraints.stack(this.transforms.map((t) => t.codomain), this.dim); }
}

/** The distribution's cdf as a transform onto [0, 1] (its log|det J| is the log density). */
export class CumulativeDistributionTransform extends Transform {
  constructor(readonly distribution: Distribution, cacheSize = 0) {
    super(cacheSize);
    // Checked by shape: this file imports Distribution as a type only.
    if (distribution === null || typeof distribution !== 'object' || typeof (distribution as Distribution).logProb !== 'function') {
      throw argError(`${T}.CumulativeDistributionTransform`, 'distribution', 'a Distribution', distribution);
    }
  }
  override get bijective(): boolean { return true; }
  get domain(): constraints.Constraint { return this.distribution.support; }
  get codomain(): constraints.Constraint { return constraints.unitInterval; }
  override get sign(): Sign { return 1; }
  protected override _call(x: Tensor): Tensor { return this.distribution.cdf(x); }
  protected override _inverse(y: Tensor): Tensor { return this.distribution.icdf(y); }
  override logAbsDetJacobian(x: Tensor): Tensor { return this.distribution.logProb(x); }
  override withCache(cacheSize = 1): Transform {
    return this._cacheSize === cacheSize ? this : new CumulativeDistributionTransform(this.distribution, cacheSize);
  }
}
