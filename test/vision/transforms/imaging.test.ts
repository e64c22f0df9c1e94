// native/imaging.cc (Pillow's per-pixel loops behind the PIL-like Image's transforms): a call whose
// arrays do not fit its sizes is a RangeError (a wrong array type a TypeError), never a read or
// write outside the arrays.
import { describe, it, expect } from 'vitest';
import { native } from '../../../lib/native';

const u8 = (n: number) => new Uint8Array(n);

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
