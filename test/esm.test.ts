// The published entry points (package.json "exports"): ESM and CommonJS, resolved by package name
// through a node_modules link, as an application would. They run the built dist/ (npm run build:ts).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, runNode } from './helpers/child';

const built = fs.existsSync(path.join(repoRoot, 'dist', 'esm', 'index.mjs'));
const visionBuilt = fs.existsSync(path.join(repoRoot, 'dist', 'esm', 'vision.mjs'));
let app: string;

async function node(args: string[]): Promise<{ status: number | null; out: string; err: string }> {
  const r = await runNode(args, { cwd: app });
  return { status: r.status, out: r.stdout.trim(), err: r.stderr };
}

describe.skipIf(!built)('package entry points (run `npm run build:ts` first)', () => {
  beforeAll(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-app-'));
    fs.mkdirSync(path.join(app, 'node_modules'));
    fs.symlinkSync(repoRoot, path.join(app, 'node_modules', 'torch-node'));
  });
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  it("import * as torch from 'torch-node' gives the CommonJS module's named exports, one shared instance", async () => {
    const r = await node([
      '--input-type=module',
      '-e',
      `import * as torch from 'torch-node';
       import { createRequire } from 'node:module';
       const cjs = createRequire(import.meta.url)('torch-node');
       const named = Object.keys(torch).filter((k) => k !== 'default').sort();
       console.log(JSON.stringify({
         sameNames: JSON.stringify(named) === JSON.stringify(Object.keys(cjs).sort()),
         sameInstance: torch.default === cjs && torch.zeros === cjs.zeros,
         sum: torch.add(torch.tensor([1, 2]), torch.tensor([3, 4])).tolist(),
       }));`,
    ]);
    expect(r.err).not.toMatch(/Error/);
    expect(JSON.parse(r.out)).toEqual({ sameNames: true, sameInstance: true, sum: [4, 6] });
  });

  it("require('torch-node') works from CommonJS", async () => {
    const r = await node(['-e', `const torch = require('torch-node'); console.log(JSON.stringify(torch.ones([2, 2]).sum().item()));`]);
    expect(r.err).not.toMatch(/Error/);
    expect(r.out).toBe('4');
  });

  it.skipIf(!visionBuilt)("import * as vision from 'torch-node/vision' and require('torch-node/vision') agree", async () => {
    const r = await node([
      '--input-type=module',
      '-e',
      `import * as vision from 'torch-node/vision';
       import { createRequire } from 'node:module';
       const cjs = createRequire(import.meta.url)('torch-node/vision');
       console.log(JSON.stringify(Object.keys(vision).filter((k) => k !== 'default').sort()) === JSON.stringify(Object.keys(cjs).sort()));`,
    ]);
    expect(r.out).toBe('true');
  });

  it('an unknown subpath is not exported', async () => {
    const r = await node(['-e', `require('torch-node/lib/tensor')`]);
    expect(r.status).not.toBe(0);
    expect(r.err).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });
});
