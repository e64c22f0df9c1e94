// torchvision.models.googlenet (torchvision 0.14): GoogLeNet (Inception v1).
import * as nn from '../../nn';
import * as F from '../../nn/functional';
import { Tensor, tensorArg } from '../../tensor';
import { cat, flatten } from '../../functions';
import { slice } from '../../_indexing';
import * as v from '../../validate';
import { argError } from '../../errors';
import { WeightsEnum, buildModel, overwriteNamedParam as overwrite, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { truncNormal_ } from './_layers';

/** GoogLeNetOutputs(logits, aux_logits2, aux_logits1): an array that also carries the names. */
export type GoogLeNetOutputs = [Tensor, Tensor | null, Tensor | null] & { logits: Tensor; auxLogits2: Tensor | null; auxLogits1: Tensor | null };

export class BasicConv2d extends nn.Module {
  conv: nn.Conv2d;
  bn: nn.BatchNorm2d;
  constructor(inChannels: number, outChannels: number, kwargs: Record<string, unknown> = {}) {
    super();
    kwargs = v.options('models.googlenet.BasicConv2d', kwargs);
    this.conv = new nn.Conv2d(inChannels, outChannels, { ...kwargs, bias: false });
    this.bn = new nn.BatchNorm2d(outChannels, { eps: 0.001 });
  }
  override forward(x: Tensor): Tensor {
    return F.relu(this.bn.forward(this.conv.forward(x)), { inplace: true });
  }
}

type ConvBlock = new (i: number, o: number, kw?: Record<string, unknown>) => nn.Module;

/** A block class argument (conv_block, blocks[i]): these models construct it with `new`, so an arrow function will not do. */
export function blockClass(call: string, name: string, C: unknown): void {
  if (typeof C !== 'function' || C.prototype === undefined) throw argError(call, name, 'a class (an nn.Module constructor)', C);
}

export class Inception extends nn.Module {
  branch1: nn.Module;
  branch2: nn.Sequential;
  branch3: nn.Sequential;
  branch4: nn.Sequential;
  constructor(inChannels: number, ch1x1: number, ch3x3red: number, ch3x3: number, ch5x5red: number, ch5x5: number, poolProj: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.googlenet.Inception', 'conv_block', C);
    this.branch1 = new C(inChannels, ch1x1, { kernelSize: 1 });
    this.branch2 = new nn.Sequential(new C(inChannels, ch3x3red, { kernelSize: 1 }), new C(ch3x3red, ch3x3, { kernelSize: 3, padding: 1 }));
    // Here, kernel_size=3 instead of kernel_size=5 is a known bug (torchvision keeps it for the weights).
    this.branch3 = new nn.Sequential(new C(inChannels, ch5x5red, { kernelSize: 1 }), new C(ch5x5red, ch5x5, { kernelSize: 3, padding: 1 }));
    this.branch4 = new nn.Sequential(new nn.MaxPool2d({ kernelSize: 3, stride: 1, padding: 1, ceilMode: true }), new C(inChannels, poolProj, { kernelSize: 1 }));
  }
  override forward(x: Tensor): Tensor {
    return cat([this.branch1.forward(x), this.branch2.forward(x), this.branch3.forward(x), this.branch4.forward(x)], 1);
  }
}

export class InceptionAux extends nn.Module {
  conv: nn.Module;
  fc1: nn.Linear;
  fc2: nn.Linear;
  dropout: nn.Dropout;
  constructor(inChannels: number, numClasses: number, opts: { convBlock?: ConvBlock | null; dropout?: number } = {}) {
    super();
    opts = v.options('models.googlenet.InceptionAux', opts);
    const C = opts.convBlock ?? BasicConv2d;
    blockClass('models.googlenet.InceptionAux', 'conv_block', C);
    this.conv = new C(inChannels, 128, { kernelSize: 1 });
    this.fc1 = new nn.Linear(2048, 1024);
    this.fc2 = new nn.Linear(1024, numClasses);
    this.dropout = new nn.Dropout({ p: opts.dropout ?? 0.7 });
  }
  override forward(x: Tensor): Tensor {
    x = F.adaptiveAvgPool2d(x, [4, 4]);
    x = this.conv.forward(x);
    x = flatten(x, 1);
    x = F.relu(this.fc1.forward(x), { inplace: true });
    x = this.dropout.forward(x);
    return this.fc2.forward(x);
  }
}

const GOOGLENET_KW = ['numClasses', 'auxLogits', 'transformInput', 'initWeights', 'blocks', 'dropout', 'dropoutAux'];

/** Python's _transform_input of GoogLeNet and Inception3: ImageNet-normalised input to the (x-0.5)/0.5 the port expects. */
export function transformInput(x: Tensor): Tensor {
  tensorArg('models.googlenet.transform_input', 'x', x);
  const ch = (i: number, s: number, m: number) => x.index(slice(), i).unsqueeze(1).mul(s / 0.5).add((m - 0.5) / 0.5);
  return cat([ch(0, 0.229, 0.485), ch(1, 0.224, 0.456), ch(2, 0.225, 0.406)], 1);
}

/**
 * `GoogLeNet(num_classes=1000, aux_logits=True, transform_input=False, init_weights=None, blocks=None,
 * dropout=0.2, dropout_aux=0.7)`. In training with aux_logits, forward gives GoogLeNetOutputs.
 */
export class GoogLeNet extends nn.Module {
  auxLogits: boolean;
  transformInput: boolean;
  conv1: nn.Module;
  maxpool1: nn.MaxPool2d;
  conv2: nn.Module;
  conv3: nn.Module;
  maxpool2: nn.MaxPool2d;
  inception3a: nn.Module;
  inception3b: nn.Module;
  maxpool3: nn.MaxPool2d;
  inception4a: nn.Module;
  inception4b: nn.Module;
  inception4c: nn.Module;
  inception4d: nn.Module;
  inception4e: nn.Module;
  maxpool4: nn.MaxPool2d;
  inception5a: nn.Module;
  inception5b: nn.Module;
  aux1: nn.Module | null;
  aux2: nn.Module | null;
  avgpool: nn.AdaptiveAvgPool2d;
  dropout: nn.Dropout;
  fc: nn.Linear;

  constructor(...args: unknown[]) {
    super();
    const call = 'models.GoogLeNet';
    const a = v.bindArgs(call, GOOGLENET_KW, args);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const blocks = (a.blocks ?? [BasicConv2d, Inception, InceptionAux]) as [ConvBlock, typeof Inception, typeof InceptionAux];
    if (!Array.isArray(blocks) || blocks.length !== 3) throw new RangeError(`blocks length should be 3 instead of ${Array.isArray(blocks) ? blocks.length : String(blocks)}`);
    const initWeights = a.initWeights === undefined || a.initWeights === null ? true : v.bool(call, 'init_weights', a.initWeights);
    const [C, I, A] = blocks;
    blocks.forEach((b, i) => blockClass(call, `blocks[${i}]`, b));
    this.auxLogits = v.bool(call, 'aux_logits', a.auxLogits ?? true);
    this.transformInput = v.bool(call, 'transform_input', a.transformInput ?? false);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.2, 0, 1);
    const dropoutAux = v.inRange(call, 'dropout_aux', a.dropoutAux ?? 0.7, 0, 1);
    const pool = (k: number) => new nn.MaxPool2d(k, { stride: 2, ceilMode: true });
    this.conv1 = new C(3, 64, { kernelSize: 7, stride: 2, padding: 3 });
    this.maxpool1 = pool(3);
    this.conv2 = new C(64, 64, { kernelSize: 1 });
    this.conv3 = new C(64, 192, { kernelSize: 3, padding: 1 });
    this.maxpool2 = pool(3);
    this.inception3a = new I(192, 64, 96, 128, 16, 32, 32);
    this.inception3b = new I(256, 128, 128, 192, 32, 96, 64);
    this.maxpool3 = pool(3);
    this.inception4a = new I(480, 192, 96, 208, 16, 48, 64);
    this.inception4b = new I(512, 160, 112, 224, 24, 64, 64);
    this.inception4c = new I(512, 128, 128, 256, 24, 64, 64);
    this.inception4d = new I(512, 112, 144, 288, 32, 64, 64);
    this.inception4e = new I(528, 256, 160, 320, 32, 128, 128);
    this.maxpool4 = pool(2);
    this.inception5a = new I(832, 256, 160, 320, 32, 128, 128);
    this.inception5b = new I(832, 384, 192, 384, 48, 128, 128);
    if (this.auxLogits) {
      this.aux1 = new A(512, numClasses, { dropout: dropoutAux });
      this.aux2 = new A(528, numClasses, { dropout: dropoutAux });
    } else {
      this.aux1 = null;
      this.aux2 = null;
    }
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: dropout });
    this.fc = new nn.Linear(1024, numClasses);
    if (initWeights) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d || m instanceof nn.Linear) truncNormal_(m.weight, 0.0, 0.01, -2, 2);
        else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }

  override forward(x: Tensor): Tensor | GoogLeNetOutputs {
    if (this.transformInput) x = transformInput(x);
    x = this.conv1.forward(x);
    x = this.maxpool1.forward(x);
    x = this.conv2.forward(x);
    x = this.conv3.forward(x);
    x = this.maxpool2.forward(x);
    x = this.inception3a.forward(x);
    x = this.inception3b.forward(x);
    x = this.maxpool3.forward(x);
    x = this.inception4a.forward(x);
    const aux1 = this.aux1 !== null && this.training ? this.aux1.forward(x) : null;
    x = this.inception4b.forward(x);
    x = this.inception4c.forward(x);
    x = this.inception4d.forward(x);
    const aux2 = this.aux2 !== null && this.training ? this.aux2.forward(x) : null;
    x = this.inception4e.forward(x);
    x = this.maxpool4.forward(x);
    x = this.inception5a.forward(x);
    x = this.inception5b.forward(x);
    x = this.avgpool.forward(x);
    x = flatten(x, 1);
    x = this.dropout.forward(x);
    x = this.fc.forward(x);
    if (this.training && this.auxLogits) return Object.assign([x, aux2, aux1], { logits: x, auxLogits2: aux2, auxLogits1: aux1 }) as GoogLeNetOutputs;
    return x;
  }
}

export const GoogLeNet_Weights: WeightsEnum = weightsEnum('GoogLeNet_Weights', WEIGHTS.GoogLeNet_Weights, DEFAULTS.GoogLeNet_Weights, IMAGENET_CATEGORIES);

export interface GoogLeNetBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  auxLogits?: boolean;
  transformInput?: boolean;
  initWeights?: boolean | null;
  blocks?: unknown[];
  dropout?: number;
  dropoutAux?: number;
}

/** `torchvision.models.googlenet(*, weights=None, progress=True, **kwargs)`. */
export function googlenet(opts?: GoogLeNetBuilderOptions): GoogLeNet {
  const call = 'models.googlenet';
  const given = v.options(call, opts);
  const originalAuxLogits = given.auxLogits === undefined ? false : v.bool(call, 'aux_logits', given.auxLogits);
  let withWeights = false;
  const model = buildModel(call, GoogLeNet_Weights, opts, GOOGLENET_KW, (kw) => new GoogLeNet(kw), {
    onWeights: (kw) => {
      withWeights = true;
      if (!('transformInput' in given)) kw.transformInput = true;
      overwrite(call, kw, 'auxLogits', true);
      overwrite(call, kw, 'initWeights', false);
    },
  });
  if (withWeights) {
    if (!originalAuxLogits) {
      model.auxLogits = false;
      model.aux1 = null;
      model.aux2 = null;
    } else {
      process.emitWarning('auxiliary heads in the pretrained googlenet model are NOT pretrained, so make sure to train them');
    }
  }
  return model;
}
registerModel('googlenet', googlenet, GoogLeNet_Weights, 'GoogLeNet_Weights');

