// torch.amp
export { autocast } from './autocast_mode';
export type { AutocastOptions } from './autocast_mode';
