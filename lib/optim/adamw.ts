// torch.optim.AdamW: libtorch's torch::optim::AdamW (decoupled weight decay, default 1e-2).
import { Optimizer, Params } from './optimizer';
import { AdamOptions, adamSpec } from './adam';

export type AdamWOptions = AdamOptions;

const spec = adamSpec('optim.AdamW', 'AdamW', 1e-2, { capturable: false, foreach: null, maximize: false });

export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: Params<AdamWOptions>, options?: AdamWOptions);
  /** Every argument by keyword: `new AdamW({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<AdamWOptions> } & AdamWOptions);
  constructor(params: Params<AdamWOptions>, lr: number, options?: Omit<AdamWOptions, 'lr'>);
  constructor(params: Params<AdamWOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean);
  constructor(params: Params<AdamWOptions> | ({ params: Params<AdamWOptions> } & AdamWOptions), ...args: unknown[]) {
    super(spec, params, args);
  }
}
