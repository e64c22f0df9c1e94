// torch.amp
export { autocast } from './autocast_mode';
export type { AutocastOptions } from './autocast_mode';
export * as autocast_mode from './autocast_mode';
