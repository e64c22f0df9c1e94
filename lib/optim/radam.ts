// torch.optim.RAdam (torch/optim/radam.py, PyTorch 1.13): Adam with the variance rectification.
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { float32 } from '../dtype';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, betas, isSparse, FOREACH, noState } from './optimizer';
import { pow } from '../_pymath';

export interface RAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  foreach?: boolean | null;
}

const spec: OptimizerSpec = {
  call: 'optim.RAdam',
  name: 'RAdam',
  options: [
    { name: 'lr', default: 1e-3, check: nonNegative, float: true },
    { name: 'betas', default: [0.9, 0.999], check: betas, float: true },
    { name: 'eps', default: 1e-8, check: nonNegative, float: true },
    { name: 'weightDecay', default: 0, check: nonNegative },
    FOREACH,
  ],
  positional: ['lr', 'betas', 'eps', 'weightDecay', 'foreach'],
  tensorState: ['step'],
};

/** torch.optim.RAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, foreach=None). */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(params: Params<RAdamOptions>, options?: RAdamOptions);
  /** Every argument by keyword: `new RAdam({ params: model.parameters(), lr: 0.01 })`. */
  constructor(options: { params: Params<RAdamOptions> } & RAdamOptions);
  constructor(params: Params<RAdamOptions>, lr: number, options?: Omit<RAdamOptions, 'lr'>);
  constructor(params: Params<RAdamOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, foreach?: boolean | null);
  constructor(params: Params<RAdamOptions> | ({ params: Params<RAdamOptions> } & RAdamOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<RAdamOptions>): void {
    const { lr, eps, weightDecay } = group;
    const [beta1, beta2] = group.betas;
    const items: [Tensor, Tensor, Record<string, any>][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('RAdam does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: tensor(0, { dtype: float32 }), exp_avg: aten('zeros_like')(p), exp_avg_sq: aten('zeros_like')(p) };
        this.state.set(p, state);
      }
      items.push([p, grad, state]);
    }
    // _single_tensor_radam
    for (const [param, g, state] of items) {
      let grad = g;
      const expAvg: Tensor = state.exp_avg;
      const expAvgSq: Tensor = state.exp_avg_sq;
      const stepT: Tensor = state.step;
      stepT.add_(1);
      const step = stepT.item() as number;
      const biasCorrection1 = 1 - pow(beta1, step);
      const biasCorrection2 = 1 - pow(beta2, step);
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
      expAvgSq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
      const biasCorrectedExpAvg = expAvg.div(biasCorrection1);
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * pow(beta2, step)) / biasCorrection2;
      if (rhoT > 5.0) {
        const rect = Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
        // math.sqrt(bias_correction2) / tensor: the tensor's reciprocal times the number, as Python's __rtruediv__.
        const adaptiveLr = expAvgSq.sqrt().add_(eps).reciprocal().mul(Math.sqrt(biasCorrection2));
        param.add_(biasCorrectedExpAvg.mul(lr).mul(adaptiveLr).mul(rect), { alpha: -1.0 });
      } else {
        param.add_(biasCorrectedExpAvg.mul(lr), { alpha: -1.0 });
      }
    }
  }
}
