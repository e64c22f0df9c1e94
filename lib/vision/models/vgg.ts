// torchvision.models.vgg (torchvision 0.14): VGG 11/13/16/19, with and without batch norm.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';

/** `VGG(features, num_classes=1000, init_weights=True, dropout=0.5)`. */
export class VGG extends nn.Module {
  features: nn.Module;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(features: nn.Module, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.VGG';
    const a = v.bindArgs(call, ['features', 'numClasses', 'initWeights', 'dropout'], args);
    if (!(a.features instanceof nn.Module)) throw new TypeError(`${call}: features must be an nn.Module`);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const initWeights = v.bool(call, 'init_weights', a.initWeights ?? true);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.5, 0, 1);
    this.features = a.features;
    this.avgpool = new nn.AdaptiveAvgPool2d([7, 7]);
    this.classifier = new nn.Sequential(
      new nn.Linear(512 * 7 * 7, 4096),
      new nn.ReLU(true),
      new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, 4096),
      new nn.ReLU(true),
      new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, numClasses),
    );
    if (initWeights) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d) {
          nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
          if (m.bias !== null) nn.init.constant_(m.bias, 0);
        } else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        } else if (m instanceof nn.Linear) {
          nn.init.normal_(m.weight, 0, 0.01);
          nn.init.constant_(m.bias!, 0);
        }
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

/** `make_layers(cfg, batch_norm=False)`: the convolutional part from a configuration ('M' a max-pool). */
export function makeLayers(cfg: (number | 'M')[], batchNorm = false): nn.Sequential {
  const call = 'models.vgg.make_layers';
  if (!Array.isArray(cfg)) throw new TypeError(`${call}: cfg must be a list of channel counts and 'M', got ${typeof cfg}`);
  cfg.forEach((c, i) => { if (c !== 'M') v.int(call, `cfg[${i}]`, c, 1); });
  v.bool(call, 'batch_norm', batchNorm);
  const layers: nn.Module[] = [];
  let inChannels = 3;
  for (const c of cfg) {
    if (c === 'M') layers.push(new nn.MaxPool2d({ kernelSize: 2, stride: 2 }));
    else {
      const conv2d = new nn.Conv2d(inChannels, c, { kernelSize: 3, padding: 1 });
      if (batchNorm) layers.push(conv2d, new nn.BatchNorm2d(c), new nn.ReLU({ inplace: true }));
      else layers.push(conv2d, new nn.ReLU({ inplace: true }));
      inChannels = c;
    }
  }
  return new nn.Sequential(...layers);
}

export const cfgs: Record<'A' | 'B' | 'D' | 'E', (number | 'M')[]> = {
  A: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  B: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  D: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  E: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const VGG11_Weights = mk('VGG11_Weights');
export const VGG11_BN_Weights = mk('VGG11_BN_Weights');
export const VGG13_Weights = mk('VGG13_Weights');
export const VGG13_BN_Weights = mk('VGG13_BN_Weights');
export const VGG16_Weights = mk('VGG16_Weights');
export const VGG16_BN_Weights = mk('VGG16_BN_Weights');
export const VGG19_Weights = mk('VGG19_Weights');
export const VGG19_BN_Weights = mk('VGG19_BN_Weights');

export interface VGGBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  initWeights?: boolean;
  dropout?: number;
}

function builder(name: string, enumName: string, e: WeightsEnum, cfg: keyof typeof cfgs, batchNorm: boolean) {
  const fn = (opts?: VGGBuilderOptions): VGG =>
    buildModel(`models.${name}`, e, opts, ['numClasses', 'initWeights', 'dropout'], (kw) => new VGG(makeLayers(cfgs[cfg], batchNorm), kw), {
      onWeights: (kw) => {
        kw.initWeights = false;
      },
    });
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const vgg11 = builder('vgg11', 'VGG11_Weights', VGG11_Weights, 'A', false);
export const vgg11_bn = builder('vgg11_bn', 'VGG11_BN_Weights', VGG11_BN_Weights, 'A', true);
export const vgg13 = builder('vgg13', 'VGG13_Weights', VGG13_Weights, 'B', false);
export const vgg13_bn = builder('vgg13_bn', 'VGG13_BN_Weights', VGG13_BN_Weights, 'B', true);
export const vgg16 = builder('vgg16', 'VGG16_Weights', VGG16_Weights, 'D', false);
export const vgg16_bn = builder('vgg16_bn', 'VGG16_BN_Weights', VGG16_BN_Weights, 'D', true);
export const vgg19 = builder('vgg19', 'VGG19_Weights', VGG19_Weights, 'E', false);
export const vgg19_bn = builder('vgg19_bn', 'VGG19_BN_Weights', VGG19_BN_Weights, 'E', true);
