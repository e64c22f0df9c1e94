// torch/distributions/distribution.py: the base class. Subclasses set their parameters, then call
// `_init(batchShape, eventShape, validateArgs)` (Python's super().__init__), which checks them.
// Python's lazy_property parameters (Categorical.probs from logits, ...) live in `_lazy`.
import { Tensor, isTensor } from '../tensor';
import { noGrad } from '../autograd';
import { Constraint, isDependent } from './constraints';
import { pyFormat, shapeRepr, sizeRepr } from './utils';
import * as v from '../validate';
import { describe } from '../errors';

export type Shape = number[];

let defaultValidateArgs = true;

export abstract class Distribution {
  constructor() {
    // JS can construct an abstract class; nothing works without a subclass's parameters and _init.
    if (new.target === Distribution || new.target === ExponentialFamily) {
      throw new TypeError(`torch.distributions.${new.target.name}: the base class cannot be constructed; construct Normal, Bernoulli, ... or a subclass`);
    }
  }

  /** Distribution.set_default_validate_args(value): validation is on by default, as in Python. */
  static setDefaultValidateArgs(value: boolean): void {
    if (value !== true && value !== false) throw new RangeError('Distribution.set_default_validate_args: value must be true or false');
    defaultValidateArgs = value;
  }

  declare protected _batchShape: Shape;
  declare protected _eventShape: Shape;
  declare _validateArgs: boolean;
  /** Python's lazy_property values computed or given so far, by property name. */
  declare protected _lazy: Map<string, Tensor>;

  get hasRsample(): boolean { return false; }
  get hasEnumerateSupport(): boolean { return false; }

  /** Python's super().__init__(batch_shape, event_shape, validate_args). */
  protected _init(batchShape: Shape = [], eventShape: Shape = [], validateArgs?: boolean | null): void {
    this._batchShape = [...batchShape];
    this._eventShape = [...eventShape];
    if (this._lazy === undefined) this._lazy = new Map();
    this._validateArgs = validateArgs === undefined || validateArgs === null ? defaultValidateArgs : v.bool(this.call, 'validate_args', validateArgs);
    if (!this._validateArgs) return;
    for (const [param, constraint] of Object.entries(this.argConstraints)) {
      if (isDependent(constraint)) continue;
      if (this.isLazy(param) && !this._lazy.has(param)) continue;
      const value = (this as unknown as Record<string, Tensor>)[param];
      if (!constraint.check(value).all().item()) {
        throw new RangeError(
          `${this.call}: Expected parameter ${v.pythonName(param)} (Tensor of shape ${shapeRepr(value.shape)}) ` +
          `of distribution ${this} to satisfy the constraint ${constraint}, but found invalid values:\n${pyFormat(value)}`,
        );
      }
    }
  }

  /** The name errors give: torch.distributions.Normal. */
  protected get call(): string { return `torch.distributions.${this.constructor.name}`; }

  /** Names of the parameters that are Python lazy_properties. */
  protected isLazy(_param: string): boolean { return false; }

  protected lazyGet(name: string, compute: () => Tensor): Tensor {
    v.str(`${this.call}.lazy_property`, 'name', name);
    v.func(`${this.call}.lazy_property`, 'compute', compute);
    let t = this._lazy.get(name);
    if (t === undefined) {
      t = compute();
      this._lazy.set(name, t);
    }
    return t;
  }

  /** _get_checked_instance: a bare instance of this class for expand(). */
  protected checkedInstance<T extends Distribution>(cls: abstract new (...a: never[]) => T, instance?: T, batchShape?: Shape): T {
    // expand() starts here, before it spreads batchShape into its parameters' shapes.
    // (A subclass that does not pass it on is not checked here: arguments.length tells the two apart.)
    if (arguments.length >= 3) v.ints(`${this.call}.expand`, 'batch_shape', batchShape, 0);
    if (instance !== undefined && !(instance instanceof cls)) throw new TypeError(`${this.call}.expand: _instance must be a ${cls.name}, got ${describe(instance)}`);
    if (instance === undefined && this.constructor !== cls) {
      throw new Error(`Subclass ${this.constructor.name} of ${cls.name} that defines a custom constructor must also define a custom .expand() method.`);
    }
    if (instance !== undefined) return instance;
    const fresh = Object.create(Object.getPrototypeOf(this)) as T;
    fresh._lazy = new Map();
    return fresh;
  }

  /** Shared part of expand(): the new instance's shapes, no validation, this one's validate flag. */
  protected finishExpand<T extends Distribution>(fresh: T, batchShape: Shape, eventShape: Shape = this._eventShape): T {
    if (!(fresh instanceof Distribution)) throw new TypeError(`${this.call}.expand: the new instance must be a Distribution`);
    v.ints(`${this.call}.expand`, 'batch_shape', batchShape, 0);
    fresh._validateArgs = false;
    fresh._init(batchShape, eventShape, false);
    fresh._validateArgs = this._validateArgs;
    return fresh;
  }

  abstract expand(batchShape: Shape, instance?: Distribution): Distribution;

  get batchShape(): Shape { return [...this._batchShape]; }
  get eventShape(): Shape { return [...this._eventShape]; }

  abstract get argConstraints(): Record<string, Constraint>;
  get support(): Constraint { throw new Error(`${this.call}: support is not implemented`); }
  get mean(): Tensor { throw new Error(`${this.call}: mean is not implemented`); }
  get mode(): Tensor { throw new Error(`${this.constructor.name} does not implement mode`); }
  get variance(): Tensor { throw new Error(`${this.call}: variance is not implemented`); }
  get stddev(): Tensor { return this.variance.sqrt(); }

  sample(sampleShape: Shape = []): Tensor {
    return noGrad(() => this.rsample(sampleShape));
  }

  rsample(_sampleShape: Shape = []): Tensor {
    throw new Error(`${this.call}: rsample is not implemented (has_rsample is false)`);
  }

  logProb(_value: Tensor): Tensor { throw new Error(`${this.call}: log_prob is not implemented`); }
  cdf(_value: Tensor): Tensor { throw new Error(`${this.call}: cdf is not implemented`); }
  icdf(_value: Tensor): Tensor { throw new Error(`${this.call}: icdf is not implemented`); }
  enumerateSupport(_expand = true): Tensor { throw new Error(`${this.call}: enumerate_support is not implemented`); }
  entropy(): Tensor { throw new Error(`${this.call}: entropy is not implemented`); }
  perplexity(): Tensor { return this.entropy().exp(); }

  /** _extended_shape: sampleShape + batchShape + eventShape. */
  protected extendedShape(sampleShape: Shape = []): Shape {
    const s = v.ints(`${this.call}.sample`, 'sample_shape', sampleShape, 0);
    return [...s, ...this._batchShape, ...this._eventShape];
  }

  /** _validate_sample: value's trailing dimensions fit batch and event shapes and it lies in the support. */
  protected validateSample(value: unknown, method = 'log_prob'): asserts value is Tensor {
    const call = `${this.call}.${method}`;
    if (!isTensor(value)) throw new TypeError(`${call}: The value argument to log_prob must be a Tensor`);
    const actual = value.shape;
    const event = this._eventShape;
    const start = actual.length - event.length;
    const tail = actual.slice(Math.max(start, 0));
    if (start < 0 || tail.some((x, i) => x !== event[i])) {
      throw new RangeError(`${call}: The right-most size of value must match event_shape: ${sizeRepr(actual)} vs ${sizeRepr(event)}.`);
    }
    const expected = [...this._batchShape, ...event];
    for (let k = 1; k <= Math.min(actual.length, expected.length); k++) {
      const i = actual[actual.length - k];
      const j = expected[expected.length - k];
      if (i !== 1 && j !== 1 && i !== j) {
        throw new RangeError(`${call}: Value is not broadcastable with batch_shape+event_shape: ${sizeRepr(actual)} vs ${sizeRepr(expected)}.`);
      }
    }
    const support = this.support;
    if (!support.check(value).all().item()) {
      throw new RangeError(
        `${call}: Expected value argument (Tensor of shape ${shapeRepr(actual)}) to be within the support (${support}) ` +
        `of the distribution ${this}, but found invalid values:\n${pyFormat(value)}`,
      );
    }
  }

  /** The parameters repr shows: those set on the instance (Python's __dict__). */
  protected reprParams(): string[] {
    return Object.keys(this.argConstraints).filter((k) => (Object.prototype.hasOwnProperty.call(this, k) && isTensor((this as never)[k])) || this._lazy?.has(k));
  }

  toString(): string {
    const args = this.reprParams().map((p) => {
      const t = (this as unknown as Record<string, Tensor>)[p];
      return `${v.pythonName(p)}: ${t.numel() === 1 ? pyFormat(t) : sizeRepr(t.shape)}`;
    });
    return `${this.constructor.name}(${args.join(', ')})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** torch/distributions/exp_family.py: entropy and KL through the log normalizer's gradients. */
export abstract class ExponentialFamily extends Distribution {
  get _naturalParams(): Tensor[] { throw new Error(`${this.call}: _natural_params is not implemented`); }
  _logNormalizer(..._params: Tensor[]): Tensor { throw new Error(`${this.call}: _log_normalizer is not implemented`); }
  get _meanCarrierMeasure(): number { throw new Error(`${this.call}: _mean_carrier_measure is not implemented`); }
}
