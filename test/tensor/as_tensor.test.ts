// torch.as_tensor and torch.asarray (lib/creation.ts) against Python 1.13, run at test time.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

// Python's results: [dtype, values, grad_fn name, is the input itself] per case, in the order of `cases` below
const PYTHON = `
import json, torch
t = torch.tensor([1.5, 2.5], requires_grad=True)
def row(x, src=None):
    return [str(x.dtype), x.tolist(), type(x.grad_fn).__name__ if x.grad_fn is not None else None, x is src]
print(json.dumps([
    row(torch.as_tensor(t), t), row(torch.as_tensor(t, dtype=torch.float32), t), row(torch.as_tensor(t, device='cpu'), t),
    row(torch.as_tensor(t, dtype=torch.float64), t), row(torch.as_tensor([1, 2], dtype=torch.int64)),
    row(torch.as_tensor([[1.5, 2]], dtype=torch.int32)), row(torch.as_tensor(3.0)), row(torch.as_tensor([True])),
]))
`;

describe('torch.as_tensor', () => {
  it.skipIf(!hasPythonTorch())('returns a matching tensor as is, converts others with autograd, makes the rest as torch.tensor', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout);
    const t = torch.tensor([1.5, 2.5], { requiresGrad: true });
    const row = (x: torch.Tensor, src?: torch.Tensor) => [String(x.dtype), x.tolist(), x.gradFn ? x.gradFn.name() : null, x === src];
    const got = [
      row(torch.asTensor(t), t), row(torch.asTensor(t, { dtype: torch.float32 }), t), row(torch.asTensor(t, { device: 'cpu' }), t),
      row(torch.asTensor(t, { dtype: torch.float64 }), t), row(torch.asTensor([1, 2], { dtype: torch.int64 })),
      row(torch.asTensor([[1.5, 2]], { dtype: torch.int32 })), row(torch.asTensor(3.0 as never)), row(torch.asTensor([true])),
    ];
    expect(got).toEqual(want);
  });

  it("rejects what Python rejects (requires_grad is not an option of as_tensor)", () => {
    expect(() => torch.asTensor([1], { requiresGrad: true } as never)).toThrow(/^torch\.as_tensor: unknown option 'requiresGrad'/);
    expect(() => torch.asTensor(torch.ones(1), { dtype: 'x' as never })).toThrow(/^torch\.as_tensor: dtype must be/);
    expect(() => torch.asTensor('x' as never)).toThrow(TypeError);
  });
});

const PYTHON_ASARRAY = `
import json, torch
def row(r, src=None):
    return [str(r.dtype), r.tolist(), r.requires_grad, r.is_leaf, r is src, src is not None and r.data_ptr() == src.data_ptr()]
def err(f):
    try: f()
    except ValueError as e: return str(e)
a = torch.tensor([1.5, 2.5]); g = torch.tensor([1.5, 2.5], requires_grad=True); y = g * 2
print(json.dumps({'rows': [
    row(torch.asarray(a), a), row(torch.asarray(a, copy=True), a), row(torch.asarray(a, dtype=torch.float64), a),
    row(torch.asarray(y), y), row(torch.asarray(y, requires_grad=True), y), row(torch.asarray(g, dtype=torch.float64), g),
    row(torch.asarray([1, 2], dtype=torch.int64)), row(torch.asarray([1.5, 2], requires_grad=True)), row(torch.asarray(g), g),
], 'errors': [err(lambda: torch.asarray(a, dtype=torch.float64, copy=False)), err(lambda: torch.asarray([1, 2], copy=False))]}))
`;

describe('torch.asarray', () => {
  it.skipIf(!hasPythonTorch())('aliases, copies or converts as Python does, and sets requires_grad as Python does', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON_ASARRAY], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout);
    const a = torch.tensor([1.5, 2.5]);
    const g = torch.tensor([1.5, 2.5], { requiresGrad: true });
    const y = g.mul(2);
    const row = (x: torch.Tensor, src?: torch.Tensor) => [String(x.dtype), x.tolist(), x.requiresGrad, x.isLeaf, x === src, src !== undefined && x.dataPtr() === src.dataPtr()];
    expect([
      row(torch.asarray(a), a), row(torch.asarray(a, { copy: true }), a), row(torch.asarray(a, { dtype: torch.float64 }), a),
      row(torch.asarray(y), y), row(torch.asarray(y, { requiresGrad: true }), y), row(torch.asarray(g, { dtype: torch.float64 }), g),
      row(torch.asarray([1, 2], { dtype: torch.int64 })), row(torch.asarray([1.5, 2], { requiresGrad: true })), row(torch.asarray(g), g),
    ]).toEqual(want.rows);
    expect(() => torch.asarray(a, { dtype: torch.float64, copy: false })).toThrow(new RangeError(`torch.asarray: ${want.errors[0]}`));
    expect(() => torch.asarray([1, 2], { copy: false })).toThrow(new RangeError(`torch.asarray: ${want.errors[1]}`));
    expect(() => torch.asarray(a, { copy: 1 } as never)).toThrow(/^torch\.asarray: copy must be/);
    expect(() => torch.asarray(a, { requires_grad: true } as never)).toThrow(/did you mean 'requiresGrad'/);
  });
});
