// torch.nn.Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict (torch/nn/modules/container.py).
// The module containers' children live in an ordered map (Python's `_modules`), so names like 'keys' or
// '0' cannot clash with methods or be reordered by JS's integer-key rule. Sequential, ModuleList and
// ParameterList answer `seq[6]`, `seq[-1]` and `seq[6] = layer` through traps added to Module's Proxy.
// Python's slices `seq[a:b]` are `seq.slice(a, b)`.
import { argError } from '../../errors';
import { Tensor } from '../../tensor';
import { Module, cannotAssign } from '../module';
import { Parameter } from '../parameter';
import * as v from '../../validate';

const INDEX = /^-?\d+$/;

/** A slice's bounds as integers (Python's ints, so bigints too); undefined or null is an open end. */
function sliceBounds(call: string, start: unknown, end: unknown): [number | undefined, number | undefined] {
  return [v.optInt(call, 'start', start), v.optInt(call, 'end', end)];
}

abstract class ModuleContainer extends Module {
  declare protected readonly _modules: Map<string, Module | null>;

  constructor() {
    super();
    Object.defineProperty(this, '_modules', { value: new Map<string, Module | null>(), enumerable: false });
  }

  protected override *_moduleItems(): Iterable<[string, Module | null]> {
    yield* this._modules;
    yield* super._moduleItems();
  }

  /**
   * Module's traps, plus `c[i]`, `c[-1]`, `c[i] = m` and `delete c[i]` (Sequential, ModuleList), and
   * the children's names as attributes, as Python's Module.__getattr__/__setattr__ read `_modules`.
   */
  protected static readonly _indexableTraps: ProxyHandler<Module> = {
    ...Module._traps,
    get(target, prop, receiver) {
      const t = target as ModuleContainer;
      if (typeof prop === 'string' && INDEX.test(prop)) return t.at(Number(prop));
      if (typeof prop === 'string' && !(prop in t) && t._modules.has(prop)) return t._modules.get(prop);
      return Reflect.get(t, prop, receiver);
    },
    set(target, prop, value, receiver) {
      const t = target as ModuleContainer;
      if (typeof prop === 'string' && INDEX.test(prop)) {
        t.setAt(Number(prop), value);
        return true;
      }
      if (typeof prop === 'string' && t._modules.has(prop)) {
        // A Parameter takes the name over, as in Python; anything else must be a module or null.
        if (value instanceof Parameter) t._modules.delete(prop);
        else if (value instanceof Module || value === null) {
          t._modules.set(prop, value);
          return true;
        } else throw cannotAssign(value, 'child module', prop);
      }
      return Reflect.set(t, prop, value, receiver);
    },
    deleteProperty(target, prop) {
      const t = target as ModuleContainer;
      if (typeof prop === 'string' && INDEX.test(prop)) {
        t.deleteAt(Number(prop));
        return true;
      }
      return Module._traps.deleteProperty!(t, prop);
    },
  };

  override addModule(name: string, module: Module | null): void {
    const call = `nn.${this._getName()}.add_module`;
    if (typeof name !== 'string') throw argError(call, 'name', 'a string', name);
    if (name.includes('.')) throw new RangeError(`${call}: module name can't contain ".", got ${JSON.stringify(name)}`);
    if (name === '') throw new RangeError(`${call}: module name can't be empty string ""`);
    if (module !== null && !(module instanceof Module)) throw argError(call, 'module', 'an nn.Module or null', module);
    this._modules.set(name, module);
  }

  get length(): number {
    return this._modules.size;
  }

  /** Python's `_get_abs_string_index` / `_get_item_by_idx`: a position, negative from the end. */
  protected _absIndex(idx: number): number {
    const n = this._modules.size;
    if (!(idx >= -n && idx < n)) throw new RangeError(`index ${idx} is out of range`);
    return idx < 0 ? idx + n : idx;
  }

  protected _keyAt(idx: number): string {
    return [...this._modules.keys()][this._absIndex(idx)];
  }

  /** `seq[i]`. */
  at(idx: number): Module {
    return this._modules.get(this._keyAt(v.int(`nn.${this._getName()}.__getitem__`, 'idx', idx)))!;
  }

  /** `seq[i] = module` (None allowed, as in Python). */
  setAt(idx: number, module: Module | null): void {
    const key = this._keyAt(v.int(`nn.${this._getName()}.__setitem__`, 'idx', idx));
    if (module !== null && !(module instanceof Module)) throw cannotAssign(module, 'child module', key);
    this._modules.set(key, module);
  }

  /** `del seq[i]`; Sequential and ModuleList renumber the rest, as in PyTorch. */
  deleteAt(idx: number): void {
    this._modules.delete(this._keyAt(v.int(`nn.${this._getName()}.__delitem__`, 'idx', idx)));
    const rest = [...this._modules.values()];
    this._modules.clear();
    rest.forEach((m, i) => this._modules.set(String(i), m));
  }

  /** The modules, in order (Sequential, ModuleList). */
  protected *_moduleValues(): IterableIterator<Module> {
    for (const m of this._modules.values()) if (m !== null) yield m;
  }
}

/**
 * `nn.Sequential(*modules)` or `nn.Sequential(OrderedDict)`: `new nn.Sequential(a, b, c)` or
 * `new nn.Sequential({ conv1: a, relu1: b })` (names in the object's order).
 */
export class Sequential extends ModuleContainer {
  [index: number]: Module;
  protected static override readonly _traps = ModuleContainer._indexableTraps;

  constructor(...args: (Module | Record<string, Module> | Map<string, Module>)[]) {
    super();
    const call = 'nn.Sequential';
    if (args.length === 1 && (args[0] instanceof Map || v.isPlainObject(args[0]))) {
      const entries = args[0] instanceof Map ? [...args[0]] : Object.entries(args[0] as Record<string, Module>);
      for (const [k, m] of entries) this.addModule(k, m);
    } else {
      args.forEach((m, i) => {
        if (!(m instanceof Module)) throw argError(call, `args[${i}]`, 'an nn.Module', m);
        this.addModule(String(i), m);
      });
    }
  }

  /** `append(module)`: adds at the end; returns this. */
  append(module: Module): this {
    this.addModule(String(this.length), module);
    return this;
  }

  /** Python's `seq[start:end]`: a new Sequential of the same modules, keeping their names. */
  slice(start?: number, end?: number): Sequential {
    const entries = [...this._modules].slice(...sliceBounds('nn.Sequential.__getitem__', start, end)) as [string, Module][];
    return new Sequential(new Map(entries));
  }

  [Symbol.iterator](): IterableIterator<Module> {
    return this._moduleValues();
  }

  /** Chains the modules: each one's output is the next one's input. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override forward(input: any): any {
    for (const m of this) input = m.forward(input);
    return input;
  }
}

/** `nn.ModuleList(modules=None)`: an indexable list of modules, registered in order. */
export class ModuleList extends ModuleContainer {
  [index: number]: Module;
  protected static override readonly _traps = ModuleContainer._indexableTraps;

  constructor(modules?: Iterable<Module>) {
    super();
    if (modules !== undefined && modules !== null) this.extend(modules);
  }

  [Symbol.iterator](): IterableIterator<Module> {
    return this._moduleValues();
  }

  append(module: Module): this {
    this.addModule(String(this.length), module);
    return this;
  }

  extend(modules: Iterable<Module>): this {
    const call = 'nn.ModuleList.extend';
    if (modules === null || modules === undefined || typeof (modules as Iterable<Module>)[Symbol.iterator] !== 'function') throw argError(call, 'modules', 'an iterable of nn.Module', modules);
    let i = 0;
    for (const m of modules) {
      if (!(m instanceof Module)) throw argError(call, `modules[${i}]`, 'an nn.Module', m);
      this.addModule(String(this.length), m);
      i++;
    }
    return this;
  }

  /** Python's `modules[start:end]`: a new ModuleList of the same modules, renumbered. */
  slice(start?: number, end?: number): ModuleList {
    return new ModuleList([...this._modules.values()].slice(...sliceBounds('nn.ModuleList.__getitem__', start, end)) as Module[]);
  }

  /** `insert(index, module)`: before position index, as Python's list.insert. */
  insert(index: number, module: Module): void {
    const call = 'nn.ModuleList.insert';
    if (!(module instanceof Module)) throw argError(call, 'module', 'an nn.Module', module);
    const list = [...this._modules.values()];
    list.splice(v.int(call, 'index', index), 0, module);
    this._modules.clear();
    list.forEach((m, i) => this._modules.set(String(i), m));
  }
}

/** `nn.ModuleDict(modules=None)`: modules by name, in insertion order. */
export class ModuleDict extends ModuleContainer {
  constructor(modules?: Record<string, Module> | Map<string, Module> | Iterable<[string, Module]>) {
    super();
    if (modules !== undefined && modules !== null) this.update(modules);
  }

  get(key: string): Module | undefined {
    return this._modules.get(v.str('nn.ModuleDict.__getitem__', 'key', key)) ?? undefined;
  }

  set(key: string, module: Module): this {
    this.addModule(key, module);
    return this;
  }

  has(key: string): boolean {
    return this._modules.has(key);
  }

  /** `pop(key)`: removes and returns the module. */
  pop(key: string): Module {
    const m = this._modules.get(key);
    if (m === undefined) throw new RangeError(`nn.ModuleDict.pop: no module named ${JSON.stringify(key)}`);
    this._modules.delete(key);
    return m!;
  }

  delete(key: string): boolean {
    return this._modules.delete(key);
  }

  clear(): void {
    this._modules.clear();
  }

  keys(): IterableIterator<string> {
    return this._modules.keys();
  }

  values(): IterableIterator<Module> {
    return this._moduleValues();
  }

  *items(): IterableIterator<[string, Module]> {
    for (const [k, m] of this._modules) if (m !== null) yield [k, m];
  }

  update(modules: Record<string, Module> | Map<string, Module> | Iterable<[string, Module]>): this {
    const call = 'nn.ModuleDict.update';
    const iterable = modules !== null && modules !== undefined && typeof (modules as Iterable<unknown>)[Symbol.iterator] === 'function';
    if (!v.isPlainObject(modules) && !iterable) throw argError(call, 'modules', 'an object, a Map or an iterable of [name, module] pairs', modules);
    const entries: Iterable<unknown> = v.isPlainObject(modules) ? Object.entries(modules as Record<string, Module>) : (modules as Iterable<unknown>);
    let i = 0;
    for (const e of entries) {
      if (!Array.isArray(e) || e.length !== 2) throw argError(call, `modules[${i}]`, 'a [name, module] pair', e);
      this.addModule(e[0], e[1]);
      i++;
    }
    return this;
  }

  /** Iterates the keys, as Python's dict. */
  [Symbol.iterator](): IterableIterator<string> {
    return this.keys();
  }
}

// ---------------------------------------------------------------- ParameterList, ParameterDict

// Python's names of the legacy tensor types (`torch.typename`), as ParameterDict's repr prints them.
const LEGACY_TYPES: Record<string, string> = {
  float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long',
  int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool',
};

/** One line of ParameterList's / ParameterDict's extra_repr. */
function entryRepr(key: string, p: unknown, typeName: (t: Tensor) => string): string {
  if (p instanceof Tensor) {
    const size = p.shape.join('x');
    const device = p.isCuda ? ` (GPU ${p.device.index ?? 0})` : '';
    return `  (${key}): ${p instanceof Parameter ? 'Parameter' : 'Tensor'} containing: [${typeName(p)} of size ${size}${device}]`;
  }
  const type = p === null || p === undefined ? 'NoneType' : typeof p === 'number' ? (Number.isInteger(p) ? 'int' : 'float') : typeof p === 'string' ? 'str' : typeof p === 'boolean' ? 'bool' : (p as object).constructor?.name ?? 'object';
  return `  (${key}): Object of type: ${type}`;
}

/** A tensor that is not a Parameter becomes one, as Python's __setitem__ does. */
const asParameter = (x: unknown): unknown => (x instanceof Tensor && !(x instanceof Parameter) ? new Parameter(x) : x);

const define = (obj: object, key: string, value: unknown): void => {
  if (!Reflect.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true })) throw new TypeError(`cannot set ${key}`);
};

/**
 * `nn.ParameterList(values=None)`: a list of parameters (tensors become Parameters), registered as
 * `0`, `1`, ... so that `parameters()` and `stateDict()` see them. `plist[i]`, `plist[-1]`,
 * `plist[i] = tensor`, `.length`, iteration, `append`, `extend`, `slice`.
 */
export class ParameterList extends Module {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [index: number]: any;
  declare private _size: number;

  protected static override readonly _traps: ProxyHandler<Module> = {
    ...Module._traps,
    get(target, prop, receiver) {
      if (typeof prop === 'string' && INDEX.test(prop)) return (target as ParameterList).at(Number(prop));
      return Reflect.get(target, prop, receiver);
    },
    set(target, prop, value, receiver) {
      if (typeof prop === 'string' && INDEX.test(prop)) {
        (receiver as ParameterList).setAt(Number(prop), value);
        return true;
      }
      return Reflect.set(target, prop, value, receiver);
    },
  };

  constructor(values?: Iterable<unknown> | null) {
    super();
    Object.defineProperty(this, '_size', { value: 0, writable: true, enumerable: false });
    if (values !== undefined && values !== null) this.extend(values);
  }

  get length(): number {
    return this._size;
  }

  private _absIndex(call: string, idx: unknown): string {
    const i = v.int(call, 'idx', idx);
    const n = this._size;
    if (!(i >= -n && i < n)) throw new RangeError(`${call}: index ${i} is out of range`);
    return String(i < 0 ? i + n : i);
  }

  /** `plist[i]` (negative from the end). */
  at(idx: number): unknown {
    return Reflect.get(this, this._absIndex('nn.ParameterList.__getitem__', idx));
  }

  /** `plist[i] = value`: a tensor becomes a Parameter. */
  setAt(idx: number, value: unknown): void {
    define(this, this._absIndex('nn.ParameterList.__setitem__', idx), asParameter(value));
  }

  /** `append(value)`; returns this. */
  append(value: unknown): this {
    const i = this._size;
    this._size = i + 1;
    define(this, String(i), asParameter(value));
    return this;
  }

  /** `extend(values)`: any iterable but a Tensor; returns this. */
  extend(values: Iterable<unknown>): this {
    if (values === null || values === undefined || values instanceof Tensor || typeof (values as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof values === 'string') {
      throw new TypeError(`nn.ParameterList.extend: should be called with an iterable, but got ${values instanceof Tensor ? 'Tensor' : typeof values}`);
    }
    for (const x of values) this.append(x);
    return this;
  }

  /** Python's `plist[start:end]`: a new ParameterList of the same parameters. */
  slice(start?: number, end?: number): ParameterList {
    return new ParameterList([...this].slice(...sliceBounds('nn.ParameterList.__getitem__', start, end)));
  }

  *[Symbol.iterator](): IterableIterator<unknown> {
    for (let i = 0; i < this._size; i++) yield Reflect.get(this, String(i));
  }

  override forward(): never {
    throw new Error('ParameterList should not be called.');
  }

  override extraRepr(): string {
    return [...this].map((p, k) => entryRepr(String(k), p, (t) => String(t.dtype))).join('\n');
  }
}

/**
 * `nn.ParameterDict(parameters=None)`: parameters by name (tensors become Parameters), registered
 * under their keys. `get(key)`, `set(key, value)` (Python's `pd[key] = value`), `has`, `delete`,
 * `pop`, `popitem`, `setdefault`, `update`, `keys`, `values`, `items`, `copy`, `fromkeys`, `.length`.
 * As in Python, a plain object given to the constructor or to update() is read in sorted key order;
 * a Map or ParameterDict in its own order.
 */
export class ParameterDict extends Module {
  declare private readonly _keys: Map<string, null>;

  constructor(parameters?: Record<string, unknown> | Map<string, unknown> | ParameterDict | Iterable<[string, unknown]> | null) {
    super();
    Object.defineProperty(this, '_keys', { value: new Map<string, null>(), enumerable: false });
    if (parameters !== undefined && parameters !== null) this.update(parameters);
  }

  private _keyToAttr(call: string, key: unknown): string {
    if (typeof key !== 'string') {
      throw new TypeError(`${call}: Index given to ParameterDict cannot be used as a key as it is not a string (type is '${typeof key}').`);
    }
    return key;
  }

  get length(): number {
    return this._keys.size;
  }

  /** `pd[key]`, or `get(key, default)`: the default when the key is absent. */
  get(key: string, defaultValue?: unknown): unknown {
    const k = this._keyToAttr('nn.ParameterDict.__getitem__', key);
    if (!this._keys.has(k)) {
      if (arguments.length > 1) return defaultValue;
      throw new RangeError(`nn.ParameterDict.__getitem__: no parameter named ${JSON.stringify(k)}`);
    }
    return Reflect.get(this, k);
  }

  /** `pd[key] = value`: a tensor becomes a Parameter. */
  set(key: string, value: unknown): this {
    const call = 'nn.ParameterDict.__setitem__';
    const k = this._keyToAttr(call, key);
    checkName(call, k);
    // A key may not shadow a method or an attribute of the module (Python would read the attribute back).
    if (!this._keys.has(k) && k in this && (this as unknown as Record<string, unknown>)[k] !== undefined) {
      throw new RangeError(`${call}: the key ${JSON.stringify(k)} names an attribute of nn.ParameterDict`);
    }
    this._keys.set(k, null);
    define(this, k, asParameter(value));
    return this;
  }

  has(key: string): boolean {
    return this._keys.has(key);
  }

  /** `del pd[key]`. */
  delete(key: string): boolean {
    const k = this._keyToAttr('nn.ParameterDict.__delitem__', key);
    if (!this._keys.has(k)) return false;
    this._keys.delete(k);
    Reflect.deleteProperty(this, k);
    return true;
  }

  pop(key: string): unknown {
    const x = this.get(key);
    this.delete(key);
    return x;
  }

  /** Removes and returns the last [key, value] pair. */
  popitem(): [string, unknown] {
    const keys = [...this._keys.keys()];
    if (keys.length === 0) throw new RangeError('nn.ParameterDict.popitem: dictionary is empty');
    const k = keys[keys.length - 1];
    return [k, this.pop(k)];
  }

  setdefault(key: string, defaultValue: unknown = null): unknown {
    if (!this.has(key)) this.set(key, defaultValue);
    return this.get(key);
  }

  clear(): void {
    for (const k of [...this._keys.keys()]) this.delete(k);
  }

  keys(): IterableIterator<string> {
    return this._keys.keys();
  }

  *values(): IterableIterator<unknown> {
    for (const k of this._keys.keys()) yield Reflect.get(this, k);
  }

  *items(): IterableIterator<[string, unknown]> {
    for (const k of this._keys.keys()) yield [k, Reflect.get(this, k)];
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.keys();
  }

  copy(): ParameterDict {
    return new ParameterDict(new Map(this.items()));
  }

  fromkeys(keys: Iterable<string>, defaultValue: unknown = null): ParameterDict {
    if (keys === null || keys === undefined || typeof (keys as Iterable<string>)[Symbol.iterator] !== 'function') throw argError('nn.ParameterDict.fromkeys', 'keys', 'an iterable of strings', keys);
    return new ParameterDict([...keys].map((k) => [k, defaultValue] as [string, unknown]));
  }

  update(parameters: Record<string, unknown> | Map<string, unknown> | ParameterDict | Iterable<[string, unknown]>): void {
    const call = 'nn.ParameterDict.update';
    if (parameters instanceof ParameterDict || parameters instanceof Map) {
      for (const [k, p] of parameters instanceof Map ? parameters.entries() : parameters.items()) this.set(k, p);
      return;
    }
    if (v.isPlainObject(parameters)) {
      for (const k of Object.keys(parameters).sort()) this.set(k, parameters[k]);
      return;
    }
    if (parameters === null || parameters === undefined || typeof (parameters as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof parameters === 'string') {
      throw new TypeError(`${call}: should be called with an iterable of key/value pairs, but got ${parameters === null ? 'null' : typeof parameters}`);
    }
    let j = 0;
    for (const p of parameters as Iterable<unknown>) {
      if (!Array.isArray(p)) throw new TypeError(`${call}: ParameterDict update sequence element #${j} should be Iterable; is ${typeof p}`);
      if (p.length !== 2) throw new RangeError(`${call}: ParameterDict update sequence element #${j} has length ${p.length}; 2 is required`);
      this.set(p[0], p[1]);
      j++;
    }
  }

  override forward(): never {
    throw new Error('ParameterDict should not be called.');
  }

  override extraRepr(): string {
    return [...this.items()].map(([k, p]) => entryRepr(k, p, (t) => `torch.${t.isCuda ? 'cuda.' : ''}${LEGACY_TYPES[t.dtype.name] ?? t.dtype.name}Tensor`)).join('\n');
  }
}

function checkName(call: string, name: string): void {
  if (name.includes('.')) throw new RangeError(`${call}: parameter name can't contain ".", got ${JSON.stringify(name)}`);
  if (name === '') throw new RangeError(`${call}: parameter name can't be empty string ""`);
}

/**
 * `nn.Container(**kwargs)`: deprecated in PyTorch (subclass nn.Module instead); registers each
 * `{ name: module }` entry as a child, with Python's warning.
 */
export class Container extends Module {
  constructor(modules?: Record<string, Module | null>) {
    super();
    process.emitWarning("nn.Container is deprecated. All of it's functionality is now implemented in nn.Module. Subclass that instead.");
    const o = v.options('nn.Container', modules);
    for (const [k, m] of Object.entries(o)) this.addModule(k, m as Module | null);
  }
}
