// torch.optim.SGD (torch/optim/sgd.py, PyTorch 1.13): momentum, dampening, Nesterov, L2 weight decay,
// maximize; sparse gradients without momentum or weight decay, as there.
import { Tensor } from '../tensor';
import {
  Optimizer, OptimizerSpec, ParamGroup, Params, REQUIRED, nonNegative, anyNumber, flag,
  FOREACH, MAXIMIZE, DIFFERENTIABLE,
} from './optimizer';

export interface SGDOptions {
  lr?: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  differentiable?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.SGD',
  name: 'SGD',
  options: [
    { name: 'lr', default: REQUIRED, check: nonNegative, float: true }, // Python's SGD has no default lr
    { name: 'momentum', default: 0, check: nonNegative },
    { name: 'dampening', default: 0, check: anyNumber },
    { name: 'weightDecay', default: 0, check: nonNegative },
    { name: 'nesterov', default: false, check: flag },
    MAXIMIZE, FOREACH, DIFFERENTIABLE,
  ],
  positional: ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov'],
  differentiable: true,
  checkDefaults(call, d) {
    if (d.nesterov && (!((d.momentum as number) > 0) || d.dampening !== 0)) {
      throw new RangeError(`${call}: Nesterov momentum requires a momentum and zero dampening`);
    }
  },
};

/**
 * torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False,
 * foreach=None, differentiable=False). Without momentum each stepped parameter's state is
 * `{ momentum_buffer: null }`, as Python's `None`.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, options?: SGDOptions);
  /** Every argument by keyword: `new SGD({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<SGDOptions> } & SGDOptions);
  constructor(params: Params<SGDOptions>, lr: number, options?: Omit<SGDOptions, 'lr'>);
  constructor(params: Params<SGDOptions>, lr: number, momentum?: number, dampening?: number, weightDecay?: number, nesterov?: boolean, options?: SGDOptions);
  constructor(params: Params<SGDOptions> | ({ params: Params<SGDOptions> } & SGDOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<SGDOptions>): void {
    const { weightDecay, momentum, lr, dampening, nesterov, maximize } = group;
    for (const param of group.params) {
      const grad = param.grad;
      if (grad === null) continue;
      let state = this.state.get(param);
      if (state === undefined) this.state.set(param, (state = {}));
      // _single_tensor_sgd
      let dP: Tensor = maximize ? grad.neg() : grad;
      if (weightDecay !== 0) dP = dP.add(param, { alpha: weightDecay });
      let buf: Tensor | null = state.momentum_buffer ?? null;
      if (momentum !== 0) {
        if (buf === null) buf = dP.clone().detach();
        else buf.mul_(momentum).add_(dP, { alpha: 1 - dampening });
        dP = nesterov ? dP.add(buf, { alpha: momentum }) : buf;
      }
      param.add_(dP, { alpha: -lr });
      state.momentum_buffer = buf;
    }
  }
}
