// torch.optim.RMSprop (torch/optim/rmsprop.py, PyTorch 1.13): momentum, the centered variant,
// weight decay, maximize.
import { Tensor } from '../tensor';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, flag, isSparse, FOREACH, MAXIMIZE, DIFFERENTIABLE, noState } from './optimizer';

export interface RMSpropOptions {
  lr?: number;
  alpha?: number;
  eps?: number;
  weightDecay?: number;
  momentum?: number;
  centered?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  differentiable?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.RMSprop',
  name: 'RMSprop',
  options: [
    { name: 'lr', default: 1e-2, check: nonNegative, float: true },
    { name: 'momentum', default: 0, check: nonNegative },
    { name: 'alpha', default: 0.99, check: nonNegative, float: true },
    { name: 'eps', default: 1e-8, check: nonNegative, float: true },
    { name: 'centered', default: false, check: flag },
    { name: 'weightDecay', default: 0, check: nonNegative },
    FOREACH, MAXIMIZE, DIFFERENTIABLE,
  ],
  positional: ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered', 'foreach', 'maximize', 'differentiable'],
  differentiable: true,
};

const viewAsReal = (t: Tensor): Tensor => aten('view_as_real')(t);

/**
 * torch.optim.RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
 * foreach=None, maximize=False, differentiable=False). `step` is an int, as in Python 1.13.
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(params: Params<RMSpropOptions>, options?: RMSpropOptions);
  /** Every argument by keyword: `new RMSprop({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<RMSpropOptions> } & RMSpropOptions);
  constructor(params: Params<RMSpropOptions>, lr: number, options?: Omit<RMSpropOptions, 'lr'>);
  constructor(params: Params<RMSpropOptions>, lr: number, alpha?: number, eps?: number, weightDecay?: number, momentum?: number, centered?: boolean, foreach?: boolean | null, maximize?: boolean, differentiable?: boolean);
  constructor(params: Params<RMSpropOptions> | ({ params: Params<RMSpropOptions> } & RMSpropOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize, differentiable } = group;
    const items: [Tensor, Tensor, Record<string, any>][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('RMSprop does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: 0, square_avg: aten('zeros_like')(p) };
        if (momentum > 0) state.momentum_buffer = aten('zeros_like')(p);
        if (centered) state.grad_avg = aten('zeros_like')(p);
        this.state.set(p, state);
      }
      if (differentiable && state.step instanceof Tensor) throw new TorchError("`step` can't be a tensor");
      state.step += 1;
      items.push([p, grad, state]);
    }
    // _single_tensor_rmsprop
    for (const [p, g, state] of items) {
      let param = p;
      let grad = maximize ? g.neg() : g;
      let squareAvg: Tensor = state.square_avg;
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      const isComplex = param.dtype.isComplex;
      if (isComplex) {
        param = viewAsReal(param);
        grad = viewAsReal(grad);
        squareAvg = viewAsReal(squareAvg);
      }
      squareAvg.mul_(alpha).addcmul_(grad, grad, { value: 1 - alpha });
      let avg: Tensor;
      if (centered) {
        let gradAvg: Tensor = state.grad_avg;
        if (isComplex) gradAvg = viewAsReal(gradAvg);
        gradAvg.mul_(alpha).add_(grad, { alpha: 1 - alpha });
        avg = squareAvg.addcmul(gradAvg, gradAvg, { value: -1 }).sqrt_();
      } else {
        avg = squareAvg.sqrt();
      }
      avg = differentiable ? avg.add(eps) : avg.add_(eps);
      if (momentum > 0) {
        let buf: Tensor = state.momentum_buffer;
        if (isComplex) buf = viewAsReal(buf);
        buf.mul_(momentum).addcdiv_(grad, avg);
        param.add_(buf, { alpha: -lr });
      } else {
        param.addcdiv_(grad, avg, { value: -lr });
      }
    }
  }
}
