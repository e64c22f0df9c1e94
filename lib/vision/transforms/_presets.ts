// torchvision.transforms._presets (0.14): ImageClassification, the inference preprocessing that
// `weights.transforms()` returns. It takes a PIL-like Image or a [C, H, W] / [N, C, H, W] tensor
// (uint8 or float), resizes, center-crops, scales to [0, 1] and normalises.
import { Tensor } from '../../tensor';
import { float32, bool } from '../../dtype';
import * as v from '../../validate';
import { Transform, callable } from './transforms';
import { pyFloat } from '../../_repr';
import * as F from './functional';
import type { Img, InterpolationMode } from './functional';

export interface ImageClassificationOptions {
  cropSize: number;
  resizeSize?: number;
  mean?: readonly number[];
  std?: readonly number[];
  interpolation?: InterpolationMode;
}

/** convert_image_dtype(image, torch.float): integer images are divided by their dtype's maximum. */
function toFloatImage(img: Tensor): Tensor {
  if (img.isFloatingPoint()) return img.to(float32);
  if (img.dtype === bool) throw new TypeError(`ImageClassification: expected a uint8 or float image tensor, got ${img.dtype}`);
  const max = img.dtype.isSigned ? 2 ** (8 * img.dtype.itemsize - 1) - 1 : 2 ** (8 * img.dtype.itemsize) - 1;
  return img.to(float32).div(max);
}

class ImageClassificationTransform extends Transform {
  readonly cropSize: number[];
  readonly resizeSize: number[];
  readonly mean: number[];
  readonly std: number[];
  readonly interpolation: InterpolationMode;

  constructor(opts: ImageClassificationOptions) {
    super();
    const call = 'transforms._presets.ImageClassification';
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['cropSize', 'resizeSize', 'mean', 'std', 'interpolation']);
    const floats = (name: string, x: unknown): number[] => {
      if (!Array.isArray(x)) throw new TypeError(`${call}: ${name} must be an array of numbers, got ${typeof x}`);
      return x.map((e, i) => v.number(call, `${name}[${i}]`, e));
    };
    // torchvision keeps the sizes as one-element lists: [224], [256].
    this.cropSize = [v.int(call, 'crop_size', o.cropSize, 1)];
    this.resizeSize = [o.resizeSize === undefined ? 256 : v.int(call, 'resize_size', o.resizeSize, 1)];
    this.mean = o.mean === undefined ? [0.485, 0.456, 0.406] : floats('mean', o.mean);
    this.std = o.std === undefined ? [0.229, 0.224, 0.225] : floats('std', o.std);
    this.interpolation = o.interpolation === undefined ? 'bilinear' : v.oneOf(call, 'interpolation', o.interpolation, ['nearest', 'bilinear', 'bicubic'] as const);
  }

  forward(img: Img): Tensor {
    let x = F.centerCrop(F.resize(img, this.resizeSize, this.interpolation), this.cropSize);
    if (!(x instanceof Tensor)) x = F.pilToTensor(x);
    return F.normalize(toFloatImage(x), this.mean, this.std);
  }

  toString(): string {
    const list = (xs: number[], f: (x: number) => string): string => `[${xs.map(f).join(', ')}]`;
    return 'ImageClassification(' +
      `\n    crop_size=${list(this.cropSize, String)}` +
      `\n    resize_size=${list(this.resizeSize, String)}` +
      `\n    mean=${list(this.mean, pyFloat)}` +
      `\n    std=${list(this.std, pyFloat)}` +
      `\n    interpolation=InterpolationMode.${this.interpolation.toUpperCase()}` +
      '\n)';
  }
}
export const ImageClassification = callable(ImageClassificationTransform);
