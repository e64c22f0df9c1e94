// torch.nn losses (torch/nn/modules/loss.py, PyTorch 1.13): each stores its options, keeps a class
// `weight` (and BCEWithLogitsLoss's `pos_weight`) as a buffer as PyTorch does, and calls nn.functional
// in forward: `criterion.forward(output, target)` is Python's `criterion(output, target)`.
// Positional parameters are Python's, in Python's order; the deprecated `size_average` / `reduce`
// map to a reduction with Python's warning.
import { Module } from '../module';
import { Tensor, tensorArg } from '../../tensor';
import * as F from '../functional';
import type { Reduction } from '../functional';
import * as v from '../../validate';
import { PairwiseDistance } from './distance';
import { floatArg, optTensor } from './utils';

const REDUCTIONS = ['none', 'mean', 'sum'] as const;

/** Python's `_Reduction.legacy_get_string(size_average, reduce)`, with its warning. */
function legacyReduction(call: string, sizeAverage: unknown, reduce: unknown): Reduction {
  const s = sizeAverage === undefined || sizeAverage === null ? true : v.bool(call, 'size_average', sizeAverage);
  const r = reduce === undefined || reduce === null ? true : v.bool(call, 'reduce', reduce);
  const ret: Reduction = s && r ? 'mean' : r ? 'sum' : 'none';
  process.emitWarning(`size_average and reduce args will be deprecated, please use reduction='${ret}' instead.`);
  return ret;
}

function given(x: unknown): boolean {
  return x !== undefined && x !== null;
}

/** Python's `_Loss`: the `reduction` every loss has. */
abstract class Loss extends Module {
  readonly reduction: Reduction;

  protected constructor(call: string, o: Record<string, unknown>, allowed: readonly string[] = REDUCTIONS) {
    super();
    if (given(o.sizeAverage) || given(o.reduce)) this.reduction = legacyReduction(call, o.sizeAverage, o.reduce);
    else this.reduction = o.reduction === undefined ? 'mean' : v.oneOf(call, 'reduction', o.reduction, allowed) as Reduction;
  }

  protected _input(name: string, x: unknown): Tensor {
    return tensorArg(`nn.${this._getName()}.forward`, name, x);
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

interface LegacyOptions { sizeAverage?: boolean | null; reduce?: boolean | null }
export interface ReductionOptions extends LegacyOptions { reduction?: Reduction }
type Positional<T> = T | null | undefined;

/** `nn.L1Loss(size_average=None, reduce=None, reduction='mean')`. */
export class L1Loss extends Loss {
  constructor(sizeAverage?: Positional<boolean> | ReductionOptions, reduce?: Positional<boolean> | ReductionOptions, reduction?: Reduction | ReductionOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.L1Loss';
    super(call, v.bindArgs(call, ['sizeAverage', 'reduce', 'reduction'], args));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(this._input('input', input), this._input('target', target), { reduction: this.reduction });
  }
}

export interface NLLLossOptions extends ReductionOptions { weight?: Tensor | null; ignoreIndex?: number }

/** `nn.NLLLoss(weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean')`: input holds log-probabilities. */
export class NLLLoss extends WeightedLoss {
  readonly ignoreIndex: number;

  constructor(weight?: Tensor | null | NLLLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = `nn.${new.target.name}`;
    const o = v.bindArgs(call, ['weight', 'sizeAverage', 'ignoreIndex', 'reduce', 'reduction'], args);
    super(call, o);
    this.ignoreIndex = ignoreIndexArg(call, o);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.nllLoss(this._input('input', input), this._input('target', target), { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

/** `nn.NLLLoss2d`: NLLLoss under its deprecated name, with Python's warning. */
export class NLLLoss2d extends NLLLoss {
  constructor(weight?: Tensor | null | NLLLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    process.emitWarning('NLLLoss2d has been deprecated. Please use NLLLoss instead as a drop-in replacement and see https://pytorch.org/docs/master/nn.html#torch.nn.NLLLoss for more details.');
    super(...(args as [Tensor]));
  }
}

export interface PoissonNLLLossOptions extends ReductionOptions { logInput?: boolean; full?: boolean; eps?: number }

/** `nn.PoissonNLLLoss(log_input=True, full=False, size_average=None, eps=1e-08, reduce=None, reduction='mean')`. */
export class PoissonNLLLoss extends Loss {
  readonly logInput: boolean;
  readonly full: boolean;
  readonly eps: number;

  constructor(logInput?: boolean | PoissonNLLLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.PoissonNLLLoss';
    const o = v.bindArgs(call, ['logInput', 'full', 'sizeAverage', 'eps', 'reduce', 'reduction'], args);
    super(call, o);
    this.logInput = o.logInput === undefined ? true : v.bool(call, 'log_input', o.logInput);
    this.full = o.full === undefined ? false : v.bool(call, 'full', o.full);
    this.eps = floatArg(call, 'eps', o.eps, 1e-8);
  }

  override forward(logInput: Tensor, target: Tensor): Tensor {
    return F.poissonNllLoss(this._input('log_input', logInput), this._input('target', target), { logInput: this.logInput, full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export interface GaussianNLLLossOptions { full?: boolean; eps?: number; reduction?: Reduction }

/** `nn.GaussianNLLLoss(*, full=False, eps=1e-06, reduction='mean')`; `forward(input, target, var)`. */
export class GaussianNLLLoss extends Loss {
  readonly full: boolean;
  readonly eps: number;

  constructor(opts?: GaussianNLLLossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.GaussianNLLLoss';
    const o = v.bindArgs(call, [], args, ['full', 'eps', 'reduction']);
    super(call, o);
    this.full = o.full === undefined ? false : v.bool(call, 'full', o.full);
    this.eps = floatArg(call, 'eps', o.eps, 1e-6);
  }

  override forward(input: Tensor, target: Tensor, variance: Tensor): Tensor {
    return F.gaussianNllLoss(this._input('input', input), this._input('target', target), this._input('var', variance), { full: this.full, eps: this.eps, reduction: this.reduction });
  }
}

export type KLDivReduction = Reduction | 'batchmean';
export interface KLDivLossOptions extends LegacyOptions { reduction?: KLDivReduction; logTarget?: boolean }

/** `nn.KLDivLoss(size_average=None, reduce=None, reduction='mean', log_target=False)`; reduction may be 'batchmean'. */
export class KLDivLoss extends Module {
  readonly reduction: KLDivReduction;
  readonly logTarget: boolean;

  constructor(sizeAverage?: Positional<boolean> | KLDivLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.KLDivLoss';
    const o = v.bindArgs(call, ['sizeAverage', 'reduce', 'reduction', 'logTarget'], args);
    if (given(o.sizeAverage) || given(o.reduce)) this.reduction = legacyReduction(call, o.sizeAverage, o.reduce);
    else this.reduction = o.reduction === undefined ? 'mean' : v.oneOf(call, 'reduction', o.reduction, ['none', 'batchmean', 'sum', 'mean'] as const);
    this.logTarget = o.logTarget === undefined ? false : v.bool(call, 'log_target', o.logTarget);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    const call = 'nn.KLDivLoss.forward';
    return F.klDiv(tensorArg(call, 'input', input), tensorArg(call, 'target', target), { reduction: this.reduction, logTarget: this.logTarget });
  }
}

/** `nn.MSELoss(size_average=None, reduce=None, reduction='mean')`. */
export class MSELoss extends Loss {
  constructor(sizeAverage?: Positional<boolean> | ReductionOptions, reduce?: Positional<boolean> | ReductionOptions, reduction?: Reduction | ReductionOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.MSELoss';
    super(call, v.bindArgs(call, ['sizeAverage', 'reduce', 'reduction'], args));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(this._input('input', input), this._input('target', target), { reduction: this.reduction });
  }
}

export interface BCELossOptions extends ReductionOptions { weight?: Tensor | null }

/** `nn.BCELoss(weight=None, size_average=None, reduce=None, reduction='mean')`: input holds probabilities. */
export class BCELoss extends WeightedLoss {
  constructor(weight?: Tensor | null | BCELossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.BCELoss';
    super(call, v.bindArgs(call, ['weight', 'sizeAverage', 'reduce', 'reduction'], args));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropy(this._input('input', input), this._input('target', target), { weight: this.weight, reduction: this.reduction });
  }
}

export interface BCEWithLogitsLossOptions extends ReductionOptions { weight?: Tensor | null; posWeight?: Tensor | null }

/** `nn.BCEWithLogitsLoss(weight=None, size_average=None, reduce=None, reduction='mean', pos_weight=None)`; `pos_weight` is a buffer too. */
export class BCEWithLogitsLoss extends Loss {
  declare readonly weight: Tensor | null;
  declare readonly pos_weight: Tensor | null;

  constructor(weight?: Tensor | null | BCEWithLogitsLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.BCEWithLogitsLoss';
    const o = v.bindArgs(call, ['weight', 'sizeAverage', 'reduce', 'reduction', 'posWeight'], args);
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
    return F.binaryCrossEntropyWithLogits(this._input('input', input), this._input('target', target), { weight: this.weight, posWeight: this.pos_weight, reduction: this.reduction });
  }
}

export interface MarginOptions extends ReductionOptions { margin?: number }

/** `nn.HingeEmbeddingLoss(margin=1.0, size_average=None, reduce=None, reduction='mean')`. */
export class HingeEmbeddingLoss extends Loss {
  readonly margin: number;

  constructor(margin?: number | MarginOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.HingeEmbeddingLoss';
    const o = v.bindArgs(call, ['margin', 'sizeAverage', 'reduce', 'reduction'], args);
    super(call, o);
    this.margin = floatArg(call, 'margin', o.margin, 1);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.hingeEmbeddingLoss(this._input('input', input), this._input('target', target), { margin: this.margin, reduction: this.reduction });
  }
}

/** `nn.MultiLabelMarginLoss(size_average=None, reduce=None, reduction='mean')`. */
export class MultiLabelMarginLoss extends Loss {
  constructor(sizeAverage?: Positional<boolean> | ReductionOptions, reduce?: Positional<boolean> | ReductionOptions, reduction?: Reduction | ReductionOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.MultiLabelMarginLoss';
    super(call, v.bindArgs(call, ['sizeAverage', 'reduce', 'reduction'], args));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabelMarginLoss(this._input('input', input), this._input('target', target), { reduction: this.reduction });
  }
}

export interface SmoothL1LossOptions extends ReductionOptions { beta?: number }

/** `nn.SmoothL1Loss(size_average=None, reduce=None, reduction='mean', beta=1.0)`. */
export class SmoothL1Loss extends Loss {
  readonly beta: number;

  constructor(sizeAverage?: Positional<boolean> | SmoothL1LossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.SmoothL1Loss';
    const o = v.bindArgs(call, ['sizeAverage', 'reduce', 'reduction', 'beta'], args);
    super(call, o);
    this.beta = floatArg(call, 'beta', o.beta, 1);
    if (this.beta < 0) throw new RangeError(`${call}: beta must be a non-negative number, got ${this.beta}`);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.smoothL1Loss(this._input('input', input), this._input('target', target), { reduction: this.reduction, beta: this.beta });
  }
}

/** `nn.HuberLoss(reduction='mean', delta=1.0)`. */
export class HuberLoss extends Loss {
  readonly delta: number;

  constructor(reduction?: Reduction | { reduction?: Reduction; delta?: number }, delta?: number);
  constructor(...args: unknown[]) {
    const call = 'nn.HuberLoss';
    const o = v.bindArgs(call, ['reduction', 'delta'], args);
    super(call, o);
    this.delta = floatArg(call, 'delta', o.delta, 1);
    if (!(this.delta > 0)) throw new RangeError(`${call}: delta must be a positive number, got ${this.delta}`);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.huberLoss(this._input('input', input), this._input('target', target), { reduction: this.reduction, delta: this.delta });
  }
}

/** `nn.SoftMarginLoss(size_average=None, reduce=None, reduction='mean')`. */
export class SoftMarginLoss extends Loss {
  constructor(sizeAverage?: Positional<boolean> | ReductionOptions, reduce?: Positional<boolean> | ReductionOptions, reduction?: Reduction | ReductionOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.SoftMarginLoss';
    super(call, v.bindArgs(call, ['sizeAverage', 'reduce', 'reduction'], args));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.softMarginLoss(this._input('input', input), this._input('target', target), { reduction: this.reduction });
  }
}

export interface CrossEntropyLossOptions extends ReductionOptions { weight?: Tensor | null; ignoreIndex?: number; labelSmoothing?: number }

/**
 * `nn.CrossEntropyLoss(weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0)`:
 * target holds class indices or class probabilities.
 */
export class CrossEntropyLoss extends WeightedLoss {
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;

  constructor(weight?: Tensor | null | CrossEntropyLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.CrossEntropyLoss';
    const o = v.bindArgs(call, ['weight', 'sizeAverage', 'ignoreIndex', 'reduce', 'reduction', 'labelSmoothing'], args);
    super(call, o);
    this.ignoreIndex = ignoreIndexArg(call, o);
    this.labelSmoothing = o.labelSmoothing === undefined ? 0 : v.inRange(call, 'label_smoothing', o.labelSmoothing, 0, 1);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(this._input('input', input), this._input('target', target), { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction, labelSmoothing: this.labelSmoothing });
  }
}

/** `nn.MultiLabelSoftMarginLoss(weight=None, size_average=None, reduce=None, reduction='mean')`. */
export class MultiLabelSoftMarginLoss extends WeightedLoss {
  constructor(weight?: Tensor | null | BCELossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.MultiLabelSoftMarginLoss';
    super(call, v.bindArgs(call, ['weight', 'sizeAverage', 'reduce', 'reduction'], args));
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multilabelSoftMarginLoss(this._input('input', input), this._input('target', target), { weight: this.weight, reduction: this.reduction });
  }
}

/** `nn.CosineEmbeddingLoss(margin=0.0, size_average=None, reduce=None, reduction='mean')`; `forward(input1, input2, target)`. */
export class CosineEmbeddingLoss extends Loss {
  readonly margin: number;

  constructor(margin?: number | MarginOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.CosineEmbeddingLoss';
    const o = v.bindArgs(call, ['margin', 'sizeAverage', 'reduce', 'reduction'], args);
    super(call, o);
    this.margin = floatArg(call, 'margin', o.margin, 0);
  }

  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.cosineEmbeddingLoss(this._input('input1', input1), this._input('input2', input2), this._input('target', target), { margin: this.margin, reduction: this.reduction });
  }
}

/** `nn.MarginRankingLoss(margin=0.0, size_average=None, reduce=None, reduction='mean')`; `forward(input1, input2, target)`. */
export class MarginRankingLoss extends Loss {
  readonly margin: number;

  constructor(margin?: number | MarginOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.MarginRankingLoss';
    const o = v.bindArgs(call, ['margin', 'sizeAverage', 'reduce', 'reduction'], args);
    super(call, o);
    this.margin = floatArg(call, 'margin', o.margin, 0);
  }

  override forward(input1: Tensor, input2: Tensor, target: Tensor): Tensor {
    return F.marginRankingLoss(this._input('input1', input1), this._input('input2', input2), this._input('target', target), { margin: this.margin, reduction: this.reduction });
  }
}

export interface MultiMarginLossOptions extends ReductionOptions { p?: 1 | 2; margin?: number; weight?: Tensor | null }

/** `nn.MultiMarginLoss(p=1, margin=1.0, weight=None, size_average=None, reduce=None, reduction='mean')`. */
export class MultiMarginLoss extends WeightedLoss {
  readonly p: number;
  readonly margin: number;

  constructor(p?: 1 | 2 | MultiMarginLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.MultiMarginLoss';
    const o = v.bindArgs(call, ['p', 'margin', 'weight', 'sizeAverage', 'reduce', 'reduction'], args);
    const p = o.p === undefined ? 1 : v.int(call, 'p', o.p);
    if (p !== 1 && p !== 2) throw new RangeError(`${call}: only p == 1 and p == 2 supported, got ${p}`);
    const w = optTensor(call, 'weight', o.weight);
    if (w !== null && w.dim() !== 1) throw new RangeError(`${call}: weight must be one-dimensional, got a ${w.dim()}-D tensor`);
    super(call, o);
    this.p = p;
    this.margin = floatArg(call, 'margin', o.margin, 1);
  }

  override forward(input: Tensor, target: Tensor): Tensor {
    return F.multiMarginLoss(this._input('input', input), this._input('target', target), { p: this.p, margin: this.margin, weight: this.weight, reduction: this.reduction });
  }
}

export interface TripletMarginLossOptions extends ReductionOptions { margin?: number; p?: number; eps?: number; swap?: boolean }

/** `nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06, swap=False, size_average=None, reduce=None, reduction='mean')`. */
export class TripletMarginLoss extends Loss {
  readonly margin: number;
  readonly p: number;
  readonly eps: number;
  readonly swap: boolean;

  constructor(margin?: number | TripletMarginLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'nn.TripletMarginLoss';
    const o = v.bindArgs(call, ['margin', 'p', 'eps', 'swap', 'sizeAverage', 'reduce', 'reduction'], args);
    super(call, o);
    this.margin = floatArg(call, 'margin', o.margin, 1);
    this.p = o.p === undefined ? 2 : v.number(call, 'p', o.p);
    this.eps = floatArg(call, 'eps', o.eps, 1e-6);
    this.swap = o.swap === undefined ? false : v.bool(call, 'swap', o.swap);
  }

  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginLoss(this._input('anchor', anchor), this._input('positive', positive), this._input('negative', negative), { margin: this.margin, p: this.p, eps: this.eps, swap: this.swap, reduction: this.reduction });
  }
}

export type DistanceFunction = ((x1: Tensor, x2: Tensor) => Tensor) | Module;
export interface TripletMarginWithDistanceLossOptions { distanceFunction?: DistanceFunction | null; margin?: number; swap?: boolean; reduction?: Reduction }

/**
 * `nn.TripletMarginWithDistanceLoss(*, distance_function=None, margin=1.0, swap=False, reduction='mean')`:
 * the distance is a function or a module (default `nn.PairwiseDistance()`, a child module as in Python).
 */
export class TripletMarginWithDistanceLoss extends Loss {
  readonly margin: number;
  readonly swap: boolean;
  // A module registers as the child `distance_function`; a function is a plain attribute.
  declare distance_function: DistanceFunction;

  constructor(opts?: TripletMarginWithDistanceLossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.TripletMarginWithDistanceLoss';
    const o = v.bindArgs(call, [], args, ['distanceFunction', 'margin', 'swap', 'reduction']);
    super(call, o);
    const fn = o.distanceFunction;
    if (given(fn) && typeof fn !== 'function' && !(fn instanceof Module)) throw new TypeError(`${call}: distance_function must be a function or an nn.Module, got ${typeof fn}`);
    this.distance_function = given(fn) ? (fn as DistanceFunction) : new PairwiseDistance();
    this.margin = floatArg(call, 'margin', o.margin, 1);
    if (!(this.margin > 0)) throw new RangeError(`${call}: margin must be greater than 0, got ${this.margin}`);
    this.swap = o.swap === undefined ? false : v.bool(call, 'swap', o.swap);
  }

  /** The distance under its camelCase name. */
  get distanceFunction(): DistanceFunction {
    return this.distance_function;
  }

  override forward(anchor: Tensor, positive: Tensor, negative: Tensor): Tensor {
    return F.tripletMarginWithDistanceLoss(this._input('anchor', anchor), this._input('positive', positive), this._input('negative', negative),
      { distanceFunction: this.distance_function, margin: this.margin, swap: this.swap, reduction: this.reduction });
  }
}

export interface CTCLossOptions { blank?: number; reduction?: Reduction; zeroInfinity?: boolean }

/** `nn.CTCLoss(blank=0, reduction='mean', zero_infinity=False)`; `forward(log_probs, targets, input_lengths, target_lengths)`. */
export class CTCLoss extends Loss {
  readonly blank: number;
  readonly zeroInfinity: boolean;

  constructor(blank?: number | CTCLossOptions, reduction?: Reduction | CTCLossOptions, zeroInfinity?: boolean | CTCLossOptions);
  constructor(...args: unknown[]) {
    const call = 'nn.CTCLoss';
    const o = v.bindArgs(call, ['blank', 'reduction', 'zeroInfinity'], args);
    super(call, o);
    this.blank = o.blank === undefined ? 0 : v.int(call, 'blank', o.blank, 0);
    this.zeroInfinity = o.zeroInfinity === undefined ? false : v.bool(call, 'zero_infinity', o.zeroInfinity);
  }

  override forward(logProbs: Tensor, targets: Tensor, inputLengths: Tensor | number[], targetLengths: Tensor | number[]): Tensor {
    return F.ctcLoss(this._input('log_probs', logProbs), this._input('targets', targets), inputLengths, targetLengths,
      { blank: this.blank, reduction: this.reduction, zeroInfinity: this.zeroInfinity });
  }
}
