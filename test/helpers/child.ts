// Runs a TypeScript snippet in a fresh Node process (vite-node, as vitest would), for what must be
// decided before the addon loads: which addon file, which BLAS, which environment.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFile } from 'node:child_process';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface ChildResult { status: number | null; stdout: string; stderr: string }

/** Runs `node args` without blocking this worker's event loop (vitest's worker must keep answering
 *  its runner: a worker blocked for 60 s fails the whole run). */
export function runNode(args: string[], opts: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { cwd: opts.cwd ?? repoRoot, env: { ...process.env, ...opts.env }, encoding: 'utf8', timeout: 120_000 },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** `code` may import the library as `torch-node-lib`; it runs with `env` added to this environment. */
export async function runTs(code: string, env: Record<string, string | undefined> = {}): Promise<ChildResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-child-'));
  const file = path.join(dir, 'child.ts');
  fs.writeFileSync(file, code.replaceAll('torch-node-lib', path.join(repoRoot, 'lib')));
  try {
    return await runNode([path.join(repoRoot, 'node_modules', 'vite-node', 'vite-node.mjs'), file], { env });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
