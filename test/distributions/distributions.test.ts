// torch.distributions families against Python PyTorch 1.13 (test/fixtures/gen_distributions.py):
// shapes, support and repr, mean/variance/stddev/mode/entropy, log_prob (and its gradients), cdf/icdf,
// samples drawn under Python's seeds, rsample values and gradients, and expand().
import { describe, it, expect, afterAll } from 'vitest';
import * as torch from '../../lib';
import { fixture, build, inputsOf, decode, expectClose, exactCount } from './fixture';

const parity = { same: 0, total: 0 };

/** Samples come from the same aten ops in the same order on Python's RNG stream: they are equal. */
function sampled(t: torch.Tensor, e: Parameters<typeof expectClose>[1], what: string): void {
  expectClose(t, e, what, 1e-6);
  const [same, n] = exactCount(t, e);
  parity.same += same;
  parity.total += n;
  expect(same, `${what}: elements equal to Python's`).toBe(n);
}

describe('torch.distributions families match PyTorch', () => {
  for (const c of fixture.cases) {
    describe(c.name, () => {
      it('shapes, flags, support and repr', () => {
        const d = build(c, inputsOf(c.inputs));
        expect(d.batchShape).toEqual(c.batchShape);
        expect(d.eventShape).toEqual(c.eventShape);
        expect(d.hasRsample).toBe(c.hasRsample);
        expect(d.hasEnumerateSupport).toBe(c.hasEnumerateSupport);
        expect(String(d.support)).toBe(c.support);
        expect(String(d)).toBe(c.repr);
      });

      it('mean, variance, stddev, mode, entropy, enumerateSupport', () => {
        const d = build(c, inputsOf(c.inputs));
        for (const [p, e] of Object.entries(c.props)) {
          const got = p === 'entropy' ? d.entropy() : (d as unknown as Record<string, torch.Tensor>)[p];
          expectClose(got, e, p);
        }
        if (c.enumerateSupport) expectClose(d.enumerateSupport(), c.enumerateSupport, 'enumerateSupport');
        if (c.raises.includes('entropy')) expect(() => d.entropy()).toThrow();
        if (c.raises.includes('enumerateSupport')) expect(() => d.enumerateSupport()).toThrow(/Inhomogeneous total count/);
      });

      it('logProb, its gradients, cdf and icdf', () => {
        const tensors = inputsOf(c.inputs);
        const d = build(c, tensors);
        const lp = d.logProb(decode(c.logProb.value));
        expectClose(lp, c.logProb.out, 'logProb');
        if (c.logProb.grads) {
          lp.sum().backward();
          for (const [k, e] of Object.entries(c.logProb.grads)) expectClose(tensors[k].grad!, e, `logProb grad of ${k}`, 1e-4);
        }
        if (c.cdf) expectClose(d.cdf(decode(c.cdf.value)), c.cdf.out, 'cdf');
        if (c.icdf) expectClose(d.icdf(decode(c.icdf.value)), c.icdf.out, 'icdf');
      });

      it(`sample(${JSON.stringify(c.sample.shape)}) under Python's seed`, () => {
        const d = build(c, inputsOf(c.inputs));
        torch.manualSeed(c.sample.seed);
        const s = d.sample(c.sample.shape);
        expect(s.requiresGrad).toBe(false);
        sampled(s, c.sample.out, 'sample');
      });

      if (c.rsample) {
        const r = c.rsample;
        it(`rsample(${JSON.stringify(r.shape)}) values and gradients`, () => {
          const tensors = inputsOf(c.inputs);
          const d = build(c, tensors);
          torch.manualSeed(r.seed);
          const y = d.rsample(r.shape);
          sampled(y, r.out, 'rsample');
          if (r.grads) {
            y.mul(decode(r.upstream)).sum().backward();
            for (const [k, e] of Object.entries(r.grads)) expectClose(tensors[k].grad!, e, `rsample grad of ${k}`, 1e-4);
          }
          if (r.gradError) expect(() => y.mul(decode(r.upstream)).sum().backward()).toThrow(r.gradError);
        });
      }

      if (c.expand) {
        const x = c.expand;
        it(`expand(${JSON.stringify(x.shape)})`, () => {
          const d = build(c, inputsOf(c.inputs)).expand(x.shape);
          expect(d.batchShape).toEqual(x.batchShape);
          expect(d.eventShape).toEqual(c.eventShape);
          if (x.mean) expectClose(d.mean, x.mean, 'expanded mean');
          torch.manualSeed(x.seed);
          sampled(d.sample(), x.sample, 'expanded sample');
        });
      }
    });
  }

  afterAll(() => {
    console.log(`sample parity: ${parity.same}/${parity.total} elements equal Python's exactly`);
  });
});
