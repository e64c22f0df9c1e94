// torch.nn.Flatten and nn.Unflatten (torch/nn/modules/flatten.py, PyTorch 1.13).
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as v from '../../validate';
import { inputArg, tupleRepr } from './utils';

/** `nn.Flatten(start_dim=1, end_dim=-1)`. */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim?: number | { startDim?: number; endDim?: number }, endDim?: number);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Flatten';
    const a = v.bindArgs(call, ['startDim', 'endDim'], args);
    this.startDim = a.startDim === undefined ? 1 : v.int(call, 'start_dim', a.startDim);
    this.endDim = a.endDim === undefined ? -1 : v.int(call, 'end_dim', a.endDim);
  }

  override forward(input: Tensor): Tensor {
    return inputArg('nn.Flatten', input).flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/**
 * `nn.Unflatten(dim, unflattened_size)`: dim expands to unflattened_size (a list of integers, one of
 * them may be -1). Named dims (a string dim) need named tensors, which torch-node does not have.
 */
export class Unflatten extends Module {
  readonly dim: number;
  readonly unflattenedSize: number[];

  constructor(dim: number | { dim: number; unflattenedSize: number[] }, unflattenedSize?: number[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Unflatten';
    const a = v.bindArgs(call, ['dim', 'unflattenedSize'], args);
    if (typeof a.dim === 'string') throw new TypeError(`${call}: a named dim needs named tensors, which torch-node does not support; give dim as an integer`);
    if (typeof a.dim !== 'number') throw new TypeError(`${call}: invalid argument type for dim parameter`);
    this.dim = v.int(call, 'dim', a.dim);
    if (!Array.isArray(a.unflattenedSize)) throw new TypeError(`${call}: unflattened_size must be a tuple of ints, got ${a.unflattenedSize === undefined ? 'nothing' : typeof a.unflattenedSize}`);
    a.unflattenedSize.forEach((e, i) => {
      if (typeof e !== 'number' || !Number.isInteger(e)) throw new TypeError(`${call}: unflattened_size must be tuple of ints, but found element of type ${typeof e} at pos ${i}`);
    });
    this.unflattenedSize = [...(a.unflattenedSize as number[])];
  }

  override forward(input: Tensor): Tensor {
    return inputArg('nn.Unflatten', input).unflatten(this.dim, this.unflattenedSize);
  }

  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${tupleRepr(this.unflattenedSize)}`;
  }
}
