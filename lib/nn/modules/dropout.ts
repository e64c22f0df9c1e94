// torch.nn.Dropout and Dropout2d (torch/nn/modules/dropout.py), on libtorch's torch::nn modules:
// same op and same default generator as Python, so the same masks after the same seed.
import { Tensor } from '../../tensor';
import { NativeLeaf, pyFloat, pyRepr } from './native_leaf';
import * as v from '../../validate';

abstract class DropoutNd extends NativeLeaf {
  readonly p: number;
  readonly inplace: boolean;

  constructor(kind: string, args: unknown[]) {
    super();
    const call = `nn.${kind}`;
    const a = v.bindArgs(call, ['p', 'inplace'], args);
    const p = a.p === undefined ? 0.5 : v.number(call, 'p', a.p);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${call}: dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
    this.inplace = a.inplace === undefined ? false : v.bool(call, 'inplace', a.inplace);
    this._create(kind, this.p, this.inplace);
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyRepr(this.inplace)}`;
  }
}

/** `nn.Dropout(p=0.5, inplace=False)`: zeroes elements with probability p in training, scales the rest by 1/(1-p). */
export class Dropout extends DropoutNd {
  constructor(p?: number | { p?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super('Dropout', args);
  }
}

/** `nn.Dropout2d(p=0.5, inplace=False)`: zeroes whole channels of an (N, C, H, W) input. */
export class Dropout2d extends DropoutNd {
  constructor(p?: number | { p?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super('Dropout2d', args);
  }

  // PyTorch 1.13 reads a 3-D input as (N, C, L) and drops whole channels of it (its documented
  // legacy behaviour); libtorch reads it as one unbatched (C, H, W) image. Follow Python: a trailing
  // unit dim makes it (N, C, L, 1), which draws the same channel mask.
  override forward(input: Tensor): Tensor {
    if (input instanceof Tensor && input.dim() === 3) return super.forward(input.unsqueeze(-1)).squeeze(-1);
    return super.forward(input);
  }
}
