// The generated typings (lib/_C/generated): tsc accepts calls that match a Python signature of the op
// and rejects those that do not, so editors complete them and a build catches a wrong call.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.join(__dirname, '..', '..');

describe('generated typings', () => {
  it('type-check the calls Python allows and reject the ones it does not', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'typings-'));
    const file = path.join(dir, 'calls.ts');
    fs.writeFileSync(file, `import * as torch from ${JSON.stringify(path.join(root, 'lib'))};
const a: torch.Tensor = torch.rand(3, 3);
const b: torch.Tensor = torch.atan2(a, a);
const c: torch.Tensor = a.atan2(b).cumsum(0, { dtype: torch.float64 });
const { values, indices } = torch.topk(a.flatten(), 2, { largest: false });
const [v2, i2]: torch.Tensor[] = torch.topk(a.flatten(), 2);
const u: torch.Tensor = torch.linalg.svd(a).U;
const n: torch.Tensor = torch.linalg.norm(a, { dim: 1 });
const s: torch.Tensor = torch._C._nn.avgPool2d(a.view(1, 1, 3, 3), 2);
const m: torch.Tensor = torch.remainder(a, 2);
const f: boolean = a.isComplex();
// @ts-expect-error: a string is no tensor
torch.atan2(a, 'x');
// @ts-expect-error: topk has no option 'bogus'
torch.topk(a, 2, { bogus: 1 });
// @ts-expect-error: cumsum needs dim
a.cumsum();
export { c, values, indices, v2, i2, u, n, s, m, f };
`);
    const tsc = require.resolve('typescript/bin/tsc');
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--types', 'node', file], { encoding: 'utf8', cwd: root });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
