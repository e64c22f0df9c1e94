// torchvision.models.mobilenetv3 (torchvision 0.14): MobileNet V3 Large and Small.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { Hardsigmoid, Hardswish, LayerFactory, makeLayer, partial } from './_layers';
import { makeDivisible } from './_utils';
import { Conv2dNormActivation, SqueezeExcitation } from '../ops/misc';
import { initMobileNet } from './mobilenetv2';

/** Stores the information listed at Tables 1 and 2 of the MobileNetV3 paper. */
export class InvertedResidualConfig {
  inputChannels: number;
  kernel: number;
  expandedChannels: number;
  outChannels: number;
  useSe: boolean;
  useHs: boolean;
  stride: number;
  dilation: number;

  constructor(inputChannels: number, kernel: number, expandedChannels: number, outChannels: number, useSe: boolean, activation: 'RE' | 'HS', stride: number, dilation: number, widthMult: number) {
    this.inputChannels = InvertedResidualConfig.adjustChannels(inputChannels, widthMult);
    this.kernel = kernel;
    this.expandedChannels = InvertedResidualConfig.adjustChannels(expandedChannels, widthMult);
    this.outChannels = InvertedResidualConfig.adjustChannels(outChannels, widthMult);
    this.useSe = useSe;
    this.useHs = activation === 'HS';
    this.stride = stride;
    this.dilation = dilation;
  }

  static adjustChannels(channels: number, widthMult: number): number {
    const call = 'models.mobilenetv3.InvertedResidualConfig.adjust_channels';
    return makeDivisible(v.number(call, 'channels', channels) * v.number(call, 'width_mult', widthMult), 8);
  }
}

export class InvertedResidual extends nn.Module {
  useResConnect: boolean;
  block: nn.Sequential;
  outChannels: number;
  _isCn: boolean;

  constructor(cnf: InvertedResidualConfig, normLayer: LayerFactory, seLayer: LayerFactory = partial(SqueezeExcitation, { scaleActivation: Hardsigmoid })) {
    super();
    if (!(cnf instanceof InvertedResidualConfig)) throw new TypeError('models.mobilenetv3.InvertedResidual: cnf must be an InvertedResidualConfig');
    v.func('models.mobilenetv3.InvertedResidual', 'norm_layer', normLayer);
    v.func('models.mobilenetv3.InvertedResidual', 'se_layer', seLayer);
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const layers: nn.Module[] = [];
    const activationLayer = cnf.useHs ? Hardswish : nn.ReLU;
    if (cnf.expandedChannels !== cnf.inputChannels) {
      layers.push(new Conv2dNormActivation(cnf.inputChannels, cnf.expandedChannels, { kernelSize: 1, normLayer, activationLayer }));
    }
    const stride = cnf.dilation > 1 ? 1 : cnf.stride;
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.expandedChannels, {
      kernelSize: cnf.kernel, stride, dilation: cnf.dilation, groups: cnf.expandedChannels, normLayer, activationLayer,
    }));
    if (cnf.useSe) {
      const squeezeChannels = makeDivisible(Math.floor(cnf.expandedChannels / 4), 8);
      layers.push(makeLayer(seLayer, cnf.expandedChannels, squeezeChannels));
    }
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.outChannels = cnf.outChannels;
    this._isCn = cnf.stride > 1;
  }

  override forward(input: Tensor): Tensor {
    const result = this.block.forward(input);
    return this.useResConnect ? result.add_(input) : result;
  }
}

const V3_KW = ['numClasses', 'block', 'normLayer', 'dropout'];
const CONF_KW = ['widthMult', 'reducedTail', 'dilated'];

/**
 * `MobileNetV3(inverted_residual_setting, last_channel, num_classes=1000, block=None, norm_layer=None,
 * dropout=0.2)`.
 */
export class MobileNetV3 extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(invertedResidualSetting: InvertedResidualConfig[], lastChannel: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.MobileNetV3';
    const a = v.bindArgs(call, ['invertedResidualSetting', 'lastChannel', ...V3_KW], args, CONF_KW);
    const setting = a.invertedResidualSetting as InvertedResidualConfig[];
    if (!Array.isArray(setting) || setting.length === 0) throw new RangeError('The inverted_residual_setting should not be empty');
    if (!setting.every((s) => s instanceof InvertedResidualConfig)) throw new TypeError('The inverted_residual_setting should be List[InvertedResidualConfig]');
    const lastChannel = v.int(call, 'last_channel', a.lastChannel, 1);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const block = (a.block ?? InvertedResidual) as typeof InvertedResidual;
    const normLayer = (a.normLayer ?? partial(nn.BatchNorm2d, { eps: 0.001, momentum: 0.01 })) as LayerFactory;
    v.func(call, 'block', block);
    v.func(call, 'norm_layer', normLayer);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.2, 0, 1);
    const layers: nn.Module[] = [];
    const firstconvOutputChannels = setting[0].inputChannels;
    layers.push(new Conv2dNormActivation(3, firstconvOutputChannels, { kernelSize: 3, stride: 2, normLayer, activationLayer: Hardswish }));
    for (const cnf of setting) layers.push(new block(cnf, normLayer));
    const lastconvInputChannels = setting[setting.length - 1].outChannels;
    const lastconvOutputChannels = 6 * lastconvInputChannels;
    layers.push(new Conv2dNormActivation(lastconvInputChannels, lastconvOutputChannels, { kernelSize: 1, normLayer, activationLayer: Hardswish }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(
      new nn.Linear(lastconvOutputChannels, lastChannel),
      new Hardswish({ inplace: true }),
      new nn.Dropout({ p: dropout, inplace: true }),
      new nn.Linear(lastChannel, numClasses),
    );
    initMobileNet(this);
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = this.avgpool.forward(x);
    x = flatten(x, 1);
    return this.classifier.forward(x);
  }
}

/** `_mobilenet_v3_conf(arch, width_mult=1.0, reduced_tail=False, dilated=False)`. */
export function mobilenetV3Conf(arch: string, widthMult = 1.0, reducedTail = false, dilated = false): [InvertedResidualConfig[], number] {
  const call = 'models.mobilenetv3._mobilenet_v3_conf';
  v.str(call, 'arch', arch);
  v.finite(call, 'width_mult', widthMult);
  v.bool(call, 'reduced_tail', reducedTail);
  v.bool(call, 'dilated', dilated);
  const rd = reducedTail ? 2 : 1;
  const dil = dilated ? 2 : 1;
  const b = (i: number, k: number, e: number, o: number, se: boolean, act: 'RE' | 'HS', s: number, d: number) => new InvertedResidualConfig(i, k, e, o, se, act, s, d, widthMult);
  const f = (x: number) => Math.floor(x / rd);
  if (arch === 'mobilenet_v3_large') {
    return [[
      b(16, 3, 16, 16, false, 'RE', 1, 1), b(16, 3, 64, 24, false, 'RE', 2, 1), b(24, 3, 72, 24, false, 'RE', 1, 1),
      b(24, 5, 72, 40, true, 'RE', 2, 1), b(40, 5, 120, 40, true, 'RE', 1, 1), b(40, 5, 120, 40, true, 'RE', 1, 1),
      b(40, 3, 240, 80, false, 'HS', 2, 1), b(80, 3, 200, 80, false, 'HS', 1, 1), b(80, 3, 184, 80, false, 'HS', 1, 1),
      b(80, 3, 184, 80, false, 'HS', 1, 1), b(80, 3, 480, 112, true, 'HS', 1, 1), b(112, 3, 672, 112, true, 'HS', 1, 1),
      b(112, 5, 672, f(160), true, 'HS', 2, dil), b(f(160), 5, f(960), f(160), true, 'HS', 1, dil), b(f(160), 5, f(960), f(160), true, 'HS', 1, dil),
    ], InvertedResidualConfig.adjustChannels(f(1280), widthMult)];
  }
  if (arch === 'mobilenet_v3_small') {
    return [[
      b(16, 3, 16, 16, true, 'RE', 2, 1), b(16, 3, 72, 24, false, 'RE', 2, 1), b(24, 3, 88, 24, false, 'RE', 1, 1),
      b(24, 5, 96, 40, true, 'HS', 2, 1), b(40, 5, 240, 40, true, 'HS', 1, 1), b(40, 5, 240, 40, true, 'HS', 1, 1),
      b(40, 5, 120, 48, true, 'HS', 1, 1), b(48, 5, 144, 48, true, 'HS', 1, 1), b(48, 5, 288, f(96), true, 'HS', 2, dil),
      b(f(96), 5, f(576), f(96), true, 'HS', 1, dil), b(f(96), 5, f(576), f(96), true, 'HS', 1, dil),
    ], InvertedResidualConfig.adjustChannels(f(1024), widthMult)];
  }
  throw new RangeError(`Unsupported model type ${arch}`);
}

export const MobileNet_V3_Large_Weights: WeightsEnum = weightsEnum('MobileNet_V3_Large_Weights', WEIGHTS.MobileNet_V3_Large_Weights, DEFAULTS.MobileNet_V3_Large_Weights, IMAGENET_CATEGORIES);
export const MobileNet_V3_Small_Weights: WeightsEnum = weightsEnum('MobileNet_V3_Small_Weights', WEIGHTS.MobileNet_V3_Small_Weights, DEFAULTS.MobileNet_V3_Small_Weights, IMAGENET_CATEGORIES);

export interface MobileNetV3BuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  block?: typeof InvertedResidual;
  normLayer?: LayerFactory;
  dropout?: number;
  widthMult?: number;
  reducedTail?: boolean;
  dilated?: boolean;
}

function builder(arch: string, enumName: string, e: WeightsEnum) {
  const call = `models.${arch}`;
  const fn = (opts?: MobileNetV3BuilderOptions): MobileNetV3 =>
    buildModel(call, e, opts, [...V3_KW, ...CONF_KW], (kw) => {
      const [setting, lastChannel] = mobilenetV3Conf(
        arch,
        kw.widthMult === undefined ? 1.0 : v.number(call, 'width_mult', kw.widthMult),
        kw.reducedTail === undefined ? false : v.bool(call, 'reduced_tail', kw.reducedTail),
        kw.dilated === undefined ? false : v.bool(call, 'dilated', kw.dilated),
      );
      return new MobileNetV3(setting, lastChannel, kw);
    });
  Object.defineProperty(fn, 'name', { value: arch });
  registerModel(arch, fn, e, enumName);
  return fn;
}

export const mobilenet_v3_large = builder('mobilenet_v3_large', 'MobileNet_V3_Large_Weights', MobileNet_V3_Large_Weights);
export const mobilenet_v3_small = builder('mobilenet_v3_small', 'MobileNet_V3_Small_Weights', MobileNet_V3_Small_Weights);
