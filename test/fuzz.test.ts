// Random bad calls against every callable torch-node exports (torch.*, its namespaces, classes with
// their static and prototype members, Tensor methods and accessors, torch-node/vision, the raw addon),
// found by walking the exports, called round-robin with seeded garbage, in a child process: a native
// crash, abort or OOM kill would be its exit status. See test/helpers/fuzz.ts; replay a seed (from a
// scratch directory: random torch.save calls write files), from the repository root, with
//   cd "$(mktemp -d)" && FUZZ_TRACE=1 "$OLDPWD/node_modules/.bin/vite-node" --root "$OLDPWD" "$OLDPWD/test/helpers/fuzz.ts" -- 20000 <seed>
// The trace (stderr) lists each call with its arguments; the summary line (stdout) names each callable
// that threw a JS engine error (`unchecked`).
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const viteNode = path.join(root, 'node_modules', 'vite-node', 'vite-node.mjs');

// Asynchronous, so that the vitest worker keeps answering its runner while the child runs.
function fuzz(calls: number, seed: number): Promise<{ status: number | null; signal: string | null; stderr: string; summary: any }> {
  const args = [viteNode, '--root', root, path.join(root, 'test', 'helpers', 'fuzz.ts'), '--', String(calls), String(seed)];
  // Random calls include torch.save to random paths: let them land in a scratch directory.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-fuzz-'));
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, encoding: 'utf8', timeout: 170_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      fs.rmSync(cwd, { recursive: true, force: true });
      const last = stdout.trim().split('\n').pop() ?? '';
      const e = err as (Error & { code?: number; signal?: string }) | null;
      resolve({ status: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stderr, summary: last.startsWith('{') ? JSON.parse(last) : null });
    });
  });
}

describe('fuzzing the API with bad calls', () => {
  it('calls every exported callable several times, 24,000 calls in all, and each returns or throws a clean Error', async () => {
    const { status, signal, stderr, summary } = await fuzz(24_000, 7);
    if (status !== 0) throw new Error(`fuzz child died (status ${status}, signal ${signal}):\n${stderr.slice(-3000)}`);
    console.log(`fuzz: ${summary.calls} calls over ${summary.callables} callables (each at least ${summary.minCalls} times), ${summary.errors} errors, ${summary.internalErrors} unchecked JS errors; skipped: ${summary.skipped.length}; slowest:`, summary.slowest.slice(0, 3));
    expect(summary.calls).toBeGreaterThanOrEqual(24_000);
    // The walk found the API (about 2,800 callables in December 2026) and called each of them.
    expect(summary.callables).toBeGreaterThan(2000);
    expect(summary.uncalled).toEqual([]);
    expect(summary.minCalls).toBeGreaterThanOrEqual(5);
    // Most calls are bad on purpose; the rest must have succeeded without harm.
    expect(summary.errors).toBeGreaterThan(summary.calls / 2);
    expect(summary.badErrors).toBe(0); // non-Error throws, empty messages, C++ backtraces
    expect(summary.samples).toEqual([]);
    expect(summary.notRejected).toEqual([]); // 2**40 elements, bad dtype codes and devices, ...
    // A JS engine error ("Cannot read properties of undefined", "x is not a function") from a call
    // through the public API is a check that the TS layer missed: callable → first message.
    expect(summary.unchecked).toEqual({});
    expect(summary.internalErrors).toBe(0);
  }, 180_000);
});
