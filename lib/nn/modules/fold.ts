// torch.nn.Fold and nn.Unfold (torch/nn/modules/fold.py, PyTorch 1.13): col2im and im2col.
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { inputArg, tupleRepr } from './utils';

type Size2 = number | [number, number];

/** An int or a pair, kept as given (Python prints it as given). */
function size2(call: string, name: string, x: unknown, def: number | undefined, min: number): number | number[] {
  if (x === undefined) {
    if (def === undefined) throw new TypeError(`${call}: missing required argument '${name}'`);
    return def;
  }
  if (Array.isArray(x)) {
    if (x.length !== 2) throw new RangeError(`${call}: ${name} must be an integer or a list of 2 integers, got an array of length ${x.length}`);
    return v.ints(call, name, x, min);
  }
  return v.int(call, name, x, min);
}

export interface UnfoldOptions { kernelSize?: Size2; dilation?: Size2; padding?: Size2; stride?: Size2 }

/** `nn.Unfold(kernel_size, dilation=1, padding=0, stride=1)`: sliding blocks of (N, C, H, W) as columns. */
export class Unfold extends Module {
  readonly kernelSize: number | number[];
  readonly dilation: number | number[];
  readonly padding: number | number[];
  readonly stride: number | number[];

  constructor(kernelSize: Size2 | UnfoldOptions, ...rest: (Size2 | UnfoldOptions)[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Unfold';
    const a = v.bindArgs(call, ['kernelSize', 'dilation', 'padding', 'stride'], args);
    this.kernelSize = size2(call, 'kernel_size', a.kernelSize, undefined, 1);
    this.dilation = size2(call, 'dilation', a.dilation, 1, 1);
    this.padding = size2(call, 'padding', a.padding, 0, 0);
    this.stride = size2(call, 'stride', a.stride, 1, 1);
  }

  override forward(input: Tensor): Tensor {
    return F.unfold(inputArg('nn.Unfold', input), this.kernelSize, this.dilation, this.padding, this.stride);
  }

  override extraRepr(): string {
    return `kernel_size=${tupleRepr(this.kernelSize)}, dilation=${tupleRepr(this.dilation)}, padding=${tupleRepr(this.padding)}, stride=${tupleRepr(this.stride)}`;
  }
}

export interface FoldOptions extends UnfoldOptions { outputSize?: Size2 }

/** `nn.Fold(output_size, kernel_size, dilation=1, padding=0, stride=1)`: sums columns back into (N, C, H, W). */
export class Fold extends Module {
  readonly outputSize: number | number[];
  readonly kernelSize: number | number[];
  readonly dilation: number | number[];
  readonly padding: number | number[];
  readonly stride: number | number[];

  constructor(outputSize: Size2 | FoldOptions, ...rest: (Size2 | FoldOptions)[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Fold';
    const a = v.bindArgs(call, ['outputSize', 'kernelSize', 'dilation', 'padding', 'stride'], args);
    this.outputSize = size2(call, 'output_size', a.outputSize, undefined, 1);
    this.kernelSize = size2(call, 'kernel_size', a.kernelSize, undefined, 1);
    this.dilation = size2(call, 'dilation', a.dilation, 1, 1);
    this.padding = size2(call, 'padding', a.padding, 0, 0);
    this.stride = size2(call, 'stride', a.stride, 1, 1);
  }

  override forward(input: Tensor): Tensor {
    return F.fold(inputArg('nn.Fold', input), this.outputSize, this.kernelSize, this.dilation, this.padding, this.stride);
  }

  override extraRepr(): string {
    return `output_size=${tupleRepr(this.outputSize)}, kernel_size=${tupleRepr(this.kernelSize)}, dilation=${tupleRepr(this.dilation)}, padding=${tupleRepr(this.padding)}, stride=${tupleRepr(this.stride)}`;
  }
}
