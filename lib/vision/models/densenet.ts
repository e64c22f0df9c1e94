// torchvision.models.densenet (torchvision 0.14): DenseNet-121/161/169/201.
import * as nn from '../../nn';
import * as F from '../../nn/functional';
import { Tensor } from '../../tensor';
import { cat, flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';

export class _DenseLayer extends nn.Module {
  norm1: nn.BatchNorm2d;
  relu1: nn.ReLU;
  conv1: nn.Conv2d;
  norm2: nn.BatchNorm2d;
  relu2: nn.ReLU;
  conv2: nn.Conv2d;
  dropRate: number;
  /** Python's memory_efficient (gradient checkpointing): accepted; the forward is the plain one. */
  memoryEfficient: boolean;

  constructor(numInputFeatures: number, growthRate: number, bnSize: number, dropRate: number, memoryEfficient = false) {
    super();
    this.norm1 = new nn.BatchNorm2d(numInputFeatures);
    this.relu1 = new nn.ReLU({ inplace: true });
    this.conv1 = new nn.Conv2d(numInputFeatures, bnSize * growthRate, { kernelSize: 1, stride: 1, bias: false });
    this.norm2 = new nn.BatchNorm2d(bnSize * growthRate);
    this.relu2 = new nn.ReLU({ inplace: true });
    this.conv2 = new nn.Conv2d(bnSize * growthRate, growthRate, { kernelSize: 3, stride: 1, padding: 1, bias: false });
    this.dropRate = dropRate;
    this.memoryEfficient = memoryEfficient;
  }

  bnFunction(inputs: Tensor[]): Tensor {
    const concated = cat(inputs, 1);
    return this.conv1.forward(this.relu1.forward(this.norm1.forward(concated)));
  }

  override forward(input: Tensor | Tensor[]): Tensor {
    const prev = input instanceof Tensor ? [input] : input;
    const bottleneck = this.bnFunction(prev);
    let out = this.conv2.forward(this.relu2.forward(this.norm2.forward(bottleneck)));
    if (this.dropRate > 0) out = F.dropout(out, { p: this.dropRate, training: this.training });
    return out;
  }
}

export class _DenseBlock extends nn.ModuleDict {
  static override _version = 2;
  constructor(numLayers: number, numInputFeatures: number, bnSize: number, growthRate: number, dropRate: number, memoryEfficient = false) {
    super();
    v.int('models.densenet._DenseBlock', 'num_layers', numLayers, 0);
    for (let i = 0; i < numLayers; i++) {
      this.addModule(`denselayer${i + 1}`, new _DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize, dropRate, memoryEfficient));
    }
  }

  override forward(initFeatures: Tensor): Tensor {
    const features = [initFeatures];
    for (const [, layer] of this.items()) features.push(layer.forward(features));
    return cat(features, 1);
  }
}

export class _Transition extends nn.Sequential {
  constructor(numInputFeatures: number, numOutputFeatures: number) {
    super();
    this.addModule('norm', new nn.BatchNorm2d(numInputFeatures));
    this.addModule('relu', new nn.ReLU({ inplace: true }));
    this.addModule('conv', new nn.Conv2d(numInputFeatures, numOutputFeatures, { kernelSize: 1, stride: 1, bias: false }));
    this.addModule('pool', new nn.AvgPool2d({ kernelSize: 2, stride: 2 }));
  }
}

const DENSENET_KW = ['growthRate', 'blockConfig', 'numInitFeatures', 'bnSize', 'dropRate', 'numClasses', 'memoryEfficient'];

/**
 * `DenseNet(growth_rate=32, block_config=(6, 12, 24, 16), num_init_features=64, bn_size=4, drop_rate=0,
 * num_classes=1000, memory_efficient=False)`.
 */
export class DenseNet extends nn.Module {
  features: nn.Sequential;
  classifier: nn.Linear;

  constructor(...args: unknown[]) {
    super();
    const call = 'models.DenseNet';
    const a = v.bindArgs(call, DENSENET_KW, args);
    const growthRate = v.int(call, 'growth_rate', a.growthRate ?? 32, 1);
    const blockConfig = v.ints(call, 'block_config', (a.blockConfig ?? [6, 12, 24, 16]) as number[], 1);
    const numInitFeatures = v.int(call, 'num_init_features', a.numInitFeatures ?? 64, 1);
    const bnSize = v.int(call, 'bn_size', a.bnSize ?? 4, 1);
    const dropRate = v.inRange(call, 'drop_rate', a.dropRate ?? 0, 0, 1);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const memoryEfficient = v.bool(call, 'memory_efficient', a.memoryEfficient ?? false);
    this.features = new nn.Sequential(new Map<string, nn.Module>([
      ['conv0', new nn.Conv2d(3, numInitFeatures, { kernelSize: 7, stride: 2, padding: 3, bias: false })],
      ['norm0', new nn.BatchNorm2d(numInitFeatures)],
      ['relu0', new nn.ReLU({ inplace: true })],
      ['pool0', new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 })],
    ]));
    let numFeatures = numInitFeatures;
    blockConfig.forEach((numLayers, i) => {
      const block = new _DenseBlock(numLayers, numFeatures, bnSize, growthRate, dropRate, memoryEfficient);
      this.features.addModule(`denseblock${i + 1}`, block);
      numFeatures += numLayers * growthRate;
      if (i !== blockConfig.length - 1) {
        this.features.addModule(`transition${i + 1}`, new _Transition(numFeatures, Math.floor(numFeatures / 2)));
        numFeatures = Math.floor(numFeatures / 2);
      }
    });
    this.features.addModule('norm5', new nn.BatchNorm2d(numFeatures));
    this.classifier = new nn.Linear(numFeatures, numClasses);
    // Official init from torch repo.
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight);
      else if (m instanceof nn.BatchNorm2d) {
        nn.init.constant_(m.weight!, 1);
        nn.init.constant_(m.bias!, 0);
      } else if (m instanceof nn.Linear) nn.init.constant_(m.bias!, 0);
    }
  }

  override forward(x: Tensor): Tensor {
    const features = this.features.forward(x);
    let out = F.relu(features, { inplace: true });
    out = F.adaptiveAvgPool2d(out, [1, 1]);
    out = flatten(out, 1);
    return this.classifier.forward(out);
  }
}

/** torchvision's _load_state_dict: old checkpoints name `norm.1` what is now `norm1` (and relu, conv). */
function renameOldKeys(sd: Map<string, Tensor>): Map<string, Tensor> {
  const pattern = /^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$/;
  const out = new Map<string, Tensor>();
  for (const [k, t] of sd) {
    const m = pattern.exec(k);
    out.set(m ? m[1] + m[2] : k, t);
  }
  return out;
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const DenseNet121_Weights = mk('DenseNet121_Weights');
export const DenseNet161_Weights = mk('DenseNet161_Weights');
export const DenseNet169_Weights = mk('DenseNet169_Weights');
export const DenseNet201_Weights = mk('DenseNet201_Weights');

export interface DenseNetBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  bnSize?: number;
  dropRate?: number;
  numClasses?: number;
  memoryEfficient?: boolean;
}

function builder(name: string, enumName: string, e: WeightsEnum, growthRate: number, blockConfig: number[], numInitFeatures: number) {
  const fn = (opts?: DenseNetBuilderOptions): DenseNet =>
    buildModel(`models.${name}`, e, opts, ['bnSize', 'dropRate', 'numClasses', 'memoryEfficient'],
      (kw) => new DenseNet(growthRate, blockConfig, numInitFeatures, kw), { fixStateDict: renameOldKeys });
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const densenet121 = builder('densenet121', 'DenseNet121_Weights', DenseNet121_Weights, 32, [6, 12, 24, 16], 64);
export const densenet161 = builder('densenet161', 'DenseNet161_Weights', DenseNet161_Weights, 48, [6, 12, 36, 24], 96);
export const densenet169 = builder('densenet169', 'DenseNet169_Weights', DenseNet169_Weights, 32, [6, 12, 32, 32], 64);
export const densenet201 = builder('densenet201', 'DenseNet201_Weights', DenseNet201_Weights, 32, [6, 12, 48, 32], 64);
