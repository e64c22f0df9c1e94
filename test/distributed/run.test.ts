// torch-node-run (lib/distributed/run.ts), torchrun's launcher: the workers' environment, the group
// they form with it, and a failing rank ending the job with a non-zero status.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { built, freePort, run, repoRoot, worker } from './_ranks';
import { parseArgs } from '../../lib/distributed/run';

const launcher = path.join(repoRoot, 'dist', 'lib', 'distributed', 'run.js');

describe('torch-node-run arguments', () => {
  it("takes torchrun's flags in both spellings and the =value form", () => {
    const o = parseArgs(['--nproc_per_node', '3', '--nnodes=2', '--node-rank', '1', '--master_addr=10.0.0.1', '--master-port', '1234', 'train.js', '--lr', '0.1']);
    expect(o).toMatchObject({ nprocPerNode: 3, nnodes: 2, nodeRank: 1, masterAddr: '10.0.0.1', masterPort: 1234, script: 'train.js', scriptArgs: ['--lr', '0.1'] });
    expect(() => parseArgs(['--nproc-per-node', 'x', 'a.js'])).toThrow(/--nproc-per-node expects an integer/);
    expect(() => parseArgs(['--node-rank', '2', '--nnodes', '2', 'a.js'])).toThrow(/--node-rank must be below --nnodes/);
    expect(() => parseArgs(['--bogus', 'a.js'])).toThrow(/unknown option --bogus/);
    expect(() => parseArgs(['--nproc-per-node', '2'])).toThrow(/script to run is missing/);
  });
});

describe.skipIf(!built)('torch-node-run', () => {
  it('sets RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT; the workers form a group', async () => {
    const port = await freePort();
    const r = await run(process.execPath, [launcher, '--nproc-per-node', '2', '--master-port', String(port), worker, 'envDump'], {});
    expect(r.code, r.stderr).toBe(0);
    const outs = r.stdout.split('\n').filter((l) => l.startsWith('RESULT ')).map((l) => JSON.parse(l.slice(7)));
    expect(outs).toHaveLength(2);
    const envs = outs.map((o) => o.env).sort((a, b) => Number(a.RANK) - Number(b.RANK));
    expect(envs).toEqual([0, 1].map((i) => ({
      RANK: String(i), LOCAL_RANK: String(i), WORLD_SIZE: '2', LOCAL_WORLD_SIZE: '2', GROUP_RANK: '0',
      MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), TORCHELASTIC_RUN_ID: 'none',
    })));
    for (const o of outs) expect(o.sum).toEqual([1]);
  });

  it('when one rank fails, the others are stopped and the launcher exits 1 naming the rank', async () => {
    const t0 = Date.now();
    const r = await run(process.execPath, [launcher, '--standalone', '--nproc-per-node', '2', worker, 'failing'], {}, 150_000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/rank 1: failing on purpose/);
    expect(r.stderr).toMatch(/sending process \d+ \(rank 0\) closing signal SIGTERM/);
    expect(r.stderr).toMatch(/rank {6}: 1 \(local_rank: 1\)\n {2}exitcode {2}: 3/);
    expect(Date.now() - t0).toBeLessThan(90_000); // rank 0 would otherwise sleep 120 s
  });

  it('forwards SIGTERM to the workers and exits 128 + 15', async () => {
    const port = await freePort();
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [launcher, '--nproc-per-node', '2', '--master-port', String(port), '--no-node', '/bin/sleep', '30'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((res) => {
      const check = () => (/started 2 workers/.test(stderr) ? res() : setTimeout(check, 50));
      check();
    });
    const t0 = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
    expect(code).toBe(143);
    expect(stderr).toMatch(/received SIGTERM/);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});
