// Thousands of random bad calls (public API, Tensor methods on real and foreign receivers, raw native
// functions with garbage) in a child process: a native crash, abort or OOM kill would be its exit
// status. See test/helpers/fuzz.ts; replay a seed with
//   FUZZ_TRACE=1 node_modules/.bin/vite-node test/helpers/fuzz.ts -- 10000 <seed>
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
  it('survives 10,000 random bad calls and rejects each with a clean Error', async () => {
    const { status, signal, stderr, summary } = await fuzz(10_000, 7);
    if (status !== 0) throw new Error(`fuzz child died (status ${status}, signal ${signal}):\n${stderr.slice(-3000)}`);
    expect(summary.calls).toBeGreaterThan(10_000);
    // Most calls are bad on purpose; the rest must have succeeded without harm.
    expect(summary.errors).toBeGreaterThan(summary.calls / 2);
    expect(summary.badErrors).toBe(0); // non-Error throws, empty messages, C++ backtraces
    expect(summary.notRejected).toEqual([]); // 2**40 elements, bad dtype codes and devices, ...
    console.log(`fuzz: ${summary.calls} calls, ${summary.errors} errors, ${summary.internalErrors} unchecked JS errors`, summary.samples.slice(0, 5));
  }, 180_000);
});
