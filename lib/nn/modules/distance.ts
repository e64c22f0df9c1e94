// torch.nn.PairwiseDistance and nn.CosineSimilarity (torch/nn/modules/distance.py, PyTorch 1.13).
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { floatArg, inputArg } from './utils';

/** `nn.PairwiseDistance(p=2.0, eps=1e-06, keepdim=False)`: ‖x1 - x2 + eps‖_p along the last dim. */
export class PairwiseDistance extends Module {
  /** Python's attribute name for p. */
  readonly norm: number;
  readonly eps: number;
  readonly keepdim: boolean;

  constructor(p?: number | { p?: number; eps?: number; keepdim?: boolean }, eps?: number, keepdim?: boolean);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.PairwiseDistance';
    const a = v.bindArgs(call, ['p', 'eps', 'keepdim'], args);
    this.norm = a.p === undefined ? 2 : v.number(call, 'p', a.p);
    this.eps = floatArg(call, 'eps', a.eps, 1e-6);
    this.keepdim = a.keepdim === undefined ? false : v.bool(call, 'keepdim', a.keepdim);
  }

  override forward(x1: Tensor, x2: Tensor): Tensor {
    return F.pairwiseDistance(inputArg('nn.PairwiseDistance', x1, 'x1'), inputArg('nn.PairwiseDistance', x2, 'x2'), this.norm, this.eps, this.keepdim);
  }
}

/** `nn.CosineSimilarity(dim=1, eps=1e-08)`. */
export class CosineSimilarity extends Module {
  readonly dim: number;
  readonly eps: number;

  constructor(dim?: number | { dim?: number; eps?: number }, eps?: number);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.CosineSimilarity';
    const a = v.bindArgs(call, ['dim', 'eps'], args);
    this.dim = a.dim === undefined ? 1 : v.int(call, 'dim', a.dim);
    this.eps = floatArg(call, 'eps', a.eps, 1e-8);
  }

  override forward(x1: Tensor, x2: Tensor): Tensor {
    return F.cosineSimilarity(inputArg('nn.CosineSimilarity', x1, 'x1'), inputArg('nn.CosineSimilarity', x2, 'x2'), this.dim, this.eps);
  }
}
