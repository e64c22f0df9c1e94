// torch.nn.AdaptiveLogSoftmaxWithLoss (torch/nn/modules/adaptive.py, PyTorch 1.13): the efficient
// softmax approximation of Grave et al., a head over the frequent classes and one cluster per cutoff.
import { Tensor, tensorArg } from '../../tensor';
import { empty, zeros } from '../../creation';
import { argmax } from '../../functions';
import { slice } from '../../_indexing';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { Linear } from './linear';
import { ModuleList, Sequential } from './container';
import { FACTORY, FactoryKwargs, factoryKwargs, floatArg } from './utils';

/** Python's `_ASMoutput(output, loss)`: an array that also carries the names. */
export type ASMoutput = [Tensor, Tensor] & { output: Tensor; loss: Tensor };

export interface AdaptiveLogSoftmaxWithLossOptions extends FactoryKwargs {
  inFeatures?: number;
  nClasses?: number;
  cutoffs?: number[];
  divValue?: number;
  headBias?: boolean;
}

/**
 * `nn.AdaptiveLogSoftmaxWithLoss(in_features, n_classes, cutoffs, div_value=4.0, head_bias=False, device=None, dtype=None)`.
 * `forward(input, target)` returns `[output, loss]` (also `.output`, `.loss`); `logProb(input)`, `predict(input)`.
 */
export class AdaptiveLogSoftmaxWithLoss extends Module {
  readonly inFeatures: number;
  readonly nClasses: number;
  readonly cutoffs: number[];
  readonly divValue: number;
  readonly headBias: boolean;
  readonly shortlistSize: number;
  readonly nClusters: number;
  readonly headSize: number;
  declare head: Linear;
  declare tail: ModuleList;

  constructor(inFeatures: number | AdaptiveLogSoftmaxWithLossOptions, nClasses?: number | AdaptiveLogSoftmaxWithLossOptions, cutoffs?: number[] | AdaptiveLogSoftmaxWithLossOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.AdaptiveLogSoftmaxWithLoss';
    const o = v.bindArgs(call, ['inFeatures', 'nClasses', 'cutoffs', 'divValue', 'headBias'], args, FACTORY);
    const fk = factoryKwargs(call, o);
    this.inFeatures = v.int(call, 'in_features', o.inFeatures, 1);
    this.nClasses = v.int(call, 'n_classes', o.nClasses, 1);
    if (!Array.isArray(o.cutoffs) || o.cutoffs.length === 0) throw new TypeError(`${call}: cutoffs must be a non-empty array of integers`);
    const cutoffs = o.cutoffs.map((c, i) => v.number(call, `cutoffs[${i}]`, c));
    const sorted = [...cutoffs].sort((a, b) => a - b);
    if (cutoffs.some((c, i) => c !== sorted[i]) || Math.min(...cutoffs) <= 0 || Math.max(...cutoffs) > this.nClasses - 1 ||
      new Set(cutoffs).size !== cutoffs.length || cutoffs.some((c) => !Number.isInteger(c))) {
      throw new RangeError(`${call}: cutoffs should be a sequence of unique, positive integers sorted in an increasing order, where each value is between 1 and n_classes-1`);
    }
    this.cutoffs = [...cutoffs, this.nClasses];
    this.divValue = floatArg(call, 'div_value', o.divValue, 4);
    this.headBias = o.headBias === undefined ? false : v.bool(call, 'head_bias', o.headBias);
    this.shortlistSize = this.cutoffs[0];
    this.nClusters = this.cutoffs.length - 1;
    this.headSize = this.shortlistSize + this.nClusters;
    this.head = new Linear(this.inFeatures, this.headSize, { bias: this.headBias, ...fk });
    this.tail = new ModuleList();
    for (let i = 0; i < this.nClusters; i++) {
      const hsz = Math.floor(this.inFeatures / this.divValue ** (i + 1));
      const osz = this.cutoffs[i + 1] - this.cutoffs[i];
      this.tail.append(new Sequential(new Linear(this.inFeatures, hsz, { bias: false, ...fk }), new Linear(hsz, osz, { bias: false, ...fk })));
    }
  }

  resetParameters(): void {
    this.head.resetParameters();
    for (const projection of this.tail) for (const lin of projection as Sequential) (lin as Linear).resetParameters();
  }

  /** `forward(input, target)`: the target classes' log-probabilities and the mean negative one. */
  override forward(input: Tensor, target: Tensor): ASMoutput {
    const call = 'nn.AdaptiveLogSoftmaxWithLoss.forward';
    const x0 = tensorArg(call, 'input', input);
    const t0 = tensorArg(call, 'target', target);
    const targDim = t0.dim();
    if (targDim === 1) {
      if (x0.size(0) !== t0.size(0)) throw new RangeError(`${call}: Input and target should have the same size in the batch dimension.`);
      if (x0.dim() !== 2) throw new RangeError(`${call}: 1D target tensor expects 2D input tensors, but found inputs with size [${x0.shape.join(', ')}]`);
    } else if (targDim === 0) {
      if (x0.dim() !== 1) throw new RangeError(`${call}: 0D target tensor expects 1D input tensors, but found inputs with size [${x0.shape.join(', ')}]`);
    } else {
      throw new RangeError(`${call}: 0D or 1D target tensor expected, multi-target not supported`);
    }
    const batched = targDim > 0;
    const x = batched ? x0 : x0.unsqueeze(0);
    const t = batched ? t0 : t0.unsqueeze(0);
    let usedRows = 0;
    const batchSize = t.size(0) as number;
    let output = zeros([batchSize], { dtype: x.dtype, device: x.device });
    const gatherInds = empty([batchSize], { dtype: t.dtype, device: t.device });
    const cutoffValues = [0, ...this.cutoffs];
    for (let i = 0; i < cutoffValues.length - 1; i++) {
      const low = cutoffValues[i];
      const high = cutoffValues[i + 1];
      const mask = t.ge(low).logicalAnd(t.lt(high));
      const rows = mask.nonzero().squeeze();
      if (rows.numel() === 0) continue;
      if (i === 0) {
        gatherInds.indexCopy_(0, rows, t.index(mask));
      } else {
        const relative = t.index(mask).sub(low);
        const clusterOutput = (this.tail.at(i - 1) as Sequential).forward(x.indexSelect(0, rows)) as Tensor;
        gatherInds.indexFill_(0, rows, this.shortlistSize + i - 1);
        const local = F.logSoftmax(clusterOutput, 1).gather(1, relative.unsqueeze(1));
        output = output.indexCopy_(0, rows, local.squeeze(1));
      }
      usedRows += rows.numel();
    }
    if (usedRows !== batchSize) {
      throw new RangeError(`${call}: Target values should be in [0, ${this.nClasses - 1}], but values in range [${t.min().item()}, ${t.max().item()}] were found. `);
    }
    const headLogprob = F.logSoftmax(this.head.forward(x), 1);
    output = output.add_(headLogprob.gather(1, gatherInds.unsqueeze(1)).squeeze());
    const loss = output.neg().mean();
    if (!batched) output = output.squeeze(0);
    return Object.assign([output, loss], { output, loss }) as ASMoutput;
  }

  private _getFullLogProb(input: Tensor, headOutput: Tensor): Tensor {
    tensorArg('nn.AdaptiveLogSoftmaxWithLoss._get_full_log_prob', 'input', input);
    tensorArg('nn.AdaptiveLogSoftmaxWithLoss._get_full_log_prob', 'head_output', headOutput);
    const out = empty([headOutput.size(0) as number, this.nClasses], { dtype: input.dtype, device: input.device });
    const headLogprob = F.logSoftmax(headOutput, 1);
    out.indexPut_([slice(), slice(null, this.shortlistSize)], headLogprob.index(slice(), slice(null, this.shortlistSize)));
    for (let i = 0; i < this.nClusters; i++) {
      const clusterLogprob = F.logSoftmax((this.tail.at(i) as Sequential).forward(input) as Tensor, 1);
      const outputLogprob = clusterLogprob.add(headLogprob.index(slice(), this.shortlistSize + i).unsqueeze(1));
      out.indexPut_([slice(), slice(this.cutoffs[i], this.cutoffs[i + 1])], outputLogprob);
    }
    return out;
  }

  /** `log_prob(input)`: the log-probabilities of every class, (N, n_classes). */
  logProb(input: Tensor): Tensor {
    const x = tensorArg('nn.AdaptiveLogSoftmaxWithLoss.log_prob', 'input', input);
    return this._getFullLogProb(x, this.head.forward(x));
  }

  /** `predict(input)`: the most likely class of each row. */
  predict(input: Tensor): Tensor {
    const x = tensorArg('nn.AdaptiveLogSoftmaxWithLoss.predict', 'input', input);
    const headOutput = this.head.forward(x);
    const output = argmax(headOutput, 1);
    const notInShortlist = output.ge(this.shortlistSize);
    if (!(notInShortlist.any().item() as boolean)) return output;
    if (notInShortlist.all().item() as boolean) return argmax(this._getFullLogProb(x, headOutput), 1);
    const logProb = this._getFullLogProb(x.index(notInShortlist), headOutput.index(notInShortlist));
    output.indexPut_([notInShortlist], argmax(logProb, 1));
    return output;
  }
}
