// torch.nn activations (torch/nn/modules/activation.py, PyTorch 1.13): TypeScript over nn.functional,
// with Python's defaults, attributes and extra_repr. A float hyperparameter prints as Python prints a
// float (`ELU(alpha=2.0)`) even when given as an integral JS number.
import { Tensor, tensorArg } from '../../tensor';
import { empty } from '../../creation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { FACTORY, FactoryKwargs, factoryKwargs, floatArg, inplaceArg, inputArg, optTensor, pyFloat, pyRepr } from './utils';
import { NonDynamicallyQuantizableLinear } from './linear';

const inplaceRepr = (inplace: boolean): string => (inplace ? ', inplace=True' : '');

/** A module whose only option is `inplace` (ReLU, SELU, SiLU, Mish, Hardsigmoid, Hardswish). */
abstract class InplaceActivation extends Module {
  readonly inplace: boolean;

  protected constructor(call: string, args: unknown[]) {
    super();
    const a = v.bindArgs(call, ['inplace'], args);
    this.inplace = inplaceArg(call, a.inplace);
  }
}

/** `nn.Threshold(threshold, value, inplace=False)`: y = x if x > threshold else value. */
export class Threshold extends Module {
  readonly threshold: number;
  readonly value: number;
  readonly inplace: boolean;

  constructor(threshold: number | { threshold: number; value: number; inplace?: boolean }, value?: number, inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Threshold';
    const a = v.bindArgs(call, ['threshold', 'value', 'inplace'], args);
    if (a.threshold === undefined) throw new TypeError(`${call}: missing required argument 'threshold'`);
    if (a.value === undefined) throw new TypeError(`${call}: missing required argument 'value'`);
    this.threshold = v.number(call, 'threshold', a.threshold);
    this.value = v.number(call, 'value', a.value);
    this.inplace = inplaceArg(call, a.inplace);
  }

  override forward(input: Tensor): Tensor {
    return F.threshold(inputArg('nn.Threshold', input), this.threshold, this.value, this.inplace);
  }

  override extraRepr(): string {
    return `threshold=${pyFloat(this.threshold)}, value=${pyFloat(this.value)}${inplaceRepr(this.inplace)}`;
  }
}

/** `nn.ReLU(inplace=False)`. */
export class ReLU extends InplaceActivation {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super('nn.ReLU', args);
  }

  override forward(input: Tensor): Tensor {
    return F.relu(inputArg('nn.ReLU', input), { inplace: this.inplace });
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** `nn.RReLU(lower=1/8, upper=1/3, inplace=False)`: a random slope in [lower, upper] in training, their mean in eval. */
export class RReLU extends Module {
  readonly lower: number;
  readonly upper: number;
  readonly inplace: boolean;

  constructor(lower?: number | { lower?: number; upper?: number; inplace?: boolean }, upper?: number, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.RReLU';
    const a = v.bindArgs(call, ['lower', 'upper', 'inplace'], args);
    this.lower = floatArg(call, 'lower', a.lower, 1 / 8);
    this.upper = floatArg(call, 'upper', a.upper, 1 / 3);
    if (this.lower > this.upper) throw new RangeError(`${call}: Lower bound should be less than or equal to the upper bound, got lower=${this.lower}, upper=${this.upper}`);
    this.inplace = inplaceArg(call, a.inplace);
  }

  override forward(input: Tensor): Tensor {
    return F.rrelu(inputArg('nn.RReLU', input), this.lower, this.upper, this.training, this.inplace);
  }

  override extraRepr(): string {
    return `lower=${pyFloat(this.lower)}, upper=${pyFloat(this.upper)}${inplaceRepr(this.inplace)}`;
  }
}

export interface HardtanhOptions { minVal?: number; maxVal?: number; inplace?: boolean; minValue?: number | null; maxValue?: number | null }

/** `nn.Hardtanh(min_val=-1., max_val=1., inplace=False)`: clamps to [min_val, max_val]. */
export class Hardtanh extends Module {
  readonly minVal: number;
  readonly maxVal: number;
  readonly inplace: boolean;

  constructor(minVal?: number | HardtanhOptions, maxVal?: number | HardtanhOptions, inplace?: boolean | HardtanhOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Hardtanh';
    const a = v.bindArgs(call, ['minVal', 'maxVal', 'inplace', 'minValue', 'maxValue'], args);
    let minVal = floatArg(call, 'min_val', a.minVal, -1);
    let maxVal = floatArg(call, 'max_val', a.maxVal, 1);
    // Python's deprecated keyword spellings, with its warning.
    if (a.minValue !== undefined && a.minValue !== null) {
      process.emitWarning('keyword argument min_value is deprecated and rename to min_val', 'DeprecationWarning');
      minVal = v.finite(call, 'min_value', a.minValue);
    }
    if (a.maxValue !== undefined && a.maxValue !== null) {
      process.emitWarning('keyword argument max_value is deprecated and rename to max_val', 'DeprecationWarning');
      maxVal = v.finite(call, 'max_value', a.maxValue);
    }
    if (!(maxVal > minVal)) throw new RangeError(`${call}: max_val must be greater than min_val, got min_val=${minVal}, max_val=${maxVal}`);
    this.minVal = minVal;
    this.maxVal = maxVal;
    this.inplace = inplaceArg(call, a.inplace);
  }

  override forward(input: Tensor): Tensor {
    return F.hardtanh(inputArg(`nn.${this._getName()}`, input), this.minVal, this.maxVal, this.inplace);
  }

  override extraRepr(): string {
    return `min_val=${pyFloat(this.minVal)}, max_val=${pyFloat(this.maxVal)}${inplaceRepr(this.inplace)}`;
  }
}

/** `nn.ReLU6(inplace=False)`: Hardtanh(0, 6). */
export class ReLU6 extends Hardtanh {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    const a = v.bindArgs('nn.ReLU6', ['inplace'], args);
    super(0, 6, inplaceArg('nn.ReLU6', a.inplace));
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** `nn.Sigmoid()`. */
export class Sigmoid extends Module {
  constructor() {
    super();
  }

  override forward(input: Tensor): Tensor {
    return inputArg('nn.Sigmoid', input).sigmoid();
  }
}

/** `nn.Hardsigmoid(inplace=False)`. */
export class Hardsigmoid extends InplaceActivation {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super('nn.Hardsigmoid', args);
  }

  override forward(input: Tensor): Tensor {
    return F.hardsigmoid(inputArg('nn.Hardsigmoid', input), this.inplace);
  }
}

/** `nn.Tanh()`. */
export class Tanh extends Module {
  constructor() {
    super();
  }

  override forward(input: Tensor): Tensor {
    return inputArg('nn.Tanh', input).tanh();
  }
}

/** `nn.SiLU(inplace=False)`: x * sigmoid(x). */
export class SiLU extends InplaceActivation {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super('nn.SiLU', args);
  }

  override forward(input: Tensor): Tensor {
    return F.silu(inputArg('nn.SiLU', input), this.inplace);
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** `nn.Mish(inplace=False)`: x * tanh(softplus(x)). */
export class Mish extends InplaceActivation {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super('nn.Mish', args);
  }

  override forward(input: Tensor): Tensor {
    return F.mish(inputArg('nn.Mish', input), this.inplace);
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** `nn.Hardswish(inplace=False)`. */
export class Hardswish extends InplaceActivation {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super('nn.Hardswish', args);
  }

  override forward(input: Tensor): Tensor {
    return F.hardswish(inputArg('nn.Hardswish', input), this.inplace);
  }
}

/** `nn.ELU(alpha=1.0, inplace=False)`. */
export class ELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;

  constructor(alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.ELU';
    const a = v.bindArgs(call, ['alpha', 'inplace'], args);
    this.alpha = floatArg(call, 'alpha', a.alpha, 1);
    this.inplace = inplaceArg(call, a.inplace);
  }

  override forward(input: Tensor): Tensor {
    return F.elu(inputArg('nn.ELU', input), this.alpha, this.inplace);
  }

  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${inplaceRepr(this.inplace)}`;
  }
}

/** `nn.CELU(alpha=1.0, inplace=False)`. */
export class CELU extends Module {
  readonly alpha: number;
  readonly inplace: boolean;

  constructor(alpha?: number | { alpha?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.CELU';
    const a = v.bindArgs(call, ['alpha', 'inplace'], args);
    this.alpha = floatArg(call, 'alpha', a.alpha, 1);
    if (this.alpha === 0) throw new RangeError(`${call}: ZeroDivisionError: alpha cannot be 0 for CELU`);
    this.inplace = inplaceArg(call, a.inplace);
  }

  override forward(input: Tensor): Tensor {
    return F.celu(inputArg('nn.CELU', input), this.alpha, this.inplace);
  }

  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}${inplaceRepr(this.inplace)}`;
  }
}

/** `nn.SELU(inplace=False)`. */
export class SELU extends InplaceActivation {
  constructor(inplace?: boolean | { inplace?: boolean });
  constructor(...args: unknown[]) {
    super('nn.SELU', args);
  }

  override forward(input: Tensor): Tensor {
    return F.selu(inputArg('nn.SELU', input), this.inplace);
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}

/** `nn.GLU(dim=-1)`: a ⊗ σ(b), the input halved along dim. */
export class GLU extends Module {
  readonly dim: number;

  constructor(dim?: number | { dim?: number });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.GLU', ['dim'], args);
    this.dim = a.dim === undefined ? -1 : v.int('nn.GLU', 'dim', a.dim);
  }

  override forward(input: Tensor): Tensor {
    return F.glu(inputArg('nn.GLU', input), this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** `nn.GELU(approximate='none')`; 'tanh' uses the tanh approximation. */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';

  constructor(approximate?: 'none' | 'tanh' | { approximate?: 'none' | 'tanh' });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.GELU', ['approximate'], args);
    this.approximate = a.approximate === undefined ? 'none' : v.oneOf('nn.GELU', 'approximate', a.approximate, ['none', 'tanh'] as const);
  }

  override forward(input: Tensor): Tensor {
    return F.gelu(inputArg('nn.GELU', input), { approximate: this.approximate });
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** `nn.Hardshrink(lambd=0.5)`. */
export class Hardshrink extends Module {
  readonly lambd: number;

  constructor(lambd?: number | { lambd?: number });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.Hardshrink', ['lambd'], args);
    this.lambd = floatArg('nn.Hardshrink', 'lambd', a.lambd, 0.5);
  }

  override forward(input: Tensor): Tensor {
    return F.hardshrink(inputArg('nn.Hardshrink', input), this.lambd);
  }

  override extraRepr(): string {
    return pyFloat(this.lambd);
  }
}

/** `nn.LeakyReLU(negative_slope=0.01, inplace=False)`. */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;

  constructor(negativeSlope?: number | { negativeSlope?: number; inplace?: boolean }, inplace?: boolean);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.LeakyReLU';
    const a = v.bindArgs(call, ['negativeSlope', 'inplace'], args);
    this.negativeSlope = floatArg(call, 'negative_slope', a.negativeSlope, 0.01);
    this.inplace = inplaceArg(call, a.inplace);
  }

  override forward(input: Tensor): Tensor {
    return F.leakyRelu(inputArg('nn.LeakyReLU', input), this.negativeSlope, { inplace: this.inplace });
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${inplaceRepr(this.inplace)}`;
  }
}

/** `nn.LogSigmoid()`. */
export class LogSigmoid extends Module {
  constructor() {
    super();
  }

  override forward(input: Tensor): Tensor {
    return F.logsigmoid(inputArg('nn.LogSigmoid', input));
  }
}

/** `nn.Softplus(beta=1, threshold=20)`: log(1 + exp(beta x)) / beta, linear above threshold. */
export class Softplus extends Module {
  readonly beta: number;
  readonly threshold: number;

  constructor(beta?: number | { beta?: number; threshold?: number }, threshold?: number);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Softplus';
    const a = v.bindArgs(call, ['beta', 'threshold'], args);
    // Python's defaults are the ints 1 and 20 and print so.
    this.beta = floatArg(call, 'beta', a.beta, 1);
    this.threshold = floatArg(call, 'threshold', a.threshold, 20);
  }

  override forward(input: Tensor): Tensor {
    return F.softplus(inputArg('nn.Softplus', input), this.beta, this.threshold);
  }

  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** `nn.Softshrink(lambd=0.5)`. */
export class Softshrink extends Module {
  readonly lambd: number;

  constructor(lambd?: number | { lambd?: number });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.Softshrink', ['lambd'], args);
    this.lambd = floatArg('nn.Softshrink', 'lambd', a.lambd, 0.5);
  }

  override forward(input: Tensor): Tensor {
    return F.softshrink(inputArg('nn.Softshrink', input), this.lambd);
  }

  override extraRepr(): string {
    return pyFloat(this.lambd);
  }
}

export interface PReLUOptions extends FactoryKwargs { numParameters?: number; init?: number }

/** `nn.PReLU(num_parameters=1, init=0.25, device=None, dtype=None)`: a learnt negative slope (per channel). */
export class PReLU extends Module {
  readonly numParameters: number;
  readonly init: number;
  declare weight: Parameter;

  constructor(numParameters?: number | PReLUOptions, init?: number | PReLUOptions, opts?: PReLUOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.PReLU';
    const a = v.bindArgs(call, ['numParameters', 'init'], args, FACTORY);
    this.numParameters = a.numParameters === undefined ? 1 : v.int(call, 'num_parameters', a.numParameters, 1);
    this.init = floatArg(call, 'init', a.init, 0.25);
    this.weight = new Parameter(empty([this.numParameters], factoryKwargs(call, a)));
    this.resetParameters();
  }

  resetParameters(): void {
    init.constant_(this.weight, this.init);
  }

  override forward(input: Tensor): Tensor {
    return F.prelu(inputArg('nn.PReLU', input), this.weight);
  }

  override extraRepr(): string {
    return `num_parameters=${this.numParameters}`;
  }
}

/** `nn.Softsign()`: x / (1 + |x|). */
export class Softsign extends Module {
  constructor() {
    super();
  }

  override forward(input: Tensor): Tensor {
    return F.softsign(inputArg('nn.Softsign', input));
  }
}

/** `nn.Tanhshrink()`: x - tanh(x). */
export class Tanhshrink extends Module {
  constructor() {
    super();
  }

  override forward(input: Tensor): Tensor {
    return F.tanhshrink(inputArg('nn.Tanhshrink', input));
  }
}

/** `dim=None` (the default) leaves the choice to F.softmax's deprecated implicit dim, with its warning. */
function dimArg(call: string, args: unknown[]): number | null {
  const a = v.bindArgs(call, ['dim'], args);
  return a.dim === undefined || a.dim === null ? null : v.int(call, 'dim', a.dim);
}

/** `nn.Softmin(dim=None)`: softmax of -x along dim. */
export class Softmin extends Module {
  readonly dim: number | null;

  constructor(dim?: number | null | { dim?: number | null });
  constructor(...args: unknown[]) {
    super();
    this.dim = dimArg('nn.Softmin', args);
  }

  override forward(input: Tensor): Tensor {
    return F.softmin(inputArg('nn.Softmin', input), this.dim);
  }

  override extraRepr(): string {
    return `dim=${pyRepr(this.dim)}`;
  }
}

/** `nn.Softmax(dim=None)`. */
export class Softmax extends Module {
  readonly dim: number | null;

  constructor(dim?: number | null | { dim?: number | null });
  constructor(...args: unknown[]) {
    super();
    this.dim = dimArg('nn.Softmax', args);
  }

  override forward(input: Tensor): Tensor {
    return F.softmax(inputArg('nn.Softmax', input), this.dim);
  }

  override extraRepr(): string {
    return `dim=${pyRepr(this.dim)}`;
  }
}

/** `nn.Softmax2d()`: softmax over the channels of (N, C, H, W) or (C, H, W). */
export class Softmax2d extends Module {
  constructor() {
    super();
  }

  override forward(input: Tensor): Tensor {
    const x = inputArg('nn.Softmax2d', input);
    if (x.dim() !== 3 && x.dim() !== 4) throw new RangeError(`nn.Softmax2d.forward: expected input to be 3D or 4D, got ${x.dim()}D`);
    return F.softmax(x, -3);
  }
}

/** `nn.LogSoftmax(dim=None)`. */
export class LogSoftmax extends Module {
  readonly dim: number | null;

  constructor(dim?: number | null | { dim?: number | null });
  constructor(...args: unknown[]) {
    super();
    this.dim = dimArg('nn.LogSoftmax', args);
  }

  override forward(input: Tensor): Tensor {
    return F.logSoftmax(inputArg('nn.LogSoftmax', input), this.dim);
  }

  override extraRepr(): string {
    return `dim=${pyRepr(this.dim)}`;
  }
}

export interface MultiheadAttentionOptions extends FactoryKwargs {
  embedDim?: number;
  numHeads?: number;
  dropout?: number;
  bias?: boolean;
  addBiasKv?: boolean;
  addZeroAttn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batchFirst?: boolean;
}

export interface MultiheadAttentionForwardOptions {
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  averageAttnWeights?: boolean;
}

/**
 * `nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False,
 * kdim=None, vdim=None, batch_first=False, device=None, dtype=None)`. Parameters and the child keep
 * Python's names (`in_proj_weight`, `in_proj_bias`, `q/k/v_proj_weight`, `bias_k`, `bias_v`, `out_proj`),
 * so state dicts are Python's; camelCase getters read them too. `forward(query, key, value,
 * { keyPaddingMask, needWeights, attnMask, averageAttnWeights })` returns `[attnOutput, attnWeights | null]`.
 * It always takes F.multi_head_attention_forward's path; Python's fused inference path computes the same.
 */
export class MultiheadAttention extends Module {
  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly _qkvSameEmbedDim: boolean;
  readonly numHeads: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly headDim: number;
  readonly addZeroAttn: boolean;
  declare in_proj_weight: Parameter | null;
  declare q_proj_weight: Parameter | null;
  declare k_proj_weight: Parameter | null;
  declare v_proj_weight: Parameter | null;
  declare in_proj_bias: Parameter | null;
  declare out_proj: NonDynamicallyQuantizableLinear;
  declare bias_k: Parameter | null;
  declare bias_v: Parameter | null;

  constructor(embedDim: number | MultiheadAttentionOptions, numHeads?: number | MultiheadAttentionOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.MultiheadAttention';
    const o = v.bindArgs(call, ['embedDim', 'numHeads', 'dropout', 'bias', 'addBiasKv', 'addZeroAttn', 'kdim', 'vdim', 'batchFirst'], args, FACTORY);
    const fk = factoryKwargs(call, o);
    const embedDim = v.int(call, 'embed_dim', o.embedDim, 1);
    this.embedDim = embedDim;
    this.kdim = o.kdim === undefined || o.kdim === null ? embedDim : v.int(call, 'kdim', o.kdim, 1);
    this.vdim = o.vdim === undefined || o.vdim === null ? embedDim : v.int(call, 'vdim', o.vdim, 1);
    this._qkvSameEmbedDim = this.kdim === embedDim && this.vdim === embedDim;
    this.numHeads = v.int(call, 'num_heads', o.numHeads, 1);
    this.dropout = floatArg(call, 'dropout', o.dropout, 0);
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new RangeError(`${call}: dropout probability has to be between 0 and 1, but got ${this.dropout}`);
    this.batchFirst = o.batchFirst === undefined ? false : v.bool(call, 'batch_first', o.batchFirst);
    this.headDim = Math.floor(embedDim / this.numHeads);
    if (this.headDim * this.numHeads !== embedDim) throw new RangeError(`${call}: embed_dim must be divisible by num_heads, got embed_dim=${embedDim} and num_heads=${this.numHeads}`);
    const bias = o.bias === undefined ? true : v.bool(call, 'bias', o.bias);
    const addBiasKv = o.addBiasKv === undefined ? false : v.bool(call, 'add_bias_kv', o.addBiasKv);
    const addZeroAttn = o.addZeroAttn === undefined ? false : v.bool(call, 'add_zero_attn', o.addZeroAttn);

    if (!this._qkvSameEmbedDim) {
      this.q_proj_weight = new Parameter(empty([embedDim, embedDim], fk));
      this.k_proj_weight = new Parameter(empty([embedDim, this.kdim], fk));
      this.v_proj_weight = new Parameter(empty([embedDim, this.vdim], fk));
      this.registerParameter('in_proj_weight', null);
    } else {
      this.in_proj_weight = new Parameter(empty([3 * embedDim, embedDim], fk));
      this.registerParameter('q_proj_weight', null);
      this.registerParameter('k_proj_weight', null);
      this.registerParameter('v_proj_weight', null);
    }
    if (bias) this.in_proj_bias = new Parameter(empty([3 * embedDim], fk));
    else this.registerParameter('in_proj_bias', null);
    this.out_proj = new NonDynamicallyQuantizableLinear(embedDim, embedDim, { bias, ...fk });
    if (addBiasKv) {
      this.bias_k = new Parameter(empty([1, 1, embedDim], fk));
      this.bias_v = new Parameter(empty([1, 1, embedDim], fk));
    } else {
      // Plain attributes in Python too (not registered as None parameters).
      this.bias_k = null;
      this.bias_v = null;
    }
    this.addZeroAttn = addZeroAttn;
    this._resetParameters();
  }

  protected _resetParameters(): void {
    if (this._qkvSameEmbedDim) init.xavierUniform_(this.in_proj_weight!);
    else {
      init.xavierUniform_(this.q_proj_weight!);
      init.xavierUniform_(this.k_proj_weight!);
      init.xavierUniform_(this.v_proj_weight!);
    }
    if (this.in_proj_bias !== null) {
      init.constant_(this.in_proj_bias, 0);
      init.constant_(this.out_proj.bias!, 0);
    }
    if (this.bias_k !== null) init.xavierNormal_(this.bias_k);
    if (this.bias_v !== null) init.xavierNormal_(this.bias_v);
  }

  get inProjWeight(): Parameter | null { return this.in_proj_weight; }
  get inProjBias(): Parameter | null { return this.in_proj_bias; }
  get qProjWeight(): Parameter | null { return this.q_proj_weight; }
  get kProjWeight(): Parameter | null { return this.k_proj_weight; }
  get vProjWeight(): Parameter | null { return this.v_proj_weight; }
  get outProj(): NonDynamicallyQuantizableLinear { return this.out_proj; }
  get biasK(): Parameter | null { return this.bias_k; }
  get biasV(): Parameter | null { return this.bias_v; }

  /** `forward(query, key, value, key_padding_mask=None, need_weights=True, attn_mask=None, average_attn_weights=True)`. */
  override forward(query: Tensor, key: Tensor, value: Tensor, keyPaddingMask?: Tensor | null | MultiheadAttentionForwardOptions, ...rest: unknown[]): [Tensor, Tensor | null] {
    const call = 'nn.MultiheadAttention.forward';
    let q = tensorArg(call, 'query', query);
    let k = tensorArg(call, 'key', key);
    let val = tensorArg(call, 'value', value);
    const o = v.bindArgs(call, ['keyPaddingMask', 'needWeights', 'attnMask', 'averageAttnWeights'], [keyPaddingMask, ...rest]);
    const kpm = optTensor(call, 'key_padding_mask', o.keyPaddingMask);
    if (kpm !== null && kpm.dtype.name !== 'bool' && !kpm.dtype.isFloatingPoint) throw new TypeError(`${call}: only bool and floating types of key_padding_mask are supported`);
    const batched = q.dim() === 3;
    if (this.batchFirst && batched) {
      // Transposed once each, so that query/key/value that were one tensor stay one (self-attention).
      if (k === val) {
        if (q === k) q = k = val = q.transpose(1, 0);
        else {
          q = q.transpose(1, 0);
          k = val = k.transpose(1, 0);
        }
      } else {
        [q, k, val] = [q.transpose(1, 0), k.transpose(1, 0), val.transpose(1, 0)];
      }
    }
    const common = {
      training: this.training, keyPaddingMask: kpm, needWeights: o.needWeights === undefined ? true : v.bool(call, 'need_weights', o.needWeights),
      attnMask: optTensor(call, 'attn_mask', o.attnMask), averageAttnWeights: o.averageAttnWeights === undefined ? true : v.bool(call, 'average_attn_weights', o.averageAttnWeights),
    };
    const separate = this._qkvSameEmbedDim ? {} : { useSeparateProjWeight: true, qProjWeight: this.q_proj_weight, kProjWeight: this.k_proj_weight, vProjWeight: this.v_proj_weight };
    const [out, weights] = F.multiHeadAttentionForward(q, k, val, this.embedDim, this.numHeads, this.in_proj_weight, this.in_proj_bias,
      this.bias_k, this.bias_v, this.addZeroAttn, this.dropout, this.out_proj.weight, this.out_proj.bias, { ...common, ...separate });
    return this.batchFirst && batched ? [out.transpose(1, 0), weights] : [out, weights];
  }
}
