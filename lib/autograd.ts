// Grad mode (torch.no_grad / enable_grad), inference mode, anomaly detection and torch.autograd.grad.
import { native } from './native';
import { Tensor, tensorArg } from './tensor';
import * as v from './validate';
import { empty } from './creation';

function withGradMode<T>(enabled: boolean, fn: () => T, call: string): T {
  v.func(call, 'fn', fn);
  const prev: boolean = native.isGradEnabled();
  native.setGradEnabled(enabled);
  try {
    return fn();
  } finally {
    native.setGradEnabled(prev);
  }
}

/** `with torch.no_grad():` → `torch.noGrad(() => { ... })`; returns the callback's value. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn, 'torch.no_grad');
}
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn, 'torch.enable_grad');
}
export function isGradEnabled(): boolean {
  return native.isGradEnabled();
}
/**
 * torch.set_grad_enabled(mode) sets the mode; `with torch.set_grad_enabled(mode):` →
 * `torch.setGradEnabled(mode, () => { ... })` sets it for the callback only and returns its value.
 */
export function setGradEnabled(mode: boolean): void;
export function setGradEnabled<T>(mode: boolean, fn: () => T): T;
export function setGradEnabled<T>(mode: boolean, fn?: () => T): T | void {
  const call = 'torch.set_grad_enabled';
  v.bool(call, 'mode', mode);
  if (fn === undefined) return native.setGradEnabled(mode);
  return withGradMode(mode, fn, call);
}

/**
 * `with torch.inference_mode():` → `torch.inferenceMode(() => { ... })`, and `torch.inferenceMode(mode, fn)`
 * (torch/autograd/grad_mode.py): no autograd, and the tensors made inside are inference tensors.
 * Returns the callback's value.
 */
export function inferenceMode<T>(fn: () => T): T;
export function inferenceMode<T>(mode: boolean, fn: () => T): T;
export function inferenceMode<T>(a: boolean | (() => T), b?: () => T): T {
  const call = 'torch.inference_mode';
  const [mode, fn] = typeof a === 'function' && b === undefined ? [true, a] : [v.bool(call, 'mode', a), b];
  v.func(call, 'fn', fn);
  native.enterInferenceMode(mode);
  try {
    return (fn as () => T)();
  } finally {
    native.exitInferenceMode();
  }
}
export function isInferenceModeEnabled(): boolean {
  return native.isInferenceModeEnabled();
}

function tensorList(call: string, name: string, x: Tensor | Tensor[]): Tensor[] {
  const list = Array.isArray(x) ? x : [x];
  return list.map((t, i) => tensorArg(call, `${name}[${i}]`, t));
}

/** torch.autograd.grad(outputs, inputs, { gradOutputs, retainGraph, createGraph, allowUnused }). */
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  opts?: { gradOutputs?: Tensor | Tensor[]; retainGraph?: boolean; createGraph?: boolean; allowUnused?: boolean },
): (Tensor | null)[] {
  const call = 'torch.autograd.grad';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['gradOutputs', 'retainGraph', 'createGraph', 'allowUnused']);
  const outs = tensorList(call, 'outputs', outputs);
  const ins = tensorList(call, 'inputs', inputs);
  const gouts = o.gradOutputs === undefined ? null : tensorList(call, 'grad_outputs', o.gradOutputs as Tensor[]);
  return native.autogradGrad(
    outs, ins, gouts,
    o.retainGraph === undefined ? null : v.bool(call, 'retain_graph', o.retainGraph),
    o.createGraph === undefined ? false : v.bool(call, 'create_graph', o.createGraph),
    o.allowUnused === undefined ? false : v.bool(call, 'allow_unused', o.allowUnused),
  );
}

const ANOMALY_WARNING = 'Anomaly Detection has been enabled. This mode will increase the runtime and should only be enabled for debugging.';

function withAnomalyMode<T>(enabled: boolean, checkNan: boolean, fn: () => T, call: string): T {
  v.func(call, 'fn', fn);
  const prev: boolean = native.anomalyEnabled();
  const prevCheckNan: boolean = native.anomalyCheckNan();
  native.setAnomalyEnabled(enabled, checkNan);
  try {
    return fn();
  } finally {
    native.setAnomalyEnabled(prev, prevCheckNan);
  }
}

/**
 * `with torch.autograd.detect_anomaly(check_nan=True):` → `torch.autograd.detectAnomaly(() => { ... })`
 * or `detectAnomaly({ checkNan }, fn)` (torch/autograd/anomaly_mode.py): a gradient that is nan is an
 * error naming the node that made it. Returns the callback's value.
 */
function detectAnomaly<T>(fn: () => T): T;
function detectAnomaly<T>(opts: { checkNan?: boolean }, fn: () => T): T;
function detectAnomaly<T>(a: (() => T) | { checkNan?: boolean }, b?: () => T): T {
  const call = 'torch.autograd.detect_anomaly';
  const [opts, fn]: [Record<string, unknown>, unknown] = typeof a === 'function' && b === undefined ? [{}, a] : [v.options(call, a), b];
  v.knownOptions(call, opts, ['checkNan']);
  const checkNan = opts.checkNan === undefined ? true : v.bool(call, 'check_nan', opts.checkNan);
  process.emitWarning(ANOMALY_WARNING, 'UserWarning');
  return withAnomalyMode(true, checkNan, fn as () => T, call);
}

/**
 * torch.autograd.set_detect_anomaly(mode, check_nan=True) sets anomaly mode; `with
 * torch.autograd.set_detect_anomaly(mode):` → `setDetectAnomaly(mode, () => { ... })` (or
 * `setDetectAnomaly(mode, { checkNan }, fn)`) sets it for the callback only and returns its value.
 */
function setDetectAnomaly(mode: boolean, checkNan?: boolean | { checkNan?: boolean }): void;
function setDetectAnomaly<T>(mode: boolean, fn: () => T): T;
function setDetectAnomaly<T>(mode: boolean, opts: { checkNan?: boolean }, fn: () => T): T;
function setDetectAnomaly<T>(mode: boolean, b?: boolean | { checkNan?: boolean } | (() => T), c?: () => T): T | void {
  const call = 'torch.autograd.set_detect_anomaly';
  v.bool(call, 'mode', mode);
  const fn = typeof b === 'function' ? b : c;
  const rest = typeof b === 'function' ? undefined : b;
  const { checkNan } = v.bindArgs(call, ['checkNan'], rest === undefined ? [] : [rest]);
  const check = checkNan === undefined ? true : v.bool(call, 'check_nan', checkNan);
  if (fn === undefined) return native.setAnomalyEnabled(mode, check);
  return withAnomalyMode(mode, check, fn, call);
}

/** torch.autograd: grad, the grad modes, inference mode and anomaly detection. */
/**
 * torch.autograd.Variable(data, requires_grad=False), deprecated in Python but still in old tutorials:
 * a new leaf sharing data's storage (data detached), with requires_grad as given; no data gives an
 * empty tensor (python_legacy_variable.cpp). A function, so that it works with and without `new`;
 * `x instanceof Variable` is `x instanceof Tensor`, as Python's VariableMeta makes isinstance.
 */
export const Variable = Object.defineProperty(
  function Variable(data?: Tensor, requiresGrad?: boolean | { requiresGrad?: boolean }): Tensor {
    const call = 'torch.autograd.Variable';
    let flag: unknown = requiresGrad;
    if (v.isPlainObject(requiresGrad)) {
      v.knownOptions(call, requiresGrad, ['requiresGrad']);
      flag = requiresGrad.requiresGrad;
    }
    const x = data === undefined || data === null ? empty(0) : tensorArg(call, 'data', data).detach();
    return flag === undefined ? x : x.requiresGrad_(v.bool(call, 'requires_grad', flag));
  },
  Symbol.hasInstance,
  { value: (x: unknown) => x instanceof Tensor },
) as { (data?: Tensor, requiresGrad?: boolean | { requiresGrad?: boolean }): Tensor; new (data?: Tensor, requiresGrad?: boolean | { requiresGrad?: boolean }): Tensor };

export const autograd = { grad, noGrad, enableGrad, setGradEnabled, inferenceMode, detectAnomaly, setDetectAnomaly, Variable };
