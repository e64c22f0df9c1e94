// torch.nn loss modules (torch/nn/modules/loss.py): each stores its options, keeps a class `weight`
// (and BCEWithLogitsLoss's `pos_weight`) as a buffer as PyTorch does, and calls nn.functional in
// forward: `criterion.forward(output, target)` is Python's `criterion(output, target)`. Python's
// deprecated `size_average` / `reduce` arguments are not accepted.
import { Module } from '../module';
import { Tensor, tensorArg } from '../../tensor';
import * as F from '../functional';
import type { Reduction } from '../functional';
import * as v from '../../validate';

const REDUCTIONS = ['none', 'mean', 'sum'] as const;

function optTensor(call: string, name: string, x: unknown): Tensor | null {
  return x === undefined || x === null ? null : tensorArg(call, name, x);
}

/** Python's `_Loss`: the `reduction` every loss has. */
abstract class Loss extends Module {
  readonly reduction: Reduction;

  protected constructor(call: string, o: Record<string, unknown>) {
    super();
    this.reduction = o.reduction === undefined ? 'mean' : v.oneOf(call, 'reduction', o.reduction, REDUCTIONS);
  }
}

/** Python's `_WeightedLoss`: a per-class `weight`, registered as a buffer (None when absent). */
abstract class WeightedLoss extends Loss {
  declare readonly weight: Tensor | null;

  protected constructor(call: string, o: Record<string, unknown>) {
    super(call, o);
    this.registerBuffer('weight', optTensor(call, 'weight', o.weight));
  }
}

function ignoreIndexArg(call: string, o: Record<string, unknown>): number {
  return o.ignoreIndex === undefined ? -100 : v.int(call, 'ignore_index', o.ignoreIndex);
}

export interface CrossEntropyLossOptions { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction; labelSmoothing?: number }

/** `nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)`. */
export class CrossEntropyLoss extends WeightedLoss {
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(weight?: Tensor | null | CrossEntropyLossOptions, opts?: CrossEntropyLossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.CrossEntropyLoss';
    const o = v.bindArgs(call, ['weight'], args, ['ignoreIndex', 'reduction', 'labelSmoothing']);
    super(call, o);
    this.ignoreIndex = ignoreIndexArg(call, o);
    this.labelSmoothing = o.labelSmoothing === undefined ? 0 : v.inRange(call, 'label_smoothing', o.labelSmoothing, 0, 1);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction, labelSmoothing: this.labelSmoothing });
  }
}

export interface NLLLossOptions { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction }

/** `nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')`: input holds log-probabilities. */
export class NLLLoss extends WeightedLoss {
  readonly ignoreIndex: number;

  constructor(weight?: Tensor | null | NLLLossOptions, opts?: NLLLossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.NLLLoss';
    const o = v.bindArgs(call, ['weight'], args, ['ignoreIndex', 'reduction']);
    super(call, o);
    this.ignoreIndex = ignoreIndexArg(call, o);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

/** `nn.MSELoss(reduction='mean')`. */
export class MSELoss extends Loss {
  constructor(opts?: { reduction?: Reduction });
  constructor(...args: unknown[]) {
    const call = 'nn.MSELoss';
    super(call, v.bindArgs(call, [], args, ['reduction']));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.reduction });
  }
}

/** `nn.L1Loss(reduction='mean')`. */
export class L1Loss extends Loss {
  constructor(opts?: { reduction?: Reduction });
  constructor(...args: unknown[]) {
    const call = 'nn.L1Loss';
    super(call, v.bindArgs(call, [], args, ['reduction']));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.reduction });
  }
}

export interface BCELossOptions { weight?: Tensor | null; reduction?: Reduction }

/** `nn.BCELoss(weight=None, reduction='mean')`: input holds probabilities. */
export class BCELoss extends WeightedLoss {
  constructor(weight?: Tensor | null | BCELossOptions, opts?: BCELossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.BCELoss';
    super(call, v.bindArgs(call, ['weight'], args, ['reduction']));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

export interface BCEWithLogitsLossOptions { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null }

/** `nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)`; `pos_weight` is a buffer too. */
export class BCEWithLogitsLoss extends Loss {
  declare readonly weight: Tensor | null;
  declare readonly pos_weight: Tensor | null;

  constructor(weight?: Tensor | null | BCEWithLogitsLossOptions, opts?: BCEWithLogitsLossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.BCEWithLogitsLoss';
    const o = v.bindArgs(call, ['weight'], args, ['reduction', 'posWeight']);
    super(call, o);
    // Buffer names are Python's, so stateDict() keys match (`pos_weight`).
    this.registerBuffer('weight', optTensor(call, 'weight', o.weight));
    this.registerBuffer('pos_weight', optTensor(call, 'pos_weight', o.posWeight));
  }

  /** The `pos_weight` buffer under its camelCase name. */
  get posWeight(): Tensor | null {
    return this.pos_weight;
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { weight: this.weight, posWeight: this.pos_weight, reduction: this.reduction });
  }
}
