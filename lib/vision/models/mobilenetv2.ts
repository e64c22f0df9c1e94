// torchvision.models.mobilenetv2 (torchvision 0.14): MobileNet V2.
import * as nn from '../../nn';
import * as F from '../../nn/functional';
import { Tensor } from '../../tensor';
import { flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { LayerFactory, ReLU6, makeLayer } from './_layers';
import { makeDivisible } from './_utils';
import { Conv2dNormActivation } from '../ops/misc';

export class InvertedResidual extends nn.Module {
  stride: number;
  useResConnect: boolean;
  conv: nn.Sequential;
  outChannels: number;
  _isCn: boolean;

  constructor(inp: number, oup: number, stride: number, expandRatio: number | { expandRatio: number; normLayer?: LayerFactory | null }, normLayer?: LayerFactory | null) {
    super();
    const call = 'models.mobilenetv2.InvertedResidual';
    if (v.isPlainObject(expandRatio)) {
      normLayer = expandRatio.normLayer;
      expandRatio = expandRatio.expandRatio;
    }
    this.stride = stride;
    if (stride !== 1 && stride !== 2) throw new RangeError(`stride should be 1 or 2 insted of ${stride}`);
    const norm = normLayer ?? nn.BatchNorm2d;
    v.func(call, 'norm_layer', norm);
    const hiddenDim = Math.round(v.int(call, 'inp', inp, 1) * v.number(call, 'expand_ratio', expandRatio));
    this.useResConnect = this.stride === 1 && inp === oup;
    const layers: nn.Module[] = [];
    if (expandRatio !== 1) layers.push(new Conv2dNormActivation(inp, hiddenDim, { kernelSize: 1, normLayer: norm, activationLayer: ReLU6 }));
    layers.push(
      new Conv2dNormActivation(hiddenDim, hiddenDim, { stride, groups: hiddenDim, normLayer: norm, activationLayer: ReLU6 }),
      new nn.Conv2d(hiddenDim, oup, 1, 1, 0, { bias: false }),
      makeLayer(norm, oup),
    );
    this.conv = new nn.Sequential(...layers);
    this.outChannels = oup;
    this._isCn = stride > 1;
  }

  override forward(x: Tensor): Tensor {
    return this.useResConnect ? x.add(this.conv.forward(x)) : this.conv.forward(x);
  }
}

const V2_KW = ['numClasses', 'widthMult', 'invertedResidualSetting', 'roundNearest', 'block', 'normLayer', 'dropout'];

/**
 * `MobileNetV2(num_classes=1000, width_mult=1.0, inverted_residual_setting=None, round_nearest=8,
 * block=None, norm_layer=None, dropout=0.2)`.
 */
export class MobileNetV2 extends nn.Module {
  lastChannel: number;
  features: nn.Sequential;
  classifier: nn.Sequential;

  constructor(...args: unknown[]) {
    super();
    const call = 'models.MobileNetV2';
    const a = v.bindArgs(call, V2_KW, args);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const widthMult = v.number(call, 'width_mult', a.widthMult ?? 1.0);
    const roundNearest = v.int(call, 'round_nearest', a.roundNearest ?? 8, 1);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.2, 0, 1);
    const block = (a.block ?? InvertedResidual) as typeof InvertedResidual;
    const normLayer = (a.normLayer ?? nn.BatchNorm2d) as LayerFactory;
    v.func(call, 'block', block);
    v.func(call, 'norm_layer', normLayer);
    let inputChannel = 32;
    const lastChannel = 1280;
    const setting = (a.invertedResidualSetting ?? [
      [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
    ]) as number[][];
    if (!Array.isArray(setting) || setting.length === 0 || !Array.isArray(setting[0]) || setting[0].length !== 4) {
      throw new RangeError(`inverted_residual_setting should be non-empty or a 4-element list, got ${JSON.stringify(setting)}`);
    }
    inputChannel = makeDivisible(inputChannel * widthMult, roundNearest);
    this.lastChannel = makeDivisible(lastChannel * Math.max(1.0, widthMult), roundNearest);
    const features: nn.Module[] = [new Conv2dNormActivation(3, inputChannel, { stride: 2, normLayer, activationLayer: ReLU6 })];
    for (const row of setting) {
      if (!Array.isArray(row) || row.length !== 4) throw new RangeError(`inverted_residual_setting should be non-empty or a 4-element list, got ${JSON.stringify(setting)}`);
      const [t, c, n, s] = v.numbers(call, 'inverted_residual_setting', row);
      const outputChannel = makeDivisible(c * widthMult, roundNearest);
      for (let i = 0; i < n; i++) {
        features.push(new block(inputChannel, outputChannel, i === 0 ? s : 1, { expandRatio: t, normLayer }));
        inputChannel = outputChannel;
      }
    }
    features.push(new Conv2dNormActivation(inputChannel, this.lastChannel, { kernelSize: 1, normLayer, activationLayer: ReLU6 }));
    this.features = new nn.Sequential(...features);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout }), new nn.Linear(this.lastChannel, numClasses));
    initMobileNet(this);
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = F.adaptiveAvgPool2d(x, [1, 1]);
    x = flatten(x, 1);
    return this.classifier.forward(x);
  }
}

/** The init loop MobileNetV2 and V3 share. */
export function initMobileNet(model: nn.Module): void {
  if (!(model instanceof nn.Module)) throw new TypeError('models.mobilenetv2.initMobileNet: model must be an nn.Module');
  const GroupNorm = (nn as unknown as Record<string, unknown>).GroupNorm as (new () => nn.Module) | undefined;
  for (const m of model.modules()) {
    if (m instanceof nn.Conv2d) {
      nn.init.kaimingNormal_(m.weight, { mode: 'fan_out' });
      if (m.bias !== null) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.BatchNorm2d || (GroupNorm && m instanceof GroupNorm)) {
      const n = m as unknown as { weight: Tensor; bias: Tensor };
      nn.init.ones_(n.weight);
      nn.init.zeros_(n.bias);
    } else if (m instanceof nn.Linear) {
      nn.init.normal_(m.weight, 0, 0.01);
      nn.init.zeros_(m.bias!);
    }
  }
}

export const MobileNet_V2_Weights: WeightsEnum = weightsEnum('MobileNet_V2_Weights', WEIGHTS.MobileNet_V2_Weights, DEFAULTS.MobileNet_V2_Weights, IMAGENET_CATEGORIES);

export interface MobileNetV2BuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  widthMult?: number;
  invertedResidualSetting?: number[][];
  roundNearest?: number;
  block?: typeof InvertedResidual;
  normLayer?: LayerFactory;
  dropout?: number;
}

/** `torchvision.models.mobilenet_v2(*, weights=None, progress=True, **kwargs)`. */
export function mobilenet_v2(opts?: MobileNetV2BuilderOptions): MobileNetV2 {
  return buildModel('models.mobilenet_v2', MobileNet_V2_Weights, opts, V2_KW, (kw) => new MobileNetV2(kw));
}
registerModel('mobilenet_v2', mobilenet_v2, MobileNet_V2_Weights, 'MobileNet_V2_Weights');
