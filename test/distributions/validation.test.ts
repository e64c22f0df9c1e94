// Argument validation of torch.distributions (Python 1.13 validates by default): Python's ValueError
// messages, prefixed by the call, for bad parameters and for values outside the support.
import { describe, it, expect, afterEach } from 'vitest';
import * as torch from '../../lib';
import { fixture, build, inputsOf, decode, expectClose } from './fixture';

const D = torch.distributions;

describe('torch.distributions validation', () => {
  for (const e of fixture.errors) {
    it(`${e.name}: Python's message`, () => {
      const run = (): unknown => {
        const d = build(e, inputsOf(e.inputs));
        return e.method ? (d as unknown as Record<string, (v: torch.Tensor) => unknown>)[e.method](decode(e.value!)) : d;
      };
      let message = '';
      try {
        run();
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message, 'an error').not.toBe('');
      expect(message.startsWith('torch.distributions.'), message).toBe(true);
      expect(message.slice(message.indexOf(': ') + 2)).toBe(e.message);
    });
  }

  it('validateArgs: false lets bad parameters through, as in Python', () => {
    const u = fixture.unvalidated;
    const d = build(u, inputsOf(u.inputs));
    expect(d._validateArgs).toBe(false);
    expectClose(d.logProb(decode(u.value)), u.logProb, 'logProb');
  });

  describe('setDefaultValidateArgs', () => {
    afterEach(() => D.Distribution.setDefaultValidateArgs(true));
    it('turns the default off and on', () => {
      D.Distribution.setDefaultValidateArgs(false);
      expect(() => new D.Normal(0, -1)).not.toThrow();
      D.Distribution.setDefaultValidateArgs(true);
      expect(() => new D.Normal(0, -1)).toThrow(RangeError);
      expect(() => D.Distribution.setDefaultValidateArgs(1 as never)).toThrow(/value must be true or false/);
    });
  });

  it('rejects wrong argument types and unknown options, naming the call', () => {
    expect(() => new D.Normal('a' as never, 1)).toThrow(/torch\.distributions\.Normal: loc must be a number or a Tensor/);
    expect(() => new D.Normal(0, 1, { validate_args: false } as never)).toThrow(/unknown option 'validate_args' \(did you mean 'validateArgs'\?\)/);
    expect(() => new D.Dirichlet(1 as never)).toThrow(/torch\.distributions\.Dirichlet: concentration must be a Tensor/);
    expect(() => new D.Normal(0, 1).sample([-1])).toThrow(/sample_shape/);
    expect(() => new D.Normal(0, 1).logProb(0.5 as never)).toThrow(/The value argument to log_prob must be a Tensor/);
  });

  it('keyword forms work as Python keywords do', () => {
    const a = new D.Normal({ loc: 1.0, scale: 2.0 });
    expect(a.mean.item()).toBe(1);
    const b = new D.Binomial({ totalCount: 4, logits: torch.tensor([0.0]) });
    expect(b.probs.item()).toBe(0.5);
    const m = new D.MultivariateNormal(torch.zeros(2), { covarianceMatrix: torch.eye(2).mul(4) });
    expect(m.stddev.tolist()).toEqual([2, 2]);
    expect(String(new D.VonMises({ loc: 1.0, concentration: 4.0 }))).toBe('VonMises(loc: 1.0, concentration: 4.0)');
    const l = new D.LKJCholesky({ dim: 3, concentration: torch.tensor([0.5, 2.0]) });
    expect([l.batchShape, l.eventShape]).toEqual([[2], [3, 3]]);
    expect(new D.LKJCholesky(3).expand([4]).dim).toBe(3);
    expect(() => new D.LKJCholesky(2.5)).toThrow(/torch\.distributions\.LKJCholesky: dim must be an integer/);
    // Python 1.13's rejection sampler loops forever on these; torch-node says why instead.
    for (const c of [0, 1e-8, NaN]) {
      expect(() => new D.VonMises(0.0, c, { validateArgs: false }).sample()).toThrow(/VonMises\.sample: the rejection sampler can accept no sample/);
    }
  });
});
