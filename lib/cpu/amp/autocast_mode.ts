// torch/cpu/amp/autocast_mode.py (1.13): torch.cpu.amp.autocast(enabled=True, dtype=torch.bfloat16,
// cache_enabled=True) is torch.autocast('cpu', ...).
import type { DType } from '../../dtype';
import { bfloat16 } from '../../dtype';
import { autocast as torchAutocast } from '../../amp/autocast_mode';
import type { AutocastOptions } from '../../amp/autocast_mode';
import * as v from '../../validate';

export interface CpuAutocastOptions {
  enabled?: boolean;
  dtype?: DType;
  cacheEnabled?: boolean;
}

/** `with torch.cpu.amp.autocast():` → `torch.cpu.amp.autocast(() => {...})`; returns the callback's value. */
export function autocast<T>(fn: () => T): T;
export function autocast<T>(opts: CpuAutocastOptions, fn: () => T): T;
export function autocast<T>(enabled: boolean, fn: () => T): T;
export function autocast<T>(enabled: boolean, dtype: DType, fn: () => T): T;
export function autocast<T>(enabled: boolean, dtype: DType, cacheEnabled: boolean, fn: () => T): T;
export function autocast<T>(...args: unknown[]): T {
  const call = 'torch.cpu.amp.autocast';
  const a = v.bindArgs(call, ['enabled', 'dtype', 'cacheEnabled'], args.slice(0, -1));
  // Python's subclass passes its defaults on to torch.autocast's __init__, which checks them
  return torchAutocast('cpu', { enabled: true, dtype: bfloat16, cacheEnabled: true, ...a } as AutocastOptions, args[args.length - 1] as () => T);
}
