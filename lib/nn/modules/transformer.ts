// torch.nn.Transformer, TransformerEncoder/Decoder and their layers (torch/nn/modules/transformer.py,
// PyTorch 1.13), TypeScript over MultiheadAttention, Linear, Dropout and LayerNorm. Children keep
// Python's names (`self_attn`, `multihead_attn`, `linear1`, `norm1`, ...), so state dicts and reprs are
// Python's. Encoder/decoder layers are copied with Python's deepcopy semantics (the same initial
// weights in every layer), and Transformer re-initialises every matrix with xavier_uniform_ in
// parameters() order, as Python does.
import { Tensor, tensorArg } from '../../tensor';
import { full } from '../../creation';
import { isGradEnabled } from '../../autograd';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { MultiheadAttention, ReLU, GELU } from './activation';
import { ModuleList } from './container';
import { Dropout } from './dropout';
import { Linear } from './linear';
import { LayerNorm } from './normalization';
import { FACTORY, factoryKwargs, floatArg, optTensor } from './utils';
import { deepcopyModule } from '../_deepcopy';

export type Activation = 'relu' | 'gelu' | ((x: Tensor) => Tensor) | Module;

/** Python's `_get_clones(module, N)`: a ModuleList of N deep copies. */
function getClones(module: Module, n: number): ModuleList {
  return new ModuleList(Array.from({ length: n }, () => deepcopyModule(module)));
}

/** Python's `_get_activation_fn` and the layers' `activation_relu_or_gelu` (1 relu, 2 gelu, 0 other). */
function activationArg(call: string, a: unknown): [((x: Tensor) => Tensor) | Module, number] {
  if (a === undefined || a === 'relu') return [F.relu as (x: Tensor) => Tensor, 1];
  if (a === 'gelu') return [F.gelu as (x: Tensor) => Tensor, 2];
  if (typeof a === 'string') throw new RangeError(`${call}: activation should be relu/gelu, not ${a}`);
  if (a instanceof Module) return [a, a instanceof ReLU ? 1 : a instanceof GELU ? 2 : 0];
  if (typeof a === 'function') return [a as (x: Tensor) => Tensor, a === F.relu ? 1 : a === F.gelu ? 2 : 0];
  throw new TypeError(`${call}: activation must be 'relu', 'gelu', a function or an nn.Module, got ${a === null ? 'null' : typeof a}`);
}

function applyActivation(act: ((x: Tensor) => Tensor) | Module, x: Tensor): Tensor {
  return act instanceof Module ? act.forward(x) : act(x);
}

function keyPaddingMaskArg(call: string, x: unknown, name: string): Tensor | null {
  const t = optTensor(call, name, x);
  if (t !== null && t.dtype.name !== 'bool' && !t.dtype.isFloatingPoint) throw new TypeError(`${call}: only bool and floating types of key_padding_mask are supported`);
  return t;
}

// ---------------------------------------------------------------- layers

interface LayerOptions {
  dModel?: number;
  nhead?: number;
  dimFeedforward?: number;
  dropout?: number;
  activation?: Activation;
  layerNormEps?: number;
  batchFirst?: boolean;
  normFirst?: boolean;
}
export type TransformerEncoderLayerOptions = LayerOptions & { device?: unknown; dtype?: unknown };
export type TransformerDecoderLayerOptions = TransformerEncoderLayerOptions;

const LAYER_ARGS = ['dModel', 'nhead', 'dimFeedforward', 'dropout', 'activation', 'layerNormEps', 'batchFirst', 'normFirst'];

function layerArgs(call: string, args: unknown[]) {
  const o = v.bindArgs(call, LAYER_ARGS, args, FACTORY);
  return {
    dModel: v.int(call, 'd_model', o.dModel, 1),
    nhead: v.int(call, 'nhead', o.nhead, 1),
    dimFeedforward: o.dimFeedforward === undefined ? 2048 : v.int(call, 'dim_feedforward', o.dimFeedforward, 1),
    dropout: floatArg(call, 'dropout', o.dropout, 0.1),
    activation: o.activation,
    layerNormEps: floatArg(call, 'layer_norm_eps', o.layerNormEps, 1e-5),
    batchFirst: o.batchFirst === undefined ? false : v.bool(call, 'batch_first', o.batchFirst),
    normFirst: o.normFirst === undefined ? false : v.bool(call, 'norm_first', o.normFirst),
    fk: factoryKwargs(call, o),
  };
}

/**
 * `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=relu,
 * layer_norm_eps=1e-05, batch_first=False, norm_first=False, device=None, dtype=None)`; activation is
 * 'relu', 'gelu', a function or a module (a module is a child, as in Python).
 * `forward(src, { srcMask, srcKeyPaddingMask })`.
 */
export class TransformerEncoderLayer extends Module {
  declare self_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  readonly normFirst: boolean;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  readonly activationReluOrGelu: number;
  declare activation: ((x: Tensor) => Tensor) | Module;

  constructor(dModel: number | TransformerEncoderLayerOptions, nhead?: number | TransformerEncoderLayerOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.TransformerEncoderLayer';
    const a = layerArgs(call, args);
    this.self_attn = new MultiheadAttention(a.dModel, a.nhead, { dropout: a.dropout, batchFirst: a.batchFirst, ...a.fk });
    this.linear1 = new Linear(a.dModel, a.dimFeedforward, a.fk);
    this.dropout = new Dropout(a.dropout);
    this.linear2 = new Linear(a.dimFeedforward, a.dModel, a.fk);
    this.normFirst = a.normFirst;
    this.norm1 = new LayerNorm(a.dModel, { eps: a.layerNormEps, ...a.fk });
    this.norm2 = new LayerNorm(a.dModel, { eps: a.layerNormEps, ...a.fk });
    this.dropout1 = new Dropout(a.dropout);
    this.dropout2 = new Dropout(a.dropout);
    const [act, kind] = activationArg(call, a.activation);
    this.activationReluOrGelu = kind;
    this.activation = act;
  }

  /** `self_attn` under its camelCase name. */
  get selfAttn(): MultiheadAttention { return this.self_attn; }

  /** `forward(src, src_mask=None, src_key_padding_mask=None)`. */
  override forward(src: Tensor, srcMask?: Tensor | null | { srcMask?: Tensor | null; srcKeyPaddingMask?: Tensor | null }, srcKeyPaddingMask?: Tensor | null): Tensor {
    const call = 'nn.TransformerEncoderLayer.forward';
    let x = tensorArg(call, 'src', src);
    const o = v.bindArgs(call, ['srcMask', 'srcKeyPaddingMask'], [srcMask, srcKeyPaddingMask]);
    const mask = optTensor(call, 'src_mask', o.srcMask);
    const kpm = keyPaddingMaskArg(call, o.srcKeyPaddingMask, 'src_key_padding_mask');
    if (this.normFirst) {
      x = x.add(this._saBlock(this.norm1.forward(x), mask, kpm));
      x = x.add(this._ffBlock(this.norm2.forward(x)));
    } else {
      x = this.norm1.forward(x.add(this._saBlock(x, mask, kpm)));
      x = this.norm2.forward(x.add(this._ffBlock(x)));
    }
    return x;
  }

  protected _saBlock(x: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.self_attn.forward(x, x, x, { attnMask, keyPaddingMask, needWeights: false });
    return this.dropout1.forward(y);
  }

  protected _ffBlock(x: Tensor): Tensor {
    const y = this.linear2.forward(this.dropout.forward(applyActivation(this.activation, this.linear1.forward(x))));
    return this.dropout2.forward(y);
  }
}

/**
 * `nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=relu,
 * layer_norm_eps=1e-05, batch_first=False, norm_first=False, device=None, dtype=None)`.
 * `forward(tgt, memory, { tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask })`.
 */
export class TransformerDecoderLayer extends Module {
  declare self_attn: MultiheadAttention;
  declare multihead_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  readonly normFirst: boolean;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare norm3: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare dropout3: Dropout;
  declare activation: ((x: Tensor) => Tensor) | Module;

  constructor(dModel: number | TransformerDecoderLayerOptions, nhead?: number | TransformerDecoderLayerOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.TransformerDecoderLayer';
    const a = layerArgs(call, args);
    this.self_attn = new MultiheadAttention(a.dModel, a.nhead, { dropout: a.dropout, batchFirst: a.batchFirst, ...a.fk });
    this.multihead_attn = new MultiheadAttention(a.dModel, a.nhead, { dropout: a.dropout, batchFirst: a.batchFirst, ...a.fk });
    this.linear1 = new Linear(a.dModel, a.dimFeedforward, a.fk);
    this.dropout = new Dropout(a.dropout);
    this.linear2 = new Linear(a.dimFeedforward, a.dModel, a.fk);
    this.normFirst = a.normFirst;
    this.norm1 = new LayerNorm(a.dModel, { eps: a.layerNormEps, ...a.fk });
    this.norm2 = new LayerNorm(a.dModel, { eps: a.layerNormEps, ...a.fk });
    this.norm3 = new LayerNorm(a.dModel, { eps: a.layerNormEps, ...a.fk });
    this.dropout1 = new Dropout(a.dropout);
    this.dropout2 = new Dropout(a.dropout);
    this.dropout3 = new Dropout(a.dropout);
    this.activation = activationArg(call, a.activation)[0];
  }

  get selfAttn(): MultiheadAttention { return this.self_attn; }
  get multiheadAttn(): MultiheadAttention { return this.multihead_attn; }

  /** `forward(tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None)`. */
  override forward(tgt: Tensor, memory: Tensor, ...rest: unknown[]): Tensor {
    const call = 'nn.TransformerDecoderLayer.forward';
    let x = tensorArg(call, 'tgt', tgt);
    const mem = tensorArg(call, 'memory', memory);
    const o = v.bindArgs(call, ['tgtMask', 'memoryMask', 'tgtKeyPaddingMask', 'memoryKeyPaddingMask'], rest);
    const tgtMask = optTensor(call, 'tgt_mask', o.tgtMask);
    const memoryMask = optTensor(call, 'memory_mask', o.memoryMask);
    const tgtKpm = optTensor(call, 'tgt_key_padding_mask', o.tgtKeyPaddingMask);
    const memKpm = optTensor(call, 'memory_key_padding_mask', o.memoryKeyPaddingMask);
    if (this.normFirst) {
      x = x.add(this._saBlock(this.norm1.forward(x), tgtMask, tgtKpm));
      x = x.add(this._mhaBlock(this.norm2.forward(x), mem, memoryMask, memKpm));
      x = x.add(this._ffBlock(this.norm3.forward(x)));
    } else {
      x = this.norm1.forward(x.add(this._saBlock(x, tgtMask, tgtKpm)));
      x = this.norm2.forward(x.add(this._mhaBlock(x, mem, memoryMask, memKpm)));
      x = this.norm3.forward(x.add(this._ffBlock(x)));
    }
    return x;
  }

  protected _saBlock(x: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.self_attn.forward(x, x, x, { attnMask, keyPaddingMask, needWeights: false });
    return this.dropout1.forward(y);
  }

  protected _mhaBlock(x: Tensor, mem: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.multihead_attn.forward(x, mem, mem, { attnMask, keyPaddingMask, needWeights: false });
    return this.dropout2.forward(y);
  }

  protected _ffBlock(x: Tensor): Tensor {
    const y = this.linear2.forward(this.dropout.forward(applyActivation(this.activation, this.linear1.forward(x))));
    return this.dropout3.forward(y);
  }
}

// ---------------------------------------------------------------- stacks

function layerArg(call: string, name: string, x: unknown): Module {
  if (!(x instanceof Module)) throw new TypeError(`${call}: ${name} must be an nn.Module, got ${x === null ? 'null' : typeof x}`);
  return x;
}

function optModule(call: string, name: string, x: unknown): Module | null {
  return x === undefined || x === null ? null : layerArg(call, name, x);
}

export interface TransformerEncoderOptions { encoderLayer?: Module; numLayers?: number; norm?: Module | null; enableNestedTensor?: boolean; maskCheck?: boolean }

/**
 * `nn.TransformerEncoder(encoder_layer, num_layers, norm=None, enable_nested_tensor=True, mask_check=True)`:
 * num_layers deep copies of encoder_layer. `forward(src, { mask, srcKeyPaddingMask })`.
 */
export class TransformerEncoder extends Module {
  declare layers: ModuleList;
  readonly numLayers: number;
  declare norm: Module | null;
  readonly enableNestedTensor: boolean;
  readonly maskCheck: boolean;

  constructor(encoderLayer: Module | TransformerEncoderOptions, numLayers?: number | TransformerEncoderOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.TransformerEncoder';
    const o = v.bindArgs(call, ['encoderLayer', 'numLayers', 'norm', 'enableNestedTensor', 'maskCheck'], args);
    const layer = layerArg(call, 'encoder_layer', o.encoderLayer);
    this.numLayers = v.int(call, 'num_layers', o.numLayers, 0);
    this.layers = getClones(layer, this.numLayers);
    this.norm = optModule(call, 'norm', o.norm);
    this.enableNestedTensor = o.enableNestedTensor === undefined ? true : v.bool(call, 'enable_nested_tensor', o.enableNestedTensor);
    this.maskCheck = o.maskCheck === undefined ? true : v.bool(call, 'mask_check', o.maskCheck);
  }

  /** `forward(src, mask=None, src_key_padding_mask=None)`. */
  override forward(src: Tensor, mask?: Tensor | null | { mask?: Tensor | null; srcKeyPaddingMask?: Tensor | null }, srcKeyPaddingMask?: Tensor | null): Tensor {
    const call = 'nn.TransformerEncoder.forward';
    let output = tensorArg(call, 'src', src);
    const o = v.bindArgs(call, ['mask', 'srcKeyPaddingMask'], [mask, srcKeyPaddingMask]);
    const m = optTensor(call, 'mask', o.mask);
    const kpm = keyPaddingMaskArg(call, o.srcKeyPaddingMask, 'src_key_padding_mask');
    const padded = this._nestedPadding(output, m, kpm);
    for (const mod of this.layers) output = (mod as TransformerEncoderLayer).forward(output, { srcMask: m, srcKeyPaddingMask: kpm });
    // Python's inference path runs the layers on a nested tensor and pads it back with zeros.
    if (padded !== null) output = output.maskedFill(padded.unsqueeze(-1), 0);
    if (this.norm !== null) output = this.norm.forward(output);
    return output;
  }

  /**
   * Where Python 1.13 converts src to a nested tensor (inference, batch_first, a left-aligned padding
   * mask, no grad needed...), the padded positions of the output are zeros; returns them, or null.
   */
  private _nestedPadding(src: Tensor, mask: Tensor | null, kpm: Tensor | null): Tensor | null {
    const first = this.layers.length > 0 ? this.layers.at(0) : null;
    if (!(first instanceof TransformerEncoderLayer) || first.normFirst || first.training || kpm === null || mask !== null) return null;
    const sa = first.self_attn;
    if (!sa.batchFirst || !sa._qkvSameEmbedDim || !first.activationReluOrGelu || first.norm1.eps !== first.norm2.eps) return null;
    if (src.dim() !== 3 || !this.enableNestedTensor || sa.numHeads % 2 === 1) return null;
    const pad = kpm.dtype.name === 'bool' ? kpm : kpm.ne(0);
    if (this.maskCheck) {
      // left aligned: no valid position after a padded one
      const valid = pad.logicalNot().to(src.dtype);
      if (!(valid.cummin(1)[0].eq(valid).all().item() as boolean)) return null;
    }
    const tensors = [src, sa.in_proj_weight, sa.in_proj_bias, sa.out_proj.weight, sa.out_proj.bias, first.norm1.weight, first.norm1.bias,
      first.norm2.weight, first.norm2.bias, first.linear1.weight, first.linear1.bias, first.linear2.weight, first.linear2.bias];
    if (tensors.some((t) => t === null)) return null;
    if (isGradEnabled() && tensors.some((t) => t!.requiresGrad)) return null;
    return pad;
  }
}

export interface TransformerDecoderOptions { decoderLayer?: Module; numLayers?: number; norm?: Module | null }

/** `nn.TransformerDecoder(decoder_layer, num_layers, norm=None)`. `forward(tgt, memory, { tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask })`. */
export class TransformerDecoder extends Module {
  declare layers: ModuleList;
  readonly numLayers: number;
  declare norm: Module | null;

  constructor(decoderLayer: Module | TransformerDecoderOptions, numLayers?: number | TransformerDecoderOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.TransformerDecoder';
    const o = v.bindArgs(call, ['decoderLayer', 'numLayers', 'norm'], args);
    const layer = layerArg(call, 'decoder_layer', o.decoderLayer);
    this.numLayers = v.int(call, 'num_layers', o.numLayers, 0);
    this.layers = getClones(layer, this.numLayers);
    this.norm = optModule(call, 'norm', o.norm);
  }

  /** `forward(tgt, memory, tgt_mask=None, memory_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None)`. */
  override forward(tgt: Tensor, memory: Tensor, ...rest: unknown[]): Tensor {
    const call = 'nn.TransformerDecoder.forward';
    let output = tensorArg(call, 'tgt', tgt);
    const mem = tensorArg(call, 'memory', memory);
    const o = v.bindArgs(call, ['tgtMask', 'memoryMask', 'tgtKeyPaddingMask', 'memoryKeyPaddingMask'], rest);
    for (const mod of this.layers) output = (mod as TransformerDecoderLayer).forward(output, mem, o);
    if (this.norm !== null) output = this.norm.forward(output);
    return output;
  }
}

export interface TransformerOptions extends LayerOptions {
  numEncoderLayers?: number;
  numDecoderLayers?: number;
  customEncoder?: Module | null;
  customDecoder?: Module | null;
  device?: unknown;
  dtype?: unknown;
}

/**
 * `nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048,
 * dropout=0.1, activation=relu, custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05,
 * batch_first=False, norm_first=False, device=None, dtype=None)`.
 * `forward(src, tgt, { srcMask, tgtMask, memoryMask, srcKeyPaddingMask, tgtKeyPaddingMask, memoryKeyPaddingMask })`.
 */
export class Transformer extends Module {
  declare encoder: Module;
  declare decoder: Module;
  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;

  constructor(dModel?: number | TransformerOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Transformer';
    const o = v.bindArgs(call, ['dModel', 'nhead', 'numEncoderLayers', 'numDecoderLayers', 'dimFeedforward', 'dropout', 'activation', 'customEncoder', 'customDecoder', 'layerNormEps', 'batchFirst', 'normFirst'], args, FACTORY);
    const dModel = o.dModel === undefined ? 512 : v.int(call, 'd_model', o.dModel, 1);
    const nhead = o.nhead === undefined ? 8 : v.int(call, 'nhead', o.nhead, 1);
    const numEnc = o.numEncoderLayers === undefined ? 6 : v.int(call, 'num_encoder_layers', o.numEncoderLayers, 0);
    const numDec = o.numDecoderLayers === undefined ? 6 : v.int(call, 'num_decoder_layers', o.numDecoderLayers, 0);
    const layerOpts = {
      dimFeedforward: o.dimFeedforward === undefined ? 2048 : o.dimFeedforward, dropout: o.dropout === undefined ? 0.1 : o.dropout, activation: o.activation,
      layerNormEps: o.layerNormEps === undefined ? 1e-5 : o.layerNormEps, batchFirst: o.batchFirst === undefined ? false : o.batchFirst,
      normFirst: o.normFirst === undefined ? false : o.normFirst, device: o.device, dtype: o.dtype,
    } as TransformerEncoderLayerOptions;
    const fk = factoryKwargs(call, o);
    const eps = floatArg(call, 'layer_norm_eps', o.layerNormEps, 1e-5);
    const customEncoder = optModule(call, 'custom_encoder', o.customEncoder);
    const customDecoder = optModule(call, 'custom_decoder', o.customDecoder);
    if (customEncoder !== null) this.encoder = customEncoder;
    else {
      const layer = new TransformerEncoderLayer(dModel, nhead, layerOpts);
      this.encoder = new TransformerEncoder(layer, numEnc, new LayerNorm(dModel, { eps, ...fk }));
    }
    if (customDecoder !== null) this.decoder = customDecoder;
    else {
      const layer = new TransformerDecoderLayer(dModel, nhead, layerOpts);
      this.decoder = new TransformerDecoder(layer, numDec, new LayerNorm(dModel, { eps, ...fk }));
    }
    this._resetParameters();
    this.dModel = dModel;
    this.nhead = nhead;
    this.batchFirst = layerOpts.batchFirst as boolean;
  }

  /** `forward(src, tgt, src_mask=None, tgt_mask=None, memory_mask=None, src_key_padding_mask=None, tgt_key_padding_mask=None, memory_key_padding_mask=None)`. */
  override forward(src: Tensor, tgt: Tensor, ...rest: unknown[]): Tensor {
    const call = 'nn.Transformer.forward';
    const s = tensorArg(call, 'src', src);
    const t = tensorArg(call, 'tgt', tgt);
    const o = v.bindArgs(call, ['srcMask', 'tgtMask', 'memoryMask', 'srcKeyPaddingMask', 'tgtKeyPaddingMask', 'memoryKeyPaddingMask'], rest);
    const batched = s.dim() === 3;
    if (batched && s.size(this.batchFirst ? 0 : 1) !== t.size(this.batchFirst ? 0 : 1)) throw new RangeError(`${call}: the batch number of src and tgt must be equal`);
    if (s.size(-1) !== this.dModel || t.size(-1) !== this.dModel) throw new RangeError(`${call}: the feature number of src and tgt must be equal to d_model`);
    const memory = (this.encoder as TransformerEncoder).forward(s, { mask: o.srcMask as Tensor | null, srcKeyPaddingMask: o.srcKeyPaddingMask as Tensor | null });
    return (this.decoder as TransformerDecoder).forward(t, memory, { tgtMask: o.tgtMask, memoryMask: o.memoryMask, tgtKeyPaddingMask: o.tgtKeyPaddingMask, memoryKeyPaddingMask: o.memoryKeyPaddingMask });
  }

  /** `generate_square_subsequent_mask(sz)`: -inf above the diagonal, 0 elsewhere. */
  static generateSquareSubsequentMask(sz: number, opts?: { device?: unknown }): Tensor {
    const call = 'nn.Transformer.generate_square_subsequent_mask';
    const n = v.int(call, 'sz', sz, 0);
    const o = v.bindArgs(call, [], [opts], ['device']);
    return full([n, n], -Infinity, factoryKwargs(call, o)).triu(1);
  }

  /** The same staticmethod reached through an instance, as Python allows (`self.transformer.generate_square_subsequent_mask(sz)` in language_translation). */
  generateSquareSubsequentMask(sz: number, opts?: { device?: unknown }): Tensor {
    return (this.constructor as typeof Transformer).generateSquareSubsequentMask(sz, opts);
  }

  private _resetParameters(): void {
    for (const p of this.parameters()) if (p.dim() > 1) init.xavierUniform_(p);
  }
}
