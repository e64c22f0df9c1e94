// torchvision.transforms.autoaugment (0.14): AutoAugment, RandAugment, TrivialAugmentWide, AugMix,
// with torchvision's policies, magnitude bins and order of draws from torch's generator.
import { Tensor } from '../../tensor';
import { tensor, linspace, arange, randint, rand } from '../../creation';
import { int32 } from '../../dtype';
import { _sampleDirichlet } from '../../_C/generated/torch';
import * as v from '../../validate';
import { Transform, callable } from './transforms';
import { Image } from './image';
import * as F from './functional';
import type { Img, InterpolationMode } from './functional';

/* eslint-disable @typescript-eslint/no-explicit-any */

export const AutoAugmentPolicy = { IMAGENET: 'imagenet', CIFAR10: 'cifar10', SVHN: 'svhn' } as const;
export type AutoAugmentPolicy = (typeof AutoAugmentPolicy)[keyof typeof AutoAugmentPolicy];

type Fill = number | number[] | null;
const radToDeg = 180.0 / Math.PI;

/** _apply_op(img, op_name, magnitude, interpolation, fill). */
function applyOp(img: Img, op: string, magnitude: number, interpolation: InterpolationMode, fill: Fill): Img {
  switch (op) {
    case 'ShearX':
      return F.affine(img, 0.0, [0, 0], 1.0, [Math.atan(magnitude) * radToDeg, 0.0], interpolation, fill, [0, 0]);
    case 'ShearY':
      return F.affine(img, 0.0, [0, 0], 1.0, [0.0, Math.atan(magnitude) * radToDeg], interpolation, fill, [0, 0]);
    case 'TranslateX':
      return F.affine(img, 0.0, [Math.trunc(magnitude), 0], 1.0, [0.0, 0.0], interpolation, fill);
    case 'TranslateY':
      return F.affine(img, 0.0, [0, Math.trunc(magnitude)], 1.0, [0.0, 0.0], interpolation, fill);
    case 'Rotate':
      return F.rotate(img, magnitude, interpolation, false, null, fill);
    case 'Brightness':
      return F.adjustBrightness(img, 1.0 + magnitude);
    case 'Color':
      return F.adjustSaturation(img, 1.0 + magnitude);
    case 'Contrast':
      return F.adjustContrast(img, 1.0 + magnitude);
    case 'Sharpness':
      return F.adjustSharpness(img, 1.0 + magnitude);
    case 'Posterize':
      return F.posterize(img, Math.trunc(magnitude));
    case 'Solarize':
      return F.solarize(img, magnitude);
    case 'AutoContrast':
      return F.autocontrast(img);
    case 'Equalize':
      return F.equalize(img);
    case 'Invert':
      return F.invert(img);
    case 'Identity':
      return img;
    default:
      throw new RangeError(`The provided operator ${op} is not recognized.`);
  }
}

/** Magnitudes as torchvision computes them (float32 linspace; posterize bins rounded in float32). */
type Space = Record<string, [number[] | null, boolean]>;
const lin = (a: number, b: number, n: number): number[] => linspace(a, b, n).tolist() as number[];
const posterizeBins = (top: number, n: number, div: number): number[] =>
  arange(n).div((n - 1) / div).round().to(int32).neg().add(top).tolist() as number[];

function fillOf(call: string, fill: unknown): Fill {
  if (fill === undefined || fill === null) return null;
  if (typeof fill === 'number') return v.number(call, 'fill', fill);
  if (Array.isArray(fill)) return v.numbers(call, 'fill', fill);
  throw new TypeError(`${call}: fill should be a number or a list of numbers`);
}
function tensorFill(img: Img, fill: Fill): Fill {
  if (!(img instanceof Tensor) || fill === null) return fill;
  const c = F.getDimensions(img)[0];
  return typeof fill === 'number' ? Array(c).fill(fill) : fill;
}
function interp(call: string, x: unknown, dflt: InterpolationMode): InterpolationMode {
  return x === undefined ? dflt : v.oneOf(call, 'interpolation', x, ['nearest', 'bilinear'] as const);
}
const fillRepr = (f: Fill): string => (f === null ? 'None' : Array.isArray(f) ? `[${f.join(', ')}]` : String(f));
function checkImg(call: string, img: unknown): Img {
  if (img instanceof Image) return img;
  if (img instanceof Tensor) {
    if (img.dim() < 3) throw new RangeError(`${call}: expected a [..., 1 or 3, H, W] uint8 tensor, got shape [${img.shape.join(', ')}]`);
    return img;
  }
  throw new TypeError(`${call}: img should be a PIL-like Image or a Tensor`);
}

type PolicyOp = [string, number, number | null];
const POLICIES: Record<AutoAugmentPolicy, [PolicyOp, PolicyOp][]> = {
  imagenet: [
    [['Posterize', 0.4, 8], ['Rotate', 0.6, 9]], [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
    [['Equalize', 0.8, null], ['Equalize', 0.6, null]], [['Posterize', 0.6, 7], ['Posterize', 0.6, 6]],
    [['Equalize', 0.4, null], ['Solarize', 0.2, 4]], [['Equalize', 0.4, null], ['Rotate', 0.8, 8]],
    [['Solarize', 0.6, 3], ['Equalize', 0.6, null]], [['Posterize', 0.8, 5], ['Equalize', 1.0, null]],
    [['Rotate', 0.2, 3], ['Solarize', 0.6, 8]], [['Equalize', 0.6, null], ['Posterize', 0.4, 6]],
    [['Rotate', 0.8, 8], ['Color', 0.4, 0]], [['Rotate', 0.4, 9], ['Equalize', 0.6, null]],
    [['Equalize', 0.0, null], ['Equalize', 0.8, null]], [['Invert', 0.6, null], ['Equalize', 1.0, null]],
    [['Color', 0.6, 4], ['Contrast', 1.0, 8]], [['Rotate', 0.8, 8], ['Color', 1.0, 2]],
    [['Color', 0.8, 8], ['Solarize', 0.8, 7]], [['Sharpness', 0.4, 7], ['Invert', 0.6, null]],
    [['ShearX', 0.6, 5], ['Equalize', 1.0, null]], [['Color', 0.4, 0], ['Equalize', 0.6, null]],
    [['Equalize', 0.4, null], ['Solarize', 0.2, 4]], [['Solarize', 0.6, 5], ['AutoContrast', 0.6, null]],
    [['Invert', 0.6, null], ['Equalize', 1.0, null]], [['Color', 0.6, 4], ['Contrast', 1.0, 8]],
    [['Equalize', 0.8, null], ['Equalize', 0.6, null]],
  ],
  cifar10: [
    [['Invert', 0.1, null], ['Contrast', 0.2, 6]], [['Rotate', 0.7, 2], ['TranslateX', 0.3, 9]],
    [['Sharpness', 0.8, 1], ['Sharpness', 0.9, 3]], [['ShearY', 0.5, 8], ['TranslateY', 0.7, 9]],
    [['AutoContrast', 0.5, null], ['Equalize', 0.9, null]], [['ShearY', 0.2, 7], ['Posterize', 0.3, 7]],
    [['Color', 0.4, 3], ['Brightness', 0.6, 7]], [['Sharpness', 0.3, 9], ['Brightness', 0.7, 9]],
    [['Equalize', 0.6, null], ['Equalize', 0.5, null]], [['Contrast', 0.6, 7], ['Sharpness', 0.6, 5]],
    [['Color', 0.7, 7], ['TranslateX', 0.5, 8]], [['Equalize', 0.3, null], ['AutoContrast', 0.4, null]],
    [['TranslateY', 0.4, 3], ['Sharpness', 0.2, 6]], [['Brightness', 0.9, 6], ['Color', 0.2, 8]],
    [['Solarize', 0.5, 2], ['Invert', 0.0, null]], [['Equalize', 0.2, null], ['AutoContrast', 0.6, null]],
    [['Equalize', 0.2, null], ['Equalize', 0.6, null]], [['Color', 0.9, 9], ['Equalize', 0.6, null]],
    [['AutoContrast', 0.8, null], ['Solarize', 0.2, 8]], [['Brightness', 0.1, 3], ['Color', 0.7, 0]],
    [['Solarize', 0.4, 5], ['AutoContrast', 0.9, null]], [['TranslateY', 0.9, 9], ['TranslateY', 0.7, 9]],
    [['AutoContrast', 0.9, null], ['Solarize', 0.8, 3]], [['Equalize', 0.8, null], ['Invert', 0.1, null]],
    [['TranslateY', 0.7, 9], ['AutoContrast', 0.9, null]],
  ],
  svhn: [
    [['ShearX', 0.9, 4], ['Invert', 0.2, null]], [['ShearY', 0.9, 8], ['Invert', 0.7, null]],
    [['Equalize', 0.6, null], ['Solarize', 0.6, 6]], [['Invert', 0.9, null], ['Equalize', 0.6, null]],
    [['Equalize', 0.6, null], ['Rotate', 0.9, 3]], [['ShearX', 0.9, 4], ['AutoContrast', 0.8, null]],
    [['ShearY', 0.9, 8], ['Invert', 0.4, null]], [['ShearY', 0.9, 5], ['Solarize', 0.2, 6]],
    [['Invert', 0.9, null], ['AutoContrast', 0.8, null]], [['Equalize', 0.6, null], ['Rotate', 0.9, 3]],
    [['ShearX', 0.9, 4], ['Solarize', 0.3, 3]], [['ShearY', 0.8, 8], ['Invert', 0.7, null]],
    [['Equalize', 0.9, null], ['TranslateY', 0.6, 6]], [['Invert', 0.9, null], ['Equalize', 0.6, null]],
    [['Contrast', 0.3, 3], ['Rotate', 0.8, 4]], [['Invert', 0.8, null], ['TranslateY', 0.0, 2]],
    [['ShearY', 0.7, 6], ['Solarize', 0.4, 8]], [['Invert', 0.6, null], ['Rotate', 0.8, 4]],
    [['ShearY', 0.3, 7], ['TranslateX', 0.9, 3]], [['ShearX', 0.1, 6], ['Invert', 0.6, null]],
    [['Solarize', 0.7, 2], ['TranslateY', 0.6, 7]], [['ShearY', 0.8, 4], ['Invert', 0.8, null]],
    [['ShearX', 0.7, 9], ['TranslateY', 0.8, 3]], [['ShearY', 0.8, 5], ['AutoContrast', 0.7, null]],
    [['ShearX', 0.7, 2], ['Invert', 0.1, null]],
  ],
};

interface AutoAugmentOptions { policy?: AutoAugmentPolicy; interpolation?: InterpolationMode; fill?: number | number[] | null }
class AutoAugmentTransform extends Transform {
  readonly policy: AutoAugmentPolicy;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;
  readonly policies: [PolicyOp, PolicyOp][];
  constructor(...args: [policy?: AutoAugmentPolicy | AutoAugmentOptions, interpolation?: InterpolationMode, fill?: number | number[] | null] | [AutoAugmentOptions]) {
    super();
    const call = 'transforms.AutoAugment';
    const p = v.bindArgs(call, ['policy', 'interpolation', 'fill'], args);
    this.policy = p.policy === undefined ? 'imagenet' : v.oneOf(call, 'policy', p.policy, ['imagenet', 'cifar10', 'svhn'] as const);
    this.interpolation = interp(call, p.interpolation, 'nearest');
    this.fill = fillOf(call, p.fill);
    this.policies = POLICIES[this.policy];
  }
  private space(numBins: number, h: number, w: number): Space {
    return {
      ShearX: [lin(0.0, 0.3, numBins), true], ShearY: [lin(0.0, 0.3, numBins), true],
      TranslateX: [lin(0.0, (150.0 / 331.0) * w, numBins), true], TranslateY: [lin(0.0, (150.0 / 331.0) * h, numBins), true],
      Rotate: [lin(0.0, 30.0, numBins), true], Brightness: [lin(0.0, 0.9, numBins), true], Color: [lin(0.0, 0.9, numBins), true],
      Contrast: [lin(0.0, 0.9, numBins), true], Sharpness: [lin(0.0, 0.9, numBins), true],
      Posterize: [posterizeBins(8, numBins, 4), false], Solarize: [lin(255.0, 0.0, numBins), false],
      AutoContrast: [null, false], Equalize: [null, false], Invert: [null, false],
    };
  }
  /** get_params(transform_num): policy id, two probabilities, two signs. */
  static getParams(transformNum: number): [number, number[], number[]] {
    const policyId = randint(transformNum, [1]).item() as number;
    const probs = rand(2).tolist() as number[];
    const signs = randint(2, [2]).tolist() as number[];
    return [policyId, probs, signs];
  }
  forward<X extends Img>(img: X): X {
    checkImg('transforms.AutoAugment', img);
    const [, h, w] = F.getDimensions(img);
    const fill = tensorFill(img, this.fill);
    const [id, probs, signs] = AutoAugmentTransform.getParams(this.policies.length);
    const meta = this.space(10, h, w);
    let x: Img = img;
    this.policies[id].forEach(([op, p, magId], i) => {
      if (probs[i] <= p) {
        const [mags, signed] = meta[op];
        let magnitude = magId !== null && mags !== null ? mags[magId] : 0.0;
        if (signed && signs[i] === 0) magnitude *= -1.0;
        x = applyOp(x, op, magnitude, this.interpolation, fill);
      }
    });
    return x as X;
  }
  toString(): string {
    return `AutoAugment(policy=AutoAugmentPolicy.${this.policy.toUpperCase()}, fill=${fillRepr(this.fill)})`;
  }
}
export const AutoAugment = Object.assign(callable(AutoAugmentTransform), { getParams: AutoAugmentTransform.getParams });

interface RandAugmentOptions { numOps?: number; magnitude?: number; numMagnitudeBins?: number; interpolation?: InterpolationMode; fill?: number | number[] | null }
class RandAugmentTransform extends Transform {
  readonly numOps: number;
  readonly magnitude: number;
  readonly numMagnitudeBins: number;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;
  constructor(...args: [numOps?: number | RandAugmentOptions, magnitude?: number, numMagnitudeBins?: number, interpolation?: InterpolationMode, fill?: number | number[] | null] | [RandAugmentOptions]) {
    super();
    const call = 'transforms.RandAugment';
    const p = v.bindArgs(call, ['numOps', 'magnitude', 'numMagnitudeBins', 'interpolation', 'fill'], args);
    this.numOps = p.numOps === undefined ? 2 : v.int(call, 'num_ops', p.numOps, 0);
    this.numMagnitudeBins = p.numMagnitudeBins === undefined ? 31 : v.int(call, 'num_magnitude_bins', p.numMagnitudeBins, 2);
    this.magnitude = p.magnitude === undefined ? 9 : v.int(call, 'magnitude', p.magnitude, 0);
    if (this.magnitude >= this.numMagnitudeBins) throw new RangeError(`${call}: magnitude (${this.magnitude}) must be below num_magnitude_bins (${this.numMagnitudeBins})`);
    this.interpolation = interp(call, p.interpolation, 'nearest');
    this.fill = fillOf(call, p.fill);
  }
  private space(numBins: number, h: number, w: number): Space {
    return {
      Identity: [null, false], ShearX: [lin(0.0, 0.3, numBins), true], ShearY: [lin(0.0, 0.3, numBins), true],
      TranslateX: [lin(0.0, (150.0 / 331.0) * w, numBins), true], TranslateY: [lin(0.0, (150.0 / 331.0) * h, numBins), true],
      Rotate: [lin(0.0, 30.0, numBins), true], Brightness: [lin(0.0, 0.9, numBins), true], Color: [lin(0.0, 0.9, numBins), true],
      Contrast: [lin(0.0, 0.9, numBins), true], Sharpness: [lin(0.0, 0.9, numBins), true],
      Posterize: [posterizeBins(8, numBins, 4), false], Solarize: [lin(255.0, 0.0, numBins), false],
      AutoContrast: [null, false], Equalize: [null, false],
    };
  }
  forward<X extends Img>(img: X): X {
    checkImg('transforms.RandAugment', img);
    const [, h, w] = F.getDimensions(img);
    const fill = tensorFill(img, this.fill);
    const meta = this.space(this.numMagnitudeBins, h, w);
    const names = Object.keys(meta);
    let x: Img = img;
    for (let k = 0; k < this.numOps; k++) {
      const op = names[randint(names.length, [1]).item() as number];
      const [mags, signed] = meta[op];
      let magnitude = mags !== null ? mags[this.magnitude] : 0.0;
      if (signed && (randint(2, [1]).item() as number)) magnitude *= -1.0;
      x = applyOp(x, op, magnitude, this.interpolation, fill);
    }
    return x as X;
  }
  toString(): string {
    return `RandAugment(num_ops=${this.numOps}, magnitude=${this.magnitude}, num_magnitude_bins=${this.numMagnitudeBins}, interpolation=InterpolationMode.${this.interpolation.toUpperCase()}, fill=${fillRepr(this.fill)})`;
  }
}
export const RandAugment = callable(RandAugmentTransform);

interface TrivialAugmentWideOptions { numMagnitudeBins?: number; interpolation?: InterpolationMode; fill?: number | number[] | null }
class TrivialAugmentWideTransform extends Transform {
  readonly numMagnitudeBins: number;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;
  constructor(...args: [numMagnitudeBins?: number | TrivialAugmentWideOptions, interpolation?: InterpolationMode, fill?: number | number[] | null] | [TrivialAugmentWideOptions]) {
    super();
    const call = 'transforms.TrivialAugmentWide';
    const p = v.bindArgs(call, ['numMagnitudeBins', 'interpolation', 'fill'], args);
    this.numMagnitudeBins = p.numMagnitudeBins === undefined ? 31 : v.int(call, 'num_magnitude_bins', p.numMagnitudeBins, 2);
    this.interpolation = interp(call, p.interpolation, 'nearest');
    this.fill = fillOf(call, p.fill);
  }
  private space(numBins: number): Space {
    return {
      Identity: [null, false], ShearX: [lin(0.0, 0.99, numBins), true], ShearY: [lin(0.0, 0.99, numBins), true],
      TranslateX: [lin(0.0, 32.0, numBins), true], TranslateY: [lin(0.0, 32.0, numBins), true],
      Rotate: [lin(0.0, 135.0, numBins), true], Brightness: [lin(0.0, 0.99, numBins), true], Color: [lin(0.0, 0.99, numBins), true],
      Contrast: [lin(0.0, 0.99, numBins), true], Sharpness: [lin(0.0, 0.99, numBins), true],
      Posterize: [posterizeBins(8, numBins, 6), false], Solarize: [lin(255.0, 0.0, numBins), false],
      AutoContrast: [null, false], Equalize: [null, false],
    };
  }
  forward<X extends Img>(img: X): X {
    checkImg('transforms.TrivialAugmentWide', img);
    const fill = tensorFill(img, this.fill);
    const meta = this.space(this.numMagnitudeBins);
    const names = Object.keys(meta);
    const op = names[randint(names.length, [1]).item() as number];
    const [mags, signed] = meta[op];
    let magnitude = mags !== null ? mags[randint(mags.length, [1]).item() as number] : 0.0;
    if (signed && (randint(2, [1]).item() as number)) magnitude *= -1.0;
    return applyOp(img, op, magnitude, this.interpolation, fill) as X;
  }
  toString(): string {
    return `TrivialAugmentWide(num_magnitude_bins=${this.numMagnitudeBins}, interpolation=InterpolationMode.${this.interpolation.toUpperCase()}, fill=${fillRepr(this.fill)})`;
  }
}
export const TrivialAugmentWide = callable(TrivialAugmentWideTransform);

interface AugMixOptions { severity?: number; mixtureWidth?: number; chainDepth?: number; alpha?: number; allOps?: boolean; interpolation?: InterpolationMode; fill?: number | number[] | null }
class AugMixTransform extends Transform {
  readonly severity: number;
  readonly mixtureWidth: number;
  readonly chainDepth: number;
  readonly alpha: number;
  readonly allOps: boolean;
  readonly interpolation: InterpolationMode;
  readonly fill: Fill;
  constructor(...args: [severity?: number | AugMixOptions, mixtureWidth?: number, chainDepth?: number, alpha?: number, allOps?: boolean, interpolation?: InterpolationMode, fill?: number | number[] | null] | [AugMixOptions]) {
    super();
    const call = 'transforms.AugMix';
    const p = v.bindArgs(call, ['severity', 'mixtureWidth', 'chainDepth', 'alpha', 'allOps', 'interpolation', 'fill'], args);
    this.severity = p.severity === undefined ? 3 : v.int(call, 'severity', p.severity);
    if (!(this.severity >= 1 && this.severity <= 10)) throw new RangeError(`${call}: The severity must be between [1, 10]. Got ${this.severity} instead.`);
    this.mixtureWidth = p.mixtureWidth === undefined ? 3 : v.int(call, 'mixture_width', p.mixtureWidth, 1);
    this.chainDepth = p.chainDepth === undefined ? -1 : v.int(call, 'chain_depth', p.chainDepth);
    this.alpha = p.alpha === undefined ? 1.0 : v.number(call, 'alpha', p.alpha);
    if (!(this.alpha > 0)) throw new RangeError(`${call}: alpha must be positive, got ${this.alpha}`);
    this.allOps = p.allOps === undefined ? true : v.bool(call, 'all_ops', p.allOps);
    this.interpolation = interp(call, p.interpolation, 'bilinear');
    this.fill = fillOf(call, p.fill);
  }
  private space(numBins: number, h: number, w: number): Space {
    const s: Space = {
      ShearX: [lin(0.0, 0.3, numBins), true], ShearY: [lin(0.0, 0.3, numBins), true],
      TranslateX: [lin(0.0, w / 3.0, numBins), true], TranslateY: [lin(0.0, h / 3.0, numBins), true],
      Rotate: [lin(0.0, 30.0, numBins), true], Posterize: [posterizeBins(4, numBins, 4), false],
      Solarize: [lin(255.0, 0.0, numBins), false], AutoContrast: [null, false], Equalize: [null, false],
    };
    if (this.allOps) {
      Object.assign(s, {
        Brightness: [lin(0.0, 0.9, numBins), true], Color: [lin(0.0, 0.9, numBins), true],
        Contrast: [lin(0.0, 0.9, numBins), true], Sharpness: [lin(0.0, 0.9, numBins), true],
      });
    }
    return s;
  }
  forward<X extends Img>(origImg: X): X {
    checkImg('transforms.AugMix', origImg);
    const [, h, w] = F.getDimensions(origImg);
    const fill = origImg instanceof Tensor ? tensorFill(origImg, this.fill) : this.fill;
    const img = origImg instanceof Tensor ? origImg : F.pilToTensor(origImg as Image);
    const meta = this.space(10, h, w);
    const names = Object.keys(meta);
    const origDims = img.shape;
    const batch = img.view([...Array(Math.max(4 - img.dim(), 0)).fill(1), ...origDims]);
    const b0 = batch.shape[0];
    const batchDims = [b0, ...Array(batch.dim() - 1).fill(1)];
    const m = _sampleDirichlet(tensor([this.alpha, this.alpha], { device: batch.device }).expand([b0, -1]));
    const combined = _sampleDirichlet(tensor(Array(this.mixtureWidth).fill(this.alpha), { device: batch.device }).expand([b0, -1])).mul(m.select(1, 1).view([b0, -1]));
    const mix = m.select(1, 0).view(batchDims).mul(batch);
    for (let i = 0; i < this.mixtureWidth; i++) {
      let aug: Img = batch;
      const depth = this.chainDepth > 0 ? this.chainDepth : (randint(1, 4, [1]).item() as number);
      for (let d = 0; d < depth; d++) {
        const op = names[randint(names.length, [1]).item() as number];
        const [mags, signed] = meta[op];
        let magnitude = mags !== null ? mags[randint(this.severity, [1]).item() as number] : 0.0;
        if (signed && (randint(2, [1]).item() as number)) magnitude *= -1.0;
        aug = applyOp(aug, op, magnitude, this.interpolation, fill);
      }
      mix.add_(combined.select(1, i).view(batchDims).mul(aug as Tensor));
    }
    const out = mix.view(origDims).to(img.dtype);
    return (origImg instanceof Tensor ? out : F.toPilImage(out)) as X;
  }
  toString(): string {
    return `AugMix(severity=${this.severity}, mixture_width=${this.mixtureWidth}, chain_depth=${this.chainDepth}, alpha=${this.alpha}, all_ops=${this.allOps ? 'True' : 'False'}, interpolation=InterpolationMode.${this.interpolation.toUpperCase()}, fill=${fillRepr(this.fill)})`;
  }
}
export const AugMix = callable(AugMixTransform);
