// torch.optim.Rprop (torch/optim/rprop.py, PyTorch 1.13): resilient backpropagation.
import { Tensor } from '../tensor';
import { aten } from '../_aten';
import { TorchError, argError } from '../errors';
import * as v from '../validate';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, numberPair, isSparse, FOREACH, MAXIMIZE, noState } from './optimizer';

export interface RpropOptions {
  lr?: number;
  etas?: [number, number];
  stepSizes?: [number, number];
  foreach?: boolean | null;
  maximize?: boolean;
}

function etas(call: string, name: string, value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2) throw argError(call, name, 'a pair of numbers [etaminus, etaplus]', value);
  const [minus, plus] = value.map((x, i) => v.number(call, `${name}[${i}]`, x));
  if (!(minus > 0 && minus < 1 && plus > 1)) throw new RangeError(`${call}: etas must satisfy 0 < etas[0] < 1 < etas[1], got [${minus}, ${plus}]`);
  return [minus, plus];
}

const spec: OptimizerSpec = {
  call: 'optim.Rprop',
  name: 'Rprop',
  options: [
    { name: 'lr', default: 1e-2, check: nonNegative, float: true },
    { name: 'etas', default: [0.5, 1.2], check: etas, float: true },
    { name: 'stepSizes', default: [1e-6, 50], check: numberPair, float: [true, false] },
    FOREACH, MAXIMIZE,
  ],
  positional: ['lr', 'etas', 'stepSizes', 'foreach', 'maximize'],
};

const viewAsReal = (t: Tensor): Tensor => aten('view_as_real')(t);

/** torch.optim.Rprop(params, lr=1e-2, etas=(0.5, 1.2), step_sizes=(1e-6, 50), foreach=None, maximize=False). */
export class Rprop extends Optimizer<RpropOptions> {
  constructor(params: Params<RpropOptions>, options?: RpropOptions);
  /** Every argument by keyword: `new Rprop({ params: model.parameters(), lr: 0.01 })`. */
  constructor(options: { params: Params<RpropOptions> } & RpropOptions);
  constructor(params: Params<RpropOptions>, lr: number, options?: Omit<RpropOptions, 'lr'>);
  constructor(params: Params<RpropOptions>, lr: number, etas?: [number, number], stepSizes?: [number, number], foreach?: boolean | null, maximize?: boolean);
  constructor(params: Params<RpropOptions> | ({ params: Params<RpropOptions> } & RpropOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<RpropOptions>): void {
    const [etaminus, etaplus] = group.etas;
    const [stepSizeMin, stepSizeMax] = group.stepSizes;
    const { maximize } = group;
    const items: [Tensor, Tensor, Tensor, Tensor][] = [];
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('Rprop does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        // grad.new().resize_as_(grad).fill_(lr): a contiguous tensor of the gradient's type and size.
        const stepSize = grad.newEmpty(grad.shape);
        if (p.dtype.isComplex) aten('view_as_real')(stepSize).fill_(group.lr);
        else stepSize.fill_(group.lr);
        state = { step: 0, prev: aten('zeros_like')(p), step_size: stepSize };
        this.state.set(p, state);
      }
      state.step += 1;
      items.push([p, grad, state.prev, state.step_size]);
    }
    // _single_tensor_rprop
    for (const [p, g, pr, ss] of items) {
      let param = p;
      let grad = maximize ? g.neg() : g;
      let prev = pr;
      let stepSize = ss;
      if (param.dtype.isComplex) {
        grad = viewAsReal(grad);
        prev = viewAsReal(prev);
        param = viewAsReal(param);
        stepSize = viewAsReal(stepSize);
      }
      const sign = grad.mul(prev).sign();
      sign.maskedFill_(sign.gt(0), etaplus);
      sign.maskedFill_(sign.lt(0), etaminus);
      sign.maskedFill_(sign.eq(0), 1);
      stepSize.mul_(sign).clamp_(stepSizeMin, stepSizeMax);
      grad = grad.clone();
      grad.maskedFill_(sign.eq(etaminus), 0);
      param.addcmul_(grad.sign(), stepSize, { value: -1 });
      prev.copy_(grad);
    }
  }
}
