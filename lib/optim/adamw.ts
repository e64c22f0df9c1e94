// torch.optim.AdamW (torch/optim/adamw.py): Adam with decoupled weight decay, in ./adam.ts with Adam,
// whose update and fused native pass it shares.
export { AdamW, singleTensorAdamW } from './adam';
export type { AdamWOptions } from './adam';
