// 1,000 seeded mutations of checkpoints in each format torch.load reads (zip, legacy stream, tar):
// flipped bytes, truncations, insertions, zeroed ranges and length fields set to extreme values. Run in
// a child process (test/helpers/mutate_loads.ts), so that a crash or an abort from a huge allocation is
// its exit status; every load returns or throws an Error naming torch.load and the file, and none hangs.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runNode } from '../helpers/child';

const MUTATIONS = 1000;

describe('torch.load on mutated checkpoints', () => {
  it(`returns or throws an Error on ${MUTATIONS} mutations per format, without a crash or a hang`, async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-mutate-'));
    const helper = path.join(repoRoot, 'test', 'helpers', 'mutate_loads.ts');
    const r = await runNode([path.join(repoRoot, 'node_modules', 'vite-node', 'vite-node.mjs'), helper, '--', String(MUTATIONS), '5', work]);
    fs.rmSync(work, { recursive: true, force: true });
    const last = r.stdout.trim().split('\n').pop() ?? '';
    // A crash, an abort or runNode's time limit (a hang) leaves no summary; stderr's last line names the load.
    if (r.status !== 0 || !last.startsWith('{')) throw new Error(`the loads died (status ${r.status}) at: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const summary = JSON.parse(last) as Record<string, { loads: number; returned: number; threw: number; bad: number; slowestMs: number; samples: string[] }>;
    for (const [format, s] of Object.entries(summary)) {
      console.log(`mutate ${format}: ${s.loads} loads, ${s.returned} returned, ${s.threw} threw, ${s.bad} bad errors, slowest ${s.slowestMs} ms`, s.samples);
      expect(s.loads).toBe(MUTATIONS);
      expect(s.bad).toBe(0);
      expect(s.threw).toBeGreaterThan(0);
      expect(s.slowestMs).toBeLessThan(5000); // no load near a hang
    }
    expect(Object.keys(summary)).toEqual(['zip', 'legacy', 'tar']);
  }, 150_000);
});
