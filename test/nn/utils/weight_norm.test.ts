// nn.utils.weight_norm against Python PyTorch 1.13 (test/fixtures/gen_nn_utils.py): parameter names,
// state dict keys, g and v, forward, gradients, the weight recomputed before each forward, removal.
import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';
import { U, dec, expectClose, linear43, conv1d } from './nn_utils_fixture';

const { nn } = torch;

const cases: [string, () => torch.nn.Module, string, (m: torch.nn.Module) => void][] = [
  ['linear_default', linear43, 'x_lin', (m) => nn.utils.weightNorm(m)],
  ['linear_dim1', linear43, 'x_lin', (m) => nn.utils.weightNorm(m, 'weight', 1)],
  ['linear_dimNone', linear43, 'x_lin', (m) => nn.utils.weightNorm(m, { dim: null })],
  ['linear_bias', linear43, 'x_lin', (m) => nn.utils.weightNorm(m, { name: 'bias', dim: 0 })],
  ['conv1d_dim0', conv1d, 'x_conv', (m) => nn.utils.weightNorm(m, 'weight', 0)],
  ['conv1d_dim2', conv1d, 'x_conv', (m) => nn.utils.weightNorm(m, { dim: 2 })],
];

describe('nn.utils.weight_norm matches PyTorch 1.13', () => {
  for (const [key, make, x, apply] of cases) {
    it(key, () => {
      const c = U.weight_norm[key];
      const name = key === 'linear_bias' ? 'bias' : 'weight';
      const m = make();
      apply(m);
      expect([...m.namedParameters()].map(([n]) => n)).toEqual(c.names);
      expect([...m.stateDict().keys()]).toEqual(c.keys);
      const params = new Map(m.namedParameters());
      for (const [n, e] of Object.entries(c.params)) expectClose(params.get(n)!, e as never, `${key} ${n}`);
      const y = m.forward(dec(U[x])) as torch.Tensor;
      expectClose(y, c.output, `${key} output`);
      y.mul(dec(c.grad_output)).sum().backward();
      for (const [n, e] of Object.entries(c.grads)) expectClose(params.get(n)!.grad, e as never, `${key} ${n} grad`);
      torch.noGrad(() => (m as unknown as Record<string, torch.Tensor>)[name + '_g'].mul_(2));
      expectClose(m.forward(dec(U[x])) as torch.Tensor, c.output2, `${key} output after g*2`);
      nn.utils.removeWeightNorm(m, name);
      expect([...m.namedParameters()].map(([n]) => n)).toEqual(c.removed_names);
      const w = (m as unknown as Record<string, torch.Tensor>)[name];
      expect(w).toBeInstanceOf(nn.Parameter);
      expectClose(w, c.removed_weight, `${key} removed weight`);
      expect(m.stateDict().has(name + '_g')).toBe(false);
    });
  }

  it("errors: twice on one parameter, removing what isn't there, a name that is no parameter", () => {
    const m = nn.utils.weightNorm(linear43());
    expect(() => nn.utils.weightNorm(m)).toThrow('Cannot register two weight_norm hooks on the same parameter weight');
    expect(() => nn.utils.removeWeightNorm(m, 'bias')).toThrow(/weight_norm of 'bias' not found in Linear\(in_features=4/);
    expect(() => nn.utils.weightNorm(linear43(), 'nope')).toThrow(/has no attribute 'nope'/);
    expect(() => nn.utils.weightNorm({} as never)).toThrow(/module must be an nn.Module/);
    expect(() => nn.utils.weightNorm(linear43(), { dim: 'x' as never })).toThrow(/dim must be an integer/);
  });
});
