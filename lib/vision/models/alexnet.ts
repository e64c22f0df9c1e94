// torchvision.models.alexnet (torchvision 0.14): same architecture, submodule names and state-dict keys
// (`features.0.weight` ... `classifier.6.bias`), so torchvision's own checkpoint files load as they are.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { flatten } from '../../functions';
import { argError } from '../../errors';
import * as v from '../../validate';
import { Weights, WeightsEnum, registerModel, resolveWeights } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';

export class AlexNet extends nn.Module {
  features: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  classifier: nn.Sequential;

  constructor(numClasses: number | { numClasses?: number; dropout?: number } = 1000, dropout = 0.5) {
    super();
    if (v.isPlainObject(numClasses)) {
      const o = numClasses as { numClasses?: number; dropout?: number };
      v.knownOptions('models.AlexNet', o, ['numClasses', 'dropout']);
      numClasses = o.numClasses ?? 1000;
      dropout = o.dropout ?? 0.5;
    }
    v.int('models.AlexNet', 'num_classes', numClasses, 1);
    v.inRange('models.AlexNet', 'dropout', dropout, 0, 1);
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 64, { kernelSize: 11, stride: 4, padding: 2 }),
      new nn.ReLU({ inplace: true }),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
      new nn.Conv2d(64, 192, { kernelSize: 5, padding: 2 }),
      new nn.ReLU({ inplace: true }),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
      new nn.Conv2d(192, 384, { kernelSize: 3, padding: 1 }),
      new nn.ReLU({ inplace: true }),
      new nn.Conv2d(384, 256, { kernelSize: 3, padding: 1 }),
      new nn.ReLU({ inplace: true }),
      new nn.Conv2d(256, 256, { kernelSize: 3, padding: 1 }),
      new nn.ReLU({ inplace: true }),
      new nn.MaxPool2d({ kernelSize: 3, stride: 2 }),
    );
    this.avgpool = new nn.AdaptiveAvgPool2d([6, 6]);
    this.classifier = new nn.Sequential(
      new nn.Dropout({ p: dropout }),
      new nn.Linear(256 * 6 * 6, 4096),
      new nn.ReLU({ inplace: true }),
      new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, 4096),
      new nn.ReLU({ inplace: true }),
      new nn.Linear(4096, numClasses),
    );
  }

  override forward(x: Tensor): Tensor {
    x = this.features.forward(x);
    x = this.avgpool.forward(x);
    x = flatten(x, 1);
    return this.classifier.forward(x);
  }
}

/** torchvision's AlexNet_Weights: the one ImageNet checkpoint, with its metadata. */
export const AlexNet_Weights: WeightsEnum = {
  IMAGENET1K_V1: new Weights({
    name: 'IMAGENET1K_V1',
    url: 'https://download.pytorch.org/models/alexnet-owt-7be5be79.pth',
    transforms: { cropSize: 224, resizeSize: 256, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], interpolation: 'bilinear' },
    meta: {
      numParams: 61100840,
      minSize: [63, 63],
      categories: [...IMAGENET_CATEGORIES],
      recipe: 'https://github.com/pytorch/vision/tree/main/references/classification#alexnet-and-vgg',
      metrics: { 'ImageNet-1K': { 'acc@1': 56.522, 'acc@5': 79.066 } },
    },
  }),
  get DEFAULT() {
    return this.IMAGENET1K_V1;
  },
};

export interface AlexNetOptions {
  /** torchvision < 0.13's flag: the same as `weights: 'IMAGENET1K_V1'`. */
  pretrained?: boolean;
  weights?: Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  dropout?: number;
}

/** torchvision.models.alexnet({ pretrained: true }) / alexnet({ weights: AlexNet_Weights.IMAGENET1K_V1 }). */
export function alexnet(opts?: AlexNetOptions): AlexNet {
  const call = 'models.alexnet';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['pretrained', 'weights', 'progress', 'numClasses', 'dropout']);
  const weights = resolveWeights(call, AlexNet_Weights, o.pretrained, o.weights);
  let numClasses = o.numClasses === undefined ? undefined : v.int(call, 'num_classes', o.numClasses, 1);
  if (weights) {
    const n = weights.meta.categories!.length;
    if (numClasses !== undefined && numClasses !== n) throw argError(call, 'num_classes', `${n} with these weights`, numClasses, 'range');
    numClasses = n;
  }
  const model = new AlexNet({ numClasses: numClasses ?? 1000, dropout: o.dropout === undefined ? 0.5 : v.number(call, 'dropout', o.dropout) });
  if (weights) model.loadStateDict(weights.getStateDict({ progress: o.progress === undefined ? true : v.bool(call, 'progress', o.progress) }));
  return model;
}

registerModel('alexnet', alexnet, AlexNet_Weights, 'AlexNet_Weights');
