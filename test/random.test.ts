// torch.manualSeed: the same default generator as Python's torch.manual_seed, so the same numbers
// (fixtures/tensor/random.json, drawn in this order after torch.manual_seed(0) in Python).
import { describe, it, expect } from 'vitest';
import * as torch from '../lib';
import { loadFixture, expectMatches, Encoded } from './tensor/fixture';

const fx = loadFixture<Record<string, Encoded>>('random');

describe('torch.manualSeed', () => {
  it('reproduces Python\'s stream of rand, randn, randint, randperm, normal_, uniform_ and the *Like variants', () => {
    torch.manualSeed(0);
    const exact = { rtol: 0, atol: 0 };
    expectMatches(torch.rand(3, 4), fx.rand, 'rand', exact);
    expectMatches(torch.randn(20), fx.randn, 'randn', exact);
    expectMatches(torch.randn(2, 3, { dtype: torch.float64 }), fx.randn64, 'randn float64', exact);
    expectMatches(torch.randint(0, 10, [12]), fx.randint, 'randint', exact);
    expectMatches(torch.randint(5, [2, 3]), fx.randintHigh, 'randint(high)', exact);
    expectMatches(torch.randperm(10), fx.randperm, 'randperm', exact);
    expectMatches(torch.empty(20).normal_(1.0, 2.0), fx.normal_, 'normal_', exact);
    expectMatches(torch.empty(7).uniform_(-1.0, 3.0), fx.uniform_, 'uniform_', exact);
    expectMatches(torch.randLike(torch.zeros(2, 2)), fx.randLike, 'rand_like', exact);
    expectMatches(torch.randnLike(torch.zeros(5, { dtype: torch.float64 })), fx.randnLike, 'randn_like', exact);
    expectMatches(torch.randintLike(torch.zeros(4), 3, 9), fx.randintLike, 'randint_like', exact);
    torch.manualSeed(12345);
    expectMatches(torch.rand(5), fx.seed12345, 'rand after seed 12345', exact);
    expect(torch.initialSeed()).toBe(12345);
  });

  it('restarts the stream on each call', () => {
    torch.manualSeed(7);
    const a = torch.randn(10).tolist();
    torch.manualSeed(7);
    expect(torch.randn(10).tolist()).toEqual(a);
    expect(torch.randn(10).tolist()).not.toEqual(a);
  });

  it('accepts a bigint seed and rejects others, naming torch.manual_seed', () => {
    torch.manualSeed(12345n);
    expect(torch.initialSeed()).toBe(12345);
    expect(() => torch.manualSeed(1.5)).toThrow(/^torch\.manual_seed: seed must be an integer, got 1\.5$/);
    expect(() => torch.manualSeed('1' as never)).toThrow(/torch\.manual_seed: seed must be an integer/);
  });
});
