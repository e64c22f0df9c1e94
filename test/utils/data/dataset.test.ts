import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';

const { TensorDataset, Subset, ConcatDataset, randomSplit } = torch.utils.data;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/data/dataloader.json'), 'utf8'));

const range = (n: number) => ({ length: n, getItem: (i: number) => i });

describe('torch.utils.data datasets', () => {
  it('TensorDataset indexes every tensor along dim 0, negative indices included', () => {
    const ds = new TensorDataset(torch.arange(12).view(4, 3), torch.arange(4));
    expect(ds.length).toBe(4);
    const [x, y] = ds.getItem(-1);
    expect(x.tolist()).toEqual([9, 10, 11]);
    expect(y.item()).toBe(3);
    expect(() => ds.getItem(4)).toThrow(RangeError);
    expect(() => new TensorDataset(torch.zeros(3), torch.zeros(4))).toThrow(/Size mismatch between tensors/);
    expect(() => new TensorDataset(torch.zeros(3), 5 as never)).toThrow(/tensors\[1\] must be a Tensor/);
  });

  it('Subset and ConcatDataset map indices as Python', () => {
    const sub = new Subset(range(10), [7, 3, 5]);
    expect([0, 1, 2, -1].map((i) => sub.getItem(i))).toEqual([7, 3, 5, 5]);
    const cat = new ConcatDataset([range(2), range(0), range(3)]);
    expect(cat.length).toBe(5);
    expect(cat.cumulativeSizes).toEqual([2, 2, 5]);
    expect([0, 1, 2, 3, 4, -5].map((i) => cat.getItem(i))).toEqual([0, 1, 0, 1, 2, 0]);
    expect(() => new ConcatDataset([])).toThrow(/should not be an empty iterable/);
    expect(() => cat.getItem(5)).toThrow(RangeError);
  });

  it('randomSplit gives Python\'s split for counts (default generator) and fractions (own generator)', () => {
    torch.manualSeed(0);
    expect(randomSplit(range(10), [3, 7]).map((s) => s.indices)).toEqual(fx.randomSplit.counts);
    const parts = randomSplit(range(10), [0.25, 0.25, 0.5], new torch.Generator().manualSeed(42));
    expect(parts.map((s) => s.length)).toEqual([3, 2, 5]);
    expect(parts.map((s) => s.indices)).toEqual(fx.randomSplit.fractions);
    expect(() => randomSplit(range(10), [3, 3])).toThrow(/Sum of input lengths does not equal/);
    expect(() => randomSplit(range(10), [3, -1, 8])).toThrow(/lengths\[1\] must be a non-negative integer/);
  });
});
