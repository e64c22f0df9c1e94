// torch.optim.Adagrad (torch/optim/adagrad.py, PyTorch 1.13). As in Python, every parameter's state
// (step, sum) is made in the constructor, the accumulator at the constructor's
// initial_accumulator_value whatever its group says; sparse gradients are supported.
import { Tensor } from '../tensor';
import { tensor, fullLike } from '../creation';
import { float32 } from '../dtype';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import { Optimizer, OptimizerSpec, ParamGroup, ParamGroupSpec, Params, nonNegative, isSparse, FOREACH, MAXIMIZE } from './optimizer';

export interface AdagradOptions {
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  foreach?: boolean | null;
  maximize?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.Adagrad',
  name: 'Adagrad',
  options: [
    { name: 'lr', default: 1e-2, check: nonNegative, float: true },
    { name: 'lrDecay', default: 0, check: nonNegative },
    { name: 'eps', default: 1e-10, check: nonNegative, float: true },
    { name: 'weightDecay', default: 0, check: nonNegative },
    { name: 'initialAccumulatorValue', default: 0, check: nonNegative },
    FOREACH, MAXIMIZE,
  ],
  positional: ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps', 'foreach'],
  tensorState: ['step'],
};

/** A sparse COO tensor of grad's size with these indices and values (Python's _make_sparse). */
function makeSparse(grad: Tensor, indices: Tensor, values: Tensor): Tensor {
  if (indices.numel() === 0 || values.numel() === 0) return aten('empty_like')(grad);
  return aten('sparse_coo_tensor.indices_size')(indices, values, grad.shape);
}

/**
 * torch.optim.Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0,
 * eps=1e-10, foreach=None, *, maximize=False).
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Params<AdagradOptions>, options?: AdagradOptions);
  /** Every argument by keyword: `new Adagrad({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<AdagradOptions> } & AdagradOptions);
  constructor(params: Params<AdagradOptions>, lr: number, options?: Omit<AdagradOptions, 'lr'>);
  constructor(params: Params<AdagradOptions>, lr: number, lrDecay?: number, weightDecay?: number, initialAccumulatorValue?: number, eps?: number, foreach?: boolean | null, options?: AdagradOptions);
  constructor(params: Params<AdagradOptions> | ({ params: Params<AdagradOptions> } & AdagradOptions), ...args: unknown[]) {
    super(spec, params, args);
    const init = this.defaults.initialAccumulatorValue;
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        // A complex parameter's accumulator starts at complex(init, init), as in Python.
        const sum = p.dtype.isComplex ? aten('view_as_complex')(aten('view_as_real')(aten('zeros_like')(p)).fill_(init)) : fullLike(p, init);
        this.state.set(p, { step: tensor(0, { dtype: float32 }), sum });
      }
    }
  }

  /**
   * Adds a group, as Python's add_param_group: its parameters get no state (Python makes it in the
   * constructor only), so a step with a gradient for one of them fails as Python's does (KeyError).
   */
  override addParamGroup(paramGroup: ParamGroupSpec<AdagradOptions>): void {
    super.addParamGroup(paramGroup);
  }

  protected _updateGroup(group: ParamGroup<AdagradOptions>): void {
    const { lr, weightDecay, lrDecay, eps, maximize } = group;
    for (const param of group.params) {
      const g = param.grad;
      if (g === null) continue;
      let grad: Tensor = g;
      const state = this.state.get(param);
      if (state === undefined || !(state.sum instanceof Tensor) || !(state.step instanceof Tensor)) {
        throw new TorchError(`optim.Adagrad.step: a parameter has no state 'sum' (Adagrad makes it in its constructor; a group added later has none): KeyError in Python`);
      }
      // _single_tensor_adagrad
      const stepT = state.step as Tensor;
      let stateSum = state.sum as Tensor;
      stepT.add_(1);
      const step = stepT.item() as number;
      if (maximize) grad = grad.neg();
      const sparse = isSparse(grad);
      if (weightDecay !== 0) {
        if (sparse) throw new TorchError('weight_decay option is not compatible with sparse gradients');
        grad = grad.add(param, { alpha: weightDecay });
      }
      const clr = lr / (1 + (step - 1) * lrDecay);
      if (sparse) {
        grad = grad.coalesce();
        const indices = grad._indices();
        const values = grad._values();
        stateSum.add_(makeSparse(grad, indices, values.pow(2)));
        const std = stateSum.sparseMask(grad);
        const stdValues = std._values().sqrt_().add_(eps);
        param.add_(makeSparse(grad, indices, values.div(stdValues)), { alpha: -clr });
      } else {
        let p = param;
        if (p.dtype.isComplex) {
          grad = aten('view_as_real')(grad);
          stateSum = aten('view_as_real')(stateSum);
          p = aten('view_as_real')(p);
        }
        stateSum.addcmul_(grad, grad, { value: 1 });
        const std = stateSum.sqrt().add_(eps);
        p.addcdiv_(grad, std, { value: -clr });
      }
    }
  }
}
