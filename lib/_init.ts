// The global settings torch/__init__.py defines over torch._C (native/context.cc): deterministic
// algorithms and their debug mode, float32 matmul precision, warn-always, flush-denormal, anomaly mode,
// and set_default_tensor_type.
import { native } from './native';
import { argError } from './errors';
import { setDefaultDtype } from './dtype';
import { parseLegacyType, LegacyTensorType } from './tensor_new';
import * as v from './validate';

/** torch.use_deterministic_algorithms(mode, *, warn_only=False). */
export function useDeterministicAlgorithms(mode: boolean, opts?: { warnOnly?: boolean }): void {
  const call = 'torch.use_deterministic_algorithms';
  v.bool(call, 'mode', mode);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['warnOnly']);
  native.setDeterministicAlgorithms(mode, o.warnOnly === undefined ? false : v.bool(call, 'warn_only', o.warnOnly));
}
export function areDeterministicAlgorithmsEnabled(): boolean {
  return native.deterministicAlgorithms();
}
export function isDeterministicAlgorithmsWarnOnlyEnabled(): boolean {
  return native.deterministicAlgorithmsWarnOnly();
}

const DEBUG_MODES = ['default', 'warn', 'error'] as const;
/** torch.set_deterministic_debug_mode(debug_mode): 'default' | 'warn' | 'error', or 0 | 1 | 2. */
export function setDeterministicDebugMode(debugMode: string | number): void {
  const call = 'torch.set_deterministic_debug_mode';
  let mode: number;
  if (typeof debugMode === 'string') {
    mode = DEBUG_MODES.indexOf(debugMode as (typeof DEBUG_MODES)[number]);
    if (mode < 0) throw new RangeError(`${call}: invalid value of debug_mode, expected one of \`default\`, \`warn\`, \`error\`, but got ${debugMode}`);
  } else if (typeof debugMode === 'number' && Number.isInteger(debugMode)) {
    mode = debugMode;
    if (mode < 0 || mode > 2) throw new RangeError(`${call}: invalid value of debug_mode, expected 0, 1, or 2, but got ${debugMode}`);
  } else {
    throw argError(call, 'debug_mode', 'a string or an integer', debugMode);
  }
  native.setDeterministicAlgorithms(mode !== 0, mode === 1);
}
/** torch.get_deterministic_debug_mode(): 0 (default), 1 (warn) or 2 (error). */
export function getDeterministicDebugMode(): number {
  if (!native.deterministicAlgorithms()) return 0;
  return native.deterministicAlgorithmsWarnOnly() ? 1 : 2;
}

/**
 * torch.set_float32_matmul_precision(precision): 'highest' | 'high' | 'medium'. As in Python, another
 * string only warns (libtorch's text) and leaves the setting as it was. That warning is given here:
 * libtorch 1.13's own crashes on a long string (600 characters segfault Python's call too).
 */
export function setFloat32MatmulPrecision(precision: string): void {
  const p = v.str('torch.set_float32_matmul_precision', 'precision', precision);
  if (p !== 'highest' && p !== 'high' && p !== 'medium') {
    process.emitWarning(`${p} is not one of 'highest', 'high', or 'medium'; the currentsetFloat32MatmulPrecision call has no effect.`);
    return;
  }
  native.setFloat32MatmulPrecision(p);
}
export function getFloat32MatmulPrecision(): string {
  return native.float32MatmulPrecision();
}

/** torch.set_warn_always(b): libtorch's warn-once warnings are given every time. */
export function setWarnAlways(b: boolean): void {
  native.setWarnAlways(v.bool('torch.set_warn_always', 'b', b));
}
export function isWarnAlwaysEnabled(): boolean {
  return native.warnAlways();
}

/** torch.set_flush_denormal(mode): true when the CPU supports flushing denormals (SSE3), and then sets it. */
export function setFlushDenormal(mode: boolean): boolean {
  return native.setFlushDenormal(v.bool('torch.set_flush_denormal', 'mode', mode));
}

/** torch.set_anomaly_enabled(enabled, check_nan=True): autograd's anomaly mode (torch.autograd.set_detect_anomaly). */
export function setAnomalyEnabled(enabled: boolean, checkNan?: boolean | { checkNan?: boolean }): void {
  const call = 'torch.set_anomaly_enabled';
  const { checkNan: check } = v.bindArgs(call, ['enabled', 'checkNan'], [enabled, checkNan]);
  native.setAnomalyEnabled(v.bool(call, 'enabled', enabled), check === undefined ? true : v.bool(call, 'check_nan', check));
}
export function isAnomalyEnabled(): boolean {
  return native.anomalyEnabled();
}
export function isAnomalyCheckNanEnabled(): boolean {
  return native.anomalyCheckNan();
}

/**
 * torch.set_default_tensor_type(t): a floating point tensor type (torch.DoubleTensor or its name
 * 'torch.DoubleTensor') sets the default dtype. A CUDA type would also make new tensors CUDA ones,
 * which torch-node does not do: it is refused (with Python's message where CUDA is not compiled in).
 */
export function setDefaultTensorType(t: LegacyTensorType | string): void {
  const call = 'torch.set_default_tensor_type';
  const type = parseLegacyType(t);
  if (type === undefined) throw argError(call, 't', "a tensor type such as torch.DoubleTensor or 'torch.DoubleTensor'", t);
  if (!type.dtype.isFloatingPoint) throw new TypeError('only floating-point types are supported as the default type');
  if (type.device === 'cuda') {
    const name = String(t); // only a name says cuda
    throw new TypeError(native.cudaCompiled() ? `${call}: ${name} as the default type (new tensors on CUDA) is not supported by torch-node; use torch.setDefaultDtype and x.to('cuda')` : `type ${name} not available. Torch not compiled with CUDA enabled.`);
  }
  setDefaultDtype(type.dtype);
}
