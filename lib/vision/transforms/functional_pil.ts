// torchvision.transforms.functional_pil (0.14) on the PIL-like Image: ImageEnhance / ImageOps here,
// Pillow 9's pixel loops (Blend.c, Convert.c, Filter.c, Geometry.c, Point.c) in native/imaging.cc,
// with Pillow's float and double arithmetic, so the bytes are Pillow's (test/vision/transforms/
// imaging.test.ts). The loops took about twice Pillow's time in TS.
import { Image } from './image';
import { native } from '../../native';

/** img.point(lut): lut holds 256 values, or 256 per channel (native/imaging.cc). */
function lutImage(img: Image, lut: ArrayLike<number>): Image {
  const out = new Uint8Array(img.data.length);
  // Pillow clips the table's values to [0, 255] (_imaging.c's getlist, CLIP8): equalize's can reach 256 and more.
  native.imageLut(img.data, out, img.channels, Uint8Array.from(lut, (x) => (x < 0 ? 0 : x > 255 ? 255 : x)));
  return new Image(out, img.width, img.height, img.mode);
}

/** img.histogram(), one list of 256 counts per channel (native/imaging.cc). */
function histogram(img: Image): Float64Array[] {
  const c = img.channels;
  const h = new Float64Array(256 * c);
  native.imageHistogram(img.data, c, h);
  return Array.from({ length: c }, (_x, ch) => h.subarray(ch * 256, (ch + 1) * 256));
}

/** Image.blend(im1, im2, alpha) (Blend.c: float alpha, truncation; clipping only when extrapolating). */
export function blend(im1: Image, im2: Image, alpha: number): Image {
  const out = new Uint8Array(im1.data.length);
  native.imageBlend(im1.data, im2.data, out, alpha);
  return new Image(out, im1.width, im1.height, im1.mode);
}

export function adjustBrightness(img: Image, factor: number): Image {
  return blend(Image.new(img.mode, img.width, img.height, 0), img, factor);
}

export function adjustContrast(img: Image, factor: number): Image {
  const h = histogram(img.convert('L'))[0];
  let sum = 0, n = 0;
  for (let i = 0; i < 256; i++) {
    sum += i * h[i];
    n += h[i];
  }
  const mean = Math.trunc((n === 0 ? 0 : sum / n) + 0.5);
  return blend(Image.new('L', img.width, img.height, mean).convert(img.mode), img, factor);
}

export function adjustSaturation(img: Image, factor: number): Image {
  return blend(img.convert('L').convert(img.mode), img, factor);
}

// ImageFilter.SMOOTH: Kernel((3, 3), (1, 1, 1, 1, 5, 1, 1, 1, 1), 13), its weights divided by the scale as floats.
const SMOOTH = Float32Array.from([1, 1, 1, 1, 5, 1, 1, 1, 1], (x) => x / 13);

/** image.filter(ImageFilter.SMOOTH) (Filter.c's ImagingFilter3x3, edges copied; native/imaging.cc). */
function smooth(img: Image): Image {
  const out = new Uint8Array(img.data.length);
  if (out.length > 0) native.imageFilter3x3(img.data, out, img.width, img.channels, SMOOTH, 0);
  return new Image(out, img.width, img.height, img.mode);
}

export function adjustSharpness(img: Image, factor: number): Image {
  return blend(smooth(img), img, factor);
}

/** Pillow's convert('HSV'), the H band shifted, convert('RGB') (Convert.c, in native/imaging.cc). */
export function adjustHue(img: Image, hueFactor: number): Image {
  if (img.mode === 'L') return img;
  // np.uint8(hue_factor * 255): C's float-to-int truncation, wrapped to 8 bits
  const shift = ((Math.trunc(hueFactor * 255) % 256) + 256) % 256;
  const out = new Uint8Array(img.data.length);
  native.imageAdjustHue(img.data, out, shift);
  return new Image(out, img.width, img.height, img.mode);
}

export function adjustGamma(img: Image, gamma: number, gain: number): Image {
  const lut = new Uint8Array(256);
  for (let e = 0; e < 256; e++) lut[e] = Math.min(255, Math.max(0, Math.trunc((255 + 1 - 1e-3) * gain * Math.pow(e / 255.0, gamma))));
  return lutImage(img, lut);
}

export function invert(img: Image): Image {
  return lutImage(img, Array.from({ length: 256 }, (_x, i) => 255 - i));
}

export function posterize(img: Image, bits: number): Image {
  const mask = ~(2 ** (8 - bits) - 1) & 255;
  return lutImage(img, Array.from({ length: 256 }, (_x, i) => i & mask));
}

export function solarize(img: Image, threshold: number): Image {
  return lutImage(img, Array.from({ length: 256 }, (_x, i) => (i < threshold ? i : 255 - i)));
}

/** ImageOps.autocontrast(img) (cutoff 0). */
export function autocontrast(img: Image): Image {
  const lut: number[] = [];
  for (const h of histogram(img)) {
    let lo = 0;
    while (lo < 255 && !h[lo]) lo++;
    let hi = 255;
    while (hi > 0 && !h[hi]) hi--;
    if (hi <= lo) {
      for (let i = 0; i < 256; i++) lut.push(i);
    } else {
      const scale = 255.0 / (hi - lo);
      const offset = -lo * scale;
      for (let i = 0; i < 256; i++) lut.push(Math.min(255, Math.max(0, Math.trunc(i * scale + offset))));
    }
  }
  return lutImage(img, lut);
}

/** ImageOps.equalize(img). */
export function equalize(img: Image): Image {
  const lut: number[] = [];
  for (const h of histogram(img)) {
    const histo = h.filter((x) => x);
    const step = histo.length <= 1 ? 0 : Math.floor((histo.reduce((a, b) => a + b, 0) - histo[histo.length - 1]) / 255);
    if (!step) {
      for (let i = 0; i < 256; i++) lut.push(i);
    } else {
      let n = Math.floor(step / 2);
      for (let i = 0; i < 256; i++) {
        lut.push(Math.floor(n / step));
        n += h[i];
      }
    }
  }
  return lutImage(img, lut);
}

// ---------------------------------------------------------------- geometry (Geometry.c)

export type PilFilter = 'nearest' | 'bilinear';

/** _parse_fill: one value per channel (0 when None), as ints. */
export function parseFill(fill: number | readonly number[] | null | undefined, channels: number, call: string): number[] {
  if (fill === null || fill === undefined) fill = 0;
  const fills = typeof fill === 'number' ? Array(channels).fill(fill) : [...fill];
  if (typeof fill !== 'number' && fills.length !== channels) {
    throw new RangeError(`${call}: The number of elements in 'fill' does not match the number of channels of the image (${fills.length} != ${channels})`);
  }
  return fills.map((x) => Math.trunc(x));
}

/**
 * img.transform(size, AFFINE, data, resample, fillcolor=fill): NEAREST walks the accumulated affine
 * map as ImagingTransformAffine does; BILINEAR samples pixel centres (ImagingGenericTransform). Both
 * in native/imaging.cc.
 */
export function transformAffine(img: Image, ow: number, oh: number, a: readonly number[], filter: PilFilter, fill: number[]): Image {
  const out = Image.new(img.mode, ow, oh, fill);
  if (out.data.length > 0) native.imageTransformAffine(img.data, img.width, img.channels, out.data, ow, Float64Array.from(a), filter === 'bilinear');
  return out;
}

/** img.transform(size, PERSPECTIVE, coeffs, resample, fillcolor=fill) (ImagingGenericTransform, native/imaging.cc). */
export function transformPerspective(img: Image, a: readonly number[], filter: PilFilter, fill: number[]): Image {
  const out = Image.new(img.mode, img.width, img.height, fill);
  if (out.data.length > 0) native.imageTransformPerspective(img.data, img.width, img.channels, out.data, img.width, Float64Array.from(a), filter === 'bilinear');
  return out;
}

/** Image.rotate(angle, resample, expand, center, fillcolor): Pillow's matrix (rounded to 15 digits). */
export function rotate(img: Image, angle: number, filter: PilFilter, expand: boolean, center: readonly number[] | null | undefined, fill: number[]): Image {
  const a360 = ((angle % 360) + 360) % 360;
  let w = img.width, h = img.height;
  if (!center && a360 === 0) return new Image(img.data.slice(), w, h, img.mode);
  const [cx, cy] = center ? [center[0], center[1]] : [w / 2, h / 2];
  const rad = -(a360 * (Math.PI / 180));
  const r15 = (x: number) => Number(x.toFixed(15));
  const m = [r15(Math.cos(rad)), r15(Math.sin(rad)), 0, r15(-Math.sin(rad)), r15(Math.cos(rad)), 0];
  const tf = (x: number, y: number): [number, number] => [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
  [m[2], m[5]] = tf(-cx, -cy);
  m[2] += cx;
  m[5] += cy;
  if (expand) {
    const xs: number[] = [], ys: number[] = [];
    for (const [x, y] of [[0, 0], [w, 0], [w, h], [0, h]]) {
      const [tx, ty] = tf(x, y);
      xs.push(tx);
      ys.push(ty);
    }
    const nw = Math.ceil(Math.max(...xs)) - Math.floor(Math.min(...xs));
    const nh = Math.ceil(Math.max(...ys)) - Math.floor(Math.min(...ys));
    [m[2], m[5]] = tf(-(nw - w) / 2, -(nh - h) / 2);
    [w, h] = [nw, nh];
  }
  return transformAffine(img, w, h, m, filter, fill);
}
