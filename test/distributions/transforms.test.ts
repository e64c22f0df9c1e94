// torch.distributions.transforms on their own against Python (gen_distributions.py TRANSFORMS): forward,
// inverse, log|det J|, domain/codomain, sign, bijectivity, shapes and repr; then caching and equality.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
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

describe('CorrCholeskyTransform shapes and the tril helpers', () => {
  it('maps (..., N) to (..., D, D) and back, with Python\'s errors', () => {
    const t = new T.CorrCholeskyTransform();
    expect(t.forwardShape([5, 6])).toEqual([5, 4, 4]);
    expect(t.inverseShape([2, 4, 4])).toEqual([2, 6]);
    expect(() => t.forwardShape([4])).toThrow('Input is not a flattend lower-diagonal number');
    expect(() => t.inverseShape([2, 3])).toThrow('Input is not square');
    expect(() => t.inverseShape([3])).toThrow('Too few dimensions on input');
  });

  it('utils.vecToTrilMatrix and trilMatrixToVec as Python\'s', () => {
    const U = D.utils;
    expect(U.vecToTrilMatrix(torch.tensor([1.0, 2.0, 3.0]), -1).tolist()).toEqual([[0, 0, 0], [1, 0, 0], [2, 3, 0]]);
    expect(U.trilMatrixToVec(torch.arange(9.0).reshape(3, 3), 1).tolist()).toEqual([0, 1, 3, 4, 5, 6, 7, 8]);
    expect(() => U.trilMatrixToVec(torch.ones(3, 3), 3)).toThrow('diag (3) provided is outside [-3, 2].');
    // Python checks only round(n) > n: 4 elements give D = 3 and index_put's shape error.
    expect(() => U.vecToTrilMatrix(torch.ones(4), -1)).toThrow(/shape mismatch: value tensor of shape \[4\] cannot be broadcast to indexing result of shape \[3\]/);
    expect(() => U.vecToTrilMatrix(torch.ones(2), -1)).toThrow(/The size of last dimension is 2 which cannot be expressed as the lower triangular part of a square D x D matrix\.$/);
  });
});

// CatTransform, StackTransform and identityTransform against test/fixtures/gen_distributions_cat_stack.py
describe('CatTransform, StackTransform, identityTransform match PyTorch', () => {
  const cs = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'distributions', 'cat_stack.json'), 'utf8'));
  const x = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.0, -0.5, 3.0], [0.1, 0.2, 0.3, 0.4]]);

  it('CatTransform: each transform on its slice along dim', () => {
    const cat = new T.CatTransform([new T.ExpTransform(), new T.AffineTransform(1, 2), new T.TanhTransform()], 1, [1, 2, 1]);
    const y = cat.forward(x);
    expectClose(y, cs.cat.y, 'forward');
    expectClose(cat.inv.forward(y), cs.cat.inverse, 'inverse');
    expectClose(cat.logAbsDetJacobian(x, y), cs.cat.ladj, 'logAbsDetJacobian');
    expect([cat.bijective, cat.eventDim, cat.length]).toEqual([cs.cat.bijective, cs.cat.event_dim, cs.cat.length]);
    expect(cat.domain.check(x).tolist()).toEqual(cs.cat.domain_check);
    expect(cat.codomain.check(y).tolist()).toEqual(cs.cat.codomain_check);
    expect(cat.codomain.check(torch.tensor([[-1, 0, 0, 2], [-1, 0, 0, 2], [-1, 0, 0, 2]])).tolist()).toEqual(cs.cat.codomain_bad);
  });

  it('StackTransform: each transform on its index along dim', () => {
    const xs = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]);
    const stack = new T.StackTransform([new T.ExpTransform(), new T.SigmoidTransform()], 0);
    const ys = stack.forward(xs);
    expectClose(ys, cs.stack.y, 'forward');
    expectClose(stack.inv.forward(ys), cs.stack.inverse, 'inverse');
    expectClose(stack.logAbsDetJacobian(xs, ys), cs.stack.ladj, 'logAbsDetJacobian');
    expect([stack.bijective, stack.eventDim]).toEqual([cs.stack.bijective, cs.stack.event_dim]);
    expect(stack.codomain.check(ys).tolist()).toEqual(cs.stack.codomain_check);
    expect(stack.codomain.check(torch.tensor([[1, 2, 3], [0.5, 2, 0.5]])).tolist()).toEqual(cs.stack.codomain_bad);
  });

  it('identityTransform is an empty ComposeTransform', () => {
    const i = D.identityTransform;
    expectClose(i.forward(x), cs.identity.y, 'forward');
    expectClose(i.logAbsDetJacobian(x, x), cs.identity.ladj, 'logAbsDetJacobian');
    expect([String(i), i.bijective, i.eventDim, i instanceof T.ComposeTransform]).toEqual([cs.identity.repr, cs.identity.bijective, cs.identity.event_dim, cs.identity.is_compose]);
  });
});
