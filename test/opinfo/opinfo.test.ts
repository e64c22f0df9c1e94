// Conformance with PyTorch's own OpInfo database (torch.testing._internal.common_methods_invocations.op_db):
// every float32 CPU sample that test/fixtures/gen_opinfo.py exported is run through torch-node's public
// API under the contract's names, and its outputs, gradients and Tensor-method and in-place variants
// are compared with Python's. An op passes when all its samples do.
// The samples run in child processes (test/opinfo/runner.ts), two at a time: a native crash ends only
// its child, is reported with the op and sample it happened in, and the rest runs on in a new child.
// The report, every failing op with its first reason, goes to $TORCH_NODE_FIXTURES/opinfo/report.md.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { repoRoot } from '../helpers/child';
import { hasOpinfoFixture, loadIndex, opinfoDir } from './fixture';
import { FAMILIES, runSuite } from './suite';

// What passes today, by family: a regression guard, not the goal (95% of the ops). The floors are
// raised as the generated op layer lands.
const FLOOR: Record<(typeof FAMILIES)[number], number> = {
  elementwise: 129, reductions: 25, linalg: 44, fft: 20, special: 35, 'nn.functional': 104, others: 237,
};

const SHARDS = 2;

describe('OpInfo conformance (PyTorch op_db, float32 CPU)', () => {
  it.skipIf(!hasOpinfoFixture())('runs every sample without a crash; passing ops by family stay at or above the floor', async () => {
    const runner = [process.execPath, path.join(repoRoot, 'node_modules', 'vite-node', 'vite-node.mjs'), path.join(__dirname, 'runner.ts')];
    const { outcomes, crashes, seconds, table, byFamily } = await runSuite(runner, { shards: SHARDS });
    console.log(`OpInfo conformance (${seconds.toFixed(1)} s; every failing op with its reason: ${path.join(opinfoDir, 'report.md')})\n${table}`);

    expect(outcomes.size).toBe(loadIndex().ops.length);
    expect.soft(crashes, 'native crashes (op and sample)').toEqual([]);
    for (const f of FAMILIES) expect(byFamily[f].pass, `${f}: passing ops`).toBeGreaterThanOrEqual(FLOOR[f]);
  }, 900_000);
});
