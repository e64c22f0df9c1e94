// torch.distributions.constraints against Python (gen_distributions.py CONSTRAINTS): check(), repr,
// event_dim and is_discrete.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { fixture, decode } from './fixture';

const C = torch.distributions.constraints;
type Factory = (...a: unknown[]) => torch.distributions.constraints.Constraint;

function make(js: unknown[]): torch.distributions.constraints.Constraint {
  const [name, ...args] = js as [string, ...unknown[]];
  const v = (C as unknown as Record<string, torch.distributions.constraints.Constraint | Factory>)[name];
  if (typeof v !== 'function') return v;
  return v(...args.map((a) => (typeof a === 'string' ? make([a]) : a)));
}

describe('torch.distributions.constraints match PyTorch', () => {
  for (const c of fixture.constraints) {
    it(c.name, () => {
      const k = make(c.js);
      expect(String(k)).toBe(c.repr);
      expect(k.eventDim).toBe(c.eventDim);
      expect(k.isDiscrete).toBe(c.isDiscrete);
      expect(k.check(decode(c.value)).tolist()).toEqual(c.check);
    });
  }

  it('dependent constraints cannot be checked', () => {
    expect(C.isDependent(C.dependent)).toBe(true);
    expect(() => C.dependent.check()).toThrow('Cannot determine validity of dependent constraint');
    expect(() => C.dependent.eventDim).toThrow(/cannot be determined statically/);
    expect(C.dependent.call({ isDiscrete: true, eventDim: 1 }).eventDim).toBe(1);
    expect(() => C.dependent.call(null as never).isDiscrete).toThrow('.is_discrete cannot be determined statically');
    expect(() => C.dependent.call({ eventDim: 'x' } as never)).toThrow(/^constraints\.dependent: event_dim must be/);
    expect(() => C.dependent.call({ is_discrete: true } as never)).toThrow(/unknown option 'is_discrete'/);
    expect(C.isDependent(C.real)).toBe(false);
  });

  it('dependentProperty as Python 1.13 (repr DependentProperty(), is_dependent, static attributes, the getter)', () => {
    const dp = C.dependentProperty({ isDiscrete: false, eventDim: 0 }).call(function (this: unknown) {
      return C.interval(0, (this as { h: number }).h);
    }) as torch.distributions.constraints.DependentProperty;
    expect(dp).toBeInstanceOf(C.DependentProperty);
    expect([String(dp), C.isDependent(dp), dp.isDiscrete, dp.eventDim]).toEqual(['DependentProperty()', true, false, 0]);
    expect(dp.get({ h: 3 }).check(torch.tensor([-1, 1, 4])).tolist()).toEqual([false, true, false]);
    const bare = C.dependentProperty(() => C.positive);
    expect(String(bare.get(null))).toBe('GreaterThan(lower_bound=0.0)');
    expect(() => bare.eventDim).toThrow(torch.NotImplementedError);
    expect(() => bare.eventDim).toThrow('.event_dim cannot be determined statically');
    expect(() => bare.check()).toThrow('Cannot determine validity of dependent constraint');
    expect(bare.call({ eventDim: 2 }).eventDim).toBe(2);
    expect(() => C.dependentProperty({ event_dim: 1 } as never)).toThrow(/unknown option 'event_dim'/);
    expect(() => C.dependentProperty(null, { eventDim: -1 })).toThrow(/event_dim/);
  });

  it('independent() checks its arguments', () => {
    expect(() => C.independent(C.real, -1)).toThrow(/reinterpreted_batch_ndims must be a non-negative integer/);
    expect(() => C.independent(C.real, 2).check(torch.tensor([1.0]))).toThrow('Expected value.dim() >= 2 but got 1');
  });
});
