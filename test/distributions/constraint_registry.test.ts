// torch.distributions.bijectTo / transformTo against Python's biject_to / transform_to
// (gen_distributions.py REGISTRY): the transform each gives (repr), its values and log|det J|.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { fixture, decode, expectClose } from './fixture';

const D = torch.distributions;
const C = D.constraints;
type Factory = (...a: unknown[]) => torch.distributions.constraints.Constraint;

function make(js: unknown[]): torch.distributions.constraints.Constraint {
  const [name, ...args] = js as [string, ...unknown[]];
  const f = (C as unknown as Record<string, torch.distributions.constraints.Constraint | Factory>)[name];
  const arg = (a: unknown): unknown => {
    if (typeof a === 'string') return make([a]);
    return Array.isArray(a) && a.every((x) => typeof x === 'string') ? a.map((x) => make([x])) : a;
  };
  return typeof f === 'function' ? f(...args.map(arg)) : f;
}

describe('torch.distributions constraint registry matches PyTorch', () => {
  for (const c of fixture.registry) {
    it(`${c.registry}(${c.name})`, () => {
      const t = D[c.registry](make(c.js));
      expect(String(t)).toBe(c.repr);
      const x = decode(c.x);
      const y = t.forward(x);
      expectClose(y, c.y, 'forward');
      if (c.ladj) expectClose(t.logAbsDetJacobian(x, y), c.ladj, 'logAbsDetJacobian');
    });
  }

  it('refuses constraints without a registered transform, and takes new registrations', () => {
    expect(() => D.bijectTo(C.boolean)).toThrow(/Cannot transform .*Boolean.* constraints/);
    expect(() => D.bijectTo(C.lowerCholesky)).toThrow(/Cannot transform LowerCholesky constraints/);
    const registry = new D.constraint_registry.ConstraintRegistry();
    registry.register(C.boolean, () => new D.ExpTransform());
    expect(String(registry.call(C.boolean))).toBe('ExpTransform()');
    expect(() => registry.register(42 as never, () => new D.ExpTransform())).toThrow(/Expected constraint to be either a Constraint subclass or instance/);
    expect(() => registry.register(Object.create(null), () => new D.ExpTransform())).toThrow(/Expected constraint to be either a Constraint subclass or instance, but got an object/);
  });
});
