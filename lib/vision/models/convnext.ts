// torchvision.models.convnext (torchvision 0.14): ConvNeXt Tiny, Small, Base, Large.
import * as nn from '../../nn';
import * as F from '../../nn/functional';
import { Tensor } from '../../tensor';
import { ones } from '../../creation';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { GELU, LayerFactory, LayerNorm, makeLayer, partial, truncNormal_ } from './_layers';
import { Conv2dNormActivation, Permute } from '../ops/misc';
import { StochasticDepth } from '../ops/stochastic_depth';

type LN = nn.Module & { normalizedShape: number[]; weight: Tensor | null; bias: Tensor | null; eps: number };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const LayerNormBase = LayerNorm as unknown as new (...args: any[]) => LN;

/** LayerNorm over the channels of an NCHW tensor. */
export class LayerNorm2d extends LayerNormBase {
  override forward(x: Tensor): Tensor {
    x = x.permute(0, 2, 3, 1);
    x = F.layerNorm(x, this.normalizedShape, this.weight, this.bias, this.eps);
    return x.permute(0, 3, 1, 2);
  }
}

export class CNBlock extends nn.Module {
  block: nn.Sequential;
  layer_scale: nn.Parameter;
  stochastic_depth: StochasticDepth;

  constructor(dim: number, layerScale: number, stochasticDepthProb: number, normLayer: LayerFactory | null = null) {
    super();
    const norm = normLayer ?? partial(LayerNorm, { eps: 1e-6 });
    v.func('models.convnext.CNBlock', 'norm_layer', norm);
    v.int('models.convnext.CNBlock', 'dim', dim, 1);
    v.finite('models.convnext.CNBlock', 'layer_scale', layerScale);
    this.block = new nn.Sequential(
      new nn.Conv2d(dim, dim, { kernelSize: 7, padding: 3, groups: dim, bias: true }),
      new Permute([0, 2, 3, 1]),
      makeLayer(norm, dim),
      new nn.Linear({ inFeatures: dim, outFeatures: 4 * dim, bias: true }),
      new GELU(),
      new nn.Linear({ inFeatures: 4 * dim, outFeatures: dim, bias: true }),
      new Permute([0, 3, 1, 2]),
    );
    this.layer_scale = new nn.Parameter(ones(dim, 1, 1).mul(layerScale));
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
  }

  override forward(input: Tensor): Tensor {
    let result = this.layer_scale.mul(this.block.forward(input));
    result = this.stochastic_depth.forward(result);
    return result.add_(input);
  }
}

export class CNBlockConfig {
  // Stores information listed at Section 3 of the ConvNeXt paper.
  constructor(public inputChannels: number, public outChannels: number | null, public numLayers: number) {}
  toString(): string {
    return `CNBlockConfig(input_channels=${this.inputChannels}, out_channels=${this.outChannels === null ? 'None' : this.outChannels}, num_layers=${this.numLayers})`;
  }
}

const CONVNEXT_KW = ['stochasticDepthProb', 'layerScale', 'numClasses', 'block', 'normLayer'];

/**
 * `ConvNeXt(block_setting, stochastic_depth_prob=0.0, layer_scale=1e-6, num_classes=1000, block=None,
 * norm_layer=None)`.
 */
export class ConvNeXt extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(blockSetting: CNBlockConfig[], ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.ConvNeXt';
    const a = v.bindArgs(call, ['blockSetting', ...CONVNEXT_KW], args);
    const setting = a.blockSetting as CNBlockConfig[];
    if (!Array.isArray(setting) || setting.length === 0) throw new RangeError('The block_setting should not be empty');
    if (!setting.every((s) => s instanceof CNBlockConfig)) throw new TypeError('The block_setting should be List[CNBlockConfig]');
    const sdProb = v.inRange(call, 'stochastic_depth_prob', a.stochasticDepthProb ?? 0.0, 0, 1);
    const layerScale = v.finite(call, 'layer_scale', a.layerScale ?? 1e-6);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const block = (a.block ?? CNBlock) as typeof CNBlock;
    v.func(call, 'block', block);
    const normLayer = (a.normLayer ?? partial(LayerNorm2d, { eps: 1e-6 })) as LayerFactory;
    const layers: nn.Module[] = [];
    // Stem
    layers.push(new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 4, stride: 4, padding: 0, normLayer, activationLayer: null, bias: true }));
    const totalStageBlocks = setting.reduce((s, c) => s + c.numLayers, 0);
    let stageBlockId = 0;
    for (const cnf of setting) {
      // Bottlenecks
      const stage: nn.Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        // adjust stochastic depth probability based on the depth of the stage block
        const p = (sdProb * stageBlockId) / (totalStageBlocks - 1.0);
        stage.push(new block(cnf.inputChannels, layerScale, p));
        stageBlockId++;
      }
      layers.push(new nn.Sequential(...stage));
      if (cnf.outChannels !== null) {
        // Downsampling
        layers.push(new nn.Sequential(makeLayer(normLayer, cnf.inputChannels), new nn.Conv2d(cnf.inputChannels, cnf.outChannels, { kernelSize: 2, stride: 2 })));
      }
    }
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    const last = setting[setting.length - 1];
    const lastconvOutput = last.outChannels ?? last.inputChannels;
    this.classifier = new nn.Sequential(makeLayer(normLayer, lastconvOutput), new nn.Flatten(1), new nn.Linear(lastconvOutput, numClasses));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
        truncNormal_(m.weight, 0, 0.02);
        if (m.bias !== null) nn.init.zeros_(m.bias);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = this.avgpool.forward(x);
    return this.classifier.forward(x);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const ConvNeXt_Tiny_Weights = mk('ConvNeXt_Tiny_Weights');
export const ConvNeXt_Small_Weights = mk('ConvNeXt_Small_Weights');
export const ConvNeXt_Base_Weights = mk('ConvNeXt_Base_Weights');
export const ConvNeXt_Large_Weights = mk('ConvNeXt_Large_Weights');

export interface ConvNeXtBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  stochasticDepthProb?: number;
  layerScale?: number;
  block?: typeof CNBlock;
  normLayer?: LayerFactory;
}

function builder(name: string, enumName: string, e: WeightsEnum, setting: [number, number | null, number][], sdDefault: number) {
  const fn = (opts?: ConvNeXtBuilderOptions): ConvNeXt =>
    buildModel(`models.${name}`, e, opts, ['numClasses', 'stochasticDepthProb', 'layerScale', 'block', 'normLayer'], (kw) =>
      new ConvNeXt(setting.map(([i, o, n]) => new CNBlockConfig(i, o, n)), { ...kw, stochasticDepthProb: kw.stochasticDepthProb ?? sdDefault }));
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const convnext_tiny = builder('convnext_tiny', 'ConvNeXt_Tiny_Weights', ConvNeXt_Tiny_Weights, [[96, 192, 3], [192, 384, 3], [384, 768, 9], [768, null, 3]], 0.1);
export const convnext_small = builder('convnext_small', 'ConvNeXt_Small_Weights', ConvNeXt_Small_Weights, [[96, 192, 3], [192, 384, 3], [384, 768, 27], [768, null, 3]], 0.4);
export const convnext_base = builder('convnext_base', 'ConvNeXt_Base_Weights', ConvNeXt_Base_Weights, [[128, 256, 3], [256, 512, 3], [512, 1024, 27], [1024, null, 3]], 0.5);
export const convnext_large = builder('convnext_large', 'ConvNeXt_Large_Weights', ConvNeXt_Large_Weights, [[192, 384, 3], [384, 768, 3], [768, 1536, 27], [1536, null, 3]], 0.5);
