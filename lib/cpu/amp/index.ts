// torch.cpu.amp
export { autocast } from './autocast_mode';
export type { CpuAutocastOptions } from './autocast_mode';
