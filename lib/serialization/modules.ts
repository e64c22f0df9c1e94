// Whole pickled modules: `torch.save(model)` and `torch.load` of a file that holds one. Python pickles an
// nn.Module as object.__reduce_ex__(2) does: NEWOBJ of its class (GLOBAL torch.nn.modules.linear
// Linear), then BUILD with the instance __dict__: Module.__init__'s registries (`training`,
// `_parameters`, `_buffers`, `_modules`, the hook dicts, ...) and the class's own attributes
// (`in_features`, `kernel_size`, ...). torch-node modules keep the same attributes as camelCase own
// properties (the names of Python's __constants__ and extra_repr), so the mapping is by name:
// `in_features` ↔ `inFeatures`, `_reversed_padding_repeated_twice` ↔ `_reversedPaddingRepeatedTwice`.
// A module is rebuilt as pickle rebuilds one: by Module's constructor alone (no subclass __init__),
// then its state. Classes come from torch.nn, torchvision (registered by torch-node/vision) and the
// user classes passed to torch.serialization.safeGlobals / addSafeGlobals (PyTorch 2.x's names).
// Values a module may keep besides tensors and plain data: module classes, torch.nn.functional's functions,
// functools.partial (torchvision's norm_layer) and, in the hook dicts, weight_norm's WeightNorm objects.
// JS numbers do not tell 1.0 from 1: the Python type of a number is taken from the attribute's name and class.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Module } from '../nn/module';
import { Parameter } from '../nn/parameter';
import { Tensor } from '../tensor';
import { argError } from '../errors';
import * as v from '../validate';
import { FormatError, PyCallable, PyDict } from './pickle';
import * as activation from '../nn/modules/activation';
import * as adaptive from '../nn/modules/adaptive';
import * as batchnorm from '../nn/modules/batchnorm';
import * as channelshuffle from '../nn/modules/channelshuffle';
import * as container from '../nn/modules/container';
import * as conv from '../nn/modules/conv';
import * as distance from '../nn/modules/distance';
import * as dropout from '../nn/modules/dropout';
import * as flatten from '../nn/modules/flatten';
import * as fold from '../nn/modules/fold';
import * as instancenorm from '../nn/modules/instancenorm';
import * as linear from '../nn/modules/linear';
import * as loss from '../nn/modules/loss';
import * as normalization from '../nn/modules/normalization';
import * as padding from '../nn/modules/padding';
import * as pixelshuffle from '../nn/modules/pixelshuffle';
import * as pooling from '../nn/modules/pooling';
import * as rnn from '../nn/modules/rnn';
import * as sparse from '../nn/modules/sparse';
import * as transformer from '../nn/modules/transformer';
import * as upsampling from '../nn/modules/upsampling';
import * as functional from '../nn/functional';
import * as functools from '../functools';
import { WeightNorm } from '../nn/utils/weight_norm';
import { hookOwner } from '../nn/utils/_hooks';

/** Python's attribute name of a torch-node property (`inFeatures` → `in_features`), and back; a capitalized name (Inception3's AuxLogits) is Python's own. */
const snake = (s: string): string => (/^[A-Z]/.test(s) ? s : s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
const camel = (s: string): string => s.replace(/(?<=[^_])_([a-z])/g, (_m, c: string) => c.toUpperCase());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ModuleClass = abstract new (...args: any[]) => Module;

const byName = new Map<string, ModuleClass>();
const byClass = new Map<ModuleClass, string>();
// Functions a module may keep (TransformerEncoderLayer.activation is torch.nn.functional.relu).
// eslint-disable-next-line @typescript-eslint/ban-types
const functionsByName = new Map<string, Function>();
// eslint-disable-next-line @typescript-eslint/ban-types
const functionNames = new Map<Function, string>();

function isModuleClass(x: unknown): x is ModuleClass {
  return typeof x === 'function' && (x === Module || x.prototype instanceof Module);
}

/**
 * @internal Makes the module classes a library file exports loadable and savable under its Python
 * module's name (torch-node/vision registers torchvision's files this way).
 */
export function registerPythonModule(pyModule: string, exports: Record<string, unknown>): void {
  // An export under its class's own name first: an alias (nn.Linear re-exported as another name) is Python's alias too.
  const entries = Object.entries(exports).filter(([, x]) => isModuleClass(x));
  entries.sort(([a, x], [b, y]) => Number(b === (y as ModuleClass).name) - Number(a === (x as ModuleClass).name));
  for (const [name, cls] of entries as [string, ModuleClass][]) {
    byName.set(`${pyModule}.${name}`, cls);
    if (!byClass.has(cls)) byClass.set(cls, `${pyModule}.${name}`);
  }
}

registerPythonModule('torch.nn.modules.module', { Module });
// The functions of torch.nn.functional that are C builtins in Python: pickle names them by their own
// module (TransformerEncoderLayer(activation='gelu') keeps torch._C._nn.gelu).
const BUILTIN_FUNCTIONS: Record<string, string[]> = {
  'torch._C._nn': ['avg_pool2d', 'avg_pool3d', 'elu_', 'gelu', 'hardtanh_', 'leaky_relu_', 'linear', 'logsigmoid', 'one_hot', 'softplus', 'softshrink'],
  torch: [
    'adaptive_avg_pool1d', 'avg_pool1d', 'bilinear', 'celu_', 'channel_shuffle', 'conv1d', 'conv2d', 'conv3d', 'conv_tbc', 'conv_transpose1d',
    'conv_transpose2d', 'conv_transpose3d', 'cosine_similarity', 'hardshrink', 'native_channel_shuffle', 'pairwise_distance', 'pdist',
    'pixel_shuffle', 'pixel_unshuffle', 'prelu', 'relu_', 'rrelu_', 'selu_', 'threshold_',
  ],
};
const builtinModule = new Map(Object.entries(BUILTIN_FUNCTIONS).flatMap(([mod, names]) => names.map((n): [string, string] => [n, mod])));
for (const [name, fn] of Object.entries(functional)) {
  if (typeof fn !== 'function' || isModuleClass(fn) || functionNames.has(fn)) continue;
  const py = snake(name);
  const full = `${builtinModule.get(py) ?? 'torch.nn.functional'}.${py}`;
  functionsByName.set(`torch.nn.functional.${py}`, fn);
  functionsByName.set(full, fn);
  functionNames.set(fn, full);
}
for (const [file, ns] of Object.entries({
  activation, adaptive, batchnorm, channelshuffle, container, conv, distance, dropout, flatten, fold, instancenorm,
  linear, loss, normalization, padding, pixelshuffle, pooling, rnn, sparse, transformer, upsampling,
})) {
  registerPythonModule(`torch.nn.modules.${file}`, ns);
}

// ---- torch.serialization.safeGlobals / addSafeGlobals

/** A class torch.load may rebuild: the class (named `__module__.__qualname__`, `__main__.Name` by default) or `[cls, 'module.Name']`. */
export type SafeGlobal = ModuleClass | [ModuleClass, string];

const added: [ModuleClass, string][] = [];
const scoped = new AsyncLocalStorage<[ModuleClass, string][]>();

function safeEntry(call: string, g: unknown, i: number): [ModuleClass, string] {
  if (Array.isArray(g) && g.length === 2 && typeof g[1] === 'string') {
    if (!isModuleClass(g[0])) throw argError(call, `safe_globals[${i}][0]`, 'an nn.Module subclass', g[0]);
    if (!/^[\w.]+\.\w+$/.test(g[1])) throw argError(call, `safe_globals[${i}][1]`, "a dotted name such as 'mymodule.Net'", g[1]);
    return [g[0], g[1]];
  }
  if (!isModuleClass(g)) throw argError(call, `safe_globals[${i}]`, "an nn.Module subclass or a [class, 'module.Name'] pair", g);
  const c = g as unknown as { __module__?: unknown; __qualname__?: unknown; name: string };
  // A Python module name, as Python's pickle names a class; anything else (a file path) is not one.
  const mod = typeof c.__module__ === 'string' && /^[\w.]+$/.test(c.__module__) ? c.__module__ : '__main__';
  return [g, `${mod}.${typeof c.__qualname__ === 'string' ? c.__qualname__ : c.name}`];
}

function safeList(call: string, globals: unknown): [ModuleClass, string][] {
  if (!Array.isArray(globals)) throw argError(call, 'safe_globals', 'an array of classes', globals);
  return globals.map((g, i) => safeEntry(call, g, i));
}

/**
 * `with torch.serialization.safe_globals([Net]):` → `torch.serialization.safeGlobals([Net], () => ...)`:
 * while fn runs (and the Promise it returns settles), torch.load rebuilds these classes and torch.save
 * writes them under their Python names. Returns fn's value.
 */
export function safeGlobals<T>(globals: SafeGlobal[], fn: () => T): T {
  const call = 'torch.serialization.safe_globals';
  const list = safeList(call, globals);
  v.func(call, 'fn', fn);
  return scoped.run([...(scoped.getStore() ?? []), ...list], fn);
}

/** `torch.serialization.add_safe_globals([...])`: classes every later torch.load may rebuild. */
export function addSafeGlobals(globals: SafeGlobal[]): void {
  added.push(...safeList('torch.serialization.add_safe_globals', globals));
}

/** `torch.serialization.get_safe_globals()`: what addSafeGlobals added, as `[cls, name]` pairs. */
export function getSafeGlobals(): [ModuleClass, string][] {
  return added.map(([c, n]) => [c, n]);
}

/** `torch.serialization.clear_safe_globals()`. */
export function clearSafeGlobals(): void {
  added.length = 0;
}

function allowed(): [ModuleClass, string][] {
  return [...(scoped.getStore() ?? []), ...added];
}

/** The Python name torch.save writes a module class under, or null. */
export function pythonClassName(cls: unknown): string | null {
  for (const [c, n] of allowed()) if (c === cls) return n;
  return byClass.get(cls as ModuleClass) ?? null;
}

// ---- writing

/** Values torch.save writes as these Python types: an OrderedDict, a set, a float, a list, a class. */
export class PyOrderedDict { constructor(readonly entries: [unknown, unknown][]) {} }
export class PySet { constructor(readonly items: unknown[]) {} }
export class PyFloat { constructor(readonly value: number) {} }
export class PyList { constructor(readonly items: unknown[]) {} }
export class PyGlobal { constructor(readonly module: string, readonly name: string) {} }
/** A functools.partial: pickled as partial(func), then BUILD with (func, args, keywords, None). */
export class PyPartial { constructor(readonly func: unknown, readonly args: readonly unknown[], readonly keywords: Record<string, unknown>) {} }
/** An object pickled as object.__reduce_ex__(2): NEWOBJ of its class, then BUILD with its __dict__. */
export class PyObject { constructor(readonly cls: PyGlobal, readonly state: [string, unknown][]) {} }

function pyGlobal(full: string): PyGlobal {
  const dot = full.lastIndexOf('.');
  return new PyGlobal(full.slice(0, dot), full.slice(dot + 1));
}

/** Python's Module.__init__ attributes, in its order: what torch.save writes first, and torch.load reads by itself. */
const PY_INTERNALS = [
  'training', '_parameters', '_buffers', '_non_persistent_buffers_set', '_backward_hooks', '_is_full_backward_hook', '_forward_hooks',
  '_forward_pre_hooks', '_state_dict_hooks', '_load_state_dict_pre_hooks', '_load_state_dict_post_hooks', '_modules',
];
/** The hook registries Module.__init__ of PyTorch 2.x adds: read (empty) from a 2.x file, not written. */
const PY2_HOOKS = ['_backward_pre_hooks', '_forward_hooks_with_kwargs', '_forward_hooks_always_called', '_forward_pre_hooks_with_kwargs', '_state_dict_pre_hooks'];
/** What torch-node's Module keeps under other names (its member kinds, the hook-running forward). */
const NODE_INTERNALS = new Set(['forward', '_kinds', '_nonPersistentBuffers']);
// JS numbers do not tell 1.0 from 1, nor arrays lists from tuples: by name, the attributes that Python
// keeps as floats (those it casts, and those whose defaults are floats) and as lists; other integral
// numbers are ints and other arrays tuples (hyperparameters: kernel_size, stride, ...), as Python has them.
const FLOATS = new Set([
  'eps', 'momentum', 'p', 'dropout', 'drop_rate', 'attention_dropout', 'stochastic_depth_prob', 'negative_slope', 'alpha', 'lambd',
  'min_val', 'max_val', 'upper', 'lower', 'label_smoothing', 'margin', 'max_norm', 'norm_type', 'layer_norm_eps', 'value', 'scale_factor',
  'norm', 'k', 'div_value', 'beta', 'delta',
]);
// RNNBase's weight names, AdaptiveLogSoftmaxWithLoss's cutoffs, and the list attributes of torchvision's models.
const LISTS = new Set(['_flat_weights_names', '_all_weights', '_flat_weights', '_stage_out_channels', 'dims', 'window_size', 'shift_size', 'cutoffs']);
/** Where a class's attribute is another Python type than its name says (FLOATS, LISTS): 'int', 'float' or 'list'. */
function attributeType(m: Module, name: string): 'int' | 'float' | 'list' | null {
  const self = m as unknown as Record<string, unknown>;
  if ((m instanceof loss.MultiMarginLoss && name === 'p') || (m instanceof activation.Softplus && name === 'beta')) return 'int';
  // CrossMapLRN2d keeps k as given, 1 (an int) by default.
  if (m instanceof normalization.CrossMapLRN2d && name === 'k') return self._kGiven ? 'float' : 'int';
  // _ConvNd keeps a list for string padding ('same', 'valid') and a tuple otherwise.
  if (name === '_reversed_padding_repeated_twice' && typeof self.padding === 'string') return 'list';
  return null;
}
/** What a torch-node class keeps that Python's does not: not written, and not needed by a module torch.load rebuilds. */
const NODE_ONLY = new Map<ModuleClass, string[]>([
  [activation.PReLU, ['init']],
  [pooling.AvgPool1d, ['divisorOverride']],
  [normalization.CrossMapLRN2d, ['_kGiven']],
]);
// What Python keeps and torch-node computes with a getter (RNNBase._flat_weights): written from the getter.
const COMPUTED = ['_flatWeights'];


function describeValue(x: unknown): string {
  if (typeof x === 'function') return `the function ${x.name || '(anonymous)'}`;
  return typeof x;
}

function pyValue(name: string, x: unknown, where: string, call: string, type: 'int' | 'float' | 'list' | null = null): unknown {
  if (typeof x === 'number') return type === 'float' || (type === null && FLOATS.has(name)) ? new PyFloat(x) : x;
  if (typeof x === 'function' && functools.partialParts(x)) return pyPartial(x, where, call);
  if (typeof x === 'function') {
    const full = pythonClassName(x) ?? functionNames.get(x) ?? null;
    if (full === null) {
      throw new TypeError(`${call}: cannot pickle ${where} (${describeValue(x)}): torch.save writes torch.nn.functional's functions and the module classes of torch.nn, torchvision and torch.serialization.safeGlobals; save model.stateDict() instead`);
    }
    return pyGlobal(full);
  }
  if (Array.isArray(x) && !Object.isFrozen(x)) {
    const items = x.map((e, i) => pyValue(name, e, `${where}[${i}]`, call, type === 'list' ? null : type));
    return type === 'list' || (type === null && LISTS.has(name)) ? new PyList(items) : Object.freeze(items);
  }
  if (typeof x === 'symbol' || typeof x === 'undefined') throw new TypeError(`${call}: cannot pickle ${where} (${typeof x}); save model.stateDict() instead`);
  return x;
}

// One PyPartial per partial, so that the pickle memoizes it as Python's does.
// eslint-disable-next-line @typescript-eslint/ban-types
const pyPartials = new WeakMap<Function, PyPartial>();

// eslint-disable-next-line @typescript-eslint/ban-types
function pyPartial(fn: Function, where: string, call: string): PyPartial {
  let p = pyPartials.get(fn);
  if (!p) {
    const { func, args, keywords } = functools.partialParts(fn)!;
    p = new PyPartial(
      pyValue('func', func, `${where}.func`, call),
      Object.freeze(args.map((a, i) => pyValue('', a, `${where}.args[${i}]`, call))),
      Object.fromEntries(Object.entries(keywords).map(([k, x]) => [snake(k), pyValue(snake(k), x, `${where}.keywords.${k}`, call)])),
    );
    pyPartials.set(fn, p);
  }
  return p;
}

// Hook objects a module may hold, as Python registers them (weight_norm's WeightNorm is the forward
// pre-hook itself): their Python class, and the hook function torch-node registers for one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type HookClass = abstract new (...args: any[]) => object;
// eslint-disable-next-line @typescript-eslint/ban-types
const HOOK_CLASSES: [string, HookClass, (o: any) => Function][] = [
  ['torch.nn.utils.weight_norm.WeightNorm', WeightNorm, (o: WeightNorm) => o._hook()],
];
const pyHookObjects = new WeakMap<object, PyObject>();

/** A registered hook as Python pickles it: its object (a WeightNorm), or an error for a function. */
function pyHook(hook: unknown, where: string, call: string, what: string): PyObject {
  const owner = hookOwner(hook);
  const entry = owner && HOOK_CLASSES.find(([, cls]) => owner instanceof cls);
  if (!owner || !entry) throw new TypeError(`${call}: cannot pickle ${where}: it has ${what} (functions); remove them, or save model.stateDict() instead`);
  let o = pyHookObjects.get(owner);
  if (!o) {
    const self = owner as Record<string, unknown>;
    o = new PyObject(pyGlobal(entry[0]), Object.keys(owner).map((k): [string, unknown] => [snake(k), pyValue(snake(k), self[k], `${where}.${k}`, call)]));
    pyHookObjects.set(owner, o);
  }
  return o;
}

/** The module as Python pickles it: its class and its __dict__ (what Python's Module.__init__ makes, then the class's attributes). */
export function moduleObject(m: Module, where: string, call: string): PyObject {
  const cls = m.constructor as ModuleClass;
  const full = pythonClassName(cls);
  if (full === null) {
    throw new TypeError(
      `${call}: cannot pickle module of class ${cls.name} (${where}): it is not a torch.nn or torchvision class; pass it to ` +
        'torch.serialization.safeGlobals([...], fn) to save it under a Python name, or save model.stateDict() instead',
    );
  }
  const internal = m as unknown as { _kinds: Map<string, string>; _nonPersistentBuffers: Set<string>; _moduleItems(): Iterable<[string, Module | null]> };
  const target = m as unknown as Record<string, unknown>;
  const members = (kind: string): [string, unknown][] => [...internal._kinds].filter(([, k]) => k === kind).map(([n]) => [n, target[n]]);
  // Python's Module.__init__ attributes, in its order; the hook dicts are torch-node's registries of the same names.
  const state: [string, unknown][] = PY_INTERNALS.map((py): [string, unknown] => {
    if (py === 'training') return [py, m.training];
    if (py === '_parameters') return [py, new PyOrderedDict(members('parameter'))];
    if (py === '_buffers') return [py, new PyOrderedDict(members('buffer'))];
    if (py === '_non_persistent_buffers_set') return [py, new PySet([...internal._nonPersistentBuffers])];
    if (py === '_modules') return [py, new PyOrderedDict([...internal._moduleItems()])];
    if (py === '_is_full_backward_hook') return [py, target._isFullBackwardHook ?? null];
    const hooks = target[camel(py)];
    const what = py.slice(1).replace(/_/g, ' ');
    if (hooks instanceof Map) return [py, new PyOrderedDict([...hooks].map(([id, h]): [unknown, unknown] => [id, pyHook(h, `${where}.${py}[${id}]`, call, what)]))];
    return [py, new PyOrderedDict([])];
  });
  const nodeOnly = [...NODE_ONLY].flatMap(([c, keys]) => (m instanceof c ? keys : []));
  for (const key of Object.getOwnPropertyNames(m)) {
    if (NODE_INTERNALS.has(key) || nodeOnly.includes(key) || PY_INTERNALS.includes(snake(key)) || internal._kinds.has(key) || target[key] === undefined) continue;
    state.push([snake(key), pyValue(snake(key), target[key], `${where}.${key}`, call, attributeType(m, snake(key)))]);
  }
  for (const key of COMPUTED) if (key in m && !Object.prototype.hasOwnProperty.call(m, key)) state.push([snake(key), new PyList(target[key] as unknown[])]);
  return new PyObject(pyGlobal(full), state);
}

// ---- reading

/** A module class a pickle names: NEWOBJ / REDUCE of it makes a PendingModule; as a value it is the class. */
export class ModuleClassRef implements PyCallable {
  constructor(readonly pyName: string, readonly cls: ModuleClass) {}
  call(): PendingModule {
    return new PendingModule(this);
  }
}

/** A function a pickle names as a value (torch.nn.functional.relu): torch.load returns torch-node's. */
export class FunctionRef implements PyCallable {
  // eslint-disable-next-line @typescript-eslint/ban-types
  constructor(readonly pyName: string, readonly fn: Function) {}
  call(): never {
    throw new FormatError(`the file calls ${this.pyName}, which torch.load does not run`);
  }
}

/** functools.partial as a pickle names it: REDUCE of it makes a PendingPartial, which BUILD completes. */
export class PartialRef implements PyCallable {
  readonly pyName = 'functools.partial';
  call(): PendingPartial {
    return new PendingPartial();
  }
}

/** A functools.partial being unpickled: its state (func, args, keywords, __dict__), made into a function by buildPartial. */
export class PendingPartial {
  state: unknown = null;
  __setstate__(state: unknown): void {
    this.state = state;
  }
}

/** The torch-node partial of a PendingPartial (keywords in camelCase); `convert` turns the state's values into JS ones. */
export function buildPartial(p: PendingPartial, convert: (x: unknown) => unknown): unknown {
  const state = p.state;
  if (!Array.isArray(state) || state.length !== 4) throw new FormatError('a functools.partial has no (func, args, keywords, dict) state');
  const func = convert(state[0]);
  if (typeof func !== 'function') throw new FormatError('a functools.partial wraps something that is not a function or a module class');
  const args = state[1] === null ? [] : convert(state[1]);
  const keywords = state[2] === null ? {} : convert(state[2]);
  if (!Array.isArray(args) || !v.isPlainObject(keywords)) throw new FormatError('a functools.partial has malformed arguments');
  // eslint-disable-next-line @typescript-eslint/ban-types
  return functools.partial(func as Function, args, Object.fromEntries(Object.entries(keywords).map(([k, x]) => [camel(k), x])));
}

/** A hook class a pickle names (torch.nn.utils.weight_norm.WeightNorm): NEWOBJ makes a PendingHookObject. */
export class HookClassRef implements PyCallable {
  constructor(readonly pyName: string, readonly cls: HookClass) {}
  call(): PendingHookObject {
    return new PendingHookObject(this);
  }
}

/** A hook object being unpickled: its class, then its __dict__ (BUILD). */
export class PendingHookObject {
  state: unknown = null;
  constructor(readonly ref: HookClassRef) {}
  __setstate__(state: unknown): void {
    this.state = state;
  }
}

/** The torch-node object of a PendingHookObject: made as pickle makes one (no constructor), its attributes camelCase. */
export function buildHookObject(p: PendingHookObject, convert: (x: unknown) => unknown, register: (o: object) => void): object {
  const o = Object.create(p.ref.cls.prototype) as Record<string, unknown>;
  register(o);
  if (!(p.state instanceof PyDict)) throw new FormatError(`the ${p.ref.pyName} has no attribute dict`);
  for (const [k, x] of p.state.map) {
    if (typeof k !== 'string') throw new FormatError(`the ${p.ref.pyName} has an attribute named ${String(k)}, not a string`);
    o[camel(k)] = convert(x);
  }
  return o;
}

/** A module being unpickled: its class, then its __dict__ (BUILD); made into a module once tensors exist. */
export class PendingModule {
  state: unknown = null;
  constructor(readonly ref: ModuleClassRef) {}
  __setstate__(state: unknown): void {
    this.state = state;
  }
}

/** pickle's find_class for modules: torch.nn's classes and functions, functools.partial, torchvision's classes (once loaded) and the safe globals. */
export function findModuleClass(module: string, name: string): ModuleClassRef | FunctionRef | PartialRef | HookClassRef | null {
  const full = `${module}.${name}`;
  for (const [c, n] of allowed()) if (n === full) return new ModuleClassRef(full, c);
  const cls = byName.get(full);
  if (cls) return new ModuleClassRef(full, cls);
  const fn = functionsByName.get(full);
  if (fn) return new FunctionRef(full, fn);
  if (full === 'functools.partial') return new PartialRef();
  const hookClass = HOOK_CLASSES.find(([n]) => n === full);
  if (hookClass) return new HookClassRef(full, hookClass[1]);
  if (module.startsWith('torchvision.')) {
    throw new FormatError(`the file holds a module of class ${full}: import 'torch-node/vision' before torch.load to rebuild torchvision's modules`);
  }
  return null;
}

// The containers keep their entries in registries their constructors make; they take no required argument.
const CONTAINERS: ModuleClass[] = [container.Sequential, container.ModuleList, container.ModuleDict, container.ParameterList, container.ParameterDict];

/**
 * A module of the class as pickle makes one (object.__new__): Module's constructor, or for a container
 * (and its subclasses, torchvision's Conv2dNormActivation) the container's, without the subclass's.
 */
function bareInstance(cls: ModuleClass): Module {
  const base = CONTAINERS.find((c) => cls === c || cls.prototype instanceof c) ?? Module;
  return Reflect.construct(base, [], cls) as Module;
}

function hasAccessor(obj: object, key: string): boolean {
  for (let p = Object.getPrototypeOf(obj); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, key);
    if (d) return d.get !== undefined || d.set !== undefined;
  }
  return false;
}

/**
 * Makes the torch-node module of a PendingModule (Python's Module.__setstate__): `convert` turns the
 * state's values into JS ones (tensors, objects, arrays, nested modules). `register` is called first so
 * that references back to the module resolve to it.
 */
export function buildModule(p: PendingModule, convert: (x: unknown) => unknown, register: (m: Module) => void): Module {
  const m = bareInstance(p.ref.cls);
  register(m);
  if (!(p.state instanceof PyDict)) throw new FormatError(`the module of class ${p.ref.pyName} has no attribute dict`);
  const state = p.state.map;
  const dict = (key: string): Map<unknown, unknown> => {
    const d = state.get(key);
    if (d === undefined || d === null) return new Map();
    if (!(d instanceof PyDict)) throw new FormatError(`${p.ref.pyName}.${key} is not a dict`);
    return d.map;
  };
  const name = (k: unknown): string => {
    if (typeof k !== 'string') throw new FormatError(`${p.ref.pyName} has a member named ${String(k)}, not a string`);
    return k;
  };
  const self = m as unknown as Record<string, unknown>;
  for (const hooks of ['_backward_hooks', '_forward_hooks', '_forward_pre_hooks', '_state_dict_hooks', '_load_state_dict_pre_hooks', '_load_state_dict_post_hooks', ...PY2_HOOKS]) {
    const registry = self[camel(hooks)];
    for (const [id, x] of dict(hooks)) {
      // A hook object torch-node knows (weight_norm's WeightNorm) is registered under its id, as Python keeps it.
      const o = x instanceof PendingHookObject ? convert(x) : null;
      const entry = o === null ? undefined : HOOK_CLASSES.find(([, cls]) => o instanceof cls);
      if (!entry || !(registry instanceof Map) || typeof id !== 'number') {
        throw new FormatError(`the module of class ${p.ref.pyName} has ${hooks.slice(1).replace(/_/g, ' ')}, which torch-node cannot rebuild`);
      }
      registry.set(id, entry[2](o));
    }
  }
  m.training = state.get('training') !== false;
  // The class's attributes first, as __dict__.update sets them all at once (ParameterList's _size counts its parameters).
  for (const [k, x] of state) {
    const key = name(k);
    if (PY_INTERNALS.includes(key) || PY2_HOOKS.includes(key)) continue;
    let prop = camel(key);
    if (hasAccessor(m, prop)) {
      // What torch-node computes (a getter) follows from the rest; a camelCase getter of a member kept by
      // Python's name (MultiheadAttention's biasK for bias_k, None when add_bias_kv is false) is that member.
      if (COMPUTED.includes(prop) || hasAccessor(m, key)) continue;
      prop = key;
    }
    const value = convert(x);
    const own = Object.getOwnPropertyDescriptor(m, prop);
    if (own?.value instanceof Map && (v.isPlainObject(value) || value instanceof Map)) {
      // A registry the constructor made (ParameterDict's _keys): it takes the entries.
      for (const [ek, ev] of value instanceof Map ? value : Object.entries(value)) own.value.set(ek, ev);
      continue;
    }
    if (own && !own.configurable) {
      self[prop] = value; // a counter the constructor made (ParameterList's _size)
      continue;
    }
    // Private attributes stay out of keys(), as torch-node's own.
    Object.defineProperty(self, prop, { value, writable: true, configurable: true, enumerable: !prop.startsWith('_') });
  }
  for (const [k, x] of dict('_parameters')) {
    const t = convert(x);
    if (t !== null && !(t instanceof Tensor)) throw new FormatError(`${p.ref.pyName}._parameters['${String(k)}'] is not a tensor`);
    m.registerParameter(name(k), t === null ? null : t instanceof Parameter ? t : Parameter.adopt(t as Tensor));
  }
  const nonPersistent = convert(state.get('_non_persistent_buffers_set') ?? new Set());
  for (const [k, x] of dict('_buffers')) {
    const t = convert(x);
    if (t !== null && !(t instanceof Tensor)) throw new FormatError(`${p.ref.pyName}._buffers['${String(k)}'] is not a tensor`);
    m.registerBuffer(name(k), t as Tensor | null, !(nonPersistent instanceof Set && nonPersistent.has(k)));
  }
  for (const [k, x] of dict('_modules')) {
    const child = convert(x);
    if (child !== null && !(child instanceof Module)) throw new FormatError(`${p.ref.pyName}._modules['${String(k)}'] is not a module`);
    m.addModule(name(k), child as Module | null);
  }
  return m;
}
