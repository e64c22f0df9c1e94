// torchvision.models.vision_transformer (torchvision 0.14): ViT B/16, B/32, L/16, L/32, H/14.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { empty, zeros } from '../../creation';
import { cat } from '../../functions';
import { slice } from '../../_indexing';
import * as v from '../../validate';
import { WeightsEnum, buildModel, overwriteNamedParam, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { GELU, LayerFactory, LayerNorm, makeLayer, partial, truncNormal_ } from './_layers';
import { Conv2dNormActivation, MLP } from '../ops/misc';

/** `ConvStemConfig(out_channels, kernel_size, stride, norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU)`. */
export interface ConvStemConfig {
  outChannels: number;
  kernelSize: number;
  stride: number;
  normLayer?: LayerFactory;
  activationLayer?: LayerFactory;
}

/** Transformer MLP block. */
export class MLPBlock extends MLP {
  // Version 2 names its layers as MLP does (0 and 3, not linear_1 and linear_2).
  static override _version = 2;
  constructor(inDim: number, mlpDim: number, dropout: number) {
    super(inDim, [mlpDim, inDim], { activationLayer: GELU, inplace: null, dropout });
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.xavierUniform_(m.weight);
        if (m.bias !== null) nn.init.normal_(m.bias, { std: 1e-6 });
      }
    }
  }
}

/** Checkpoints saved before MLPBlock became an MLP name its layers linear_1/linear_2 (Python's version-1 rename). */
function renameOldMlpKeys(sd: Map<string, Tensor>): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [k, t] of sd) {
    const m = /^(.*\.mlp\.)linear_([12])\.(weight|bias)$/.exec(k);
    out.set(m ? `${m[1]}${3 * (Number(m[2]) - 1)}.${m[3]}` : k, t);
  }
  return out;
}

const defaultNorm = (): LayerFactory => partial(LayerNorm, { eps: 1e-6 });

/** Transformer encoder block. */
export class EncoderBlock extends nn.Module {
  numHeads: number;
  ln_1: nn.Module;
  self_attention: nn.Module;
  dropout: nn.Dropout;
  ln_2: nn.Module;
  mlp: MLPBlock;

  constructor(numHeads: number, hiddenDim: number, mlpDim: number, dropout: number, attentionDropout: number, normLayer: LayerFactory = defaultNorm()) {
    super();
    this.numHeads = numHeads;
    // Attention block
    this.ln_1 = makeLayer(normLayer, hiddenDim);
    const MHA = (nn as unknown as Record<string, new (...a: unknown[]) => nn.Module>).MultiheadAttention;
    this.self_attention = new MHA(hiddenDim, numHeads, { dropout: attentionDropout, batchFirst: true });
    this.dropout = new nn.Dropout(dropout);
    // MLP block
    this.ln_2 = makeLayer(normLayer, hiddenDim);
    this.mlp = new MLPBlock(hiddenDim, mlpDim, dropout);
  }

  override forward(input: Tensor): Tensor {
    if (!(input instanceof Tensor) || input.dim() !== 3) throw new RangeError(`Expected (batch_size, seq_length, hidden_dim) got ${input instanceof Tensor ? `[${input.shape.join(', ')}]` : String(input)}`);
    let x = this.ln_1.forward(input);
    [x] = this.self_attention.forward(x, x, x, { needWeights: false }) as [Tensor, Tensor | null];
    x = this.dropout.forward(x);
    x = x.add(input);
    const y = this.mlp.forward(this.ln_2.forward(x));
    return x.add(y);
  }
}

/** Transformer Model Encoder for sequence to sequence translation. */
export class Encoder extends nn.Module {
  pos_embedding: nn.Parameter;
  dropout: nn.Dropout;
  layers: nn.Sequential;
  ln: nn.Module;

  constructor(seqLength: number, numLayers: number, numHeads: number, hiddenDim: number, mlpDim: number, dropout: number, attentionDropout: number, normLayer: LayerFactory = defaultNorm()) {
    super();
    // Note that batch_size is on the first dim because we have batch_first=True in nn.MultiAttention() by default
    this.pos_embedding = new nn.Parameter(empty(1, seqLength, hiddenDim).normal_(0, 0.02)); // from BERT
    this.dropout = new nn.Dropout(dropout);
    const layers = new Map<string, nn.Module>();
    for (let i = 0; i < numLayers; i++) layers.set(`encoder_layer_${i}`, new EncoderBlock(numHeads, hiddenDim, mlpDim, dropout, attentionDropout, normLayer));
    this.layers = new nn.Sequential(layers);
    this.ln = makeLayer(normLayer, hiddenDim);
  }

  override forward(input: Tensor): Tensor {
    if (!(input instanceof Tensor) || input.dim() !== 3) throw new RangeError(`Expected (batch_size, seq_length, hidden_dim) got ${input instanceof Tensor ? `[${input.shape.join(', ')}]` : String(input)}`);
    input = input.add(this.pos_embedding);
    return this.ln.forward(this.layers.forward(this.dropout.forward(input)));
  }
}

const VIT_ARGS = ['imageSize', 'patchSize', 'numLayers', 'numHeads', 'hiddenDim', 'mlpDim', 'dropout', 'attentionDropout', 'numClasses', 'representationSize', 'normLayer', 'convStemConfigs'];

/**
 * `VisionTransformer(image_size, patch_size, num_layers, num_heads, hidden_dim, mlp_dim, dropout=0.0,
 * attention_dropout=0.0, num_classes=1000, representation_size=None, norm_layer=partial(nn.LayerNorm, eps=1e-6),
 * conv_stem_configs=None)`: Vision Transformer as per https://arxiv.org/abs/2010.11929.
 */
export class VisionTransformer extends nn.Module {
  imageSize: number;
  patchSize: number;
  hiddenDim: number;
  mlpDim: number;
  attentionDropout: number;
  dropout: number;
  numClasses: number;
  representationSize: number | null;
  declare normLayer: LayerFactory;
  conv_proj: nn.Module;
  class_token: nn.Parameter;
  encoder: Encoder;
  seqLength: number;
  heads: nn.Sequential;

  constructor(...args: unknown[]) {
    super();
    const call = 'models.VisionTransformer';
    const a = v.bindArgs(call, VIT_ARGS, args);
    const imageSize = v.int(call, 'image_size', a.imageSize, 1);
    const patchSize = v.int(call, 'patch_size', a.patchSize, 1);
    const numLayers = v.int(call, 'num_layers', a.numLayers, 0);
    const numHeads = v.int(call, 'num_heads', a.numHeads, 1);
    const hiddenDim = v.int(call, 'hidden_dim', a.hiddenDim, 1);
    const mlpDim = v.int(call, 'mlp_dim', a.mlpDim, 1);
    if (imageSize % patchSize !== 0) throw new RangeError('Input shape indivisible by patch size!');
    this.imageSize = imageSize;
    this.patchSize = patchSize;
    this.hiddenDim = hiddenDim;
    this.mlpDim = mlpDim;
    this.attentionDropout = v.inRange(call, 'attention_dropout', a.attentionDropout ?? 0.0, 0, 1);
    this.dropout = v.inRange(call, 'dropout', a.dropout ?? 0.0, 0, 1);
    this.numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    this.representationSize = a.representationSize === undefined || a.representationSize === null ? null : v.int(call, 'representation_size', a.representationSize, 1);
    const normLayer = (a.normLayer ?? defaultNorm()) as LayerFactory;
    v.func(call, 'norm_layer', normLayer);
    Object.defineProperty(this, 'normLayer', { value: normLayer, enumerable: false, writable: true });
    const stem = a.convStemConfigs as ConvStemConfig[] | undefined | null;
    if (stem !== undefined && stem !== null) {
      // As per https://arxiv.org/abs/2106.14881
      if (!Array.isArray(stem)) throw new TypeError(`${call}: conv_stem_configs must be a list of ConvStemConfig`);
      const seqProj = new nn.Sequential();
      let prev = 3;
      stem.forEach((c, i) => {
        if (!v.isPlainObject(c)) throw new TypeError(`${call}: conv_stem_configs[${i}] must be a ConvStemConfig { outChannels, kernelSize, stride }`);
        seqProj.addModule(`conv_bn_relu_${i}`, new Conv2dNormActivation(prev, c.outChannels, {
          kernelSize: c.kernelSize, stride: c.stride, normLayer: c.normLayer ?? nn.BatchNorm2d, activationLayer: c.activationLayer ?? nn.ReLU,
        }));
        prev = c.outChannels;
      });
      seqProj.addModule('conv_last', new nn.Conv2d({ inChannels: prev, outChannels: hiddenDim, kernelSize: 1 }));
      this.conv_proj = seqProj;
    } else {
      this.conv_proj = new nn.Conv2d({ inChannels: 3, outChannels: hiddenDim, kernelSize: patchSize, stride: patchSize });
    }
    let seqLength = Math.floor(imageSize / patchSize) ** 2;
    // Add a class token
    this.class_token = new nn.Parameter(zeros(1, 1, hiddenDim));
    seqLength += 1;
    this.encoder = new Encoder(seqLength, numLayers, numHeads, hiddenDim, mlpDim, this.dropout, this.attentionDropout, normLayer);
    this.seqLength = seqLength;
    const heads = new Map<string, nn.Module>();
    if (this.representationSize === null) heads.set('head', new nn.Linear(hiddenDim, this.numClasses));
    else {
      heads.set('pre_logits', new nn.Linear(hiddenDim, this.representationSize));
      heads.set('act', new nn.Tanh());
      heads.set('head', new nn.Linear(this.representationSize, this.numClasses));
    }
    this.heads = new nn.Sequential(heads);

    if (this.conv_proj instanceof nn.Conv2d) {
      // Init the patchify stem
      const cp = this.conv_proj;
      const fanIn = cp.inChannels * cp.kernelSize[0] * cp.kernelSize[1];
      truncNormal_(cp.weight, 0, Math.sqrt(1 / fanIn));
      if (cp.bias !== null) nn.init.zeros_(cp.bias);
    } else {
      const last = (this.conv_proj as nn.Sequential & { conv_last?: nn.Conv2d }).conv_last;
      if (last instanceof nn.Conv2d) {
        // Init the last 1x1 conv of the conv stem
        nn.init.normal_(last.weight, { mean: 0.0, std: Math.sqrt(2.0 / last.outChannels) });
        if (last.bias !== null) nn.init.zeros_(last.bias);
      }
    }
    const h = this.heads as nn.Sequential & { pre_logits?: nn.Linear; head: nn.Linear };
    if (h.pre_logits instanceof nn.Linear) {
      truncNormal_(h.pre_logits.weight, 0, Math.sqrt(1 / h.pre_logits.inFeatures));
      nn.init.zeros_(h.pre_logits.bias!);
    }
    if (h.head instanceof nn.Linear) {
      nn.init.zeros_(h.head.weight);
      nn.init.zeros_(h.head.bias!);
    }
  }

  protected _processInput(x: Tensor): Tensor {
    const [n, , hgt, w] = x.shape;
    const p = this.patchSize;
    if (hgt !== this.imageSize) throw new RangeError(`Wrong image height! Expected ${this.imageSize} but got ${hgt}!`);
    if (w !== this.imageSize) throw new RangeError(`Wrong image width! Expected ${this.imageSize} but got ${w}!`);
    const nH = Math.floor(hgt / p);
    const nW = Math.floor(w / p);
    // (n, c, h, w) -> (n, hidden_dim, n_h, n_w) -> (n, hidden_dim, (n_h * n_w)) -> (n, (n_h * n_w), hidden_dim)
    x = this.conv_proj.forward(x);
    x = x.reshape(n, this.hiddenDim, nH * nW);
    return x.permute(0, 2, 1);
  }

  override forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor) || x.dim() !== 4) throw new TypeError(`models.VisionTransformer.forward: x must be an (N, C, H, W) Tensor`);
    x = this._processInput(x);
    const n = x.shape[0];
    // Expand the class token to the full batch
    const batchClassToken = this.class_token.expand(n, -1, -1);
    x = cat([batchClassToken, x], 1);
    x = this.encoder.forward(x);
    // Classifier "token" as used by standard language architectures
    x = x.index(slice(), 0);
    return this.heads.forward(x);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const ViT_B_16_Weights = mk('ViT_B_16_Weights');
export const ViT_B_32_Weights = mk('ViT_B_32_Weights');
export const ViT_L_16_Weights = mk('ViT_L_16_Weights');
export const ViT_L_32_Weights = mk('ViT_L_32_Weights');
export const ViT_H_14_Weights = mk('ViT_H_14_Weights');

export interface ViTBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  imageSize?: number;
  dropout?: number;
  attentionDropout?: number;
  numClasses?: number;
  representationSize?: number | null;
  normLayer?: LayerFactory;
  convStemConfigs?: ConvStemConfig[] | null;
}

function builder(name: string, enumName: string, e: WeightsEnum, patchSize: number, numLayers: number, numHeads: number, hiddenDim: number, mlpDim: number) {
  const call = `models.${name}`;
  const fn = (opts?: ViTBuilderOptions): VisionTransformer =>
    buildModel(call, e, opts, ['imageSize', 'dropout', 'attentionDropout', 'numClasses', 'representationSize', 'normLayer', 'convStemConfigs'],
      (kw) => new VisionTransformer({ ...kw, imageSize: kw.imageSize ?? 224, patchSize, numLayers, numHeads, hiddenDim, mlpDim }),
      {
        onWeights: (kw, w) => overwriteNamedParam(call, kw, 'imageSize', w.meta.minSize[0]),
        fixStateDict: renameOldMlpKeys,
      });
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const vit_b_16 = builder('vit_b_16', 'ViT_B_16_Weights', ViT_B_16_Weights, 16, 12, 12, 768, 3072);
export const vit_b_32 = builder('vit_b_32', 'ViT_B_32_Weights', ViT_B_32_Weights, 32, 12, 12, 768, 3072);
export const vit_l_16 = builder('vit_l_16', 'ViT_L_16_Weights', ViT_L_16_Weights, 16, 24, 16, 1024, 4096);
export const vit_l_32 = builder('vit_l_32', 'ViT_L_32_Weights', ViT_L_32_Weights, 32, 24, 16, 1024, 4096);
export const vit_h_14 = builder('vit_h_14', 'ViT_H_14_Weights', ViT_H_14_Weights, 14, 32, 16, 1280, 5120);
