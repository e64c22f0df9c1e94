// Tensor.register_hook (lib/utils/hooks.ts, native/autograd_hooks.cc) against Python 1.13, run at test time.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = `
import json, torch
out = {}
seen = []
x = torch.tensor([1., 2., 3.], requires_grad=True)
h1 = x.register_hook(lambda g: g * 2)
h2 = x.register_hook(lambda g: seen.append(g.tolist()))
(x * x).sum().backward()
out['leaf'] = [x.grad.tolist(), seen[:]]
h1.remove()
x.grad = None
(x * x).sum().backward()
out['removed'] = [x.grad.tolist(), seen[:]]
x.grad = None
y = x * 3
y.register_hook(lambda g: g + 1)
y.register_hook(lambda g: g * 10)
y.sum().backward()
out['nonleaf'] = x.grad.tolist()
def bad_size(g): return g[:1]
z = torch.tensor([1., 2.], requires_grad=True)
z.register_hook(bad_size)
try:
    z.sum().backward()
except RuntimeError as e:
    out['bad_size'] = str(e)
try:
    torch.ones(2).register_hook(lambda g: g)
except RuntimeError as e:
    out['no_grad'] = str(e)
print(json.dumps(out))
`;

describe('Tensor.registerHook', () => {
  it.skipIf(!hasPythonTorch())("runs hooks in order on leaf and non-leaf gradients, removable; Python's errors", () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const want = JSON.parse(r.stdout);
    const seen: unknown[] = [];
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const h1 = x.registerHook((g) => g.mul(2));
    x.registerHook((g) => { seen.push(g.tolist()); });
    x.mul(x).sum().backward();
    expect([x.grad!.tolist(), [...seen]]).toEqual(want.leaf);
    h1.remove();
    x.grad = null;
    x.mul(x).sum().backward();
    expect([x.grad!.tolist(), [...seen]]).toEqual(want.removed);
    x.grad = null;
    const y = x.mul(3);
    y.registerHook((g) => g.add(1));
    y.registerHook((g) => g.mul(10));
    y.sum().backward();
    expect(x.grad!.tolist()).toEqual(want.nonleaf);

    const z = torch.tensor([1, 2], { requiresGrad: true });
    z.registerHook(function badSize(g) { return g.index(torch.slice(null, 1)); });
    expect(() => z.sum().backward()).toThrow(want.bad_size.replace('bad_size', 'badSize'));
    expect(() => torch.ones(2).registerHook((g) => g)).toThrow(new torch.TorchError(want.no_grad));
  });

  it('rejects a hook that is not a function, or that returns a non-tensor', () => {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    expect(() => x.registerHook(5 as never)).toThrow(/^torch\.Tensor\.register_hook: hook must be a function, got 5/);
    x.registerHook(() => 5 as never);
    expect(() => x.sum().backward()).toThrow(/expected Variable, but hook returned '5'/);
  });
});
