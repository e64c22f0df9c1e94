// Python's out= of torch.zeros/ones/empty/rand/randn (lib/creation.ts), as pytorch/tutorials'
// tensors_deeper calls it: `torch.rand(2, 2, out=c)` fills c and returns it. Before, 'out' was an
// unknown option. Compared with Python 1.13 run here (values after the same seeds, and its errors).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = `
import json, torch
rows = []
def row(r, ret):
    rows.append([ret is r, str(r.dtype), list(r.shape), r.tolist(), r.requires_grad])
torch.manual_seed(3); c = torch.zeros(2, 2); row(c, torch.rand(2, 2, out=c))
c = torch.ones(3); row(c, torch.zeros((2,), out=c))
c = torch.empty(0, dtype=torch.int64); row(c, torch.ones(2, 3, out=c, dtype=torch.int64))
torch.manual_seed(4); c = torch.empty(0, dtype=torch.float64); row(c, torch.randn(size=(3,), out=c))
g = torch.Generator().manual_seed(5); c = torch.empty(0); row(c, torch.rand(4, generator=g, out=c))
g = torch.Generator().manual_seed(6); c = torch.empty(0); row(c, torch.randn(2, generator=g, out=c))
c = torch.zeros(2); row(c, torch.rand(2, out=c, requires_grad=True) * 0)
c = torch.zeros(5); row(c, torch.empty(0, out=c))
errors = []
for f in (lambda: torch.rand(2, out=torch.zeros(2), dtype=torch.float64),
          lambda: torch.zeros(2, out=torch.zeros(2), device='meta'),
          lambda: torch.rand(2, out=torch.empty(0, dtype=torch.int64)),
          lambda: torch.empty(2, out=torch.zeros(2), memory_format=torch.contiguous_format)):
    try:
        f(); errors.append(None)
    except RuntimeError as e:
        errors.append(str(e))
print(json.dumps({'rows': rows, 'errors': errors}))
`;

describe('out= of the size factories', () => {
  it.skipIf(!hasPythonTorch())('fills out as Python 1.13 does', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const python = JSON.parse(r.stdout);
    const rows: unknown[] = [];
    const row = (c: torch.Tensor, ret: torch.Tensor) => rows.push([ret === c, String(c.dtype), c.shape, c.tolist(), c.requiresGrad]);
    let c: torch.Tensor;
    torch.manualSeed(3); c = torch.zeros(2, 2); row(c, torch.rand(2, 2, { out: c }));
    c = torch.ones(3); row(c, torch.zeros([2], { out: c }));
    c = torch.empty(0, { dtype: torch.int64 }); row(c, torch.ones(2, 3, { out: c, dtype: torch.int64 }));
    torch.manualSeed(4); c = torch.empty(0, { dtype: torch.float64 }); row(c, torch.randn({ size: [3], out: c }));
    c = torch.empty(0); row(c, torch.rand(4, { generator: new torch.Generator().manualSeed(5), out: c }));
    c = torch.empty(0); row(c, torch.randn(2, { generator: new torch.Generator().manualSeed(6), out: c }));
    // Python's row reports out, not the product (ret is r is False there too)
    c = torch.zeros(2); row(c, torch.rand(2, { out: c, requiresGrad: true }).mul(0));
    c = torch.zeros(5); row(c, torch.empty(0, { out: c }));
    expect(rows).toEqual(python.rows);
    const calls = [
      () => torch.rand(2, { out: torch.zeros(2), dtype: torch.float64 }),
      () => torch.zeros(2, { out: torch.zeros(2), device: 'meta' }),
      () => torch.rand(2, { out: torch.empty(0, { dtype: torch.int64 }) }),
      () => torch.empty(2, { out: torch.zeros(2), memoryFormat: torch.contiguous_format }),
    ];
    calls.forEach((f, k) => expect(f).toThrow(python.errors[k]));
  });

  it('names the call and the argument', () => {
    expect(() => torch.zeros(2, { out: 3 } as never)).toThrow('torch.zeros: out must be a Tensor, got 3');
    expect(() => torch.ones(2, { out: torch.zeros(1), foo: 1 } as never)).toThrow("torch.ones: unknown option 'foo'");
  });
});
