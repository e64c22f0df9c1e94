// torchvision.transforms.functional (0.14): each function takes an Image (the PIL branch, with
// Pillow 9's pixel arithmetic ported) or a Tensor [..., C, H, W] (the tensor branch, on libtorch ops).
import { Tensor } from '../../tensor';
import { tensor, zeros, ones, full, arange, linspace, fromTypedArray } from '../../creation';
import { stack, where } from '../../functions';

import { uint8, getDefaultDtype } from '../../dtype';
import { argError } from '../../errors';
import { interpolate } from '../../nn/functional';
import * as v from '../../validate';
import { Image, ImageMode } from './image';

export type Img = Image | Tensor;

export const InterpolationMode = { NEAREST: 'nearest', BILINEAR: 'bilinear', BICUBIC: 'bicubic' } as const;
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
  return pilToTensor(pic).to(getDefaultDtype()).div(255);
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
  const out = inplace ? t : t.clone();
  return out.sub_(m).div_(s);
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

/**
 * Pillow's precompute_coeffs (Resample.c) for the bilinear (triangle) filter: the support widens
 * with the downscale factor (that is the antialiasing); weights are normalised, then made 22-bit
 * fixed point.
 */
function bilinearCoeffs(inSize: number, outSize: number): { bounds: Int32Array; kk: Int32Array; ksize: number } {
  const scale = inSize / outSize;
  const filterscale = Math.max(scale, 1);
  const support = 1 * filterscale;
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
      const t = Math.abs((x + xmin - center + 0.5) * ss);
      w[x] = t < 1 ? 1 - t : 0;
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

function clip8(x: number): number {
  if (x >= 1 << PRECISION_BITS << 8) return 255;
  if (x <= 0) return 0;
  return x >> PRECISION_BITS;
}

/** Pillow's ImagingResample with BILINEAR: a horizontal pass then a vertical one, each rounded to uint8. */
function resizeImageBilinear(img: Image, outH: number, outW: number): Image {
  const c = img.channels;
  let src = img.data;
  let w = img.width;
  const h = img.height;
  const horiz = bilinearCoeffs(w, outW);
  const vert = bilinearCoeffs(h, outH);
  const half = 1 << (PRECISION_BITS - 1);
  // Rows the vertical pass reads: the horizontal pass only computes those.
  const yFirst = vert.bounds[0];
  const yLast = vert.bounds[2 * outH - 2] + vert.bounds[2 * outH - 1];
  let rowOffset = 0;
  let rows = h;
  if (outW !== w) {
    rows = yLast - yFirst;
    const tmp = new Uint8Array(rows * outW * c);
    for (let y = 0; y < rows; y++) {
      const inRow = (y + yFirst) * w * c;
      for (let xx = 0; xx < outW; xx++) {
        const xmin = horiz.bounds[2 * xx];
        const xmax = horiz.bounds[2 * xx + 1];
        const k = xx * horiz.ksize;
        for (let ch = 0; ch < c; ch++) {
          let ss = half;
          for (let x = 0; x < xmax; x++) ss += src[inRow + (x + xmin) * c + ch] * horiz.kk[k + x];
          tmp[(y * outW + xx) * c + ch] = clip8(ss);
        }
      }
    }
    src = tmp;
    w = outW;
    rowOffset = yFirst;
  }
  if (outH === h && outW !== img.width) return new Image(src, outW, outH, img.mode);
  if (outH === h) return new Image(src.slice(), w, h, img.mode);
  const stride = w * c;
  const out = new Uint8Array(outH * stride);
  // Row by row into an accumulator: integer sums are exact, so the order does not change the result.
  const acc = new Float64Array(stride);
  for (let yy = 0; yy < outH; yy++) {
    const ymin = vert.bounds[2 * yy] - rowOffset;
    const ymax = vert.bounds[2 * yy + 1];
    acc.fill(half);
    for (let y = 0; y < ymax; y++) {
      const k = vert.kk[yy * vert.ksize + y];
      const row = (y + ymin) * stride;
      for (let xc = 0; xc < stride; xc++) acc[xc] += src[row + xc] * k;
    }
    const base = yy * stride;
    for (let xc = 0; xc < stride; xc++) out[base + xc] = clip8(acc[xc]);
  }
  return new Image(out, w, outH, img.mode);
}

/**
 * resize(img, size, interpolation, maxSize, antialias). Images: Pillow's antialiased bilinear resize
 * (the only filter ported). Tensors: F.interpolate with align_corners=False, as torchvision's tensor
 * branch (antialias defaults to false there; integer tensors are rounded back).
 */
export function resize(img: Img, size: number | readonly number[], interpolation: InterpolationMode = 'bilinear', maxSize?: number | null, antialias?: boolean | null): Img {
  const call = 'F.resize';
  imgArg(call, img);
  const sizes = typeof size === 'number' ? [v.int(call, 'size', size, 1)] : Array.isArray(size) ? v.ints(call, 'size', size, 1) : null;
  if (sizes === null || sizes.length < 1 || sizes.length > 2) throw argError(call, 'size', 'an integer or a list of 1 or 2 integers', size);
  const mode = v.oneOf(call, 'interpolation', interpolation, ['nearest', 'bilinear', 'bicubic'] as const);
  if (maxSize !== undefined && maxSize !== null && sizes.length !== 1) throw new RangeError(`${call}: max_size should only be passed if size specifies the length of the smaller edge`);
  const [, h, w] = getDimensions(img);
  const [oh, ow] = computeResizedOutputSize(h, w, sizes, maxSize);
  if (oh === h && ow === w) return img;
  if (img instanceof Image) {
    if (mode !== 'bilinear') throw new RangeError(`${call}: only InterpolationMode.BILINEAR is implemented for PIL-like images, got '${mode}'`);
    return resizeImageBilinear(img, oh, ow);
  }
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

// ---------------------------------------------------------------- crops, pads, flips

/** crop(img, top, left, height, width): pixels outside the image are 0, as in both torchvision branches. */
export function crop(img: Img, top: number, left: number, height: number, width: number): Img {
  const call = 'F.crop';
  imgArg(call, img);
  [top, left] = [v.int(call, 'top', top), v.int(call, 'left', left)];
  [height, width] = [v.int(call, 'height', height, 0), v.int(call, 'width', width, 0)];
  const [c, h, w] = getDimensions(img);
  const r0 = Math.max(top, 0), r1 = Math.min(top + height, h);
  const c0 = Math.max(left, 0), c1 = Math.min(left + width, w);
  if (img instanceof Image) {
    const out = new Uint8Array(height * width * c);
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
    const out = new Uint8Array(oh * ow * c);
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        for (let k = 0; k < c; k++) out[(y * ow + x) * c + k] = rows[y] < 0 || cols[x] < 0 ? fills[k] : img.data[(rows[y] * w + cols[x]) * c + k];
      }
    }
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
    const out = new Uint8Array(img.data.length);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out.set(img.data.subarray((y * w + x) * c, (y * w + x + 1) * c), (y * w + (w - 1 - x)) * c);
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

// ---------------------------------------------------------------- rotate

/**
 * rotate(img, angle, interpolation='nearest', expand, center, fill). Images: Pillow's Image.rotate
 * (matrix rounded to 15 digits, centre (w/2, h/2)) and its nearest-neighbour affine sampling
 * (Geometry.c). Tensors: torchvision's inverse affine matrix and affine grid, computed with the same
 * float32 libtorch ops, then grid_sample's nearest rule (see rotateTensor).
 */
export function rotate(img: Img, angle: number, interpolation: InterpolationMode = 'nearest', expand = false, center?: readonly number[] | null, fill: number | readonly number[] | null = 0): Img {
  const call = 'F.rotate';
  fill = fill ?? 0; // torchvision: None fills with 0 as well
  imgArg(call, img);
  v.finite(call, 'angle', angle);
  if (interpolation !== 'nearest') throw new RangeError(`${call}: only InterpolationMode.NEAREST is implemented, got '${interpolation}'`);
  if (!(img instanceof Image)) return rotateTensor(img, angle, expand, center, fill);
  const c = img.channels;
  const fills = typeof fill === 'number' ? Array(c).fill(fill) : [...fill];
  if (fills.length !== c) throw new RangeError(`${call}: The number of elements in 'fill' does not match the number of channels of the image (${fills.length} != ${c})`);
  const a360 = ((angle % 360) + 360) % 360;
  let w = img.width, h = img.height;
  if (!center) {
    if (a360 === 0) return new Image(img.data.slice(), w, h, img.mode);
  }
  const [cx, cy] = center ? [v.number(call, 'center[0]', center[0]), v.number(call, 'center[1]', center[1])] : [w / 2, h / 2];
  const rad = -(a360 * Math.PI) / 180;
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
  const out = Image.new(img.mode, w, h, fills);
  // Geometry.c AFFINE_TRANSFORM, nearest: sample at pixel centres, accumulated as Pillow does.
  const COORD = (x: number) => (x < 0 ? -1 : Math.trunc(x));
  let xo = m[2] + m[1] * 0.5 + m[0] * 0.5;
  let yo = m[5] + m[4] * 0.5 + m[3] * 0.5;
  for (let y = 0; y < h; y++) {
    let xx = xo, yy = yo;
    for (let x = 0; x < w; x++) {
      const xin = COORD(xx);
      if (xin >= 0 && xin < img.width) {
        const yin = COORD(yy);
        if (yin >= 0 && yin < img.height) for (let k = 0; k < c; k++) out.data[(y * w + x) * c + k] = img.data[(yin * img.width + xin) * c + k];
      }
      xx += m[0];
      yy += m[3];
    }
    xo += m[1];
    yo += m[4];
  }
  return out;
}


/** torchvision's _get_inverse_affine_matrix for a pure rotation about `center` (pixels from the image centre). */
function inverseRotationMatrix(cx: number, cy: number, angleDeg: number): number[] {
  const rot = (angleDeg * Math.PI) / 180;
  const [a, b, c, d] = [Math.cos(rot), -Math.sin(rot), Math.sin(rot), Math.cos(rot)];
  const m = [d, -b, 0, -c, a, 0];
  m[2] += m[0] * -cx + m[1] * -cy;
  m[5] += m[3] * -cx + m[4] * -cy;
  m[2] += cx;
  m[5] += cy;
  return m;
}

/** torchvision's _compute_affine_output_size (expand=True), with its float32 tensor arithmetic. */
function affineOutputSize(m: number[], w: number, h: number): [number, number] {
  const pts = tensor([[-0.5 * w, -0.5 * h, 1], [-0.5 * w, 0.5 * h, 1], [0.5 * w, 0.5 * h, 1], [0.5 * w, -0.5 * h, 1]]);
  const theta = tensor(m).view(2, 3);
  const newPts = pts.matmul(theta.t());
  const shift = tensor([w * 0.5, h * 0.5]);
  const minVals = newPts.min(0)[0].add(shift);
  const maxVals = newPts.max(0)[0].add(shift);
  const tol = 1e-4;
  const trunc = (x: Tensor) => x.sign().mul(x.abs().floor());
  const size = trunc(maxVals.div(tol)).mul(tol).ceil().sub(trunc(minVals.div(tol)).mul(tol).floor());
  const [ow, oh] = size.tolist() as number[];
  return [Math.trunc(ow), Math.trunc(oh)];
}

/**
 * The tensor branch of rotate: the grid of torchvision's _gen_affine_grid (linspace, bmm in float32,
 * as Python computes it), then grid_sample(mode='nearest', padding_mode='zeros', align_corners=False)
 * by its own rule: x = (g + 1) * (size / 2) - 0.5, rounded half to even; outside the image → fill.
 */
function rotateTensor(img: Tensor, angle: number, expand: boolean, center: readonly number[] | null | undefined, fill: number | readonly number[]): Tensor {
  const call = 'F.rotate';
  if (img.dim() < 3) throw argError(call, 'img', 'a Tensor image of shape [..., C, H, W]', img);
  const [c, h, w] = getDimensions(img);
  const fills = typeof fill === 'number' ? Array(c).fill(fill) : [...fill];
  if (fills.length !== 1 && fills.length !== c) throw new RangeError(`${call}: The number of elements in 'fill' cannot broadcast to match the number of channels of the image (${fills.length} != ${c})`);
  const [cx, cy] = center ? [center[0] - w * 0.5, center[1] - h * 0.5] : [0, 0];
  const m = inverseRotationMatrix(cx, cy, -angle);
  const [ow, oh] = expand ? affineOutputSize(m, w, h) : [w, h];
  const gridDtype = img.isFloatingPoint() ? img.dtype : getDefaultDtype();
  const theta = tensor(m, { dtype: gridDtype }).reshape(1, 2, 3);
  const xs = linspace(-ow * 0.5 + 0.5, ow * 0.5 + 0.5 - 1, ow, { dtype: gridDtype });
  const ys = linspace(-oh * 0.5 + 0.5, oh * 0.5 + 0.5 - 1, oh, { dtype: gridDtype });
  const baseGrid = stack([xs.view(1, ow).expand(oh, ow), ys.view(oh, 1).expand(oh, ow), ones([oh, ow], { dtype: gridDtype })], -1);
  const rescaled = theta.transpose(1, 2).div(tensor([0.5 * w, 0.5 * h], { dtype: gridDtype }));
  const grid = baseGrid.view(1, oh * ow, 3).bmm(rescaled).view(oh * ow, 2);
  const unnormalize = (g: Tensor, size: number) => g.add(1).mul(size / 2).sub(0.5).round();
  const ix = unnormalize(grid.select(1, 0), w);
  const iy = unnormalize(grid.select(1, 1), h);
  const inside = ix.ge(0).mul(ix.lt(w)).mul(iy.ge(0)).mul(iy.lt(h));
  const flat = iy.mul(w).add(ix).mul(inside).to(arange(0).dtype);
  const lead = img.shape.slice(0, -3);
  const src = img.reshape(-1, c, h * w).indexSelect(-1, flat);
  const fillT = tensor(fills.length === 1 ? Array(c).fill(fills[0]) : fills, { dtype: img.dtype, device: img.device }).view(1, c, 1);
  return where(inside.view(1, 1, oh * ow), src, fillT.expand(src.shape)).reshape([...lead, c, oh, ow]);
}
