// Forward pre-hooks and forward hooks (torch/nn/modules/module.py, _call_impl): they run when user code
// calls `model.forward(x)`, as Python's run for `model(x)`, for the root and for each submodule.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { Tensor, nn } from '../../lib';

describe('nn.Module forward hooks', () => {
  it('run around forward, in registration order, and may replace the input and the output', () => {
    const lin = new nn.Linear(2, 2);
    const seen: string[] = [];
    const h1 = lin.registerForwardPreHook((m, input) => {
      seen.push(`pre1 ${m === lin} ${input.length}`);
      return (input[0] as Tensor).mul(0); // one value: it becomes the only argument
    });
    lin.registerForwardPreHook(() => void seen.push('pre2'));
    const h3 = lin.registerForwardHook((m, input, output) => {
      seen.push(`post ${(input[0] as Tensor).abs().sum().item()}`);
      return (output as Tensor).add(10);
    });
    const out = lin.forward(torch.ones(1, 2));
    expect(seen).toEqual(['pre1 true 1', 'pre2', 'post 0']);
    // zero input: the output is the bias, plus the forward hook's 10
    expect(out.sub(lin.bias!.add(10)).abs().max().item()).toBe(0);
    h1.remove();
    h3.remove();
    h3.remove(); // removing twice is harmless, as in Python
    seen.length = 0;
    const plain = lin.forward(torch.ones(1, 2));
    expect(seen).toEqual(['pre2']);
    expect(plain.sub(torch.ones(1, 2).matmul(lin.weight.t()).add(lin.bias!)).abs().max().item()).toBeLessThan(1e-6);
    expect(h1.id).not.toBe(h3.id);
  });

  it('run for submodules called from a parent\'s forward', () => {
    const seq = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU(), new nn.Linear(4, 1));
    const shapes: number[][] = [];
    for (const m of seq.children()) m.registerForwardHook((_m, _i, o) => void shapes.push((o as Tensor).shape));
    seq.forward(torch.randn(5, 3));
    expect(shapes).toEqual([[5, 4], [5, 4], [5, 1]]);
  });

  it('check their argument', () => {
    expect(() => new nn.ReLU().registerForwardHook(3 as never)).toThrow(/register_forward_hook: hook must be a function/);
    expect(() => new nn.ReLU().registerForwardPreHook(null as never)).toThrow(/register_forward_pre_hook: hook must be a function/);
  });
});
