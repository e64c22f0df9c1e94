// F.resize / transforms.Resize on the PIL-like Image against Pillow's Image.resize, byte for byte
// (fixtures: test/fixtures/gen_vision_resample.py): every filter, modes L and RGB, down- and
// up-scaling, one axis only, one axis up and the other down, and down to one pixel.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transforms } from '../../../lib/vision';

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
});
