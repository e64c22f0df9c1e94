// torch.manualSeed: the same default generator as Python's torch.manual_seed, so the same numbers
// (fixtures/tensor/random.json, drawn in this order after torch.manual_seed(0) in Python).
import { describe, it, expect } from 'vitest';
import * as torch from '../lib';
import { loadFixture, expectMatches, Encoded, num } from './tensor/fixture';

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

// The state bytes Python's torch.get_rng_state() gives, and draws after restoring them
// (fixtures/tensor/tensor_api.json, gen_tensor.py's rng_fixture).
const rng = loadFixture<{ rng: Record<string, string | Encoded> }>('tensor_api').rng;
const stateOf = (b64: string): torch.Tensor => torch.tensor(new Uint8Array(Buffer.from(b64, 'base64')));
const bytes = (t: torch.Tensor): string => Buffer.from(t.toTypedArray() as Uint8Array).toString('base64');

describe('torch.getRngState / setRngState', () => {
  it('gives Python\'s 5056 state bytes after manualSeed(123)', () => {
    expect(torch.manualSeed(123)).toBe(torch.defaultGenerator);
    const s = torch.getRngState();
    expect([s.dtype, s.shape]).toEqual([torch.uint8, [5056]]);
    expect(bytes(s)).toBe(rng.seed123);
  });

  it('restores a state saved here: the same draws again', () => {
    torch.manualSeed(11);
    torch.randn(5);
    const saved = torch.getRngState();
    const a = torch.rand(6).tolist();
    const b = torch.randn(3).tolist();
    torch.setRngState(saved);
    expect(torch.rand(6).tolist()).toEqual(a);
    expect(torch.randn(3).tolist()).toEqual(b);
    expect(bytes(torch.getRngState())).not.toBe(bytes(saved));
  });

  it('restores states Python saved mid-stream, and draws Python\'s next numbers', () => {
    const exact = { rtol: 0, atol: 0 };
    torch.manualSeed(0);
    torch.setRngState(stateOf(rng.mid as string));
    expectMatches(torch.rand(4), rng.midNext as Encoded, 'rand after set_rng_state', exact);
    torch.setRngState(stateOf(rng.midNormal as string)); // holds a cached normal sample
    expectMatches(torch.randn(3), rng.midNormalNext as Encoded, 'randn after set_rng_state', exact);
  });

  it('rejects what is not a uint8 state of the right size, as Python', () => {
    expect(() => torch.setRngState(torch.zeros(5056))).toThrow(TypeError);
    expect(() => torch.setRngState(torch.zeros(5056))).toThrow(/RNG state must be a torch\.ByteTensor/);
    expect(() => torch.setRngState(torch.zeros(10, { dtype: torch.uint8 }))).toThrow(torch.TorchError);
    expect(() => torch.setRngState(torch.zeros(10, { dtype: torch.uint8 }))).toThrow(/RNG state size to be 10/);
    expect(() => torch.setRngState([1, 2] as never)).toThrow(/^torch\.Generator\.set_state: expected a torch\.ByteTensor, but got an array/);
  });
});

describe('torch.seed / torch.initialSeed', () => {
  it('seed() reseeds non-deterministically and returns the seed initialSeed() then gives', () => {
    const s = torch.seed();
    expect(torch.initialSeed()).toBe(s);
    const a = torch.rand(4).tolist();
    torch.manualSeed(s);
    expect(torch.rand(4).tolist()).toEqual(a);
    expect(torch.seed()).not.toBe(s);
  });
  it('initialSeed() is exact beyond 2^53, as Python\'s int', () => {
    torch.manualSeed(2n ** 63n + 5n);
    expect(torch.initialSeed()).toBe(num(rng.bigInitialSeed as string));
    torch.manualSeed(12345);
  });
});
