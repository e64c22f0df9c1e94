// torch.cuda: availability and device count (a CPU-only libtorch answers false / 0), the current device,
// bfloat16 support, and torch.cuda.amp (lib/cuda/amp).
import { native } from './native';
import { seedArg } from './random';
import { TorchError, argError } from './errors';
import { Device, DeviceLike, toDevice } from './device';
import { int } from './validate';

export function isAvailable(): boolean {
  return native.cudaIsAvailable();
}
export function deviceCount(): number {
  return native.cudaDeviceCount();
}
export function synchronize(): void {
  native.cudaSynchronize();
}
/** torch.cuda.manual_seed: seeds the current CUDA device's generator (not the CPU one). */
export function manualSeed(seed: number | bigint): void {
  native.cudaManualSeed(seedArg('torch.cuda.manual_seed', seed), false);
}
/** torch.cuda.manual_seed_all: seeds every CUDA device's generator. */
export function manualSeedAll(seed: number | bigint): void {
  native.cudaManualSeed(seedArg('torch.cuda.manual_seed_all', seed), true);
}
/**
 * torch.cuda.is_bf16_supported(): whether the current CUDA device computes in bfloat16 (compute
 * capability 8.0 and up, CUDA 11 and up). Without CUDA it raises, as Python's does.
 */
export function isBf16Supported(): boolean {
  const call = 'torch.cuda.is_bf16_supported';
  if (!native.cudaCompiled()) throw new TorchError(`${call}: Torch not compiled with CUDA enabled`);
  if (!native.cudaIsAvailable()) throw new TorchError(`${call}: No CUDA GPUs are available`);
  return native.cudaIsBf16Supported();
}

/**
 * torch.cuda.set_device(device): an index, 'cuda:N' or torch.device('cuda', N) becomes the calling
 * thread's current CUDA device (native/cuda_device.cc); a negative index does nothing, as in Python
 * (the imagenet example calls it per process).
 */
export function setDevice(device: DeviceLike): void {
  const call = 'torch.cuda.set_device';
  const i = cudaIndex(call, device);
  if (i < 0) return;
  if (!native.cudaCompiled()) throw new TorchError(`${call}: Torch not compiled with CUDA enabled`);
  const n = native.cudaDeviceCount() as number;
  if (i >= n) throw new RangeError(`${call}: invalid device ordinal ${i} (${n} CUDA device${n === 1 ? '' : 's'})`);
  native.cudaSetDevice(i);
}
/** torch.cuda.current_device(): the index of the calling thread's current CUDA device. */
export function currentDevice(): number {
  const call = 'torch.cuda.current_device';
  if (!native.cudaCompiled()) throw new TorchError(`${call}: Torch not compiled with CUDA enabled`);
  if (!native.cudaIsAvailable()) throw new TorchError(`${call}: No CUDA GPUs are available`);
  return native.cudaCurrentDevice();
}
// Python's _get_device_index(device) for torch.cuda: an integer as is, else a CUDA device with an index.
function cudaIndex(call: string, device: unknown): number {
  if (typeof device === 'number') return int(call, 'device', device);
  let d: Device;
  try { d = toDevice(device as DeviceLike); } catch { throw argError(call, 'device', "a CUDA device index, 'cuda:N' or a torch.device", device); }
  if (d.type !== 'cuda') throw new RangeError(`${call}: Expected a cuda device, but got: ${d}`);
  if (d.index === null) throw new RangeError(`${call}: Expected a torch.device with a specified index or an integer, but got:${d}`);
  return d.index;
}

export * as amp from './cuda/amp';
