// torchvision.models.swin_transformer (torchvision 0.14): Swin Transformer T, S, B (v1).
import * as nn from '../../nn';
import * as F from '../../nn/functional';
import { Tensor, tensorArg } from '../../tensor';
import { tensor, zeros } from '../../creation';
import { cat } from '../../functions';
import { slice } from '../../_indexing';
import { int64 } from '../../dtype';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { GELU, LayerFactory, LayerNorm, makeLayer, partial, truncNormal_ } from './_layers';
import { MLP, Permute } from '../ops/misc';
import { StochasticDepth } from '../ops/stochastic_depth';

function patchMergingPad(x: Tensor): Tensor {
  const [H, W] = x.shape.slice(-3);
  x = F.pad(x, [0, 0, 0, W % 2, 0, H % 2]);
  const s = (a: number) => slice(a, null, 2);
  const x0 = x.index('...', s(0), s(0), slice()); // ... H/2 W/2 C
  const x1 = x.index('...', s(1), s(0), slice());
  const x2 = x.index('...', s(0), s(1), slice());
  const x3 = x.index('...', s(1), s(1), slice());
  return cat([x0, x1, x2, x3], -1); // ... H/2 W/2 4*C
}

/** Patch Merging Layer. */
export class PatchMerging extends nn.Module {
  dim: number;
  reduction: nn.Linear;
  norm: nn.Module;
  constructor(dim: number, normLayer: LayerFactory = LayerNorm) {
    super();
    this.dim = v.int('models.swin_transformer.PatchMerging', 'dim', dim, 1);
    this.reduction = new nn.Linear(4 * dim, 2 * dim, { bias: false });
    this.norm = makeLayer(normLayer, 4 * dim);
  }
  override forward(x: Tensor): Tensor {
    x = patchMergingPad(x);
    x = this.norm.forward(x);
    return this.reduction.forward(x); // ... H/2 W/2 2*C
  }
}

/** `shifted_window_attention(...)`: window based multi-head self attention (W-MSA) with relative position bias, shifted windows. */
export function shiftedWindowAttention(
  input: Tensor, qkvWeight: Tensor, projWeight: Tensor, relativePositionBias: Tensor, windowSize: number[], numHeads: number, shiftSize: number[],
  attentionDropout = 0.0, dropout = 0.0, qkvBias: Tensor | null = null, projBias: Tensor | null = null,
): Tensor {
  const call = 'models.swin_transformer.shifted_window_attention';
  for (const [k, t] of [['input', input], ['qkv_weight', qkvWeight], ['proj_weight', projWeight], ['relative_position_bias', relativePositionBias]] as const) tensorArg(call, k, t);
  if (input.dim() !== 4) throw new RangeError(`${call}: input must be (B, H, W, C), got [${input.shape.join(', ')}]`);
  v.ints(call, 'window_size', windowSize, 1);
  v.ints(call, 'shift_size', shiftSize, 0);
  v.int(call, 'num_heads', numHeads, 1);
  const [B, H, W, C] = input.shape;
  // pad feature maps to multiples of window size
  const padR = (windowSize[1] - (W % windowSize[1])) % windowSize[1];
  const padB = (windowSize[0] - (H % windowSize[0])) % windowSize[0];
  let x = F.pad(input, [0, 0, 0, padR, 0, padB]);
  const [, padH, padW] = x.shape;
  const shift = [...shiftSize];
  // If window size is larger than feature size, there is no need to shift window
  if (windowSize[0] >= padH) shift[0] = 0;
  if (windowSize[1] >= padW) shift[1] = 0;
  const shifted = shift[0] + shift[1] > 0;
  // cyclic shift
  if (shifted) x = x.roll([-shift[0], -shift[1]], [1, 2]);
  // partition windows
  const nH = Math.floor(padH / windowSize[0]);
  const nW = Math.floor(padW / windowSize[1]);
  const numWindows = nH * nW;
  x = x.view(B, nH, windowSize[0], nW, windowSize[1], C);
  x = x.permute(0, 1, 3, 2, 4, 5).reshape(B * numWindows, windowSize[0] * windowSize[1], C); // B*nW, Ws*Ws, C
  // multi-head attention
  const qkv = F.linear(x, qkvWeight, qkvBias).reshape(x.size(0), x.size(1), 3, numHeads, Math.floor(C / numHeads)).permute(2, 0, 3, 1, 4);
  let q = qkv.index(0);
  const k = qkv.index(1);
  const val = qkv.index(2);
  q = q.mul(Math.floor(C / numHeads) ** -0.5);
  let attn = q.matmul(k.transpose(-2, -1));
  // add relative position bias
  attn = attn.add(relativePositionBias);
  if (shifted) {
    // generate attention mask
    const region = (r: number, size: number, ws: number, s: number) => (r < size - ws ? 0 : r < size - s ? 1 : 2);
    const m = new Float32Array(padH * padW);
    for (let r = 0; r < padH; r++) {
      for (let c = 0; c < padW; c++) m[r * padW + c] = region(r, padH, windowSize[0], shift[0]) * 3 + region(c, padW, windowSize[1], shift[1]);
    }
    let attnMask = tensor(m, { dtype: x.dtype }).reshape(padH, padW).to(x.device);
    attnMask = attnMask.view(nH, windowSize[0], nW, windowSize[1]);
    attnMask = attnMask.permute(0, 2, 1, 3).reshape(numWindows, windowSize[0] * windowSize[1]);
    attnMask = attnMask.unsqueeze(1).sub(attnMask.unsqueeze(2));
    attnMask = attnMask.maskedFill(attnMask.ne(0), -100.0).maskedFill(attnMask.eq(0), 0.0);
    attn = attn.view(Math.floor(x.size(0) / numWindows), numWindows, numHeads, x.size(1), x.size(1));
    attn = attn.add(attnMask.unsqueeze(1).unsqueeze(0));
    attn = attn.view(-1, numHeads, x.size(1), x.size(1));
  }
  attn = F.softmax(attn, -1);
  attn = F.dropout(attn, { p: attentionDropout });
  x = attn.matmul(val).transpose(1, 2).reshape(x.size(0), x.size(1), C);
  x = F.linear(x, projWeight, projBias);
  x = F.dropout(x, { p: dropout });
  // reverse windows
  x = x.view(B, nH, nW, windowSize[0], windowSize[1], C);
  x = x.permute(0, 1, 3, 2, 4, 5).reshape(B, padH, padW, C);
  // reverse cyclic shift
  if (shifted) x = x.roll([shift[0], shift[1]], [1, 2]);
  // unpad features
  return x.index(slice(), slice(null, H), slice(null, W), slice()).contiguous();
}

/** See shiftedWindowAttention. */
export class ShiftedWindowAttention extends nn.Module {
  windowSize: number[];
  shiftSize: number[];
  numHeads: number;
  attentionDropout: number;
  dropout: number;
  qkv: nn.Linear;
  proj: nn.Linear;
  relative_position_bias_table!: nn.Parameter;
  declare relative_position_index: Tensor;

  constructor(dim: number, windowSize: number[], shiftSize: number[], numHeads: number, opts: { qkvBias?: boolean; projBias?: boolean; attentionDropout?: number; dropout?: number } = {}) {
    super();
    opts = v.options('models.swin_transformer.ShiftedWindowAttention', opts);
    if (!Array.isArray(windowSize) || !Array.isArray(shiftSize) || windowSize.length !== 2 || shiftSize.length !== 2) throw new RangeError('window_size and shift_size must be of length 2');
    this.windowSize = windowSize;
    this.shiftSize = shiftSize;
    this.numHeads = numHeads;
    this.attentionDropout = opts.attentionDropout ?? 0.0;
    this.dropout = opts.dropout ?? 0.0;
    this.qkv = new nn.Linear(dim, dim * 3, { bias: opts.qkvBias ?? true });
    this.proj = new nn.Linear(dim, dim, { bias: opts.projBias ?? true });
    this.defineRelativePositionBiasTable();
    this.defineRelativePositionIndex();
  }

  defineRelativePositionBiasTable(): void {
    // define a parameter table of relative position bias
    this.relative_position_bias_table = new nn.Parameter(zeros((2 * this.windowSize[0] - 1) * (2 * this.windowSize[1] - 1), this.numHeads)); // 2*Wh-1 * 2*Ww-1, nH
    truncNormal_(this.relative_position_bias_table, 0, 0.02);
  }

  defineRelativePositionIndex(): void {
    // get pair-wise relative position index for each token inside the window
    const [wh, ww] = this.windowSize;
    const n = wh * ww;
    const idx = new BigInt64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const dh = Math.floor(i / ww) - Math.floor(j / ww) + wh - 1;
        const dw = (i % ww) - (j % ww) + ww - 1;
        idx[i * n + j] = BigInt(dh * (2 * ww - 1) + dw);
      }
    }
    this.registerBuffer('relative_position_index', tensor(idx, { dtype: int64 }));
  }

  getRelativePositionBias(): Tensor {
    const N = this.windowSize[0] * this.windowSize[1];
    let bias = this.relative_position_bias_table.index(this.relative_position_index);
    bias = bias.view(N, N, -1);
    return bias.permute(2, 0, 1).contiguous().unsqueeze(0);
  }

  override forward(x: Tensor): Tensor {
    return shiftedWindowAttention(x, this.qkv.weight, this.proj.weight, this.getRelativePositionBias(), this.windowSize, this.numHeads, this.shiftSize,
      this.attentionDropout, this.dropout, this.qkv.bias, this.proj.bias);
  }
}

/** Swin Transformer Block. */
export class SwinTransformerBlock extends nn.Module {
  norm1: nn.Module;
  attn: nn.Module;
  stochastic_depth: StochasticDepth;
  norm2: nn.Module;
  mlp: MLP;

  constructor(dim: number, numHeads: number, windowSize: number[], shiftSize: number[], opts: {
    mlpRatio?: number; dropout?: number; attentionDropout?: number; stochasticDepthProb?: number; normLayer?: LayerFactory; attnLayer?: typeof ShiftedWindowAttention;
  } = {}) {
    super();
    opts = v.options('models.swin_transformer.SwinTransformerBlock', opts);
    if (!Array.isArray(windowSize) || !Array.isArray(shiftSize)) throw new TypeError('models.swin_transformer.SwinTransformerBlock: window_size and shift_size must be lists of 2 integers');
    const dropout = opts.dropout ?? 0.0;
    const normLayer = opts.normLayer ?? LayerNorm;
    const Attn = opts.attnLayer ?? ShiftedWindowAttention;
    this.norm1 = makeLayer(normLayer, dim);
    this.attn = new Attn(dim, windowSize, shiftSize, numHeads, { attentionDropout: opts.attentionDropout ?? 0.0, dropout });
    this.stochastic_depth = new StochasticDepth(opts.stochasticDepthProb ?? 0.0, 'row');
    this.norm2 = makeLayer(normLayer, dim);
    this.mlp = new MLP(dim, [Math.trunc(dim * (opts.mlpRatio ?? 4.0)), dim], { activationLayer: GELU, inplace: null, dropout });
    for (const m of this.mlp.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.xavierUniform_(m.weight);
        if (m.bias !== null) nn.init.normal_(m.bias, { std: 1e-6 });
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = x.add(this.stochastic_depth.forward(this.attn.forward(this.norm1.forward(x))));
    return x.add(this.stochastic_depth.forward(this.mlp.forward(this.norm2.forward(x))));
  }
}

const SWIN_ARGS = ['patchSize', 'embedDim', 'depths', 'numHeads', 'windowSize', 'mlpRatio', 'dropout', 'attentionDropout', 'stochasticDepthProb', 'numClasses', 'normLayer', 'block', 'downsampleLayer'];

/**
 * `SwinTransformer(patch_size, embed_dim, depths, num_heads, window_size, mlp_ratio=4.0, dropout=0.0,
 * attention_dropout=0.0, stochastic_depth_prob=0.1, num_classes=1000, norm_layer=None, block=None,
 * downsample_layer=PatchMerging)`: "Swin Transformer: Hierarchical Vision Transformer using Shifted Windows".
 */
export class SwinTransformer extends nn.Module {
  numClasses: number;
  features: nn.Sequential;
  norm: nn.Module;
  permute: Permute;
  avgpool: nn.AdaptiveAvgPool2d;
  flatten: nn.Flatten;
  head: nn.Linear;

  constructor(...args: unknown[]) {
    super();
    const call = 'models.SwinTransformer';
    const a = v.bindArgs(call, SWIN_ARGS, args);
    const patchSize = v.ints(call, 'patch_size', a.patchSize as number[], 1);
    const embedDim = v.int(call, 'embed_dim', a.embedDim, 1);
    const depths = v.ints(call, 'depths', a.depths as number[], 1);
    const numHeads = v.ints(call, 'num_heads', a.numHeads as number[], 1);
    const windowSize = v.ints(call, 'window_size', a.windowSize as number[], 1);
    const mlpRatio = v.number(call, 'mlp_ratio', a.mlpRatio ?? 4.0);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.0, 0, 1);
    const attentionDropout = v.inRange(call, 'attention_dropout', a.attentionDropout ?? 0.0, 0, 1);
    const sdProb = v.inRange(call, 'stochastic_depth_prob', a.stochasticDepthProb ?? 0.1, 0, 1);
    this.numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const block = (a.block ?? SwinTransformerBlock) as typeof SwinTransformerBlock;
    const normLayer = (a.normLayer ?? partial(LayerNorm, { eps: 1e-5 })) as LayerFactory;
    const Downsample = (a.downsampleLayer ?? PatchMerging) as typeof PatchMerging;
    v.func(call, 'block', block);
    v.func(call, 'downsample_layer', Downsample);
    const layers: nn.Module[] = [];
    // split image into non-overlapping patches
    layers.push(new nn.Sequential(
      new nn.Conv2d(3, embedDim, { kernelSize: [patchSize[0], patchSize[1]], stride: [patchSize[0], patchSize[1]] }),
      new Permute([0, 2, 3, 1]),
      makeLayer(normLayer, embedDim),
    ));
    const totalStageBlocks = depths.reduce((s, d) => s + d, 0);
    let stageBlockId = 0;
    // build SwinTransformer blocks
    for (let iStage = 0; iStage < depths.length; iStage++) {
      const stage: nn.Module[] = [];
      const dim = embedDim * 2 ** iStage;
      for (let iLayer = 0; iLayer < depths[iStage]; iLayer++) {
        // adjust stochastic depth probability based on the depth of the stage block
        const p = (sdProb * stageBlockId) / (totalStageBlocks - 1);
        stage.push(new block(dim, numHeads[iStage], windowSize, windowSize.map((w) => (iLayer % 2 === 0 ? 0 : Math.floor(w / 2))), {
          mlpRatio, dropout, attentionDropout, stochasticDepthProb: p, normLayer,
        }));
        stageBlockId++;
      }
      layers.push(new nn.Sequential(...stage));
      // add patch merging layer
      if (iStage < depths.length - 1) layers.push(new Downsample(dim, normLayer));
    }
    this.features = new nn.Sequential(...layers);
    const numFeatures = embedDim * 2 ** (depths.length - 1);
    this.norm = makeLayer(normLayer, numFeatures);
    this.permute = new Permute([0, 3, 1, 2]); // B H W C -> B C H W
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.flatten = new nn.Flatten(1);
    this.head = new nn.Linear(numFeatures, this.numClasses);
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        truncNormal_(m.weight, 0, 0.02);
        if (m.bias !== null) nn.init.zeros_(m.bias);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = this.norm.forward(x);
    x = this.permute.forward(x);
    x = this.avgpool.forward(x);
    x = this.flatten.forward(x);
    return this.head.forward(x);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const Swin_T_Weights = mk('Swin_T_Weights');
export const Swin_S_Weights = mk('Swin_S_Weights');
export const Swin_B_Weights = mk('Swin_B_Weights');

export interface SwinBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  mlpRatio?: number;
  dropout?: number;
  attentionDropout?: number;
  normLayer?: LayerFactory;
  block?: unknown;
  downsampleLayer?: unknown;
}

function builder(name: string, enumName: string, e: WeightsEnum, embedDim: number, depths: number[], numHeads: number[], sdProb: number) {
  const fn = (opts?: SwinBuilderOptions): SwinTransformer =>
    buildModel(`models.${name}`, e, opts, ['numClasses', 'mlpRatio', 'dropout', 'attentionDropout', 'normLayer', 'block', 'downsampleLayer'],
      (kw) => new SwinTransformer({ ...kw, patchSize: [4, 4], embedDim, depths, numHeads, windowSize: [7, 7], stochasticDepthProb: sdProb }));
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const swin_t = builder('swin_t', 'Swin_T_Weights', Swin_T_Weights, 96, [2, 2, 6, 2], [3, 6, 12, 24], 0.2);
export const swin_s = builder('swin_s', 'Swin_S_Weights', Swin_S_Weights, 96, [2, 2, 18, 2], [3, 6, 12, 24], 0.3);
export const swin_b = builder('swin_b', 'Swin_B_Weights', Swin_B_Weights, 128, [2, 2, 18, 2], [4, 8, 16, 32], 0.5);
