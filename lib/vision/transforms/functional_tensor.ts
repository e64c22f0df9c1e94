// torchvision.transforms.functional_tensor (0.14): the tensor branch of transforms.functional, op for
// op as torchvision writes it (the same libtorch ops in the same order, so results are bit-equal).
// Arguments are validated by the dispatchers in functional.ts.
import { Tensor } from '../../tensor';
import { tensor, zeros, ones, empty, linspace, arange, fromTypedArray } from '../../creation';
import { stack, cat, where } from '../../functions';
import { meshgrid } from '../../functional';
import { DType, uint8, int8, int16, int32, int64, float32, float64, bool } from '../../dtype';
import { conv2d, gridSample, pad as torchPad } from '../../nn/functional';
import * as linalg from '../../linalg';

/** _max_value(dtype). */
export function maxValue(dtype: DType): number {
  if (dtype === uint8) return 255;
  if (dtype === int8) return 127;
  if (dtype === int16) return 32767;
  if (dtype === int32) return 2147483647;
  if (dtype === int64) return 9223372036854775807;
  if (dtype === bool) return 1;
  return 1.0;
}

const INT_DTYPES = [uint8, int8, int16, int32, int64];

/** _cast_squeeze_in / _cast_squeeze_out. */
export function castSqueezeIn(img: Tensor, reqDtypes: DType[]): { img: Tensor; needCast: boolean; needSqueeze: boolean; outDtype: DType } {
  let x = img;
  const needSqueeze = x.dim() < 4;
  if (needSqueeze) x = x.unsqueeze(0);
  const outDtype = x.dtype;
  const needCast = !reqDtypes.includes(outDtype);
  if (needCast) x = x.to(reqDtypes[0]);
  return { img: x, needCast, needSqueeze, outDtype };
}
export function castSqueezeOut(img: Tensor, needCast: boolean, needSqueeze: boolean, outDtype: DType): Tensor {
  let x = img;
  if (needSqueeze) x = x.squeeze(0);
  if (needCast) {
    if (INT_DTYPES.includes(outDtype)) x = x.round();
    x = x.to(outDtype);
  }
  return x;
}

/** convert_image_dtype(image, dtype). */
export function convertImageDtype(image: Tensor, dtype: DType): Tensor {
  if (image.dtype === dtype) return image;
  if (image.isFloatingPoint()) {
    if (dtype.isFloatingPoint) return image.to(dtype);
    if ((image.dtype === float32 && (dtype === int32 || dtype === int64)) || (image.dtype === float64 && dtype === int64)) {
      throw new RangeError(`F.convert_image_dtype: The cast from ${image.dtype} to ${dtype} cannot be performed safely.`);
    }
    const eps = 1e-3;
    const max = maxValue(dtype);
    return image.mul(max + 1.0 - eps).to(dtype);
  }
  const inputMax = maxValue(image.dtype);
  if (dtype.isFloatingPoint) return image.to(dtype).div(inputMax);
  const outputMax = maxValue(dtype);
  if (inputMax > outputMax) {
    const factor = Math.floor((inputMax + 1) / (outputMax + 1));
    return image.div(factor, { roundingMode: 'floor' }).to(dtype);
  }
  const factor = Math.floor((outputMax + 1) / (inputMax + 1));
  return image.to(dtype).mul(factor);
}

export function rgbToGrayscale(img: Tensor, numOutputChannels: number): Tensor {
  const c = img.dim() === 2 ? 1 : img.shape[img.dim() - 3];
  if (c === 1) return numOutputChannels === 3 ? img.expand([...img.shape.slice(0, -3), 3, ...img.shape.slice(-2)]) : img.clone();
  const [r, g, b] = img.unbind(-3);
  let l = r.mul(0.2989).add(g.mul(0.587)).add(b.mul(0.114)).to(img.dtype);
  l = l.unsqueeze(-3);
  return numOutputChannels === 3 ? l.expand(img.shape) : l;
}

/** _blend(img1, img2, ratio). */
function blend(img1: Tensor, img2: Tensor, ratio: number): Tensor {
  const bound = maxValue(img1.dtype);
  // Python's `ratio * img1` with a float ratio promotes integer tensors to float32 even when the
  // ratio is whole (2.0); a JS number 2 would keep uint8 and wrap, so promote explicitly.
  const a = img1.isFloatingPoint() ? img1 : img1.to(float32);
  const b = img2.isFloatingPoint() ? img2 : img2.to(float32);
  return a.mul(ratio).add(b.mul(1.0 - ratio)).clamp(0, bound).to(img1.dtype);
}

export function adjustBrightness(img: Tensor, factor: number): Tensor {
  return blend(img, zeros(img.shape, { dtype: img.dtype, device: img.device }), factor);
}

export function adjustContrast(img: Tensor, factor: number): Tensor {
  const c = img.shape[img.dim() - 3];
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  const src = c === 3 ? rgbToGrayscale(img, 1).to(dtype) : img.to(dtype);
  const mean = src.mean([-3, -2, -1], true);
  return blend(img, mean, factor);
}

export function adjustSaturation(img: Tensor, factor: number): Tensor {
  if (img.shape[img.dim() - 3] === 1) return img;
  return blend(img, rgbToGrayscale(img, 1), factor);
}

function rgb2hsv(img: Tensor): Tensor {
  const [r, g, b] = img.unbind(-3);
  const maxc = img.amax(-3);
  const minc = img.amin(-3);
  const eqc = maxc.eq(minc);
  const cr = maxc.sub(minc);
  const onesT = ones(maxc.shape, { dtype: maxc.dtype, device: maxc.device });
  const s = cr.div(where(eqc, onesT, maxc));
  const crDivisor = where(eqc, onesT, cr);
  const rc = maxc.sub(r).div(crDivisor);
  const gc = maxc.sub(g).div(crDivisor);
  const bc = maxc.sub(b).div(crDivisor);
  const hr = maxc.eq(r).mul(bc.sub(gc));
  const hg = maxc.eq(g).logicalAnd(maxc.ne(r)).mul(rc.add(2.0).sub(bc));
  const hb = maxc.ne(g).logicalAnd(maxc.ne(r)).mul(gc.add(4.0).sub(rc));
  let h = hr.add(hg).add(hb);
  h = h.div(6.0).add(1.0).fmod(1.0);
  return stack([h, s, maxc], -3);
}

function hsv2rgb(img: Tensor): Tensor {
  const [h, s, v] = img.unbind(-3);
  const i0 = h.mul(6.0).floor();
  const f = h.mul(6.0).sub(i0);
  let i = i0.to(int32);
  const p = v.mul(s.neg().add(1.0)).clamp(0.0, 1.0);
  const q = v.mul(s.mul(f).neg().add(1.0)).clamp(0.0, 1.0);
  const t = v.mul(s.mul(f.neg().add(1.0)).neg().add(1.0)).clamp(0.0, 1.0);
  i = i.remainder(6);
  const mask = i.unsqueeze(-3).eq(arange(6, { device: i.device }).view(-1, 1, 1));
  const a1 = stack([v, q, p, p, t, v], -3);
  const a2 = stack([t, v, v, q, p, p], -3);
  const a3 = stack([p, p, t, v, v, q], -3);
  const a4 = stack([a1, a2, a3], -4);
  // einsum("...ijk, ...xijk -> ...xjk", mask, a4): the mask is one-hot along i, so the sum is exact.
  return mask.to(img.dtype).unsqueeze(-4).mul(a4).sum(-3);
}

export function adjustHue(img: Tensor, hueFactor: number): Tensor {
  if (img.shape[img.dim() - 3] === 1) return img;
  const origDtype = img.dtype;
  let x = img;
  if (origDtype === uint8) x = x.to(float32).div(255.0);
  const [h, s, v] = rgb2hsv(x).unbind(-3);
  const h2 = h.add(hueFactor).remainder(1.0);
  let out = hsv2rgb(stack([h2, s, v], -3));
  if (origDtype === uint8) out = out.mul(255.0).to(origDtype);
  return out;
}

export function adjustGamma(img: Tensor, gamma: number, gain: number): Tensor {
  const dtype = img.dtype;
  let result = img;
  if (!img.isFloatingPoint()) result = convertImageDtype(result, float32);
  result = result.pow(gamma).mul(gain).clamp(0, 1);
  return convertImageDtype(result, dtype);
}

function blurredDegenerateImage(img: Tensor): Tensor {
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  const kernel = ones([3, 3], { dtype, device: img.device });
  kernel.select(0, 1).select(0, 1).fill_(5.0);
  kernel.div_(kernel.sum());
  const k = kernel.expand([img.shape[img.dim() - 3], 1, 3, 3]);
  const c = castSqueezeIn(img, [kernel.dtype]);
  let tmp = conv2d(c.img, k, { groups: c.img.shape[c.img.dim() - 3] });
  tmp = castSqueezeOut(tmp, c.needCast, c.needSqueeze, c.outDtype);
  const result = img.clone();
  const h = img.shape[img.dim() - 2], w = img.shape[img.dim() - 1];
  result.narrow(-2, 1, h - 2).narrow(-1, 1, w - 2).copy_(tmp);
  return result;
}

export function adjustSharpness(img: Tensor, factor: number): Tensor {
  if (img.shape[img.dim() - 1] <= 2 || img.shape[img.dim() - 2] <= 2) return img;
  return blend(img, blurredDegenerateImage(img), factor);
}

export function invert(img: Tensor): Tensor {
  const bound = tensor(img.isFloatingPoint() ? 1 : 255, { dtype: img.dtype, device: img.device });
  return bound.sub(img);
}

export function posterize(img: Tensor, bits: number): Tensor {
  if (img.dtype !== uint8) throw new TypeError(`F.posterize: Only torch.uint8 image tensors are supported, but found ${img.dtype}`);
  // -int(2 ** (8 - bits)) as a uint8 mask
  return img.bitwiseAnd(256 - 2 ** (8 - bits));
}

export function solarize(img: Tensor, threshold: number): Tensor {
  if (threshold > maxValue(img.dtype)) throw new TypeError('F.solarize: Threshold should be less than bound of img.');
  return where(img.ge(threshold), invert(img), img);
}

export function autocontrast(img: Tensor): Tensor {
  const bound = img.isFloatingPoint() ? 1.0 : 255.0;
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  let minimum = img.amin([-2, -1], true).to(dtype);
  const maximum = img.amax([-2, -1], true).to(dtype);
  let scale = maximum.sub(minimum).reciprocal().mul(bound); // Python's bound / t is t.reciprocal() * bound
  const eq = scale.isfinite().logicalNot();
  minimum = where(eq, zeros([], { dtype }), minimum);
  scale = where(eq, ones([], { dtype }), scale);
  return img.sub(minimum).mul(scale).clamp(0, bound).to(img.dtype);
}

/** _scale_channel on one channel's bytes (the same integer arithmetic as torchvision's bincount path). */
function equalizeChannel(px: Uint8Array): Uint8Array {
  const hist = new Array(256).fill(0);
  for (const p of px) hist[p]++;
  const nonzero = hist.filter((h) => h !== 0);
  const step = Math.floor(nonzero.slice(0, -1).reduce((a, b) => a + b, 0) / 255);
  if (step === 0) return px;
  const lut = new Uint8Array(256);
  let cum = 0;
  // lut = (cumsum(hist) + step // 2) // step, shifted right by one, clamped to [0, 255]
  for (let i = 0; i < 256; i++) {
    lut[i] = i === 0 ? 0 : Math.min(255, Math.max(0, Math.floor((cum + Math.floor(step / 2)) / step)));
    cum += hist[i];
  }
  return px.map((p) => lut[p]);
}

export function equalize(img: Tensor): Tensor {
  if (img.dim() < 3 || img.dim() > 4) throw new RangeError(`F.equalize: Input image tensor should have 3 or 4 dimensions, but found ${img.dim()}`);
  if (img.dtype !== uint8) throw new TypeError(`F.equalize: Only torch.uint8 image tensors are supported, but found ${img.dtype}`);
  const h = img.shape[img.dim() - 2], w = img.shape[img.dim() - 1];
  const data = img.cpu().contiguous().toTypedArray() as Uint8Array;
  const out = new Uint8Array(data.length);
  for (let off = 0; off < data.length; off += h * w) out.set(equalizeChannel(data.subarray(off, off + h * w)), off);
  return fromTypedArray(out, img.shape).to(img.device);
}

function gaussianKernel1d(kernelSize: number, sigma: number): Tensor {
  const half = (kernelSize - 1) * 0.5;
  const x = linspace(-half, half, kernelSize);
  const pdf = x.div(sigma).pow(2).mul(-0.5).exp();
  return pdf.div(pdf.sum());
}

export function gaussianBlur(img: Tensor, kernelSize: [number, number], sigma: [number, number]): Tensor {
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  const kx = gaussianKernel1d(kernelSize[0], sigma[0]).to(dtype);
  const ky = gaussianKernel1d(kernelSize[1], sigma[1]).to(dtype);
  const kernel2d = ky.unsqueeze(1).mm(kx.unsqueeze(0)).to(img.device);
  const kernel = kernel2d.expand([img.shape[img.dim() - 3], 1, kernelSize[1], kernelSize[0]]);
  const c = castSqueezeIn(img, [kernel.dtype]);
  const padding = [Math.floor(kernelSize[0] / 2), Math.floor(kernelSize[0] / 2), Math.floor(kernelSize[1] / 2), Math.floor(kernelSize[1] / 2)];
  let x = torchPad(c.img, padding, 'reflect');
  x = conv2d(x, kernel, { groups: x.shape[x.dim() - 3] });
  return castSqueezeOut(x, c.needCast, c.needSqueeze, c.outDtype);
}

// ---------------------------------------------------------------- geometry

/** _apply_grid_transform(img, grid, mode, fill). */
export function applyGridTransform(img: Tensor, grid: Tensor, mode: string, fill: number | number[] | null): Tensor {
  const c0 = castSqueezeIn(img, [grid.dtype]);
  let x = c0.img;
  if (x.shape[0] > 1) grid = grid.expand([x.shape[0], grid.shape[1], grid.shape[2], grid.shape[3]]);
  if (fill !== null) {
    const mask = ones([x.shape[0], 1, x.shape[2], x.shape[3]], { dtype: x.dtype, device: x.device });
    x = cat([x, mask], 1);
  }
  x = gridSample(x, grid, { mode, paddingMode: 'zeros', alignCorners: false });
  if (fill !== null) {
    const nc = x.shape[1] - 1;
    let mask = x.narrow(1, nc, 1);
    x = x.narrow(1, 0, nc);
    mask = mask.expand(x.shape);
    const fills = typeof fill === 'number' ? [fill] : fill;
    const fillImg = tensor(fills, { dtype: x.dtype, device: x.device }).view(1, fills.length, 1, 1).expand(x.shape);
    if (mode === 'nearest') x = where(mask.lt(0.5), fillImg, x);
    else x = x.mul(mask).add(mask.neg().add(1.0).mul(fillImg));
  }
  return castSqueezeOut(x, c0.needCast, c0.needSqueeze, c0.outDtype);
}

/** _create_identity_grid(size): 1 x H x W x 2, pixel centres in grid_sample's [-1, 1] coordinates. */
function createIdentityGrid(size: [number, number]): Tensor {
  const hwSpace = size.map((s) => linspace((-s + 1) / s, (s - 1) / s, s));
  const [gridY, gridX] = meshgrid(hwSpace, { indexing: 'ij' });
  return stack([gridX, gridY], -1).unsqueeze(0);
}

/** elastic_transform(img, displacement, interpolation, fill): the identity grid plus the displacement. */
export function elasticTransform(img: Tensor, displacement: Tensor, interpolation: string, fill: number | number[] | null): Tensor {
  const size = img.shape.slice(-2) as [number, number];
  displacement = displacement.to(img.device);
  const grid = createIdentityGrid(size).to(img.device).add(displacement);
  return applyGridTransform(img, grid, interpolation, fill);
}

/** _gen_affine_grid(theta, w, h, ow, oh). */
function genAffineGrid(theta: Tensor, w: number, h: number, ow: number, oh: number): Tensor {
  const d = 0.5;
  const baseGrid = empty([1, oh, ow, 3], { dtype: theta.dtype, device: theta.device });
  baseGrid.select(-1, 0).copy_(linspace(-ow * 0.5 + d, ow * 0.5 + d - 1, ow, { device: theta.device }));
  baseGrid.select(-1, 1).copy_(linspace(-oh * 0.5 + d, oh * 0.5 + d - 1, oh, { device: theta.device }).unsqueeze(-1));
  baseGrid.select(-1, 2).fill_(1);
  const rescaled = theta.transpose(1, 2).div(tensor([0.5 * w, 0.5 * h], { dtype: theta.dtype, device: theta.device }));
  return baseGrid.view(1, oh * ow, 3).bmm(rescaled).view(1, oh, ow, 2);
}

/** _compute_affine_output_size(matrix, w, h). */
function computeAffineOutputSize(matrix: number[], w: number, h: number): [number, number] {
  const pts = tensor([[-0.5 * w, -0.5 * h, 1.0], [-0.5 * w, 0.5 * h, 1.0], [0.5 * w, 0.5 * h, 1.0], [0.5 * w, -0.5 * h, 1.0]]);
  const theta = tensor(matrix, { dtype: float32 }).view(2, 3);
  const newPts = pts.matmul(theta.t());
  const minVals = newPts.amin(0).add(tensor([w * 0.5, h * 0.5]));
  const maxVals = newPts.amax(0).add(tensor([w * 0.5, h * 0.5]));
  const tol = 1e-4;
  const cmax = maxVals.div(tol).trunc().mul(tol).ceil();
  const cmin = minVals.div(tol).trunc().mul(tol).floor();
  const size = cmax.sub(cmin);
  const [sw, sh] = size.tolist() as number[];
  return [Math.trunc(sw), Math.trunc(sh)];
}

export function affine(img: Tensor, matrix: number[], interpolation: string, fill: number | number[] | null): Tensor {
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  const theta = tensor(matrix, { dtype, device: img.device }).reshape(1, 2, 3);
  const w = img.shape[img.dim() - 1], h = img.shape[img.dim() - 2];
  return applyGridTransform(img, genAffineGrid(theta, w, h, w, h), interpolation, fill);
}

export function rotate(img: Tensor, matrix: number[], interpolation: string, expand: boolean, fill: number | number[] | null): Tensor {
  const w = img.shape[img.dim() - 1], h = img.shape[img.dim() - 2];
  const [ow, oh] = expand ? computeAffineOutputSize(matrix, w, h) : [w, h];
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  const theta = tensor(matrix, { dtype, device: img.device }).reshape(1, 2, 3);
  return applyGridTransform(img, genAffineGrid(theta, w, h, ow, oh), interpolation, fill);
}

/** _get_perspective_coeffs(startpoints, endpoints): torch.linalg.lstsq in float32 (driver gels), as torchvision 0.14. */
export function perspectiveCoeffs(startpoints: number[][], endpoints: number[][]): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [p1, p2] = [endpoints[i], startpoints[i]];
    rows.push([p1[0], p1[1], 1, 0, 0, 0, -p2[0] * p1[0], -p2[0] * p1[1]]);
    rows.push([0, 0, 0, p1[0], p1[1], 1, -p2[1] * p1[0], -p2[1] * p1[1]]);
  }
  const a = tensor(rows, { dtype: float32 });
  const b = tensor(startpoints, { dtype: float32 }).view(8);
  const res = (linalg.lstsq as (...a: unknown[]) => { solution: Tensor })(a, b, { driver: 'gels' }).solution;
  return res.tolist() as number[];
}

function perspectiveGrid(coeffs: number[], ow: number, oh: number, dtype: DType, device: Tensor['device']): Tensor {
  const theta1 = tensor([[[coeffs[0], coeffs[1], coeffs[2]], [coeffs[3], coeffs[4], coeffs[5]]]], { dtype, device });
  const theta2 = tensor([[[coeffs[6], coeffs[7], 1.0], [coeffs[6], coeffs[7], 1.0]]], { dtype, device });
  const d = 0.5;
  const baseGrid = empty([1, oh, ow, 3], { dtype, device });
  baseGrid.select(-1, 0).copy_(linspace(d, ow * 1.0 + d - 1.0, ow, { device }));
  baseGrid.select(-1, 1).copy_(linspace(d, oh * 1.0 + d - 1.0, oh, { device }).unsqueeze(-1));
  baseGrid.select(-1, 2).fill_(1);
  const rescaled1 = theta1.transpose(1, 2).div(tensor([0.5 * ow, 0.5 * oh], { dtype, device }));
  const g1 = baseGrid.view(1, oh * ow, 3).bmm(rescaled1);
  const g2 = baseGrid.view(1, oh * ow, 3).bmm(theta2.transpose(1, 2));
  return g1.div(g2).sub(1.0).view(1, oh, ow, 2);
}

export function perspective(img: Tensor, coeffs: number[], interpolation: string, fill: number | number[] | null): Tensor {
  const ow = img.shape[img.dim() - 1], oh = img.shape[img.dim() - 2];
  const dtype = img.isFloatingPoint() ? img.dtype : float32;
  return applyGridTransform(img, perspectiveGrid(coeffs, ow, oh, dtype, img.device), interpolation, fill);
}

export function erase(img: Tensor, i: number, j: number, h: number, w: number, value: Tensor, inplace: boolean): Tensor {
  const out = inplace ? img : img.clone();
  out.narrow(-2, i, h).narrow(-1, j, w).copy_(value);
  return out;
}
