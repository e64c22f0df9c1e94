// torch.cuda: availability and device count (a CPU-only libtorch answers false / 0).
import { native } from './native';
import { seedArg } from './random';

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
