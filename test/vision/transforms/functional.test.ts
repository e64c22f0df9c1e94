// transforms.functional's fast paths on the PIL-like Image against the plain chains they replace
// (the chains themselves are checked against Python in transforms.test.ts and resample.test.ts):
// to_tensor's one-copy conversion, normalize without a clone, hflip's native pass.
import { describe, it, expect, afterEach } from 'vitest';
import * as torch from '../../../lib';
import { transforms } from '../../../lib/vision';
import { native } from '../../../lib/native';

const { Image } = transforms;
const F = transforms.functional;

// Deterministic bytes covering 0..255.
function randomImage(width: number, height: number, mode: 'L' | 'RGB', seed: number): InstanceType<typeof Image> {
  const data = new Uint8Array(width * height * (mode === 'L' ? 1 : 3));
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    data[i] = (s >>> 16) & 255;
  }
  return new Image(data, width, height, mode);
}

const SIZES: [number, number][] = [[224, 224], [1, 1], [7, 3], [3, 7], [1, 5], [31, 17]];

/** Bitwise equality of two float tensors (NaN-free here): the same shape and the same bytes. */
function sameBits(a: torch.Tensor, b: torch.Tensor): void {
  expect(a.shape).toEqual(b.shape);
  expect(a.dtype).toBe(b.dtype);
  expect(a.isContiguous()).toBe(true);
  expect(Buffer.from((a.toTypedArray() as Float32Array).buffer).equals(Buffer.from((b.contiguous().toTypedArray() as Float32Array).buffer))).toBe(true);
}

describe('F.to_tensor', () => {
  afterEach(() => torch.setDefaultDtype(torch.float32));

  it('gives pil_to_tensor(pic).to(dtype).div(255), bit for bit, in float32 and float64', () => {
    for (const dtype of [torch.float32, torch.float64]) {
      torch.setDefaultDtype(dtype);
      SIZES.forEach(([w, h], i) => {
        for (const mode of ['L', 'RGB'] as const) {
          const img = randomImage(w, h, mode, i + 1);
          const got = F.toTensor(img);
          sameBits(got, F.pilToTensor(img).to(dtype).div(255));
          expect(got.shape).toEqual([mode === 'L' ? 1 : 3, h, w]);
        }
      });
    }
  });

  it('leaves the image untouched and handles empty images', () => {
    const img = randomImage(9, 4, 'RGB', 5);
    const before = img.data.slice();
    F.toTensor(img);
    expect(img.data).toEqual(before);
    expect(F.toTensor(new Image(new Uint8Array(0), 0, 4, 'RGB')).shape).toEqual([3, 4, 0]);
  });

  it('checks the sizes of its native copy', () => {
    const img = randomImage(9, 4, 'RGB', 6);
    expect(() => native.imageToTensor(img.data, 4, 9, 3, torch.empty(3, 9, 4))).toThrow(/imageToTensor: sizes/);
    expect(() => native.imageToTensor(img.data, 4, 8, 3, torch.empty(3, 4, 8))).toThrow(/imageToTensor: sizes/);
    expect(() => native.imageToTensor(img.data, 4, 9, 2, torch.empty(2, 4, 9))).toThrow(/imageToTensor: sizes/);
  });
});

describe('F.normalize', () => {
  const mean = [0.485, 0.456, 0.406];
  const std = [0.229, 0.224, 0.225];

  it('gives tensor.clone().sub_(mean).div_(std), bit for bit, and keeps its input unless inplace', () => {
    const x = F.toTensor(randomImage(64, 48, 'RGB', 3));
    const before = x.clone();
    const want = x.clone().sub_(torch.tensor(mean).view(-1, 1, 1)).div_(torch.tensor(std).view(-1, 1, 1));
    sameBits(F.normalize(x, mean, std), want);
    expect(x.equal(before)).toBe(true);
    const y = x.clone();
    const out = F.normalize(y, mean, std, true);
    expect(out).toBe(y);
    sameBits(y, want);
  });
});

describe('F.hflip on images', () => {
  it('mirrors every row, as a byte loop does', () => {
    SIZES.forEach(([w, h], i) => {
      for (const mode of ['L', 'RGB'] as const) {
        const img = randomImage(w, h, mode, 7 + i);
        const c = img.channels;
        const want = new Uint8Array(img.data.length);
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let k = 0; k < c; k++) want[(y * w + w - 1 - x) * c + k] = img.data[(y * w + x) * c + k];
        const got = F.hflip(img) as InstanceType<typeof Image>;
        expect([got.width, got.height, got.mode]).toEqual([w, h, mode]);
        expect(Buffer.from(got.data).equals(Buffer.from(want)), `${mode} ${w}x${h}`).toBe(true);
        expect(got.data).not.toBe(img.data);
      }
    });
    expect((F.hflip(new Image(new Uint8Array(0), 0, 3, 'L')) as InstanceType<typeof Image>).height).toBe(3);
  });
});

describe('images too big to make', () => {
  it("give a RangeError naming the call: crop's is PIL's DecompressionBombError text, others say the size", () => {
    const img = Image.new('RGB', 8, 8);
    // torchvision 0.14 over Pillow 9.4: F.resized_crop(Image.new('RGB', (8, 8)), 0, 0, 10**6, 10**6, [4, 4])
    expect(() => F.resizedCrop(img, 0, 0, 1e6, 1e6, [4, 4])).toThrow(new RangeError('F.crop: Image size (1000000000000 pixels) exceeds limit of 178956970 pixels, could be decompression bomb DOS attack.'));
    expect(() => F.resize(img, [1e5, 1e5])).toThrow(new RangeError("F.resize: a 100000x100000 'RGB' image would take more than 2^32 bytes"));
    expect(() => F.pad(img, 1e5)).toThrow(new RangeError("F.pad: a 200008x200008 'RGB' image would take more than 2^32 bytes"));
    // an empty box is resized as Pillow does: to the size asked, black
    const r = F.resizedCrop(img, 0, 0, 0, 0, [4, 4]) as InstanceType<typeof Image>;
    expect([r.width, r.height, r.data.every((x) => x === 0)]).toEqual([4, 4, true]);
  });
});
