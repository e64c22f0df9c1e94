// Runs a TypeScript snippet in a fresh Node process (vite-node, as vitest would), for what must be
// decided before the addon loads: which addon file, which BLAS, which environment.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const repoRoot = path.resolve(__dirname, '..', '..');

export interface ChildResult { status: number | null; stdout: string; stderr: string }

/** `code` may import the library as `torch-node-lib`; it runs with `env` added to this environment. */
export function runTs(code: string, env: Record<string, string | undefined> = {}): ChildResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-child-'));
  const file = path.join(dir, 'child.ts');
  fs.writeFileSync(file, code.replaceAll('torch-node-lib', path.join(repoRoot, 'lib')));
  try {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules', 'vite-node', 'vite-node.mjs'), file], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
