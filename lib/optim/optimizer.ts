// torch.optim.Optimizer, the base of SGD, Adam, AdamW, RMSprop and Adagrad. The update rule is
// libtorch's own torch::optim class (native/optim.cc); this layer keeps Python's interface: param groups
// with per-group options, zero_grad, step(closure), state_dict / load_state_dict in Python's layout.
import { native } from '../native';
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { float32 } from '../dtype';
import { enableGrad } from '../autograd';
import { argError } from '../errors';
import * as v from '../validate';
import { bindArgs, pythonName } from '../validate';
import { pyFloat, pyRepr } from '../_repr';

/** One param group as given to a constructor: `{ params, lr, ... }` with per-group overrides. */
export type ParamGroupSpec<O> = { params: Iterable<Tensor> | Tensor; initialLr?: number } & O;
/** What an optimizer takes: any iterable of Tensors (`model.parameters()`) or a list of param groups. */
export type Params<O> = Iterable<Tensor> | Iterable<ParamGroupSpec<O>>;
/** Keys lr schedulers add to param groups (camelCase here, Python's name in state dicts): OneCycleLR's besides initial_lr. */
const SCHEDULER_KEYS = [['initialLr', 'initial_lr'], ['maxLr', 'max_lr'], ['minLr', 'min_lr'], ['maxMomentum', 'max_momentum'], ['baseMomentum', 'base_momentum']] as const;
type SchedulerKeys = { [K in (typeof SCHEDULER_KEYS)[number][0]]?: number };
/** A live param group: `optimizer.paramGroups[i].lr = 0.01` writes to libtorch's group options. */
export type ParamGroup<O> = { params: Tensor[] } & SchedulerKeys & Required<O>;

/** One hyperparameter: its camelCase name, Python default (REQUIRED: none) and argument check. */
export interface OptionSpec {
  readonly name: string;
  readonly default: unknown;
  readonly check: (call: string, name: string, value: unknown) => unknown;
}
export interface OptimizerSpec {
  readonly call: string; // 'optim.Adam'
  readonly kind: string; // the torch::optim class native/optim.cc builds
  readonly options: readonly OptionSpec[]; // in Python's positional order
  /**
   * Keys Python's param groups also carry, for features libtorch's optimizers lack, at the one value
   * they have here (maximize: false, foreach: null, ...): state dicts and repr keep Python's layout.
   */
  readonly pythonOnly: Readonly<Record<string, boolean | null>>;
  /** Whether Python 1.13 keeps a parameter's `step` as a float32 scalar tensor (Adam, AdamW, Adagrad) rather than an int (RMSprop). */
  readonly tensorStep: boolean;
  /** Checks across options, on the defaults as Python does (SGD's nesterov). */
  readonly checkDefaults?: (call: string, defaults: Record<string, unknown>) => void;
}

export const REQUIRED = Symbol('required');

export function nonNegative(call: string, name: string, value: unknown): number {
  const n = v.number(call, pythonName(name), value);
  if (!(n >= 0)) throw argError(call, pythonName(name), 'a non-negative number', value, 'range');
  return n;
}
export function betas(call: string, name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw argError(call, name, 'a pair of numbers [beta1, beta2]', value);
  return value.map((b, i) => {
    const n = v.number(call, `${name}[${i}]`, b);
    if (!(n >= 0 && n < 1)) throw argError(call, `${name}[${i}]`, 'a number in [0, 1)', b, 'range');
    return n;
  }) as [number, number];
}
export const anyNumber = (call: string, name: string, value: unknown): number => v.number(call, pythonName(name), value);
export const flag = (call: string, name: string, value: unknown): boolean => v.bool(call, name, value);

type Handle = unknown;
const handles = new WeakMap<object, Handle>();

function tensorList(call: string, params: unknown): Tensor[] {
  if (params instanceof Tensor) return [params];
  if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
    throw argError(call, 'params', 'an iterable of Tensors', params);
  }
  return [...(params as Iterable<unknown>)].map((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${call}: optimizer can only optimize Tensors, but params[${i}] is ${p === null ? 'null' : typeof p === 'object' ? 'an object' : typeof p}`);
    if (!p.isLeaf) throw new RangeError(`${call}: can't optimize a non-leaf Tensor (params[${i}])`);
    return p;
  });
}

export abstract class Optimizer<O extends { lr?: number }> {
  /** The options given to the constructor, with Python's defaults filled in. */
  readonly defaults: Required<O>;
  readonly paramGroups: ParamGroup<O>[];
  /** How many times step() ran (Python's `_step_count`, read by the lr schedulers' order check). */
  _stepCount = 0;
  readonly #spec: OptimizerSpec;

  protected constructor(spec: OptimizerSpec, params: Params<O> | ({ params: Params<O> } & O), args: readonly unknown[]) {
    // JS can call an abstract class's constructor; its arguments are the subclasses' own.
    if (new.target === Optimizer) throw new TypeError('torch.optim.Optimizer: the base class cannot be constructed; construct SGD, Adam, AdamW, RMSprop, Adagrad or a subclass');
    const call = spec.call;
    this.#spec = spec;
    if (v.isPlainObject(params) && args.length === 0) {
      // Every argument by keyword, as Python allows: Adam(params=..., lr=...)
      const { params: p, ...rest } = params as Record<string, unknown>;
      [params, args] = [p as Params<O>, [rest]];
    }
    const given = bindArgs(call, spec.options.map((o) => o.name), args);
    const defaults: Record<string, unknown> = {};
    for (const o of spec.options) {
      const value = given[o.name] ?? o.default;
      defaults[o.name] = value === REQUIRED ? REQUIRED : o.check(call, o.name, value);
    }
    if (defaults.lr !== REQUIRED) spec.checkDefaults?.(call, defaults);
    this.defaults = defaults as Required<O>;

    if (params instanceof Tensor) {
      throw new TypeError(`${call}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got a Tensor`);
    }
    if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
      throw argError(call, 'params', 'an iterable of Tensors or of param groups', params);
    }
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new RangeError(`${call}: optimizer got an empty parameter list`);
    const specs = v.isPlainObject(list[0]) ? list : [{ params: list }];
    const seen = new Set<Tensor>();
    const groups = specs.map((g, gi) => this.#parseGroup(call, g, `params[${gi}]`, seen));
    // libtorch needs a full set of defaults even where every group brings its own (SGD without lr).
    const nativeDefaults = { ...defaults, lr: defaults.lr === REQUIRED ? groups[0].options.lr : defaults.lr };
    const handle = native.optimCreate(spec.kind, nativeDefaults, groups.map((g) => ({ params: g.params, options: g.options })));
    handles.set(this, handle);
    this.paramGroups = groups.map((g, i) => this.#liveGroup(handle, i, g.params, g.initialLr));
  }

  /** A param group object checked and completed with the defaults; `seen` catches parameters in two groups. */
  #parseGroup(call: string, g: unknown, name: string, seen: Set<Tensor>): { params: Tensor[]; options: Record<string, unknown>; initialLr?: number } {
    const spec = this.#spec;
    if (!v.isPlainObject(g)) throw argError(call, name, 'a param group object { params, ... }', g);
    v.knownOptions(`${call}: ${name}`, g, ['params', 'initialLr', ...spec.options.map((o) => o.name)]);
    const ps = tensorList(call, g.params);
    const unique = new Set(ps);
    if (unique.size !== ps.length) {
      process.emitWarning(`${call}: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error`);
    }
    for (const p of unique) {
      if (seen.has(p)) throw new RangeError(`${call}: some parameters appear in more than one parameter group`);
      seen.add(p);
    }
    const options: Record<string, unknown> = {};
    for (const o of spec.options) {
      const value = g[o.name] ?? (this.defaults as Record<string, unknown>)[o.name];
      if (value === REQUIRED) throw new TypeError(`${call}: parameter group didn't specify a value of required optimization parameter ${pythonName(o.name)}`);
      options[o.name] = o.check(call, o.name, value);
    }
    return { params: ps, options, initialLr: g.initialLr === undefined ? undefined : v.number(call, 'initial_lr', g.initialLr) };
  }

  /** Adds a group `{ params, lr, ... }` (options it leaves out come from the defaults), e.g. layers unfrozen later. */
  addParamGroup(paramGroup: ParamGroupSpec<O>): void {
    const call = `${this.#spec.call}.add_param_group`;
    if (this.#spec.kind === 'Adagrad') {
      // Python's Adagrad sets up each parameter's accumulator in its constructor only; a later group
      // fails at its first step there (and trips an assertion in libtorch).
      throw new TypeError(`${call}: Adagrad cannot take new param groups (its state is made in the constructor); construct it with every group`);
    }
    const seen = new Set(this.#allParams());
    const g = this.#parseGroup(call, v.isPlainObject(paramGroup) ? paramGroup : { params: paramGroup }, 'param_group', seen);
    const handle = handles.get(this);
    native.optimAddParamGroup(handle, g.params, g.options);
    this.paramGroups.push(this.#liveGroup(handle, this.paramGroups.length, g.params, g.initialLr));
  }

  #liveGroup(handle: Handle, index: number, params: Tensor[], initialLr: number | undefined): ParamGroup<O> {
    const spec = this.#spec;
    const group: Record<string, unknown> = { params, initialLr };
    for (const o of spec.options) {
      Object.defineProperty(group, o.name, {
        enumerable: true,
        get: () => (o.name === 'lr' ? native.optimGetLr(handle, index) : native.optimGetOptions(handle, index)[o.name]),
        set: (value: unknown) => {
          const checked = o.check(spec.call, o.name, value);
          if (o.name === 'lr') return native.optimSetLr(handle, index, checked);
          native.optimSetOptions(handle, index, { ...native.optimGetOptions(handle, index), [o.name]: checked });
        },
      });
    }
    return group as ParamGroup<O>;
  }

  /** Resets the gradients: zeroed (PyTorch 1.13's default) or set to null with `{ setToNone: true }`. */
  zeroGrad(setToNone: boolean | { setToNone?: boolean } = false): void {
    const call = `${this.#spec.call}.zero_grad`;
    const flagValue = typeof setToNone === 'object' && setToNone !== null
      ? (v.knownOptions(call, setToNone as Record<string, unknown>, ['setToNone']), setToNone.setToNone ?? false)
      : setToNone;
    native.optimZeroGrad(handles.get(this), v.bool(call, 'set_to_none', flagValue));
  }

  /**
   * One optimization step over every parameter that has a gradient (frozen ones have none and are
   * skipped, as in PyTorch). The closure, if any, re-evaluates the loss with grad enabled; its value is returned.
   */
  step<T = undefined>(closure?: () => T): T | undefined {
    let loss: T | undefined;
    if (closure !== undefined) {
      v.func(`${this.#spec.call}.step`, 'closure', closure);
      loss = enableGrad(closure);
    }
    native.optimStep(handles.get(this));
    this._stepCount++;
    return loss;
  }

  /** Per-parameter state, as Python's `optimizer.state[p]`: the state's own tensors, not copies. */
  get state(): Map<Tensor, Record<string, number | Tensor>> {
    const states: (Record<string, number | Tensor> | null)[] = native.optimGetState(handles.get(this));
    const out = new Map<Tensor, Record<string, number | Tensor>>();
    this.#allParams().forEach((p, i) => { if (states[i]) out.set(p, states[i]!); });
    return out;
  }

  #allParams(): Tensor[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  /** Python's repr: `print(optimizer)` → `console.log(String(optimizer))`. */
  toString(): string {
    // JS numbers do not say int or float: whole numbers print as Python ints, as its defaults do.
    const show = (x: unknown): string => (typeof x === 'number' && !Number.isInteger(x) ? pyFloat(x) : Array.isArray(x) ? `(${x.map(show).join(', ')})` : pyRepr(x));
    const groups = this.stateDict().param_groups.map((g, i) => {
      const lines = Object.keys(g).filter((k) => k !== 'params').sort().map((k) => `    ${k}: ${show(g[k])}\n`);
      return `\nParameter Group ${i}\n${lines.join('')}`;
    });
    return `${this.#spec.kind} (${groups.join('')})`;
  }

  /**
   * Python's `state_dict()`: `{ state: {0: { step, exp_avg, ... }, ...}, param_groups: [{ lr, ..., params: [0, 1] }] }`,
   * with Python's keys (snake_case) and types, so that torch.save writes the file Python's optimizer
   * resumes from: `state` is a Map with number keys (a dict with int keys, as Python's parameter ids,
   * which torch.load of Python's file gives back), `step` a float32 scalar tensor where Python 1.13
   * has one, betas a frozen array (a tuple), integral hyperparameters ints as Python's defaults
   * (`momentum: 0`; JS cannot tell a user's 1.0 from 1). The state tensors are the optimizer's own,
   * as in Python: save or clone them to keep a snapshot.
   */
  stateDict(): { state: Map<number, Record<string, number | Tensor>>; param_groups: Record<string, unknown>[] } {
    const states: (Record<string, number | Tensor> | null)[] = native.optimGetState(handles.get(this));
    const state = new Map<number, Record<string, number | Tensor>>();
    states.forEach((s, i) => {
      if (!s) return;
      if (this.#spec.tensorStep && typeof s.step === 'number') s.step = tensor(s.step, { dtype: float32 });
      state.set(i, s);
    });
    let next = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const out: Record<string, unknown> = {};
      for (const o of this.#spec.options) {
        const value = (g as Record<string, unknown>)[o.name];
        out[pythonName(o.name)] = Array.isArray(value) ? Object.freeze([...value]) : value;
      }
      Object.assign(out, this.#spec.pythonOnly);
      out.params = g.params.map(() => next++);
      for (const [field, key] of SCHEDULER_KEYS) if (g[field] !== undefined) out[key] = g[field]; // a scheduler adds them after params
      return out;
    });
    return { state, param_groups: paramGroups };
  }

  /**
   * Restores a state dict: stateDict()'s, or Python's as torch.load gives it (state a Map with int
   * keys) or as an object with the ids as string keys. Group options, per-parameter state (copied),
   * step counts (numbers or scalar tensors).
   */
  loadStateDict(stateDict: {
    state: Map<number, Record<string, unknown>> | Record<number | string, Record<string, unknown>>;
    param_groups: Record<string, unknown>[];
  }): void {
    const call = `${this.#spec.call}.load_state_dict`;
    if (!v.isPlainObject(stateDict) || !(stateDict.state instanceof Map || v.isPlainObject(stateDict.state)) || !Array.isArray(stateDict.param_groups)) {
      throw argError(call, 'state_dict', 'an object { state, param_groups }', stateDict);
    }
    const saved = stateDict.param_groups;
    if (saved.length !== this.paramGroups.length) throw new RangeError(`${call}: loaded state dict has a different number of parameter groups`);
    saved.forEach((g, i) => {
      if (!v.isPlainObject(g) || !Array.isArray(g.params) || g.params.length !== this.paramGroups[i].params.length) {
        throw new RangeError(`${call}: loaded state dict contains a parameter group that doesn't match the size of optimizer's group`);
      }
    });
    // Python's ids are ints; an object (JSON, a torch-node file from before int keys) has them as strings.
    const ids = new Set(saved.flatMap((g) => g.params as unknown[]));
    const savedState = new Map<unknown, unknown>();
    for (const [key, s] of stateDict.state instanceof Map ? stateDict.state : Object.entries(stateDict.state)) {
      const id = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
      // Python skips an entry that no group lists: here that would hide a file whose ids were misread.
      if (!ids.has(id)) throw new RangeError(`${call}: state has an entry for parameter id ${typeof key === 'string' ? `'${key}'` : String(key)}, which no param group lists`);
      if (s !== null && !v.isPlainObject(s)) throw argError(call, `state[${String(key)}]`, 'an object of state values', s);
      savedState.set(id, s);
    }
    const handle = handles.get(this);
    // Check every group's options before changing any, so that a bad dict leaves the optimizer as it was.
    const options = saved.map((g, i) => {
      for (const [key, only] of Object.entries(this.#spec.pythonOnly)) {
        // foreach picks Python's implementation, not the math: any value gives the same steps.
        if (key !== 'foreach' && g[key] !== undefined && g[key] !== only) {
          throw new RangeError(`${call}: param_groups[${i}].${key} = ${String(g[key])} is not supported (libtorch's optimizers have no ${key})`);
        }
      }
      const o: Record<string, unknown> = {};
      for (const spec of this.#spec.options) {
        const value = g[pythonName(spec.name)];
        if (value === undefined) throw new RangeError(`${call}: param_groups[${i}] has no '${pythonName(spec.name)}'`);
        o[spec.name] = spec.check(call, `param_groups[${i}].${pythonName(spec.name)}`, value);
      }
      return o;
    });
    const states = saved.flatMap((g) => (g.params as unknown[]).map((id) => {
      const s = savedState.get(id) as Record<string, unknown> | null | undefined;
      if (s === undefined || s === null) return null;
      // Python keeps step as a tensor, and SGD without momentum a `momentum_buffer: None` (no state here).
      const entries = Object.entries(s).filter(([, x]) => x !== null && x !== undefined);
      if (entries.every(([k]) => k === 'step') && this.#spec.kind === 'SGD') return null;
      return Object.fromEntries(entries.map(([k, x]) => [k, k === 'step' && x instanceof Tensor ? Number(x.item()) : x]));
    }));
    native.optimSetState(handle, states);
    options.forEach((o, i) => {
      native.optimSetOptions(handle, i, o);
      // Python's groups become the saved ones: a key the file lacks is gone.
      for (const [field, key] of SCHEDULER_KEYS) {
        const value = saved[i][key];
        this.paramGroups[i][field] = value === undefined ? undefined : v.number(call, `param_groups[${i}].${key}`, value);
      }
    });
  }
}
