// torch.optim.SGD: libtorch's torch::optim::SGD (momentum, dampening, Nesterov, L2 weight decay).
// The steps are Python's; one difference in the state dict: without momentum, Python keeps a
// `momentum_buffer: None` entry per parameter and libtorch keeps no entry at all.
import { Optimizer, OptimizerSpec, Params, REQUIRED, nonNegative, anyNumber, flag } from './optimizer';

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.SGD',
  kind: 'SGD',
  pythonOnly: { differentiable: false, foreach: null, maximize: false },
  tensorStep: false, // SGD keeps no step
  options: [
    { name: 'lr', default: REQUIRED, check: nonNegative }, // Python's SGD has no default lr
    { name: 'momentum', default: 0, check: nonNegative },
    { name: 'dampening', default: 0, check: anyNumber },
    { name: 'weightDecay', default: 0, check: nonNegative },
    { name: 'nesterov', default: false, check: flag },
  ],
  checkDefaults(call, d) {
    if (d.nesterov && (!((d.momentum as number) > 0) || d.dampening !== 0)) {
      throw new RangeError(`${call}: Nesterov momentum requires a momentum and zero dampening`);
    }
  },
};

export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, options?: SGDOptions);
  /** Every argument by keyword: `new SGD({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<SGDOptions> } & SGDOptions);
  constructor(params: Params<SGDOptions>, lr: number, options?: Omit<SGDOptions, 'lr'>);
  constructor(params: Params<SGDOptions>, lr: number, momentum?: number, dampening?: number, weightDecay?: number, nesterov?: boolean);
  constructor(params: Params<SGDOptions> | ({ params: Params<SGDOptions> } & SGDOptions), ...args: unknown[]) {
    super(spec, params, args);
  }
}
