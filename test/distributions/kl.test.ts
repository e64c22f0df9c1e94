// torch.distributions.klDivergence against Python's kl_divergence for the registered pairs among the
// ported families (test/fixtures/gen_distributions.py), and its dispatch rules.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { fixture, build, inputsOf, expectClose, Case } from './fixture';

const D = torch.distributions;
const byName = new Map<string, Case>(fixture.cases.map((c) => [c.name, c]));
const make = (name: string): torch.distributions.Distribution => {
  const c = byName.get(name)!;
  return build(c, inputsOf(c.inputs));
};

describe('torch.distributions.klDivergence', () => {
  for (const k of fixture.kl) {
    it(`KL(${k.p} || ${k.q}) matches PyTorch`, () => {
      expectClose(D.klDivergence(make(k.p), make(k.q)), k.out, 'kl', 1e-5);
    });
  }

  it('is differentiable in both distributions', () => {
    const loc = torch.tensor([0.5, -1.0]).requiresGrad_(true);
    const scale = torch.tensor([1.0, 2.0]).requiresGrad_(true);
    D.klDivergence(new D.Normal(loc, scale), new D.Normal(0, 1)).sum().backward();
    // d/dloc KL(N(m, s) || N(0, 1)) = m; d/ds = s - 1/s
    expect(loc.grad!.tolist()).toEqual([0.5, -1.0]);
    const gs = scale.grad!.tolist() as number[];
    expect(gs[0]).toBeCloseTo(0, 6);
    expect(gs[1]).toBeCloseTo(1.5, 6);
  });

  it('refuses pairs with no registered KL, naming both types', () => {
    const n = new D.Normal(0, 1);
    expect(() => D.klDivergence(new D.MultivariateNormal(torch.zeros(2), { scaleTril: torch.eye(2) }), n))
      .toThrow('torch.distributions.klDivergence: No KL(p || q) is implemented for p type MultivariateNormal and q type Normal');
    // Both exponential families: Python's Bregman fallback refuses different families.
    expect(() => D.klDivergence(new D.Poisson(1.0), n)).toThrow(/cross KL-divergence between different exponential families/);
    // Python registers no pair for VonMises and LKJCholesky; Wishart has only the Bregman fallback.
    const vm = new D.VonMises(0.0, 1.0);
    expect(() => D.klDivergence(vm, vm)).toThrow('No KL(p || q) is implemented for p type VonMises and q type VonMises');
    const lkj = new D.LKJCholesky(2);
    expect(() => D.klDivergence(lkj, lkj)).toThrow('No KL(p || q) is implemented for p type LKJCholesky and q type LKJCholesky');
    expect(() => D.klDivergence(new D.Wishart(3.0, torch.eye(2)), new D.Gamma(1.0, 1.0))).toThrow(/cross KL-divergence between different exponential families/);
  });

  it('registerKl takes a subclass over its base, as Python dispatches', () => {
    class MyNormal extends D.Normal {}
    const p = new MyNormal(0.0, 1.0);
    const q = new D.Normal(1.0, 1.0);
    expect(D.klDivergence(p, q).item()).toBeCloseTo(0.5, 6);
    D.registerKl(MyNormal, D.Normal)(() => torch.tensor(42));
    expect(D.klDivergence(p, q).item()).toBe(42);
    expect(D.klDivergence(q, q).item()).toBe(0);
  });

  it('registerKl rejects what is not a Distribution subclass, naming it', () => {
    expect(() => D.registerKl(Object.create(null), D.Normal)).toThrow('Expected type_p to be a Distribution subclass but got an object');
    expect(() => D.registerKl(D.Normal, class Foo {} as never)).toThrow('Expected type_q to be a Distribution subclass but got Foo');
  });
});
