// torch.nn padding layers (torch/nn/modules/padding.py, PyTorch 1.13): ConstantPad1/2/3d, ZeroPad2d,
// ReflectionPad1/2/3d, ReplicationPad1/2/3d, TypeScript over F.pad. `padding` is one integer for
// every side or a list of 2, 4 or 6 (left, right, top, bottom, front, back), kept as a tuple.
import { Tensor, tensorArg } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { ntuple, pyFloat, tupleRepr } from './utils';

type Pad = number | number[];

function paddingArg(call: string, x: unknown, sides: number): number[] {
  if (x === undefined) throw new TypeError(`${call}: missing required argument 'padding'`);
  return ntuple(call, 'padding', x, sides);
}

/** Python's _ConstantPadNd. */
abstract class _ConstantPadNd extends Module {
  padding: number[];
  value: number;

  protected constructor(sides: number, args: unknown[], zero = false) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, zero ? ['padding'] : ['padding', 'value'], args);
    this.padding = paddingArg(call, a.padding, sides);
    if (!zero && a.value === undefined) throw new TypeError(`${call}: missing required argument 'value'`);
    this.value = zero ? 0 : v.number(call, 'value', a.value);
  }

  override forward(input: Tensor): Tensor {
    return F.pad(tensorArg(`nn.${this.constructor.name}.forward`, 'input', input), this.padding, 'constant', this.value);
  }

  override extraRepr(): string {
    return `padding=${tupleRepr(this.padding)}, value=${pyFloat(this.value)}`;
  }
}

/** `nn.ConstantPad1d(padding, value)`: pads the last dim with `value`. */
export class ConstantPad1d extends _ConstantPadNd {
  constructor(padding: Pad | { padding?: Pad; value?: number }, value?: number | { value?: number });
  constructor(...args: unknown[]) { super(2, args); }
}

/** `nn.ConstantPad2d(padding, value)`: pads the last 2 dims with `value`. */
export class ConstantPad2d extends _ConstantPadNd {
  constructor(padding: Pad | { padding?: Pad; value?: number }, value?: number | { value?: number });
  constructor(...args: unknown[]) {
    // ZeroPad2d takes only the padding.
    super(4, args, new.target === ZeroPad2d || new.target.prototype instanceof ZeroPad2d);
  }
}

/** `nn.ConstantPad3d(padding, value)`: pads the last 3 dims with `value`. */
export class ConstantPad3d extends _ConstantPadNd {
  constructor(padding: Pad | { padding?: Pad; value?: number }, value?: number | { value?: number });
  constructor(...args: unknown[]) { super(6, args); }
}

/** `nn.ZeroPad2d(padding)`: pads the last 2 dims with zeros. */
export class ZeroPad2d extends ConstantPad2d {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(...(args as [Pad])); }

  override extraRepr(): string {
    return tupleRepr(this.padding);
  }
}

/** Python's _ReflectionPadNd and _ReplicationPadNd. */
abstract class _ModePadNd extends Module {
  padding: number[];

  protected constructor(sides: number, args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['padding'], args);
    this.padding = paddingArg(call, a.padding, sides);
  }

  protected abstract get _mode(): 'reflect' | 'replicate';

  override forward(input: Tensor): Tensor {
    return F.pad(tensorArg(`nn.${this.constructor.name}.forward`, 'input', input), this.padding, this._mode);
  }

  override extraRepr(): string {
    return tupleRepr(this.padding);
  }
}

/** `nn.ReflectionPad1d(padding)`: reflects the last dim at its borders. */
export class ReflectionPad1d extends _ModePadNd {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(2, args); }
  protected get _mode(): 'reflect' { return 'reflect'; }
}

/** `nn.ReflectionPad2d(padding)`. */
export class ReflectionPad2d extends _ModePadNd {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(4, args); }
  protected get _mode(): 'reflect' { return 'reflect'; }
}

/** `nn.ReflectionPad3d(padding)`. */
export class ReflectionPad3d extends _ModePadNd {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(6, args); }
  protected get _mode(): 'reflect' { return 'reflect'; }
}

/** `nn.ReplicationPad1d(padding)`: repeats the border values of the last dim. */
export class ReplicationPad1d extends _ModePadNd {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(2, args); }
  protected get _mode(): 'replicate' { return 'replicate'; }
}

/** `nn.ReplicationPad2d(padding)`. */
export class ReplicationPad2d extends _ModePadNd {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(4, args); }
  protected get _mode(): 'replicate' { return 'replicate'; }
}

/** `nn.ReplicationPad3d(padding)`. */
export class ReplicationPad3d extends _ModePadNd {
  constructor(padding: Pad | { padding?: Pad });
  constructor(...args: unknown[]) { super(6, args); }
  protected get _mode(): 'replicate' { return 'replicate'; }
}
