// torch.nn.ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax (torch/nn/modules/activation.py),
// on libtorch's torch::nn modules.
import { NativeLeaf, pyFloat, pyRepr } from './native_leaf';
import * as v from '../../validate';

/** `nn.ReLU(inplace=False)`. */
export class ReLU extends NativeLeaf {
  readonly inplace: boolean;

  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.ReLU', ['inplace'], args);
    this.inplace = a.inplace === undefined ? false : v.bool('nn.ReLU', 'inplace', a.inplace);
    this._create('ReLU', this.inplace);
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** `nn.LeakyReLU(negative_slope=0.01, inplace=False)`. */
export class LeakyReLU extends NativeLeaf {
  readonly negativeSlope: number;
  readonly inplace: boolean;

  constructor(negativeSlope?: number | { negativeSlope?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.LeakyReLU';
    const a = v.bindArgs(call, ['negativeSlope', 'inplace'], args);
    this.negativeSlope = a.negativeSlope === undefined ? 0.01 : v.finite(call, 'negative_slope', a.negativeSlope);
    this.inplace = a.inplace === undefined ? false : v.bool(call, 'inplace', a.inplace);
    this._create('LeakyReLU', this.negativeSlope, this.inplace);
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`;
  }
}

/** `nn.Sigmoid()`. */
export class Sigmoid extends NativeLeaf {
  constructor() {
    super();
    this._create('Sigmoid');
  }
}

/** `nn.Tanh()`. */
export class Tanh extends NativeLeaf {
  constructor() {
    super();
    this._create('Tanh');
  }
}

function dimArg(call: string, args: unknown[]): number {
  const a = v.bindArgs(call, ['dim'], args);
  // PyTorch's dim=None picks a dim from the input's rank and is deprecated; require it.
  if (a.dim === undefined || a.dim === null) throw new TypeError(`${call}: dim must be an integer (the implicit dim choice is deprecated in PyTorch), got ${a.dim}`);
  return v.int(call, 'dim', a.dim);
}

/** `nn.Softmax(dim)`. */
export class Softmax extends NativeLeaf {
  readonly dim: number;

  constructor(dim: number | { dim: number });
  constructor(...args: unknown[]) {
    super();
    this.dim = dimArg('nn.Softmax', args);
    this._create('Softmax', this.dim);
  }

  override extraRepr(): string {
    return `dim=${pyRepr(this.dim)}`;
  }
}

/** `nn.LogSoftmax(dim)`. */
export class LogSoftmax extends NativeLeaf {
  readonly dim: number;

  constructor(dim: number | { dim: number });
  constructor(...args: unknown[]) {
    super();
    this.dim = dimArg('nn.LogSoftmax', args);
    this._create('LogSoftmax', this.dim);
  }

  override extraRepr(): string {
    return `dim=${pyRepr(this.dim)}`;
  }
}
