// torch/amp/autocast_mode.py (1.13): `with torch.autocast(device_type, dtype=None, enabled=True,
// cache_enabled=None):` → `torch.autocast(deviceType, { dtype, enabled, cacheEnabled }, () => {...})`,
// and the autocast state functions that torch._C binds and torch/__init__.py exposes (torch.is_autocast_
// enabled, set_autocast_cpu_dtype, ...). The state is libtorch's, thread-local (native/autocast.cc):
// enabling it sends ops through autocast's kernels, which cast to the region's dtype by op lists.
import { native } from '../native';
import { DType, dtypeFromCode, bfloat16 } from '../dtype';
import { argError } from '../errors';
import * as cuda from '../cuda';
import { ampDefinitelyNotAvailable } from '../cuda/amp/common';
import * as v from '../validate';

// native/autocast.cc's device argument: true for the CPU, false for CUDA (Python's "gpu" names).
const CPU = true;
const GPU = false;

function dtypeArg(call: string, dtype: unknown): DType {
  if (!(dtype instanceof DType)) throw argError(call, 'dtype', 'a torch.dtype', dtype);
  return dtype;
}

/** torch.is_autocast_enabled(): whether CUDA autocast is on in this thread. */
export function isAutocastEnabled(): boolean {
  return native.isAutocastEnabled(GPU);
}
/** torch.set_autocast_enabled(enabled): turns CUDA autocast on or off (torch.autocast does this for a region). */
export function setAutocastEnabled(enabled: boolean): void {
  native.setAutocastEnabled(GPU, v.bool('torch.set_autocast_enabled', 'enabled', enabled));
}
/** torch.is_autocast_cpu_enabled() */
export function isAutocastCpuEnabled(): boolean {
  return native.isAutocastEnabled(CPU);
}
/** torch.set_autocast_cpu_enabled(enabled) */
export function setAutocastCpuEnabled(enabled: boolean): void {
  native.setAutocastEnabled(CPU, v.bool('torch.set_autocast_cpu_enabled', 'enabled', enabled));
}
/** torch.get_autocast_gpu_dtype(): CUDA autocast's lower-precision dtype (float16 by default). */
export function getAutocastGpuDtype(): DType {
  return dtypeFromCode(native.getAutocastDtype(GPU));
}
/** torch.get_autocast_cpu_dtype(): CPU autocast's lower-precision dtype (bfloat16). */
export function getAutocastCpuDtype(): DType {
  return dtypeFromCode(native.getAutocastDtype(CPU));
}
/** torch.set_autocast_gpu_dtype(dtype) */
export function setAutocastGpuDtype(dtype: DType): void {
  native.setAutocastDtype(GPU, dtypeArg('torch.set_autocast_gpu_dtype', dtype).code);
}
/** torch.set_autocast_cpu_dtype(dtype): libtorch 1.13 accepts bfloat16 only (a TorchError otherwise, as Python's RuntimeError). */
export function setAutocastCpuDtype(dtype: DType): void {
  native.setAutocastDtype(CPU, dtypeArg('torch.set_autocast_cpu_dtype', dtype).code);
}
/** torch.clear_autocast_cache(): drops the casts of leaf tensors (weights) autocast keeps for reuse. */
export function clearAutocastCache(): void {
  native.clearAutocastCache();
}
/** torch.autocast_increment_nesting(): the new depth of nested autocast regions. */
export function autocastIncrementNesting(): number {
  return native.autocastIncrementNesting();
}
/** torch.autocast_decrement_nesting(): the new depth (it goes below 0 when unbalanced, as in Python). */
export function autocastDecrementNesting(): number {
  return native.autocastDecrementNesting();
}
/** torch.is_autocast_cache_enabled() */
export function isAutocastCacheEnabled(): boolean {
  return native.isAutocastCacheEnabled();
}
/** torch.set_autocast_cache_enabled(enabled) */
export function setAutocastCacheEnabled(enabled: boolean): void {
  native.setAutocastCacheEnabled(v.bool('torch.set_autocast_cache_enabled', 'enabled', enabled));
}

export interface AutocastOptions {
  dtype?: DType | null;
  enabled?: boolean;
  cacheEnabled?: boolean | null;
}

/** autocast.__init__, __enter__, the callback, __exit__. `a` holds the bound arguments by camelCase name. */
function runAutocast<T>(call: string, a: Record<string, unknown>, fn: unknown): T {
  v.func(call, 'fn', fn);
  if (a.deviceType === undefined) throw new TypeError(`${call}: missing 1 required positional argument: 'device_type'`);
  const device = v.str(call, 'device_type', a.deviceType);
  let enabled = a.enabled === undefined ? true : v.bool(call, 'enabled', a.enabled);
  const dtype = a.dtype === undefined || a.dtype === null ? null : dtypeArg(call, a.dtype);
  const cacheEnabled = a.cacheEnabled === undefined || a.cacheEnabled === null ? null : v.bool(call, 'cache_enabled', a.cacheEnabled);

  // __init__. torch-node has no XPU: 'xpu' is refused like any other name.
  let fastDtype: DType;
  if (device === 'cuda') fastDtype = getAutocastGpuDtype();
  else if (device === 'cpu') fastDtype = getAutocastCpuDtype();
  else throw new RangeError(`${call}: User specified autocast device_type must be 'cuda' or 'cpu'`);
  let cache = isAutocastCacheEnabled();
  if (enabled && ampDefinitelyNotAvailable() && device === 'cuda') {
    process.emitWarning("User provided device_type of 'cuda', but CUDA is not available. Disabling", 'UserWarning');
    enabled = false;
  }
  if (dtype !== null) fastDtype = dtype;
  if (cacheEnabled !== null) cache = cacheEnabled;
  if (device === 'cpu' && fastDtype !== bfloat16) {
    process.emitWarning('In CPU autocast, but the target dtype is not supported. Disabling autocast.\nCPU Autocast only supports dtype of torch.bfloat16 currently.', 'UserWarning');
    enabled = false;
  }
  // Python asks even when the region was just disabled for want of CUDA (its is_bf16_supported then raises).
  if (device === 'cuda' && fastDtype === bfloat16 && !cuda.isBf16Supported()) {
    throw new RangeError(`${call}: Current CUDA Device does not support bfloat16. Please switch dtype to float16.`);
  }

  // __enter__, in Python's order: a CPU dtype other than bfloat16 is refused by libtorch after the
  // region was disabled, so (as in Python) the callback does not run and the disabling stays.
  const onCpu = device === 'cpu';
  const prevCache = isAutocastCacheEnabled();
  const prev = native.isAutocastEnabled(onCpu);
  const prevDtype: number = native.getAutocastDtype(onCpu);
  if (onCpu) {
    native.setAutocastEnabled(CPU, enabled);
    native.setAutocastDtype(CPU, fastDtype.code);
  } else {
    native.setAutocastDtype(GPU, fastDtype.code);
    native.setAutocastEnabled(GPU, enabled);
  }
  native.autocastIncrementNesting();
  native.setAutocastCacheEnabled(cache);
  try {
    return (fn as () => T)();
  } finally {
    // __exit__: the cast cache is dropped on leaving the outermost region.
    if (native.autocastDecrementNesting() === 0) native.clearAutocastCache();
    native.setAutocastEnabled(onCpu, prev);
    native.setAutocastDtype(onCpu, prevDtype);
    native.setAutocastCacheEnabled(prevCache);
  }
}

/**
 * `with torch.autocast('cpu', dtype=torch.bfloat16):` → `torch.autocast('cpu', { dtype: torch.bfloat16 }, () => {...})`
 * (or positionally, as Python: `torch.autocast('cpu', torch.bfloat16, true, null, fn)`). Ops in the
 * callback run in the dtype autocast picks for each (matmul, linear, conv in bfloat16 on the CPU; the
 * ops on its float32 list in float32); returns the callback's value. On the CPU 1.13 supports bfloat16
 * only: another dtype warns and disables the region, as in Python.
 */
export function autocast<T>(deviceType: string, fn: () => T): T;
export function autocast<T>(deviceType: string, opts: AutocastOptions, fn: () => T): T;
export function autocast<T>(deviceType: string, dtype: DType | null, fn: () => T): T;
export function autocast<T>(deviceType: string, dtype: DType | null, enabled: boolean, fn: () => T): T;
export function autocast<T>(deviceType: string, dtype: DType | null, enabled: boolean, cacheEnabled: boolean | null, fn: () => T): T;
export function autocast<T>(...args: unknown[]): T {
  const call = 'torch.autocast';
  const a = v.bindArgs(call, ['deviceType', 'dtype', 'enabled', 'cacheEnabled'], args.slice(0, -1));
  return runAutocast(call, a, args[args.length - 1]);
}
