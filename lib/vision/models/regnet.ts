// torchvision.models.regnet (torchvision 0.14): RegNetY and RegNetX, 400MF to 128GF.
import * as nn from '../../nn';
import { arange, fullLike } from '../../creation';
import { Tensor } from '../../tensor';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';
import { LayerFactory, makeLayer, partial } from './_layers';
import { makeDivisible } from './_utils';
import { Conv2dNormActivation, SqueezeExcitation } from '../ops/misc';

/** Python's round() (half to even) of a float. */
const pyRound = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** Simple stem for ImageNet: 3x3, BN, ReLU. */
export class SimpleStemIN extends Conv2dNormActivation {
  constructor(widthIn: number, widthOut: number, normLayer: LayerFactory, activationLayer: LayerFactory) {
    super(widthIn, widthOut, { kernelSize: 3, stride: 2, normLayer, activationLayer });
  }
}

/** Bottleneck transformation: 1x1, 3x3 [+SE], 1x1. */
export class BottleneckTransform extends nn.Sequential {
  constructor(widthIn: number, widthOut: number, stride: number, normLayer: LayerFactory, activationLayer: LayerFactory, groupWidth: number, bottleneckMultiplier: number, seRatio: number | null) {
    const call = 'models.regnet.BottleneckTransform';
    v.finite(call, 'width_out', widthOut);
    v.finite(call, 'bottleneck_multiplier', bottleneckMultiplier);
    v.finite(call, 'group_width', groupWidth);
    if (seRatio !== null && seRatio !== undefined) v.finite(call, 'se_ratio', seRatio);
    const layers = new Map<string, nn.Module>();
    const wB = pyRound(widthOut * bottleneckMultiplier);
    const g = Math.floor(wB / groupWidth);
    layers.set('a', new Conv2dNormActivation(widthIn, wB, { kernelSize: 1, stride: 1, normLayer, activationLayer }));
    layers.set('b', new Conv2dNormActivation(wB, wB, { kernelSize: 3, stride, groups: g, normLayer, activationLayer }));
    if (seRatio) {
      // The SE reduction ratio is defined with respect to the beginning of the block.
      const widthSeOut = pyRound(seRatio * widthIn);
      layers.set('se', new SqueezeExcitation(wB, widthSeOut, { activation: activationLayer }));
    }
    layers.set('c', new Conv2dNormActivation(wB, widthOut, { kernelSize: 1, stride: 1, normLayer, activationLayer: null }));
    super(layers);
  }
}

/** Residual bottleneck block: x + F(x), F = bottleneck transform. */
export class ResBottleneckBlock extends nn.Module {
  proj: nn.Module | null;
  f: BottleneckTransform;
  activation: nn.Module;

  constructor(widthIn: number, widthOut: number, stride: number, normLayer: LayerFactory, activationLayer: LayerFactory, groupWidth = 1, bottleneckMultiplier = 1.0, seRatio: number | null = null) {
    super();
    // Use skip connection with projection if shape changes.
    this.proj = null;
    if (widthIn !== widthOut || stride !== 1) {
      this.proj = new Conv2dNormActivation(widthIn, widthOut, { kernelSize: 1, stride, normLayer, activationLayer: null });
    }
    this.f = new BottleneckTransform(widthIn, widthOut, stride, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio);
    this.activation = makeLayer(activationLayer, { inplace: true });
  }

  override forward(x: Tensor): Tensor {
    x = this.proj !== null ? this.proj.forward(x).add(this.f.forward(x)) : x.add(this.f.forward(x));
    return this.activation.forward(x);
  }
}

type BlockCtor = new (wIn: number, wOut: number, stride: number, norm: LayerFactory, act: LayerFactory, gw: number, bm: number, se: number | null) => nn.Module;

/** AnyNet stage (sequence of blocks w/ the same output shape). */
export class AnyStage extends nn.Sequential {
  constructor(widthIn: number, widthOut: number, stride: number, depth: number, blockConstructor: BlockCtor, normLayer: LayerFactory, activationLayer: LayerFactory,
    groupWidth: number, bottleneckMultiplier: number, seRatio: number | null = null, stageIndex = 0) {
    super();
    v.func('models.regnet.AnyStage', 'block_constructor', blockConstructor);
    v.int('models.regnet.AnyStage', 'depth', depth, 0);
    for (let i = 0; i < depth; i++) {
      const block = new blockConstructor(i === 0 ? widthIn : widthOut, widthOut, i === 0 ? stride : 1, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio);
      this.addModule(`block${stageIndex}-${i}`, block);
    }
  }
}

export class BlockParams {
  constructor(
    public depths: number[],
    public widths: number[],
    public groupWidths: number[],
    public bottleneckMultipliers: number[],
    public strides: number[],
    public seRatio: number | null = null,
  ) {}

  /**
   * `BlockParams.from_init_params(depth, w_0, w_a, w_m, group_width, bottleneck_multiplier=1.0, se_ratio=None)`:
   * programmatically computes the stage widths and depths (float32 tensor arithmetic, as Python).
   */
  static fromInitParams(depth: number, w0: number, wA: number, wM: number, groupWidth: number, bottleneckMultiplier = 1.0, seRatio: number | null = null): BlockParams {
    const QUANT = 8;
    const STRIDE = 2;
    for (const [k, x] of [['depth', depth], ['w_0', w0], ['w_a', wA], ['w_m', wM], ['group_width', groupWidth], ['bottleneck_multiplier', bottleneckMultiplier]] as const) v.finite('models.regnet.BlockParams.from_init_params', k, x);
    v.int('models.regnet.BlockParams.from_init_params', 'depth', depth, 1);
    if (wA < 0 || w0 <= 0 || wM <= 1 || w0 % 8 !== 0) throw new RangeError('Invalid RegNet settings');
    // Compute the block widths. Each stage has one unique block width.
    const widthsCont = arange(depth).mul(wA).add(w0);
    const blockCapacity = widthsCont.div(w0).log().div(Math.log(wM)).round();
    const blockWidths = fullLike(blockCapacity, wM).pow(blockCapacity).mul(w0).div(QUANT).round().mul(QUANT).int().tolist() as number[];
    const numStages = new Set(blockWidths).size;
    // Convert to per-stage parameters.
    const a = [...blockWidths, 0];
    const b = [0, ...blockWidths];
    const splits = a.map((w, i) => w !== b[i] || w !== b[i]);
    const stageWidths = blockWidths.filter((_, i) => splits[i]);
    const idx = splits.map((t, d) => (t ? d : -1)).filter((d) => d >= 0);
    const stageDepths = idx.slice(1).map((d, i) => d - idx[i]);
    const strides = new Array(numStages).fill(STRIDE);
    const bottleneckMultipliers = new Array(numStages).fill(bottleneckMultiplier);
    const groupWidths = new Array(numStages).fill(groupWidth);
    // Adjust the compatibility of stage widths and group widths.
    const [sw, gw] = BlockParams._adjustWidthsGroupsCompatibilty(stageWidths, bottleneckMultipliers, groupWidths);
    return new BlockParams(stageDepths, sw, gw, bottleneckMultipliers, strides, seRatio);
  }

  _getExpandedParams(): [number, number, number, number, number][] {
    return this.widths.map((w, i) => [w, this.strides[i], this.depths[i], this.groupWidths[i], this.bottleneckMultipliers[i]]);
  }

  /** Adjusts the compatibility of widths and groups, depending on the bottleneck ratio. */
  static _adjustWidthsGroupsCompatibilty(stageWidths: number[], bottleneckRatios: number[], groupWidths: number[]): [number[], number[]] {
    const widths = stageWidths.map((w, i) => Math.trunc(w * bottleneckRatios[i]));
    const groupWidthsMin = groupWidths.map((g, i) => Math.min(g, widths[i]));
    const wsBot = widths.map((w, i) => makeDivisible(w, groupWidthsMin[i]));
    return [wsBot.map((w, i) => Math.trunc(w / bottleneckRatios[i])), groupWidthsMin];
  }
}

const REGNET_KW = ['numClasses', 'stemWidth', 'stemType', 'blockType', 'normLayer', 'activation'];

/**
 * `RegNet(block_params, num_classes=1000, stem_width=32, stem_type=None, block_type=None, norm_layer=None,
 * activation=None)`.
 */
export class RegNet extends nn.Module {
  stem: nn.Module;
  trunk_output: nn.Sequential;
  avgpool: nn.AdaptiveAvgPool2d;
  fc: nn.Linear;

  constructor(blockParams: BlockParams, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.RegNet';
    const a = v.bindArgs(call, ['blockParams', ...REGNET_KW], args);
    if (!(a.blockParams instanceof BlockParams)) throw new TypeError(`${call}: block_params must be a BlockParams`);
    const bp = a.blockParams;
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const stemWidth = v.int(call, 'stem_width', a.stemWidth ?? 32, 1);
    const StemType = (a.stemType ?? SimpleStemIN) as new (i: number, o: number, n: LayerFactory, a: LayerFactory) => nn.Module;
    const normLayer = (a.normLayer ?? nn.BatchNorm2d) as LayerFactory;
    const blockType = (a.blockType ?? ResBottleneckBlock) as BlockCtor;
    const activation = (a.activation ?? nn.ReLU) as LayerFactory;
    for (const [k, f] of [['stem_type', StemType], ['norm_layer', normLayer], ['block_type', blockType], ['activation', activation]] as const) v.func(call, k, f);
    this.stem = new StemType(3, stemWidth, normLayer, activation);
    let currentWidth = stemWidth;
    const blocks = new Map<string, nn.Module>();
    bp._getExpandedParams().forEach(([widthOut, stride, depth, groupWidth, bottleneckMultiplier], i) => {
      blocks.set(`block${i + 1}`, new AnyStage(currentWidth, widthOut, stride, depth, blockType, normLayer, activation, groupWidth, bottleneckMultiplier, bp.seRatio, i + 1));
      currentWidth = widthOut;
    });
    this.trunk_output = new nn.Sequential(blocks);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear({ inFeatures: currentWidth, outFeatures: numClasses });
    // Performs ResNet-style weight initialization.
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        const fanOut = m.kernelSize[0] * m.kernelSize[1] * m.outChannels;
        nn.init.normal_(m.weight, { mean: 0.0, std: Math.sqrt(2.0 / fanOut) });
      } else if (m instanceof nn.BatchNorm2d) {
        nn.init.ones_(m.weight!);
        nn.init.zeros_(m.bias!);
      } else if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, { mean: 0.0, std: 0.01 });
        nn.init.zeros_(m.bias!);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.stem.forward(x);
    x = this.trunk_output.forward(x);
    x = this.avgpool.forward(x);
    x = x.flatten(1);
    return this.fc.forward(x);
  }
}

export interface RegNetBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  stemWidth?: number;
  stemType?: unknown;
  blockType?: unknown;
  normLayer?: LayerFactory;
  activation?: LayerFactory;
}

const SPECS: [string, string, number, number, number, number, number, number | null][] = [
  ['regnet_y_400mf', 'RegNet_Y_400MF_Weights', 16, 48, 27.89, 2.09, 8, 0.25],
  ['regnet_y_800mf', 'RegNet_Y_800MF_Weights', 14, 56, 38.84, 2.4, 16, 0.25],
  ['regnet_y_1_6gf', 'RegNet_Y_1_6GF_Weights', 27, 48, 20.71, 2.65, 24, 0.25],
  ['regnet_y_3_2gf', 'RegNet_Y_3_2GF_Weights', 21, 80, 42.63, 2.66, 24, 0.25],
  ['regnet_y_8gf', 'RegNet_Y_8GF_Weights', 17, 192, 76.82, 2.19, 56, 0.25],
  ['regnet_y_16gf', 'RegNet_Y_16GF_Weights', 18, 200, 106.23, 2.48, 112, 0.25],
  ['regnet_y_32gf', 'RegNet_Y_32GF_Weights', 20, 232, 115.89, 2.53, 232, 0.25],
  ['regnet_y_128gf', 'RegNet_Y_128GF_Weights', 27, 456, 160.83, 2.52, 264, 0.25],
  ['regnet_x_400mf', 'RegNet_X_400MF_Weights', 22, 24, 24.48, 2.54, 16, null],
  ['regnet_x_800mf', 'RegNet_X_800MF_Weights', 16, 56, 35.73, 2.28, 16, null],
  ['regnet_x_1_6gf', 'RegNet_X_1_6GF_Weights', 18, 80, 34.01, 2.25, 24, null],
  ['regnet_x_3_2gf', 'RegNet_X_3_2GF_Weights', 25, 88, 26.31, 2.25, 48, null],
  ['regnet_x_8gf', 'RegNet_X_8GF_Weights', 23, 80, 49.56, 2.88, 120, null],
  ['regnet_x_16gf', 'RegNet_X_16GF_Weights', 22, 216, 55.59, 2.1, 128, null],
  ['regnet_x_32gf', 'RegNet_X_32GF_Weights', 23, 320, 69.86, 2.0, 168, null],
];

const ENUMS: Record<string, WeightsEnum> = {};
const BUILDERS: Record<string, (opts?: RegNetBuilderOptions) => RegNet> = {};
for (const [name, enumName, depth, w0, wA, wM, groupWidth, seRatio] of SPECS) {
  const e = weightsEnum(enumName, WEIGHTS[enumName], DEFAULTS[enumName], IMAGENET_CATEGORIES);
  ENUMS[enumName] = e;
  const fn = (opts?: RegNetBuilderOptions): RegNet =>
    buildModel(`models.${name}`, e, opts, REGNET_KW, (kw) => {
      const params = BlockParams.fromInitParams(depth, w0, wA, wM, groupWidth, 1.0, seRatio);
      const normLayer = kw.normLayer ?? partial(nn.BatchNorm2d, { eps: 1e-5, momentum: 0.1 });
      return new RegNet(params, { ...kw, normLayer });
    });
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  BUILDERS[name] = fn;
}

export const RegNet_Y_400MF_Weights = ENUMS.RegNet_Y_400MF_Weights;
export const RegNet_Y_800MF_Weights = ENUMS.RegNet_Y_800MF_Weights;
export const RegNet_Y_1_6GF_Weights = ENUMS.RegNet_Y_1_6GF_Weights;
export const RegNet_Y_3_2GF_Weights = ENUMS.RegNet_Y_3_2GF_Weights;
export const RegNet_Y_8GF_Weights = ENUMS.RegNet_Y_8GF_Weights;
export const RegNet_Y_16GF_Weights = ENUMS.RegNet_Y_16GF_Weights;
export const RegNet_Y_32GF_Weights = ENUMS.RegNet_Y_32GF_Weights;
export const RegNet_Y_128GF_Weights = ENUMS.RegNet_Y_128GF_Weights;
export const RegNet_X_400MF_Weights = ENUMS.RegNet_X_400MF_Weights;
export const RegNet_X_800MF_Weights = ENUMS.RegNet_X_800MF_Weights;
export const RegNet_X_1_6GF_Weights = ENUMS.RegNet_X_1_6GF_Weights;
export const RegNet_X_3_2GF_Weights = ENUMS.RegNet_X_3_2GF_Weights;
export const RegNet_X_8GF_Weights = ENUMS.RegNet_X_8GF_Weights;
export const RegNet_X_16GF_Weights = ENUMS.RegNet_X_16GF_Weights;
export const RegNet_X_32GF_Weights = ENUMS.RegNet_X_32GF_Weights;
export const regnet_y_400mf = BUILDERS.regnet_y_400mf;
export const regnet_y_800mf = BUILDERS.regnet_y_800mf;
export const regnet_y_1_6gf = BUILDERS.regnet_y_1_6gf;
export const regnet_y_3_2gf = BUILDERS.regnet_y_3_2gf;
export const regnet_y_8gf = BUILDERS.regnet_y_8gf;
export const regnet_y_16gf = BUILDERS.regnet_y_16gf;
export const regnet_y_32gf = BUILDERS.regnet_y_32gf;
export const regnet_y_128gf = BUILDERS.regnet_y_128gf;
export const regnet_x_400mf = BUILDERS.regnet_x_400mf;
export const regnet_x_800mf = BUILDERS.regnet_x_800mf;
export const regnet_x_1_6gf = BUILDERS.regnet_x_1_6gf;
export const regnet_x_3_2gf = BUILDERS.regnet_x_3_2gf;
export const regnet_x_8gf = BUILDERS.regnet_x_8gf;
export const regnet_x_16gf = BUILDERS.regnet_x_16gf;
export const regnet_x_32gf = BUILDERS.regnet_x_32gf;
