// datasets.FakeData draws each item as torchvision 0.14 does (test/fixtures/gen_datasets.py).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { datasets } from '../../../lib/vision';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/datasets/datasets.json'), 'utf8')).fakedata;

describe('datasets.FakeData', () => {
  it.each([
    ['rgb', { size: 5, imageSize: [3, 6, 7], numClasses: 7, randomOffset: 3 }],
    ['gray', { size: 3, imageSize: [1, 5, 4], numClasses: 2 }],
  ] as const)('%s: the same images and targets as torchvision, and the global generator untouched', (name, opts) => {
    const ds = new datasets.FakeData({ ...opts, imageSize: [...opts.imageSize] });
    const e = fx[name];
    expect(ds.length).toBe(e.items.length);
    torch.manualSeed(77);
    for (let i = 0; i < ds.length; i++) {
      const [img, target] = ds.getItem(i);
      expect({ mode: img.mode, size: img.size, pixels: Buffer.from(img.data).toString('base64'), target }).toEqual(e.items[i]);
    }
    (torch.rand(2).tolist() as number[]).forEach((x, i) => expect(x).toBeCloseTo(e.after[i], 6));
    expect(String(ds)).toBe(e.repr);
  });

  it('positional arguments, the target transform, and errors', () => {
    const ds = new datasets.FakeData(5, [3, 6, 7], 7, null, (t: torch.Tensor) => t.add(100), 3);
    expect(ds.getItem(2)[1]).toBe(fx.rgb.items[2].target + 100);
    expect(() => ds.getItem(5)).toThrow(/index out of range/);
    expect(() => new datasets.FakeData({ size: -1 })).toThrow(/size/);
    expect(() => new datasets.FakeData({ imageSize: 3 as never })).toThrow(/image_size/);
  });
});
