// torch.linspace with steps as Python's keyword, as pytorch/tutorials' autogradyt calls it:
// torch.linspace(0., 2. * math.pi, steps=25, requires_grad=True). Compared with Python 1.13 run here.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = `
import json, math, torch
rows = []
for t in (torch.linspace(0., 2. * math.pi, steps=25, requires_grad=True), torch.linspace(-1, 1, steps=4, dtype=torch.float64), torch.linspace(3, 3, steps=0)):
    rows.append([str(t.dtype), list(t.shape), t.tolist(), t.requires_grad])
print(json.dumps(rows))
`;

describe('torch.linspace({ steps })', () => {
  it.skipIf(!hasPythonTorch())('makes the tensors of Python 1.13', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const made = [torch.linspace(0., 2. * Math.PI, { steps: 25, requiresGrad: true }), torch.linspace(-1, 1, { steps: 4, dtype: torch.float64 }), torch.linspace(3, 3, { steps: 0 })];
    expect(made.map((t) => [String(t.dtype), t.shape, t.tolist(), t.requiresGrad])).toEqual(JSON.parse(r.stdout));
  });

  it('checks steps as the positional one', () => {
    expect(() => torch.linspace(0, 1, { requiresGrad: true } as never)).toThrow('torch.linspace: steps must be an integer, got undefined');
    expect(() => torch.linspace(0, 1, { steps: -2 })).toThrow(/torch\.linspace: steps must be a non-negative integer/);
    expect(() => torch.linspace(0, 1, { steps: 3 }, {})).toThrow('torch.linspace: unexpected argument 4');
    expect(() => torch.linspace(0, 1, { steps: 3, foo: 1 } as never)).toThrow("torch.linspace: unknown option 'foo'");
  });
});
