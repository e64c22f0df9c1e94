// torch.optim.Optimizer (torch/optim/optimizer.py, PyTorch 1.13): the base of the 13 optimizers.
// Each subclass ports Python's step(), its _single_tensor_* update as in-place tensor ops under
// no_grad, with Adam and AdamW's hot loop fused into one native pass (native/fused_optim.cc).
// This layer keeps Python's interface and data: param groups as plain objects (camelCase keys),
// `state` a Map from parameter to its state record (Python's keys: exp_avg, momentum_buffer, ...),
// zero_grad, step(closure), state_dict / load_state_dict in Python's layout, and Python's repr.
import { native } from '../native';
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { float32 } from '../dtype';
import { argError } from '../errors';
import * as v from '../validate';
import { bindArgs, pythonName } from '../validate';
import { pyFloat } from '../_repr';

/** One param group as given to a constructor: `{ params, lr, ... }` with per-group overrides. */
export type ParamGroupSpec<O> = { params: Iterable<Tensor> | Tensor; initialLr?: number } & O;
/** What an optimizer takes: any iterable of Tensors (`model.parameters()`) or a list of param groups. */
export type Params<O> = Iterable<Tensor> | Iterable<ParamGroupSpec<O>>;
/** Keys lr schedulers add to param groups (camelCase here, Python's name in state dicts): OneCycleLR's besides initial_lr. */
const SCHEDULER_KEYS = ['initialLr', 'maxLr', 'minLr', 'maxMomentum', 'baseMomentum'] as const;
type SchedulerKeys = { [K in (typeof SCHEDULER_KEYS)[number]]?: number };
/** A param group: `optimizer.paramGroups[i].lr = 0.01` changes the next step, as in Python. */
export type ParamGroup<O> = { params: Tensor[] } & SchedulerKeys & Required<O>;
/** A parameter's state, Python's `optimizer.state[p]`: its keys are Python's (exp_avg, step, ...). */
export type ParamState = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** Python's `state_dict()`. */
export interface StateDict {
  state: Map<number, ParamState>;
  param_groups: Record<string, unknown>[];
}

type Check = (call: string, name: string, value: unknown) => unknown;
/** One hyperparameter: its camelCase name, Python default (REQUIRED: none) and argument check. */
export interface OptionSpec {
  readonly name: string;
  readonly default: unknown;
  readonly check: Check;
  /** Whether Python's value is a float (tuple: per element), so that an integral JS number prints as `1.0`. */
  readonly float?: boolean | readonly boolean[];
}
export interface OptimizerSpec {
  readonly call: string; // 'optim.Adam'
  readonly name: string; // 'Adam', Python's class name (repr)
  /** Every hyperparameter, in the order of Python's `defaults` dict. */
  readonly options: readonly OptionSpec[];
  /** The ones Python takes positionally after params, in its order; the others are keyword-only. */
  readonly positional: readonly string[];
  /** Checks across options, on the constructor's values as Python does (SGD's nesterov). */
  readonly checkDefaults?: (call: string, defaults: Record<string, unknown>) => void;
  /** State keys that Python 1.13's __setstate__ turns from a number into a float32 scalar tensor (step, eta, mu, mu_product). */
  readonly tensorState?: readonly string[];
  /** Whether step() runs with grad enabled when `differentiable` (Python's _use_grad_for_differentiable). */
  readonly differentiable?: boolean;
}

export const REQUIRED = Symbol('required');

export function nonNegative(call: string, name: string, value: unknown): number {
  const n = v.number(call, pythonName(name), value);
  if (!(n >= 0)) throw argError(call, pythonName(name), 'a non-negative number', value, 'range');
  return n;
}
export function positive(call: string, name: string, value: unknown): number {
  const n = v.number(call, pythonName(name), value);
  if (!(n > 0)) throw argError(call, pythonName(name), 'a positive number', value, 'range');
  return n;
}
export function betas(call: string, name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw argError(call, pythonName(name), 'a pair of numbers [beta1, beta2]', value);
  return value.map((b, i) => {
    const n = v.number(call, `${pythonName(name)}[${i}]`, b);
    if (!(n >= 0 && n < 1)) throw argError(call, `${pythonName(name)}[${i}]`, 'a number in [0, 1)', b, 'range');
    return n;
  }) as [number, number];
}
export function numberPair(call: string, name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw argError(call, pythonName(name), 'a pair of numbers', value);
  return value.map((b, i) => v.number(call, `${pythonName(name)}[${i}]`, b)) as [number, number];
}
export const anyNumber = (call: string, name: string, value: unknown): number => v.number(call, pythonName(name), value);
export const flag = (call: string, name: string, value: unknown): boolean => v.bool(call, pythonName(name), value);
/** foreach: true, false or null (Python's None: the default implementation). */
export const optionalFlag = (call: string, name: string, value: unknown): boolean | null => (value === null ? null : v.bool(call, pythonName(name), value));

/** The keyword-only flags of 1.13's optimizers, all with Python's defaults. */
export const FOREACH: OptionSpec = { name: 'foreach', default: null, check: optionalFlag };
export const MAXIMIZE: OptionSpec = { name: 'maximize', default: false, check: flag };
export const CAPTURABLE: OptionSpec = { name: 'capturable', default: false, check: flag };
export const DIFFERENTIABLE: OptionSpec = { name: 'differentiable', default: false, check: flag };
export const FUSED: OptionSpec = { name: 'fused', default: false, check: flag };

/** Python's param-group key → ours: weight_decay → weightDecay, initial_lr → initialLr. */
export function camelName(key: string): string {
  return key.replace(/_([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Python's `len(state) == 0` for a parameter's state (none yet, or an empty record). */
export function noState(state: ParamState | undefined): state is undefined {
  if (state === undefined) return true;
  for (const _key in state) return false; // eslint-disable-line @typescript-eslint/no-unused-vars
  return true;
}

/** Python's `p.grad.is_sparse`. */
export function isSparse(t: Tensor): boolean {
  return native.fusedIsSparse(t);
}

function tensorList(call: string, params: unknown, differentiable: boolean): Tensor[] {
  if (params instanceof Tensor) return [params];
  if (params instanceof Set) throw new TypeError(`${call}: optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.`);
  if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
    throw argError(call, 'params', 'an iterable of Tensors', params);
  }
  return [...(params as Iterable<unknown>)].map((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${call}: optimizer can only optimize Tensors, but params[${i}] is ${p === null ? 'null' : typeof p === 'object' ? 'an object' : typeof p}`);
    if (!differentiable && !p.isLeaf && !p.retainsGrad) throw new RangeError(`${call}: can't optimize a non-leaf Tensor (params[${i}])`);
    return p;
  });
}

/** A copy of a loaded state value, tensors cast to the parameter's floating type and device (not `step`), as Python's load_state_dict. */
function castState(param: Tensor, value: unknown, key: string | undefined): unknown {
  if (value instanceof Tensor) {
    let t = value.detach().clone();
    if (key !== 'step') {
      if (param.isFloatingPoint() && t.dtype !== param.dtype) t = t.to(param.dtype);
      if (String(t.device) !== String(param.device)) t = t.to(param.device);
    }
    return t;
  }
  if (Array.isArray(value)) return value.map((x) => castState(param, x, undefined));
  if (value instanceof Map) return new Map([...value].map(([k, x]) => [k, castState(param, x, typeof k === 'string' ? k : undefined)]));
  if (v.isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, castState(param, x, k)]));
  return value;
}

export abstract class Optimizer<O extends { lr?: number } = { lr?: number }> {
  /** The options given to the constructor, with Python's defaults filled in. */
  readonly defaults: Required<O>;
  readonly paramGroups: ParamGroup<O>[] = [];
  /** Per-parameter state, Python's `optimizer.state`: `opt.state.get(p)` is `optimizer.state[p]`. */
  readonly state = new Map<Tensor, ParamState>();
  /** How many times step() ran (Python's `_step_count`, read by the lr schedulers' order check). */
  _stepCount = 0;
  protected readonly spec: OptimizerSpec;
  /** Whether step() runs with grad enabled: Python's `defaults['differentiable']`, where the class honours it. */
  #gradInStep = false;

  protected constructor(spec: OptimizerSpec, params: Params<O> | ({ params: Params<O> } & O), args: readonly unknown[]) {
    // JS can call an abstract class's constructor; its arguments are the subclasses' own.
    if (new.target === Optimizer) throw new TypeError('torch.optim.Optimizer: the base class cannot be constructed; construct SGD, Adam, ... or a subclass');
    const call = spec.call;
    this.spec = spec;
    if (v.isPlainObject(params) && args.length === 0) {
      // Every argument by keyword, as Python allows: Adam(params=..., lr=...)
      const { params: p, ...rest } = params as Record<string, unknown>;
      [params, args] = [p as Params<O>, [rest]];
    }
    const names = spec.options.map((o) => o.name);
    const given = bindArgs(call, spec.positional, args, names.filter((n) => !spec.positional.includes(n)));
    const defaults: Record<string, unknown> = {};
    for (const o of spec.options) {
      const value = given[o.name] === undefined ? o.default : given[o.name];
      defaults[o.name] = value === REQUIRED ? REQUIRED : o.check(call, o.name, value);
    }
    spec.checkDefaults?.(call, defaults);
    this.defaults = defaults as Required<O>;
    this.#gradInStep = spec.differentiable === true && defaults.differentiable === true;

    if (params instanceof Tensor) {
      throw new TypeError(`${call}: params argument given to the optimizer should be an iterable of Tensors or dicts, but got a Tensor`);
    }
    if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
      throw argError(call, 'params', 'an iterable of Tensors or of param groups', params);
    }
    const list = [...(params as Iterable<unknown>)];
    if (list.length === 0) throw new RangeError(`${call}: optimizer got an empty parameter list`);
    const specs = v.isPlainObject(list[0]) ? list : [{ params: list }];
    specs.forEach((g, i) => this.#add(call, g, `params[${i}]`));
  }

  /** Python's add_param_group: the group completed with the defaults, its parameters in no other group. */
  #add(call: string, g: unknown, name: string): void {
    const spec = this.spec;
    if (!v.isPlainObject(g)) throw argError(call, name, 'a param group object { params, ... }', g);
    const names = spec.options.map((o) => o.name);
    v.knownOptions(`${call}: ${name}`, g, ['params', ...SCHEDULER_KEYS, ...names]);
    const ps = tensorList(call, g.params, (this.defaults as Record<string, unknown>).differentiable === true);
    const group: Record<string, unknown> = { params: ps };
    for (const o of spec.options) {
      const value = g[o.name] === undefined ? (this.defaults as Record<string, unknown>)[o.name] : g[o.name];
      if (value === REQUIRED) throw new TypeError(`${call}: parameter group didn't specify a value of required optimization parameter ${pythonName(o.name)}`);
      group[o.name] = o.check(call, o.name, value);
    }
    for (const key of SCHEDULER_KEYS) if (g[key] !== undefined) group[key] = v.number(call, pythonName(key), g[key]);
    if (new Set(ps).size !== ps.length) {
      process.emitWarning(`${call}: optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; see github.com/pytorch/pytorch/issues/40967 for more information`);
    }
    const seen = new Set(this.paramGroups.flatMap((x) => x.params));
    if (ps.some((p) => seen.has(p))) throw new RangeError(`${call}: some parameters appear in more than one parameter group`);
    this.paramGroups.push(group as ParamGroup<O>);
  }

  /** Adds a group `{ params, lr, ... }` (options it leaves out come from the defaults), e.g. layers unfrozen later. */
  addParamGroup(paramGroup: ParamGroupSpec<O>): void {
    const call = `${this.spec.call}.add_param_group`;
    if (!v.isPlainObject(paramGroup)) throw new TypeError(`${call}: param group must be an object { params, ... }, got ${paramGroup === null ? 'null' : typeof paramGroup}`);
    this.#add(call, paramGroup, 'param_group');
  }

  /** Resets the gradients: zeroed (PyTorch 1.13's default) or set to null with `{ setToNone: true }`. */
  zeroGrad(setToNone: boolean | { setToNone?: boolean } = false): void {
    const call = `${this.spec.call}.zero_grad`;
    const flagValue = typeof setToNone === 'object' && setToNone !== null
      ? (v.knownOptions(call, setToNone as Record<string, unknown>, ['setToNone']), setToNone.setToNone ?? false)
      : setToNone;
    const params = this.paramGroups.length === 1 ? this.paramGroups[0].params : this.paramGroups.flatMap((g) => g.params);
    native.fusedZeroGrad(params, v.bool(call, 'set_to_none', flagValue));
  }

  /**
   * One optimization step over every parameter that has a gradient (frozen ones have none and are
   * skipped, as in PyTorch). The closure, if any, re-evaluates the loss with grad enabled; its value
   * is returned. The update runs without grad (with grad for a `differentiable` optimizer, as Python).
   */
  step<T = undefined>(closure?: () => T): T | undefined {
    if (closure !== undefined && closure !== null) v.func(`${this.spec.call}.step`, 'closure', closure);
    const prev: boolean = native.isGradEnabled();
    native.setGradEnabled(this.#gradInStep);
    try {
      let loss: T | undefined;
      if (closure !== undefined && closure !== null) {
        native.setGradEnabled(true);
        try {
          loss = closure();
        } finally {
          native.setGradEnabled(this.#gradInStep);
        }
      }
      for (const group of this.paramGroups) this._updateGroup(group);
      this._stepCount++;
      return loss;
    } finally {
      native.setGradEnabled(prev);
    }
  }

  /** One param group's update: Python's step() body for a group and its _single_tensor_* function. */
  protected abstract _updateGroup(group: ParamGroup<O>): void;

  /** Python's repr: `print(optimizer)` → `console.log(String(optimizer))`. */
  toString(): string {
    const floats = new Map<string, OptionSpec['float']>(this.spec.options.map((o) => [pythonName(o.name), o.float]));
    const lrFloat = floats.get('lr');
    for (const k of ['initial_lr', 'max_lr', 'min_lr']) floats.set(k, lrFloat);
    for (const k of ['max_momentum', 'base_momentum']) floats.set(k, true);
    const show = (x: unknown, isFloat: OptionSpec['float']): string => {
      if (typeof x === 'number') return Number.isInteger(x) && isFloat !== true ? String(x) : pyFloat(x);
      if (Array.isArray(x)) {
        const items = x.map((e, i) => show(e, Array.isArray(isFloat) ? isFloat[i] : isFloat));
        return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
      }
      if (x === null || x === undefined) return 'None';
      if (typeof x === 'boolean') return x ? 'True' : 'False';
      return String(x);
    };
    const groups = this.paramGroups.map((g, i) => {
      const entries = Object.entries(g).filter(([k, x]) => k !== 'params' && x !== undefined).map(([k, x]) => [pythonName(k), x] as const);
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `\nParameter Group ${i}\n${entries.map(([k, x]) => `    ${k}: ${show(x, floats.get(k))}\n`).join('')}`;
    });
    return `${this.spec.name} (${groups.join('')})`;
  }

  /**
   * Python's `state_dict()`: `{ state: Map {0 => { step, exp_avg, ... }, ...}, param_groups: [{ lr, ..., params: [0, 1] }] }`,
   * with Python's keys (snake_case) and types, so that torch.save writes the file Python's optimizer
   * resumes from: `state` is a Map with number keys (a dict with int keys, Python's parameter ids),
   * `step` a float32 scalar tensor where Python 1.13 has one, betas a frozen array (a tuple),
   * integral hyperparameters ints. The state tensors are the optimizer's own, as in Python: save or
   * clone them to keep a snapshot.
   */
  stateDict(): StateDict {
    const ids = new Map<Tensor, number>();
    let start = 0;
    const paramGroups = this.paramGroups.map((g) => {
      const packed: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(g)) {
        if (k === 'params' || x === undefined) continue;
        packed[pythonName(k)] = Array.isArray(x) ? Object.freeze([...x]) : x;
      }
      g.params.forEach((p, i) => { if (!ids.has(p)) ids.set(p, start + i); });
      packed.params = g.params.map((p) => ids.get(p)!);
      start += g.params.length;
      return packed;
    });
    const state = new Map<number, ParamState>();
    for (const [p, s] of this.state) if (ids.has(p)) state.set(ids.get(p)!, s);
    return { state, param_groups: paramGroups };
  }

  /**
   * Restores a state dict: stateDict()'s, or Python's as torch.load gives it (state a Map with int
   * keys) or as an object with the ids as string keys. The groups become the saved ones (their own
   * parameters kept); the state is copied, tensors cast to their parameter's type and device.
   */
  loadStateDict(stateDict: {
    state: Map<number, Record<string, unknown>> | Record<number | string, Record<string, unknown>>;
    param_groups: Record<string, unknown>[];
  }): void {
    const call = `${this.spec.call}.load_state_dict`;
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
    const idMap = new Map<unknown, Tensor>();
    saved.forEach((g, i) => (g.params as unknown[]).forEach((id, j) => idMap.set(id, this.paramGroups[i].params[j])));
    // Every group's options are checked before anything changes, so that a bad dict leaves the optimizer as it was.
    const groups = saved.map((g, i) => {
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(g)) if (key !== 'params') out[camelName(key)] = value;
      for (const o of this.spec.options) {
        const key = `param_groups[${i}].${pythonName(o.name)}`;
        if (out[o.name] === undefined) {
          // Python's __setstate__ gives the flags added since older releases their defaults.
          if (typeof o.default === 'boolean' || o.default === null) out[o.name] = o.default;
          else throw new RangeError(`${call}: param_groups[${i}] has no '${pythonName(o.name)}'`);
        } else out[o.name] = o.check(call, key, out[o.name]);
      }
      for (const k of SCHEDULER_KEYS) if (out[k] !== undefined) out[k] = v.number(call, `param_groups[${i}].${pythonName(k)}`, out[k]);
      return out;
    });
    // Python's ids are ints; an object (JSON, a torch-node file from before int keys) has them as strings.
    const entries: [Tensor, Record<string, unknown>][] = [];
    for (const [key, s] of stateDict.state instanceof Map ? stateDict.state : Object.entries(stateDict.state)) {
      const id = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
      // Python keeps an entry that no group lists as it is: here that would hide a file whose ids were misread.
      if (!idMap.has(id)) throw new RangeError(`${call}: state has an entry for parameter id ${typeof key === 'string' ? `'${key}'` : String(key)}, which no param group lists`);
      if (!v.isPlainObject(s)) throw argError(call, `state[${String(key)}]`, 'an object of state values', s);
      const param = idMap.get(id)!;
      entries.push([param, castState(param, s, undefined) as Record<string, unknown>]);
    }
    // Python 1.13's __setstate__: a number where it keeps a float32 scalar tensor (files of older releases).
    for (const key of this.spec.tensorState ?? []) {
      if (entries.length > 0 && typeof entries[0][1][key] === 'number') {
        for (const [, s] of entries) if (typeof s[key] === 'number') s[key] = tensor(s[key] as number, { dtype: float32 });
      }
    }
    this.state.clear();
    for (const [p, s] of entries) this.state.set(p, s);
    groups.forEach((g, i) => {
      const group = this.paramGroups[i] as Record<string, unknown>;
      for (const k of Object.keys(group)) if (k !== 'params') delete group[k];
      Object.assign(group, g);
    });
  }
}
