// torchvision.transforms.functional (0.14): each function takes an Image (the PIL branch, with
// Pillow 9's pixel arithmetic ported) or a Tensor [..., C, H, W] (the tensor branch, on libtorch ops).
import { Tensor } from '../../tensor';
import { tensor, zeros, ones, full, empty, arange, linspace, fromTypedArray } from '../../creation';
import { stack, where } from '../../functions';

import { DType, uint8, float32, getDefaultDtype } from '../../dtype';
import { argError } from '../../errors';
import { interpolate } from '../../nn/functional';
import { native } from '../../native';
import * as v from '../../validate';
import { Image, ImageMode, fillPixels, pixelBuffer } from './image';
import * as FT from './functional_tensor';
import * as FP from './functional_pil';

export type Img = Image | Tensor;

export const InterpolationMode = { NEAREST: 'nearest', BILINEAR: 'bilinear', BICUBIC: 'bicubic', BOX: 'box', HAMMING: 'hamming', LANCZOS: 'lanczos' } as const;
const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'] as const;
export type InterpolationMode = (typeof InterpolationMode)[keyof typeof InterpolationMode];

function imgArg(call: string, img: unknown): Img {
  if (img instanceof Image) return img;
  if (img instanceof Tensor) {
    if (img.dim() < 2) throw argError(call, 'img', 'a Tensor image of shape [..., H, W]', img);
    return img;
  }
  throw argError(call, 'img', 'a PIL-like Image or a Tensor', img);
}

/** get_dimensions(img): [channels, height, width]. */
export function getDimensions(img: Img): [number, number, number] {
  imgArg('F.get_dimensions', img);
  if (img instanceof Image) return [img.channels, img.height, img.width];
  const s = img.shape;
  return [s.length === 2 ? 1 : s[s.length - 3], s[s.length - 2], s[s.length - 1]];
}

// ---------------------------------------------------------------- conversions

/** to_tensor(pic): float [C, H, W] in [0, 1] (uint8 / 255 in the default dtype). */
export function toTensor(pic: Image): Tensor {
  if (!(pic instanceof Image)) throw argError('F.to_tensor', 'pic', 'a PIL-like Image', pic);
  // torchvision's pil_to_tensor(pic).to(dtype).div(255) with two passes and three image-sized tensors
  // less: one copy_ reads the image's bytes in place, permutes and converts them (native/resample.cc),
  // div_ divides in place. uint8 -> float is exact, so the division sees the same operands: the same
  // values, bit for bit.
  const out = empty([pic.channels, pic.height, pic.width]);
  native.imageToTensor(pic.data, pic.height, pic.width, pic.channels, out);
  return out.div_(255);
}

/** pil_to_tensor(pic): uint8 [C, H, W]. */
export function pilToTensor(pic: Image): Tensor {
  if (!(pic instanceof Image)) throw argError('F.pil_to_tensor', 'pic', 'a PIL-like Image', pic);
  return fromTypedArray(pic.data, [pic.height, pic.width, pic.channels]).permute(2, 0, 1).contiguous();
}

/**
 * to_pil_image(pic, mode): a [C, H, W] or [H, W] tensor with 1 or 3 channels to an 'L' / 'RGB' image.
 * Float tensors are scaled as torchvision does: pic.mul(255).byte() (truncation, not rounding).
 */
export function toPilImage(pic: Tensor, mode?: ImageMode | null): Image {
  const call = 'F.to_pil_image';
  if (!(pic instanceof Tensor)) throw argError(call, 'pic', 'a Tensor (a PIL-like Image is already an image)', pic);
  if (pic.dim() !== 2 && pic.dim() !== 3) throw new RangeError(`${call}: pic should be 2/3 dimensional. Got ${pic.dim()} dimensions.`);
  let t = pic.dim() === 2 ? pic.unsqueeze(0) : pic;
  const c = t.shape[0];
  if (c > 4) throw new RangeError(`${call}: pic should not have > 4 channels. Got ${c} channels.`);
  if (c !== 1 && c !== 3) throw new RangeError(`${call}: only 1-channel ('L') and 3-channel ('RGB') images are supported, got ${c} channels`);
  if (t.isFloatingPoint()) t = t.mul(255).to(uint8);
  if (t.dtype !== uint8) throw new TypeError(`${call}: Input type ${t.dtype} is not supported (use uint8 or a floating-point tensor)`);
  const expected: ImageMode = c === 1 ? 'L' : 'RGB';
  if (mode !== undefined && mode !== null && mode !== expected) throw new RangeError(`${call}: Incorrect mode (${mode}) supplied for input type uint8 with ${c} channel(s). Should be ${expected}`);
  const data = new Uint8Array(t.cpu().permute(1, 2, 0).contiguous().toTypedArray() as Uint8Array);
  return new Image(data, t.shape[2], t.shape[1], expected);
}

// ---------------------------------------------------------------- normalize

/** normalize(tensor, mean, std, inplace): (x - mean) / std per channel, in the tensor's float dtype. */
export function normalize(t: Tensor, mean: number | readonly number[], std: number | readonly number[], inplace = false): Tensor {
  const call = 'F.normalize';
  if (!(t instanceof Tensor)) throw argError(call, 'tensor', 'a Tensor image', t);
  if (!t.isFloatingPoint()) throw new TypeError(`${call}: Input tensor should be a float tensor. Got ${t.dtype}.`);
  if (t.dim() < 3) throw new RangeError(`${call}: Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = [${t.shape.join(', ')}]`);
  const asT = (name: string, x: unknown): Tensor => {
    const vals = typeof x === 'number' ? x : Array.isArray(x) ? x.map((e, i) => v.number(call, `${name}[${i}]`, e)) : null;
    if (vals === null) throw argError(call, name, 'a number or an array of numbers', x);
    const out = tensor(vals as number | number[] as never, { dtype: t.dtype, device: t.device });
    return out.dim() === 1 ? out.view(-1, 1, 1) : out;
  };
  const m = asT('mean', mean);
  const s = asT('std', std);
  if (s.eq(0).any().item()) throw new RangeError(`${call}: std evaluated to zero after conversion to ${t.dtype}, leading to division by zero.`);
  // t.sub(m), not t.clone().sub_(m): the same values without the copy.
  return (inplace ? t.sub_(m) : t.sub(m)).div_(s);
}

// ---------------------------------------------------------------- resize

/** _compute_resized_output_size: [h, w] from an int (the shorter edge) or [h, w]. */
export function computeResizedOutputSize(height: number, width: number, size: readonly number[], maxSize?: number | null): [number, number] {
  const call = 'F._compute_resized_output_size';
  v.int(call, 'height', height, 0);
  v.int(call, 'width', width, 0);
  v.ints(call, 'size', size, 0);
  if (size.length !== 1 && size.length !== 2) throw argError(call, 'size', 'a list of 1 or 2 sizes', size, 'range');
  v.optInt(call, 'max_size', maxSize, 0);
  if (size.length === 2) return [size[0], size[1]];
  const [short, long] = width <= height ? [width, height] : [height, width];
  let newShort = size[0];
  let newLong = Math.trunc((newShort * long) / short);
  if (maxSize !== undefined && maxSize !== null) {
    if (maxSize <= newShort) throw new RangeError(`F.resize: max_size = ${maxSize} must be strictly greater than the requested size for the smaller edge size = ${size[0]}`);
    if (newLong > maxSize) [newShort, newLong] = [Math.trunc((maxSize * newShort) / newLong), maxSize];
  }
  return width <= height ? [newLong, newShort] : [newShort, newLong];
}

const PRECISION_BITS = 32 - 8 - 2;

// Pillow's resampling filters (Resample.c): [support, filter].
const FILTERS: Record<string, [number, (x: number) => number]> = {
  box: [0.5, (x) => (x > -0.5 && x <= 0.5 ? 1.0 : 0.0)],
  bilinear: [1.0, (x) => {
    x = Math.abs(x);
    return x < 1.0 ? 1.0 - x : 0.0;
  }],
  hamming: [1.0, (x) => {
    x = Math.abs(x);
    if (x === 0.0) return 1.0;
    if (x >= 1.0) return 0.0;
    x = x * Math.PI;
    return (Math.sin(x) / x) * (Math.fround(0.54) + Math.fround(0.46) * Math.cos(x));
  }],
  bicubic: [2.0, (x) => {
    const a = -0.5;
    x = Math.abs(x);
    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
  }],
  lanczos: [3.0, (x) => {
    const sinc = (t: number) => (t === 0.0 ? 1.0 : Math.sin(t * Math.PI) / (t * Math.PI));
    return x >= -3.0 && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
  }],
};

/**
 * Pillow's precompute_coeffs (Resample.c): the support widens with the downscale factor (that is the
 * antialiasing); weights are normalised, then made 22-bit fixed point.
 */
function precomputeCoeffs(inSize: number, outSize: number, filter: string): { bounds: Int32Array; kk: Int32Array; ksize: number } {
  const [fsupport, fn] = FILTERS[filter];
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = fsupport * filterscale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const kk = new Int32Array(outSize * ksize);
  const w = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterscale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let ww = 0;
    for (let x = 0; x < xmax; x++) {
      w[x] = fn((x + xmin - center + 0.5) * ss);
      ww += w[x];
    }
    for (let x = 0; x < xmax; x++) {
      const k = ww !== 0 ? w[x] / ww : w[x];
      kk[xx * ksize + x] = Math.trunc(k < 0 ? -0.5 + k * (1 << PRECISION_BITS) : 0.5 + k * (1 << PRECISION_BITS));
    }
    bounds[2 * xx] = xmin;
    bounds[2 * xx + 1] = xmax;
  }
  return { bounds, kk, ksize };
}

/**
 * Pillow's ImagingResample of the box (top, left, h, w) inside img: a horizontal pass then a vertical
 * one, each rounded to uint8. The passes are native (native/resample.cc): in TS they took 3-4x Pillow's
 * time. They read the box where it lies: resizedCrop then makes no cropped copy (the same pixels as
 * torchvision's crop, then resize). (outH, outW) is not (h, w).
 */
function resizeImageFiltered(call: string, img: Image, top: number, left: number, h: number, w: number, outH: number, outW: number, filter: string): Image {
  const c = img.channels;
  // Only the vertical pass reads whole rows: a box narrower than the image is copied out for it.
  if (outW === w && w !== img.width) return resizeImageFiltered(call, crop(img, top, left, h, w) as Image, 0, 0, h, w, outH, outW, filter);
  const vert = precomputeCoeffs(h, outH, filter);
  let src = img.data;
  let rowOffset = 0;
  if (outW !== w) {
    const horiz = precomputeCoeffs(w, outW, filter);
    for (let i = 0; i < outW; i++) horiz.bounds[2 * i] += left;
    // Rows the vertical pass reads: the horizontal pass only computes those.
    rowOffset = outH === h ? 0 : vert.bounds[0];
    const rows = outH === h ? h : vert.bounds[2 * outH - 2] + vert.bounds[2 * outH - 1] - rowOffset;
    src = pixelBuffer(call, outW, rows, img.mode);
    native.imageResampleHorizontal(img.data, src, img.width, c, top + rowOffset, outW, horiz.bounds, horiz.kk, horiz.ksize);
    if (outH === h) return new Image(src, outW, outH, img.mode);
  } else {
    for (let i = 0; i < outH; i++) vert.bounds[2 * i] += top;
  }
  const out = pixelBuffer(call, outW, outH, img.mode);
  native.imageResampleVertical(src, out, outW * c, rowOffset, vert.bounds, vert.kk, vert.ksize);
  return new Image(out, outW, outH, img.mode);
}

/** resize's arguments: the filter and the output size of an h x w image. */
function resizeArgs(call: string, h: number, w: number, size: number | readonly number[], interpolation: InterpolationMode, maxSize?: number | null): { mode: InterpolationMode; oh: number; ow: number } {
  const sizes = typeof size === 'number' ? [v.int(call, 'size', size, 1)] : Array.isArray(size) ? v.ints(call, 'size', size, 1) : null;
  if (sizes === null || sizes.length < 1 || sizes.length > 2) throw argError(call, 'size', 'an integer or a list of 1 or 2 integers', size);
  const mode = v.oneOf(call, 'interpolation', interpolation, INTERPOLATIONS);
  if (maxSize !== undefined && maxSize !== null && sizes.length !== 1) throw new RangeError(`${call}: max_size should only be passed if size specifies the length of the smaller edge`);
  const [oh, ow] = computeResizedOutputSize(h, w, sizes, maxSize);
  return { mode, oh, ow };
}

/**
 * resize(img, size, interpolation, maxSize, antialias). Images: Pillow's antialiased bilinear resize
 * (the only filter ported). Tensors: F.interpolate with align_corners=False, as torchvision's tensor
 * branch (antialias defaults to false there; integer tensors are rounded back).
 */
export function resize(img: Img, size: number | readonly number[], interpolation: InterpolationMode = 'bilinear', maxSize?: number | null, antialias?: boolean | null): Img {
  const call = 'F.resize';
  imgArg(call, img);
  const [, h, w] = getDimensions(img);
  const { mode, oh, ow } = resizeArgs(call, h, w, size, interpolation, maxSize);
  if (oh === h && ow === w) return img;
  if (img instanceof Image) {
    // Pillow resizes with NEAREST through its affine transform (the scale matrix), the rest by resampling.
    if (mode === 'nearest') return FP.transformAffine(img, ow, oh, [w / ow, 0, 0, 0, h / oh, 0], 'nearest', Array(img.channels).fill(0));
    return resizeImageFiltered(call, img, 0, 0, h, w, oh, ow, mode);
  }
  if (mode !== 'nearest' && mode !== 'bilinear' && mode !== 'bicubic') throw new RangeError(`${call}: Input Tensor only supports InterpolationMode.NEAREST, BILINEAR and BICUBIC, got '${mode}'`);
  const aa = antialias ?? false;
  if (aa && mode === 'nearest') throw new RangeError(`${call}: Antialias option is supported for bilinear and bicubic interpolation modes only`);
  // [C, H, W] gains a batch dim as in torchvision (keeping its memory layout: libtorch's kernels for
  // channels-last inputs round differently); other ranks fold into [N, C, H, W].
  const lead = img.shape.slice(0, -2);
  let x = img.dim() === 4 ? img : img.dim() === 3 ? img.unsqueeze(0) : img.reshape(-1, 1, h, w);
  const isInt = !x.isFloatingPoint();
  if (isInt) x = x.float();
  x = mode === 'nearest' ? interpolate(x, { size: [oh, ow], mode }) : interpolate(x, { size: [oh, ow], mode, alignCorners: false, antialias: aa });
  if (isInt) {
    if (mode === 'bicubic' && img.dtype === uint8) x = x.clamp(0, 255);
    x = x.round().to(img.dtype);
  }
  return x.reshape([...lead, oh, ow]);
}

/**
 * elastic_transform(img, displacement, interpolation='bilinear', fill=null): samples the image at the
 * identity grid plus `displacement` ([1, H, W, 2], in grid_sample's [-1, 1] units). Images go through
 * the tensor path and back, as in torchvision.
 */
export function elasticTransform(img: Img, displacement: Tensor, interpolation: InterpolationMode = 'bilinear', fill: Fill = null): Img {
  const call = 'F.elastic_transform';
  if (!(displacement instanceof Tensor)) throw new TypeError(`${call}: Argument displacement should be a Tensor, got ${displacement === null ? 'null' : typeof displacement}`);
  imgArg(call, img);
  const mode = v.oneOf(call, 'interpolation', interpolation, ['nearest', 'bilinear', 'bicubic'] as const);
  const tImg = img instanceof Image ? pilToTensor(img) : img;
  const want = [1, ...tImg.shape.slice(-2), 2];
  if (displacement.dim() !== 4 || displacement.shape.some((d, i) => d !== want[i])) {
    throw new RangeError(`${call}: Argument displacement shape should be [${want.join(', ')}], but given [${displacement.shape.join(', ')}]`);
  }
  const out = FT.elasticTransform(tImg, displacement, mode, tensorFill(call, fill, getDimensions(img)[0]));
  return img instanceof Image ? toPilImage(out, img.mode) : out;
}

// ---------------------------------------------------------------- crops, pads, flips

/** crop(img, top, left, height, width): pixels outside the image are 0, as in both torchvision branches. */
// PIL.Image.MAX_IMAGE_PIXELS (Pillow 9.4)
const MAX_IMAGE_PIXELS = Math.trunc((1024 * 1024 * 1024) / 4 / 3);

export function crop(img: Img, top: number, left: number, height: number, width: number): Img {
  const call = 'F.crop';
  imgArg(call, img);
  [top, left] = [v.int(call, 'top', top), v.int(call, 'left', left)];
  [height, width] = [v.int(call, 'height', height, 0), v.int(call, 'width', width, 0)];
  const [c, h, w] = getDimensions(img);
  const r0 = Math.max(top, 0), r1 = Math.min(top + height, h);
  const c0 = Math.max(left, 0), c1 = Math.min(left + width, w);
  if (img instanceof Image) {
    // PIL's Image.crop refuses a box of more than twice Image.MAX_IMAGE_PIXELS (DecompressionBombError).
    if (width * height > 2 * MAX_IMAGE_PIXELS) throw new RangeError(`${call}: Image size (${width * height} pixels) exceeds limit of ${2 * MAX_IMAGE_PIXELS} pixels, could be decompression bomb DOS attack.`);
    const out = pixelBuffer(call, width, height, img.mode);
    for (let y = r0; y < r1; y++) out.set(img.data.subarray((y * w + c0) * c, (y * w + c1) * c), ((y - top) * width + (c0 - left)) * c);
    return new Image(out, width, height, img.mode);
  }
  const out = zeros([...img.shape.slice(0, -2), height, width], { dtype: img.dtype, device: img.device });
  if (r1 > r0 && c1 > c0) out.narrow(-2, r0 - top, r1 - r0).narrow(-1, c0 - left, c1 - c0).copy_(img.narrow(-2, r0, r1 - r0).narrow(-1, c0, c1 - c0));
  return out;
}

function pyRound(x: number): number {
  // Python's round(): halves go to the even neighbour.
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function sizePair(call: string, size: unknown): [number, number] {
  if (typeof size === 'number') return [v.int(call, 'size', size, 0), size];
  if (Array.isArray(size) && (size.length === 1 || size.length === 2)) {
    const s = v.ints(call, 'size', size, 0);
    return s.length === 1 ? [s[0], s[0]] : [s[0], s[1]];
  }
  throw argError(call, 'size', 'an integer or a list of 1 or 2 integers (h, w)', size);
}

/** center_crop(img, outputSize): pads with 0 when the crop is larger than the image. */
export function centerCrop(img: Img, outputSize: number | readonly number[]): Img {
  const call = 'F.center_crop';
  imgArg(call, img);
  const [ch, cw] = sizePair(call, outputSize);
  const [, h, w] = getDimensions(img);
  // Same result as torchvision's pad-then-crop: the crop window is centred with Python's rounding.
  const padL = cw > w ? Math.floor((cw - w) / 2) : 0;
  const padT = ch > h ? Math.floor((ch - h) / 2) : 0;
  const ph = h + padT + (ch > h ? Math.floor((ch - h + 1) / 2) : 0);
  const pw = w + padL + (cw > w ? Math.floor((cw - w + 1) / 2) : 0);
  return crop(img, pyRound((ph - ch) / 2) - padT, pyRound((pw - cw) / 2) - padL, ch, cw);
}

export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

/** The source index of padded position i (i may be outside [0, n)); -1 means "fill". */
function sourceIndex(i: number, n: number, mode: PaddingMode): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant': return -1;
    case 'edge': return i < 0 ? 0 : n - 1;
    case 'reflect': return i < 0 ? -i : 2 * (n - 1) - i;
    case 'symmetric': return i < 0 ? -i - 1 : 2 * n - 1 - i;
  }
}

/** pad(img, padding, fill, paddingMode): padding is p, [left/right, top/bottom] or [left, top, right, bottom]. */
export function pad(img: Img, padding: number | readonly number[], fill: number | readonly number[] = 0, paddingMode: PaddingMode = 'constant'): Img {
  const call = 'F.pad';
  imgArg(call, img);
  const p = typeof padding === 'number' ? [v.int(call, 'padding', padding, 0)] : Array.isArray(padding) ? v.ints(call, 'padding', padding, 0) : null;
  if (p === null || ![1, 2, 4].includes(p.length)) throw argError(call, 'padding', 'a non-negative integer or a list of 1, 2 or 4 of them', padding);
  const [l, t, r, b] = p.length === 1 ? [p[0], p[0], p[0], p[0]] : p.length === 2 ? [p[0], p[1], p[0], p[1]] : p;
  const mode = v.oneOf(call, 'padding_mode', paddingMode, ['constant', 'edge', 'reflect', 'symmetric'] as const);
  const [c, h, w] = getDimensions(img);
  if (mode === 'reflect' && (Math.max(l, r) >= w || Math.max(t, b) >= h)) throw new RangeError(`${call}: reflect padding must be smaller than the image size (${h}x${w}), got [${l}, ${t}, ${r}, ${b}]`);
  if (mode === 'symmetric' && (Math.max(l, r) > w || Math.max(t, b) > h)) throw new RangeError(`${call}: symmetric padding must be at most the image size (${h}x${w}), got [${l}, ${t}, ${r}, ${b}]`);
  const oh = h + t + b, ow = w + l + r;
  const rows = Array.from({ length: oh }, (_x, y) => sourceIndex(y - t, h, mode));
  const cols = Array.from({ length: ow }, (_x, x) => sourceIndex(x - l, w, mode));
  if (img instanceof Image) {
    const fills = typeof fill === 'number' ? Array(c).fill(fill) : [...fill];
    if (fills.length !== c) throw new RangeError(`${call}: fill has ${fills.length} values for an image with ${c} channels`);
    const out = pixelBuffer(call, ow, oh, img.mode);
    if (out.length === 0) return new Image(out, ow, oh, img.mode);
    // Only constant padding leaves pixels to fill.
    if (mode === 'constant') fillPixels(out, fills, c);
    native.imagePad(img.data, w, c, out, ow, Int32Array.from(rows), Int32Array.from(cols));
    return new Image(out, ow, oh, img.mode);
  }
  if (mode === 'constant') {
    if (typeof fill !== 'number') throw argError(call, 'fill', 'a number for tensor images', fill);
    const out = full([...img.shape.slice(0, -2), oh, ow], fill, { dtype: img.dtype, device: img.device });
    out.narrow(-2, t, h).narrow(-1, l, w).copy_(img);
    return out;
  }
  const index = (ix: number[]) => tensor(ix, { dtype: arange(0).dtype, device: img.device });
  return img.indexSelect(-2, index(rows)).indexSelect(-1, index(cols));
}

export function hflip(img: Img): Img {
  imgArg('F.hflip', img);
  const [c, h, w] = getDimensions(img);
  if (img instanceof Image) {
    // Native (native/resample.cc): a JS loop over the bytes took 0.3-0.5 ms for 224x224 RGB.
    const out = new Uint8Array(img.data.length);
    if (out.length > 0) native.imageFlipLeftRight(img.data, out, w, c);
    return new Image(out, w, h, img.mode);
  }
  return img.indexSelect(-1, arange(w - 1, -1, -1, { device: img.device }));
}

export function vflip(img: Img): Img {
  imgArg('F.vflip', img);
  const [c, h, w] = getDimensions(img);
  if (img instanceof Image) {
    const out = new Uint8Array(img.data.length);
    for (let y = 0; y < h; y++) out.set(img.data.subarray(y * w * c, (y + 1) * w * c), (h - 1 - y) * w * c);
    return new Image(out, w, h, img.mode);
  }
  return img.indexSelect(-2, arange(h - 1, -1, -1, { device: img.device }));
}

// ---------------------------------------------------------------- color

/** rgb_to_grayscale(img, numOutputChannels): PIL's integer luma for images, 0.2989/0.587/0.114 for tensors. */
export function rgbToGrayscale(img: Img, numOutputChannels = 1): Img {
  const call = 'F.rgb_to_grayscale';
  imgArg(call, img);
  if (numOutputChannels !== 1 && numOutputChannels !== 3) throw argError(call, 'num_output_channels', '1 or 3', numOutputChannels, 'range');
  if (img instanceof Image) {
    const gray = img.convert('L');
    return numOutputChannels === 1 ? gray : gray.convert('RGB');
  }
  const c = getDimensions(img)[0];
  if (c === 1) return numOutputChannels === 1 ? img.clone() : img.expand([...img.shape.slice(0, -3), 3, ...img.shape.slice(-2)]);
  if (c !== 3 || img.dim() < 3) throw new RangeError(`${call}: Input image tensor permitted channel values are [1, 3], but found ${c}`);
  const [r, g, b] = [0, 1, 2].map((i) => img.select(-3, i));
  const l = r.mul(0.2989).add(g.mul(0.587)).add(b.mul(0.114)).to(img.dtype).unsqueeze(-3);
  return numOutputChannels === 3 ? l.expand(img.shape) : l;
}

// ---------------------------------------------------------------- geometry: rotate, affine, perspective

type Fill = number | readonly number[] | null | undefined;

function interpArg(call: string, interpolation: unknown, allowed: readonly string[] = ['nearest', 'bilinear']): 'nearest' | 'bilinear' {
  const m = v.oneOf(call, 'interpolation', interpolation, INTERPOLATIONS);
  if (!allowed.includes(m)) throw new RangeError(`${call}: only InterpolationMode.NEAREST and BILINEAR are supported here, got '${m}'`);
  return m as 'nearest' | 'bilinear';
}

function tensorFill(call: string, fill: Fill, channels: number): number | number[] | null {
  if (fill === null || fill === undefined) return null;
  if (typeof fill === 'number') return v.number(call, 'fill', fill);
  const f = v.numbers(call, 'fill', fill);
  if (f.length !== 1 && f.length !== channels) throw new RangeError(`${call}: The number of elements in 'fill' cannot broadcast to match the number of channels of the image (${f.length} != ${channels})`);
  return f;
}

const degToRad = Math.PI / 180.0;
const radToDeg = 180.0 / Math.PI;

/** _get_inverse_affine_matrix(center, angle, translate, scale, shear). */
export function getInverseAffineMatrix(center: readonly number[], angle: number, translate: readonly number[], scale: number, shear: readonly number[]): number[] {
  const call = 'F._get_inverse_affine_matrix';
  for (const [n, x] of [['center', center], ['translate', translate], ['shear', shear]] as const) {
    if (!Array.isArray(x) || x.length !== 2) throw argError(call, n, 'a list of 2 numbers', x);
    v.numbers(call, n, x);
  }
  v.number(call, 'angle', angle);
  v.number(call, 'scale', scale);
  const rot = angle * degToRad;
  const sx = shear[0] * degToRad;
  const sy = shear[1] * degToRad;
  const [cx, cy] = center;
  const [tx, ty] = translate;
  const a = Math.cos(rot - sy) / Math.cos(sy);
  const b = (-Math.cos(rot - sy) * Math.tan(sx)) / Math.cos(sy) - Math.sin(rot);
  const c = Math.sin(rot - sy) / Math.cos(sy);
  const d = (-Math.sin(rot - sy) * Math.tan(sx)) / Math.cos(sy) + Math.cos(rot);
  const m = [d, -b, 0.0, -c, a, 0.0].map((x) => x / scale);
  m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
  m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
  m[2] += cx;
  m[5] += cy;
  return m;
}

/**
 * rotate(img, angle, interpolation='nearest', expand=false, center=null, fill=null). Images: Pillow's
 * Image.rotate. Tensors: torchvision's inverse affine matrix, affine grid and grid_sample.
 */
export function rotate(img: Img, angle: number, interpolation: InterpolationMode = 'nearest', expand = false, center?: readonly number[] | null, fill: Fill = null): Img {
  const call = 'F.rotate';
  imgArg(call, img);
  v.finite(call, 'angle', angle);
  const mode = interpArg(call, interpolation);
  v.bool(call, 'expand', expand);
  if (center !== undefined && center !== null && !(Array.isArray(center) && center.length === 2)) throw argError(call, 'center', 'a list [x, y]', center);
  const ctr = center ? v.numbers(call, 'center', center) : null;
  const [c, h, w] = getDimensions(img);
  if (img instanceof Image) return FP.rotate(img, angle, mode, expand, ctr, FP.parseFill(fill, c, call));
  if (img.dim() < 3) throw argError(call, 'img', 'a Tensor image of shape [..., C, H, W]', img);
  const centerF = ctr ? [1.0 * (ctr[0] - w * 0.5), 1.0 * (ctr[1] - h * 0.5)] : [0.0, 0.0];
  const matrix = getInverseAffineMatrix(centerF, -angle, [0.0, 0.0], 1.0, [0.0, 0.0]);
  return FT.rotate(img, matrix, mode, expand, tensorFill(call, fill, c));
}

/** affine(img, angle, translate, scale, shear, interpolation='nearest', fill=null, center=null). */
export function affine(img: Img, angle: number, translate: readonly number[], scale: number, shear: number | readonly number[], interpolation: InterpolationMode = 'nearest', fill: Fill = null, center?: readonly number[] | null): Img {
  const call = 'F.affine';
  imgArg(call, img);
  v.finite(call, 'angle', angle);
  if (!Array.isArray(translate) || translate.length !== 2) throw argError(call, 'translate', 'a list of 2 numbers', translate);
  const tr = v.numbers(call, 'translate', translate);
  if (v.number(call, 'scale', scale) <= 0.0) throw new RangeError(`${call}: Argument scale should be positive`);
  let sh: number[];
  if (typeof shear === 'number') sh = [shear, 0.0];
  else if (Array.isArray(shear) && (shear.length === 1 || shear.length === 2)) sh = v.numbers(call, 'shear', shear);
  else throw new RangeError(`${call}: Shear should be a sequence containing two values. Got ${String(shear)}`);
  if (sh.length === 1) sh = [sh[0], sh[0]];
  const mode = interpArg(call, interpolation);
  if (center !== undefined && center !== null && !(Array.isArray(center) && center.length === 2)) throw argError(call, 'center', 'a list [x, y]', center);
  const ctr = center ? v.numbers(call, 'center', center) : null;
  const [c, h, w] = getDimensions(img);
  if (img instanceof Image) {
    const matrix = getInverseAffineMatrix(ctr ?? [w * 0.5, h * 0.5], angle, tr, scale, sh);
    return FP.transformAffine(img, w, h, matrix, mode, FP.parseFill(fill, c, call));
  }
  const centerF = ctr ? [1.0 * (ctr[0] - w * 0.5), 1.0 * (ctr[1] - h * 0.5)] : [0.0, 0.0];
  const matrix = getInverseAffineMatrix(centerF, angle, tr.map((t) => 1.0 * t), scale, sh);
  return FT.affine(img, matrix, mode, tensorFill(call, fill, c));
}

/** perspective(img, startpoints, endpoints, interpolation='bilinear', fill=null). */
export function perspective(img: Img, startpoints: number[][], endpoints: number[][], interpolation: InterpolationMode = 'bilinear', fill: Fill = null): Img {
  const call = 'F.perspective';
  imgArg(call, img);
  for (const [name, pts] of [['startpoints', startpoints], ['endpoints', endpoints]] as const) {
    if (!Array.isArray(pts) || pts.length !== 4 || !pts.every((p) => Array.isArray(p) && p.length === 2)) throw argError(call, name, 'a list of 4 [x, y] points', pts);
    pts.forEach((p, i) => v.numbers(call, `${name}[${i}]`, p));
  }
  const mode = interpArg(call, interpolation);
  const coeffs = FT.perspectiveCoeffs(startpoints, endpoints);
  const c = getDimensions(img)[0];
  if (img instanceof Image) return FP.transformPerspective(img, coeffs, mode, FP.parseFill(fill, c, call));
  return FT.perspective(img, coeffs, mode, tensorFill(call, fill, c));
}

// ---------------------------------------------------------------- crops

/** resized_crop(img, top, left, height, width, size, interpolation, antialias). */
export function resizedCrop(img: Img, top: number, left: number, height: number, width: number, size: number | readonly number[], interpolation: InterpolationMode = 'bilinear', antialias?: boolean | null): Img {
  const box = [top, left, height, width];
  if (img instanceof Image && box.every((x) => typeof x === 'number' && Number.isInteger(x)) && top >= 0 && left >= 0 && height > 0 && width > 0 && top + height <= img.height && left + width <= img.width) {
    // A box inside the image (RandomResizedCrop's always is) is resized where it lies.
    const { mode, oh, ow } = resizeArgs('F.resize', height, width, size, interpolation);
    if (mode !== 'nearest' && (oh !== height || ow !== width)) return resizeImageFiltered('F.resize', img, top, left, height, width, oh, ow, mode);
  }
  return resize(crop(img, top, left, height, width), size, interpolation, null, antialias);
}

/** five_crop(img, size): [top-left, top-right, bottom-left, bottom-right, center]. */
export function fiveCrop(img: Img, size: number | readonly number[]): Img[] {
  const call = 'F.five_crop';
  imgArg(call, img);
  const [ch, cw] = sizePair(call, size);
  const [, h, w] = getDimensions(img);
  if (cw > w || ch > h) throw new RangeError(`${call}: Requested crop size ${JSON.stringify([ch, cw])} is bigger than input size ${JSON.stringify([h, w])}`);
  return [crop(img, 0, 0, ch, cw), crop(img, 0, w - cw, ch, cw), crop(img, h - ch, 0, ch, cw), crop(img, h - ch, w - cw, ch, cw), centerCrop(img, [ch, cw])];
}

/** ten_crop(img, size, verticalFlip=false): the five crops, then those of the flipped image. */
export function tenCrop(img: Img, size: number | readonly number[], verticalFlip = false): Img[] {
  const call = 'F.ten_crop';
  imgArg(call, img);
  const first = fiveCrop(img, size);
  const flipped = v.bool(call, 'vertical_flip', verticalFlip) ? vflip(img) : hflip(img);
  return [...first, ...fiveCrop(flipped, size)];
}

/** erase(img, i, j, h, w, v, inplace=false): a tensor's [i:i+h, j:j+w] set to v. */
export function erase(img: Tensor, i: number, j: number, h: number, w: number, value: Tensor | number, inplace = false): Tensor {
  const call = 'F.erase';
  if (!(img instanceof Tensor)) throw argError(call, 'img', 'a Tensor image', img);
  [i, j, h, w] = [v.int(call, 'i', i), v.int(call, 'j', j), v.int(call, 'h', h, 0), v.int(call, 'w', w, 0)];
  const val = value instanceof Tensor ? value : tensor(v.number(call, 'v', value), { dtype: img.dtype });
  return FT.erase(img, i, j, h, w, val, v.bool(call, 'inplace', inplace));
}

// ---------------------------------------------------------------- color

function factorArg(call: string, name: string, x: unknown): number {
  const f = v.number(call, name, x);
  if (f < 0) throw new RangeError(`${call}: ${name} (${f}) is not non-negative.`);
  return f;
}

function colorTensor(call: string, img: Tensor, channels: number[]): void {
  if (img.dim() < 3) throw new RangeError(`${call}: Input image tensor should have at least 3 dimensions, but found ${img.dim()}`);
  const c = img.shape[img.dim() - 3];
  if (!channels.includes(c)) throw new RangeError(`${call}: Input image tensor permitted channel values are ${JSON.stringify(channels)}, but found ${c}`);
}

export function adjustBrightness(img: Img, brightnessFactor: number): Img {
  const call = 'F.adjust_brightness';
  imgArg(call, img);
  const f = factorArg(call, 'brightness_factor', brightnessFactor);
  if (img instanceof Image) return FP.adjustBrightness(img, f);
  colorTensor(call, img, [1, 3]);
  return FT.adjustBrightness(img, f);
}

export function adjustContrast(img: Img, contrastFactor: number): Img {
  const call = 'F.adjust_contrast';
  imgArg(call, img);
  const f = factorArg(call, 'contrast_factor', contrastFactor);
  if (img instanceof Image) return FP.adjustContrast(img, f);
  colorTensor(call, img, [3, 1]);
  return FT.adjustContrast(img, f);
}

export function adjustSaturation(img: Img, saturationFactor: number): Img {
  const call = 'F.adjust_saturation';
  imgArg(call, img);
  const f = factorArg(call, 'saturation_factor', saturationFactor);
  if (img instanceof Image) return FP.adjustSaturation(img, f);
  colorTensor(call, img, [1, 3]);
  return FT.adjustSaturation(img, f);
}

export function adjustHue(img: Img, hueFactor: number): Img {
  const call = 'F.adjust_hue';
  imgArg(call, img);
  const f = v.number(call, 'hue_factor', hueFactor);
  if (f < -0.5 || f > 0.5) throw new RangeError(`${call}: hue_factor (${f}) is not in [-0.5, 0.5].`);
  if (img instanceof Image) return FP.adjustHue(img, f);
  colorTensor(call, img, [1, 3]);
  return FT.adjustHue(img, f);
}

export function adjustGamma(img: Img, gamma: number, gain = 1): Img {
  const call = 'F.adjust_gamma';
  imgArg(call, img);
  const g = v.number(call, 'gamma', gamma);
  if (g < 0) throw new RangeError(`${call}: Gamma should be a non-negative real number`);
  const gn = v.number(call, 'gain', gain);
  if (img instanceof Image) return FP.adjustGamma(img, g, gn);
  colorTensor(call, img, [1, 3]);
  return FT.adjustGamma(img, g, gn);
}

export function adjustSharpness(img: Img, sharpnessFactor: number): Img {
  const call = 'F.adjust_sharpness';
  imgArg(call, img);
  const f = factorArg(call, 'sharpness_factor', sharpnessFactor);
  if (img instanceof Image) return FP.adjustSharpness(img, f);
  colorTensor(call, img, [1, 3]);
  return FT.adjustSharpness(img, f);
}

export function invert(img: Img): Img {
  const call = 'F.invert';
  imgArg(call, img);
  if (img instanceof Image) return FP.invert(img);
  colorTensor(call, img, [1, 3]);
  return FT.invert(img);
}

export function posterize(img: Img, bits: number): Img {
  const call = 'F.posterize';
  imgArg(call, img);
  const b = v.int(call, 'bits', bits);
  if (b < 0 || b > 8) throw new RangeError(`${call}: The number if bits should be between 0 and 8. Got ${b}`);
  if (img instanceof Image) return FP.posterize(img, b);
  colorTensor(call, img, [1, 3]);
  return FT.posterize(img, b);
}

export function solarize(img: Img, threshold: number): Img {
  const call = 'F.solarize';
  imgArg(call, img);
  const t = v.number(call, 'threshold', threshold);
  if (img instanceof Image) return FP.solarize(img, t);
  colorTensor(call, img, [1, 3]);
  return FT.solarize(img, t);
}

export function autocontrast(img: Img): Img {
  const call = 'F.autocontrast';
  imgArg(call, img);
  if (img instanceof Image) return FP.autocontrast(img);
  colorTensor(call, img, [1, 3]);
  return FT.autocontrast(img);
}

export function equalize(img: Img): Img {
  const call = 'F.equalize';
  imgArg(call, img);
  if (img instanceof Image) return FP.equalize(img);
  colorTensor(call, img, [1, 3]);
  return FT.equalize(img);
}

/** gaussian_blur(img, kernel_size, sigma=null): images go through the tensor path, as in torchvision. */
export function gaussianBlur(img: Img, kernelSize: number | readonly number[], sigma?: number | readonly number[] | null): Img {
  const call = 'F.gaussian_blur';
  imgArg(call, img);
  let ks: number[];
  if (typeof kernelSize === 'number') ks = [v.int(call, 'kernel_size', kernelSize), kernelSize];
  else if (Array.isArray(kernelSize) && (kernelSize.length === 1 || kernelSize.length === 2)) ks = v.ints(call, 'kernel_size', kernelSize);
  else throw argError(call, 'kernel_size', 'an int or a list of 1 or 2 ints', kernelSize);
  if (ks.length === 1) ks = [ks[0], ks[0]];
  for (const k of ks) if (k % 2 === 0 || k < 0) throw new RangeError(`${call}: kernel_size should have odd and positive integers. Got ${JSON.stringify(ks)}`);
  let sg: number[];
  if (sigma === undefined || sigma === null) sg = ks.map((k) => k * 0.15 + 0.35);
  else if (typeof sigma === 'number') sg = [v.number(call, 'sigma', sigma), sigma];
  else if (Array.isArray(sigma) && (sigma.length === 1 || sigma.length === 2)) sg = v.numbers(call, 'sigma', sigma);
  else throw argError(call, 'sigma', 'a number or a list of 1 or 2 numbers', sigma);
  if (sg.length === 1) sg = [sg[0], sg[0]];
  for (const s of sg) if (s <= 0) throw new RangeError(`${call}: sigma should have positive values. Got ${JSON.stringify(sg)}`);
  if (img instanceof Image) {
    const out = FT.gaussianBlur(pilToTensor(img), ks as [number, number], sg as [number, number]);
    return toPilImage(out, img.mode);
  }
  return FT.gaussianBlur(img, ks as [number, number], sg as [number, number]);
}

/** convert_image_dtype(image, dtype=torch.float). */
export function convertImageDtype(image: Tensor, dtype: DType = float32): Tensor {
  const call = 'F.convert_image_dtype';
  if (!(image instanceof Tensor)) throw argError(call, 'image', 'a Tensor', image);
  if (!(dtype instanceof DType)) throw argError(call, 'dtype', 'a torch dtype', dtype);
  return FT.convertImageDtype(image, dtype);
}

/** get_image_size(img): [width, height]. */
export function getImageSize(img: Img): [number, number] {
  const [, h, w] = getDimensions(img);
  return [w, h];
}

/** get_image_num_channels(img). */
export function getImageNumChannels(img: Img): number {
  return getDimensions(img)[0];
}

/** to_grayscale(img, num_output_channels=1): PIL images only, as in torchvision. */
export function toGrayscale(img: Image, numOutputChannels = 1): Image {
  if (!(img instanceof Image)) throw argError('F.to_grayscale', 'img', 'a PIL-like Image', img);
  return rgbToGrayscale(img, numOutputChannels) as Image;
}
