// torch.multiprocessing.spawn: fn(i, ...args) in nprocs children; a failing child rejects with
// Python's ProcessRaisedException / ProcessExitedException and the others are terminated.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { built, run } from '../distributed/_ranks';
import * as torch from '../../lib';

const main = path.join(__dirname, '_spawn_main.cjs');

describe('torch.multiprocessing.spawn', () => {
  it('checks its arguments', async () => {
    expect(() => torch.multiprocessing.spawn(5 as never)).toThrow(/torch\.multiprocessing\.spawn: fn must be a function/);
    expect(() => torch.multiprocessing.spawn(() => 0, { nprocs: 0 })).toThrow(RangeError);
    expect(() => torch.multiprocessing.spawn(() => 0, { args: [() => 0] })).toThrow(/structured-cloneable/);
  });

  describe.skipIf(!built)('children', () => {
    it('runs fn(i, ...args) for i = 0..nprocs-1 and joins', async () => {
      const r = await run(process.execPath, [main, 'ok'], {});
      expect(r.code, r.stderr).toBe(0);
      const kids = r.stdout.split('\n').filter((l) => l.startsWith('CHILD ')).map((l) => JSON.parse(l.slice(6))).sort((a, b) => a.i - b.i);
      expect(kids).toEqual([0, 1, 2].map((i) => ({ i, value: 100 + i, note: { tag: 'x' }, rank: String(i) })));
      expect(r.stdout).toMatch(/^JOINED$/m);
    });

    it('a child that throws rejects with ProcessRaisedException carrying its error', async () => {
      const r = await run(process.execPath, [main, 'throw'], {});
      expect(r.stdout).toMatch(/REJECTED ProcessRaisedException: -- Process 1 terminated with the following error: \| true/);
    });

    it('a child that exits non-zero rejects with ProcessExitedException; the others are terminated', async () => {
      const t0 = Date.now();
      const r = await run(process.execPath, [main, 'exit'], {}, 150_000);
      expect(r.stdout).toMatch(/REJECTED ProcessExitedException: process 0 terminated with exit code 7/);
      expect(Date.now() - t0).toBeLessThan(90_000); // the others would sleep 120 s
    });
  });
});
