// Both builds of the addon (cmake-js: build/, node-gyp: build-gyp/) load and compute what Python
// PyTorch computes. Each runs in its own process, chosen with TORCH_NODE_ADDON before loading.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, runTs } from './helpers/child';

const smoke = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'addon', 'smoke.json'), 'utf8'));
const addons = {
  'cmake-js': path.join(repoRoot, 'build', 'Release', 'torch_node.node'),
  'node-gyp': path.join(repoRoot, 'build-gyp', 'Release', 'torch_node.node'),
};

// Prints the smoke results and the addon file that this process really mapped.
const child = `
import * as fs from 'node:fs';
import * as torch from 'torch-node-lib';
torch.manualSeed(${smoke.seed});
const a = torch.randn(3, 4);
const b = torch.randn(4, 2);
const addon = fs.readFileSync('/proc/self/maps', 'utf8').split('\\n').map((l) => l.split(/\\s+/).slice(5).join(' ')).find((f) => f.endsWith('torch_node.node'));
console.log(JSON.stringify({ a: a.tolist(), b: b.tolist(), matmul: a.matmul(b).tolist(), addon }));
`;

function expectClose(actual: number[][], expected: number[][], tol: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => row.forEach((x, j) => expect(Math.abs(x - expected[i][j])).toBeLessThanOrEqual(tol)));
}

describe('native builds', () => {
  for (const [name, file] of Object.entries(addons)) {
    it.skipIf(!fs.existsSync(file))(`${name} addon (${path.relative(repoRoot, file)}) matches Python: seeded randn and matmul`, async () => {
      const r = await runTs(child, { TORCH_NODE_ADDON: file });
      expect(r.stderr).not.toMatch(/Error/);
      const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(out.addon).toBe(fs.realpathSync(file));
      expect(out.a).toEqual(smoke.a);
      expect(out.b).toEqual(smoke.b);
      expectClose(out.matmul, smoke.matmul, 1e-5);
    });
  }

  it('TORCH_NODE_ADDON naming a missing file fails with a message that says how to build', async () => {
    const r = await runTs(`import * as torch from 'torch-node-lib'; torch.zeros(1);`, { TORCH_NODE_ADDON: '/nonexistent/torch_node.node' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('/nonexistent/torch_node.node');
    expect(r.stderr).toContain('npm run build:native');
  });
});
