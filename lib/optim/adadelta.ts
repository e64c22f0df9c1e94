// torch.optim.Adadelta (torch/optim/adadelta.py, PyTorch 1.13). A dense, contiguous CPU float32/float64
// parameter is stepped by one fused native pass (native/fused_optim.cc: the same update in the same
// order, rounded alike); any other (complex, strided, CUDA) by _single_tensor_adadelta's ops below.
import { native } from '../native';
import { Tensor } from '../tensor';
import { aten } from '../_aten';
import { TorchError, argError } from '../errors';
import * as v from '../validate';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, isSparse, FOREACH, MAXIMIZE, noState } from './optimizer';

export interface AdadeltaOptions {
  lr?: number;
  rho?: number;
  eps?: number;
  weightDecay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

function rho(call: string, name: string, value: unknown): number {
  const n = v.number(call, name, value);
  if (!(n >= 0 && n <= 1)) throw argError(call, name, 'a number in [0, 1]', value, 'range');
  return n;
}

const spec: OptimizerSpec = {
  call: 'optim.Adadelta',
  name: 'Adadelta',
  options: [
    { name: 'lr', default: 1.0, check: nonNegative, float: true },
    { name: 'rho', default: 0.9, check: rho, float: true },
    { name: 'eps', default: 1e-6, check: nonNegative, float: true },
    { name: 'weightDecay', default: 0, check: nonNegative },
    MAXIMIZE, FOREACH,
  ],
  positional: ['lr', 'rho', 'eps', 'weightDecay', 'foreach'],
};

const viewAsReal = (t: Tensor): Tensor => aten('view_as_real')(t);

/** torch.optim.Adadelta(params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, foreach=None, *, maximize=False). */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(params: Params<AdadeltaOptions>, options?: AdadeltaOptions);
  /** Every argument by keyword: `new Adadelta({ params: model.parameters(), lr: 0.5 })`. */
  constructor(options: { params: Params<AdadeltaOptions> } & AdadeltaOptions);
  constructor(params: Params<AdadeltaOptions>, lr: number, options?: Omit<AdadeltaOptions, 'lr'>);
  constructor(params: Params<AdadeltaOptions>, lr: number, rho?: number, eps?: number, weightDecay?: number, foreach?: boolean | null, options?: AdadeltaOptions);
  constructor(params: Params<AdadeltaOptions> | ({ params: Params<AdadeltaOptions> } & AdadeltaOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<AdadeltaOptions>): void {
    const { lr, rho: r, eps, weightDecay, maximize } = group;
    const items: [Tensor, Tensor, Tensor, Tensor][] = [];
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('Adadelta does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: 0, square_avg: aten('zeros_like')(p), acc_delta: aten('zeros_like')(p) };
        this.state.set(p, state);
      }
      state.step += 1;
      items.push([p, grad, state.square_avg, state.acc_delta]);
    }
    if (items.length === 0) return;
    const left = native.fusedAdadelta(
      items.map((x) => x[0]), items.map((x) => x[1]), items.map((x) => x[2]), items.map((x) => x[3]), lr, r, eps, weightDecay, maximize,
    ) as number[] | undefined;
    // _single_tensor_adadelta, for the parameters the fused pass left
    for (const [param, g, sa, ad] of (left ?? []).map((i) => items[i])) {
      let grad = maximize ? g.neg() : g;
      let squareAvg = sa;
      let accDelta = ad;
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      const isComplex = param.dtype.isComplex;
      if (isComplex) {
        squareAvg = viewAsReal(squareAvg);
        accDelta = viewAsReal(accDelta);
        grad = viewAsReal(grad);
      }
      squareAvg.mul_(r).addcmul_(grad, grad, { value: 1 - r });
      const std = squareAvg.add(eps).sqrt_();
      let delta = accDelta.add(eps).sqrt_().div_(std).mul_(grad);
      accDelta.mul_(r).addcmul_(delta, delta, { value: 1 - r });
      if (isComplex) delta = aten('view_as_complex')(delta);
      param.add_(delta, { alpha: -lr });
    }
  }
}
