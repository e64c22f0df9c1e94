// torch.nn.Module. Python's Module registers submodules, Parameters and buffers in __setattr__; here
// every module is a Proxy whose defineProperty trap does the same (both `this.x = v` and class fields
// end there), so a name keeps its kind as in Python: a plain tensor assigned to a parameter's name is a
// TypeError, not an attribute that parameters() and stateDict() would skip while forward reads it.
// Values stay ordinary own properties of the target, so reads cost only the Proxy's forwarding.
// `_kinds` is Python's _parameters/_modules/_buffers key order in one map (a name that changes kind
// moves to the end, as Python's remove_from and re-insert do).
import { native } from '../native';
import { Tensor, tensorArg, parseTo } from '../tensor';
import { DType, asDType } from '../dtype';
import { Device, DeviceLike, toDevice } from '../device';
import { noGrad } from '../autograd';
import { aten } from '../_aten';
import { emptyLike } from '../creation';
import { argError, describe, TorchError } from '../errors';
import { Parameter } from './parameter';
import { RemovableHandle, BackwardHook, _registerGradFnHook } from '../utils/hooks';
import * as v from '../validate';

export type StateDict = Map<string, Tensor> | Record<string, Tensor>;

export interface IncompatibleKeys {
  missingKeys: string[];
  unexpectedKeys: string[];
}

type MemberKind = 'parameter' | 'module' | 'buffer';

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** Python's _addindent: indents every line but the first. */
export function addIndent(s: string, numSpaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const pad = ' '.repeat(numSpaces);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

/** Python's torch.Size repr, as in PyTorch's error messages. */
export function sizeRepr(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

// Python's names of the legacy tensor types (`x.type()`), as its assignment errors print them.
const LEGACY_TYPES: Record<string, string> = {
  float32: 'Float', float64: 'Double', float16: 'Half', bfloat16: 'BFloat16', int64: 'Long',
  int32: 'Int', int16: 'Short', int8: 'Char', uint8: 'Byte', bool: 'Bool',
};

/**
 * Python's `torch.typename` of the JS value: `torch.FloatTensor` for a float32 tensor, `int` or
 * `float` for a number, `str`, `bool`, `list`, `dict`; other objects give their class name.
 */
function typename(x: unknown): string {
  if (x instanceof Tensor) return `torch.${x.isCuda ? 'cuda.' : ''}${LEGACY_TYPES[x.dtype.name]}Tensor`;
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'string') return 'str';
  if (typeof x === 'boolean') return 'bool';
  if (Array.isArray(x)) return 'list';
  if (v.isPlainObject(x)) return 'dict';
  if (x !== null && typeof x === 'object') return (x as object).constructor?.name || 'object';
  return typeof x;
}

/** Python's error for assigning a value of the wrong type to a registered name. */
export function cannotAssign(value: unknown, what: 'parameter' | 'child module' | 'buffer', name: string): TypeError {
  const expected = what === 'parameter' ? 'torch.nn.Parameter' : what === 'buffer' ? 'torch.Tensor' : 'torch.nn.Module';
  return new TypeError(`cannot assign '${typename(value)}' as ${what} '${name}' (${expected} or None expected)`);
}

function* nonNull<T>(items: Iterable<[string, T | null]>): Iterable<[string, T]> {
  for (const [k, x] of items) if (x !== null) yield [k, x];
}

function checkName(call: string, what: string, name: unknown): string {
  if (typeof name !== 'string') throw argError(call, 'name', 'a string', name);
  if (name.includes('.')) throw new RangeError(`${call}: ${what} name can't contain ".", got ${JSON.stringify(name)}`);
  if (name === '') throw new RangeError(`${call}: ${what} name can't be empty string ""`);
  return name;
}

/** `hook(module, input)`: may return new inputs (an array, or one value). */
export type ForwardPreHook = (module: Module, input: unknown[]) => unknown;
/** `hook(module, input, output)`: may return a new output. */
export type ForwardHook = (module: Module, input: unknown[], output: unknown) => unknown;
/** `hook(module, gradInput, gradOutput)`: may return a new gradInput (an array of the same length). */
export type BackwardHookFn = (module: Module, gradInput: (Tensor | null)[], gradOutput: (Tensor | null)[]) => unknown;
/** `hook(module, stateDict, prefix, localMetadata)`: may return a new state dict. */
export type StateDictHook = (module: Module, stateDict: Map<string, Tensor>, prefix: string, localMetadata: Record<string, unknown>) => unknown;
/** `hook(stateDict, prefix, localMetadata, strict, missingKeys, unexpectedKeys, errorMsgs)`, with the module first when registered `withModule`. */
export type LoadStateDictPreHook = (...args: unknown[]) => unknown;
/** `hook(module, incompatibleKeys)`: may change the key lists in place; returns nothing. */
export type LoadStateDictPostHook = (module: Module, incompatibleKeys: IncompatibleKeys) => unknown;

// Python's module-level hooks common to all modules (torch.nn.modules.module's _global_*): debugging
// and profiling aids, run before each module's own.
const globalBackwardHooks = new Map<number, BackwardHookFn>();
let globalIsFullBackwardHook: boolean | null = null;
const globalForwardPreHooks = new Map<number, ForwardPreHook>();
const globalForwardHooks = new Map<number, ForwardHook>();

function hookArg<T>(call: string, hook: T): T {
  if (typeof hook !== 'function') throw argError(call, 'hook', 'a function', hook);
  return hook;
}

/** `torch.nn.modules.module.register_module_forward_pre_hook(hook)`: a forward pre-hook of every module, run before its own. */
export function registerModuleForwardPreHook(hook: ForwardPreHook): RemovableHandle {
  hookArg('torch.nn.modules.module.register_module_forward_pre_hook', hook);
  const handle = new RemovableHandle(globalForwardPreHooks);
  globalForwardPreHooks.set(handle.id, hook);
  return handle;
}

/** `register_module_forward_hook(hook)`: a forward hook of every module, run before its own. */
export function registerModuleForwardHook(hook: ForwardHook): RemovableHandle {
  hookArg('torch.nn.modules.module.register_module_forward_hook', hook);
  const handle = new RemovableHandle(globalForwardHooks);
  globalForwardHooks.set(handle.id, hook);
  return handle;
}

/** `register_module_backward_hook(hook)` (deprecated in Python for the full one): a grad_fn hook on every module's output. */
export function registerModuleBackwardHook(hook: BackwardHookFn): RemovableHandle {
  hookArg('torch.nn.modules.module.register_module_backward_hook', hook);
  if (globalIsFullBackwardHook === true) {
    throw new TorchError('Cannot use both regular backward hooks and full backward hooks as a global Module hook. Please use only one of them.');
  }
  globalIsFullBackwardHook = false;
  const handle = new RemovableHandle(globalBackwardHooks);
  globalBackwardHooks.set(handle.id, hook);
  return handle;
}

/** `register_module_full_backward_hook(hook)`: a full backward hook of every module, run before its own. */
export function registerModuleFullBackwardHook(hook: BackwardHookFn): RemovableHandle {
  hookArg('torch.nn.modules.module.register_module_full_backward_hook', hook);
  if (globalIsFullBackwardHook === false) {
    throw new TorchError('Cannot use both regular backward hooks and full backward hooks as a global Module hook. Please use only one of them.');
  }
  globalIsFullBackwardHook = true;
  const handle = new RemovableHandle(globalBackwardHooks);
  globalBackwardHooks.set(handle.id, hook);
  return handle;
}

/**
 * While torch.jit.trace records (Python's `_trace_module_map`): the scope name of each submodule and
 * the tracer's push/pop, so that each submodule's ops land in a scope that becomes its own method.
 */
let traceScopes: { names: Map<Module, string>; push(name: string): void; pop(): void } | null = null;

/** @internal torch.jit.trace sets and clears the scope map. */
export function _setTraceScopes(scopes: typeof traceScopes): void {
  traceScopes = scopes;
}

// The parameter names of forward functions (null where one cannot be named: a rest or destructured
// parameter ends the list), read from their source once.
const paramNamesCache = new WeakMap<Function, (string | null)[]>();

function paramNames(fn: Function): (string | null)[] {
  let names = paramNamesCache.get(fn);
  if (names !== undefined) return names;
  names = [];
  const src = Function.prototype.toString.call(fn).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
  const open = src.indexOf('(');
  let depth = 0;
  let part = '';
  const parts: string[] = [];
  let quote = '';
  for (let i = open + 1; open >= 0 && i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\') { part += c + src[++i]; continue; }
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) { parts.push(part); break; }
      depth--;
    } else if (c === ',' && depth === 0) { parts.push(part); part = ''; continue; }
    part += c;
  }
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    if (p.startsWith('...') || p.startsWith('{') || p.startsWith('[')) break;
    names.push(p.split('=')[0].trim());
  }
  paramNamesCache.set(fn, names);
  return names;
}

/**
 * Python's keyword call `m(input=x)`, as DESIGN's trailing options object: `m.forward({ input: x })`.
 * A last argument that is a plain object whose keys all name parameters of forward after the
 * positional ones is taken as keywords; any other object stays a positional argument (forwards that
 * take options of their own, as MultiheadAttention's, read it themselves). Returns the keywords.
 */
function keywordArgs(forward: Function, args: unknown[]): Record<string, unknown> | null {
  const last = args[args.length - 1];
  if (!v.isPlainObject(last)) return null;
  const keys = Object.keys(last);
  if (keys.length === 0) return null;
  const names = paramNames(forward);
  for (const k of keys) if (names.indexOf(k) < args.length - 1) return null;
  return last;
}

/** forward(*input, **kwargs). */
function callForward(m: Module, forward: Function, input: unknown[], kwargs: Record<string, unknown> | null): unknown {
  if (kwargs === null) return forward.apply(m, input);
  const names = paramNames(forward);
  const full = [...input];
  for (const [k, x] of Object.entries(kwargs)) {
    const i = names.indexOf(k);
    if (i < input.length) throw new TypeError(`${m.constructor.name}.forward() got multiple values for argument '${k}'`);
    full[i] = x;
  }
  return forward.apply(m, full);
}

/** The first tensor of a module's output, as Python's non-full backward hooks look for it. */
function firstTensor(output: unknown): Tensor {
  let x = output;
  while (!(x instanceof Tensor)) {
    if (v.isPlainObject(x)) {
      const next = Object.values(x).find((e) => e instanceof Tensor);
      if (next === undefined) throw new TypeError('nn.Module backward hook: the module output (a dict) holds no Tensor');
      x = next;
    } else if (Array.isArray(x) && x.length > 0) x = x[0];
    else throw new TypeError(`nn.Module backward hook: the module output holds no Tensor (got ${describe(x)})`);
  }
  return x;
}

/**
 * Python's `Module._call_impl`: the forward pre-hooks (global ones first), full backward hooks around
 * the positional tensor inputs, forward (in its tracing scope while torch.jit.trace records), the
 * forward hooks, full backward hooks around the outputs and the non-full ones on the output's
 * grad_fn. With no hook, no trace and no keywords, just forward. Hooks see the positional arguments only.
 */
function callImpl(m: Module, forward: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  const kwargs = args.length > 0 ? keywordArgs(forward, args) : null;
  const pre = m._forwardPreHooks;
  const post = m._forwardHooks;
  const bw = m._backwardHooks;
  if (pre.size === 0 && post.size === 0 && bw.size === 0 && traceScopes === null && kwargs === null &&
      globalForwardPreHooks.size === 0 && globalForwardHooks.size === 0 && globalBackwardHooks.size === 0) {
    return forward.apply(m, args);
  }
  let input = kwargs === null ? args : args.slice(0, -1);
  let full: BackwardHookFn[] = [];
  let nonFull: BackwardHookFn[] = [];
  if (bw.size > 0 || globalBackwardHooks.size > 0) [full, nonFull] = m._getBackwardHooks();
  for (const hook of [...globalForwardPreHooks.values(), ...pre.values()]) {
    const result = hook(m, input);
    if (result !== undefined && result !== null) input = Array.isArray(result) ? result : [result];
  }
  let bwHook: BackwardHook | null = null;
  if (full.length > 0) {
    bwHook = new BackwardHook(m, full as never[]);
    input = bwHook.setupInputHook(input);
  }
  const scope = traceScopes?.names.get(m);
  const scopes = scope === undefined ? null : traceScopes;
  scopes?.push(scope!);
  let output: unknown;
  try {
    output = callForward(m, forward, input, kwargs);
  } finally {
    scopes?.pop();
  }
  for (const hook of [...globalForwardHooks.values(), ...post.values()]) {
    const result = hook(m, input, output);
    if (result !== undefined && result !== null) output = result;
  }
  if (bwHook !== null) output = bwHook.setupOutputHook(output);
  if (nonFull.length > 0) {
    const x = firstTensor(output);
    if (x.gradFn !== null) {
      for (const hook of nonFull) _registerGradFnHook(x, (gradInput, gradOutput) => hook(m, gradInput, gradOutput));
      m._maybeWarnNonFullBackwardHook(input, output);
    }
  }
  return output;
}

/** Python's `state_dict._metadata`: version records by module prefix, on Maps stateDict() made and on what torch.load reads of a Python state dict. */
function metadataOf(sd: unknown): Map<string, Record<string, unknown>> | undefined {
  const m = (sd as { _metadata?: unknown })._metadata;
  return m instanceof Map ? m : undefined;
}

// The local metadata of the module loadStateDict is loading, for its load pre-hooks.
let loadingMetadata: Record<string, unknown> = {};

export class Module {
  /** Python's `_version`: written to the state dict's metadata; a subclass that changes its state's format raises it. */
  static _version = 1;

  /** Whether the module is in training mode (`train()` / `eval()` set it, recursively). */
  training = true;

  constructor() {
    Object.defineProperty(this, '_kinds', { value: new Map<string, MemberKind>() });
    Object.defineProperty(this, '_nonPersistentBuffers', { value: new Set<string>() });
    Object.defineProperty(this, '_forwardPreHooks', { value: new Map<number, ForwardPreHook>() });
    Object.defineProperty(this, '_forwardHooks', { value: new Map<number, ForwardHook>() });
    Object.defineProperty(this, '_backwardHooks', { value: new Map<number, BackwardHookFn>() });
    Object.defineProperty(this, '_isFullBackwardHook', { value: null, writable: true });
    Object.defineProperty(this, '_stateDictHooks', { value: new Map<number, StateDictHook>() });
    Object.defineProperty(this, '_loadStateDictPreHooks', { value: new Map<number, LoadStateDictPreHook>() });
    Object.defineProperty(this, '_loadStateDictPostHooks', { value: new Map<number, LoadStateDictPostHook>() });
    // Every later assignment, the subclasses' class fields included, goes through the traps.
    const self = new Proxy(this, (new.target as typeof Module)._traps);
    // `model.forward(x)` is Python's `model(x)`: the class's forward, run by callImpl with the hooks.
    const target = this;
    Object.defineProperty(this, 'forward', {
      value: function forward(...args: unknown[]): unknown {
        return callImpl(self, Reflect.get(Object.getPrototypeOf(target), 'forward', self), args);
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
    return self;
  }

  /** @internal */
  declare readonly _forwardPreHooks: Map<number, ForwardPreHook>;
  /** @internal */
  declare readonly _forwardHooks: Map<number, ForwardHook>;
  /** @internal */
  declare readonly _backwardHooks: Map<number, BackwardHookFn>;
  /** @internal Python's `_is_full_backward_hook`: null until a backward hook is registered. */
  declare _isFullBackwardHook: boolean | null;
  /** @internal */
  declare readonly _stateDictHooks: Map<number, StateDictHook>;
  /** @internal */
  declare readonly _loadStateDictPreHooks: Map<number, LoadStateDictPreHook>;
  /** @internal */
  declare readonly _loadStateDictPostHooks: Map<number, LoadStateDictPostHook>;

  declare private readonly _kinds: Map<string, MemberKind>;
  declare private readonly _nonPersistentBuffers: Set<string>;

  /** The Proxy traps of the class's instances; containers add indexing (container.ts). */
  protected static readonly _traps: ProxyHandler<Module> = {
    defineProperty(target, name, desc) {
      return typeof name === 'string' && 'value' in desc ? target._setAttr(name, desc) : Reflect.defineProperty(target, name, desc);
    },
    deleteProperty(target, name) {
      if (typeof name === 'string') {
        target._kinds.delete(name);
        target._nonPersistentBuffers.delete(name);
      }
      return Reflect.deleteProperty(target, name);
    },
  };

  /**
   * Python's `__setattr__`, on the Proxy's target: a Parameter registers as a parameter and a Module
   * as a child (whatever the name was before); a name that is a parameter, child or buffer then
   * takes only a value of that kind or null.
   */
  private _setAttr(name: string, desc: PropertyDescriptor): boolean {
    const value: unknown = desc.value;
    const kind = this._kinds.get(name);
    let next = kind;
    if (value instanceof Parameter) next = 'parameter';
    else if (kind === 'parameter') { if (value !== null) throw cannotAssign(value, 'parameter', name); }
    else if (value instanceof Module) next = 'module';
    else if (kind === 'module') { if (value !== null) throw cannotAssign(value, 'child module', name); }
    else if (kind === 'buffer') { if (value !== null && !(value instanceof Tensor)) throw cannotAssign(value, 'buffer', name); }
    if (next === undefined) return Reflect.defineProperty(this, name, desc);
    if (next !== kind) {
      this._kinds.delete(name);
      this._nonPersistentBuffers.delete(name);
      this._kinds.set(name, next);
    }
    // Whatever the descriptor asked: a member stays assignable and deletable through the traps.
    return Reflect.defineProperty(this, name, { value, writable: true, configurable: true, enumerable: true });
  }

  /** Defines the computation of every call: `model.forward(x)` is Python's `model(x)`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  forward(..._args: any[]): any {
    throw new Error(`Module [${this._getName()}] is missing the required "forward" function`);
  }

  /** The members of one kind, None included, in Python's order: `self._parameters.items()` and the like. */
  private *_items<T>(kind: MemberKind): Iterable<[string, T | null]> {
    for (const [k, kd] of this._kinds) if (kd === kind) yield [k, (this as Record<string, unknown>)[k] as T | null];
  }

  /** Python's `self._parameters` (non-null entries). */
  protected _localParameters(): Iterable<[string, Parameter]> {
    return nonNull(this._items<Parameter>('parameter'));
  }

  /** Python's `self._modules.items()`, None included; containers put their own map's children first. */
  protected _moduleItems(): Iterable<[string, Module | null]> {
    return this._items('module');
  }

  /** Python's `self._modules` (non-null entries). */
  protected _localModules(): Iterable<[string, Module]> {
    return nonNull(this._moduleItems());
  }

  protected *_localBuffers(): Iterable<[string, Tensor, boolean]> {
    for (const [k, b] of nonNull(this._items<Tensor>('buffer'))) yield [k, b, !this._nonPersistentBuffers.has(k)];
  }

  /** Python's `hasattr(self, name) and name not in self._<kind>s` of the register_* calls. */
  private _checkFree(call: string, name: string, kind: MemberKind): void {
    // A class field declared without a value (`w: Parameter;`) is undefined until assigned: absent, as in Python.
    if (this._kinds.get(name) !== kind && name in this && (this as Record<string, unknown>)[name] !== undefined) {
      throw new Error(`${call}: attribute '${name}' already exists`);
    }
  }

  // ---- hooks

  /**
   * `register_forward_pre_hook(hook)`: `hook(module, input)` runs before every forward call with the
   * arguments as an array, and may return replacements. `handle.remove()` takes it out.
   */
  registerForwardPreHook(hook: ForwardPreHook): RemovableHandle {
    if (typeof hook !== 'function') throw argError('nn.Module.register_forward_pre_hook', 'hook', 'a function', hook);
    const handle = new RemovableHandle(this._forwardPreHooks);
    this._forwardPreHooks.set(handle.id, hook);
    return handle;
  }

  /**
   * `register_forward_hook(hook)`: `hook(module, input, output)` runs after every forward call and may
   * return a replacement output. `handle.remove()` takes it out.
   */
  registerForwardHook(hook: ForwardHook): RemovableHandle {
    if (typeof hook !== 'function') throw argError('nn.Module.register_forward_hook', 'hook', 'a function', hook);
    const handle = new RemovableHandle(this._forwardHooks);
    this._forwardHooks.set(handle.id, hook);
    return handle;
  }

  /**
   * `register_backward_hook(hook)`, deprecated in Python for registerFullBackwardHook: `hook(module,
   * gradInput, gradOutput)` is put on the grad_fn of the output's first tensor at each call, so it
   * sees that one node's gradients. A module takes hooks of one kind only.
   */
  registerBackwardHook(hook: BackwardHookFn): RemovableHandle {
    hookArg('nn.Module.register_backward_hook', hook);
    if (this._isFullBackwardHook === true) {
      throw new TorchError('Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.');
    }
    this._isFullBackwardHook = false;
    const handle = new RemovableHandle(this._backwardHooks);
    this._backwardHooks.set(handle.id, hook);
    return handle;
  }

  /**
   * `register_full_backward_hook(hook)`: `hook(module, gradInput, gradOutput)` runs when the gradients
   * with respect to the module's positional inputs are computed (null for non-tensor arguments), and
   * may return a replacement gradInput array. forward then sees views of its tensor inputs, and the
   * caller views of the outputs (Python's BackwardHookFunction). CPU tensors only: autograd runs
   * CUDA nodes on threads where no JS can run.
   */
  registerFullBackwardHook(hook: BackwardHookFn): RemovableHandle {
    hookArg('nn.Module.register_full_backward_hook', hook);
    if (this._isFullBackwardHook === false) {
      throw new TorchError('Cannot use both regular backward hooks and full backward hooks on a single Module. Please use only one of them.');
    }
    this._isFullBackwardHook = true;
    const handle = new RemovableHandle(this._backwardHooks);
    this._backwardHooks.set(handle.id, hook);
    return handle;
  }

  /** @internal Python's `_get_backward_hooks`: [full hooks, non-full hooks], the global ones first. */
  _getBackwardHooks(): [BackwardHookFn[], BackwardHookFn[]] {
    const full: BackwardHookFn[] = [];
    const nonFull: BackwardHookFn[] = [];
    if (globalIsFullBackwardHook === true) full.push(...globalBackwardHooks.values());
    if (this._isFullBackwardHook === true) full.push(...this._backwardHooks.values());
    if (globalIsFullBackwardHook === false) nonFull.push(...globalBackwardHooks.values());
    if (this._isFullBackwardHook === false) nonFull.push(...this._backwardHooks.values());
    return [full, nonFull];
  }

  /**
   * @internal Python's `_maybe_warn_non_full_backward_hook`, its first two warnings (an output or an
   * input that is not a tensor or an array of tensors); the others compare autograd nodes, which JS
   * does not see.
   */
  _maybeWarnNonFullBackwardHook(inputs: unknown[], result: unknown): void {
    const tensors = (x: unknown): boolean => x instanceof Tensor || (Array.isArray(x) && x.every((e) => e instanceof Tensor));
    if (!tensors(result)) {
      process.emitWarning('Using non-full backward hooks on a Module that does not return a single Tensor or a tuple of Tensors is deprecated and will be removed in future versions. This hook will be missing some of the grad_output. Please use register_full_backward_hook to get the documented behavior.', 'UserWarning');
    } else if (!tensors(inputs)) {
      process.emitWarning('Using non-full backward hooks on a Module that does not take as input a single Tensor or a tuple of Tensors is deprecated and will be removed in future versions. This hook will be missing some of the grad_input. Please use register_full_backward_hook to get the documented behavior.', 'UserWarning');
    }
  }

  /**
   * Python's `_register_state_dict_hook(hook)`: `hook(module, stateDict, prefix, localMetadata)` runs
   * after the module's (and its children's) entries are in the state dict; it may change it in place
   * or return a new one.
   */
  _registerStateDictHook(hook: StateDictHook): RemovableHandle {
    hookArg('nn.Module._register_state_dict_hook', hook);
    const handle = new RemovableHandle(this._stateDictHooks);
    this._stateDictHooks.set(handle.id, hook);
    return handle;
  }

  /**
   * Python's `_register_load_state_dict_pre_hook(hook, with_module=False)`: `hook(stateDict, prefix,
   * localMetadata, strict, missingKeys, unexpectedKeys, errorMsgs)` (the module first with
   * `withModule`) runs before the module loads its own entries; it may change the (copied) state dict.
   */
  _registerLoadStateDictPreHook(hook: LoadStateDictPreHook, withModule: boolean | { withModule?: boolean } = false): RemovableHandle {
    const call = 'nn.Module._register_load_state_dict_pre_hook';
    hookArg(call, hook);
    let wm: boolean;
    if (typeof withModule === 'boolean') wm = withModule;
    else {
      const o = v.options(call, withModule);
      v.knownOptions(call, o, ['withModule']);
      wm = o.withModule === undefined ? false : v.bool(call, 'with_module', o.withModule);
    }
    const handle = new RemovableHandle(this._loadStateDictPreHooks);
    this._loadStateDictPreHooks.set(handle.id, wm ? (...args: unknown[]) => hook(this, ...args) : hook);
    return handle;
  }

  /**
   * `register_load_state_dict_post_hook(hook)`: `hook(module, incompatibleKeys)` runs after loadStateDict
   * has loaded the module and its children; it may edit `missingKeys` / `unexpectedKeys` in place
   * (strict then judges the edited lists) and must return nothing.
   */
  registerLoadStateDictPostHook(hook: LoadStateDictPostHook): RemovableHandle {
    hookArg('nn.Module.register_load_state_dict_post_hook', hook);
    const handle = new RemovableHandle(this._loadStateDictPostHooks);
    this._loadStateDictPostHooks.set(handle.id, hook);
    return handle;
  }

  // ---- registration

  /**
   * `register_buffer(name, tensor, persistent=True)`: a tensor that is part of the module's state
   * (moved by `to()`, saved by `stateDict()` when persistent) but is not a parameter. It is readable
   * and assignable as `module[name]`. `persistent` is positional or `{ persistent: false }`.
   */
  registerBuffer(name: string, tensor: Tensor | null, persistentOrOpts: boolean | { persistent?: boolean } = true): void {
    const call = 'nn.Module.register_buffer';
    checkName(call, 'buffer', name);
    if (tensor !== null) tensorArg(call, 'tensor', tensor);
    let persistent: boolean;
    if (typeof persistentOrOpts === 'boolean') persistent = persistentOrOpts;
    else {
      const o = v.options(call, persistentOrOpts);
      v.knownOptions(call, o, ['persistent']);
      persistent = o.persistent === undefined ? true : v.bool(call, 'persistent', o.persistent);
    }
    this._checkFree(call, name, 'buffer');
    if (!this._kinds.has(name)) this._kinds.set(name, 'buffer');
    if (persistent) this._nonPersistentBuffers.delete(name);
    else this._nonPersistentBuffers.add(name);
    (this as Record<string, unknown>)[name] = tensor;
  }

  /** `register_parameter(name, param)`; the same as assigning `module[name] = param`. */
  registerParameter(name: string, param: Parameter | null): void {
    const call = 'nn.Module.register_parameter';
    checkName(call, 'parameter', name);
    if (param !== null && !(param instanceof Parameter)) throw argError(call, name, 'an nn.Parameter or null', param);
    this._checkFree(call, name, 'parameter');
    if (!this._kinds.has(name)) this._kinds.set(name, 'parameter');
    (this as Record<string, unknown>)[name] = param;
  }

  /** `register_module(name, module)`; the same as assigning `module[name] = child`. */
  registerModule(name: string, module: Module | null): void {
    this.addModule(name, module);
  }

  /** `add_module(name, module)`. */
  addModule(name: string, module: Module | null): void {
    const call = 'nn.Module.add_module';
    checkName(call, 'module', name);
    if (module !== null && !(module instanceof Module)) throw argError(call, 'module', 'an nn.Module or null', module);
    this._checkFree(call, name, 'module');
    if (!this._kinds.has(name)) this._kinds.set(name, 'module');
    (this as Record<string, unknown>)[name] = module;
  }

  /** `get_submodule('features.0')`. */
  getSubmodule(target: string): Module {
    v.str('nn.Module.get_submodule', 'target', target);
    if (target === '') return this;
    let mod: Module = this;
    for (const item of target.split('.')) {
      const next = new Map(mod._localModules()).get(item);
      if (!next) throw new Error(`${mod._getName()} has no attribute \`${item}\``);
      mod = next;
    }
    return mod;
  }

  /** `get_parameter(target)`: the Parameter at a dotted path ('net.0.weight'), with Python's errors. */
  getParameter(target: string): Parameter {
    const [mod, name] = this._memberAt('nn.Module.get_parameter', target);
    const param = (mod as unknown as Record<string, unknown>)[name];
    if (!(param instanceof Parameter)) throw new Error(`\`${name}\` is not an nn.Parameter`);
    return param;
  }

  /** `get_buffer(target)`: the buffer at a dotted path ('bn.running_mean'), with Python's errors. */
  getBuffer(target: string): Tensor {
    const [mod, name] = this._memberAt('nn.Module.get_buffer', target);
    if (mod._kinds.get(name) !== 'buffer') throw new Error(`\`${name}\` is not a buffer`);
    return (mod as unknown as Record<string, unknown>)[name] as Tensor;
  }

  /** Python's `target.rpartition('.')` then get_submodule and hasattr, for get_parameter/get_buffer. */
  private _memberAt(call: string, target: string): [Module, string] {
    v.str(call, 'target', target);
    const dot = target.lastIndexOf('.');
    const mod = this.getSubmodule(dot < 0 ? '' : target.slice(0, dot));
    const name = target.slice(dot + 1);
    const value = (mod as unknown as Record<string, unknown>)[name];
    if (!(name in mod) || value === undefined) throw new Error(`${mod._getName()} has no attribute \`${name}\``);
    return [mod, name];
  }

  /**
   * `get_extra_state()`: what a subclass that defines it adds to its state dict under `_extra_state`
   * (loadStateDict gives it back to its `setExtraState`). Python's error when called on Module's own.
   */
  getExtraState(): unknown {
    throw new TorchError('Reached a code path in Module.get_extra_state() that should never be called. Please file an issue at https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml to report this bug.');
  }

  /** `set_extra_state(state)`: takes back what getExtraState gave; Python's error when called on Module's own. */
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  setExtraState(_state: unknown): void {
    throw new TorchError('Reached a code path in Module.set_extra_state() that should never be called. Please file an issue at https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml to report this bug.');
  }

  // ---- traversal (PyTorch's order and de-duplication)

  *namedModules(memo: Set<Module> = new Set(), prefix: string = ''): IterableIterator<[string, Module]> {
    if (!(memo instanceof Set)) throw argError('nn.Module.named_modules', 'memo', 'a Set of modules', memo);
    v.str('nn.Module.named_modules', 'prefix', prefix);
    if (memo.has(this)) return;
    memo.add(this);
    yield [prefix, this];
    for (const [name, m] of this._localModules()) {
      yield* m.namedModules(memo, prefix + (prefix ? '.' : '') + name);
    }
  }

  *modules(): IterableIterator<Module> {
    for (const [, m] of this.namedModules()) yield m;
  }

  *namedChildren(): IterableIterator<[string, Module]> {
    const memo = new Set<Module>();
    for (const [name, m] of this._localModules()) {
      if (memo.has(m)) continue;
      memo.add(m);
      yield [name, m];
    }
  }

  *children(): IterableIterator<Module> {
    for (const [, m] of this.namedChildren()) yield m;
  }

  /** Python's _named_members: walks the modules, yields each tensor once. */
  private *_namedMembers<T extends Tensor>(get: (m: Module) => Iterable<[string, T]>, prefix: string, recurse: boolean): IterableIterator<[string, T]> {
    const memo = new Set<Tensor>();
    const mods: Iterable<[string, Module]> = recurse ? this.namedModules(new Set(), prefix) : [[prefix, this]];
    for (const [modPrefix, m] of mods) {
      for (const [k, t] of get(m)) {
        if (memo.has(t)) continue;
        memo.add(t);
        yield [modPrefix + (modPrefix ? '.' : '') + k, t];
      }
    }
  }

  /** `named_parameters(prefix='', recurse=True)`, also as `namedParameters({ prefix, recurse })`. */
  namedParameters(prefix: string | { prefix?: string; recurse?: boolean } = '', recurse: boolean = true): IterableIterator<[string, Parameter]> {
    const [p, r] = prefixRecurse('nn.Module.named_parameters', prefix, recurse);
    return this._namedMembers((m) => m._localParameters(), p, r);
  }

  *parameters(recurse: boolean | { recurse?: boolean } = true): IterableIterator<Parameter> {
    for (const [, p] of this.namedParameters({ recurse: recurseArg('nn.Module.parameters', recurse) })) yield p;
  }

  namedBuffers(prefix: string | { prefix?: string; recurse?: boolean } = '', recurse: boolean = true): IterableIterator<[string, Tensor]> {
    const [p, r] = prefixRecurse('nn.Module.named_buffers', prefix, recurse);
    return this._namedMembers((m) => [...m._localBuffers()].map(([k, t]) => [k, t] as [string, Tensor]), p, r);
  }

  *buffers(recurse: boolean | { recurse?: boolean } = true): IterableIterator<Tensor> {
    for (const [, b] of this.namedBuffers({ recurse: recurseArg('nn.Module.buffers', recurse) })) yield b;
  }

  // ---- modes

  /** `train(mode=True)`: sets training mode on this module and every descendant; returns this. */
  train(mode: boolean = true): this {
    v.bool('nn.Module.train', 'mode', mode);
    this.training = mode;
    for (const m of this.children()) m.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  requiresGrad_(requiresGrad: boolean = true): this {
    v.bool('nn.Module.requires_grad_', 'requires_grad', requiresGrad);
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }

  /** `zero_grad(set_to_none=False)` (PyTorch 1.13's default). */
  zeroGrad(opts?: { setToNone?: boolean } | boolean): void {
    const call = 'nn.Module.zero_grad';
    const o = typeof opts === 'boolean' ? { setToNone: opts } : v.options(call, opts);
    v.knownOptions(call, o, ['setToNone']);
    const setToNone = o.setToNone === undefined ? false : v.bool(call, 'set_to_none', o.setToNone);
    for (const p of this.parameters()) {
      const g = p.grad;
      if (g === null) continue;
      if (setToNone) {
        p.grad = null;
      } else {
        if (g.gradFn !== null) g.detach_();
        else g.requiresGrad_(false);
        g.zero_();
      }
    }
  }

  /** `apply(fn)`: calls fn on every submodule (children first) and then on this; returns this. */
  apply(fn: (m: Module) => void): this {
    v.func('nn.Module.apply', 'fn', fn);
    for (const m of this.children()) m.apply(fn);
    fn(this);
    return this;
  }

  // ---- device and dtype (in place: the parameter objects stay the same, as in PyTorch)

  /**
   * Replaces every parameter's and buffer's data (and gradient) by fn(data), keeping the objects. As
   * Python's compute_should_use_set_data, a result of another tensor kind, which cannot be set as the
   * data (a meta tensor's CPU replacement), takes the old one's place instead: a new Parameter.
   */
  protected _apply(fn: (t: Tensor) => Tensor): this {
    for (const m of this.children()) m._apply(fn);
    const self = this as Record<string, unknown>;
    noGrad(() => {
      for (const [k, p] of [...this._localParameters()]) {
        const applied = fn(p);
        let out: Parameter = p;
        if (compatibleData(p, applied)) native.setData(p, applied);
        else self[k] = out = new Parameter(applied, p.requiresGrad);
        const g = p.grad;
        if (g === null) continue;
        const gradApplied = fn(g);
        if (out === p && compatibleData(g, gradApplied)) native.setData(g, gradApplied);
        else out.grad = gradApplied.requiresGrad_(g.requiresGrad);
      }
      for (const [k, b] of [...this._localBuffers()]) {
        const applied = fn(b);
        if (compatibleData(b, applied)) native.setData(b, applied);
        else self[k] = applied;
      }
    });
    return this;
  }

  /**
   * Python's forms of Tensor.to: `to(device?, dtype?, nonBlocking?)`, `to(dtype, nonBlocking?)`,
   * `to(tensor, nonBlocking?)`, each with `{ memoryFormat }`, or one options object: in place; returns
   * this. The dtype applies to floating-point and complex tensors, the memory format to 4-d and 5-d ones.
   */
  to(...args: Parameters<Tensor['to']>): this {
    const call = 'nn.Module.to';
    const a = args[0];
    if (a !== undefined && !(a instanceof Tensor) && !v.isPlainObject(a) && !asDType(a)) {
      try { toDevice(a as DeviceLike); } catch { throw argError(call, 'device', 'a device, a dtype or a Tensor', a); }
    }
    const p = parseTo(call, ...args);
    const dtype = p.dtype;
    if (dtype && !dtype.isFloatingPoint && !dtype.isComplex) {
      throw new TypeError(`nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=${dtype}`);
    }
    if (dtype?.isComplex) process.emitWarning('Complex modules are a new feature under active development whose design may change, and some modules might not work as expected when using complex tensors as parameters or buffers. Please file an issue at https://github.com/pytorch/pytorch/issues/new?template=bug-report.yml if a complex module does not work as expected.', 'UserWarning');
    return this._apply((t) => {
      const dt = dtype && (t.isFloatingPoint() || t.dtype.isComplex) ? dtype : null;
      const memoryFormat = p.memoryFormat !== null && (t.dim() === 4 || t.dim() === 5) ? p.memoryFormat : null;
      if (memoryFormat === null && !p.nonBlocking) return p.device ? t.to(p.device, dt) : dt ? t.to(dt) : t;
      return t.to({ device: p.device, dtype: dt, nonBlocking: p.nonBlocking, memoryFormat });
    });
  }

  /**
   * `to_empty(*, device)`: every parameter and buffer replaced by uninitialized memory of its shape and
   * dtype on `device` (`torch.empty_like(t, device=device)`), e.g. to materialize a module built on the
   * meta device. In place; returns this.
   */
  toEmpty(opts: { device: DeviceLike | null }): this {
    const call = 'nn.Module.to_empty';
    const o = v.bindArgs(call, [], [opts], ['device']);
    if (o.device === undefined) throw new TypeError(`${call}: missing required keyword argument 'device'`);
    let device: Device | null = null;  // None, as Python's empty_like(t, device=None): each tensor's own
    if (o.device !== null) {
      try { device = toDevice(o.device as DeviceLike); } catch { throw argError(call, 'device', "'cpu', 'cuda', 'meta' or a torch.device", o.device); }
    }
    return this._apply((t) => emptyLike(t, device === null ? {} : { device }));
  }

  cuda(device?: number): this {
    return this.to(device === undefined ? 'cuda' : `cuda:${v.int('nn.Module.cuda', 'device', device, 0)}`);
  }
  cpu(): this {
    return this.to('cpu');
  }
  float(): this {
    return this._apply((t) => (t.isFloatingPoint() ? t.float() : t));
  }
  double(): this {
    return this._apply((t) => (t.isFloatingPoint() ? t.double() : t));
  }
  half(): this {
    return this._apply((t) => (t.isFloatingPoint() ? t.half() : t));
  }
  bfloat16(): this {
    return this._apply((t) => (t.isFloatingPoint() ? t.bfloat16() : t));
  }
  /** `type(dst_type)`: every parameter and buffer (floating or not) cast to a dtype or legacy type, as Tensor.type. */
  type(dstType: DType | string): this {
    return this._apply((t) => t.type(dstType));
  }

  // ---- state dict

  /**
   * `state_dict(prefix='', keep_vars=False)`: an ordered Map (Python's OrderedDict) of each
   * module's parameters then persistent buffers, then its children's, with PyTorch's keys.
   * Unlike the iterators above it does not de-duplicate, as in PyTorch.
   */
  stateDict(opts?: { prefix?: string; keepVars?: boolean; destination?: Map<string, Tensor> }): Map<string, Tensor> {
    const call = 'nn.Module.state_dict';
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['prefix', 'keepVars', 'destination']);
    const prefix = o.prefix === undefined ? '' : v.str(call, 'prefix', o.prefix);
    const keepVars = o.keepVars === undefined ? false : v.bool(call, 'keep_vars', o.keepVars);
    if (o.destination !== undefined && !(o.destination instanceof Map)) throw argError(call, 'destination', 'a Map', o.destination);
    let dest = o.destination as Map<string, Tensor> | undefined;
    if (dest === undefined) {
      dest = new Map<string, Tensor>();
      // Python's OrderedDict._metadata: each module's version under its prefix.
      Object.defineProperty(dest, '_metadata', { value: new Map<string, Record<string, unknown>>(), writable: true, configurable: true });
    }
    return this._stateDictInto(dest, prefix, keepVars);
  }

  private _stateDictInto(dest: Map<string, Tensor>, prefix: string, keepVars: boolean): Map<string, Tensor> {
    const localMetadata: Record<string, unknown> = { version: (this.constructor as typeof Module)._version };
    metadataOf(dest)?.set(prefix.slice(0, -1), localMetadata);
    for (const [k, p] of this._localParameters()) dest.set(prefix + k, keepVars ? p : p.detach());
    for (const [k, b, persistent] of this._localBuffers()) if (persistent) dest.set(prefix + k, keepVars ? b : b.detach());
    if (this.getExtraState !== Module.prototype.getExtraState) dest.set(prefix + EXTRA_STATE, this.getExtraState() as Tensor);
    for (const [k, m] of this._localModules()) m._stateDictInto(dest, prefix + k + '.', keepVars);
    for (const hook of [...this._stateDictHooks.values()]) {
      const result = hook(this, dest, prefix, localMetadata);
      if (result !== undefined && result !== null) {
        if (!(result instanceof Map)) throw argError('nn.Module.state_dict', 'the result of a state dict hook', 'a Map or nothing', result);
        dest = result as Map<string, Tensor>;
      }
    }
    return dest;
  }

  /**
   * `load_state_dict(state_dict, strict=True)`: copies each tensor into the matching parameter or
   * buffer (under no_grad). A Map or a plain object of tensors, as torch.load returns. Size
   * mismatches are always errors; missing and unexpected keys are errors when strict.
   */
  loadStateDict(stateDict: StateDict, strict: boolean | { strict?: boolean } = true): IncompatibleKeys {
    const call = 'nn.Module.load_state_dict';
    let sd: Map<string, Tensor>;
    if (stateDict instanceof Map) sd = stateDict;
    else if (v.isPlainObject(stateDict)) sd = new Map(Object.entries(stateDict));
    else throw argError(call, 'state_dict', 'a Map or an object of tensors', stateDict);
    // a module's get_extra_state() value may be anything
    for (const [k, t] of sd) if (!(t instanceof Tensor) && k !== EXTRA_STATE && !k.endsWith('.' + EXTRA_STATE)) throw argError(call, `state_dict['${k}']`, 'a Tensor', t);
    let isStrict = true;
    if (typeof strict === 'boolean') isStrict = strict;
    else {
      const o = v.options(call, strict);
      v.knownOptions(call, o, ['strict']);
      if (o.strict !== undefined) isStrict = v.bool(call, 'strict', o.strict);
    }
    const missingKeys: string[] = [];
    const unexpectedKeys: string[] = [];
    const errors: string[] = [];
    // A copy, which load pre-hooks may change; each child sees the entries under its prefix.
    const metadata = metadataOf(stateDict);
    sd = new Map(sd);
    noGrad(() => {
      const load = (m: Module, local: Map<string, Tensor>, prefix: string): void => {
        loadingMetadata = metadata?.get(prefix.slice(0, -1)) ?? {};
        m._loadFromStateDict(local, prefix, missingKeys, unexpectedKeys, errors);
        for (const [k, child] of m._localModules()) {
          const childPrefix = prefix + k + '.';
          load(child, new Map([...local].filter(([key]) => key.startsWith(childPrefix))), childPrefix);
        }
        const incompatibleKeys: IncompatibleKeys = { missingKeys, unexpectedKeys };
        for (const hook of [...m._loadStateDictPostHooks.values()]) {
          const out = hook(m, incompatibleKeys);
          if (out !== undefined && out !== null) {
            throw new Error('Hooks registered with ``register_load_state_dict_post_hook`` are notexpected to return new values, if incompatible_keys need to be modified,it should be done inplace.');
          }
        }
      };
      try {
        load(this, sd, '');
      } finally {
        loadingMetadata = {};
      }
    });
    if (isStrict) {
      if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}. `);
      if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}. `);
    }
    if (errors.length > 0) throw new Error(`Error(s) in loading state_dict for ${this._getName()}:\n\t${errors.join('\n\t')}`);
    return { missingKeys, unexpectedKeys };
  }

  /** The local_metadata Python's _load_from_state_dict gets: this module's entry of the state dict's _metadata ({} without one). */
  protected _localMetadata(): Record<string, unknown> {
    return loadingMetadata;
  }

  /** Python's _load_from_state_dict for this module's own tensors (children are visited by the caller). */
  protected _loadFromStateDict(sd: Map<string, Tensor>, prefix: string, missingKeys: string[], unexpectedKeys: string[], errors: string[]): void {
    for (const hook of [...this._loadStateDictPreHooks.values()]) hook(sd, prefix, loadingMetadata, true, missingKeys, unexpectedKeys, errors);
    const local = new Map<string, Tensor>();
    for (const [k, p] of this._localParameters()) local.set(k, p);
    for (const [k, b, persistent] of this._localBuffers()) if (persistent) local.set(k, b);
    for (const [name, param] of local) {
      const key = prefix + name;
      let input = sd.get(key);
      if (input === undefined) {
        missingKeys.push(key);
        continue;
      }
      // PyTorch's backward compatibility: a 1-element 1-d checkpoint value loads into a 0-d tensor.
      if (param.dim() === 0 && input.dim() === 1) input = input.get(0);
      const ps = param.shape;
      const is = input.shape;
      if (ps.length !== is.length || ps.some((d, i) => d !== is[i])) {
        errors.push(`size mismatch for ${key}: copying a param with shape ${sizeRepr(is)} from checkpoint, the shape in current model is ${sizeRepr(ps)}.`);
        continue;
      }
      try {
        param.copy_(input);
      } catch (e) {
        errors.push(`While copying the parameter named "${key}", whose dimensions in the model are ${sizeRepr(ps)} and whose dimensions in the checkpoint are ${sizeRepr(is)}, an exception occurred : ${(e as Error).message}.`);
      }
    }
    const extraKey = prefix + EXTRA_STATE;
    if (this.setExtraState !== Module.prototype.setExtraState) {
      if (sd.has(extraKey)) this.setExtraState(sd.get(extraKey));
      else missingKeys.push(extraKey);
    } else if (sd.has(extraKey)) unexpectedKeys.push(extraKey);
    const children = new Set([...this._localModules()].map(([k]) => k));
    for (const key of sd.keys()) {
      if (!key.startsWith(prefix) || key === extraKey) continue;
      const first = key.slice(prefix.length).split('.', 1)[0];
      if (!children.has(first) && !local.has(first)) unexpectedKeys.push(key);
    }
  }

  // ---- printing: exactly Python's Module.__repr__

  /** The layer's own settings for the repr, e.g. `in_features=784, out_features=512, bias=True`. */
  extraRepr(): string {
    return '';
  }

  protected _getName(): string {
    return this.constructor.name;
  }

  toString(): string {
    const extra = this.extraRepr();
    const extraLines = extra ? extra.split('\n') : [];
    const childLines: string[] = [];
    // Every child, duplicates and None included, as Python's repr.
    for (const [key, m] of this._moduleItems()) childLines.push(`(${key}): ${m === null ? 'None' : addIndent(String(m), 2)}`);
    const lines = [...extraLines, ...childLines];
    let main = this._getName() + '(';
    if (lines.length > 0) {
      if (extraLines.length === 1 && childLines.length === 0) main += extraLines[0];
      else main += '\n  ' + lines.join('\n  ') + '\n';
    }
    return main + ')';
  }

  [inspectSymbol](): string {
    return this.toString();
  }
}

function recurseArg(call: string, r: boolean | { recurse?: boolean }): boolean {
  if (typeof r === 'boolean') return r;
  const o = v.options(call, r);
  v.knownOptions(call, o, ['recurse']);
  return o.recurse === undefined ? true : v.bool(call, 'recurse', o.recurse);
}

function prefixRecurse(call: string, prefix: unknown, recurse: unknown): [string, boolean] {
  if (v.isPlainObject(prefix)) {
    v.knownOptions(call, prefix, ['prefix', 'recurse']);
    return [
      prefix.prefix === undefined ? '' : v.str(call, 'prefix', prefix.prefix),
      prefix.recurse === undefined ? true : v.bool(call, 'recurse', prefix.recurse),
    ];
  }
  return [v.str(call, 'prefix', prefix), v.bool(call, 'recurse', recurse)];
}

/** Python's _EXTRA_STATE_KEY_SUFFIX: the state-dict key of a module's getExtraState(). */
const EXTRA_STATE = '_extra_state';

/** Python's torch._has_compatible_shallow_copy_type: whether `to` can take `from`'s data by set_data. */
function compatibleData(to: Tensor, from: Tensor): boolean {
  return to === from || aten('_has_compatible_shallow_copy_type')(to, from);
}
