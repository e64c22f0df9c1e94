// torchvision.models.mnasnet (torchvision 0.14): MNASNet 0.5, 0.75, 1.0, 1.3 (the version-2 layout;
// loading a version-1 checkpoint of a non-1.0 model, which Python rewrites on load, is not supported).
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';

// Paper suggests 0.9997 momentum, for TensorFlow. Equivalent PyTorch momentum is 1 - tensorflow.
const BN_MOMENTUM = 1 - 0.9997;

export class _InvertedResidual extends nn.Module {
  applyResidual: boolean;
  layers: nn.Sequential;

  constructor(inCh: number, outCh: number, kernelSize: number, stride: number, expansionFactor: number, bnMomentum = 0.1) {
    super();
    const call = 'vision.models.mnasnet._InvertedResidual';
    [inCh, outCh, kernelSize, stride, expansionFactor] = [v.int(call, 'in_ch', inCh), v.int(call, 'out_ch', outCh), v.int(call, 'kernel_size', kernelSize), v.int(call, 'stride', stride), v.int(call, 'expansion_factor', expansionFactor)];
    if (stride !== 1 && stride !== 2) throw new RangeError(`stride should be 1 or 2 instead of ${stride}`);
    if (kernelSize !== 3 && kernelSize !== 5) throw new RangeError(`kernel_size should be 3 or 5 instead of ${kernelSize}`);
    const midCh = inCh * expansionFactor;
    this.applyResidual = inCh === outCh && stride === 1;
    this.layers = new nn.Sequential(
      // Pointwise
      new nn.Conv2d(inCh, midCh, 1, { bias: false }),
      new nn.BatchNorm2d(midCh, { momentum: bnMomentum }),
      new nn.ReLU({ inplace: true }),
      // Depthwise
      new nn.Conv2d(midCh, midCh, kernelSize, { padding: Math.floor(kernelSize / 2), stride, groups: midCh, bias: false }),
      new nn.BatchNorm2d(midCh, { momentum: bnMomentum }),
      new nn.ReLU({ inplace: true }),
      // Linear pointwise. Note that there's no activation.
      new nn.Conv2d(midCh, outCh, 1, { bias: false }),
      new nn.BatchNorm2d(outCh, { momentum: bnMomentum }),
    );
  }

  override forward(input: Tensor): Tensor {
    return this.applyResidual ? this.layers.forward(input).add(input) : this.layers.forward(input);
  }
}

/** Creates a stack of inverted residuals. */
function stack(inCh: number, outCh: number, kernelSize: number, stride: number, expFactor: number, repeats: number, bnMomentum: number): nn.Sequential {
  if (repeats < 1) throw new RangeError(`repeats should be >= 1, instead got ${repeats}`);
  const first = new _InvertedResidual(inCh, outCh, kernelSize, stride, expFactor, bnMomentum);
  const remaining: nn.Module[] = [];
  for (let i = 1; i < repeats; i++) remaining.push(new _InvertedResidual(outCh, outCh, kernelSize, 1, expFactor, bnMomentum));
  return new nn.Sequential(first, ...remaining);
}

function roundToMultipleOf(val: number, divisor: number, roundUpBias = 0.9): number {
  const newVal = Math.max(divisor, Math.floor(Math.trunc(val + divisor / 2) / divisor) * divisor);
  return newVal >= roundUpBias * val ? newVal : newVal + divisor;
}

function getDepths(alpha: number): number[] {
  return [32, 16, 24, 40, 80, 96, 192, 320].map((d) => roundToMultipleOf(d * alpha, 8));
}

/** `MNASNet(alpha, num_classes=1000, dropout=0.2)`. */
export class MNASNet extends nn.Module {
  // Version 2 has the stem of the current layout (version 1 checkpoints of non-1.0 models are not read).
  static override _version = 2;
  alpha: number;
  numClasses: number;
  layers: nn.Sequential;
  classifier: nn.Sequential;

  constructor(alpha: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.MNASNet';
    const a = v.bindArgs(call, ['alpha', 'numClasses', 'dropout'], args);
    const alpha = v.number(call, 'alpha', a.alpha);
    if (alpha <= 0.0) throw new RangeError(`alpha should be greater than 0.0 instead of ${alpha}`);
    this.alpha = alpha;
    this.numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const dropout = v.inRange(call, 'dropout', a.dropout ?? 0.2, 0, 1);
    const d = getDepths(alpha);
    const m = BN_MOMENTUM;
    this.layers = new nn.Sequential(
      // First layer: regular conv.
      new nn.Conv2d(3, d[0], 3, { padding: 1, stride: 2, bias: false }),
      new nn.BatchNorm2d(d[0], { momentum: m }),
      new nn.ReLU({ inplace: true }),
      // Depthwise separable, no skip.
      new nn.Conv2d(d[0], d[0], 3, { padding: 1, stride: 1, groups: d[0], bias: false }),
      new nn.BatchNorm2d(d[0], { momentum: m }),
      new nn.ReLU({ inplace: true }),
      new nn.Conv2d(d[0], d[1], 1, { padding: 0, stride: 1, bias: false }),
      new nn.BatchNorm2d(d[1], { momentum: m }),
      // MNASNet blocks: stacks of inverted residuals.
      stack(d[1], d[2], 3, 2, 3, 3, m),
      stack(d[2], d[3], 5, 2, 3, 3, m),
      stack(d[3], d[4], 5, 2, 6, 3, m),
      stack(d[4], d[5], 3, 1, 6, 2, m),
      stack(d[5], d[6], 5, 2, 6, 4, m),
      stack(d[6], d[7], 3, 1, 6, 1, m),
      // Final mapping to classifier input.
      new nn.Conv2d(d[7], 1280, 1, { padding: 0, stride: 1, bias: false }),
      new nn.BatchNorm2d(1280, { momentum: m }),
      new nn.ReLU({ inplace: true }),
    );
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(1280, this.numClasses));
    for (const mod of this.modules()) {
      if (mod instanceof nn.Conv2d) {
        nn.init.kaimingNormal_(mod.weight, { mode: 'fan_out', nonlinearity: 'relu' });
        if (mod.bias !== null) nn.init.zeros_(mod.bias);
      } else if (mod instanceof nn.BatchNorm2d) {
        nn.init.ones_(mod.weight!);
        nn.init.zeros_(mod.bias!);
      } else if (mod instanceof nn.Linear) {
        nn.init.kaimingUniform_(mod.weight, { mode: 'fan_out', nonlinearity: 'sigmoid' });
        nn.init.zeros_(mod.bias!);
      }
    }
  }

  override forward(x: Tensor): Tensor {
    x = this.layers.forward(x);
    x = x.mean([2, 3]);
    return this.classifier.forward(x);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const MNASNet0_5_Weights = mk('MNASNet0_5_Weights');
export const MNASNet0_75_Weights = mk('MNASNet0_75_Weights');
export const MNASNet1_0_Weights = mk('MNASNet1_0_Weights');
export const MNASNet1_3_Weights = mk('MNASNet1_3_Weights');

export interface MNASNetBuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  dropout?: number;
}

function builder(name: string, enumName: string, e: WeightsEnum, alpha: number) {
  const fn = (opts?: MNASNetBuilderOptions): MNASNet =>
    buildModel(`models.${name}`, e, opts, ['numClasses', 'dropout'], (kw) => new MNASNet(alpha, kw));
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const mnasnet0_5 = builder('mnasnet0_5', 'MNASNet0_5_Weights', MNASNet0_5_Weights, 0.5);
export const mnasnet0_75 = builder('mnasnet0_75', 'MNASNet0_75_Weights', MNASNet0_75_Weights, 0.75);
export const mnasnet1_0 = builder('mnasnet1_0', 'MNASNet1_0_Weights', MNASNet1_0_Weights, 1.0);
export const mnasnet1_3 = builder('mnasnet1_3', 'MNASNet1_3_Weights', MNASNet1_3_Weights, 1.3);
