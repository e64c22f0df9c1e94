// torch/cuda/amp/grad_scaler.py (1.13): gradient scaling for mixed-precision training. Where CUDA is
// not available, Python warns and disables the scaler: scale() returns its input, step() calls
// optimizer.step(), unscale_/update/load_state_dict do nothing, get_scale() is 1.0, state_dict() is {}.
// The enabled path runs the CUDA kernels of aten::_amp_foreach_non_finite_check_and_unscale_ and
// aten::_amp_update_scale_ on the scale and growth tracker, which live on the outputs' device.
import { Tensor } from '../../tensor';
import { float16, float32, int32 } from '../../dtype';
import type { Device } from '../../device';
import { full } from '../../creation';
import { noGrad } from '../../autograd';
import { TorchError, argError, describe } from '../../errors';
import { _ampForeachNonFiniteCheckAndUnscale_, _ampUpdateScale_ } from '../../_C/generated/torch';
import { ampDefinitelyNotAvailable } from './common';
import * as v from '../../validate';

const CALL = 'torch.cuda.amp.GradScaler';

/** Lazily serves copies of a tensor to requested devices, cached per device (by its string, 'cuda:0'). */
class MultiDeviceReplicator {
  readonly perDeviceTensors = new Map<string, Tensor>();
  constructor(readonly master: Tensor) {
    if (!isCudaOrXla(master)) throw new TorchError(`${CALL}: the scale must be a CUDA tensor, got one on ${master.device}`);
  }
  get(device: string): Tensor {
    let t = this.perDeviceTensors.get(device);
    if (t === undefined) {
      t = this.master.to({ device, nonBlocking: true, copy: true });
      this.perDeviceTensors.set(device, t);
    }
    return t;
  }
}

// torch-node has no XLA: Python's `t.is_cuda or t.device.type == 'xla'` is is_cuda here.
function isCudaOrXla(t: Tensor): boolean {
  return t.isCuda;
}

/** Where an optimizer's step stands in an iteration (Python's OptState enum). */
export enum OptState {
  READY = 0,
  UNSCALED = 1,
  STEPPED = 2,
}

interface PerOptimizerState {
  stage: OptState;
  /** found_inf_per_device: one float32 tensor per device of the gradients, nonzero where an inf/NaN was found. */
  foundInfPerDevice: Map<string, Tensor>;
}

/** What GradScaler uses of an optimizer: its param groups and step(). */
export interface ScalableOptimizer {
  paramGroups: { params: Tensor[] }[];
  step(...args: never[]): unknown;
  /** An optimizer whose step() handles the scaling itself (takes a `gradScaler` option), as Python's `_step_supports_amp_scaling`. */
  _stepSupportsAmpScaling?: boolean;
}

function optimizerArg(call: string, optimizer: unknown, needGroups: boolean): ScalableOptimizer {
  const o = optimizer as ScalableOptimizer;
  if (o === null || typeof o !== 'object' || typeof o.step !== 'function' || (needGroups && !Array.isArray(o.paramGroups))) {
    throw argError(call, 'optimizer', needGroups ? 'an optimizer (with paramGroups and step())' : 'an optimizer (with step())', optimizer);
  }
  return o;
}

export interface GradScalerOptions {
  initScale?: number;
  growthFactor?: number;
  backoffFactor?: number;
  growthInterval?: number;
  enabled?: boolean;
}

/** GradScaler's state_dict, with Python's keys. Empty for a disabled scaler. */
export interface GradScalerStateDict {
  scale?: number;
  growth_factor?: number;
  backoff_factor?: number;
  growth_interval?: number;
  _growth_tracker?: number;
}

/**
 * torch.cuda.amp.GradScaler(init_scale=2.**16, growth_factor=2.0, backoff_factor=0.5,
 * growth_interval=2000, enabled=True): `scaler.scale(loss).backward()`, `scaler.step(optimizer)`,
 * `scaler.update()`.
 */
export class GradScaler {
  _enabled: boolean;
  // Set only when enabled, as in Python (a disabled scaler's getGrowthFactor() fails there too, until
  // setGrowthFactor() sets it).
  _initScale?: number;
  _scale: Tensor | null = null;
  _growthFactor?: number;
  _backoffFactor?: number;
  _growthInterval?: number;
  _initGrowthTracker?: number;
  _growthTracker: Tensor | null = null;
  _perOptimizerStates = new Map<object, PerOptimizerState>();

  constructor(initScale?: number | GradScalerOptions, growthFactor?: number, backoffFactor?: number, growthInterval?: number, enabled?: boolean, opts?: GradScalerOptions) {
    const a = v.bindArgs(CALL, ['initScale', 'growthFactor', 'backoffFactor', 'growthInterval', 'enabled'], [initScale, growthFactor, backoffFactor, growthInterval, enabled, opts]);
    const init = a.initScale === undefined ? 2 ** 16 : v.number(CALL, 'init_scale', a.initScale);
    const growth = a.growthFactor === undefined ? 2.0 : v.number(CALL, 'growth_factor', a.growthFactor);
    const backoff = a.backoffFactor === undefined ? 0.5 : v.number(CALL, 'backoff_factor', a.backoffFactor);
    const interval = a.growthInterval === undefined ? 2000 : v.int(CALL, 'growth_interval', a.growthInterval);
    const on = a.enabled === undefined ? true : v.bool(CALL, 'enabled', a.enabled);
    if (on && ampDefinitelyNotAvailable()) {
      process.emitWarning('torch.cuda.amp.GradScaler is enabled, but CUDA is not available.  Disabling.', 'UserWarning');
      this._enabled = false;
    } else {
      this._enabled = on;
    }
    if (this._enabled) {
      if (!(growth > 1.0)) throw new RangeError(`${CALL}: The growth factor must be > 1.0.`);
      if (!(backoff < 1.0)) throw new RangeError(`${CALL}: The backoff factor must be < 1.0.`);
      this._initScale = init;
      // _scale and _growthTracker are made on the first scale(), on the outputs' device
      this._growthFactor = growth;
      this._backoffFactor = backoff;
      this._growthInterval = interval;
      this._initGrowthTracker = 0;
    }
  }

  /** Python's defaultdict of per-optimizer states, keyed by the optimizer object (Python: id(optimizer)). */
  #stateOf(optimizer: object): PerOptimizerState {
    let s = this._perOptimizerStates.get(optimizer);
    if (s === undefined) {
      s = { stage: OptState.READY, foundInfPerDevice: new Map() };
      this._perOptimizerStates.set(optimizer, s);
    }
    return s;
  }

  _checkScaleGrowthTracker(funcname: string): [Tensor, Tensor] {
    const fix = 'This may indicate your script did not use scaler.scale(loss or outputs) earlier in the iteration.';
    if (this._scale === null) throw new TorchError(`${CALL}.${funcname}: Attempted ${funcname} but _scale is None.  ${fix}`);
    if (this._growthTracker === null) throw new TorchError(`${CALL}.${funcname}: Attempted ${funcname} but _growth_tracker is None.  ${fix}`);
    return [this._scale, this._growthTracker];
  }

  _lazyInitScaleGrowthTracker(dev: Device): void {
    if (this._growthTracker !== null) throw new TorchError(`${CALL}: _growth_tracker initialized before _scale`);
    this._scale = full([1], this._initScale as number, { dtype: float32, device: dev });
    this._growthTracker = full([1], this._initGrowthTracker as number, { dtype: int32, device: dev });
  }

  /**
   * Multiplies ('scales') a tensor or an array (nested arrays, iterables) of tensors by the scale
   * factor. A disabled scaler returns `outputs` itself.
   */
  scale<T>(outputs: T): T {
    const call = `${CALL}.scale`;
    if (!this._enabled) return outputs;
    // Short-circuit for the common case.
    if (outputs instanceof Tensor) {
      if (!isCudaOrXla(outputs)) throw new TorchError(`${call}: outputs must be CUDA tensors, got one on ${outputs.device}`);
      if (this._scale === null) this._lazyInitScaleGrowthTracker(outputs.device);
      return outputs.mul((this._scale as unknown as Tensor).to({ device: outputs.device, nonBlocking: true })) as T;
    }
    // Several outputs: one copy of the scale per device.
    const stash: MultiDeviceReplicator[] = [];
    const applyScale = (val: unknown): unknown => {
      if (val instanceof Tensor) {
        if (!isCudaOrXla(val)) throw new TorchError(`${call}: outputs must be CUDA tensors, got one on ${val.device}`);
        if (stash.length === 0) {
          if (this._scale === null) this._lazyInitScaleGrowthTracker(val.device);
          stash.push(new MultiDeviceReplicator(this._scale as unknown as Tensor));
        }
        return val.mul(stash[0].get(String(val.device)));
      }
      if (Array.isArray(val)) return val.map(applyScale);
      // Python maps any other iterable lazily; a string would recurse forever there, it is refused here.
      if (val !== null && typeof val === 'object' && Symbol.iterator in val) {
        const it = val as Iterable<unknown>;
        return (function* () { for (const x of it) yield applyScale(x); })();
      }
      throw new TypeError(`${call}: outputs must be a Tensor or an iterable of Tensors, got ${describe(val)}`);
    };
    return applyScale(outputs) as T;
  }

  _unscaleGrads_(optimizer: ScalableOptimizer, invScale: Tensor, foundInf: Tensor, allowFp16: boolean): Map<string, Tensor> {
    const perDeviceInvScale = new MultiDeviceReplicator(invScale);
    const perDeviceFoundInf = new MultiDeviceReplicator(foundInf);
    // Grads split by device and dtype, for one _amp_foreach_non_finite_check_and_unscale_ call each.
    const perDeviceAndDtypeGrads = new Map<string, Map<number, Tensor[]>>();
    noGrad(() => {
      for (const group of optimizer.paramGroups) {
        for (const param of group.params) {
          let grad = param.grad;
          if (grad === null) continue;
          if (!allowFp16 && grad.dtype === float16) throw new RangeError(`${CALL}.unscale_: Attempting to unscale FP16 gradients.`);
          let toUnscale: Tensor;
          if (grad.isSparse) {
            // Uncoalesced sparse grads may hold duplicate indices whose sum overflows in fp16: check the coalesced values.
            if (grad.dtype === float16) {
              param.grad = grad.coalesce();
              grad = param.grad as Tensor;
            }
            toUnscale = grad._values();
          } else {
            toUnscale = grad;
          }
          const device = String(toUnscale.device);
          let perDtype = perDeviceAndDtypeGrads.get(device);
          if (perDtype === undefined) perDeviceAndDtypeGrads.set(device, (perDtype = new Map()));
          const list = perDtype.get(toUnscale.dtype.code);
          if (list === undefined) perDtype.set(toUnscale.dtype.code, [toUnscale]);
          else list.push(toUnscale);
        }
      }
      for (const [device, perDtype] of perDeviceAndDtypeGrads) {
        for (const grads of perDtype.values()) _ampForeachNonFiniteCheckAndUnscale_(grads, perDeviceFoundInf.get(device), perDeviceInvScale.get(device));
      }
    });
    return perDeviceFoundInf.perDeviceTensors;
  }

  /**
   * Divides ("unscales") the optimizer's gradients by the scale factor, e.g. before clipping them;
   * step() does it otherwise. Once per optimizer per step().
   */
  unscale_(optimizer: ScalableOptimizer): void {
    const call = `${CALL}.unscale_`;
    if (!this._enabled) return;
    optimizerArg(call, optimizer, true);
    this._checkScaleGrowthTracker('unscale_');
    const optimizerState = this.#stateOf(optimizer);
    if (optimizerState.stage === OptState.UNSCALED) throw new TorchError(`${call}: unscale_() has already been called on this optimizer since the last update().`);
    if (optimizerState.stage === OptState.STEPPED) throw new TorchError(`${call}: unscale_() is being called after step().`);
    // FP32 division can be imprecise for certain compile options, so the reciprocal is taken in FP64.
    const scale = this._scale as Tensor;
    const invScale = scale.double().reciprocal().float();
    const foundInf = full([1], 0.0, { dtype: float32, device: scale.device });
    optimizerState.foundInfPerDevice = this._unscaleGrads_(optimizer, invScale, foundInf, false);
    optimizerState.stage = OptState.UNSCALED;
  }

  _maybeOptStep(optimizer: ScalableOptimizer, optimizerState: PerOptimizerState, args: unknown[]): unknown {
    let found = 0;
    for (const t of optimizerState.foundInfPerDevice.values()) found += t.item() as number;
    return found ? undefined : (optimizer.step as (...a: unknown[]) => unknown)(...args);
  }

  /**
   * Unscales the gradients (unless unscale_() already did) and calls `optimizer.step(...args)` unless
   * they hold infs or NaNs; returns what step() returned. A disabled scaler just calls optimizer.step(...args).
   */
  step(optimizer: ScalableOptimizer, ...args: unknown[]): unknown {
    const call = `${CALL}.step`;
    optimizerArg(call, optimizer, this._enabled);
    const stepFn = optimizer.step as (...a: unknown[]) => unknown;
    if (!this._enabled) return stepFn.call(optimizer, ...args);
    // Python's **kwargs are a trailing options object here
    const last = args[args.length - 1];
    const kwargs = v.isPlainObject(last) ? last : undefined;
    if (kwargs !== undefined && 'closure' in kwargs) throw new TorchError(`${call}: Closure use is not currently supported if GradScaler is enabled.`);
    this._checkScaleGrowthTracker('step');
    const optimizerState = this.#stateOf(optimizer);
    if (optimizerState.stage === OptState.STEPPED) throw new TorchError(`${call}: step() has already been called since the last update().`);
    if (optimizer._stepSupportsAmpScaling) {
      // The optimizer handles the scaling itself: it gets this scaler as its `gradScaler` option.
      const positional = kwargs === undefined ? args : args.slice(0, -1);
      const retval = stepFn.call(optimizer, ...positional, { ...kwargs, gradScaler: this });
      optimizerState.stage = OptState.STEPPED;
      return retval;
    }
    if (optimizerState.stage === OptState.READY) this.unscale_(optimizer);
    if (optimizerState.foundInfPerDevice.size === 0) throw new TorchError(`${call}: No inf checks were recorded for this optimizer.`);
    const retval = this._maybeOptStep(optimizer, optimizerState, args);
    optimizerState.stage = OptState.STEPPED;
    return retval;
  }

  /**
   * Updates the scale factor: times backoffFactor if a step was skipped this iteration, times
   * growthFactor after growthInterval unskipped ones; or set to `newScale` (a number, or a 1-element
   * float32 CUDA tensor that needs no grad, copied).
   */
  update(newScale?: number | Tensor | null): void {
    const call = `${CALL}.update`;
    if (!this._enabled) return;
    const [scale, growthTracker] = this._checkScaleGrowthTracker('update');
    if (newScale !== undefined && newScale !== null) {
      if (typeof newScale === 'number') {
        scale.fill_(newScale);
      } else {
        const reason = `${call}: new_scale should be a float or a 1-element torch.cuda.FloatTensor with requires_grad=False.`;
        if (!(newScale instanceof Tensor) || !newScale.isCuda || newScale.dtype !== float32) throw new TypeError(reason);
        if (newScale.numel() !== 1 || newScale.requiresGrad) throw new RangeError(reason);
        scale.copy_(newScale);
      }
    } else {
      // The found_inf tensors the optimizers' steps collected; on the scale's device this stays asynchronous.
      const foundInfs: Tensor[] = [];
      for (const state of this._perOptimizerStates.values()) {
        for (const foundInf of state.foundInfPerDevice.values()) foundInfs.push(foundInf.to({ device: scale.device, nonBlocking: true }));
      }
      if (foundInfs.length === 0) throw new TorchError(`${call}: No inf checks were recorded prior to update.`);
      const foundInfCombined = foundInfs[0];
      for (let i = 1; i < foundInfs.length; i++) foundInfCombined.add_(foundInfs[i]);
      _ampUpdateScale_(scale, growthTracker, foundInfCombined, this._growthFactor as number, this._backoffFactor as number, this._growthInterval as number);
    }
    // The next iteration starts with no data from the optimizers.
    this._perOptimizerStates = new Map();
  }

  _getScaleAsync(): Tensor | null {
    return this._scale;
  }

  /** The current scale as a number (1.0 when disabled). */
  getScale(): number {
    if (!this._enabled) return 1.0;
    return this._scale === null ? (this._initScale as number) : (this._scale.item() as number);
  }

  #attr(name: '_growthFactor' | '_backoffFactor' | '_growthInterval', getter: string): number {
    const value = this[name];
    if (value === undefined) throw new TypeError(`${CALL}.${getter}: 'GradScaler' object has no attribute '${v.pythonName(name)}' (a disabled scaler sets it only through its setter, as in Python)`);
    return value;
  }
  getGrowthFactor(): number {
    return this.#attr('_growthFactor', 'get_growth_factor');
  }
  setGrowthFactor(newFactor: number): void {
    this._growthFactor = v.number(`${CALL}.set_growth_factor`, 'new_factor', newFactor);
  }
  getBackoffFactor(): number {
    return this.#attr('_backoffFactor', 'get_backoff_factor');
  }
  setBackoffFactor(newFactor: number): void {
    this._backoffFactor = v.number(`${CALL}.set_backoff_factor`, 'new_factor', newFactor);
  }
  getGrowthInterval(): number {
    return this.#attr('_growthInterval', 'get_growth_interval');
  }
  setGrowthInterval(newInterval: number): void {
    this._growthInterval = v.int(`${CALL}.set_growth_interval`, 'new_interval', newInterval);
  }

  _getGrowthTracker(): number {
    if (!this._enabled) return 0;
    return this._growthTracker === null ? (this._initGrowthTracker as number) : (this._growthTracker.item() as number);
  }

  isEnabled(): boolean {
    return this._enabled;
  }

  /** { scale, growth_factor, backoff_factor, growth_interval, _growth_tracker } (Python's keys); {} when disabled. */
  stateDict(): GradScalerStateDict {
    if (!this._enabled) return {};
    return {
      scale: this.getScale(),
      growth_factor: this._growthFactor,
      backoff_factor: this._backoffFactor,
      growth_interval: this._growthInterval,
      _growth_tracker: this._getGrowthTracker(),
    };
  }

  /** Loads what stateDict() returned; a disabled scaler ignores it. */
  loadStateDict(stateDict: GradScalerStateDict): void {
    const call = `${CALL}.load_state_dict`;
    if (!this._enabled) return;
    if (!v.isPlainObject(stateDict)) throw argError(call, 'state_dict', 'an object returned by stateDict()', stateDict);
    if (Object.keys(stateDict).length === 0) {
      throw new TorchError(`${call}: The source state dict is empty, possibly because it was saved from a disabled instance of GradScaler.`);
    }
    const entry = (key: keyof GradScalerStateDict, integer: boolean): number => {
      const value = stateDict[key];
      if (value === undefined) throw new RangeError(`${call}: state_dict has no '${key}' (KeyError in Python)`);
      return integer ? v.int(call, `state_dict['${key}']`, value) : v.number(call, `state_dict['${key}']`, value);
    };
    const scale = entry('scale', false);
    const growthFactor = entry('growth_factor', false);
    const backoffFactor = entry('backoff_factor', false);
    const growthInterval = entry('growth_interval', true);
    const growthTracker = entry('_growth_tracker', true);
    this._initScale = scale;
    if (this._scale !== null) this._scale.fill_(scale);
    this._growthFactor = growthFactor;
    this._backoffFactor = backoffFactor;
    this._growthInterval = growthInterval;
    this._initGrowthTracker = growthTracker;
    if (this._growthTracker !== null) this._growthTracker.fill_(growthTracker);
  }

  _checkInfPerDevice(optimizer: ScalableOptimizer): Map<string, Tensor> {
    const [scale] = this._checkScaleGrowthTracker('_check_inf_per_device');
    optimizerArg(`${CALL}._check_inf_per_device`, optimizer, true);
    const dummyInvScale = full([1], 1.0, { dtype: float32, device: scale.device });
    const foundInf = full([1], 0.0, { dtype: float32, device: scale.device });
    const state = this.#stateOf(optimizer);
    state.foundInfPerDevice = this._unscaleGrads_(optimizer, dummyInvScale, foundInf, true);
    return state.foundInfPerDevice;
  }

  _foundInfPerDevice(optimizer: ScalableOptimizer): Map<string, Tensor> {
    return this.#stateOf(optimizer).foundInfPerDevice;
  }
}
