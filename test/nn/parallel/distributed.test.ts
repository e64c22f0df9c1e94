// nn.parallel.DistributedDataParallel: training on 2 (and 4) processes equals one process on the
// combined batch (SGD with momentum); noSync accumulation and findUnusedParameters too.
// utils.data.DistributedSampler gives Python's indices (values printed by Python 1.13, below).
import { describe, it, expect, beforeAll } from 'vitest';
import * as torch from '../../../lib';
import { built, runRanks, results, run, worker } from '../../distributed/_ranks';

function maxDiff(a: Record<string, number[]>, b: Record<string, number[]>): number {
  expect(Object.keys(a)).toEqual(Object.keys(b));
  let m = 0;
  for (const k of Object.keys(a)) {
    expect(a[k].length).toBe(b[k].length);
    for (let i = 0; i < a[k].length; i++) m = Math.max(m, Math.abs(a[k][i] - b[k][i]));
  }
  return m;
}

describe.skipIf(!built)('DistributedDataParallel (Gloo, loopback)', () => {
  // one process on the whole batch: plain SGD steps, the noSync schedule, the model with an unused layer
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let ref: any;
  beforeAll(async () => {
    const r = await run(process.execPath, [worker, 'singleAll'], {});
    if (r.code !== 0) throw new Error(r.stderr);
    ref = r.result;
  });

  it('2 processes: plain training, noSync accumulation and findUnusedParameters equal 1 process on the combined batch (within 1e-5)', async () => {
    const ranks = results(await runRanks('ddpAll', 2));
    for (const o of ranks) {
      expect(maxDiff(o.plain.params, ref.plain.params)).toBeLessThan(1e-5);
      expect(maxDiff(o.noSync.params, ref.noSync.params)).toBeLessThan(1e-5);
      expect(maxDiff(o.unused.params, ref.unused.params)).toBeLessThan(1e-5);
      expect(o.unused.spareGrad).toBe(ref.unused.spareGrad); // never used: no gradient, as on one process
    }
    // training moved the weights: the comparisons are not of untouched models
    expect(maxDiff(ref.plain.params, ref.plain.initial)).toBeGreaterThan(1e-2);
    expect(maxDiff(ref.noSync.params, ref.noSync.initial)).toBeGreaterThan(1e-2);
  });

  it('4 processes train the MLP as 1 process on the combined batch (within 1e-5)', async () => {
    const ranks = results(await runRanks('ddp', 4));
    for (const o of ranks) expect(maxDiff(o.plain.params, ref.plain.params)).toBeLessThan(1e-5);
  });

  it('argument checks name the PyTorch call', () => {
    const m = new torch.nn.Linear(2, 2);
    expect(() => new torch.nn.parallel.DistributedDataParallel(5 as never)).toThrow(/DistributedDataParallel: module must be an nn\.Module/);
    expect(() => new torch.nn.parallel.DistributedDataParallel(m)).toThrow(/Default process group has not been initialized/);
  });
});

describe('DistributedSampler', () => {
  const data = { length: 10 };
  it('gives Python 1.13 indices (shuffle, seed + epoch, padding, drop_last)', () => {
    const ds = (r: number, o: Record<string, unknown> = {}) => new torch.utils.data.DistributedSampler(data, { numReplicas: 3, rank: r, ...o });
    // python3: [list(DistributedSampler(range(10), num_replicas=3, rank=r, shuffle=False)) for r in range(3)]
    expect([0, 1, 2].map((r) => [...ds(r, { shuffle: false })])).toEqual([[0, 3, 6, 9], [1, 4, 7, 0], [2, 5, 8, 1]]);
    // ... shuffle=False, drop_last=True
    expect([0, 1, 2].map((r) => [...ds(r, { shuffle: false, dropLast: true })])).toEqual([[0, 3, 6], [1, 4, 7], [2, 5, 8]]);
    // s = DistributedSampler(range(10), num_replicas=3, rank=1, seed=3); list(s); s.set_epoch(2); list(s)
    const s = ds(1, { seed: 3 });
    expect(s.length).toBe(4);
    expect([...s]).toEqual([0, 8, 9, 6]);
    s.setEpoch(2);
    expect([...s]).toEqual([4, 3, 2, 1]);
    expect(() => ds(3)).toThrow(/Invalid rank 3, rank should be in the interval \[0, 2\]/);
  });
});
