// torch/distributions/constraints.py: the sets a parameter or a sample must lie in. `check(value)`
// gives a bool tensor over value's batch dimensions; String(c) is Python's repr.
import { Tensor, isTensor } from '../tensor';
import { bool as boolDtype } from '../dtype';
import { full } from '../creation';
import { stack as stackTensors, cat as catTensors } from '../functions';
import * as linalg from '../linalg';
import { finfo, pyFormat } from './utils';
import { argError, NotImplementedError } from '../errors';
import * as v from '../validate';
import '../_C';

type Bound = number | Tensor;

/** Python's repr of a bound: floats keep their '.0', tensors print as tensors. */
function boundRepr(b: Bound, isFloat: boolean): string {
  if (isTensor(b)) return pyFormat(b);
  if (isFloat && Number.isInteger(b)) return b.toFixed(1);
  return String(b);
}

/** check(value)'s argument: a tensor (Python fails at the first tensor method it calls on another value). */
function valueArg(c: Constraint, value: unknown): Tensor {
  if (!isTensor(value)) throw argError(`constraints.${c.constructor.name}.check`, 'value', 'a Tensor', value);
  return value;
}

function boundArg(c: Constraint, name: string, b: unknown): void {
  if (typeof b !== 'number' && !isTensor(b)) throw argError(`constraints.${c.constructor.name}`, v.pythonName(name), 'a number or a Tensor', b);
}

export abstract class Constraint {
  get isDiscrete(): boolean { return false; }
  get eventDim(): number { return 0; }
  abstract check(value: Tensor): Tensor;
  /** Python's repr: the class name without its leading underscore. */
  toString(): string { return `${this.constructor.name}()`; }
}

/** A placeholder for a constraint that depends on other parameters; it cannot be checked. */
export class Dependent extends Constraint {
  constructor(readonly _isDiscrete?: boolean, readonly _eventDim?: number) { super(); }
  override get isDiscrete(): boolean {
    if (this._isDiscrete === undefined) throw new NotImplementedError('.is_discrete cannot be determined statically');
    return this._isDiscrete;
  }
  override get eventDim(): number {
    if (this._eventDim === undefined) throw new NotImplementedError('.event_dim cannot be determined statically');
    return this._eventDim;
  }
  /** dependent(isDiscrete, eventDim): Python's `dependent(is_discrete=..., event_dim=...)`. */
  call(opts: { isDiscrete?: boolean; eventDim?: number } = {}): Dependent {
    const call = 'constraints.dependent';
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['isDiscrete', 'eventDim']);
    const isDiscrete = o.isDiscrete === undefined ? this._isDiscrete : v.bool(call, 'is_discrete', o.isDiscrete);
    return new Dependent(isDiscrete, o.eventDim === undefined ? this._eventDim : v.int(call, 'event_dim', o.eventDim, 0));
  }
  check(): Tensor {
    throw new RangeError('Cannot determine validity of dependent constraint');
  }
}

type DependentOpts = { isDiscrete?: boolean; eventDim?: number };

/**
 * Python's `_DependentProperty`: a `dependent` constraint that is also a property computing the
 * actual constraint from the object (`support` of Uniform is `interval(low, high)`). `get(obj)` is
 * Python's attribute access on an instance; `call(fn)` is the decorator form, keeping the static
 * `isDiscrete` / `eventDim`.
 */
export class DependentProperty extends Dependent {
  constructor(readonly fget: ((this: unknown) => Constraint) | null = null, opts: DependentOpts = {}) {
    const call = 'constraints.dependent_property';
    if (fget !== null && typeof fget !== 'function') throw argError(call, 'fn', 'a function or null', fget);
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['isDiscrete', 'eventDim']);
    super(o.isDiscrete === undefined ? undefined : v.bool(call, 'is_discrete', o.isDiscrete), o.eventDim === undefined ? undefined : v.int(call, 'event_dim', o.eventDim, 0));
  }
  /** `__call__(fn)`: the same static attributes around `fn`; given options instead, as `dependent(...)`. */
  override call(fnOrOpts?: ((this: unknown) => Constraint) | DependentOpts): Dependent {
    if (typeof fnOrOpts === 'function') return new DependentProperty(fnOrOpts, { isDiscrete: this._isDiscrete, eventDim: this._eventDim });
    return super.call(fnOrOpts);
  }
  /** Python's `__get__(obj)`: `fn(obj)`. */
  get(obj: unknown): Constraint {
    if (this.fget === null) throw new TypeError('constraints.dependent_property: unreadable attribute (no getter)');
    return this.fget.call(obj);
  }
}

/**
 * `dependent_property(fn=None, *, is_discrete=NotImplemented, event_dim=NotImplemented)`:
 * `dependentProperty(fn, { isDiscrete, eventDim })`, or `dependentProperty({ ... }).call(fn)` as
 * Python's `@constraints.dependent_property(...)` decorator.
 */
export function dependentProperty(fn?: ((this: unknown) => Constraint) | DependentOpts | null, opts?: DependentOpts): DependentProperty {
  if (fn !== undefined && fn !== null && typeof fn !== 'function') return new DependentProperty(null, fn);
  return new DependentProperty(fn ?? null, opts);
}

export function isDependent(c: unknown): boolean {
  return c instanceof Dependent;
}

export class IndependentConstraint extends Constraint {
  constructor(readonly baseConstraint: Constraint, readonly reinterpretedBatchNdims: number) {
    super();
    if (!(baseConstraint instanceof Constraint)) throw new TypeError('constraints.independent: base_constraint must be a Constraint');
    if (!Number.isInteger(reinterpretedBatchNdims) || reinterpretedBatchNdims < 0) {
      throw new RangeError(`constraints.independent: reinterpreted_batch_ndims must be a non-negative integer, got ${reinterpretedBatchNdims}`);
    }
  }
  override get isDiscrete(): boolean { return this.baseConstraint.isDiscrete; }
  override get eventDim(): number { return this.baseConstraint.eventDim + this.reinterpretedBatchNdims; }
  check(value: Tensor): Tensor {
    const result = this.baseConstraint.check(valueArg(this, value));
    if (result.dim() < this.reinterpretedBatchNdims) {
      const expected = this.baseConstraint.eventDim + this.reinterpretedBatchNdims;
      throw new RangeError(`Expected value.dim() >= ${expected} but got ${value.dim()}`);
    }
    const keep = result.shape.slice(0, result.dim() - this.reinterpretedBatchNdims);
    return result.reshape([...keep, -1]).all(-1);
  }
  override toString(): string { return `IndependentConstraint(${this.baseConstraint}, ${this.reinterpretedBatchNdims})`; }
}

class Boolean_ extends Constraint {
  override get isDiscrete(): boolean { return true; }
  check(value: Tensor): Tensor { return valueArg(this, value).eq(0).logicalOr(value.eq(1)); }
  override toString(): string { return 'Boolean()'; }
}

class OneHot extends Constraint {
  override get isDiscrete(): boolean { return true; }
  override get eventDim(): number { return 1; }
  check(value: Tensor): Tensor {
    const isBoolean = valueArg(this, value).eq(0).logicalOr(value.eq(1));
    return isBoolean.all(-1).logicalAnd(value.sum(-1).eq(1));
  }
}

export class IntegerInterval extends Constraint {
  constructor(readonly lowerBound: Bound, readonly upperBound: Bound) { super(); boundArg(this, 'lowerBound', lowerBound); boundArg(this, 'upperBound', upperBound); }
  override get isDiscrete(): boolean { return true; }
  check(value: Tensor): Tensor {
    return valueArg(this, value).remainder(1).eq(0).logicalAnd(value.ge(this.lowerBound)).logicalAnd(value.le(this.upperBound));
  }
  override toString(): string { return `IntegerInterval(lower_bound=${boundRepr(this.lowerBound, false)}, upper_bound=${boundRepr(this.upperBound, false)})`; }
}

export class IntegerGreaterThan extends Constraint {
  constructor(readonly lowerBound: number) { super(); boundArg(this, 'lowerBound', lowerBound); }
  override get isDiscrete(): boolean { return true; }
  check(value: Tensor): Tensor { return valueArg(this, value).remainder(1).eq(0).logicalAnd(value.ge(this.lowerBound)); }
  override toString(): string { return `IntegerGreaterThan(lower_bound=${this.lowerBound})`; }
}

class Real extends Constraint {
  check(value: Tensor): Tensor { return valueArg(this, value).eq(value); }
}

export class GreaterThan extends Constraint {
  constructor(readonly lowerBound: Bound) { super(); boundArg(this, 'lowerBound', lowerBound); }
  check(value: Tensor): Tensor { return valueArg(this, value).gt(this.lowerBound); }
  override toString(): string { return `GreaterThan(lower_bound=${boundRepr(this.lowerBound, true)})`; }
}

export class GreaterThanEq extends Constraint {
  constructor(readonly lowerBound: Bound) { super(); boundArg(this, 'lowerBound', lowerBound); }
  check(value: Tensor): Tensor { return valueArg(this, value).ge(this.lowerBound); }
  override toString(): string { return `GreaterThanEq(lower_bound=${boundRepr(this.lowerBound, true)})`; }
}

export class LessThan extends Constraint {
  constructor(readonly upperBound: Bound) { super(); boundArg(this, 'upperBound', upperBound); }
  check(value: Tensor): Tensor { return valueArg(this, value).lt(this.upperBound); }
  override toString(): string { return `LessThan(upper_bound=${boundRepr(this.upperBound, true)})`; }
}

export class Interval extends Constraint {
  constructor(readonly lowerBound: Bound, readonly upperBound: Bound) { super(); boundArg(this, 'lowerBound', lowerBound); boundArg(this, 'upperBound', upperBound); }
  check(value: Tensor): Tensor { return valueArg(this, value).ge(this.lowerBound).logicalAnd(value.le(this.upperBound)); }
  override toString(): string { return `Interval(lower_bound=${boundRepr(this.lowerBound, true)}, upper_bound=${boundRepr(this.upperBound, true)})`; }
}

export class HalfOpenInterval extends Constraint {
  constructor(readonly lowerBound: Bound, readonly upperBound: Bound) { super(); boundArg(this, 'lowerBound', lowerBound); boundArg(this, 'upperBound', upperBound); }
  check(value: Tensor): Tensor { return valueArg(this, value).ge(this.lowerBound).logicalAnd(value.lt(this.upperBound)); }
  override toString(): string { return `HalfOpenInterval(lower_bound=${boundRepr(this.lowerBound, true)}, upper_bound=${boundRepr(this.upperBound, true)})`; }
}

class Simplex extends Constraint {
  override get eventDim(): number { return 1; }
  check(value: Tensor): Tensor {
    return valueArg(this, value).ge(0).all(-1).logicalAnd(value.sum(-1).sub(1).abs().lt(1e-6));
  }
}

export class Multinomial extends Constraint {
  constructor(readonly upperBound: Bound) { super(); boundArg(this, 'upperBound', upperBound); }
  override get isDiscrete(): boolean { return true; }
  override get eventDim(): number { return 1; }
  check(x: Tensor): Tensor { return valueArg(this, x).ge(0).all(-1).logicalAnd(x.sum(-1).le(this.upperBound)); }
}

function isLowerTriangular(value: Tensor): Tensor {
  return value.tril().eq(value).view([...value.shape.slice(0, -2), -1]).min(-1)[0];
}

class LowerTriangular extends Constraint {
  override get eventDim(): number { return 2; }
  check(value: Tensor): Tensor { return isLowerTriangular(valueArg(this, value)); }
}

class LowerCholesky extends Constraint {
  override get eventDim(): number { return 2; }
  check(value: Tensor): Tensor {
    const positiveDiagonal = valueArg(this, value).diagonal({ dim1: -2, dim2: -1 }).gt(0).min(-1)[0];
    return isLowerTriangular(value).logicalAnd(positiveDiagonal);
  }
}

/** Lower-triangular square matrices with positive diagonals and rows of unit length. */
class CorrCholesky extends Constraint {
  override get eventDim(): number { return 2; }
  check(value: Tensor): Tensor {
    const tol = finfo(valueArg(this, value).dtype).eps * value.size(-1) * 10;  // 10 is an adjustable fudge factor
    const rowNorm = linalg.norm(value.detach(), { dim: -1 });
    const unitRowNorm = rowNorm.sub(1.0).abs().le(tol).all(-1);
    return new LowerCholesky().check(value).bitwiseAnd(unitRowNorm);
  }
}

class Square extends Constraint {
  override get eventDim(): number { return 2; }
  check(value: Tensor): Tensor {
    const n = valueArg(this, value).dim();
    return full(value.shape.slice(0, -2), value.shape[n - 2] === value.shape[n - 1], { dtype: boolDtype });
  }
}

class Symmetric extends Square {
  override check(value: Tensor): Tensor {
    const square = super.check(value);
    if (!square.all().item()) return square;
    return value.isclose(value.transpose(-2, -1), { atol: 1e-6 }).all(-2).all(-1);
  }
}

class PositiveSemidefinite extends Symmetric {
  override check(value: Tensor): Tensor {
    const sym = super.check(value);
    if (!sym.all().item()) return sym;
    return linalg.eigvalsh(value).ge(0).all(-1);
  }
}

class PositiveDefinite extends Symmetric {
  override check(value: Tensor): Tensor {
    const sym = super.check(value);
    if (!sym.all().item()) return sym;
    return linalg.choleskyEx(value)[1].eq(0);
  }
}

function constraintList(call: string, cseq: unknown, dim: unknown): void {
  if (!Array.isArray(cseq)) throw argError(call, 'cseq', 'an array of constraints', cseq);
  cseq.forEach((c, i) => { if (!(c instanceof Constraint)) throw argError(call, `cseq[${i}]`, 'a Constraint', c); });
  v.int(call, 'dim', dim);
}

export class Cat extends Constraint {
  readonly lengths: number[];
  constructor(readonly cseq: Constraint[], readonly dim = 0, lengths?: number[]) {
    super();
    constraintList('constraints.cat', cseq, dim);
    this.lengths = lengths === undefined || lengths === null ? cseq.map(() => 1) : v.ints('constraints.cat', 'lengths', lengths, 0);
  }
  override get isDiscrete(): boolean { return this.cseq.some((c) => c.isDiscrete); }
  override get eventDim(): number { return Math.max(...this.cseq.map((c) => c.eventDim)); }
  check(value: Tensor): Tensor {
    valueArg(this, value);
    let start = 0;
    const checks = this.cseq.map((c, i) => {
      const r = c.check(value.narrow(this.dim, start, this.lengths[i]));
      start += this.lengths[i];
      return r;
    });
    return catTensors(checks, this.dim);
  }
}

export class Stack extends Constraint {
  constructor(readonly cseq: Constraint[], readonly dim = 0) {
    super();
    constraintList('constraints.stack', cseq, dim);
  }
  override get isDiscrete(): boolean { return this.cseq.some((c) => c.isDiscrete); }
  override get eventDim(): number {
    let d = Math.max(...this.cseq.map((c) => c.eventDim));
    if (this.dim + d < 0) d += 1;
    return d;
  }
  check(value: Tensor): Tensor {
    valueArg(this, value);
    return stackTensors(this.cseq.map((c, i) => c.check(value.select(this.dim, i))), this.dim);
  }
}

export const dependent = new Dependent();
export const boolean = new Boolean_();
export const oneHot = new OneHot();
export const nonnegativeInteger = new IntegerGreaterThan(0);
export const positiveInteger = new IntegerGreaterThan(1);
export const real = new Real();
export const realVector = new IndependentConstraint(real, 1);
export const positive = new GreaterThan(0);
export const nonnegative = new GreaterThanEq(0);
export const unitInterval = new Interval(0, 1);
export const simplex = new Simplex();
export const lowerTriangular = new LowerTriangular();
export const lowerCholesky = new LowerCholesky();
export const corrCholesky = new CorrCholesky();
export const square = new Square();
export const symmetric = new Symmetric();
export const positiveSemidefinite = new PositiveSemidefinite();
export const positiveDefinite = new PositiveDefinite();
// Python's lower-case constructors.
export const independent = (base: Constraint, reinterpretedBatchNdims: number): Constraint => new IndependentConstraint(base, reinterpretedBatchNdims);
export const integerInterval = (lowerBound: Bound, upperBound: Bound): Constraint => new IntegerInterval(lowerBound, upperBound);
export const greaterThan = (lowerBound: Bound): Constraint => new GreaterThan(lowerBound);
export const greaterThanEq = (lowerBound: Bound): Constraint => new GreaterThanEq(lowerBound);
export const lessThan = (upperBound: Bound): Constraint => new LessThan(upperBound);
export const interval = (lowerBound: Bound, upperBound: Bound): Constraint => new Interval(lowerBound, upperBound);
export const halfOpenInterval = (lowerBound: Bound, upperBound: Bound): Constraint => new HalfOpenInterval(lowerBound, upperBound);
export const multinomial = (upperBound: Bound): Constraint => new Multinomial(upperBound);
export const cat = (cseq: Constraint[], dim = 0, lengths?: number[]): Constraint => new Cat(cseq, dim, lengths);
export const stack = (cseq: Constraint[], dim = 0): Constraint => new Stack(cseq, dim);
