// torch.optim.NAdam (torch/optim/nadam.py, PyTorch 1.13): Adam with Nesterov momentum.
import { Tensor } from '../tensor';
import { tensor } from '../creation';
import { float32 } from '../dtype';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import { Optimizer, OptimizerSpec, ParamGroup, Params, nonNegative, betas, isSparse, FOREACH, noState } from './optimizer';
import { pow } from '../_pymath';

export interface NAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  momentumDecay?: number;
  foreach?: boolean | null;
}

const spec: OptimizerSpec = {
  call: 'optim.NAdam',
  name: 'NAdam',
  options: [
    { name: 'lr', default: 2e-3, check: nonNegative, float: true },
    { name: 'betas', default: [0.9, 0.999], check: betas, float: true },
    { name: 'eps', default: 1e-8, check: nonNegative, float: true },
    { name: 'weightDecay', default: 0, check: nonNegative },
    { name: 'momentumDecay', default: 4e-3, check: nonNegative, float: true },
    FOREACH,
  ],
  positional: ['lr', 'betas', 'eps', 'weightDecay', 'momentumDecay', 'foreach'],
  tensorState: ['step', 'mu_product'],
};

/**
 * torch.optim.NAdam(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3,
 * foreach=None). `mu_product` is a float32 scalar tensor, as in Python 1.13, and multiplies as one.
 */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(params: Params<NAdamOptions>, options?: NAdamOptions);
  /** Every argument by keyword: `new NAdam({ params: model.parameters(), lr: 0.01 })`. */
  constructor(options: { params: Params<NAdamOptions> } & NAdamOptions);
  constructor(params: Params<NAdamOptions>, lr: number, options?: Omit<NAdamOptions, 'lr'>);
  constructor(params: Params<NAdamOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, momentumDecay?: number, foreach?: boolean | null);
  constructor(params: Params<NAdamOptions> | ({ params: Params<NAdamOptions> } & NAdamOptions), ...args: unknown[]) {
    super(spec, params, args);
  }

  protected _updateGroup(group: ParamGroup<NAdamOptions>): void {
    const { lr, eps, weightDecay, momentumDecay } = group;
    const [beta1, beta2] = group.betas;
    const items: [Tensor, Tensor, Record<string, any>][] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (isSparse(grad)) throw new TorchError('NAdam does not support sparse gradients');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: tensor(0, { dtype: float32 }), mu_product: tensor(1, { dtype: float32 }), exp_avg: aten('zeros_like')(p), exp_avg_sq: aten('zeros_like')(p) };
        this.state.set(p, state);
      }
      items.push([p, grad, state]);
    }
    // _single_tensor_nadam
    for (const [param, g, state] of items) {
      let grad = g;
      const expAvg: Tensor = state.exp_avg;
      const expAvgSq: Tensor = state.exp_avg_sq;
      const muProduct: Tensor = state.mu_product;
      const stepT: Tensor = state.step;
      stepT.add_(1);
      const step = stepT.item() as number;
      const biasCorrection2 = 1 - pow(beta2, step);
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      const mu = beta1 * (1.0 - 0.5 * pow(0.96, step * momentumDecay));
      const muNext = beta1 * (1.0 - 0.5 * pow(0.96, (step + 1) * momentumDecay));
      muProduct.mul_(mu);
      const muProductNext = muProduct.mul(mu).mul(muNext);
      expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
      expAvgSq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
      const denom = expAvgSq.div(biasCorrection2).sqrt().add_(eps);
      param.addcdiv_(grad, denom, { value: (-lr * (1.0 - mu)) / (1.0 - (muProduct.item() as number)) });
      param.addcdiv_(expAvg, denom, { value: (-lr * muNext) / (1.0 - (muProductNext.item() as number)) });
    }
  }
}
