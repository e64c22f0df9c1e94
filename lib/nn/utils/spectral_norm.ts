// torch.nn.utils.spectral_norm (torch/nn/utils/spectral_norm.py, PyTorch 1.13): Spectral Normalization
// (https://arxiv.org/abs/1802.05957) as a forward pre-hook. The parameter `name` becomes `name_orig`;
// the buffers `name_u` and `name_v` hold the power iteration's vectors (drawn with normal_ in Python's
// order, so the same seed gives Python's numbers), and `name` = `name_orig / sigma` is recomputed
// before every forward, with one or more power iterations in training mode.
// Python's state-dict hooks come along: stateDict() records the version (1) in the metadata, and a
// state dict without it that has `name` and no `name_v` (version 0) loads with `name_v` solved for.
import { Tensor, tensorArg } from '../../tensor';
import { noGrad } from '../../autograd';
import { mv, dot, pinverse } from '../../_C/generated/torch';
import { multiDot } from '../../_C/generated/linalg';
import { normalize } from '../functional';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { UninitializedParameter } from '../modules/lazy';
import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from '../modules/conv';
import * as v from '../../validate';
import { hookFor, hookOwner, preHooks, moduleArg, memberKind, attr, setAttr, delAttr, tensorAttr } from './_hooks';

function checkThis(call: string, self: unknown): void {
  if (!(self instanceof SpectralNorm)) throw new TypeError(`${call}: called on an object that is not a SpectralNorm`);
}

export class SpectralNorm {
  /** Version 1: `name_v` is a buffer (Python's `_version`). */
  static readonly _version = 1;
  name: string;
  dim: number;
  nPowerIterations: number;
  eps: number;

  constructor(name: string = 'weight', nPowerIterations: number = 1, dim: number = 0, eps: number = 1e-12) {
    const call = 'nn.utils.SpectralNorm';
    this.name = v.str(call, 'name', name);
    this.dim = v.int(call, 'dim', dim);
    const n = v.int(call, 'n_power_iterations', nPowerIterations);
    if (n <= 0) throw new RangeError(`Expected n_power_iterations to be positive, but got n_power_iterations=${n}`);
    this.nPowerIterations = n;
    this.eps = v.number(call, 'eps', eps);
  }

  /** `reshape_weight_to_matrix(weight)`: `dim` first, the other dims flattened. */
  reshapeWeightToMatrix(weight: Tensor): Tensor {
    const call = 'nn.utils.SpectralNorm.reshape_weight_to_matrix';
    checkThis(call, this);
    let w = tensorArg(call, 'weight', weight);
    if (w.dim() === 0 || (this.dim >= w.dim() || this.dim < -w.dim())) {
      throw new RangeError(`${call}: dim ${this.dim} is out of range for a weight of ${w.dim()} dimensions`);
    }
    if (this.dim !== 0) {
      const nd = w.dim();
      const d = this.dim < 0 ? this.dim + nd : this.dim;
      w = w.permute(d, ...Array.from({ length: nd }, (_, i) => i).filter((i) => i !== d));
    }
    const height = w.size(0) as number;
    return w.reshape(height, -1);
  }

  /** `compute_weight(module, do_power_iteration)`: `name_orig / sigma`, sigma = u·(W v). */
  computeWeight(module: Module, doPowerIteration: boolean): Tensor {
    const call = 'nn.utils.SpectralNorm.compute_weight';
    checkThis(call, this);
    moduleArg(call, module);
    v.bool(call, 'do_power_iteration', doPowerIteration);
    const weight = tensorAttr(call, module, this.name + '_orig');
    let u = tensorAttr(call, module, this.name + '_u');
    let vv = tensorAttr(call, module, this.name + '_v');
    const weightMat = this.reshapeWeightToMatrix(weight);
    if (doPowerIteration) {
      noGrad(() => {
        for (let i = 0; i < this.nPowerIterations; i++) {
          // Python's normalize(..., out=v): the buffers are updated in place
          vv.copy_(normalize(mv(weightMat.t(), u), { dim: 0, eps: this.eps }));
          u.copy_(normalize(mv(weightMat, vv), { dim: 0, eps: this.eps }));
        }
        if (this.nPowerIterations > 0) {
          // 1-d vectors: Python's clone(memory_format=torch.contiguous_format) is a plain clone
          u = u.clone();
          vv = vv.clone();
        }
      });
    }
    const sigma = dot(u, mv(weightMat, vv));
    return weight.div(sigma);
  }

  /**
   * Python's `_solve_v_and_rescale(weight_mat, u, target_sigma)`: a `v` with `u = normalize(W v)` and
   * `u·(W v) = target_sigma` (through the pseudo-inverse, in case WᵀW is singular).
   */
  _solveVAndRescale(weightMat: Tensor, u: Tensor, targetSigma: Tensor): Tensor {
    // multi_dot, as Python: its product order matters where WᵀW is near-singular.
    const vv = multiDot([pinverse(weightMat.t().mm(weightMat)), weightMat.t(), u.unsqueeze(1)]).squeeze(1);
    return vv.mul_(targetSigma.div(dot(u, mv(weightMat, vv))));
  }

  /** `remove(module)`: `name` becomes a Parameter again, holding the current normalized weight. */
  remove(module: Module): void {
    checkThis('nn.utils.SpectralNorm.remove', this);
    moduleArg('nn.utils.SpectralNorm.remove', module);
    const weight = noGrad(() => this.computeWeight(module, false));
    delAttr(module, this.name);
    delAttr(module, this.name + '_u');
    delAttr(module, this.name + '_v');
    delAttr(module, this.name + '_orig');
    module.registerParameter(this.name, new Parameter(weight.detach()));
  }

  /** Python's `__call__(module, inputs)`: the forward pre-hook (power iteration only in training mode). */
  call(module: Module): void {
    checkThis('nn.utils.SpectralNorm.__call__', this);
    moduleArg('nn.utils.SpectralNorm.__call__', module);
    setAttr(module, this.name, this.computeWeight(module, module.training));
  }

  /** `SpectralNorm.apply(module, name, n_power_iterations, dim, eps)`. */
  static apply(module: Module, name: string, nPowerIterations: number, dim: number, eps: number): SpectralNorm {
    const call = 'nn.utils.spectral_norm';
    moduleArg(call, module);
    v.str(call, 'name', name);
    for (const hook of preHooks(module).values()) {
      const o = hookOwner(hook);
      if (o instanceof SpectralNorm && o.name === name) throw new Error(`Cannot register two spectral_norm hooks on the same parameter ${name}`);
    }
    const fn = new SpectralNorm(name, nPowerIterations, dim, eps);
    if (memberKind(module, name) === 'parameter' && attr(module, name) instanceof Tensor) {
      const nd = (attr(module, name) as Tensor).dim();
      if (nd === 0 || dim >= nd || dim < -nd) throw new RangeError(`${call}: dim ${dim} is out of range for a weight of ${nd} dimensions`);
    }
    if (memberKind(module, name) !== 'parameter') throw new RangeError(`${call}: '${name}' is not a parameter of ${module.constructor.name} (KeyError: '${name}')`);
    const weight = attr(module, name);
    if (weight === null || weight === undefined) throw new RangeError(`\`SpectralNorm\` cannot be applied as parameter \`${name}\` is None`);
    if (weight instanceof UninitializedParameter) {
      throw new Error("The module passed to `SpectralNorm` can't have uninitialized parameters. Make sure to run the dummy forward before applying spectral normalization");
    }
    const w = weight as Parameter;
    const [u, vv] = noGrad(() => {
      const weightMat = fn.reshapeWeightToMatrix(w);
      const [h, wd] = weightMat.shape;
      return [
        normalize(w.newEmpty([h]).normal_(0, 1), { dim: 0, eps: fn.eps }),
        normalize(w.newEmpty([wd]).normal_(0, 1), { dim: 0, eps: fn.eps }),
      ];
    });
    delAttr(module, fn.name);
    module.registerParameter(fn.name + '_orig', w);
    // `name` is a plain attribute (not a parameter): the forward pre-hook recomputes it
    setAttr(module, fn.name, w.data);
    module.registerBuffer(fn.name + '_u', u);
    module.registerBuffer(fn.name + '_v', vv);
    module.registerForwardPreHook(hookFor(fn, (m: Module) => fn.call(m)));
    const saveHook = new SpectralNormStateDictHook(fn);
    module._registerStateDictHook(hookFor(saveHook, (m: Module, sd: Map<string, Tensor>, prefix: string, meta: Record<string, unknown>) => saveHook.call(m, sd, prefix, meta)));
    const loadHook = new SpectralNormLoadStateDictPreHook(fn);
    module._registerLoadStateDictPreHook(hookFor(loadHook, (...a: unknown[]) => loadHook.call(...(a as Parameters<SpectralNormLoadStateDictPreHook['call']>))));
    return fn;
  }
}

/**
 * Python's `SpectralNormLoadStateDictPreHook`: a state dict of version 0 (`name` saved, no `name_v`),
 * as PyTorch before 1.0 wrote it, gets `name_v` solved from `name_orig`, `name` and `name_u`. One
 * without version metadata that already has `name_orig`, `name_u` and `name_v` passes unchanged.
 */
export class SpectralNormLoadStateDictPreHook {
  constructor(readonly fn: SpectralNorm) {}

  call(stateDict: Map<string, Tensor>, prefix: string, localMetadata: Record<string, unknown>, strict: boolean, missingKeys: string[]): void {
    const fn = this.fn;
    const versions = (localMetadata.spectral_norm ?? {}) as Record<string, unknown>;
    const version = versions[fn.name + '.version'] as number | undefined;
    if (version !== undefined && version !== null && version >= 1) return;
    const weightKey = prefix + fn.name;
    if ((version === undefined || version === null) && ['_orig', '_u', '_v'].every((s) => stateDict.has(weightKey + s)) && !stateDict.has(weightKey)) return;
    let hasMissingKeys = false;
    for (const suffix of ['_orig', '', '_u']) {
      const key = weightKey + suffix;
      if (!stateDict.has(key)) {
        hasMissingKeys = true;
        if (strict) missingKeys.push(key);
      }
    }
    if (hasMissingKeys) return;
    noGrad(() => {
      const weightOrig = stateDict.get(weightKey + '_orig')!;
      const weight = stateDict.get(weightKey)!;
      stateDict.delete(weightKey);
      const sigma = weightOrig.div(weight).mean();
      const weightMat = fn.reshapeWeightToMatrix(weightOrig);
      const u = stateDict.get(weightKey + '_u')!;
      stateDict.set(weightKey + '_v', fn._solveVAndRescale(weightMat, u, sigma));
    });
  }
}

/** Python's `SpectralNormStateDictHook`: records `{ spectral_norm: { '<name>.version': 1 } }` in the module's metadata. */
export class SpectralNormStateDictHook {
  constructor(readonly fn: SpectralNorm) {}

  call(_module: Module, _stateDict: Map<string, Tensor>, _prefix: string, localMetadata: Record<string, unknown>): void {
    const versions = (localMetadata.spectral_norm ??= {}) as Record<string, unknown>;
    const key = this.fn.name + '.version';
    if (key in versions) throw new Error(`Unexpected key in metadata['spectral_norm']: ${key}`);
    versions[key] = SpectralNorm._version;
  }
}

export interface SpectralNormOptions { name?: string; nPowerIterations?: number; eps?: number; dim?: number | null }

/**
 * `spectral_norm(module, name='weight', n_power_iterations=1, eps=1e-12, dim=None)`: rescales the
 * parameter `name` by its spectral norm, estimated by power iteration before every forward call in
 * training mode. `dim` defaults to 1 for ConvTranspose1d/2d/3d and 0 otherwise. Returns the module.
 */
export function spectralNorm<T extends Module>(
  module: T,
  name?: string | SpectralNormOptions,
  nPowerIterations?: number | SpectralNormOptions,
  eps?: number | SpectralNormOptions,
  dim?: number | null | SpectralNormOptions,
  opts?: SpectralNormOptions,
): T;
export function spectralNorm(...args: unknown[]): Module {
  const call = 'nn.utils.spectral_norm';
  const a = v.bindArgs(call, ['module', 'name', 'nPowerIterations', 'eps', 'dim'], args);
  const module = moduleArg(call, a.module);
  const name = a.name === undefined ? 'weight' : v.str(call, 'name', a.name);
  const n = a.nPowerIterations === undefined ? 1 : v.int(call, 'n_power_iterations', a.nPowerIterations);
  const eps = a.eps === undefined ? 1e-12 : v.number(call, 'eps', a.eps);
  let dim: number;
  if (a.dim === undefined || a.dim === null) {
    dim = module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d ? 1 : 0;
  } else dim = v.int(call, 'dim', a.dim);
  SpectralNorm.apply(module, name, n, dim, eps);
  return module;
}

/** `remove_spectral_norm(module, name='weight')`: removes the reparameterization; `name` is a Parameter again. */
export function removeSpectralNorm<T extends Module>(module: T, name?: string | { name?: string }, opts?: { name?: string }): T;
export function removeSpectralNorm(...args: unknown[]): Module {
  const call = 'nn.utils.remove_spectral_norm';
  const a = v.bindArgs(call, ['module', 'name'], args);
  const module = moduleArg(call, a.module);
  const name = a.name === undefined ? 'weight' : v.str(call, 'name', a.name);
  const hooks = preHooks(module);
  for (const [k, hook] of hooks) {
    const o = hookOwner(hook);
    if (o instanceof SpectralNorm && o.name === name) {
      o.remove(module);
      hooks.delete(k);
      // and its state-dict hooks, as Python's remove_spectral_norm
      for (const [id, h] of module._stateDictHooks) {
        const so = hookOwner(h);
        if (so instanceof SpectralNormStateDictHook && so.fn.name === name) { module._stateDictHooks.delete(id); break; }
      }
      for (const [id, h] of module._loadStateDictPreHooks) {
        const lo = hookOwner(h);
        if (lo instanceof SpectralNormLoadStateDictPreHook && lo.fn.name === name) { module._loadStateDictPreHooks.delete(id); break; }
      }
      return module;
    }
  }
  throw new RangeError(`spectral_norm of '${name}' not found in ${String(module)}`);
}
