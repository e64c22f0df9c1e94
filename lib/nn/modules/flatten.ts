// torch.nn.Flatten (torch/nn/modules/flatten.py), on libtorch's torch::nn::Flatten.
import { NativeLeaf } from './native_leaf';
import * as v from '../../validate';

/** `nn.Flatten(start_dim=1, end_dim=-1)`. */
export class Flatten extends NativeLeaf {
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim?: number | { startDim?: number; endDim?: number }, endDim?: number);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Flatten';
    const a = v.bindArgs(call, ['startDim', 'endDim'], args);
    this.startDim = a.startDim === undefined ? 1 : v.int(call, 'start_dim', a.startDim);
    this.endDim = a.endDim === undefined ? -1 : v.int(call, 'end_dim', a.endDim);
    this._create('Flatten', this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}
