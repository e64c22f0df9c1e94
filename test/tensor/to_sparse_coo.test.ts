// Tensor.toSparseCoo (torch/_tensor.py's to_sparse_coo) against Python 1.13, run at test time.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = `
import json, torch
x = torch.tensor([[0., 1.5], [2., 0.]])
s = x.to_sparse_coo()
try:
    s.to_sparse_coo()
    err = None
except NotImplementedError as e:
    err = str(e).split('\\\\n')[0].split(' with arguments')[0]
print(json.dumps([str(s.layout), s._indices().tolist(), s._values().tolist(), s.to_dense().tolist(), err]))
`;

describe('Tensor.toSparseCoo', () => {
  it.skipIf(!hasPythonTorch())("is x.toSparse(), sparse input refused as in Python 1.13", () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const [layout, indices, values, dense, err] = JSON.parse(r.stdout);
    const s = torch.tensor([[0, 1.5], [2, 0]]).toSparseCoo() as torch.Tensor & { _indices(): torch.Tensor; _values(): torch.Tensor; toDense(): torch.Tensor };
    expect([String(s.layout), s._indices().tolist(), s._values().tolist(), s.toDense().tolist()]).toEqual([layout, indices, values, dense]);
    expect(() => s.toSparseCoo()).toThrow(err);
  });
});
