// torch.nn.modules.lazy.LazyModuleMixin (PyTorch 1.13) and torch.nn.parameter's UninitializedParameter
// and UninitializedBuffer. A lazy module holds uninitialized tensors until its first forward, which
// infers their shapes from the input (initializeParameters), materializes and initializes them
// (resetParameters, in PyTorch's order), and turns the module into its `clsToBecome` (LazyConv2d
// becomes a Conv2d), as Python's `_infer_parameters` forward pre-hook does.
import { Tensor } from '../../tensor';
import { empty } from '../../creation';
import { DType } from '../../dtype';
import { DeviceLike } from '../../device';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as v from '../../validate';

const UNINITIALIZED = Symbol('uninitialized');

function materializeInto(call: string, t: Tensor, shape: unknown, opts: unknown): void {
  const s = Array.isArray(shape) ? v.ints(call, 'shape', shape, 0) : [v.int(call, 'shape', shape, 0)];
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['device', 'dtype']);
  const device = (o.device ?? t.device) as DeviceLike;
  const dtype = (o.dtype ?? t.dtype) as DType;
  t.data = empty(s, { device, dtype });
}

const SHAPE_ERROR = "Can't access the shape of an uninitialized parameter or buffer. This error usually happens in `load_state_dict` when trying to load an uninitialized parameter into an initialized one. Call `forward` to initialize the parameters before accessing their attributes.";

/**
 * `nn.parameter.UninitializedParameter(requires_grad=True, device=None, dtype=None)`: a Parameter whose
 * shape is not known yet. `materialize(shape)` gives it data and makes it a plain Parameter.
 */
export class UninitializedParameter extends Parameter {
  constructor(requiresGrad: boolean | { requiresGrad?: boolean; device?: DeviceLike; dtype?: DType } = true, opts?: { device?: DeviceLike; dtype?: DType }) {
    const call = 'nn.UninitializedParameter';
    const a = v.bindArgs(call, ['requiresGrad'], [requiresGrad, opts], ['device', 'dtype']);
    const rg = a.requiresGrad === undefined ? true : v.bool(call, 'requires_grad', a.requiresGrad);
    super(empty(0, { device: a.device as DeviceLike | undefined, dtype: a.dtype as DType | undefined }), rg);
  }

  /** `materialize(shape, device=None, dtype=None)`: empty data of that shape; the object becomes a Parameter. */
  materialize(shape: number | number[], opts?: { device?: DeviceLike; dtype?: DType }): void {
    materializeInto('nn.UninitializedParameter.materialize', this, shape, opts);
    Object.setPrototypeOf(this, Parameter.prototype);
  }

  override get shape(): number[] { throw new Error(SHAPE_ERROR); }

  override toString(): string { return '<UninitializedParameter>'; }
}
Object.defineProperty(UninitializedParameter.prototype, UNINITIALIZED, { value: true });
Object.defineProperty(UninitializedParameter.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value() { return '<UninitializedParameter>'; },
});

/** `nn.parameter.UninitializedBuffer(requires_grad=False, device=None, dtype=None)`: a buffer whose shape is not known yet. */
export class UninitializedBuffer extends Tensor {
  constructor(requiresGrad: boolean | { requiresGrad?: boolean; device?: DeviceLike; dtype?: DType } = false, opts?: { device?: DeviceLike; dtype?: DType }) {
    super();
    const call = 'nn.UninitializedBuffer';
    const a = v.bindArgs(call, ['requiresGrad'], [requiresGrad, opts], ['device', 'dtype']);
    const rg = a.requiresGrad === undefined ? false : v.bool(call, 'requires_grad', a.requiresGrad);
    const t = empty(0, { device: a.device as DeviceLike | undefined, dtype: a.dtype as DType | undefined });
    if (rg) t.requiresGrad_(true);
    Object.setPrototypeOf(t, new.target.prototype);
    return t as UninitializedBuffer;
  }

  /** `materialize(shape, device=None, dtype=None)`: empty data of that shape; the object becomes a plain Tensor. */
  materialize(shape: number | number[], opts?: { device?: DeviceLike; dtype?: DType }): void {
    materializeInto('nn.UninitializedBuffer.materialize', this, shape, opts);
    Object.setPrototypeOf(this, Tensor.prototype);
  }

  override get shape(): number[] { throw new Error(SHAPE_ERROR); }

  override toString(): string { return '<UninitializedBuffer>'; }
}
Object.defineProperty(UninitializedBuffer.prototype, UNINITIALIZED, { value: true });
Object.defineProperty(UninitializedBuffer.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value() { return '<UninitializedBuffer>'; },
});

/** Python's `is_lazy(param)`: an UninitializedParameter or UninitializedBuffer. */
export function isLazy(x: unknown): boolean {
  return x instanceof Tensor && (x as unknown as Record<symbol, unknown>)[UNINITIALIZED] === true;
}

/** What a lazy module implements (Python's _LazyProtocol). */
export interface LazyModule extends Module {
  initializeParameters(...args: unknown[]): void;
  resetParameters(): void;
}

/** The class a lazy module becomes after its first forward (`cls_to_become`). */
type ModuleClass = abstract new (...args: never[]) => Module;

/** `has_uninitialized_params()`: whether a parameter or buffer of the module itself is still lazy. */
export function hasUninitializedParams(m: Module): boolean {
  for (const [, p] of m.namedParameters({ recurse: false })) if (isLazy(p)) return true;
  for (const [, b] of m.namedBuffers({ recurse: false })) if (isLazy(b)) return true;
  return false;
}

/**
 * Python's `_infer_parameters` forward pre-hook: initializes from the input, checks that nothing
 * is left uninitialized, and turns the module into `clsToBecome`.
 */
export function inferParameters(m: LazyModule, clsToBecome: ModuleClass, input: unknown[]): void {
  m.initializeParameters(...input);
  if (hasUninitializedParams(m)) throw new Error(`module ${m.constructor.name} has not been fully initialized`);
  Object.setPrototypeOf(m, clsToBecome.prototype);
}

/**
 * Python's `_lazy_load_hook`: an uninitialized parameter or buffer whose key is in the state dict
 * takes the checkpoint's shape, so that the ordinary load can copy into it.
 */
export function lazyLoadHook(m: Module, sd: Map<string, Tensor>, prefix: string): void {
  const self = m as unknown as Record<string, unknown>;
  const names = [...m.namedParameters({ recurse: false }), ...m.namedBuffers({ recurse: false })].map(([k]) => k);
  for (const name of names) {
    const param = self[name];
    const input = sd.get(prefix + name);
    if (input !== undefined && isLazy(param) && !isLazy(input)) {
      (param as UninitializedParameter | UninitializedBuffer).materialize(input.shape);
    }
  }
}

/** The lazy-module warning, once per process as Python's warnings filter shows it. */
let warned = false;
export function warnLazy(): void {
  if (warned) return;
  warned = true;
  process.emitWarning('Lazy modules are a new feature under heavy development so changes to the API or functionality can happen at any moment.');
}
