// DataLoader with numWorkers > 0 (worker threads): the same batches, in the same order, as
// numWorkers: 0 and as Python's DataLoader under the same seed (test/fixtures/gen_datasets.py ->
// data/workers.json), the main generator's draws as Python's (base seed once per iterator, once for
// persistent workers), random ops in workers drawing Python's per-worker streams
// (test/fixtures/gen_dataloader_rng.py -> data/dataloader_rng.json), tensors handed back without a
// copy, errors and timeouts. Workers run the compiled library (dist/, `npm run build:ts`), as
// test/worker.test.ts does. Each worker start loads the library: cases share loaders where that
// loses nothing, and use one worker where the result cannot depend on the number of workers.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as torch from '../../../lib';
import { native } from '../../../lib/native';
import { datasets, transforms } from '../../../lib/vision';

const { DataLoader, TensorDataset, BatchSampler, SequentialSampler, Subset } = torch.utils.data;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/data/workers.json'), 'utf8'));
const rng = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/data/dataloader_rng.json'), 'utf8'));
const user = createRequire(__filename)('./fixtures/user_datasets.cjs');
const dist = fs.existsSync(path.join(__dirname, '../../../dist/lib/utils/data/_utils/worker_main.js'));

const x = torch.arange(40, { dtype: torch.float32 }).view(20, 2);
const y = torch.arange(20);
const tds = new TensorDataset(x, y);
const list = (loader: Iterable<unknown>) => [...loader].map((b) => (b as torch.Tensor[]).map((t) => (t instanceof torch.Tensor ? t.tolist() : t)));
const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 6));

describe.skipIf(!dist)('DataLoader worker threads (needs dist/)', () => {
  it.each([0, 2])('shuffled batches and the main generator after the epoch are Python\'s (numWorkers %i)', (numWorkers) => {
    torch.manualSeed(11);
    const loader = new DataLoader(tds, { batchSize: 3, shuffle: true, numWorkers });
    expect(list(loader)).toEqual(fx[`shuffle-${numWorkers}`].batches);
    close(torch.rand(3).tolist() as number[], fx[`shuffle-${numWorkers}`].after);
  });

  it.each([false, true])('three epochs, persistentWorkers %s, prefetchFactor 3: Python\'s orders and draws', (persistent) => {
    torch.manualSeed(12);
    const loader = new DataLoader(tds, { batchSize: 4, shuffle: true, numWorkers: 2, persistentWorkers: persistent, prefetchFactor: 3 });
    const e = fx[`persistent-${persistent ? 'True' : 'False'}`];
    // Without persistent workers each epoch starts new workers: two epochs are enough (and slow).
    const epochs = persistent ? [list(loader), list(loader), list(loader)] : [list(loader), list(loader)];
    expect(epochs).toEqual(e.epochs.slice(0, epochs.length));
    // The generator after 3 epochs (base seed drawn once): the persistent case only.
    if (persistent) close(torch.rand(3).tolist() as number[], e.after);
  });

  it('a generator, dropLast, a batch sampler, and batchSize null, as Python', () => {
    const g = new torch.Generator().manualSeed(5);
    torch.manualSeed(13);
    expect(list(new DataLoader(tds, { batchSize: 6, shuffle: true, dropLast: true, numWorkers: 2, generator: g }))).toEqual(fx.generator.batches);
    close(torch.rand(2).tolist() as number[], fx.generator.after);
    // Without randomness the batches do not depend on the number of workers: one is enough (and quicker).
    const bs = new BatchSampler(new SequentialSampler(tds), 7, false);
    expect(list(new DataLoader(tds, { batchSampler: bs, numWorkers: 1 }))).toEqual(fx.batchSampler.batches);
    expect(list(new DataLoader(tds, { batchSize: null, numWorkers: 1 })).slice(0, 5)).toEqual(fx.noBatch.items);
  });

  it('FakeData through torchvision transforms in workers: Python\'s batches', () => {
    torch.manualSeed(14);
    const fd = new datasets.FakeData({ size: 10, imageSize: [3, 8, 8], numClasses: 5, transform: transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5, 0.5, 0.5], [0.25, 0.25, 0.25])]) });
    const got = [...new DataLoader(fd, { batchSize: 4, shuffle: true, numWorkers: 2 })].map(([a, b]) => [(a as torch.Tensor).sum().item(), (a as torch.Tensor).shape[0], (b as torch.Tensor).tolist()]);
    expect(got.map((r) => r.slice(1))).toEqual(fx.fakedata.map((r: unknown[]) => r.slice(1)));
    got.forEach((r, i) => expect(r[0] as number).toBeCloseTo(fx.fakedata[i][0], 2));
  });

  // Python seeds each worker process's default generator with base_seed + id (gen_dataloader_rng.py);
  // each DataLoader worker thread has a default generator of its own, seeded the same way.
  it('random ops in workers draw Python\'s per-worker streams (rand, randint, normal_, exponential_, bernoulli, dropout), on through a persistent worker\'s second epoch', () => {
    torch.manualSeed(22);
    const loader = new DataLoader(new user.RandDataset(6), { batchSize: 2, numWorkers: 2, persistentWorkers: true });
    expect([list(loader), list(loader)]).toEqual(rng.persistent.epochs);
    // The main thread's generator is the process-wide one, untouched by the workers' seeding.
    close(torch.rand(2).tolist() as number[], rng.persistent.after);
  });

  it('FakeData through RandomResizedCrop and RandomHorizontalFlip in workers: Python\'s batches', () => {
    torch.manualSeed(23);
    const fd = new datasets.FakeData({ size: 8, imageSize: [3, 10, 12], numClasses: 4, transform: transforms.Compose([transforms.ToTensor(), transforms.RandomResizedCrop(6), transforms.RandomHorizontalFlip()]) });
    const got = list(new DataLoader(fd, { batchSize: 3, shuffle: true, numWorkers: 2 })) as number[][][][][][];
    expect(got.map((b) => b[1])).toEqual(rng.fakedata.map((b: unknown[]) => b[1]));
    const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);
    got.forEach((b, k) => close(flat(b[0]), flat(rng.fakedata[k][0])));
  });

  it('a user dataset class from a CommonJS module, a Subset of it, equal to numWorkers 0; batch tensors come back without a copy', () => {
    const before = native.sharedTensorCount();
    const ds = new Subset(new user.SquareDataset(30), [5, 3, 29, 0, 7, 11, 2]);
    const serial = list(new DataLoader(ds, { batchSize: 2, numWorkers: 0 }));
    expect(list(new DataLoader(ds, { batchSize: 2, numWorkers: 2 }))).toEqual(serial);
    expect(serial[0]).toEqual([[5, 3], [25, 9]]);
    // Nothing is left parked after the workers' batches were taken.
    expect(native.sharedTensorCount()).toBe(before);
    // The handoff itself: a tensor shared and adopted has the same memory.
    const t = torch.arange(6);
    const id = native.shareTensor(t);
    const back = native.adoptTensor(id) as torch.Tensor;
    expect(native.tensorDataPtr(back)).toBe(native.tensorDataPtr(t));
    expect(() => native.adoptTensor(id)).toThrow(/no shared tensor has id/);
    expect(() => native.adoptTensor(-1)).toThrow(/positive integer/);
  });

  it('getWorkerInfo, worker seeds base_seed + id, and workerInitFn seeing torch.initialSeed() == base_seed + id, as Python\'s', () => {
    expect(torch.utils.data.getWorkerInfo()).toBe(null);
    torch.manualSeed(24);
    const items = [...new DataLoader(new user.WhoDataset(6), { batchSize: null, numWorkers: 2, workerInitFn: user.initWorker })];
    expect(items).toEqual(rng.seeds);
    expect(BigInt(rng.seeds[1].seed) - BigInt(rng.seeds[0].seed)).toBe(1n);
  });

  it('an error in a worker is raised in the main thread with the worker\'s stack, and iteration can go on', () => {
    const loader = new DataLoader(new user.SquareDataset(8, 5), { batchSize: 2, numWorkers: 2 });
    const it = loader[Symbol.iterator]();
    expect(it.next().value).toBeDefined();
    expect(it.next().value).toBeDefined();
    let err: Error | null = null;
    try {
      it.next();
    } catch (e) {
      err = e as Error;
    }
    expect(err).toBeInstanceOf(RangeError);
    expect(err!.message).toMatch(/^Caught RangeError in DataLoader worker process 0\.\nOriginal RangeError: SquareDataset: item 5 is broken\n\s+at SquareDataset.getItem/);
    expect((it.next().value as torch.Tensor[])[0].tolist()).toEqual([6, 7]);
    expect(it.next().done).toBe(true);
  });

  it('a closure cannot be sent to a worker: the error names where it is', () => {
    const ds = new TensorDataset(x, y);
    expect(() => [...new DataLoader(ds, { numWorkers: 1, collateFn: (b: unknown[]) => b })]).toThrow(/cannot send collate_fn \(function collateFn\) to a DataLoader worker thread.*Can't pickle local object/s);
    expect(() => [...new DataLoader(ds, { numWorkers: 1, workerInitFn: [() => 0][0] })]).toThrow(/cannot send worker_init_fn \(an anonymous function \(lambda\)\)/);
    class Local extends torch.utils.data.Dataset<number> {
      getItem(i: number) { return i; }
      get length() { return 3; }
    }
    expect(() => [...new DataLoader(new Local(), { numWorkers: 1 })]).toThrow(/dataset \(an instance of Local\).*no module exports Local/s);
    expect(native.sharedTensorCount()).toBe(0);
  });

  it('timeout: a slow worker is an error after `timeout` ms; a worker that exits is reported', () => {
    const t0 = Date.now();
    expect(() => [...new DataLoader(new user.SlowDataset(4, 3000), { numWorkers: 1, timeout: 300 })]).toThrow(/DataLoader timed out after 300 ms/);
    expect(Date.now() - t0).toBeLessThan(2900 + 5000);
    expect(() => [...new DataLoader(new user.ExitDataset(), { numWorkers: 2 })]).toThrow(/DataLoader worker \(thread 1\) exited unexpectedly with exit code 7/);
  });

  it('option checks as Python\'s', () => {
    expect(() => new DataLoader(tds, { numWorkers: -1 })).toThrow(/num_workers option should be non-negative/);
    expect(() => new DataLoader(tds, { timeout: -1 })).toThrow(/timeout option should be non-negative/);
    expect(() => new DataLoader(tds, { prefetchFactor: 3 })).toThrow(/prefetch_factor option could only be specified in multiprocessing/);
    expect(() => new DataLoader(tds, { persistentWorkers: true })).toThrow(/persistent_workers option needs num_workers > 0/);
    expect(() => new DataLoader(tds, { workerInitFn: 3 as never })).toThrow(/worker_init_fn/);
    expect(list(new DataLoader(tds, { batchSize: 10, pinMemory: true }))[0][1]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
