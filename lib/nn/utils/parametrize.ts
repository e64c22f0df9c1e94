// torch.nn.utils.parametrize (torch/nn/utils/parametrize.py, PyTorch 1.13): a parameter or buffer
// computed by modules from an `original` tensor. As in Python, the module's class is swapped for a
// subclass `Parametrized<Name>` whose prototype carries a getter/setter per parametrized name (so the
// change stays on that one module), and the tensors live under `parametrizations.<name>.original`.
import { Tensor, tensorArg } from '../../tensor';
import { noGrad } from '../../autograd';
import { argError, NotImplementedError } from '../../errors';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { ModuleList, ModuleDict } from '../modules/container';
import * as v from '../../validate';
import { moduleArg, memberKind, attr, delAttr } from './_hooks';

let cacheEnabled = 0;
let cache = new Map<Module, Map<string, Tensor>>();

/**
 * `with parametrize.cached():` → `parametrize.cached(() => { ... })`: each parametrized tensor is
 * computed once inside the callback and reused; returns the callback's value.
 */
export function cached<T>(fn: () => T): T {
  v.func('nn.utils.parametrize.cached', 'fn', fn);
  cacheEnabled++;
  try {
    return fn();
  } finally {
    cacheEnabled--;
    if (cacheEnabled === 0) cache = new Map();
  }
}

function registerParameterOrBuffer(module: Module, name: string, x: Tensor): void {
  if (x instanceof Parameter) module.registerParameter(name, x);
  else module.registerBuffer(name, x);
}

type RightInverse = { rightInverse?: (x: Tensor) => Tensor | Tensor[] };

const dtypeName = (t: Tensor): string => `torch.${t.dtype.name}`;
const sameShape = (a: Tensor, b: Tensor): boolean => a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
const sizeStr = (t: Tensor): string => `torch.Size([${t.shape.join(', ')}])`;

/**
 * `ParametrizationList(modules, original, unsafe=False)`: the parametrizations of one tensor, applied in
 * order (`forward()` gives the parametrized value), and its `original` (or `original0`, `original1`,
 * ... when the first `rightInverse` returns several tensors).
 */
export class ParametrizationList extends ModuleList {
  unsafe: boolean;
  isTensor: boolean;
  ntensors: number;

  constructor(modules: Module[], original: Tensor, unsafe: boolean | { unsafe?: boolean } = false) {
    const call = 'nn.utils.parametrize.ParametrizationList';
    if (!Array.isArray(modules) || modules.length === 0) throw new RangeError('ParametrizationList requires one or more modules.');
    super(modules);
    tensorArg(call, 'original', original);
    this.unsafe = typeof unsafe === 'boolean' ? unsafe : unsafeOpt(call, unsafe);
    const originalShape = original;
    const originalDtype = original.dtype;
    let next: Tensor | Tensor[] = original;
    noGrad(() => {
      for (const m of [...this].reverse()) {
        const ri = (m as RightInverse).rightInverse;
        if (typeof ri !== 'function') continue;
        // as Python: a right_inverse that raises NotImplementedError leaves the original as it is
        try {
          next = ri.call(m, next as Tensor);
        } catch (e) {
          if (!(e instanceof NotImplementedError)) throw e;
        }
      }
    });
    const created = next as Tensor | Tensor[];
    if (!(created instanceof Tensor) && !Array.isArray(created)) {
      throw new TypeError(`'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got ${typeof created}`);
    }
    this.isTensor = created instanceof Tensor;
    this.ntensors = created instanceof Tensor ? 1 : created.length;
    if (created instanceof Tensor) {
      if (created.dtype !== original.dtype) {
        throw new TypeError(`When \`right_inverse\` outputs one tensor, it may not change the dtype.\noriginal.dtype: ${dtypeName(original)}\nright_inverse(original).dtype: ${dtypeName(created)}`);
      }
      noGrad(() => original.set_(created));
      registerParameterOrBuffer(this, 'original', original);
    } else {
      created.forEach((t, i) => {
        if (!(t instanceof Tensor)) throw new TypeError(`'right_inverse' must return a Tensor or a Sequence of tensors (list, tuple...). Got element ${i} of the sequence with type ${typeof t}.`);
        const oi = original instanceof Parameter ? new Parameter(t) : t;
        oi.requiresGrad_(original.requiresGrad);
        registerParameterOrBuffer(this, `original${i}`, oi);
      });
    }
    if (!this.unsafe) {
      const z = this.forward();
      if (!(z instanceof Tensor)) throw new TypeError(`A parametrization must return a tensor. Got ${typeof z}.`);
      if (z.dtype !== originalDtype) {
        throw new TypeError(`Registering a parametrization may not change the dtype of the tensor, unless \`unsafe\` flag is enabled.\nunparametrized dtype: torch.${originalDtype.name}\nparametrized dtype: ${dtypeName(z)}`);
      }
      if (!sameShape(z, originalShape)) {
        throw new RangeError(`Registering a parametrization may not change the shape of the tensor, unless \`unsafe\` flag is enabled.\nunparametrized shape: ${sizeStr(originalShape)}\nparametrized shape: ${sizeStr(z)}`);
      }
    }
  }

  /** `right_inverse(value)`: sets the originals so that the parametrized value is `value`. */
  rightInverse(value: Tensor): void {
    noGrad(() => {
      let x: Tensor | Tensor[] = value;
      for (const m of [...this].reverse()) {
        const ri = (m as RightInverse).rightInverse;
        if (typeof ri !== 'function') throw new Error(`parametrization ${m.constructor.name} does not implement right_inverse.`);
        x = ri.call(m, x as Tensor);
      }
      const self = this as unknown as Record<string, Tensor>;
      if (this.isTensor) {
        if (!(x instanceof Tensor)) throw new TypeError(`\`right_inverse\` should return a tensor. Got ${typeof x}`);
        if (x.dtype !== self.original.dtype) throw new TypeError(`The tensor returned by \`right_inverse\` has dtype ${dtypeName(x)} while \`original\` has dtype ${dtypeName(self.original)}`);
        self.original.set_(x);
      } else {
        if (!Array.isArray(x)) throw new TypeError(`'right_inverse' must return a sequence of tensors. Got ${typeof x}.`);
        if (x.length !== this.ntensors) throw new RangeError(`'right_inverse' must return a sequence of tensors of length ${this.ntensors}. Got a sequence of lenght ${x.length}.`);
        x.forEach((t, i) => {
          const oi = self[`original${i}`];
          if (!(t instanceof Tensor)) throw new TypeError(`\`right_inverse\` must return a sequence of tensors. Got element ${i} of type ${typeof t}`);
          if (oi.dtype !== t.dtype) throw new TypeError(`Tensor ${i} returned by \`right_inverse\` has dtype ${dtypeName(t)} while \`original${i}\` has dtype ${dtypeName(oi)}`);
          oi.set_(t);
        });
      }
    });
  }

  override forward(): Tensor {
    const self = this as unknown as Record<string, Tensor>;
    const mods = [...this];
    let x = this.isTensor
      ? mods[0].forward(self.original)
      : mods[0].forward(...Array.from({ length: this.ntensors }, (_, i) => self[`original${i}`]));
    for (const m of mods.slice(1)) x = m.forward(x);
    return x as Tensor;
  }
}

function unsafeOpt(call: string, o: unknown): boolean {
  const opts = v.options(call, o);
  v.knownOptions(call, opts, ['unsafe']);
  return opts.unsafe === undefined ? false : v.bool(call, 'unsafe', opts.unsafe);
}

type Parametrized = Module & { parametrizations: ModuleDict };

// The original class of each injected Parametrized<Name> class.
const originalClass = new WeakMap<object, Function>();

/** Python's `_inject_new_class`: the module's class becomes a subclass of its own, `Parametrized<Name>`. */
function injectNewClass(module: Module): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cls = module.constructor as new (...a: any[]) => Module;
  const name = `Parametrized${cls.name}`;
  const sub = { [name]: class extends cls {} }[name];
  originalClass.set(sub, cls);
  Object.setPrototypeOf(module, sub.prototype);
}

/** Python's `_inject_property`: `module[name]` reads the parametrization (cached inside `cached`) and assigning calls rightInverse. */
function injectProperty(module: Module, tensorName: string): void {
  Object.defineProperty(Object.getPrototypeOf(module), tensorName, {
    get(this: Parametrized): Tensor {
      const p = this.parametrizations.get(tensorName) as ParametrizationList;
      if (cacheEnabled === 0) return p.forward();
      let byName = cache.get(this);
      if (byName === undefined) cache.set(this, (byName = new Map()));
      let t = byName.get(tensorName);
      if (t === undefined) byName.set(tensorName, (t = p.forward()));
      return t;
    },
    set(this: Parametrized, value: Tensor): void {
      (this.parametrizations.get(tensorName) as ParametrizationList).rightInverse(value);
    },
    configurable: true,
    enumerable: true,
  });
}

/**
 * `register_parametrization(module, tensor_name, parametrization, unsafe=False)`: `module[tensorName]`
 * becomes `parametrization.forward(original)`; a second parametrization of the same name is applied
 * after the first. `parametrization.rightInverse`, when defined, maps the current value to the original.
 * Returns the module.
 */
export function registerParametrization<T extends Module>(module: T, tensorName: string, parametrization: Module, opts?: { unsafe?: boolean }): T {
  const call = 'nn.utils.parametrize.register_parametrization';
  moduleArg(call, module);
  v.str(call, 'tensor_name', tensorName);
  moduleArg(call, parametrization, 'parametrization');
  const unsafe = unsafeOpt(call, opts);
  parametrization.train(module.training);
  if (isParametrized(module, tensorName)) {
    if (!unsafe) {
      const y = attr(module, tensorName) as Tensor;
      const x = parametrization.forward(y) as unknown;
      if (!(x instanceof Tensor)) throw new TypeError(`A parametrization must return a tensor. Got ${typeof x}.`);
      if (x.dtype !== y.dtype) throw new TypeError(`Registering a parametrization may not change the dtype of the tensor, unless the \`unsafe\` flag is enabled.\nmodule.${tensorName}.dtype: ${dtypeName(y)}\nparametrization(module.${tensorName}).dtype: ${dtypeName(x)}`);
      if (!sameShape(x, y)) throw new RangeError(`Registering a parametrization may not change the shape of the tensor, unless the \`unsafe\` flag is enabled.\nmodule.${tensorName}.shape: ${sizeStr(y)}\nparametrization(module.${tensorName}).shape: ${sizeStr(x)}`);
      const ri = (parametrization as RightInverse).rightInverse;
      let z: unknown;
      let inverted = false;
      if (typeof ri === 'function') {
        try {
          z = ri.call(parametrization, x);
          inverted = true;
        } catch (e) {
          if (!(e instanceof NotImplementedError)) throw e;
        }
      }
      if (inverted) {
        if (!(z instanceof Tensor)) throw new TypeError(`parametrization.right_inverse must return a tensor. Got: ${typeof z}`);
        if (z.dtype !== y.dtype) throw new TypeError(`The tensor returned by parametrization.right_inverse must have the same dtype as module.${tensorName}, unless the \`unsafe\` flag is enabled.\nmodule.${tensorName}.dtype: ${dtypeName(y)}\nreturned dtype: ${dtypeName(z)}`);
        if (!sameShape(z, y)) throw new RangeError(`The tensor returned by parametrization.right_inverse must have the same shape as module.${tensorName}, unless the \`unsafe\` flag is enabled.\nmodule.${tensorName}.shape: ${sizeStr(y)}\nreturned shape: ${sizeStr(z)}`);
      }
    }
    const list = (module as unknown as Parametrized).parametrizations.get(tensorName) as ParametrizationList;
    list.append(parametrization);
    list.unsafe ||= unsafe;
  } else if (memberKind(module, tensorName) === 'parameter' || memberKind(module, tensorName) === 'buffer') {
    const original = attr(module, tensorName);
    if (!(original instanceof Tensor)) throw argError(call, `module.${tensorName}`, 'a Tensor', original);
    const parametrizations = new ParametrizationList([parametrization], original, unsafe);
    delAttr(module, tensorName);
    if (!isParametrized(module)) {
      injectNewClass(module);
      (module as unknown as Parametrized).parametrizations = new ModuleDict();
    }
    injectProperty(module, tensorName);
    (module as unknown as Parametrized).parametrizations.set(tensorName, parametrizations);
  } else {
    throw new RangeError(`Module '${String(module)}' does not have a parameter, a buffer, or a parametrized element with name '${tensorName}'`);
  }
  return module;
}

/** `is_parametrized(module, tensor_name=None)`: whether `tensorName` (or any tensor) of the module is parametrized. */
export function isParametrized(module: Module, tensorName?: string | null): boolean {
  const call = 'nn.utils.parametrize.is_parametrized';
  moduleArg(call, module);
  const p = memberKind(module, 'parametrizations') === 'module' ? attr(module, 'parametrizations') : null;
  if (!(p instanceof ModuleDict)) return false;
  if (tensorName === undefined || tensorName === null) return p.length > 0;
  return p.has(v.str(call, 'tensor_name', tensorName));
}

/**
 * `remove_parametrizations(module, tensor_name, leave_parametrized=True)`: `tensorName` is a plain
 * parameter or buffer again, holding the parametrized value (or the original one with
 * `leaveParametrized: false`); the last one removed restores the module's class.
 */
export function removeParametrizations<T extends Module>(module: T, tensorName: string, leaveParametrized: boolean | { leaveParametrized?: boolean } = true): T {
  const call = 'nn.utils.parametrize.remove_parametrizations';
  moduleArg(call, module);
  v.str(call, 'tensor_name', tensorName);
  let leave: boolean;
  if (typeof leaveParametrized === 'boolean') leave = leaveParametrized;
  else {
    const o = v.options(call, leaveParametrized);
    v.knownOptions(call, o, ['leaveParametrized']);
    leave = o.leaveParametrized === undefined ? true : v.bool(call, 'leave_parametrized', o.leaveParametrized);
  }
  if (!isParametrized(module, tensorName)) throw new RangeError(`Module ${String(module)} does not have a parametrization on ${tensorName}`);
  const pm = module as unknown as Parametrized;
  const list = pm.parametrizations.get(tensorName) as ParametrizationList;
  let original: Tensor;
  if (list.isTensor) {
    original = (list as unknown as { original: Tensor }).original;
    if (leave) {
      const t = noGrad(() => attr(module, tensorName) as Tensor);
      noGrad(() => original.set_(t));
    }
  } else {
    if (!leave) throw new RangeError('Cannot leave unparametrized (`leave_parametrized=False`) a tensor that is parametrized in terms of a sequence of tensors.');
    const t = attr(module, tensorName) as Tensor;
    original = t.requiresGrad ? new Parameter(t) : t;
  }
  delete (Object.getPrototypeOf(module) as Record<string, unknown>)[tensorName];
  pm.parametrizations.delete(tensorName);
  registerParameterOrBuffer(module, tensorName, original);
  if (!isParametrized(module)) {
    delAttr(module, 'parametrizations');
    const cls = originalClass.get(module.constructor) as { prototype: object };
    Object.setPrototypeOf(module, cls.prototype);
  }
  return module;
}

/** `type_before_parametrizations(module)`: the module's class before parametrizations swapped it. */
export function typeBeforeParametrizations(module: Module): Function {
  moduleArg('nn.utils.parametrize.type_before_parametrizations', module);
  return isParametrized(module) ? (originalClass.get(module.constructor) ?? module.constructor) : module.constructor;
}

/**
 * `transfer_parametrizations_and_params(from_module, to_module, tensor_name=None)`: registers on
 * `toModule` the parametrizations of `tensorName` (or of every parametrized tensor) of `fromModule`,
 * the same parametrization modules and the same original tensors (shared, not copied); a tensor
 * `toModule` lacks is first created as a Parameter holding the parametrized value. Returns `toModule`.
 */
export function transferParametrizationsAndParams<T extends Module>(fromModule: Module, toModule: T, tensorName?: string | null): T {
  const call = 'nn.utils.parametrize.transfer_parametrizations_and_params';
  moduleArg(call, fromModule, 'from_module');
  moduleArg(call, toModule, 'to_module');
  if (tensorName !== undefined && tensorName !== null) v.str(call, 'tensor_name', tensorName);
  if (!isParametrized(fromModule)) return toModule;
  const from = (fromModule as unknown as Parametrized).parametrizations;
  const names = tensorName === undefined || tensorName === null ? [...from.keys()] : [tensorName];
  for (const name of names) {
    const list = from.get(name) as ParametrizationList | undefined;
    if (list === undefined) throw new RangeError(`${call}: '${name}' is not parametrized in from_module (KeyError: '${name}')`);
    if (attr(toModule, name) === undefined) (toModule as unknown as Record<string, unknown>)[name] = new Parameter(attr(fromModule, name) as Tensor);
    for (const f of list) registerParametrization(toModule, name, f);
    const to = (toModule as unknown as Parametrized).parametrizations.get(name) as unknown as Record<string, Tensor>;
    const src = list as unknown as Record<string, Tensor>;
    if (memberKind(list, 'original') !== undefined) to.original = src.original;
    else for (let i = 0; memberKind(list, `original${i}`) !== undefined; i++) to[`original${i}`] = src[`original${i}`];
  }
  return toModule;
}
