// torch.cuda.amp
export { autocast } from './autocast_mode';
export type { CudaAutocastOptions } from './autocast_mode';
export { GradScaler, OptState } from './grad_scaler';
export type { GradScalerOptions, GradScalerStateDict, ScalableOptimizer } from './grad_scaler';
export * as common from './common';
export * as autocast_mode from './autocast_mode';
export * as grad_scaler from './grad_scaler';
