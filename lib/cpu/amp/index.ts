// torch.cpu.amp
export { autocast } from './autocast_mode';
export type { CpuAutocastOptions } from './autocast_mode';
export * as autocast_mode from './autocast_mode';
