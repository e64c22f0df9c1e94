import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';

const { DataLoader, TensorDataset, Dataset, RandomSampler, SubsetRandomSampler, defaultCollate } = torch.utils.data;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/data/dataloader.json'), 'utf8'));

const ds = new TensorDataset(torch.arange(10));
function epochs(loader: Iterable<torch.Tensor[]>, n: number): number[][][] {
  return Array.from({ length: n }, () => [...loader].map((b) => b[0].tolist() as number[]));
}

describe('torch.utils.data.DataLoader', () => {
  it('batches in order without shuffle, with len(loader) and drop_last', () => {
    const loader = new DataLoader(ds, { batchSize: 4 });
    expect(loader.length).toBe(3);
    expect(epochs(loader, 1)[0]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const dropped = new DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(dropped.length).toBe(2);
    expect(epochs(dropped, 1)[0]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(new DataLoader(ds).length).toBe(10);
  });

  it('yields [images, labels] pairs of stacked tensors', () => {
    const x = torch.rand(7, 1, 28, 28);
    const y = torch.arange(7);
    let seen = 0;
    for (const [images, labels] of new DataLoader(new TensorDataset(x, y), { batchSize: 3 })) {
      expect(images.shape).toEqual([labels.shape[0], 1, 28, 28]);
      expect(labels.dtype).toBe(torch.int64);
      seen += labels.shape[0];
    }
    expect(seen).toBe(7);
  });

  it.each(fx.shuffle.map((s: { seed: number }) => [s.seed, s]))('shuffles as Python under torch.manual_seed(%i)', (seed, s) => {
    torch.manualSeed(seed as number);
    const f = s as { batches: number[][][]; dropLast: number[][][]; randAfter: number[] };
    expect(epochs(new DataLoader(ds, { batchSize: 3, shuffle: true }), 2)).toEqual(f.batches);
    expect(epochs(new DataLoader(ds, { batchSize: 4, shuffle: true, dropLast: true }), 1)).toEqual(f.dropLast);
    const after = torch.rand(3).tolist() as number[];
    after.forEach((a, i) => expect(a).toBeCloseTo(f.randAfter[i], 7));
  });

  it('shuffles with its own generator as Python and leaves the default one alone', () => {
    torch.manualSeed(3);
    const g = new torch.Generator().manualSeed(7);
    expect(epochs(new DataLoader(ds, { batchSize: 5, shuffle: true, generator: g }), 2)).toEqual(fx.withGenerator.batches);
    (torch.rand(2).tolist() as number[]).forEach((a, i) => expect(a).toBeCloseTo(fx.withGenerator.defaultAfter[i], 7));
  });

  it('takes Python\'s positional batch_size and shuffle', () => {
    expect(epochs(new DataLoader(ds, 4), 1)[0]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(new DataLoader(ds, 4, { dropLast: true }).length).toBe(2);
    expect(new DataLoader(ds, null).length).toBe(10);
    torch.manualSeed(3);
    const g = new torch.Generator().manualSeed(7);
    expect(epochs(new DataLoader(ds, 5, true, { generator: g }), 2)).toEqual(fx.withGenerator.batches);
    expect(() => new DataLoader(ds, 4, { batchSize: 2 })).toThrow(/DataLoader: got multiple values for argument 'batch_size'/);
    expect(() => new DataLoader(ds, 4, true, { shuffle: false })).toThrow(/got multiple values for argument 'shuffle'/);
    expect(() => new DataLoader(ds, 4, 'yes' as never, {})).toThrow(/DataLoader: shuffle must be a boolean/);
    expect(() => new DataLoader(ds, '4' as never)).toThrow(/DataLoader: batch_size must be an integer, got "4"/);
  });

  it('works with a Dataset subclass and a custom collateFn', () => {
    class Squares extends Dataset<[number, number]> {
      get length() { return 5; }
      getItem(i: number): [number, number] { return [i, i * i]; }
    }
    const loader = new DataLoader(new Squares(), { batchSize: 2, collateFn: (b) => b.map(([, sq]) => sq) });
    expect([...loader]).toEqual([[0, 1], [4, 9], [16]]);
    const [xs, sq] = [...new DataLoader(new Squares(), { batchSize: 5 })][0];
    expect(xs.dtype).toBe(torch.int64);
    expect(sq.tolist()).toEqual([0, 1, 4, 9, 16]);
  });

  it('batchSize: null passes samples through; batchSampler gives the batches', () => {
    const single = new DataLoader(ds, { batchSize: null });
    expect(single.length).toBe(10);
    expect([...single][3][0].item()).toBe(3);
    const bs = new torch.utils.data.BatchSampler(new torch.utils.data.SequentialSampler(ds), { batchSize: 4, dropLast: true });
    const loader = new DataLoader(ds, { batchSampler: bs });
    expect(loader.length).toBe(2);
    expect(epochs(loader, 1)[0]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect(() => new DataLoader(ds, { batchSampler: bs, batchSize: 3 })).toThrow(/batch_sampler option is mutually exclusive/);
    expect(() => new DataLoader(ds, { batchSize: null, dropLast: true })).toThrow(/mutually exclusive with drop_last/);
  });

  it('rejects bad arguments with PyTorch-named errors', () => {
    expect(() => new DataLoader({} as never)).toThrow(/DataLoader: dataset must be a Dataset/);
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(/batch_size must be a positive integer/);
    expect(() => new DataLoader(ds, { batch_size: 4 } as never)).toThrow(/unknown option 'batch_size' \(did you mean 'batchSize'\?\)/);
    expect(() => new DataLoader(ds, { shuffle: true, sampler: new RandomSampler(ds) })).toThrow(/mutually exclusive with shuffle/);
    expect(() => new DataLoader(ds, { numWorkers: 1.5 })).toThrow(/num_workers must be/);
    expect(() => new DataLoader(ds, { generator: 3 as never })).toThrow(/generator must be a torch.Generator/);
  });
});

describe('torch.utils.data samplers and collate', () => {
  it('RandomSampler with replacement / num_samples and SubsetRandomSampler match Python', () => {
    torch.manualSeed(5);
    expect([...new RandomSampler(ds, { replacement: true, numSamples: 40 })]).toEqual(fx.replacement);
    torch.manualSeed(5);
    expect([...new RandomSampler({ length: 4 }, { numSamples: 10 })]).toEqual(fx.numSamples);
    expect([...new SubsetRandomSampler([10, 20, 30, 40, 50], { generator: new torch.Generator().manualSeed(11) })]).toEqual(fx.subsetRandom);
  });

  it('default_collate gives Python dtypes: ints → int64, floats → float64, nested structure kept', () => {
    const batch = [0, 1, 2].map((i) => [torch.tensor([i, i + 1.5]), i, i / 2, { a: i, b: [i, 2 * i] }] as const);
    // i / 2 is an integer for i = 0 and 2 but not for 1: one non-integer makes the batch float64.
    const c = defaultCollate(batch);
    const f = fx.collate;
    expect(c[0].tolist()).toEqual(f.tensor);
    expect(String(c[0].dtype)).toBe(f.tensorDtype);
    expect(c[1].tolist()).toEqual(f.int);
    expect(String(c[1].dtype)).toBe(f.intDtype);
    expect(c[2].tolist()).toEqual(f.float);
    expect(String(c[2].dtype)).toBe(f.floatDtype);
    expect(c[3].a.tolist()).toEqual(f.dictA);
    expect(c[3].b.map((t) => t.tolist())).toEqual(f.dictB);
    expect(defaultCollate(['a', 'b'])).toEqual(['a', 'b']);
    expect(() => defaultCollate([[1, 2], [3]])).toThrow(/each element in list of batch should be of equal size/);
    expect(() => defaultCollate([new Map()])).toThrow(/default_collate: batch must contain tensors/);
  });
});
