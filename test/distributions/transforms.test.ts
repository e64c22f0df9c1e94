// torch.distributions.transforms on their own against Python (gen_distributions.py TRANSFORMS): forward,
// inverse, log|det J|, domain/codomain, sign, bijectivity, shapes and repr; then caching and equality.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { fixture, build, decode, expectClose, Spec } from './fixture';

const D = torch.distributions;
const T = D.transforms;

describe('torch.distributions.transforms match PyTorch', () => {
  for (const c of fixture.transforms) {
    it(c.name, () => {
      const t = makeTransform(c.spec);
      const x = decode(c.x);
      const y = t.forward(x);
      expectClose(y, c.y, 'forward');
      expectClose(t.inv.forward(y), c.inverse, 'inverse');
      if (c.ladj) expectClose(t.logAbsDetJacobian(x, y), c.ladj, 'logAbsDetJacobian');
      else expect(() => t.logAbsDetJacobian(x, y)).toThrow(/not implemented/);
      expect(String(t.domain)).toBe(c.domain);
      expect(String(t.codomain)).toBe(c.codomain);
      expect(t.bijective).toBe(c.bijective);
      expect(t.forwardShape(x.shape)).toEqual(c.forwardShape);
      expect(String(t)).toBe(c.repr);
      if (c.sign === null) expect(() => t.sign).toThrow(/sign is not implemented/);
      else expect(t.sign).toBe(c.sign);
    });
  }
});

function makeTransform(spec: { tr: string; args?: unknown[]; inv?: boolean }): torch.distributions.Transform {
  const Tr = (T as unknown as Record<string, new (...a: unknown[]) => torch.distributions.Transform>)[spec.tr];
  const t = new Tr(...(spec.args ?? []).map((a) => (a !== null && typeof a === 'object' && 'd' in a ? build((a as { d: Spec }).d, {}) : a)));
  return spec.inv ? t.inv : t;
}

describe('transform behaviour', () => {
  it('inv is cached and its inverse is the transform itself', () => {
    const t = new T.ExpTransform();
    expect(t.inv).toBe(t.inv);
    expect(t.inv.inv).toBe(t);
    const c = new T.ComposeTransform([new T.ExpTransform(), new T.AffineTransform(1, 2)]);
    expect(c.inv.inv).toBe(c);
    expect(String(c)).toBe('ComposeTransform(\n    ExpTransform(),\n    AffineTransform()\n)');
  });

  it('cacheSize 1 gives back the input of the last output (Python caches by identity)', () => {
    const t = new T.ExpTransform(1);
    const x = torch.tensor([0.5, 1.0]);
    const y = t.forward(x);
    expect(t.forward(x)).toBe(y);
    expect(t.inv.forward(y)).toBe(x);
    expect(new T.ExpTransform().withCache(1).forward(x)).not.toBe(y);
    expect(() => new T.ExpTransform(2)).toThrow(/cache_size must be 0 or 1/);
  });

  it('equality as Python __eq__', () => {
    expect(new T.ExpTransform().equals(new T.ExpTransform())).toBe(true);
    expect(new T.AffineTransform(1, 2).equals(new T.AffineTransform(1, 2))).toBe(true);
    expect(new T.AffineTransform(1, 2).equals(new T.AffineTransform(1, 3))).toBe(false);
    expect(new T.ExpTransform().inv.equals(new T.ExpTransform().inv)).toBe(true);
    expect(new T.PowerTransform(2).equals(new T.PowerTransform(torch.tensor(2.0)))).toBe(true);
  });

  it('ComposeTransform sums the parts\' log|det J| and is identity when empty', () => {
    const c = new T.ComposeTransform([new T.AffineTransform(0.5, 3.0), new T.ExpTransform()]);
    const x = torch.tensor([0.0, 1.0]);
    const y = c.forward(x);
    // log|d/dx exp(0.5 + 3x)| = log 3 + 0.5 + 3x
    expect(c.logAbsDetJacobian(x, y).tolist()).toEqual(torch.tensor([Math.log(3) + 0.5, Math.log(3) + 3.5]).tolist());
    expect(T.identityTransform.forward(x)).toBe(x);
    expect(T.identityTransform.logAbsDetJacobian(x, x).tolist()).toEqual([0, 0]);
  });

  it('IndependentTransform sums over reinterpreted dims', () => {
    const t = new T.IndependentTransform(new T.ExpTransform(), 1);
    const x = torch.tensor([[0.5, 1.0], [2.0, -1.0]]);
    expect(String(t.domain)).toBe('IndependentConstraint(Real(), 1)');
    expect(t.logAbsDetJacobian(x, t.forward(x)).tolist()).toEqual([1.5, 1.0]);
  });
});
