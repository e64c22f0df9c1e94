// torchvision.models.squeezenet (torchvision 0.14): SqueezeNet 1.0 and 1.1.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { cat, flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';

export class Fire extends nn.Module {
  inplanes: number;
  squeeze: nn.Conv2d;
  squeeze_activation: nn.ReLU;
  expand1x1: nn.Conv2d;
  expand1x1_activation: nn.ReLU;
  expand3x3: nn.Conv2d;
  expand3x3_activation: nn.ReLU;

  constructor(inplanes: number, squeezePlanes: number, expand1x1Planes: number, expand3x3Planes: number) {
    super();
    const call = 'models.squeezenet.Fire';
    this.inplanes = v.int(call, 'inplanes', inplanes, 1);
    v.int(call, 'squeeze_planes', squeezePlanes, 1);
    this.squeeze = new nn.Conv2d(inplanes, squeezePlanes, { kernelSize: 1 });
    this.squeeze_activation = new nn.ReLU({ inplace: true });
    this.expand1x1 = new nn.Conv2d(squeezePlanes, expand1x1Planes, { kernelSize: 1 });
    this.expand1x1_activation = new nn.ReLU({ inplace: true });
    this.expand3x3 = new nn.Conv2d(squeezePlanes, expand3x3Planes, { kernelSize: 3, padding: 1 });
    this.expand3x3_activation = new nn.ReLU({ inplace: true });
  }

  override forward(x: Tensor): Tensor {
    x = this.squeeze_activation.forward(this.squeeze.forward(x));
    return cat([this.expand1x1_activation.forward(this.expand1x1.forward(x)), this.expand3x3_activation.forward(this.expand3x3.forward(x))], 1);
  }
}

/** `SqueezeNet(version='1_0', num_classes=1000, dropout=0.5)`. */
export class SqueezeNet extends nn.Module {
  numClasses: number;
  features: nn.Sequential;
  classifier: nn.Sequential;

  constructor(version?: '1_0' | '1_1' | { version?: '1_0' | '1_1'; numClasses?: number; dropout?: number }, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.SqueezeNet';
    const a = v.bindArgs(call, ['version', 'numClasses', 'dropout'], args);
    const version = a.version ?? '1_0';
    this.numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.5, 0, 1);
    const pool = () => new nn.MaxPool2d({ kernelSize: 3, stride: 2, ceilMode: true });
    const relu = () => new nn.ReLU({ inplace: true });
    if (version === '1_0') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 96, { kernelSize: 7, stride: 2 }), relu(), pool(),
        new Fire(96, 16, 64, 64), new Fire(128, 16, 64, 64), new Fire(128, 32, 128, 128), pool(),
        new Fire(256, 32, 128, 128), new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), pool(),
        new Fire(512, 64, 256, 256),
      );
    } else if (version === '1_1') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 64, { kernelSize: 3, stride: 2 }), relu(), pool(),
        new Fire(64, 16, 64, 64), new Fire(128, 16, 64, 64), pool(),
        new Fire(128, 32, 128, 128), new Fire(256, 32, 128, 128), pool(),
        new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), new Fire(512, 64, 256, 256),
      );
    } else {
      throw new RangeError(`Unsupported SqueezeNet version ${String(version)}: 1_0 or 1_1 expected`);
    }
    // Final convolution is initialized differently from the rest.
    const finalConv = new nn.Conv2d(512, this.numClasses, { kernelSize: 1 });
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout }), finalConv, relu(), new nn.AdaptiveAvgPool2d([1, 1]));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        if (m === finalConv) nn.init.normal_(m.weight, { mean: 0.0, std: 0.01 });
        else nn.init.kaimingUniform_(m.weight);
        if (m.bias !== null) nn.init.constant_(m.bias, 0);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = this.classifier.forward(x);
    return flatten(x, 1);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const SqueezeNet1_0_Weights = mk('SqueezeNet1_0_Weights');
export const SqueezeNet1_1_Weights = mk('SqueezeNet1_1_Weights');

export interface SqueezeNetBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  dropout?: number;
}

function builder(name: string, enumName: string, e: WeightsEnum, version: '1_0' | '1_1') {
  const fn = (opts?: SqueezeNetBuilderOptions): SqueezeNet =>
    buildModel(`models.${name}`, e, opts, ['numClasses', 'dropout'], (kw) => new SqueezeNet(version, kw));
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const squeezenet1_0 = builder('squeezenet1_0', 'SqueezeNet1_0_Weights', SqueezeNet1_0_Weights, '1_0');
export const squeezenet1_1 = builder('squeezenet1_1', 'SqueezeNet1_1_Weights', SqueezeNet1_1_Weights, '1_1');
