// torch.nn dropout layers (torch/nn/modules/dropout.py, PyTorch 1.13): TypeScript over
// F.dropout / dropout1d / dropout2d / dropout3d / alpha_dropout / feature_alpha_dropout. Same ATen
// ops on the same default generator as Python, so the same masks after the same seed. As in 1.13,
// Dropout2d on a 2-D input warns and drops single elements (ATen's feature dropout of an (N, C)
// input), and on a 3-D input drops whole channels of (N, C, L).
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { inputArg, pyFloat, pyRepr } from './utils';

/** Python's `_DropoutNd`: p in [0, 1] and inplace. */
abstract class DropoutNd extends Module {
  readonly p: number;
  readonly inplace: boolean;

  constructor(args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['p', 'inplace'], args);
    const p = a.p === undefined ? 0.5 : v.number(call, 'p', a.p);
    if (!(p >= 0 && p <= 1)) throw new RangeError(`${call}: dropout probability has to be between 0 and 1, but got ${p}`);
    this.p = p;
    this.inplace = a.inplace === undefined ? false : v.bool(call, 'inplace', a.inplace);
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyRepr(this.inplace)}`;
  }
}

type DropoutArgs = [p?: number | { p?: number; inplace?: boolean }, inplace?: boolean];

/** `nn.Dropout(p=0.5, inplace=False)`: zeroes elements with probability p in training, scales the rest by 1/(1-p). */
export class Dropout extends DropoutNd {
  constructor(...args: DropoutArgs) {
    super(args);
  }

  override forward(input: Tensor): Tensor {
    return F.dropout(inputArg('nn.Dropout', input), this.p, this.training, { inplace: this.inplace });
  }
}

/** `nn.Dropout1d(p=0.5, inplace=False)`: zeroes whole channels of (N, C, L) or (C, L). */
export class Dropout1d extends DropoutNd {
  constructor(...args: DropoutArgs) {
    super(args);
  }

  override forward(input: Tensor): Tensor {
    return F.dropout1d(inputArg('nn.Dropout1d', input), this.p, this.training, this.inplace);
  }
}

/** `nn.Dropout2d(p=0.5, inplace=False)`: zeroes whole channels of (N, C, H, W); 1.13's rules for 2-D and 3-D inputs. */
export class Dropout2d extends DropoutNd {
  constructor(...args: DropoutArgs) {
    super(args);
  }

  override forward(input: Tensor): Tensor {
    return F.dropout2d(inputArg('nn.Dropout2d', input), this.p, this.training, { inplace: this.inplace });
  }
}

/** `nn.Dropout3d(p=0.5, inplace=False)`: zeroes whole channels of (N, C, D, H, W) or (C, D, H, W). */
export class Dropout3d extends DropoutNd {
  constructor(...args: DropoutArgs) {
    super(args);
  }

  override forward(input: Tensor): Tensor {
    return F.dropout3d(inputArg('nn.Dropout3d', input), this.p, this.training, this.inplace);
  }
}

/** `nn.AlphaDropout(p=0.5, inplace=False)`: dropout that keeps SELU's self-normalising mean and variance. */
export class AlphaDropout extends DropoutNd {
  constructor(...args: DropoutArgs) {
    super(args);
  }

  // As in Python, inplace is stored but not passed on.
  override forward(input: Tensor): Tensor {
    return F.alphaDropout(inputArg('nn.AlphaDropout', input), this.p, this.training);
  }
}

/** `nn.FeatureAlphaDropout(p=0.5, inplace=False)`: alpha dropout of whole channels. */
export class FeatureAlphaDropout extends DropoutNd {
  constructor(...args: DropoutArgs) {
    super(args);
  }

  override forward(input: Tensor): Tensor {
    return F.featureAlphaDropout(inputArg('nn.FeatureAlphaDropout', input), this.p, this.training);
  }
}
