// torch/distributions/constraint_registry.py: biject_to(constraint) and transform_to(constraint) give a
// transform from unconstrained space onto the constraint's set, looked up by the constraint's exact class.
import { describe } from '../errors';
import { Tensor, isTensor } from '../tensor';
import * as constraints from './constraints';
import { Cat, Constraint, GreaterThan, GreaterThanEq, HalfOpenInterval, IndependentConstraint, Interval, LessThan, Stack } from './constraints';
import {
  AffineTransform, CatTransform, ComposeTransform, CorrCholeskyTransform, ExpTransform, IndependentTransform, LowerCholeskyTransform, SigmoidTransform, SoftmaxTransform,
  StackTransform, StickBreakingTransform, Transform, identityTransform,
} from './transforms';

type ConstraintClass = abstract new (...a: never[]) => Constraint;
type Factory = (constraint: any) => Transform;  // eslint-disable-line @typescript-eslint/no-explicit-any

export class ConstraintRegistry {
  private readonly registry = new Map<ConstraintClass, Factory>();

  /** register(constraint, factory): constraint is a Constraint class or instance (its class is used). */
  register(constraint: Constraint | ConstraintClass, factory: Factory): Factory {
    const cls = constraint instanceof Constraint ? (constraint.constructor as ConstraintClass) : constraint;
    if (typeof cls !== 'function' || !(cls === Constraint || cls.prototype instanceof Constraint)) {
      throw new TypeError(`ConstraintRegistry.register: Expected constraint to be either a Constraint subclass or instance, but got ${describe(constraint)}`);
    }
    if (typeof factory !== 'function') throw new TypeError('ConstraintRegistry.register: factory must be a function');
    this.registry.set(cls, factory);
    return factory;
  }

  /** Python's __call__. */
  call(constraint: Constraint): Transform {
    const factory = constraint instanceof Constraint ? this.registry.get(constraint.constructor as ConstraintClass) : undefined;
    if (factory === undefined) {
      const name = constraint instanceof Constraint ? constraint.constructor.name : typeof constraint;
      throw new Error(`Cannot transform ${name} constraints`);
    }
    return factory(constraint);
  }
}

/** A registry that is also callable, as Python's biject_to(c) and transform_to(c) are. */
function callable(registry: ConstraintRegistry): ((constraint: Constraint) => Transform) & { register: ConstraintRegistry['register']; registry: ConstraintRegistry } {
  return Object.assign((constraint: Constraint) => registry.call(constraint), {
    register: registry.register.bind(registry),
    registry,
  });
}

export const bijectTo = callable(new ConstraintRegistry());
export const transformTo = callable(new ConstraintRegistry());

const both = [bijectTo, transformTo];
// Python registers ExpTransform for positive and nonnegative first, then greater_than's transform for the
// same classes (_GreaterThan, _GreaterThanEq), which replaces it: biject_to(positive) is exp then x + 0.
const greaterThan = (c: GreaterThan | GreaterThanEq): Transform => new ComposeTransform([new ExpTransform(), new AffineTransform(c.lowerBound, 1)]);
const lessThan = (c: LessThan): Transform => new ComposeTransform([new ExpTransform(), new AffineTransform(c.upperBound, -1)]);

/** upper - lower for bounds that are numbers or tensors. */
function width(upper: Tensor | number, lower: Tensor | number): Tensor | number {
  if (isTensor(upper)) return upper.sub(lower);
  return isTensor(lower) ? lower.neg().add(upper) : upper - lower;
}

function interval(c: Interval | HalfOpenInterval): Transform {
  if (c.lowerBound === 0 && c.upperBound === 1) return new SigmoidTransform();
  return new ComposeTransform([new SigmoidTransform(), new AffineTransform(c.lowerBound, width(c.upperBound, c.lowerBound))]);
}

for (const r of both) {
  r.register(constraints.real, () => identityTransform);
  r.register(GreaterThan, greaterThan);
  r.register(GreaterThanEq, greaterThan);
  r.register(LessThan, lessThan);
  r.register(Interval, interval);
  r.register(HalfOpenInterval, interval);
}
bijectTo.register(IndependentConstraint, (c: IndependentConstraint) => new IndependentTransform(bijectTo(c.baseConstraint), c.reinterpretedBatchNdims));
transformTo.register(IndependentConstraint, (c: IndependentConstraint) => new IndependentTransform(transformTo(c.baseConstraint), c.reinterpretedBatchNdims));
bijectTo.register(constraints.simplex, () => new StickBreakingTransform());
transformTo.register(constraints.simplex, () => new SoftmaxTransform());
transformTo.register(constraints.lowerCholesky, () => new LowerCholeskyTransform());
for (const r of both) r.register(constraints.corrCholesky, () => new CorrCholeskyTransform());
for (const r of both) {
  r.register(Cat, (c: Cat) => new CatTransform(c.cseq.map((k) => r(k)), c.dim, c.lengths));
  r.register(Stack, (c: Stack) => new StackTransform(c.cseq.map((k) => r(k)), c.dim));
}
