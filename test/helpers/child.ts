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

/**
 * Transpiles `entry` and the files it imports (relative imports only) to CommonJS under outDir, keeping
 * their paths relative to the repository; returns the entry's .js file. For children that must start
 * in milliseconds: plain `node` on the result, without vite-node and, as long as the entry does not
 * import lib/native, without libtorch.
 */
export function transpileTree(entry: string, outDir: string): string {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ts = require('typescript') as typeof import('typescript');
  const written = new Set<string>();
  const visit = (file: string): string => {
    const out = path.join(outDir, path.relative(repoRoot, file).replace(/\.ts$/, '.js'));
    if (written.has(file)) return out;
    written.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/\bfrom '(\.{1,2}\/[^']*)'/g)) {
      const base = path.resolve(path.dirname(file), spec);
      visit(fs.existsSync(`${base}.ts`) ? `${base}.ts` : path.join(base, 'index.ts'));
    }
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, js.outputText);
    return out;
  };
  return visit(entry);
}
