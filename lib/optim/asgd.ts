// torch.optim.ASGD (torch/optim/asgd.py, PyTorch 1.13): averaged SGD. Its eta and mu are float32
// scalar tensors, as in Python 1.13, read back with item() where Python does.
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { float32 } from '../dtype';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, anyNumber, isSparse, FOREACH, MAXIMIZE, noState } from './optimizer';
import { pow } from '../_pymath';

export interface ASGDOptions {
  lr?: number;
  lambd?: number;
  alpha?: number;
  t0?: number;
  weightDecay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.ASGD',
  name: 'ASGD',
  options: [
    { name: 'lr', default: 1e-2, check: nonNegative, float: true },
    { name: 'lambd', default: 1e-4, check: anyNumber, float: true },
    { name: 'alpha', default: 0.75, check: anyNumber, float: true },
    { name: 't0', default: 1e6, check: anyNumber, float: true },
    { name: 'weightDecay', default: 0, check: nonNegative },
    FOREACH, MAXIMIZE,
  ],
  positional: ['lr', 'lambd', 'alpha', 't0', 'weightDecay', 'foreach', 'maximize'],
  tensorState: ['step', 'eta', 'mu'],
};

const viewAsReal = (t: Tensor): Tensor => aten('view_as_real')(t);

/** torch.optim.ASGD(params, lr=1e-2, lambd=1e-4, alpha=0.75, t0=1e6, weight_decay=0, foreach=None, maximize=False). */
export class ASGD extends Optimizer<ASGDOptions> {
  constructor(params: Params<ASGDOptions>, options?: ASGDOptions);
  /** Every argument by keyword: `new ASGD({ params: model.parameters(), lr: 0.01 })`. */
  constructor(options: { params: Params<ASGDOptions> } & ASGDOptions);
  constructor(params: Params<ASGDOptions>, lr: number, options?: Omit<ASGDOptions, 'lr'>);
  constructor(params: Params<ASGDOptions>, lr: number, lambd?: number, alpha?: number, t0?: number, weightDecay?: number, foreach?: boolean | null, maximize?: boolean);
  constructor(params: Params<ASGDOptions> | ({ params: Params<ASGDOptions> } & ASGDOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<ASGDOptions>): void {
    const { lr, lambd, alpha, t0, weightDecay, maximize } = group;
    const items: [Tensor, Tensor, Record<string, any>][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('ASGD does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: tensor(0, { dtype: float32 }), eta: tensor(lr, { dtype: float32 }), mu: tensor(1, { dtype: float32 }), ax: aten('zeros_like')(p) };
        this.state.set(p, state);
      }
      items.push([p, grad, state]);
    }
    // _single_tensor_asgd
    for (const [p, g, state] of items) {
      let param = p;
      let grad = maximize ? g.neg() : g;
      const mu: Tensor = state.mu;
      let ax: Tensor = state.ax;
      const eta: Tensor = state.eta;
      const stepT: Tensor = state.step;
      if (param.dtype.isComplex) {
        grad = viewAsReal(grad);
        param = viewAsReal(param);
        ax = viewAsReal(ax);
      }
      stepT.add_(1);
      const step = stepT.item() as number;
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      param.mul_(1 - lambd * (eta.item() as number));
      param.add_(grad, { alpha: -(eta.item() as number) });
      if (mu.item() !== 1) ax.add_(param.sub(ax).mul(mu));
      else ax.copy_(param);
      eta.copy_(tensor(lr / pow(1 + lambd * lr * step, alpha), { dtype: float32 }));
      mu.copy_(tensor(1 / Math.max(1, step - t0), { dtype: float32 }));
    }
  }
}
