// torch.nn.utils.prune (torch/nn/utils/prune.py, PyTorch 1.13): pruning as a forward pre-hook. The
// pruned parameter `name` becomes `name_orig` (a Parameter), the buffer `name_mask` holds the mask, and
// `name = name_mask * name_orig` is recomputed before every forward. Random methods draw with rand_like,
// rand in Python's order, so the same seed prunes the same entries. JS has one number type: an
// integral `amount` is Python's int (a count of entries or channels), another a fraction in [0, 1].
import { Tensor, tensorArg } from '../../tensor';
import { onesLike, zerosLike, randLike, rand } from '../../creation';
import { topk, kthvalue } from '../../_C/generated/torch';
import { norm } from '../../functional';
import { slice } from '../../_indexing';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as v from '../../validate';
import { argError, describe } from '../../errors';
import { parametersToVector } from './convert_parameters';
import { hookFor, hookOwner, preHooks, moduleArg, memberKind, attr, setAttr, delAttr, tensorAttr } from './_hooks';

type PruningType = 'unstructured' | 'structured' | 'global';

/** Python's round(): halves to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function amountInit(call: string, amount: unknown): number {
  if (typeof amount !== 'number' || Number.isNaN(amount)) throw new TypeError(`${call}: Invalid type for amount: ${describe(amount)}. Must be int or float.`);
  if ((Number.isInteger(amount) && amount < 0) || (!Number.isInteger(amount) && (amount > 1 || amount < 0))) {
    throw new RangeError(`amount=${amount} should either be a float in the range [0, 1] or a non-negative integer`);
  }
  return amount;
}

function nparamsToPrune(amount: number, size: number): number {
  const n = Number.isInteger(amount) ? amount : pyRound(amount * size);
  if (Number.isInteger(amount) && amount > size) throw new RangeError(`amount=${amount} should be smaller than the number of parameters to prune=${size}`);
  return n;
}

function validateStructured(t: Tensor): void {
  if (t.dim() <= 1) throw new RangeError(`Structured pruning can only be applied to multidimensional tensors. Found tensor of shape torch.Size([${t.shape.join(', ')}]) with ${t.dim()} dims`);
}

function validateDim(t: Tensor, dim: number): void {
  if (dim >= t.dim()) throw new RangeError(`Invalid index ${dim} for tensor of size torch.Size([${t.shape.join(', ')}])`);
}

/** Python's `[slice(None)] * ndim` with `spec` at `dim`. */
function atDim(ndim: number, dim: number, spec: Tensor): unknown[] {
  const d = dim < 0 ? dim + ndim : dim;
  return Array.from({ length: ndim }, (_, i) => (i === d ? spec : slice()));
}

/** compute_mask's arguments: tensors (Python fails at the first tensor method it calls on another value). */
function maskArgs(self: BasePruningMethod, t: unknown, defaultMask: unknown): void {
  const call = `nn.utils.prune.${self.constructor.name}.compute_mask`;
  tensorArg(call, 't', t);
  tensorArg(call, 'default_mask', defaultMask);
}

/** `BasePruningMethod`: `computeMask(t, defaultMask)` is the method; apply() installs it on a module. */
export abstract class BasePruningMethod {
  static PRUNING_TYPE: PruningType;
  _tensorName: string | null = null;

  abstract computeMask(t: Tensor, defaultMask: Tensor): Tensor;

  constructor() {
    // Python's ABC: the class without a compute_mask cannot be made (TS's abstract does not reach JS)
    if (new.target === BasePruningMethod) throw new TypeError("Can't instantiate abstract class BasePruningMethod with abstract method compute_mask");
  }

  get PRUNING_TYPE(): PruningType {
    return (this.constructor as typeof BasePruningMethod).PRUNING_TYPE;
  }

  /** Python's `__call__(module, inputs)`: the forward pre-hook. */
  call(module: Module): void {
    setAttr(module, this._tensorName!, this.applyMask(module));
  }

  /** `apply_mask(module)`: `name_mask * name_orig`. */
  applyMask(module: Module): Tensor {
    const call = 'nn.utils.prune.BasePruningMethod.apply_mask';
    moduleArg(call, module);
    if (this._tensorName === null) throw new Error(`Module ${String(module)} has to be pruned`);
    const mask = tensorAttr(call, module, this._tensorName + '_mask');
    const orig = tensorAttr(call, module, this._tensorName + '_orig');
    return mask.to(orig.dtype).mul(orig);
  }

  /** `prune(t, default_mask=None, importance_scores=None)`: `t` times the mask computed from the scores. */
  prune(t: Tensor, defaultMask: Tensor | null = null, importanceScores: Tensor | null = null): Tensor {
    const call = 'nn.utils.prune.BasePruningMethod.prune';
    tensorArg(call, 't', t);
    if (importanceScores !== null) {
      tensorArg(call, 'importance_scores', importanceScores);
      if (!sameShape(importanceScores, t)) throw new RangeError('importance_scores should have the same shape as tensor t');
    } else importanceScores = t;
    const dm = defaultMask === null ? onesLike(t) : tensorArg(call, 'default_mask', defaultMask);
    return t.mul(this.computeMask(importanceScores, dm));
  }

  /** `remove(module)`: `name` is a Parameter again holding the pruned values; `name_orig` and `name_mask` go. */
  remove(module: Module): void {
    moduleArg('nn.utils.prune.BasePruningMethod.remove', module);
    if (this._tensorName === null) throw new Error(`Module ${String(module)} has to be pruned before pruning can be removed`);
    const name = this._tensorName;
    const weight = this.applyMask(module);
    delAttr(module, name);
    const orig = attr(module, name + '_orig') as Parameter;
    orig.data = weight.data;
    delAttr(module, name + '_orig');
    delAttr(module, name + '_mask');
    setAttr(module, name, orig);
  }
}

const sameShape = (a: Tensor, b: Tensor): boolean => a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);

/** `PruningContainer(*methods)`: successive pruning of one tensor; each new method prunes what the previous ones kept. */
export class PruningContainer extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'unstructured';
  _pruningMethods: BasePruningMethod[] = [];

  constructor(...methods: BasePruningMethod[]) {
    super();
    if (methods.length === 1) {
      this._tensorName = methods[0]?._tensorName ?? null;
      this.addPruningMethod(methods[0]);
    } else for (const m of methods) this.addPruningMethod(m);
  }

  /** `add_pruning_method(method)`. */
  addPruningMethod(method: BasePruningMethod): void {
    if (!(method instanceof BasePruningMethod)) throw argError('nn.utils.prune.PruningContainer.add_pruning_method', 'method', 'a BasePruningMethod', method);
    if (this._tensorName !== method._tensorName) {
      throw new RangeError(`Can only add pruning methods acting on the parameter named '${this._tensorName}' to PruningContainer ${this.constructor.name}. Found '${method._tensorName}'`);
    }
    this._pruningMethods.push(method);
  }

  get length(): number {
    return this._pruningMethods.length;
  }

  [Symbol.iterator](): Iterator<BasePruningMethod> {
    return this._pruningMethods[Symbol.iterator]();
  }

  /** The last method's mask, computed on the entries (or channels) the current mask keeps. */
  computeMask(t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, t, defaultMask);
    const method = this._pruningMethods[this._pruningMethods.length - 1];
    if (method === undefined) throw new RangeError('nn.utils.prune.PruningContainer.compute_mask: the container holds no pruning method');
    const newMask = defaultMask.to(t.dtype);
    let slc: unknown[];
    if (method.PRUNING_TYPE === 'unstructured') slc = [defaultMask.eq(1)];
    else if (method.PRUNING_TYPE === 'structured') {
      const dimOf = (method as unknown as { dim?: number }).dim;
      if (dimOf === undefined) throw new Error('Pruning methods of PRUNING_TYPE "structured" need to have the attribute `dim` defined.');
      const nDims = t.dim();
      const dim = dimOf < 0 ? nDims + dimOf : dimOf;
      if (dim < 0) throw new RangeError(`Index is out of bounds for tensor with dimensions ${nDims}`);
      const keepChannel = defaultMask.sum(Array.from({ length: nDims }, (_, d) => d).filter((d) => d !== dim)).ne(0);
      slc = atDim(nDims, dim, keepChannel);
    } else if (method.PRUNING_TYPE === 'global') slc = Array.from({ length: t.dim() }, () => slice());
    else throw new RangeError(`Unrecognized PRUNING_TYPE ${describe(method.PRUNING_TYPE)}`);
    const partial = method.computeMask(t.index(...(slc as never[])), defaultMask.index(...(slc as never[])));
    newMask.indexPut_(slc as never[], partial.to(newMask.dtype));
    return newMask;
  }
}

/** `Identity()`: the mask of ones; marks a tensor as pruned without pruning it. */
export class Identity extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'unstructured';
  computeMask(_t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, _t, defaultMask);
    return defaultMask;
  }
}

/** `RandomUnstructured(amount)`: `amount` entries (or that fraction) at random. */
export class RandomUnstructured extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'unstructured';
  amount: number;
  constructor(amount: number) {
    super();
    this.amount = amountInit('nn.utils.prune.RandomUnstructured', amount);
  }
  computeMask(t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, t, defaultMask);
    const n = nparamsToPrune(this.amount, t.numel());
    const mask = defaultMask.clone();
    if (n !== 0) {
      const prob = randLike(t);
      const { indices } = topk(prob.view(-1), n) as unknown as { indices: Tensor };
      mask.view(-1).indexPut_([indices], 0);
    }
    return mask;
  }
}

/** `L1Unstructured(amount)`: the `amount` entries of smallest absolute value. */
export class L1Unstructured extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'unstructured';
  amount: number;
  constructor(amount: number) {
    super();
    this.amount = amountInit('nn.utils.prune.L1Unstructured', amount);
  }
  computeMask(t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, t, defaultMask);
    const n = nparamsToPrune(this.amount, t.numel());
    const mask = defaultMask.clone();
    if (n !== 0) {
      const { indices } = topk(t.abs().view(-1), n, { largest: false }) as unknown as { indices: Tensor };
      mask.view(-1).indexPut_([indices], 0);
    }
    return mask;
  }
}

/** `RandomStructured(amount, dim=-1)`: `amount` channels along `dim` at random. */
export class RandomStructured extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'structured';
  amount: number;
  dim: number;
  constructor(amount: number, dim: number = -1) {
    super();
    const call = 'nn.utils.prune.RandomStructured';
    this.amount = amountInit(call, amount);
    this.dim = v.int(call, 'dim', dim);
  }
  computeMask(t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, t, defaultMask);
    validateStructured(t);
    validateDim(t, this.dim);
    const size = t.size(this.dim) as number;
    const n = nparamsToPrune(this.amount, size);
    if (n === 0) return defaultMask;
    const prob = rand(size);
    const threshold = (kthvalue(prob, n) as unknown as { values: Tensor }).values;
    const mask = zerosLike(t);
    mask.indexPut_(atDim(t.dim(), this.dim, prob.gt(threshold)) as never[], 1);
    return mask.mul_(defaultMask.to(mask.dtype));
  }
}

/** `LnStructured(amount, n, dim=-1)`: the `amount` channels along `dim` of smallest L`n` norm. */
export class LnStructured extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'structured';
  amount: number;
  n: number | string;
  dim: number;
  constructor(amount: number, n: number | string, dim: number = -1) {
    super();
    const call = 'nn.utils.prune.LnStructured';
    this.amount = amountInit(call, amount);
    if (typeof n !== 'number' && typeof n !== 'string') throw argError(call, 'n', "a number, Infinity or 'fro' / 'nuc'", n);
    this.n = n;
    this.dim = v.int(call, 'dim', dim);
  }
  computeMask(t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, t, defaultMask);
    validateStructured(t);
    validateDim(t, this.dim);
    const size = t.size(this.dim) as number;
    const n = nparamsToPrune(this.amount, size);
    const dims = Array.from({ length: t.dim() }, (_, d) => d);
    const d = this.dim < 0 ? dims[dims.length + this.dim] : this.dim;
    const nrm = norm(t, this.n as never, dims.filter((x) => x !== d));
    const { indices } = topk(nrm, size - n, { largest: true }) as unknown as { indices: Tensor };
    if (n === 0) return defaultMask;
    const mask = zerosLike(t);
    mask.indexPut_(atDim(t.dim(), this.dim, indices) as never[], 1);
    return mask.mul_(defaultMask.to(mask.dtype));
  }
}

/** `CustomFromMask(mask)`: the given mask (times the current one). */
export class CustomFromMask extends BasePruningMethod {
  static override PRUNING_TYPE: PruningType = 'global';
  mask: Tensor;
  constructor(mask: Tensor) {
    super();
    this.mask = tensorArg('nn.utils.prune.CustomFromMask', 'mask', mask);
  }
  computeMask(_t: Tensor, defaultMask: Tensor): Tensor {
    maskArgs(this, _t, defaultMask);
    if (!sameShape(defaultMask, this.mask)) throw new RangeError(`nn.utils.prune.CustomFromMask: mask of shape [${this.mask.shape}] does not match the tensor's shape [${defaultMask.shape}]`);
    return defaultMask.mul(this.mask.to(defaultMask.dtype));
  }
}

/** Python's `BasePruningMethod.apply(module, name, *args, importance_scores=None, **kwargs)`. */
function applyMethod(call: string, module: Module, name: string, make: () => BasePruningMethod, importanceScores: unknown = null): BasePruningMethod {
  moduleArg(call, module);
  v.str(call, 'name', name);
  let oldMethod: BasePruningMethod | null = null;
  const hooks = preHooks(module);
  for (const [k, hook] of [...hooks]) {
    const o = hookOwner(hook);
    if (o instanceof BasePruningMethod && o._tensorName === name) {
      oldMethod = o;
      hooks.delete(k);
    }
  }
  let method = make();
  method._tensorName = name;
  if (oldMethod instanceof PruningContainer) {
    oldMethod.addPruningMethod(method);
    method = oldMethod;
  } else if (oldMethod !== null) {
    const container = new PruningContainer(oldMethod);
    container.addPruningMethod(method);
    method = container;
  }
  const orig = attr(module, name);
  if (!(orig instanceof Tensor)) throw new RangeError(`${call}: '${name}' is not a parameter of ${module.constructor.name}`);
  let scores: Tensor;
  if (importanceScores !== null && importanceScores !== undefined) {
    scores = tensorArg(call, 'importance_scores', importanceScores);
    if (!sameShape(scores, orig)) throw new RangeError(`importance_scores should have the same shape as parameter ${name} of ${String(module)}`);
  } else scores = orig;
  let defaultMask: Tensor;
  if (!(method instanceof PruningContainer)) {
    if (memberKind(module, name) !== 'parameter') throw new RangeError(`${call}: '${name}' is not a parameter of ${module.constructor.name} (KeyError: '${name}')`);
    delAttr(module, name);
    module.registerParameter(name + '_orig', orig as Parameter);
    defaultMask = onesLike(orig);
  } else defaultMask = tensorAttr(call, module, name + '_mask').detach().clone();
  try {
    const mask = method.computeMask(scores, defaultMask);
    module.registerBuffer(name + '_mask', mask);
    setAttr(module, name, method.applyMask(module));
    const m = method;
    module.registerForwardPreHook(hookFor(m, (mod: Module) => m.call(mod)));
  } catch (e) {
    if (!(method instanceof PruningContainer)) {
      const o = attr(module, name + '_orig') as Parameter;
      delAttr(module, name + '_orig');
      module.registerParameter(name, o);
    }
    throw e;
  }
  return method;
}

/** `identity(module, name)`. */
export function identity<T extends Module>(module: T, name: string): T {
  applyMethod('nn.utils.prune.identity', module, name, () => new Identity());
  return module;
}

/** `random_unstructured(module, name, amount)`. */
export function randomUnstructured<T extends Module>(module: T, name: string, amount: number): T {
  applyMethod('nn.utils.prune.random_unstructured', module, name, () => new RandomUnstructured(amount));
  return module;
}

/** `l1_unstructured(module, name, amount, importance_scores=None)`. */
export function l1Unstructured<T extends Module>(module: T, name: string, amount: number, opts?: { importanceScores?: Tensor | null }): T {
  const call = 'nn.utils.prune.l1_unstructured';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['importanceScores']);
  applyMethod(call, module, name, () => new L1Unstructured(amount), o.importanceScores);
  return module;
}

/** `random_structured(module, name, amount, dim)`. */
export function randomStructured<T extends Module>(module: T, name: string, amount: number, dim: number): T {
  applyMethod('nn.utils.prune.random_structured', module, name, () => new RandomStructured(amount, dim));
  return module;
}

/** `ln_structured(module, name, amount, n, dim, importance_scores=None)`. */
export function lnStructured<T extends Module>(module: T, name: string, amount: number, n: number | string, dim: number, opts?: { importanceScores?: Tensor | null }): T {
  const call = 'nn.utils.prune.ln_structured';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['importanceScores']);
  applyMethod(call, module, name, () => new LnStructured(amount, n, dim), o.importanceScores);
  return module;
}

/** `custom_from_mask(module, name, mask)`. */
export function customFromMask<T extends Module>(module: T, name: string, mask: Tensor): T {
  applyMethod('nn.utils.prune.custom_from_mask', module, name, () => new CustomFromMask(mask));
  return module;
}

type MethodClass = new (...a: never[]) => BasePruningMethod;

/**
 * `global_unstructured(parameters, pruning_method, importance_scores=None, **kwargs)`: one unstructured
 * method (`prune.L1Unstructured`, ...) over all `[module, name]` pairs together, e.g. the `amount`
 * smallest entries of them all. `amount` is the method's (`{ amount: 20 }`);
 * `importanceScores` is a Map from a `[module, name]` pair of `parameters` to its scores.
 */
export function globalUnstructured(parameters: Iterable<[Module, string]>, pruningMethod: MethodClass, opts: { amount?: number; importanceScores?: Map<[Module, string], Tensor> | null } = {}): void {
  const call = 'nn.utils.prune.global_unstructured';
  if (parameters === null || typeof (parameters as Iterable<unknown>)?.[Symbol.iterator] !== 'function') throw new TypeError('global_unstructured(): parameters is not an Iterable');
  const params = [...parameters];
  params.forEach((p, i) => {
    if (!Array.isArray(p) || p.length !== 2) throw argError(call, `parameters[${i}]`, 'a [module, name] pair', p);
    moduleArg(call, p[0], `parameters[${i}][0]`);
    v.str(call, `parameters[${i}][1]`, p[1]);
  });
  if (typeof pruningMethod !== 'function' || !(pruningMethod.prototype instanceof BasePruningMethod)) throw argError(call, 'pruning_method', 'a BasePruningMethod class', pruningMethod);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['amount', 'importanceScores']);
  const scores = o.importanceScores ?? new Map();
  if (!(scores instanceof Map)) throw new TypeError('global_unstructured(): importance_scores must be of type dict');
  // Python's dict keyed by (module, name) tuples: matched by value here
  const scoreOf = (m: Module, n: string): Tensor | undefined => {
    for (const [k, t] of scores as Map<unknown, unknown>) if (Array.isArray(k) && k[0] === m && k[1] === n) return tensorArg(call, `importance_scores[${n}]`, t);
    return undefined;
  };
  const relevant = parametersToVector(params.map(([m, n]) => scoreOf(m, n) ?? tensorAttr(call, m, n)));
  const defaultMask = parametersToVector(params.map(([m, n]) => (attr(m, n + '_mask') instanceof Tensor ? (attr(m, n + '_mask') as Tensor) : onesLike(tensorAttr(call, m, n)))));
  const container = new PruningContainer();
  container._tensorName = 'temp';
  const PM = pruningMethod as unknown as new (...a: unknown[]) => BasePruningMethod;
  const method = o.amount === undefined ? new PM() : new PM(o.amount);
  method._tensorName = 'temp';
  if (method.PRUNING_TYPE !== 'unstructured') throw new TypeError(`Only "unstructured" PRUNING_TYPE supported for the \`pruning_method\`. Found method ${pruningMethod.name} of type ${method.PRUNING_TYPE}`);
  container.addPruningMethod(method);
  const finalMask = container.computeMask(relevant, defaultMask);
  let pointer = 0;
  for (const [m, n] of params) {
    const param = tensorAttr(call, m, n);
    const num = param.numel();
    customFromMask(m, n, finalMask.narrow(0, pointer, num).viewAs(param));
    pointer += num;
  }
}

/** `remove(module, name)`: makes the pruning permanent (see BasePruningMethod.remove). */
export function remove<T extends Module>(module: T, name: string): T {
  const call = 'nn.utils.prune.remove';
  moduleArg(call, module);
  v.str(call, 'name', name);
  const hooks = preHooks(module);
  for (const [k, hook] of hooks) {
    const o = hookOwner(hook);
    if (o instanceof BasePruningMethod && o._tensorName === name) {
      o.remove(module);
      hooks.delete(k);
      return module;
    }
  }
  throw new RangeError(`Parameter '${name}' of module ${String(module)} has to be pruned before pruning can be removed`);
}

/** `is_pruned(module)`: whether any submodule (or the module) carries a pruning hook. */
export function isPruned(module: Module): boolean {
  moduleArg('nn.utils.prune.is_pruned', module);
  for (const m of module.modules()) {
    for (const hook of preHooks(m).values()) if (hookOwner(hook) instanceof BasePruningMethod) return true;
  }
  return false;
}
