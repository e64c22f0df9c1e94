// torch/cuda/amp/autocast_mode.py (1.13): torch.cuda.amp.autocast(enabled=True, dtype=torch.float16,
// cache_enabled=True) is torch.autocast('cuda', ...). Without CUDA it warns and runs the callback with
// autocast disabled, as in Python.
import type { DType } from '../../dtype';
import { float16 } from '../../dtype';
import { autocast as torchAutocast } from '../../amp/autocast_mode';
import type { AutocastOptions } from '../../amp/autocast_mode';
import * as v from '../../validate';

export interface CudaAutocastOptions {
  enabled?: boolean;
  dtype?: DType;
  cacheEnabled?: boolean;
}

/** `with torch.cuda.amp.autocast():` → `torch.cuda.amp.autocast(() => {...})`; returns the callback's value. */
export function autocast<T>(fn: () => T): T;
export function autocast<T>(opts: CudaAutocastOptions, fn: () => T): T;
export function autocast<T>(enabled: boolean, fn: () => T): T;
export function autocast<T>(enabled: boolean, dtype: DType, fn: () => T): T;
export function autocast<T>(enabled: boolean, dtype: DType, cacheEnabled: boolean, fn: () => T): T;
export function autocast<T>(...args: unknown[]): T {
  const call = 'torch.cuda.amp.autocast';
  const a = v.bindArgs(call, ['enabled', 'dtype', 'cacheEnabled'], args.slice(0, -1));
  // Python's subclass passes its defaults on to torch.autocast's __init__, which checks them
  return torchAutocast('cuda', { enabled: true, dtype: float16, cacheEnabled: true, ...a } as AutocastOptions, args[args.length - 1] as () => T);
}
