// torch.optim.Adamax (torch/optim/adamax.py, PyTorch 1.13): Adam with the infinity norm.
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { float32 } from '../dtype';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, betas, isSparse, FOREACH, MAXIMIZE, noState } from './optimizer';
import { pow } from '../_pymath';

export interface AdamaxOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.Adamax',
  name: 'Adamax',
  options: [
    { name: 'lr', default: 2e-3, check: nonNegative, float: true },
    { name: 'betas', default: [0.9, 0.999], check: betas, float: true },
    { name: 'eps', default: 1e-8, check: nonNegative, float: true },
    { name: 'weightDecay', default: 0, check: nonNegative },
    FOREACH, MAXIMIZE,
  ],
  positional: ['lr', 'betas', 'eps', 'weightDecay', 'foreach'],
  tensorState: ['step'],
};

const viewAsReal = (t: Tensor): Tensor => aten('view_as_real')(t);

/** torch.optim.Adamax(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None, *, maximize=False). */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(params: Params<AdamaxOptions>, options?: AdamaxOptions);
  /** Every argument by keyword: `new Adamax({ params: model.parameters(), lr: 0.01 })`. */
  constructor(options: { params: Params<AdamaxOptions> } & AdamaxOptions);
  constructor(params: Params<AdamaxOptions>, lr: number, options?: Omit<AdamaxOptions, 'lr'>);
  constructor(params: Params<AdamaxOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, foreach?: boolean | null, options?: AdamaxOptions);
  constructor(params: Params<AdamaxOptions> | ({ params: Params<AdamaxOptions> } & AdamaxOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<AdamaxOptions>): void {
    const { lr, eps, weightDecay, maximize } = group;
    const [beta1, beta2] = group.betas;
    const items: [Tensor, Tensor, Record<string, any>][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('Adamax does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: tensor(0, { dtype: float32 }), exp_avg: aten('zeros_like')(p), exp_inf: aten('zeros_like')(p) };
        this.state.set(p, state);
      }
      items.push([p, grad, state]);
    }
    // _single_tensor_adamax
    for (const [p, g, state] of items) {
      let param = p;
      let grad = maximize ? g.neg() : g;
      let expAvg: Tensor = state.exp_avg;
      let expInf: Tensor = state.exp_inf;
      const stepT: Tensor = state.step;
      stepT.add_(1);
      const step = stepT.item() as number;
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      if (param.dtype.isComplex) {
        param = viewAsReal(param);
        grad = viewAsReal(grad);
        expAvg = viewAsReal(expAvg);
        expInf = viewAsReal(expInf);
      }
      expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
      const normBuf = aten('cat')([expInf.mul_(beta2).unsqueeze(0), grad.abs().add_(eps).unsqueeze_(0)], 0);
      aten('amax.out')(normBuf, [0], false, expInf);
      const clr = lr / (1 - pow(beta1, step));
      param.addcdiv_(expAvg, expInf, { value: -clr });
    }
  }
}
