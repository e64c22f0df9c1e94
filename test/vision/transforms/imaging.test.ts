// native/imaging.cc (Pillow's per-pixel loops behind the PIL-like Image's transforms): torchvision
// 0.14's functional on Pillow images, byte for byte, over many random factors, matrices and fills
// (fixtures: test/fixtures/gen_vision_imaging.py, MD5s of the outputs); and a call whose arrays do
// not fit its sizes is a RangeError (a wrong array type a TypeError), never a read or write outside
// the arrays.
import { describe, it, expect } from 'vitest';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transforms } from '../../../lib/vision';
import { native } from '../../../lib/native';

const { Image } = transforms;
const F = transforms.functional;
type PilImage = InstanceType<typeof Image>;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/imaging.json'), 'utf8'));

// The generator's source image.
function source(mode: 'L' | 'RGB'): PilImage {
  const c = mode === 'L' ? 1 : 3;
  const W = fx.width, H = fx.height;
  const data = new Uint8Array(W * H * c);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let ch = 0; ch < c; ch++) data[(y * W + x) * c + ch] = (x * 37 + y * 91 + ch * 53 + ((x * y) % 17) * 13 + ((x * x + 3 * y * y * y) % 29) * 5) % 256;
  return new Image(data, W, H, mode);
}

function run(img: PilImage, op: string, args: any[]): PilImage {
  switch (op) {
    case 'brightness': return F.adjustBrightness(img, args[0]) as PilImage;
    case 'contrast': return F.adjustContrast(img, args[0]) as PilImage;
    case 'saturation': return F.adjustSaturation(img, args[0]) as PilImage;
    case 'sharpness': return F.adjustSharpness(img, args[0]) as PilImage;
    case 'hue': return F.adjustHue(img, args[0]) as PilImage;
    case 'gamma': return F.adjustGamma(img, args[0], args[1]) as PilImage;
    case 'posterize': return F.posterize(img, args[0]) as PilImage;
    case 'solarize': return F.solarize(img, args[0]) as PilImage;
    case 'invert': return F.invert(img) as PilImage;
    case 'autocontrast': return F.autocontrast(img) as PilImage;
    case 'equalize': return F.equalize(img) as PilImage;
    case 'rotate': return F.rotate(img, args[0], args[1], args[2], args[3], args[4]) as PilImage;
    case 'affine': return F.affine(img, args[0], args[1], args[2], args[3], args[4], args[5]) as PilImage;
    case 'perspective': return F.perspective(img, args[0], args[1], args[2], args[3]) as PilImage;
    case 'pad': return F.pad(img, args[0], args[2] === 'constant' ? args[1] : 0, args[2]) as PilImage;
    default: throw new Error(op);
  }
}

const u8 = (n: number) => new Uint8Array(n);

describe('PIL-like Image ops against Pillow', () => {
  it(`match torchvision ${fx.torchvision} / Pillow ${fx.pillow} exactly in ${fx.cases.length} cases`, () => {
    expect(fx.cases.length).toBe(266);
    const src = { L: source('L'), RGB: source('RGB') };
    const before = src.RGB.data.slice();
    const bad: string[] = [];
    for (const c of fx.cases) {
      const got = run(src[c.mode as 'L' | 'RGB'], c.op, c.args);
      const shape = c.mode === 'L' ? [got.height, got.width] : [got.height, got.width, 3];
      const md5 = crypto.createHash('md5').update(got.data).digest('hex');
      if (got.mode !== c.mode || JSON.stringify(shape) !== JSON.stringify(c.shape) || md5 !== c.md5) bad.push(`${c.mode} ${c.op} ${JSON.stringify(c.args)}`);
    }
    expect(bad).toEqual([]);
    expect(src.RGB.data).toEqual(before);
  });
});

describe('native/imaging.cc argument checks', () => {
  it('blend, convert, adjust_hue and histogram refuse arrays that do not fit', () => {
    expect(() => native.imageBlend(u8(12), u8(11), u8(12), 0.5)).toThrow(RangeError);
    expect(() => native.imageBlend(u8(12), u8(12), u8(13), 2)).toThrow(/imageBlend: sizes do not fit/);
    expect(() => native.imageBlend(u8(3), [1, 2, 3], u8(3), 2)).toThrow(TypeError);
    expect(() => native.imageConvert(u8(12), u8(5))).toThrow(/imageConvert: sizes do not fit/);
    expect(() => native.imageConvert(u8(4), u8(11))).toThrow(RangeError);
    expect(() => native.imageAdjustHue(u8(12), u8(9), 3)).toThrow(RangeError);
    expect(() => native.imageAdjustHue(u8(10), u8(10), 3)).toThrow(RangeError);
    expect(() => native.imageAdjustHue(u8(12), u8(12), 256)).toThrow(RangeError);
    expect(() => native.imageHistogram(u8(12), 3, new Float64Array(256))).toThrow(/imageHistogram: sizes do not fit/);
    expect(() => native.imageHistogram(u8(10), 3, new Float64Array(768))).toThrow(RangeError);
    expect(() => native.imageHistogram(u8(12), 3, new Int32Array(768))).toThrow(TypeError);
  });

  it('the lookup table and 3x3 filter refuse arrays that do not fit', () => {
    expect(() => native.imageLut(u8(12), u8(12), 3, u8(255))).toThrow(/imageLut: sizes do not fit/);
    expect(() => native.imageLut(u8(12), u8(12), 1, u8(768))).toThrow(RangeError);
    expect(() => native.imageLut(u8(12), u8(11), 3, u8(256))).toThrow(RangeError);
    expect(() => native.imageLut(u8(12), u8(12), 2, u8(512))).toThrow(RangeError);
    const k = new Float32Array(9);
    expect(() => native.imageFilter3x3(u8(27), u8(27), 4, 3, k, 0)).toThrow(/imageFilter3x3: sizes do not fit/);
    expect(() => native.imageFilter3x3(u8(27), u8(26), 3, 3, k, 0)).toThrow(RangeError);
    expect(() => native.imageFilter3x3(u8(27), u8(27), 3, 3, new Float32Array(8), 0)).toThrow(RangeError);
    expect(() => native.imageFilter3x3(u8(27), u8(27), 0, 3, k, 0)).toThrow(RangeError);
    expect(() => native.imageFilter3x3(u8(27), u8(27), 2 ** 62, 3, k, 0)).toThrow(RangeError);
    expect(() => native.imageFilter3x3(u8(27), u8(27), 3, 3, new Float64Array(9), 0)).toThrow(TypeError);
  });

  it('the affine and perspective transforms and pad refuse arrays that do not fit', () => {
    const a6 = new Float64Array(6), a8 = new Float64Array(8);
    const rows = new Int32Array([0, 1, 2]), cols = new Int32Array([0, 1, 2]);
    for (const [name, fn, a] of [['imageTransformAffine', native.imageTransformAffine, a6], ['imageTransformPerspective', native.imageTransformPerspective, a8]] as const) {
      expect(() => fn(u8(27), 4, 3, u8(27), 3, a, true)).toThrow(new RegExp(`${name}: sizes do not fit`));
      expect(() => fn(u8(27), 3, 3, u8(26), 3, a, false)).toThrow(RangeError);
      expect(() => fn(u8(27), 3, 2, u8(27), 3, a, false)).toThrow(RangeError);
      expect(() => fn(u8(27), 3, 3, u8(27), -3, a, false)).toThrow(RangeError);
      expect(() => fn(u8(0), 2 ** 62, 3, u8(27), 3, a, false)).toThrow(RangeError);
      expect(() => fn(u8(27), 3, 3, u8(27), 3, new Float64Array(7), true)).toThrow(RangeError);
      expect(() => fn(u8(27), 3, 3, u8(27), 3, new Float32Array(a.length), true)).toThrow(TypeError);
    }
    expect(() => native.imagePad(u8(27), 3, 3, u8(27), 3, rows, new Int32Array([0, 1, 3]))).toThrow(/imagePad: sizes do not fit/);
    expect(() => native.imagePad(u8(27), 3, 3, u8(27), 3, new Int32Array([0, 3, 1]), cols)).toThrow(RangeError);
    expect(() => native.imagePad(u8(27), 3, 3, u8(27), 3, new Int32Array([0, 1]), cols)).toThrow(RangeError);
    expect(() => native.imagePad(u8(27), 3, 3, u8(36), 3, rows, cols)).toThrow(RangeError);
    expect(() => native.imagePad(u8(27), 3, 3, u8(27), 3, rows, [0, 1, 2])).toThrow(TypeError);
  });

  it('computes on arrays that fit', () => {
    const out = u8(3);
    native.imageBlend(new Uint8Array([0, 100, 200]), new Uint8Array([255, 0, 200]), out, 2);
    // Extrapolation clips: 0 + 2 * 255, 100 - 200, 200.
    expect(Array.from(out)).toEqual([255, 0, 200]);
    const h = new Float64Array(768);
    native.imageHistogram(new Uint8Array([1, 2, 3, 1, 5, 3]), 3, h);
    expect([h[1], h[256 + 2], h[256 + 5], h[512 + 3]]).toEqual([2, 1, 1, 2]);
    // A 2x1 'L' image padded by one pixel on the right (edge): columns 0, 1, 1; rows 0.
    const padded = u8(3);
    native.imagePad(new Uint8Array([7, 9]), 2, 1, padded, 3, new Int32Array([0]), new Int32Array([0, 1, 1]));
    expect(Array.from(padded)).toEqual([7, 9, 9]);
  });
});
