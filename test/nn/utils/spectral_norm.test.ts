// nn.utils.spectral_norm against Python PyTorch 1.13 (test/fixtures/gen_nn_utils.py): under Python's
// seed, u and v start as Python's; three training steps (power iteration, output, weight_orig's
// gradient, an SGD update), then eval forwards (no iteration), removal.
import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';
import { U, dec, expectClose, linear43, conv1d, convTranspose2d } from './nn_utils_fixture';

const { nn } = torch;
type AnyMod = torch.nn.Module & Record<string, torch.Tensor>;

const cases: [string, () => torch.nn.Module, string, number, (m: torch.nn.Module) => void][] = [
  ['linear', linear43, 'x_lin', 0, (m) => nn.utils.spectralNorm(m)],
  ['linear_iter3', linear43, 'x_lin', 5, (m) => nn.utils.spectralNorm(m, { nPowerIterations: 3, eps: 1e-6 })],
  ['linear_dim1', linear43, 'x_lin', 7, (m) => nn.utils.spectralNorm(m, 'weight', 1, 1e-12, 1)],
  ['conv1d', conv1d, 'x_conv', 3, (m) => nn.utils.spectralNorm(m)],
  ['convt2d', convTranspose2d, 'x_convt', 11, (m) => nn.utils.spectralNorm(m)],
];

describe('nn.utils.spectral_norm matches PyTorch 1.13', () => {
  for (const [key, make, xKey, seed, apply] of cases) {
    it(key, () => {
      const c = U.spectral_norm[key];
      const m = make() as AnyMod;
      torch.manualSeed(seed);
      apply(m);
      expect([...m.namedParameters()].map(([n]) => n)).toEqual(c.names);
      expect([...m.stateDict().keys()]).toEqual(c.keys);
      expectClose(m.weight_u, c.u0, `${key} u0`);
      expectClose(m.weight_v, c.v0, `${key} v0`);
      expectClose(m.weight, c.weight0, `${key} weight0`);
      const x = dec(U[xKey]);
      c.steps.forEach((s: Record<string, never>, i: number) => {
        m.zeroGrad();
        const y = m.forward(x) as torch.Tensor;
        y.mul(torch.linspace(-1, 1, y.numel()).reshape(y.shape)).sum().backward();
        expectClose(y, s.output, `${key} step ${i} output`);
        expectClose(m.weight_u, s.u, `${key} step ${i} u`);
        expectClose(m.weight_v, s.v, `${key} step ${i} v`);
        expectClose(m.weight, s.weight, `${key} step ${i} weight`);
        expectClose(m.weight_orig.grad, s.orig_grad, `${key} step ${i} weight_orig grad`, 1e-4);
        torch.noGrad(() => m.weight_orig.sub_(m.weight_orig.grad!.mul(0.1)));
      });
      m.eval();
      c.eval.forEach((e: never, i: number) => expectClose(m.forward(x) as torch.Tensor, e, `${key} eval ${i}`, 1e-4));
      expectClose(m.weight_u, c.eval_u, `${key} eval u unchanged`);
      nn.utils.removeSpectralNorm(m);
      expect([...m.namedParameters()].map(([n]) => n)).toEqual(c.removed_names);
      expect(m.weight).toBeInstanceOf(nn.Parameter);
      expectClose(m.weight, c.removed_weight, `${key} removed weight`, 1e-4);
      expect([...m.stateDict().keys()].some((k) => k.startsWith('weight_'))).toBe(false);
    });
  }

  it('errors as Python', () => {
    const m = nn.utils.spectralNorm(linear43());
    expect(() => nn.utils.spectralNorm(m)).toThrow('Cannot register two spectral_norm hooks on the same parameter weight');
    expect(() => nn.utils.removeSpectralNorm(m, 'bias')).toThrow(/spectral_norm of 'bias' not found in Linear/);
    expect(() => nn.utils.spectralNorm(linear43(), { nPowerIterations: 0 })).toThrow('Expected n_power_iterations to be positive, but got n_power_iterations=0');
    expect(() => nn.utils.spectralNorm(new nn.Linear(2, 2, { bias: false }), 'bias')).toThrow('`SpectralNorm` cannot be applied as parameter `bias` is None');
    expect(() => nn.utils.spectralNorm(linear43(), 'nope')).toThrow(/'nope' is not a parameter of Linear/);
  });
});
