// Tensor.backward's arguments as Python takes them: backward(gradient=None, retain_graph=None,
// create_graph=False), each positional or by keyword (autogradqs passes retain_graph by keyword after
// the gradient; positional retain_graph was refused before). Compared with Python 1.13 run here.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = `
import json, torch
x = torch.tensor([1.5, -2.0], requires_grad=True)
y = (x * x).sum()
grads = []
y.backward(None, True); grads.append(x.grad.tolist())
y.backward(torch.tensor(2.), True, False); grads.append(x.grad.tolist())
y.backward(gradient=torch.tensor(0.5), retain_graph=True); grads.append(x.grad.tolist())
z = x.pow(3).sum(); x.grad = None
z.backward(None, None, True); grads.append([x.grad.tolist(), x.grad.requires_grad])
errors = []
for f in (lambda: y.backward(None, True, retain_graph=True), lambda: (y.backward(None, False), y.backward())):
    try:
        f(); errors.append(None)
    except (TypeError, RuntimeError) as e:
        errors.append([type(e).__name__, str(e)])
print(json.dumps({'grads': grads, 'errors': errors}))
`;

describe('Tensor.backward(gradient, retainGraph, createGraph)', () => {
  it.skipIf(!hasPythonTorch())('takes the positional and keyword forms of Python 1.13', () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const python = JSON.parse(r.stdout);
    const x = torch.tensor([1.5, -2.0], { requiresGrad: true });
    const y = x.mul(x).sum();
    const grads: unknown[] = [];
    y.backward(null, true); grads.push(x.grad!.tolist());
    y.backward(torch.tensor(2.), true, false); grads.push(x.grad!.tolist());
    y.backward({ gradient: torch.tensor(0.5), retainGraph: true }); grads.push(x.grad!.tolist());
    const z = x.pow(3).sum(); x.grad = null;
    z.backward(null, null, true); grads.push([x.grad!.tolist(), x.grad!.requiresGrad]);
    expect(grads).toEqual(python.grads);
    // Python: "backward() got multiple values for argument 'retain_graph'"
    expect(python.errors[0][0]).toBe('TypeError');
    expect(() => y.backward(null, true, { retainGraph: true })).toThrow("torch.Tensor.backward: got multiple values for argument 'retain_graph'");
    expect(() => { y.backward(null, false); y.backward(); }).toThrow(python.errors[1][1].split('.')[0]);
  });

  it('checks each argument', () => {
    const y = torch.ones(2, { requiresGrad: true }).sum();
    expect(() => y.backward(3 as never)).toThrow('torch.Tensor.backward: gradient must be a Tensor, got 3');
    expect(() => y.backward(null, 'a' as never)).toThrow('torch.Tensor.backward: retain_graph must be a boolean, got "a"');
    expect(() => y.backward({ foo: 1 } as never)).toThrow("torch.Tensor.backward: unknown option 'foo'");
    expect(() => y.backward({ retainGraph: true }, true as never)).toThrow('torch.Tensor.backward: unexpected argument after the options object');
  });
});
