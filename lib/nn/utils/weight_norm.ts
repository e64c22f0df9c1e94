// torch.nn.utils.weight_norm (torch/nn/utils/weight_norm.py, PyTorch 1.13): Weight Normalization
// (https://arxiv.org/abs/1602.07868) as a forward pre-hook that recomputes `name` from the parameters
// `name_g` (magnitude) and `name_v` (direction) before every forward call.
import { Tensor } from '../../tensor';
import { _weightNorm, normExceptDim } from '../../_C/generated/torch';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { UninitializedParameter } from '../modules/lazy';
import * as v from '../../validate';
import { hookFor, hookOwner, preHooks, moduleArg, memberKind, attr, setAttr, delAttr, tensorAttr } from './_hooks';

function checkThis(call: string, self: unknown): void {
  if (!(self instanceof WeightNorm)) throw new TypeError(`${call}: called on an object that is not a WeightNorm`);
}

export class WeightNorm {
  name: string;
  dim: number;

  constructor(name: string, dim: number | null) {
    const call = 'nn.utils.WeightNorm';
    this.name = v.str(call, 'name', name);
    this.dim = dim === null || dim === undefined ? -1 : v.int(call, 'dim', dim);
  }

  /** `compute_weight(module)`: `_weight_norm(name_v, name_g, dim)`. */
  computeWeight(module: Module): Tensor {
    const call = 'nn.utils.WeightNorm.compute_weight';
    checkThis(call, this);
    const g = tensorAttr(call, moduleArg(call, module), this.name + '_g');
    const vv = tensorAttr(call, module, this.name + '_v');
    return _weightNorm(vv, g, this.dim);
  }

  /** `WeightNorm.apply(module, name, dim)`: replaces the parameter `name` by `name_g` and `name_v`, and registers the hook. */
  static apply(module: Module, name: string, dim: number | null): WeightNorm {
    const call = 'nn.utils.weight_norm';
    moduleArg(call, module);
    v.str(call, 'name', name);
    for (const hook of preHooks(module).values()) {
      const o = hookOwner(hook);
      if (o instanceof WeightNorm && o.name === name) throw new Error(`Cannot register two weight_norm hooks on the same parameter ${name}`);
    }
    const fn = new WeightNorm(name, dim);
    const weight = attr(module, name);
    if (weight === undefined) throw new TypeError(`${call}: '${module.constructor.name}' object has no attribute '${name}'`);
    if (weight instanceof UninitializedParameter) {
      throw new Error("The module passed to `WeightNorm` can't have uninitialized parameters. Make sure to run the dummy forward before applying weight normalization");
    }
    if (memberKind(module, name) !== 'parameter' || !(weight instanceof Tensor)) {
      throw new RangeError(`${call}: '${name}' is not a parameter of ${module.constructor.name} (KeyError: '${name}')`);
    }
    // remove w from the parameter list; add g and v as new parameters and express w as g/||v|| * v
    delAttr(module, name);
    module.registerParameter(name + '_g', new Parameter(normExceptDim(weight, 2, fn.dim).data));
    module.registerParameter(name + '_v', new Parameter(weight.data));
    setAttr(module, name, fn.computeWeight(module));
    // recompute the weight before every forward()
    module.registerForwardPreHook(fn._hook());
    return fn;
  }

  /** @internal The forward pre-hook function of this object (torch.load registers it for a pickled WeightNorm). */
  _hook(): (m: Module) => void {
    return hookFor(this, (m: Module) => this.call(m));
  }

  /** `remove(module)`: puts `name` back as a Parameter holding the current weight. */
  remove(module: Module): void {
    checkThis('nn.utils.WeightNorm.remove', this);
    moduleArg('nn.utils.WeightNorm.remove', module);
    const weight = this.computeWeight(module);
    delAttr(module, this.name);
    delAttr(module, this.name + '_g');
    delAttr(module, this.name + '_v');
    setAttr(module, this.name, new Parameter(weight.data));
  }

  /** Python's `__call__(module, inputs)`: the forward pre-hook. */
  call(module: Module): void {
    checkThis('nn.utils.WeightNorm.__call__', this);
    moduleArg('nn.utils.WeightNorm.__call__', module);
    setAttr(module, this.name, this.computeWeight(module));
  }
}

export interface WeightNormOptions { name?: string; dim?: number | null }

/**
 * `weight_norm(module, name='weight', dim=0)`: applies weight normalization to the parameter `name`
 * of `module`: it becomes `name_g` (the magnitude, norms over every dim but `dim`) and `name_v`
 * (the direction); `name` is recomputed as `g * v / ||v||` before each forward. `dim: null` takes
 * the norm over the whole tensor. Returns the module.
 */
export function weightNorm<T extends Module>(module: T, name?: string | WeightNormOptions, dim?: number | null | WeightNormOptions, opts?: WeightNormOptions): T;
export function weightNorm(...args: unknown[]): Module {
  const call = 'nn.utils.weight_norm';
  const a = v.bindArgs(call, ['module', 'name', 'dim'], args);
  const module = moduleArg(call, a.module);
  const name = a.name === undefined ? 'weight' : v.str(call, 'name', a.name);
  const dim = a.dim === undefined ? 0 : a.dim === null ? null : v.int(call, 'dim', a.dim);
  WeightNorm.apply(module, name, dim);
  return module;
}

/** `remove_weight_norm(module, name='weight')`: removes the reparameterization; `name` is a Parameter again. */
export function removeWeightNorm<T extends Module>(module: T, name?: string | { name?: string }, opts?: { name?: string }): T;
export function removeWeightNorm(...args: unknown[]): Module {
  const call = 'nn.utils.remove_weight_norm';
  const a = v.bindArgs(call, ['module', 'name'], args);
  const module = moduleArg(call, a.module);
  const name = a.name === undefined ? 'weight' : v.str(call, 'name', a.name);
  const hooks = preHooks(module);
  for (const [k, hook] of hooks) {
    const o = hookOwner(hook);
    if (o instanceof WeightNorm && o.name === name) {
      o.remove(module);
      hooks.delete(k);
      return module;
    }
  }
  throw new RangeError(`weight_norm of '${name}' not found in ${String(module)}`);
}
