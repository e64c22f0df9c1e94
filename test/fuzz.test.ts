// Thousands of random bad calls (public API, Tensor methods on real and foreign receivers, raw native
// functions with garbage) in a child process: a native crash, abort or OOM kill would be its exit
// status. See test/helpers/fuzz.ts; replay a seed with
//   FUZZ_TRACE=1 node_modules/.bin/vite-node test/helpers/fuzz.ts -- 10000 <seed>
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const viteNode = path.join(root, 'node_modules', 'vite-node', 'vite-node.mjs');

function fuzz(calls: number, seed: number) {
  const r = spawnSync(process.execPath, [viteNode, path.join(root, 'test', 'helpers', 'fuzz.ts'), '--', String(calls), String(seed)], {
    cwd: root,
    encoding: 'utf8',
    timeout: 170_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { status: r.status, signal: r.signal, stderr: r.stderr, summary: last.startsWith('{') ? JSON.parse(last) : null };
}

describe('fuzzing the API with bad calls', () => {
  it('survives 10,000 random bad calls and rejects each with a clean Error', () => {
    const { status, signal, stderr, summary } = fuzz(10_000, 7);
    if (status !== 0) throw new Error(`fuzz child died (status ${status}, signal ${signal}):\n${stderr.slice(-3000)}`);
    expect(summary.calls).toBeGreaterThan(10_000);
    // Most calls are bad on purpose; the rest must have succeeded without harm.
    expect(summary.errors).toBeGreaterThan(summary.calls / 2);
    expect(summary.badErrors).toBe(0); // non-Error throws, empty messages, C++ backtraces
    expect(summary.notRejected).toEqual([]); // 2**40 elements, bad dtype codes and devices, ...
    console.log(`fuzz: ${summary.calls} calls, ${summary.errors} errors, ${summary.internalErrors} unchecked JS errors`, summary.samples.slice(0, 5));
  }, 180_000);
});
