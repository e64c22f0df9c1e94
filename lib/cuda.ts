// torch.cuda: availability and device count (a CPU-only libtorch answers false / 0), bfloat16 support,
// and torch.cuda.amp (lib/cuda/amp).
import { native } from './native';
import { seedArg } from './random';
import { TorchError } from './errors';

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

export * as amp from './cuda/amp';
