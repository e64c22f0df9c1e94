// torch.optim.Adam: libtorch's torch::optim::Adam (L2 weight decay added to the gradient, AMSGrad).
import { Optimizer, OptimizerSpec, Params, nonNegative, betas, flag } from './optimizer';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
}

/** Adam's and AdamW's options; they differ only in the default weight decay. */
export function adamSpec(call: string, kind: string, weightDecay: number, pythonOnly: OptimizerSpec['pythonOnly']): OptimizerSpec {
  return {
    call,
    kind,
    pythonOnly,
    tensorStep: true,
    options: [
      { name: 'lr', default: 1e-3, check: nonNegative },
      { name: 'betas', default: [0.9, 0.999], check: betas },
      { name: 'eps', default: 1e-8, check: nonNegative },
      { name: 'weightDecay', default: weightDecay, check: nonNegative },
      { name: 'amsgrad', default: false, check: flag },
    ],
  };
}
const spec = adamSpec('optim.Adam', 'Adam', 0, { capturable: false, differentiable: false, foreach: null, fused: false, maximize: false });

export class Adam extends Optimizer<AdamOptions> {
  constructor(params: Params<AdamOptions>, options?: AdamOptions);
  /** Every argument by keyword: `new Adam({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<AdamOptions> } & AdamOptions);
  constructor(params: Params<AdamOptions>, lr: number, options?: Omit<AdamOptions, 'lr'>);
  constructor(params: Params<AdamOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean);
  constructor(params: Params<AdamOptions> | ({ params: Params<AdamOptions> } & AdamOptions), ...args: unknown[]) {
    super(spec, params, args);
  }
}
