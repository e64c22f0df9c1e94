// torchvision.models.efficientnet (torchvision 0.14): EfficientNet B0-B7 and EfficientNetV2 S/M/L.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { LayerFactory, SiLU, makeLayer, partial } from './_layers';
import { makeDivisible } from './_utils';
import { Conv2dNormActivation, SqueezeExcitation } from '../ops/misc';
import { StochasticDepth } from '../ops/stochastic_depth';

type BlockCtor = new (cnf: _MBConvConfig, stochasticDepthProb: number, normLayer: LayerFactory) => nn.Module;

export abstract class _MBConvConfig {
  constructor(
    public expandRatio: number,
    public kernel: number,
    public stride: number,
    public inputChannels: number,
    public outChannels: number,
    public numLayers: number,
    public block: BlockCtor,
  ) {}

  static adjustChannels(channels: number, widthMult: number, minValue: number | null = null): number {
    const call = 'models.efficientnet._MBConvConfig.adjust_channels';
    return makeDivisible(v.finite(call, 'channels', channels) * v.finite(call, 'width_mult', widthMult), 8, minValue);
  }
}

/** `MBConvConfig(expand_ratio, kernel, stride, input_channels, out_channels, num_layers, width_mult=1.0, depth_mult=1.0, block=None)`. */
export class MBConvConfig extends _MBConvConfig {
  constructor(expandRatio: number, kernel: number, stride: number, inputChannels: number, outChannels: number, numLayers: number, widthMult = 1.0, depthMult = 1.0, block: BlockCtor | null = null) {
    super(expandRatio, kernel, stride, _MBConvConfig.adjustChannels(inputChannels, widthMult), _MBConvConfig.adjustChannels(outChannels, widthMult),
      MBConvConfig.adjustDepth(numLayers, depthMult), block ?? MBConv);
  }

  static adjustDepth(numLayers: number, depthMult: number): number {
    return Math.ceil(v.finite('models.efficientnet.MBConvConfig.adjust_depth', 'num_layers', numLayers) * v.finite('models.efficientnet.MBConvConfig.adjust_depth', 'depth_mult', depthMult));
  }
}

/** `FusedMBConvConfig(expand_ratio, kernel, stride, input_channels, out_channels, num_layers, block=None)`. */
export class FusedMBConvConfig extends _MBConvConfig {
  constructor(expandRatio: number, kernel: number, stride: number, inputChannels: number, outChannels: number, numLayers: number, block: BlockCtor | null = null) {
    super(expandRatio, kernel, stride, inputChannels, outChannels, numLayers, block ?? FusedMBConv);
  }
}

function checkBlockArgs(call: string, cnf: unknown, p: unknown, normLayer: unknown): void {
  if (!(cnf instanceof _MBConvConfig)) throw new TypeError(`${call}: cnf must be an MBConvConfig or FusedMBConvConfig`);
  v.inRange(call, 'stochastic_depth_prob', p, 0, 1);
  v.func(call, 'norm_layer', normLayer);
}

export class MBConv extends nn.Module {
  useResConnect: boolean;
  block: nn.Sequential;
  stochastic_depth: StochasticDepth;
  outChannels: number;

  constructor(cnf: _MBConvConfig, stochasticDepthProb: number, normLayer: LayerFactory, seLayer: LayerFactory = SqueezeExcitation) {
    super();
    checkBlockArgs('models.efficientnet.MBConv', cnf, stochasticDepthProb, normLayer);
    v.func('models.efficientnet.MBConv', 'se_layer', seLayer);
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const layers: nn.Module[] = [];
    const activationLayer = SiLU;
    const expanded = _MBConvConfig.adjustChannels(cnf.inputChannels, cnf.expandRatio);
    if (expanded !== cnf.inputChannels) layers.push(new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: 1, normLayer, activationLayer }));
    layers.push(new Conv2dNormActivation(expanded, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, groups: expanded, normLayer, activationLayer }));
    const squeezeChannels = Math.max(1, Math.floor(cnf.inputChannels / 4));
    layers.push(makeLayer(seLayer, expanded, squeezeChannels, { activation: partial(SiLU, { inplace: true }) }));
    layers.push(new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
    this.outChannels = cnf.outChannels;
  }

  override forward(input: Tensor): Tensor {
    let result = this.block.forward(input);
    if (this.useResConnect) {
      result = this.stochastic_depth.forward(result);
      result = result.add_(input);
    }
    return result;
  }
}

export class FusedMBConv extends nn.Module {
  useResConnect: boolean;
  block: nn.Sequential;
  stochastic_depth: StochasticDepth;
  outChannels: number;

  constructor(cnf: _MBConvConfig, stochasticDepthProb: number, normLayer: LayerFactory) {
    super();
    checkBlockArgs('models.efficientnet.FusedMBConv', cnf, stochasticDepthProb, normLayer);
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const layers: nn.Module[] = [];
    const activationLayer = SiLU;
    const expanded = _MBConvConfig.adjustChannels(cnf.inputChannels, cnf.expandRatio);
    if (expanded !== cnf.inputChannels) {
      // fused expand
      layers.push(new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, normLayer, activationLayer }));
      // project
      layers.push(new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    } else {
      layers.push(new Conv2dNormActivation(cnf.inputChannels, cnf.outChannels, { kernelSize: cnf.kernel, stride: cnf.stride, normLayer, activationLayer }));
    }
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
    this.outChannels = cnf.outChannels;
  }

  override forward(input: Tensor): Tensor {
    let result = this.block.forward(input);
    if (this.useResConnect) {
      result = this.stochastic_depth.forward(result);
      result = result.add_(input);
    }
    return result;
  }
}

const EFF_KW = ['stochasticDepthProb', 'numClasses', 'normLayer', 'lastChannel'];

/**
 * `EfficientNet(inverted_residual_setting, dropout, stochastic_depth_prob=0.2, num_classes=1000,
 * norm_layer=None, last_channel=None)`.
 */
export class EfficientNet extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(invertedResidualSetting: _MBConvConfig[], dropout: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.EfficientNet';
    const a = v.bindArgs(call, ['invertedResidualSetting', 'dropout', ...EFF_KW], args);
    const setting = a.invertedResidualSetting as _MBConvConfig[];
    if (!Array.isArray(setting) || setting.length === 0) throw new RangeError('The inverted_residual_setting should not be empty');
    if (!setting.every((s) => s instanceof _MBConvConfig)) throw new TypeError('The inverted_residual_setting should be List[MBConvConfig]');
    const dropout = v.inRange(call, 'dropout', a.dropout, 0, 1);
    const sdProb = v.inRange(call, 'stochastic_depth_prob', a.stochasticDepthProb ?? 0.2, 0, 1);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const normLayer = (a.normLayer ?? nn.BatchNorm2d) as LayerFactory;
    v.func(call, 'norm_layer', normLayer);
    const lastChannel = a.lastChannel === undefined || a.lastChannel === null ? null : v.int(call, 'last_channel', a.lastChannel, 1);
    const layers: nn.Module[] = [];
    layers.push(new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 3, stride: 2, normLayer, activationLayer: SiLU }));
    const totalStageBlocks = setting.reduce((s, c) => s + c.numLayers, 0);
    let stageBlockId = 0;
    for (const cnf of setting) {
      const stage: nn.Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        const blockCnf = Object.assign(Object.create(Object.getPrototypeOf(cnf)), cnf) as _MBConvConfig;
        if (stage.length > 0) {
          blockCnf.inputChannels = blockCnf.outChannels;
          blockCnf.stride = 1;
        }
        const p = (sdProb * stageBlockId) / totalStageBlocks;
        stage.push(new blockCnf.block(blockCnf, p, normLayer));
        stageBlockId++;
      }
      layers.push(new nn.Sequential(...stage));
    }
    const lastconvInput = setting[setting.length - 1].outChannels;
    const lastconvOutput = lastChannel ?? 4 * lastconvInput;
    layers.push(new Conv2dNormActivation(lastconvInput, lastconvOutput, { kernelSize: 1, normLayer, activationLayer: SiLU }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(lastconvOutput, numClasses));
    const GroupNorm = (nn as unknown as Record<string, unknown>).GroupNorm as (new () => nn.Module) | undefined;
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaimingNormal_(m.weight, { mode: 'fan_out' });
        if (m.bias !== null) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.BatchNorm2d || (GroupNorm && m instanceof GroupNorm)) {
        const n = m as unknown as { weight: Tensor; bias: Tensor };
        nn.init.ones_(n.weight);
        nn.init.zeros_(n.bias);
      } else if (m instanceof nn.Linear) {
        const initRange = 1.0 / Math.sqrt(m.outFeatures);
        nn.init.uniform_(m.weight, -initRange, initRange);
        nn.init.zeros_(m.bias!);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = this.avgpool.forward(x);
    x = flatten(x, 1);
    return this.classifier.forward(x);
  }
}

/** `_efficientnet_conf(arch, width_mult, depth_mult)`: the stages and last_channel of an architecture. */
export function efficientnetConf(arch: string, widthMult = 1.0, depthMult = 1.0): [_MBConvConfig[], number | null] {
  const call = 'models.efficientnet._efficientnet_conf';
  v.str(call, 'arch', arch);
  v.finite(call, 'width_mult', widthMult);
  v.finite(call, 'depth_mult', depthMult);
  if (arch.startsWith('efficientnet_b')) {
    const b = (e: number, k: number, s: number, i: number, o: number, n: number) => new MBConvConfig(e, k, s, i, o, n, widthMult, depthMult);
    return [[b(1, 3, 1, 32, 16, 1), b(6, 3, 2, 16, 24, 2), b(6, 5, 2, 24, 40, 2), b(6, 3, 2, 40, 80, 3), b(6, 5, 1, 80, 112, 3), b(6, 5, 2, 112, 192, 4), b(6, 3, 1, 192, 320, 1)], null];
  }
  const F_ = (e: number, k: number, s: number, i: number, o: number, n: number) => new FusedMBConvConfig(e, k, s, i, o, n);
  const M_ = (e: number, k: number, s: number, i: number, o: number, n: number) => new MBConvConfig(e, k, s, i, o, n);
  if (arch.startsWith('efficientnet_v2_s')) {
    return [[F_(1, 3, 1, 24, 24, 2), F_(4, 3, 2, 24, 48, 4), F_(4, 3, 2, 48, 64, 4), M_(4, 3, 2, 64, 128, 6), M_(6, 3, 1, 128, 160, 9), M_(6, 3, 2, 160, 256, 15)], 1280];
  }
  if (arch.startsWith('efficientnet_v2_m')) {
    return [[F_(1, 3, 1, 24, 24, 3), F_(4, 3, 2, 24, 48, 5), F_(4, 3, 2, 48, 80, 5), M_(4, 3, 2, 80, 160, 7), M_(6, 3, 1, 160, 176, 14), M_(6, 3, 2, 176, 304, 18), M_(6, 3, 1, 304, 512, 5)], 1280];
  }
  if (arch.startsWith('efficientnet_v2_l')) {
    return [[F_(1, 3, 1, 32, 32, 4), F_(4, 3, 2, 32, 64, 7), F_(4, 3, 2, 64, 96, 7), M_(4, 3, 2, 96, 192, 10), M_(6, 3, 1, 192, 224, 19), M_(6, 3, 2, 224, 384, 25), M_(6, 3, 1, 384, 640, 7)], 1280];
  }
  throw new RangeError(`Unsupported model type ${arch}`);
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const EfficientNet_B0_Weights = mk('EfficientNet_B0_Weights');
export const EfficientNet_B1_Weights = mk('EfficientNet_B1_Weights');
export const EfficientNet_B2_Weights = mk('EfficientNet_B2_Weights');
export const EfficientNet_B3_Weights = mk('EfficientNet_B3_Weights');
export const EfficientNet_B4_Weights = mk('EfficientNet_B4_Weights');
export const EfficientNet_B5_Weights = mk('EfficientNet_B5_Weights');
export const EfficientNet_B6_Weights = mk('EfficientNet_B6_Weights');
export const EfficientNet_B7_Weights = mk('EfficientNet_B7_Weights');
export const EfficientNet_V2_S_Weights = mk('EfficientNet_V2_S_Weights');
export const EfficientNet_V2_M_Weights = mk('EfficientNet_V2_M_Weights');
export const EfficientNet_V2_L_Weights = mk('EfficientNet_V2_L_Weights');

export interface EfficientNetBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  stochasticDepthProb?: number;
  normLayer?: LayerFactory;
}

function builder(name: string, enumName: string, e: WeightsEnum, dropout: number, widthMult: number, depthMult: number, normLayer: LayerFactory | null) {
  const fn = (opts?: EfficientNetBuilderOptions): EfficientNet =>
    buildModel(`models.${name}`, e, opts, normLayer ? ['numClasses', 'stochasticDepthProb'] : ['numClasses', 'stochasticDepthProb', 'normLayer'], (kw) => {
      const [setting, lastChannel] = efficientnetConf(name, widthMult, depthMult);
      return new EfficientNet(setting, dropout, { ...kw, lastChannel, ...(normLayer ? { normLayer } : {}) });
    });
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

const bn001 = partial(nn.BatchNorm2d, { eps: 0.001, momentum: 0.01 });
const bn1e3 = partial(nn.BatchNorm2d, { eps: 1e-3 });
export const efficientnet_b0 = builder('efficientnet_b0', 'EfficientNet_B0_Weights', EfficientNet_B0_Weights, 0.2, 1.0, 1.0, null);
export const efficientnet_b1 = builder('efficientnet_b1', 'EfficientNet_B1_Weights', EfficientNet_B1_Weights, 0.2, 1.0, 1.1, null);
export const efficientnet_b2 = builder('efficientnet_b2', 'EfficientNet_B2_Weights', EfficientNet_B2_Weights, 0.3, 1.1, 1.2, null);
export const efficientnet_b3 = builder('efficientnet_b3', 'EfficientNet_B3_Weights', EfficientNet_B3_Weights, 0.3, 1.2, 1.4, null);
export const efficientnet_b4 = builder('efficientnet_b4', 'EfficientNet_B4_Weights', EfficientNet_B4_Weights, 0.4, 1.4, 1.8, null);
export const efficientnet_b5 = builder('efficientnet_b5', 'EfficientNet_B5_Weights', EfficientNet_B5_Weights, 0.4, 1.6, 2.2, bn001);
export const efficientnet_b6 = builder('efficientnet_b6', 'EfficientNet_B6_Weights', EfficientNet_B6_Weights, 0.5, 1.8, 2.6, bn001);
export const efficientnet_b7 = builder('efficientnet_b7', 'EfficientNet_B7_Weights', EfficientNet_B7_Weights, 0.5, 2.0, 3.1, bn001);
export const efficientnet_v2_s = builder('efficientnet_v2_s', 'EfficientNet_V2_S_Weights', EfficientNet_V2_S_Weights, 0.2, 1.0, 1.0, bn1e3);
export const efficientnet_v2_m = builder('efficientnet_v2_m', 'EfficientNet_V2_M_Weights', EfficientNet_V2_M_Weights, 0.3, 1.0, 1.0, bn1e3);
export const efficientnet_v2_l = builder('efficientnet_v2_l', 'EfficientNet_V2_L_Weights', EfficientNet_V2_L_Weights, 0.4, 1.0, 1.0, bn1e3);
