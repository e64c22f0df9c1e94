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

  it('independent() checks its arguments', () => {
    expect(() => C.independent(C.real, -1)).toThrow(/reinterpreted_batch_ndims must be a non-negative integer/);
    expect(() => C.independent(C.real, 2).check(torch.tensor([1.0]))).toThrow('Expected value.dim() >= 2 but got 1');
  });
});
