// torch.optim.Adagrad: libtorch's torch::optim::Adagrad. As in Python, every parameter's accumulator
// starts at the constructor's initialAccumulatorValue, whatever its group says.
import { Optimizer, OptimizerSpec, Params, nonNegative } from './optimizer';

export interface AdagradOptions {
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
}

const spec: OptimizerSpec = {
  call: 'optim.Adagrad',
  kind: 'Adagrad',
  pythonOnly: { foreach: null, maximize: false },
  tensorStep: true,
  options: [
    { name: 'lr', default: 1e-2, check: nonNegative },
    { name: 'lrDecay', default: 0, check: nonNegative },
    { name: 'weightDecay', default: 0, check: nonNegative },
    { name: 'initialAccumulatorValue', default: 0, check: nonNegative },
    { name: 'eps', default: 1e-10, check: nonNegative },
  ],
};

export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(params: Params<AdagradOptions>, options?: AdagradOptions);
  /** Every argument by keyword: `new Adagrad({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<AdagradOptions> } & AdagradOptions);
  constructor(params: Params<AdagradOptions>, lr: number, options?: Omit<AdagradOptions, 'lr'>);
  constructor(params: Params<AdagradOptions>, lr: number, lrDecay?: number, weightDecay?: number, initialAccumulatorValue?: number, eps?: number);
  constructor(params: Params<AdagradOptions> | ({ params: Params<AdagradOptions> } & AdagradOptions), ...args: unknown[]) {
    super(spec, params, args);
  }
}
