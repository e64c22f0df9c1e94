// A Node rank and a Python rank (/usr/bin/python3, torch 1.13 on the same libtorch; $PYTHON for
// another, whose torch must be the libtorch version this build uses) in one Gloo group:
// torch-node follows Python's store layout (default_pg/, the group prefix, the store-based barrier)
// and DDP's sequence of collectives, so both sides agree.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import { built, python, runRanks, results, run, worker } from './_ranks';

describe.skipIf(!built || !(process.env.PYTHON || fs.existsSync(python)))('a Node rank and a Python rank in one group', () => {
  it.each([
    ['Node rank 0, Python rank 1', ['node', 'python']],
    ['Python rank 0, Node rank 1', ['python', 'node']],
  ] as const)('%s agree on allReduce, broadcast and allGather', async (_name, kinds) => {
    const res = results(await runRanks('interop', 2, { specs: kinds.map((kind) => ({ kind })) }));
    for (const o of res) {
      expect(o.allReduce).toEqual([3, 30]);
      expect(o.broadcast).toEqual([1.5, 1.5]);
      expect(o.allGather).toEqual([[0], [3]]);
    }
  });

  it('DDP training with a Node and a Python rank equals one process on the combined batch (SGD within 1e-5, Adam within 1e-4)', async () => {
    const [ref, ranks] = await Promise.all([
      run(process.execPath, [worker, 'singleAll'], {}).then((r) => r.result),
      runRanks('ddp', 2, { specs: [{ kind: 'node' }, { kind: 'python' }] }).then(results),
    ]);
    for (const o of ranks) {
      for (const [which, tol] of [['plain', 1e-5], ['adam', 1e-4]] as const) {
        for (const k of Object.keys(ref[which].params)) {
          const d = Math.max(...ref[which].params[k].map((x: number, i: number) => Math.abs(x - o[which].params[k][i])));
          expect(d, `${which} ${k}`).toBeLessThan(tol);
        }
      }
    }
  });
});
