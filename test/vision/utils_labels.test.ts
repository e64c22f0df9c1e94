// torchvision.utils.draw_bounding_boxes with labels against torchvision 0.14 (Pillow 9.4's default
// bitmap font), exact pixels: test/fixtures/vision/draw_labels.json (test/fixtures/gen_vision_draw_labels.py).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as torch from '../../lib';
import { utils } from '../../lib/vision';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/vision/draw_labels.json'), 'utf8'));
const u8 = (e: { shape: number[]; b64: string }) => torch.fromTypedArray(new Uint8Array(zlib.inflateSync(Buffer.from(e.b64, 'base64'))), e.shape);
const image = u8(fx.image);

describe('draw_bounding_boxes with labels (Pillow\'s default font)', () => {
  it.each(fx.cases.map((c: { name: string }) => [c.name, c]))('%s: the same pixels as torchvision', (_name, c) => {
    const k = c as { image: string; boxes: number[][]; kwargs: Record<string, unknown>; out: { shape: number[]; b64: string } };
    const img = { rgb: image, gray: image.narrow(0, 0, 1), big: torch.zeros([3, 100, 220], { dtype: torch.uint8 }) }[k.image]!;
    const got = utils.drawBoundingBoxes(img, torch.tensor(k.boxes), k.kwargs);
    const want = u8(k.out);
    expect(got.shape).toEqual(want.shape);
    const a = got.contiguous().toTypedArray() as Uint8Array;
    const b = want.toTypedArray() as Uint8Array;
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff++;
    expect(diff, 'pixels that differ from torchvision\'s').toBe(0);
    // the labels drew something: without them the picture differs
    const bare = utils.drawBoundingBoxes(img, torch.tensor(k.boxes), { ...k.kwargs, labels: undefined });
    expect(bare.equal(want)).toBe(false);
  });

  it('rejects what Pillow cannot draw, and a TrueType font, clearly', () => {
    const boxes = torch.tensor([[1, 1, 10, 10]]);
    expect(() => utils.drawBoundingBoxes(image, boxes, { labels: ['日本'] })).toThrow(/Latin-1/);
    expect(() => utils.drawBoundingBoxes(image, boxes, { labels: [3 as never] })).toThrow(/labels\[0\]/);
    expect(() => utils.drawBoundingBoxes(image, boxes, { labels: ['a'], font: 'DejaVuSans.ttf' })).toThrow(/FreeType/);
    expect(() => utils.drawBoundingBoxes(image, boxes, { labels: ['a', 'b'] })).toThrow(/Number of boxes \(1\) and labels \(2\) mismatch/);
  });
});
