// torch.cuda: availability and device count (a CPU-only libtorch answers false / 0).
import { native } from './native';

export function isAvailable(): boolean {
  return native.cudaIsAvailable();
}
export function deviceCount(): number {
  return native.cudaDeviceCount();
}
export function synchronize(): void {
  native.cudaSynchronize();
}
export function manualSeed(seed: number): void {
  native.manualSeed(seed);
}
export const manualSeedAll = manualSeed;
