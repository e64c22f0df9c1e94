// torchvision.models.resnet (torchvision 0.14): ResNet, ResNeXt and Wide ResNet, with torchvision's
// module names (state-dict keys), reprs and init order.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { flatten } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { LayerFactory, makeLayer } from './_layers';

/** 3x3 convolution with padding. */
export function conv3x3(inPlanes: number, outPlanes: number, stride = 1, groups = 1, dilation = 1): nn.Conv2d {
  return new nn.Conv2d(inPlanes, outPlanes, { kernelSize: 3, stride, padding: dilation, groups, bias: false, dilation });
}

/** 1x1 convolution. */
export function conv1x1(inPlanes: number, outPlanes: number, stride = 1): nn.Conv2d {
  return new nn.Conv2d(inPlanes, outPlanes, { kernelSize: 1, stride, bias: false });
}

export interface BlockOptions {
  stride?: number;
  downsample?: nn.Module | null;
  groups?: number;
  baseWidth?: number;
  dilation?: number;
  normLayer?: LayerFactory | null;
}
const BLOCK_ARGS = ['inplanes', 'planes', 'stride', 'downsample', 'groups', 'baseWidth', 'dilation', 'normLayer'];

export class BasicBlock extends nn.Module {
  static readonly expansion = 1;
  conv1: nn.Conv2d;
  bn1: nn.Module;
  relu: nn.ReLU;
  conv2: nn.Conv2d;
  bn2: nn.Module;
  downsample: nn.Module | null;
  stride: number;

  constructor(inplanes: number, planes: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.resnet.BasicBlock';
    const a = v.bindArgs(call, BLOCK_ARGS, args);
    const normLayer = (a.normLayer ?? nn.BatchNorm2d) as LayerFactory;
    v.func(call, 'norm_layer', normLayer);
    if ((a.groups ?? 1) !== 1 || (a.baseWidth ?? 64) !== 64) throw new RangeError('BasicBlock only supports groups=1 and base_width=64');
    if (((a.dilation ?? 1) as number) > 1) throw new RangeError('Dilation > 1 not supported in BasicBlock');
    const inplanes = v.int(call, 'inplanes', a.inplanes, 1);
    const planes = v.int(call, 'planes', a.planes, 1);
    const stride = v.int(call, 'stride', a.stride ?? 1, 1);
    this.conv1 = conv3x3(inplanes, planes, stride);
    this.bn1 = makeLayer(normLayer, planes);
    this.relu = new nn.ReLU({ inplace: true });
    this.conv2 = conv3x3(planes, planes);
    this.bn2 = makeLayer(normLayer, planes);
    this.downsample = (a.downsample ?? null) as nn.Module | null;
    this.stride = stride;
  }

  override forward(x: Tensor): Tensor {
    const identity = this.downsample === null ? x : this.downsample.forward(x);
    let out = this.conv1.forward(x);
    out = this.bn1.forward(out);
    out = this.relu.forward(out);
    out = this.conv2.forward(out);
    out = this.bn2.forward(out);
    out = out.add_(identity);
    return this.relu.forward(out);
  }
}

export class Bottleneck extends nn.Module {
  static readonly expansion = 4;
  conv1: nn.Conv2d;
  bn1: nn.Module;
  conv2: nn.Conv2d;
  bn2: nn.Module;
  conv3: nn.Conv2d;
  bn3: nn.Module;
  relu: nn.ReLU;
  downsample: nn.Module | null;
  stride: number;

  constructor(inplanes: number, planes: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.resnet.Bottleneck';
    const a = v.bindArgs(call, BLOCK_ARGS, args);
    const normLayer = (a.normLayer ?? nn.BatchNorm2d) as LayerFactory;
    v.func(call, 'norm_layer', normLayer);
    const inplanes = v.int(call, 'inplanes', a.inplanes, 1);
    const planes = v.int(call, 'planes', a.planes, 1);
    const stride = v.int(call, 'stride', a.stride ?? 1, 1);
    const groups = v.int(call, 'groups', a.groups ?? 1, 1);
    const baseWidth = v.int(call, 'base_width', a.baseWidth ?? 64, 1);
    const dilation = v.int(call, 'dilation', a.dilation ?? 1, 1);
    const width = Math.trunc(planes * (baseWidth / 64.0)) * groups;
    this.conv1 = conv1x1(inplanes, width);
    this.bn1 = makeLayer(normLayer, width);
    this.conv2 = conv3x3(width, width, stride, groups, dilation);
    this.bn2 = makeLayer(normLayer, width);
    this.conv3 = conv1x1(width, planes * Bottleneck.expansion);
    this.bn3 = makeLayer(normLayer, planes * Bottleneck.expansion);
    this.relu = new nn.ReLU({ inplace: true });
    this.downsample = (a.downsample ?? null) as nn.Module | null;
    this.stride = stride;
  }

  override forward(x: Tensor): Tensor {
    const identity = this.downsample === null ? x : this.downsample.forward(x);
    let out = this.conv1.forward(x);
    out = this.bn1.forward(out);
    out = this.relu.forward(out);
    out = this.conv2.forward(out);
    out = this.bn2.forward(out);
    out = this.relu.forward(out);
    out = this.conv3.forward(out);
    out = this.bn3.forward(out);
    out = out.add_(identity);
    return this.relu.forward(out);
  }
}

type Block = typeof BasicBlock | typeof Bottleneck;

export interface ResNetOptions {
  numClasses?: number;
  zeroInitResidual?: boolean;
  groups?: number;
  widthPerGroup?: number;
  replaceStrideWithDilation?: [boolean, boolean, boolean] | null;
  normLayer?: LayerFactory | null;
}
const RESNET_KW = ['numClasses', 'zeroInitResidual', 'groups', 'widthPerGroup', 'replaceStrideWithDilation', 'normLayer'];

/**
 * `ResNet(block, layers, num_classes=1000, zero_init_residual=False, groups=1, width_per_group=64,
 * replace_stride_with_dilation=None, norm_layer=None)`.
 */
export class ResNet extends nn.Module {
  declare private _normLayer: LayerFactory;
  inplanes: number;
  dilation: number;
  groups: number;
  baseWidth: number;
  conv1: nn.Conv2d;
  bn1: nn.Module;
  relu: nn.ReLU;
  maxpool: nn.MaxPool2d;
  layer1: nn.Sequential;
  layer2: nn.Sequential;
  layer3: nn.Sequential;
  layer4: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  fc: nn.Linear;

  constructor(block: Block, layers: number[], ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.ResNet';
    const a = v.bindArgs(call, ['block', 'layers', ...RESNET_KW], args);
    const block = a.block as Block;
    if (block !== BasicBlock && block !== Bottleneck) throw new TypeError(`${call}: block must be models.resnet.BasicBlock or Bottleneck`);
    if (!Array.isArray(a.layers) || a.layers.length !== 4) throw new TypeError(`${call}: layers must be a list of 4 integers`);
    const layers = v.ints(call, 'layers', a.layers, 1);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const zeroInitResidual = v.bool(call, 'zero_init_residual', a.zeroInitResidual ?? false);
    const normLayer = (a.normLayer ?? nn.BatchNorm2d) as LayerFactory;
    v.func(call, 'norm_layer', normLayer);
    Object.defineProperty(this, '_normLayer', { value: normLayer, enumerable: false });
    this.inplanes = 64;
    this.dilation = 1;
    const rswd = a.replaceStrideWithDilation ?? [false, false, false];
    if (!Array.isArray(rswd) || rswd.length !== 3) {
      throw new RangeError(`replace_stride_with_dilation should be None or a 3-element tuple, got ${JSON.stringify(rswd)}`);
    }
    const dil = rswd.map((x, i) => v.bool(call, `replace_stride_with_dilation[${i}]`, x));
    this.groups = v.int(call, 'groups', a.groups ?? 1, 1);
    this.baseWidth = v.int(call, 'width_per_group', a.widthPerGroup ?? 64, 1);
    this.conv1 = new nn.Conv2d(3, this.inplanes, { kernelSize: 7, stride: 2, padding: 3, bias: false });
    this.bn1 = makeLayer(normLayer, this.inplanes);
    this.relu = new nn.ReLU({ inplace: true });
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    this.layer1 = this._makeLayer(block, 64, layers[0]);
    this.layer2 = this._makeLayer(block, 128, layers[1], 2, dil[0]);
    this.layer3 = this._makeLayer(block, 256, layers[2], 2, dil[1]);
    this.layer4 = this._makeLayer(block, 512, layers[3], 2, dil[2]);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(512 * block.expansion, numClasses);

    const GroupNorm = (nn as unknown as Record<string, unknown>).GroupNorm as (new () => nn.Module) | undefined;
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      else if (m instanceof nn.BatchNorm2d || (GroupNorm && m instanceof GroupNorm)) {
        const n = m as unknown as { weight: Tensor; bias: Tensor };
        nn.init.constant_(n.weight, 1);
        nn.init.constant_(n.bias, 0);
      }
    }
    // Zero-initialize the last BN in each residual branch ("Bag of Tricks", https://arxiv.org/abs/1706.02677).
    if (zeroInitResidual) {
      for (const m of this.modules()) {
        const w = m instanceof Bottleneck ? (m.bn3 as unknown as { weight: Tensor | null }).weight : m instanceof BasicBlock ? (m.bn2 as unknown as { weight: Tensor | null }).weight : null;
        if (w) nn.init.constant_(w, 0);
      }
    }
  }

  protected _makeLayer(block: Block, planes: number, blocks: number, stride = 1, dilate = false): nn.Sequential {
    const normLayer = this._normLayer;
    let downsample: nn.Module | null = null;
    const previousDilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    if (stride !== 1 || this.inplanes !== planes * block.expansion) {
      downsample = new nn.Sequential(conv1x1(this.inplanes, planes * block.expansion, stride), makeLayer(normLayer, planes * block.expansion));
    }
    const layers: nn.Module[] = [new block(this.inplanes, planes, stride, downsample, this.groups, this.baseWidth, previousDilation, normLayer)];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++) {
      layers.push(new block(this.inplanes, planes, { groups: this.groups, baseWidth: this.baseWidth, dilation: this.dilation, normLayer }));
    }
    return new nn.Sequential(...layers);
  }

  override forward(x: Tensor): Tensor {
    x = this.conv1.forward(x);
    x = this.bn1.forward(x);
    x = this.relu.forward(x);
    x = this.maxpool.forward(x);
    x = this.layer1.forward(x);
    x = this.layer2.forward(x);
    x = this.layer3.forward(x);
    x = this.layer4.forward(x);
    x = this.avgpool.forward(x);
    x = flatten(x, 1);
    return this.fc.forward(x);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const ResNet18_Weights = mk('ResNet18_Weights');
export const ResNet34_Weights = mk('ResNet34_Weights');
export const ResNet50_Weights = mk('ResNet50_Weights');
export const ResNet101_Weights = mk('ResNet101_Weights');
export const ResNet152_Weights = mk('ResNet152_Weights');
export const ResNeXt50_32X4D_Weights = mk('ResNeXt50_32X4D_Weights');
export const ResNeXt101_32X8D_Weights = mk('ResNeXt101_32X8D_Weights');
export const ResNeXt101_64X4D_Weights = mk('ResNeXt101_64X4D_Weights');
export const Wide_ResNet50_2_Weights = mk('Wide_ResNet50_2_Weights');
export const Wide_ResNet101_2_Weights = mk('Wide_ResNet101_2_Weights');

export interface ResNetBuilderOptions extends ResNetOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
}

function builder(name: string, enumName: string, e: WeightsEnum, block: Block, layers: number[], fixed: Record<string, unknown> = {}) {
  const fn = (opts?: ResNetBuilderOptions): ResNet =>
    buildModel(`models.${name}`, e, opts, RESNET_KW, (kw) => new ResNet(block, layers, kw), { fixed });
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const resnet18 = builder('resnet18', 'ResNet18_Weights', ResNet18_Weights, BasicBlock, [2, 2, 2, 2]);
export const resnet34 = builder('resnet34', 'ResNet34_Weights', ResNet34_Weights, BasicBlock, [3, 4, 6, 3]);
export const resnet50 = builder('resnet50', 'ResNet50_Weights', ResNet50_Weights, Bottleneck, [3, 4, 6, 3]);
export const resnet101 = builder('resnet101', 'ResNet101_Weights', ResNet101_Weights, Bottleneck, [3, 4, 23, 3]);
export const resnet152 = builder('resnet152', 'ResNet152_Weights', ResNet152_Weights, Bottleneck, [3, 8, 36, 3]);
export const resnext50_32x4d = builder('resnext50_32x4d', 'ResNeXt50_32X4D_Weights', ResNeXt50_32X4D_Weights, Bottleneck, [3, 4, 6, 3], { groups: 32, widthPerGroup: 4 });
export const resnext101_32x8d = builder('resnext101_32x8d', 'ResNeXt101_32X8D_Weights', ResNeXt101_32X8D_Weights, Bottleneck, [3, 4, 23, 3], { groups: 32, widthPerGroup: 8 });
export const resnext101_64x4d = builder('resnext101_64x4d', 'ResNeXt101_64X4D_Weights', ResNeXt101_64X4D_Weights, Bottleneck, [3, 4, 23, 3], { groups: 64, widthPerGroup: 4 });
export const wide_resnet50_2 = builder('wide_resnet50_2', 'Wide_ResNet50_2_Weights', Wide_ResNet50_2_Weights, Bottleneck, [3, 4, 6, 3], { widthPerGroup: 64 * 2 });
export const wide_resnet101_2 = builder('wide_resnet101_2', 'Wide_ResNet101_2_Weights', Wide_ResNet101_2_Weights, Bottleneck, [3, 4, 23, 3], { widthPerGroup: 64 * 2 });
