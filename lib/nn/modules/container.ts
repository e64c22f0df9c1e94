// torch.nn.Sequential, ModuleList, ModuleDict (torch/nn/modules/container.py). Their children live in
// an ordered map (Python's `_modules`), so names like 'keys' or '0' cannot clash with methods or be
// reordered by JS's integer-key rule. Sequential and ModuleList answer `seq[6]`, `seq[-1]` and
// `seq[6] = layer` through traps added to Module's Proxy.
import { argError } from '../../errors';
import { Module, cannotAssign } from '../module';
import { Parameter } from '../parameter';
import * as v from '../../validate';

const INDEX = /^-?\d+$/;

abstract class Container extends Module {
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
      const t = target as Container;
      if (typeof prop === 'string' && INDEX.test(prop)) return t.at(Number(prop));
      if (typeof prop === 'string' && !(prop in t) && t._modules.has(prop)) return t._modules.get(prop);
      return Reflect.get(t, prop, receiver);
    },
    set(target, prop, value, receiver) {
      const t = target as Container;
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
      const t = target as Container;
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
export class Sequential extends Container {
  [index: number]: Module;
  protected static override readonly _traps = Container._indexableTraps;

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
    v.optInt('nn.Sequential.__getitem__', 'start', start);
    v.optInt('nn.Sequential.__getitem__', 'end', end);
    const entries = [...this._modules].slice(start, end) as [string, Module][];
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
export class ModuleList extends Container {
  [index: number]: Module;
  protected static override readonly _traps = Container._indexableTraps;

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
export class ModuleDict extends Container {
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
