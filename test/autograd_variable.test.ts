// torch.autograd.Variable, as pytorch/tutorials' nlp scripts still call it: a detached leaf sharing
// storage, requires_grad as given, an empty tensor without data. Compared with Python 1.13 run here.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../lib';
import { hasPythonTorch } from './helpers/fixtures';

const { Variable } = torch.autograd;

const PYTHON = `
import json, torch
from torch.autograd import Variable
x = torch.tensor([1.5, -2.0], requires_grad=True) * 3
rows = []
for v in (Variable(x), Variable(x, True), Variable(x, requires_grad=True), Variable(), Variable(torch.tensor([4, 5]))):
    rows.append([str(v.dtype), list(v.shape), v.tolist(), v.requires_grad, v.is_leaf, v.grad_fn is None])
v = Variable(x, requires_grad=True)
(v * v).sum().backward()
same = Variable(x)
same.add_(1)
errors = []
try:
    Variable(torch.tensor([1, 2]), True)
except RuntimeError as e:
    errors.append(str(e))
print(json.dumps({'rows': rows, 'grad': v.grad.tolist(), 'shared': x.tolist(), 'isinstance': isinstance(torch.ones(1), Variable), 'errors': errors}))
`;

describe('torch.autograd.Variable', () => {
  it.skipIf(!hasPythonTorch())('makes the tensors Python 1.13 makes', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const python = JSON.parse(r.stdout);
    const x = torch.tensor([1.5, -2.0], { requiresGrad: true }).mul(3);
    const made = [Variable(x), Variable(x, true), new Variable(x, { requiresGrad: true }), Variable(), Variable(torch.tensor([4n, 5n]))];
    expect(made.map((t) => [String(t.dtype), t.shape, t.tolist(), t.requiresGrad, t.isLeaf, t.gradFn === null])).toEqual(python.rows);
    const v = Variable(x, { requiresGrad: true });
    v.mul(v).sum().backward();
    expect(v.grad!.tolist()).toEqual(python.grad);
    Variable(x).add_(1);  // shares x's storage
    expect(x.tolist()).toEqual(python.shared);
    expect(torch.ones(1) instanceof Variable).toBe(python.isinstance);
    expect(() => Variable(torch.tensor([1n, 2n]), true)).toThrow(python.errors[0]);
  });

  it('names the argument in its errors', () => {
    expect(() => Variable(3 as never)).toThrow('torch.autograd.Variable: data must be a Tensor, got 3');
    expect(() => Variable(torch.ones(1), 'a' as never)).toThrow('torch.autograd.Variable: requires_grad must be a boolean, got "a"');
    expect(() => Variable(torch.ones(1), { foo: 1 } as never)).toThrow("torch.autograd.Variable: unknown option 'foo'");
    expect({} instanceof Variable).toBe(false);
  });
});
