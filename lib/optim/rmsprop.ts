// torch.optim.RMSprop: libtorch's torch::optim::RMSprop (momentum, centered variant).
import { Optimizer, OptimizerSpec, Params, nonNegative, flag } from './optimizer';

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.RMSprop',
  kind: 'RMSprop',
  pythonOnly: { differentiable: false, foreach: null, maximize: false },
  tensorStep: false,
  options: [
    { name: 'lr', default: 1e-2, check: nonNegative },
    { name: 'alpha', default: 0.99, check: nonNegative },
    { name: 'eps', default: 1e-8, check: nonNegative },
    { name: 'weightDecay', default: 0, check: nonNegative },
    { name: 'momentum', default: 0, check: nonNegative },
    { name: 'centered', default: false, check: flag },
  ],
};

export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Params<RMSpropOptions>, options?: RMSpropOptions);
  /** Every argument by keyword: `new RMSprop({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<RMSpropOptions> } & RMSpropOptions);
  constructor(params: Params<RMSpropOptions>, lr: number, options?: Omit<RMSpropOptions, 'lr'>);
  constructor(params: Params<RMSpropOptions>, lr: number, alpha?: number, eps?: number, weightDecay?: number, momentum?: number, centered?: boolean);
  constructor(params: Params<RMSpropOptions> | ({ params: Params<RMSpropOptions> } & RMSpropOptions), ...args: unknown[]) {
    super(spec, params, args);
  }
}
