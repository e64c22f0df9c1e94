// nn.utils.parametrize.transferParametrizationsAndParams against Python 1.13, run at test time.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import * as torch from '../../../lib';
import { hasPythonTorch } from '../../helpers/fixtures';

const { nn } = torch;
const P = nn.utils.parametrize;

const PYTHON = `
import json, torch, torch.nn as nn
from torch.nn.utils import parametrize as P, parametrizations as PZ
torch.manual_seed(0)
a = PZ.orthogonal(nn.Linear(3, 3))
b = nn.Linear(3, 3)
c = nn.Linear(3, 3)
del c.weight
P.transfer_parametrizations_and_params(a, b)
P.transfer_parametrizations_and_params(a, c, 'weight')
print(json.dumps({'repr': repr(b), 'keys_b': list(b.state_dict().keys()), 'keys_c': list(c.state_dict().keys()),
  'shared': b.parametrizations.weight.original is a.parametrizations.weight.original,
  'b_weight': b.weight.tolist(), 'c_weight': c.weight.tolist(), 'b_bias': b.bias.tolist(),
  'plain': P.transfer_parametrizations_and_params(nn.Linear(2, 2), b) is b}))
`;

describe('nn.utils.parametrize.transferParametrizationsAndParams', () => {
  it.skipIf(!hasPythonTorch())('shares the parametrizations and originals as Python', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout);
    torch.manualSeed(0);
    const a = nn.utils.parametrizations.orthogonal(new nn.Linear(3, 3)) as nn.Linear & { parametrizations: torch.nn.ModuleDict };
    const b = new nn.Linear(3, 3) as nn.Linear & { parametrizations: torch.nn.ModuleDict };
    const c = new nn.Linear(3, 3);
    delete (c as unknown as Record<string, unknown>).weight;
    P.transferParametrizationsAndParams(a, b);
    P.transferParametrizationsAndParams(a, c, 'weight');
    const orig = (m: { parametrizations: torch.nn.ModuleDict }) => (m.parametrizations.get('weight') as unknown as { original: torch.Tensor }).original;
    const close = (x: number[][], y: number[][]) => x.every((row, i) => row.every((e, j) => Math.abs(e - y[i][j]) < 1e-5));
    expect(String(b)).toBe(want.repr);
    expect([...b.stateDict().keys()]).toEqual(want.keys_b);
    expect([...c.stateDict().keys()]).toEqual(want.keys_c);
    expect(orig(b) === orig(a)).toBe(want.shared);
    expect(close(b.weight.tolist() as number[][], want.b_weight)).toBe(true);
    expect(close(c.weight.tolist() as number[][], want.c_weight)).toBe(true);
    expect(close([b.bias!.tolist() as number[]], [want.b_bias])).toBe(true);
    expect(P.transferParametrizationsAndParams(new nn.Linear(2, 2), b) === b).toBe(want.plain);
    expect(() => P.transferParametrizationsAndParams(a, b, 'bias')).toThrow(/'bias' is not parametrized in from_module/);
  });
});
