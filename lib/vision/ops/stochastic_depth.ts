// torchvision.ops.stochastic_depth (torchvision 0.14): "Deep Networks with Stochastic Depth".
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { empty } from '../../creation';
import { pyFloat } from '../../_repr';
import * as v from '../../validate';

const MODES = ['batch', 'row'] as const;

/** `stochastic_depth(input, p, mode, training=True)`: drops whole rows (or the batch) with probability p. */
export function stochasticDepth(input: Tensor, p: number, mode: 'batch' | 'row', training = true): Tensor {
  const call = 'ops.stochastic_depth';
  if (!(input instanceof Tensor)) throw new TypeError(`${call}: input must be a Tensor`);
  if (typeof p !== 'number' || p < 0 || p > 1) throw new RangeError(`${call}: drop probability has to be between 0 and 1, but got ${String(p)}`);
  v.oneOf(call, 'mode', mode, MODES);
  if (!training || p === 0) return input;
  const survival = 1 - p;
  const size = mode === 'row' ? [input.shape[0], ...new Array(input.dim() - 1).fill(1)] : new Array(input.dim()).fill(1);
  const noise = empty(size, { dtype: input.dtype, device: input.device }).bernoulli_(survival);
  if (survival > 0) noise.div_(survival);
  return input.mul(noise);
}

/** `StochasticDepth(p, mode)`. */
export class StochasticDepth extends nn.Module {
  readonly p: number;
  readonly mode: 'batch' | 'row';
  constructor(p: number, mode: 'batch' | 'row') {
    super();
    const call = 'ops.StochasticDepth';
    this.p = v.inRange(call, 'p', p, 0, 1);
    this.mode = v.oneOf(call, 'mode', mode, MODES);
  }
  override forward(input: Tensor): Tensor {
    return stochasticDepth(input, this.p, this.mode, this.training);
  }
  override toString(): string {
    return `StochasticDepth(p=${pyFloat(this.p)}, mode=${this.mode})`;
  }
}
