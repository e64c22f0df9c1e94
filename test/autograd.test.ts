// Autograd: requiresGrad, backward, grad, retainGrad, detach, grad modes and torch.autograd.grad,
// with gradients of composite expressions checked against Python (fixtures/tensor/autograd.json).
import { describe, it, expect } from 'vitest';
import * as torch from '../lib';
import { loadFixture, expectMatches, Encoded } from './tensor/fixture';

type T = torch.Tensor;
interface GradCase { name: string; inputs: unknown[]; gradOutput: number[] | null; output: Encoded; grads: Encoded[] }
const cases = loadFixture<GradCase[]>('autograd');

// The same expressions as gen_tensor.py's grad_case calls.
const EXPRS: Record<string, (...xs: T[]) => T> = {
  sum_mul: (a, b) => a.mul(b).sum(),
  mean_pow_exp: (a) => a.pow(3).add(a.exp()).mean(),
  softmax_log: (a) => a.softmax(1).log().sum(),
  matmul_tanh: (a, b) => a.matmul(b).tanh().sum(),
  sigmoid_div: (a, b) => a.sigmoid().div(b).sum(),
  grad_output: (a) => a.mul(a),
  clamp_relu_sqrt: (a) => a.clamp(0, 5).sqrt().add(a.relu()).sum(),
  norm_std: (a) => a.norm().add(a.std()),
};

describe('gradients match PyTorch', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: backward()', (_n, c) => {
    const xs = c.inputs.map((v) => torch.tensor(v as number[], { dtype: torch.float64, requiresGrad: true }));
    const y = EXPRS[c.name](...xs);
    expectMatches(y, c.output, `${c.name} output`, { rtol: 1e-12, atol: 1e-12 });
    y.backward(c.gradOutput ? torch.tensor(c.gradOutput, { dtype: torch.float64 }) : undefined);
    xs.forEach((x, i) => expectMatches(x.grad, c.grads[i], `${c.name} grad[${i}]`, { rtol: 1e-12, atol: 1e-12 }));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: torch.autograd.grad()', (_n, c) => {
    const xs = c.inputs.map((v) => torch.tensor(v as number[], { dtype: torch.float64, requiresGrad: true }));
    const y = EXPRS[c.name](...xs);
    const gradOutputs = c.gradOutput ? torch.tensor(c.gradOutput, { dtype: torch.float64 }) : undefined;
    const grads = torch.autograd.grad(y, xs, { gradOutputs });
    grads.forEach((g, i) => expectMatches(g, c.grads[i], `${c.name} grad[${i}]`, { rtol: 1e-12, atol: 1e-12 }));
    xs.forEach((x) => expect(x.grad).toBeNull());
  });
});

describe('autograd API', () => {
  it('requiresGrad get/set, requiresGrad_(), isLeaf, gradFn', () => {
    const x = torch.ones(2);
    expect(x.requiresGrad).toBe(false);
    x.requiresGrad = true;
    expect(x.requiresGrad).toBe(true);
    expect(x.requiresGrad_(false)).toBe(x);
    expect(x.requiresGrad).toBe(false);
    x.requiresGrad_();
    const y = x.mul(2);
    expect(y.isLeaf).toBe(false);
    expect(y.requiresGrad).toBe(true);
    expect(y.gradFn?.name()).toBe('MulBackward0');
    expect(x.gradFn).toBeNull();
  });

  it('accumulates .grad over backward calls and lets it be reset', () => {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(x.grad!.tolist()).toEqual([6, 6]);
    x.grad = null;
    expect(x.grad).toBeNull();
    x.mul(x).sum().backward();
    expect(x.grad!.tolist()).toEqual([2, 4]);
    x.grad!.zero_();
    expect(x.grad!.tolist()).toEqual([0, 0]);
  });

  it('retainGrad keeps a non-leaf gradient; without it there is none', () => {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    const k = x.mul(3);
    h.retainGrad();
    h.add(k).sum().backward();
    expect(h.grad!.tolist()).toEqual([1, 1]);
    expect(k.grad).toBeNull();
  });

  it('retainGraph allows a second backward; createGraph gives second derivatives', () => {
    const x = torch.tensor([2], { dtype: torch.float64, requiresGrad: true });
    const y = x.pow(3);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(x.grad!.item()).toBe(24);
    expect(() => y.backward()).toThrow(/Trying to backward through the graph a second time/);
    const [g] = torch.autograd.grad(x.pow(3), x, { createGraph: true });
    const [g2] = torch.autograd.grad(g!, x);
    expect(g!.item()).toBe(12);
    expect(g2!.item()).toBe(12);
  });

  it('detach() and detach_() cut the graph', () => {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    const d = x.mul(2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    const e = x.mul(2);
    expect(e.detach_()).toBe(e);
    expect(e.requiresGrad).toBe(false);
  });

  it('allowUnused returns null for an unused input', () => {
    const a = torch.tensor([1], { requiresGrad: true });
    const b = torch.tensor([1], { requiresGrad: true });
    expect(() => torch.autograd.grad(a.mul(2).sum(), [a, b])).toThrow(/One of the differentiated Tensors appears to not have been used in the graph/);
    const [ga, gb] = torch.autograd.grad(a.mul(2).sum(), [a, b], { allowUnused: true });
    expect(ga!.tolist()).toEqual([2]);
    expect(gb).toBeNull();
  });
});

describe('grad modes', () => {
  const x = torch.ones(2, { requiresGrad: true });
  it('noGrad returns the callback value and records nothing', () => {
    expect(torch.isGradEnabled()).toBe(true);
    const y = torch.noGrad(() => {
      expect(torch.isGradEnabled()).toBe(false);
      return x.mul(2);
    });
    expect(y.requiresGrad).toBe(false);
    expect(torch.isGradEnabled()).toBe(true);
  });
  it('restores the mode when the callback throws', () => {
    expect(() => torch.noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(torch.isGradEnabled()).toBe(true);
  });
  it('enableGrad inside noGrad, setGradEnabled', () => {
    const y = torch.noGrad(() => torch.enableGrad(() => x.mul(2)));
    expect(y.requiresGrad).toBe(true);
    torch.setGradEnabled(false);
    try {
      expect(x.mul(2).requiresGrad).toBe(false);
    } finally {
      torch.setGradEnabled(true);
    }
  });
  it('`with torch.set_grad_enabled(mode):` is setGradEnabled(mode, fn): the mode for the callback only', () => {
    const [off, on] = [false, true].map((mode) => torch.setGradEnabled(mode, () => [x.mul(2).requiresGrad, torch.isGradEnabled()]));
    expect(off).toEqual([false, false]);
    expect(on).toEqual([true, true]);
    expect(torch.noGrad(() => torch.setGradEnabled(true, () => x.mul(2)).requiresGrad && !torch.isGradEnabled())).toBe(true);
    expect(() => torch.setGradEnabled(false, () => { throw new Error('boom'); })).toThrow('boom');
    expect(torch.isGradEnabled()).toBe(true);
    expect(() => torch.setGradEnabled(false, 3 as never)).toThrow(/torch\.set_grad_enabled: fn must be a function/);
  });
});

describe('bad arguments name the argument and the PyTorch call', () => {
  const x = torch.ones(2, { requiresGrad: true });
  it('rejects them', () => {
    expect(() => torch.noGrad(3 as never)).toThrow(/^torch\.no_grad: fn must be a function, got 3$/);
    expect(() => x.requiresGrad_('yes' as never)).toThrow(/torch\.Tensor\.requires_grad_: requires_grad must be a boolean/);
    expect(() => x.backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    // libtorch's own messages, the same as Python's RuntimeErrors.
    expect(() => torch.ones(2).sum().backward()).toThrow(/element 0 of tensors does not require grad and does not have a grad_fn/);
    expect(() => { torch.ones(2, { dtype: torch.int64 }).requiresGrad = true; }).toThrow(/Only Tensors of floating point and complex dtype can require gradients/i);
    expect(() => torch.ones(2, { dtype: torch.int64, requiresGrad: true })).toThrow(/Only Tensors of floating point and complex dtype can require gradients/i);
    expect(() => x.sum().backward(3 as never)).toThrow(/torch\.Tensor\.backward: gradient must be a Tensor, got 3/);
    expect(() => x.sum().backward(undefined, { retain_graph: true } as never)).toThrow(/unknown option 'retain_graph' \(did you mean 'retainGraph'\?\)/);
    expect(() => torch.autograd.grad(x.sum(), [x, 'a' as never])).toThrow(/torch\.autograd\.grad: inputs\[1\] must be a Tensor/);
    expect(() => x.mul(2).requiresGrad_(false)).toThrow(/you can only change requires_grad flags of leaf variables/);
    // Python: RuntimeError: assigned grad has data of a different size / type
    expect(() => { x.grad = torch.zeros(3); }).toThrow(/torch\.Tensor\.grad: assigned grad has data of a different size/);
    expect(() => { x.grad = torch.zeros(2, { dtype: torch.float64 }); }).toThrow(/assigned grad has data of a different type/);
    expect(() => { x.grad = 5 as never; }).toThrow(/torch\.Tensor\.grad: grad must be a Tensor/);
    expect(() => torch.setGradEnabled(1 as never)).toThrow(/torch\.set_grad_enabled: mode must be a boolean/);
  });
});
