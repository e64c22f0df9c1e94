// torchvision.utils 0.14: make_grid, save_image, draw_bounding_boxes against
// test/fixtures/vision/utils.json (test/fixtures/gen_vision_transforms.py).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { utils, io } from '../../lib/vision';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/vision/utils.json'), 'utf8'));
const floats = (e: any) => Array.from(new Float32Array(new Uint8Array(Buffer.from(e.f32, 'base64')).buffer));
const bytes = (e: any) => Array.from(Buffer.from(e.b64, 'base64'));
const batch = torch.tensor(fx.batch).view(5, 3, 6, 7);
const gray = torch.tensor(fx.gray).view(3, 1, 5, 5);
const u8 = (e: any) => torch.tensor(bytes(e), { dtype: torch.uint8 }).view(e.shape);

describe('make_grid', () => {
  it.each(fx.grids.map((g: any, i: number) => [JSON.stringify(g.kwargs), g.input, i]))('%s on %s', (_k, inp, i) => {
    const g = fx.grids[i as number];
    const kw = g.kwargs;
    const opts = { nrow: kw.nrow, padding: kw.padding, normalize: kw.normalize, valueRange: kw.value_range, scaleEach: kw.scale_each, padValue: kw.pad_value };
    Object.keys(opts).forEach((k) => (opts as any)[k] === undefined && delete (opts as any)[k]);
    const x = inp === 'batch' ? batch : inp === 'gray' ? gray : batch.get(0);
    const got = utils.makeGrid(x, opts);
    expect(got.shape).toEqual(g.out.shape);
    const a = Array.from(got.contiguous().toTypedArray() as Float32Array);
    const w = floats(g.out);
    expect(a.reduce((m, v, j) => Math.max(m, Math.abs(v - w[j])), 0)).toBeLessThanOrEqual(1e-6);
  });
  it('takes a list of tensors and rejects the rest', () => {
    expect(utils.makeGrid([batch.get(0), batch.get(1)], { padding: 0 }).shape).toEqual([3, 6, 14]);
    expect(() => utils.makeGrid(3 as never)).toThrow(TypeError);
    expect(() => utils.makeGrid(batch, { valueRange: 3 as never, normalize: true })).toThrow(/value_range/);
  });
});

describe('save_image', () => {
  it('writes the grid as torchvision does (PNG pixels equal)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-utils-'));
    try {
      const p = path.join(tmp, 'g.png');
      utils.saveImage(batch, p, { nrow: 3 });
      const got = io.readImage(p);
      expect(Array.from(got.permute(1, 2, 0).contiguous().toTypedArray() as Uint8Array)).toEqual(bytes(fx.saveImage));
      expect([got.shape[1], got.shape[2], got.shape[0]]).toEqual(fx.saveImage.shape);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('draw_bounding_boxes', () => {
  const img = u8(fx.boxes.image);
  const boxes = torch.tensor(fx.boxes.boxes);
  const same = (got: torch.Tensor, want: any) => {
    expect(got.shape).toEqual(want.shape);
    expect(Array.from(got.toTypedArray() as Uint8Array)).toEqual(bytes(want));
  };
  it('default palette', () => same(utils.drawBoundingBoxes(img, boxes), fx.boxes.plain));
  it('named, tuple and hex colours, width 2', () => same(utils.drawBoundingBoxes(img, boxes, { colors: ['red', [0, 255, 0], '#0000ff'], width: 2 }), fx.boxes.colored));
  it('filled (alpha 100)', () => same(utils.drawBoundingBoxes(img, boxes.narrow(0, 0, 2), { colors: 'yellow', fill: true, width: 1 }), fx.boxes.filled));
  it('grayscale input', () => same(utils.drawBoundingBoxes(img.narrow(0, 0, 1), boxes.narrow(0, 0, 1), { colors: 'white' }), fx.boxes.gray));
  it('validates', () => {
    expect(() => utils.drawBoundingBoxes(img.float(), boxes)).toThrow(/uint8/);
    expect(() => utils.drawBoundingBoxes(img, torch.tensor([[5, 5, 1, 1]]))).toThrow(/xmin, ymin, xmax, ymax/);
    expect(() => utils.drawBoundingBoxes(img, boxes, { colors: ['red'] })).toThrow(/Number of colors/);
  });
});
