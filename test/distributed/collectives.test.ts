// torch.distributed on Gloo over loopback: every collective gives the arithmetic result with 2 and 4
// processes (test/distributed/_worker.cjs, scenario 'collectives'); the stores in one process.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { built, runRanks, results } from './_ranks';

const dist = torch.distributed;

describe('torch.distributed stores (one process)', () => {
  it('is available in this build (Gloo)', () => {
    expect(dist.isAvailable()).toBe(true);
    expect(dist.isGlooAvailable()).toBe(true);
    expect(dist.isNcclAvailable()).toBe(false);
    expect(dist.isInitialized()).toBe(false);
  });

  it("NCCL is not in a build against a CPU libtorch: initProcessGroup('nccl') says so at once, before the rendezvous", () => {
    const t0 = Date.now();
    // rank 1 of a tcp:// rendezvous would retry its connection for the whole timeout
    expect(() => dist.initProcessGroup('nccl', { initMethod: 'tcp://127.0.0.1:1', rank: 1, worldSize: 2, timeout: 60_000 })).toThrow(
      /init_process_group: Distributed package doesn't have NCCL built in: this torch-node is built against a CPU-only libtorch, and NCCL needs a CUDA libtorch \(on the CPU, use 'gloo'\)/,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(dist.isInitialized()).toBe(false);
  });

  it('HashStore: set/get/add/compareSet/check/deleteKey/numKeys', () => {
    const s = new dist.HashStore();
    s.set('a', 'xyz');
    s.set('b', new Uint8Array([1, 2, 255]));
    expect(s.get('a').toString()).toBe('xyz');
    expect([...s.get('b')]).toEqual([1, 2, 255]);
    expect(s.add('n', 5)).toBe(5);
    expect(s.add('n', -2)).toBe(3);
    expect(s.get('n').toString()).toBe('3'); // add stores the decimal text, as c10d does
    expect(s.compareSet('a', 'xyz', 'new').toString()).toBe('new');
    expect(s.compareSet('a', 'nope', 'other').toString()).toBe('new');
    expect(s.check(['a', 'b'])).toBe(true);
    expect(s.check(['a', 'missing'])).toBe(false);
    expect(s.numKeys()).toBe(3);
    expect(s.deleteKey('b')).toBe(true);
    expect(s.deleteKey('b')).toBe(false);
    expect(s.numKeys()).toBe(2);
  });

  it('wait and get time out with a TorchError after the store timeout', () => {
    const s = new dist.HashStore();
    s.setTimeout(150);
    expect(s.timeout).toBe(150);
    const t0 = Date.now();
    expect(() => s.get('never')).toThrow(torch.TorchError);
    expect(() => s.wait(['never'], 100)).toThrow(/[Tt]imeout|[Ww]ait/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('PrefixStore puts keys under prefix/ in the underlying store', () => {
    const base = new dist.HashStore();
    const p = new dist.PrefixStore('default_pg', base);
    p.set('k', 'v');
    expect(base.get('default_pg/k').toString()).toBe('v');
    expect(p.get('k').toString()).toBe('v');
  });

  it('FileStore and TCPStore (master and client in one process)', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tn-store-')), 'store');
    const f1 = new dist.FileStore(file, 2);
    const f2 = new dist.FileStore(file, 2);
    f1.set('x', 'from f1');
    expect(f2.get('x').toString()).toBe('from f1');
    expect(f2.add('c', 2) + f1.add('c', 3)).toBe(2 + 5);

    const master = new dist.TCPStore('127.0.0.1', 0, 2, true, 5000, false);
    const port = master.port;
    expect(port).toBeGreaterThan(0);
    const client = new dist.TCPStore('127.0.0.1', port, 2, false, 5000);
    client.set('hello', 'world');
    expect(master.get('hello').toString()).toBe('world');
    expect(master.add('cnt', 1) + client.add('cnt', 1)).toBe(3);
  });

  it('argument errors name the PyTorch call', () => {
    expect(() => new dist.TCPStore('127.0.0.1', 70000)).toThrow(/torch\.distributed\.TCPStore: port must be an integer in \[0, 65535\]/);
    expect(() => new dist.HashStore().set('k', 5 as never)).toThrow(TypeError);
    expect(() => dist.allReduce(torch.ones(1))).toThrow(/Default process group has not been initialized/);
    expect(() => dist.initProcessGroup('mpi' as never)).toThrow(/not available/);
    expect(() => dist.initProcessGroup('gloo', { initMethod: 'http://x' })).toThrow(/No rendezvous handler/);
    expect(() => dist.initProcessGroup('gloo', { initMethod: 'tcp://127.0.0.1:1234' })).toThrow(/rank parameter missing/);
  });
});

describe.skipIf(!built)('collectives across processes (Gloo, loopback)', () => {
  const sum = (f: (r: number) => number, n: number) => Array.from({ length: n }, (_, r) => f(r)).reduce((a, b) => a + b, 0);
  const prod = (f: (r: number) => number, n: number) => Array.from({ length: n }, (_, r) => f(r)).reduce((a, b) => a * b, 1);

  it.each([2, 4])('%i processes: every collective gives the arithmetic result', async (n) => {
    const res = results(await runRanks('collectives', n));
    const ranks = Array.from({ length: n }, (_, r) => r);
    for (const [r, o] of res.entries()) {
      expect(o.rank).toBe(r);
      expect(o.worldSize).toBe(n);
      expect(o.backend).toBe('gloo');
      expect(o.allReduce_SUM).toEqual([sum((i) => i + 1, n), sum((i) => 2 * (i + 1), n), -sum((i) => i + 1, n)]);
      expect(o.allReduce_PRODUCT).toEqual([prod((i) => i + 1, n), prod((i) => 2 * (i + 1), n), prod((i) => -(i + 1), n)]);
      expect(o.allReduce_MIN).toEqual([1, 2, -n]);
      expect(o.allReduce_MAX).toEqual([n, 2 * n, -1]);
      expect(o.allReduce_int64).toEqual([sum((i) => i, n), 7 * n]);
      expect(o.broadcast).toEqual([n - 1, n - 1, n - 1]);
      if (r === 0) expect(o.reduce).toEqual([sum((i) => i + 1, n), sum((i) => 10 * (i + 1), n)]); // only dst's tensor is defined
      expect(o.allGather).toEqual(ranks.map((i) => [i, 10 * i]));
      expect(o.allGatherIntoTensor).toEqual(ranks.flatMap((i) => [i, 0 - i]));
      if (r === n - 1) expect(o.gather).toEqual(ranks.map((i) => [i * i]));
      else expect(o.gather).toBeUndefined();
      expect(o.scatter).toEqual([100 + r, 100 + r]);
      const rs = sum((i) => 10 * i + r, n);
      expect(o.reduceScatter).toEqual([rs, rs]);
      expect(o.allToAll).toEqual(ranks.map((i) => [100 * i + r]));
      expect(o.allToAllSingle).toEqual(ranks.map((i) => 100 * i + r));
      expect(o.ring).toEqual([(r - 1 + n) % n]);
      if (r === 0) {
        expect(o.recvFrom).toBe(1);
        expect(o.recvValue).toEqual([42]);
      }
      expect(o.asyncValue).toEqual([n]);
      expect(o.asyncCompleted).toBe(true);
      expect(o.barrierWait).toBe(true);
      expect(o.initializedAfterDestroy).toBe(false);
      if (n >= 4) {
        const inGroup = r === 1 || r === 3;
        expect(o.subRank).toBe(inGroup ? (r === 1 ? 0 : 1) : -1);
        expect(o.subSize).toBe(inGroup ? 2 : -1);
        expect(o.subAllReduce).toEqual([inGroup ? 4 : r]);
      }
    }
    // rank 0 awaited its all-reduce while rank 1 was 400 ms late: its event loop ran meanwhile
    expect(res[0].asyncTicks).toBeGreaterThan(5);
  });
});
