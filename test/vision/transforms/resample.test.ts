// F.resize / transforms.Resize on the PIL-like Image against Pillow's Image.resize, byte for byte
// (fixtures: test/fixtures/gen_vision_resample.py): every filter, modes L and RGB, down- and
// up-scaling, one axis only, one axis up and the other down, and down to one pixel. F.resized_crop
// against torchvision's, whose crop the TS layer skips for boxes inside the image.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transforms } from '../../../lib/vision';
import { native } from '../../../lib/native';

const { Image } = transforms;
const F = transforms.functional;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/resample.json'), 'utf8'));

// The generator's source image, (x*37 + y*91 + c*53 + (x*y % 17)*13) mod 256.
function source(mode: 'L' | 'RGB'): InstanceType<typeof Image> {
  const c = mode === 'L' ? 1 : 3;
  const W = fx.width, H = fx.height;
  const data = new Uint8Array(W * H * c);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let ch = 0; ch < c; ch++) data[(y * W + x) * c + ch] = (x * 37 + y * 91 + ch * 53 + ((x * y) % 17) * 13) % 256;
  return new Image(data, W, H, mode);
}

describe('Image resize against Pillow', () => {
  it(`matches Pillow ${fx.pillow} exactly in ${fx.cases.length} cases`, () => {
    expect(fx.cases.length).toBe(72);
    const src = { L: source('L'), RGB: source('RGB') };
    for (const c of fx.cases) {
      const [w, h] = c.size;
      const got = F.resize(src[c.mode as 'L' | 'RGB'], [h, w], c.filter) as InstanceType<typeof Image>;
      expect([got.mode, got.width, got.height]).toEqual([c.mode, w, h]);
      expect(Buffer.from(got.data).toString('base64'), `${c.mode} ${c.filter} ${w}x${h}`).toBe(c.out);
    }
  });

  it('leaves the source image untouched', () => {
    const img = source('RGB');
    const before = img.data.slice();
    F.resize(img, [30, 9], 'lanczos');
    F.resize(img, [19, 31], 'bicubic');
    expect(img.data).toEqual(before);
  });

  it(`resized_crop matches torchvision ${fx.torchvision} exactly in ${fx.crops.length} cases`, () => {
    expect(fx.crops.length).toBe(64);
    const src = { L: source('L'), RGB: source('RGB') };
    for (const c of fx.crops) {
      const [top, left, height, width] = c.box;
      const got = F.resizedCrop(src[c.mode as 'L' | 'RGB'], top, left, height, width, c.size, c.filter) as InstanceType<typeof Image>;
      expect([got.mode, got.height, got.width]).toEqual([c.mode, ...c.size]);
      expect(Buffer.from(got.data).toString('base64'), `${c.mode} ${c.filter} box ${c.box} to ${c.size}`).toBe(c.out);
    }
  });

  it('refuses weights whose int32 sums could overflow', () => {
    // One 2-pixel window of a 1-row RGB image: 255 * (2^22 + 2^22) fits int32, 255 * 2^23 more does not.
    const src = new Uint8Array(6).fill(255);
    const bounds = new Int32Array([0, 2]);
    const out = new Uint8Array(3);
    native.imageResampleHorizontal(src, out, 2, 3, 0, 1, bounds, new Int32Array([1 << 22, 1 << 22]), 2);
    expect(Array.from(out)).toEqual([255, 255, 255]);
    expect(() => native.imageResampleHorizontal(src, out, 2, 3, 0, 1, bounds, new Int32Array([1 << 23, 1 << 23]), 2)).toThrow(/imageResampleHorizontal: .*coefficients/);
    expect(() => native.imageResampleVertical(src, out.subarray(0, 3), 3, 0, bounds, new Int32Array([-(1 << 23), -(1 << 23)]), 2)).toThrow(/imageResampleVertical: .*coefficients/);
  });
});
