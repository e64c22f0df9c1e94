// torch.optim: `const { optim } = torch; new optim.Adam(model.parameters(), { lr: 1e-4 })`.
export { Optimizer } from './optimizer';
export type { Params, ParamGroup, ParamGroupSpec } from './optimizer';
export { SGD } from './sgd';
export type { SGDOptions } from './sgd';
export { Adam } from './adam';
export type { AdamOptions } from './adam';
export { AdamW } from './adamw';
export type { AdamWOptions } from './adamw';
export { RMSprop } from './rmsprop';
export type { RMSpropOptions } from './rmsprop';
export { Adagrad } from './adagrad';
export type { AdagradOptions } from './adagrad';
export * as lr_scheduler from './lr_scheduler';
