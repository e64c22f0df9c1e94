// torchvision.models.inception (torchvision 0.14): Inception v3.
import * as nn from '../../nn';
import * as F from '../../nn/functional';
import { Tensor } from '../../tensor';
import { cat, flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, overwriteNamedParam as overwrite, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { truncNormal_ } from './_layers';
import { transformInput, blockClass } from './googlenet';

/** InceptionOutputs(logits, aux_logits): an array that also carries the names. */
export type InceptionOutputs = [Tensor, Tensor | null] & { logits: Tensor; auxLogits: Tensor | null };

export class BasicConv2d extends nn.Module {
  conv: nn.Conv2d;
  bn: nn.BatchNorm2d;
  constructor(inChannels: number, outChannels: number, kwargs: Record<string, unknown> = {}) {
    super();
    kwargs = v.options('models.inception.BasicConv2d', kwargs);
    this.conv = new nn.Conv2d(inChannels, outChannels, { ...kwargs, bias: false });
    this.bn = new nn.BatchNorm2d(outChannels, { eps: 0.001 });
  }
  override forward(x: Tensor): Tensor {
    return F.relu(this.bn.forward(this.conv.forward(x)), { inplace: true });
  }
}

type ConvBlock = new (i: number, o: number, kw?: Record<string, unknown>) => nn.Module;
type M = nn.Module;
const k1 = { kernelSize: 1 };
const avg3 = (x: Tensor) => F.avgPool2d(x, { kernelSize: 3, stride: 1, padding: 1 });
const max3 = (x: Tensor) => F.maxPool2d(x, { kernelSize: 3, stride: 2 });

export class InceptionA extends nn.Module {
  branch1x1: M; branch5x5_1: M; branch5x5_2: M; branch3x3dbl_1: M; branch3x3dbl_2: M; branch3x3dbl_3: M; branch_pool: M;
  constructor(inChannels: number, poolFeatures: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.inception', 'conv_block', C);
    this.branch1x1 = new C(inChannels, 64, k1);
    this.branch5x5_1 = new C(inChannels, 48, k1);
    this.branch5x5_2 = new C(48, 64, { kernelSize: 5, padding: 2 });
    this.branch3x3dbl_1 = new C(inChannels, 64, k1);
    this.branch3x3dbl_2 = new C(64, 96, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3 = new C(96, 96, { kernelSize: 3, padding: 1 });
    this.branch_pool = new C(inChannels, poolFeatures, k1);
  }
  override forward(x: Tensor): Tensor {
    const b1 = this.branch1x1.forward(x);
    const b5 = this.branch5x5_2.forward(this.branch5x5_1.forward(x));
    const b3 = this.branch3x3dbl_3.forward(this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x)));
    const bp = this.branch_pool.forward(avg3(x));
    return cat([b1, b5, b3, bp], 1);
  }
}

export class InceptionB extends nn.Module {
  branch3x3: M; branch3x3dbl_1: M; branch3x3dbl_2: M; branch3x3dbl_3: M;
  constructor(inChannels: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.inception', 'conv_block', C);
    this.branch3x3 = new C(inChannels, 384, { kernelSize: 3, stride: 2 });
    this.branch3x3dbl_1 = new C(inChannels, 64, k1);
    this.branch3x3dbl_2 = new C(64, 96, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3 = new C(96, 96, { kernelSize: 3, stride: 2 });
  }
  override forward(x: Tensor): Tensor {
    const b3 = this.branch3x3.forward(x);
    const bd = this.branch3x3dbl_3.forward(this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x)));
    return cat([b3, bd, max3(x)], 1);
  }
}

export class InceptionC extends nn.Module {
  branch1x1: M; branch7x7_1: M; branch7x7_2: M; branch7x7_3: M;
  branch7x7dbl_1: M; branch7x7dbl_2: M; branch7x7dbl_3: M; branch7x7dbl_4: M; branch7x7dbl_5: M; branch_pool: M;
  constructor(inChannels: number, channels7x7: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.inception', 'conv_block', C);
    const c7 = channels7x7;
    const k17 = { kernelSize: [1, 7], padding: [0, 3] };
    const k71 = { kernelSize: [7, 1], padding: [3, 0] };
    this.branch1x1 = new C(inChannels, 192, k1);
    this.branch7x7_1 = new C(inChannels, c7, k1);
    this.branch7x7_2 = new C(c7, c7, k17);
    this.branch7x7_3 = new C(c7, 192, k71);
    this.branch7x7dbl_1 = new C(inChannels, c7, k1);
    this.branch7x7dbl_2 = new C(c7, c7, k71);
    this.branch7x7dbl_3 = new C(c7, c7, k17);
    this.branch7x7dbl_4 = new C(c7, c7, k71);
    this.branch7x7dbl_5 = new C(c7, 192, k17);
    this.branch_pool = new C(inChannels, 192, k1);
  }
  override forward(x: Tensor): Tensor {
    const b1 = this.branch1x1.forward(x);
    let b7 = this.branch7x7_1.forward(x);
    b7 = this.branch7x7_3.forward(this.branch7x7_2.forward(b7));
    let bd = this.branch7x7dbl_1.forward(x);
    bd = this.branch7x7dbl_2.forward(bd);
    bd = this.branch7x7dbl_3.forward(bd);
    bd = this.branch7x7dbl_4.forward(bd);
    bd = this.branch7x7dbl_5.forward(bd);
    const bp = this.branch_pool.forward(avg3(x));
    return cat([b1, b7, bd, bp], 1);
  }
}

export class InceptionD extends nn.Module {
  branch3x3_1: M; branch3x3_2: M; branch7x7x3_1: M; branch7x7x3_2: M; branch7x7x3_3: M; branch7x7x3_4: M;
  constructor(inChannels: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.inception', 'conv_block', C);
    this.branch3x3_1 = new C(inChannels, 192, k1);
    this.branch3x3_2 = new C(192, 320, { kernelSize: 3, stride: 2 });
    this.branch7x7x3_1 = new C(inChannels, 192, k1);
    this.branch7x7x3_2 = new C(192, 192, { kernelSize: [1, 7], padding: [0, 3] });
    this.branch7x7x3_3 = new C(192, 192, { kernelSize: [7, 1], padding: [3, 0] });
    this.branch7x7x3_4 = new C(192, 192, { kernelSize: 3, stride: 2 });
  }
  override forward(x: Tensor): Tensor {
    const b3 = this.branch3x3_2.forward(this.branch3x3_1.forward(x));
    let b7 = this.branch7x7x3_1.forward(x);
    b7 = this.branch7x7x3_2.forward(b7);
    b7 = this.branch7x7x3_3.forward(b7);
    b7 = this.branch7x7x3_4.forward(b7);
    return cat([b3, b7, max3(x)], 1);
  }
}

export class InceptionE extends nn.Module {
  branch1x1: M; branch3x3_1: M; branch3x3_2a: M; branch3x3_2b: M;
  branch3x3dbl_1: M; branch3x3dbl_2: M; branch3x3dbl_3a: M; branch3x3dbl_3b: M; branch_pool: M;
  constructor(inChannels: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.inception', 'conv_block', C);
    const k13 = { kernelSize: [1, 3], padding: [0, 1] };
    const k31 = { kernelSize: [3, 1], padding: [1, 0] };
    this.branch1x1 = new C(inChannels, 320, k1);
    this.branch3x3_1 = new C(inChannels, 384, k1);
    this.branch3x3_2a = new C(384, 384, k13);
    this.branch3x3_2b = new C(384, 384, k31);
    this.branch3x3dbl_1 = new C(inChannels, 448, k1);
    this.branch3x3dbl_2 = new C(448, 384, { kernelSize: 3, padding: 1 });
    this.branch3x3dbl_3a = new C(384, 384, k13);
    this.branch3x3dbl_3b = new C(384, 384, k31);
    this.branch_pool = new C(inChannels, 192, k1);
  }
  override forward(x: Tensor): Tensor {
    const b1 = this.branch1x1.forward(x);
    const b3i = this.branch3x3_1.forward(x);
    const b3 = cat([this.branch3x3_2a.forward(b3i), this.branch3x3_2b.forward(b3i)], 1);
    const bdi = this.branch3x3dbl_2.forward(this.branch3x3dbl_1.forward(x));
    const bd = cat([this.branch3x3dbl_3a.forward(bdi), this.branch3x3dbl_3b.forward(bdi)], 1);
    const bp = this.branch_pool.forward(avg3(x));
    return cat([b1, b3, bd, bp], 1);
  }
}

export class InceptionAux extends nn.Module {
  conv0: M;
  conv1: M;
  fc: nn.Linear;
  constructor(inChannels: number, numClasses: number, convBlock: ConvBlock | null = null) {
    super();
    const C = convBlock ?? BasicConv2d;
    blockClass('models.inception', 'conv_block', C);
    this.conv0 = new C(inChannels, 128, k1);
    this.conv1 = new C(128, 768, { kernelSize: 5 });
    // Python sets `stddev` on these two (read by Inception3's init: only fc's is a Conv2d/Linear).
    Object.defineProperty(this.conv1, 'stddev', { value: 0.01, enumerable: false, writable: true });
    this.fc = new nn.Linear(768, numClasses);
    Object.defineProperty(this.fc, 'stddev', { value: 0.001, enumerable: false, writable: true });
  }
  override forward(x: Tensor): Tensor {
    x = F.avgPool2d(x, { kernelSize: 5, stride: 3 });
    x = this.conv0.forward(x);
    x = this.conv1.forward(x);
    x = F.adaptiveAvgPool2d(x, [1, 1]);
    x = flatten(x, 1);
    return this.fc.forward(x);
  }
}

const INCEPTION_KW = ['numClasses', 'auxLogits', 'transformInput', 'inceptionBlocks', 'initWeights', 'dropout'];

/**
 * `Inception3(num_classes=1000, aux_logits=True, transform_input=False, inception_blocks=None,
 * init_weights=None, dropout=0.5)`. In training with aux_logits, forward gives InceptionOutputs.
 */
export class Inception3 extends nn.Module {
  auxLogits: boolean;
  transformInput: boolean;
  Conv2d_1a_3x3: M; Conv2d_2a_3x3: M; Conv2d_2b_3x3: M; maxpool1: nn.MaxPool2d; Conv2d_3b_1x1: M; Conv2d_4a_3x3: M; maxpool2: nn.MaxPool2d;
  Mixed_5b: M; Mixed_5c: M; Mixed_5d: M; Mixed_6a: M; Mixed_6b: M; Mixed_6c: M; Mixed_6d: M; Mixed_6e: M;
  AuxLogits: M | null;
  Mixed_7a: M; Mixed_7b: M; Mixed_7c: M;
  avgpool: nn.AdaptiveAvgPool2d;
  dropout: nn.Dropout;
  fc: nn.Linear;

  constructor(...args: unknown[]) {
    super();
    const call = 'models.Inception3';
    const a = v.bindArgs(call, INCEPTION_KW, args);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const blocks = (a.inceptionBlocks ?? [BasicConv2d, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux]) as unknown[];
    const initWeights = a.initWeights === undefined || a.initWeights === null ? true : v.bool(call, 'init_weights', a.initWeights);
    if (!Array.isArray(blocks) || blocks.length !== 7) throw new RangeError(`lenght of inception_blocks should be 7 instead of ${Array.isArray(blocks) ? blocks.length : String(blocks)}`);
    blocks.forEach((b, i) => blockClass(call, `inception_blocks[${i}]`, b));
    const [C, IA, IB, IC, ID, IE, IAux] = blocks as [ConvBlock, typeof InceptionA, typeof InceptionB, typeof InceptionC, typeof InceptionD, typeof InceptionE, typeof InceptionAux];
    this.auxLogits = v.bool(call, 'aux_logits', a.auxLogits ?? true);
    this.transformInput = v.bool(call, 'transform_input', a.transformInput ?? false);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.5, 0, 1);
    this.Conv2d_1a_3x3 = new C(3, 32, { kernelSize: 3, stride: 2 });
    this.Conv2d_2a_3x3 = new C(32, 32, { kernelSize: 3 });
    this.Conv2d_2b_3x3 = new C(32, 64, { kernelSize: 3, padding: 1 });
    this.maxpool1 = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.Conv2d_3b_1x1 = new C(64, 80, { kernelSize: 1 });
    this.Conv2d_4a_3x3 = new C(80, 192, { kernelSize: 3 });
    this.maxpool2 = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    this.Mixed_5b = new IA(192, 32);
    this.Mixed_5c = new IA(256, 64);
    this.Mixed_5d = new IA(288, 64);
    this.Mixed_6a = new IB(288);
    this.Mixed_6b = new IC(768, 128);
    this.Mixed_6c = new IC(768, 160);
    this.Mixed_6d = new IC(768, 160);
    this.Mixed_6e = new IC(768, 192);
    this.AuxLogits = null;
    if (this.auxLogits) this.AuxLogits = new IAux(768, numClasses);
    this.Mixed_7a = new ID(768);
    this.Mixed_7b = new IE(1280);
    this.Mixed_7c = new IE(2048);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: dropout });
    this.fc = new nn.Linear(2048, numClasses);
    if (initWeights) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
          const stddev = (m as unknown as { stddev?: number }).stddev ?? 0.1;
          truncNormal_(m.weight, 0.0, stddev, -2, 2);
        } else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }

  override forward(x: Tensor): Tensor | InceptionOutputs {
    if (this.transformInput) x = transformInput(x);
    for (const name of ['Conv2d_1a_3x3', 'Conv2d_2a_3x3', 'Conv2d_2b_3x3', 'maxpool1', 'Conv2d_3b_1x1', 'Conv2d_4a_3x3', 'maxpool2',
      'Mixed_5b', 'Mixed_5c', 'Mixed_5d', 'Mixed_6a', 'Mixed_6b', 'Mixed_6c', 'Mixed_6d', 'Mixed_6e'] as const) {
      x = (this[name] as M).forward(x);
    }
    const aux = this.AuxLogits !== null && this.training ? this.AuxLogits.forward(x) : null;
    x = this.Mixed_7a.forward(x);
    x = this.Mixed_7b.forward(x);
    x = this.Mixed_7c.forward(x);
    x = this.avgpool.forward(x);
    x = this.dropout.forward(x);
    x = flatten(x, 1);
    x = this.fc.forward(x);
    if (this.training && this.auxLogits) return Object.assign([x, aux], { logits: x, auxLogits: aux }) as InceptionOutputs;
    return x;
  }
}

export const Inception_V3_Weights: WeightsEnum = weightsEnum('Inception_V3_Weights', WEIGHTS.Inception_V3_Weights, DEFAULTS.Inception_V3_Weights, IMAGENET_CATEGORIES);

export interface InceptionV3BuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  auxLogits?: boolean;
  transformInput?: boolean;
  inceptionBlocks?: unknown[];
  initWeights?: boolean | null;
  dropout?: number;
}

/** `torchvision.models.inception_v3(*, weights=None, progress=True, **kwargs)`. */
export function inception_v3(opts?: InceptionV3BuilderOptions): Inception3 {
  const call = 'models.inception_v3';
  const given = v.options(call, opts);
  const originalAuxLogits = given.auxLogits === undefined ? true : v.bool(call, 'aux_logits', given.auxLogits);
  let withWeights = false;
  const model = buildModel(call, Inception_V3_Weights, opts, INCEPTION_KW, (kw) => new Inception3(kw), {
    onWeights: (kw) => {
      withWeights = true;
      if (!('transformInput' in given)) kw.transformInput = true;
      overwrite(call, kw, 'auxLogits', true);
      overwrite(call, kw, 'initWeights', false);
    },
  });
  if (withWeights && !originalAuxLogits) {
    model.auxLogits = false;
    model.AuxLogits = null;
  }
  return model;
}
registerModel('inception_v3', inception_v3, Inception_V3_Weights, 'Inception_V3_Weights');
