// torch.nn.Embedding and nn.EmbeddingBag (torch/nn/modules/sparse.py, PyTorch 1.13), over
// F.embedding / F.embedding_bag. Weights start as N(0, 1) (nn.init.normal_), the padding row zeroed.
import { Tensor, tensorArg } from '../../tensor';
import { empty } from '../../creation';
import { noGrad } from '../../autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { FACTORY, FactoryKwargs, factoryKwargs, inputArg, optTensor, pyFloat } from './utils';

function paddingIdxArg(call: string, x: unknown, num: number): number | null {
  if (x === undefined || x === null) return null;
  let idx = v.int(call, 'padding_idx', x);
  if (idx >= num || idx < -num) throw new RangeError(`${call}: Padding_idx must be within num_embeddings, got padding_idx=${idx} for num_embeddings=${num}`);
  if (idx < 0) idx += num;
  return idx;
}

function maxNormArg(call: string, x: unknown): number | null {
  return x === undefined || x === null ? null : v.number(call, 'max_norm', x);
}

function normTypeArg(call: string, x: unknown): number {
  return x === undefined ? 2 : v.number(call, 'norm_type', x);
}

function boolArg(call: string, name: string, x: unknown): boolean {
  return x === undefined ? false : v.bool(call, v.pythonName(name), x);
}

/** `_weight`, checked against the table's shape; or a fresh N(0, 1) table. */
function initialWeight(call: string, o: Record<string, unknown>, num: number, dim: number): [Parameter, boolean] {
  const w = optTensor(call, '_weight', o._weight);
  if (w === null) return [new Parameter(empty([num, dim], factoryKwargs(call, o))), true];
  if (w.dim() !== 2 || w.shape[0] !== num || w.shape[1] !== dim) throw new RangeError(`${call}: Shape of weight does not match num_embeddings and embedding_dim: [${w.shape.join(', ')}] vs [${num}, ${dim}]`);
  return [new Parameter(w), false];
}

/** Python's `from_pretrained` check of the embeddings tensor. */
function pretrained(call: string, embeddings: unknown): [Tensor, number, number] {
  const e = tensorArg(call, 'embeddings', embeddings);
  if (e.dim() !== 2) throw new RangeError(`${call}: Embeddings parameter is expected to be 2-dimensional, got a ${e.dim()}-D tensor`);
  return [e, e.shape[0], e.shape[1]];
}

export interface EmbeddingOptions extends FactoryKwargs {
  numEmbeddings?: number;
  embeddingDim?: number;
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
  _weight?: Tensor | null;
}

/**
 * `nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
 * scale_grad_by_freq=False, sparse=False, _weight=None, device=None, dtype=None)`: a lookup table.
 */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly sparse: boolean;
  declare weight: Parameter;

  constructor(numEmbeddings: number | EmbeddingOptions, embeddingDim?: number | EmbeddingOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Embedding';
    const o = v.bindArgs(call, ['numEmbeddings', 'embeddingDim', 'paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse', '_weight'], args, FACTORY);
    this.numEmbeddings = v.int(call, 'num_embeddings', o.numEmbeddings, 0);
    this.embeddingDim = v.int(call, 'embedding_dim', o.embeddingDim, 0);
    this.paddingIdx = paddingIdxArg(call, o.paddingIdx, this.numEmbeddings);
    this.maxNorm = maxNormArg(call, o.maxNorm);
    this.normType = normTypeArg(call, o.normType);
    this.scaleGradByFreq = boolArg(call, 'scaleGradByFreq', o.scaleGradByFreq);
    const [w, fresh] = initialWeight(call, o, this.numEmbeddings, this.embeddingDim);
    this.weight = w;
    if (fresh) this.resetParameters();
    this.sparse = boolArg(call, 'sparse', o.sparse);
  }

  resetParameters(): void {
    init.normal_(this.weight);
    this._fillPaddingIdxWithZero();
  }

  protected _fillPaddingIdxWithZero(): void {
    const idx = this.paddingIdx;
    if (idx !== null) noGrad(() => this.weight.get(idx).fill_(0));
  }

  override forward(input: Tensor): Tensor {
    return F.embedding(inputArg('nn.Embedding', input), this.weight, this.paddingIdx, this.maxNorm, this.normType, this.scaleGradByFreq, this.sparse);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    if (this.sparse) s += ', sparse=True';
    return s;
  }

  /**
   * `Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0,
   * scale_grad_by_freq=False, sparse=False)`: the table is `embeddings` itself (shared storage).
   */
  static fromPretrained(embeddings: Tensor, freeze?: boolean | FromPretrainedOptions, ...rest: unknown[]): Embedding {
    const call = 'nn.Embedding.from_pretrained';
    const o = v.bindArgs(call, ['freeze', 'paddingIdx', 'maxNorm', 'normType', 'scaleGradByFreq', 'sparse'], [freeze, ...rest]);
    const [e, rows, cols] = pretrained(call, embeddings);
    const frozen = o.freeze === undefined ? true : v.bool(call, 'freeze', o.freeze);
    const emb = new this(rows, cols, { _weight: e, paddingIdx: o.paddingIdx as number | null, maxNorm: o.maxNorm as number | null, normType: o.normType as number, scaleGradByFreq: o.scaleGradByFreq as boolean, sparse: o.sparse as boolean });
    emb.weight.requiresGrad = !frozen;
    return emb;
  }
}

export interface FromPretrainedOptions { freeze?: boolean; paddingIdx?: number | null; maxNorm?: number | null; normType?: number; scaleGradByFreq?: boolean; sparse?: boolean }

export type EmbeddingBagMode = 'sum' | 'mean' | 'max';

export interface EmbeddingBagOptions extends FactoryKwargs {
  numEmbeddings?: number;
  embeddingDim?: number;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  mode?: EmbeddingBagMode;
  sparse?: boolean;
  _weight?: Tensor | null;
  includeLastOffset?: boolean;
  paddingIdx?: number | null;
}

/**
 * `nn.EmbeddingBag(num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
 * mode='mean', sparse=False, _weight=None, include_last_offset=False, padding_idx=None, device=None, dtype=None)`:
 * sums, means or maxes of bags of embeddings, without building the intermediate embeddings.
 */
export class EmbeddingBag extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly paddingIdx: number | null;
  readonly mode: EmbeddingBagMode;
  readonly sparse: boolean;
  readonly includeLastOffset: boolean;
  declare weight: Parameter;

  constructor(numEmbeddings: number | EmbeddingBagOptions, embeddingDim?: number | EmbeddingBagOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.EmbeddingBag';
    const o = v.bindArgs(call, ['numEmbeddings', 'embeddingDim', 'maxNorm', 'normType', 'scaleGradByFreq', 'mode', 'sparse', '_weight', 'includeLastOffset', 'paddingIdx'], args, FACTORY);
    this.numEmbeddings = v.int(call, 'num_embeddings', o.numEmbeddings, 0);
    this.embeddingDim = v.int(call, 'embedding_dim', o.embeddingDim, 0);
    this.maxNorm = maxNormArg(call, o.maxNorm);
    this.normType = normTypeArg(call, o.normType);
    this.scaleGradByFreq = boolArg(call, 'scaleGradByFreq', o.scaleGradByFreq);
    this.paddingIdx = paddingIdxArg(call, o.paddingIdx, this.numEmbeddings);
    const mode = o.mode === undefined ? 'mean' : v.oneOf(call, 'mode', o.mode, ['sum', 'mean', 'max'] as const);
    const sparse = boolArg(call, 'sparse', o.sparse);
    if (mode === 'max' && this.scaleGradByFreq) throw new TypeError(`${call}: max mode does not support scaling the gradient by the frequency`);
    if (mode === 'max' && sparse) throw new TypeError(`${call}: max mode does not support sparse weights`);
    const [w, fresh] = initialWeight(call, o, this.numEmbeddings, this.embeddingDim);
    this.weight = w;
    if (fresh) this.resetParameters();
    this.mode = mode;
    this.sparse = sparse;
    this.includeLastOffset = boolArg(call, 'includeLastOffset', o.includeLastOffset);
  }

  resetParameters(): void {
    init.normal_(this.weight);
    const idx = this.paddingIdx;
    if (idx !== null) noGrad(() => this.weight.get(idx).fill_(0));
  }

  /** `forward(input, offsets=None, per_sample_weights=None)`. */
  override forward(input: Tensor, offsets?: Tensor | null | { offsets?: Tensor | null; perSampleWeights?: Tensor | null }, perSampleWeights?: Tensor | null): Tensor {
    const call = 'nn.EmbeddingBag.forward';
    const o = v.bindArgs(call, ['offsets', 'perSampleWeights'], [offsets, perSampleWeights]);
    return F.embeddingBag(inputArg('nn.EmbeddingBag', input), this.weight, optTensor(call, 'offsets', o.offsets), this.maxNorm, this.normType,
      this.scaleGradByFreq, this.mode, this.sparse, optTensor(call, 'per_sample_weights', o.perSampleWeights), this.includeLastOffset, this.paddingIdx);
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.maxNorm !== null) s += `, max_norm=${pyFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${pyFloat(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    // Python 1.13 formats the mode without quotes
    s += `, mode=${this.mode}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }

  /**
   * `EmbeddingBag.from_pretrained(embeddings, freeze=True, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
   * mode='mean', sparse=False, include_last_offset=False, padding_idx=None)`.
   */
  static fromPretrained(embeddings: Tensor, freeze?: boolean | EmbeddingBagFromPretrainedOptions, ...rest: unknown[]): EmbeddingBag {
    const call = 'nn.EmbeddingBag.from_pretrained';
    const o = v.bindArgs(call, ['freeze', 'maxNorm', 'normType', 'scaleGradByFreq', 'mode', 'sparse', 'includeLastOffset', 'paddingIdx'], [freeze, ...rest]);
    const [e, rows, cols] = pretrained(call, embeddings);
    const frozen = o.freeze === undefined ? true : v.bool(call, 'freeze', o.freeze);
    const { freeze: _f, ...opts } = o; // eslint-disable-line @typescript-eslint/no-unused-vars
    const bag = new this(rows, cols, { ...(opts as EmbeddingBagOptions), _weight: e });
    bag.weight.requiresGrad = !frozen;
    return bag;
  }
}

export interface EmbeddingBagFromPretrainedOptions { freeze?: boolean; maxNorm?: number | null; normType?: number; scaleGradByFreq?: boolean; mode?: EmbeddingBagMode; sparse?: boolean; includeLastOffset?: boolean; paddingIdx?: number | null }
