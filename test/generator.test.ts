import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';
import { randpermWith, randintWith, randomSeed } from '../lib/generator';
import { loadFixture } from './tensor/fixture';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/data/dataloader.json'), 'utf8')).generator;

describe('torch.Generator', () => {
  it('starts from libtorch\'s default seed and draws what Python draws', () => {
    const g = new torch.Generator();
    expect(g.initialSeed()).toBe(BigInt(fx.defaultInitialSeed));
    expect(g.manualSeed(3)).toBe(g);
    expect(g.initialSeed()).toBe(3n);
    expect(randpermWith(10, g).tolist()).toEqual(fx.randperm);
    const r = randintWith(0, 100, [6], g.manualSeed(2n ** 63n + 5n));
    expect(r.dtype).toBe(torch.int64);
    expect(r.tolist()).toEqual(fx.randint);
    expect(randomSeed(new torch.Generator().manualSeed(9))).toBe(BigInt(fx.randomInt64));
  });

  it('defaultGenerator is the one torch.manualSeed seeds', () => {
    torch.defaultGenerator.manualSeed(3);
    const a = torch.randperm(10).tolist();
    torch.manualSeed(3);
    expect(randpermWith(10).tolist()).toEqual(a);
    expect(torch.defaultGenerator.initialSeed()).toBe(3n);
  });

  it('getState/setState give and take Python\'s state bytes; seed() reseeds', () => {
    const rng = loadFixture<{ rng: Record<string, string> }>('tensor_api').rng;
    const b64 = (t: torch.Tensor): string => Buffer.from(t.toTypedArray() as Uint8Array).toString('base64');
    expect(b64(new torch.Generator().getState())).toBe(rng.fresh);
    const g = new torch.Generator().manualSeed(5);
    expect(b64(g.getState())).toBe(rng.generator5);
    const saved = g.getState();
    const a = randpermWith(20, g).tolist();
    expect(randpermWith(20, g).tolist()).not.toEqual(a);
    expect(g.setState(saved)).toBe(g);
    expect(randpermWith(20, g).tolist()).toEqual(a);
    // a state moves between generators, the default one included
    torch.manualSeed(1);
    torch.defaultGenerator.setState(saved);
    expect(b64(torch.getRngState())).toBe(rng.generator5);
    expect(randpermWith(20).tolist()).toEqual(a);
    const s = g.seed();
    expect(typeof s).toBe('bigint');
    expect(g.initialSeed()).toBe(s);
    expect(() => g.setState(torch.zeros(3) as torch.Tensor)).toThrow(/RNG state must be a torch\.ByteTensor/);
  });

  it('rejects bad arguments', () => {
    expect(() => new torch.Generator('cuda')).toThrow(/torch.Generator: device must be 'cpu'/);
    expect(() => new torch.Generator().manualSeed(1.5)).toThrow(/manual_seed: seed must be an integer/);
  });
});

// Every random function and method that takes `generator=` in Python 1.13, with a fresh
// Generator().manual_seed(5): the same calls as test/fixtures/gen_generator.py.
describe('generator= on the random ops', () => {
  const ops: Record<string, { values: unknown; dtype: string; defaultAfter: number[] }> = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'fixtures/generator/random_ops.json'), 'utf8'));
  const T = torch as unknown as Record<string, (...a: unknown[]) => torch.Tensor>;
  const g = (): torch.Generator => new torch.Generator().manualSeed(5);
  const x = (): torch.Tensor => torch.zeros(2, 3);
  const p = (): torch.Tensor => torch.tensor([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]);
  const m = (t: torch.Tensor, name: string, ...a: unknown[]): torch.Tensor => (t as unknown as Record<string, (...b: unknown[]) => torch.Tensor>)[name](...a);
  const cases: Record<string, () => torch.Tensor> = {
    rand: () => torch.rand(3, { generator: g() }),
    rand_size_list_float64: () => torch.rand([2, 2], { generator: g(), dtype: torch.float64 }),
    randn: () => torch.randn(3, { generator: g() }),
    randn_varargs: () => torch.randn(2, 3, { generator: g() }),
    randint_high: () => torch.randint(10, [4], { generator: g() }),
    randint_low_high: () => torch.randint(3, 10, [4], { generator: g() }),
    randint_int32: () => torch.randint(3, 10, [4], { generator: g(), dtype: torch.int32 }),
    randperm: () => torch.randperm(6, { generator: g() }),
    normal_tensor_tensor: () => T.normal(torch.zeros(3), torch.ones(3), { generator: g() }),
    normal_float_float_size: () => T.normal(0, 1, [3], { generator: g() }),
    normal_tensor_float: () => T.normal(torch.zeros(3), 2, { generator: g() }),
    bernoulli: () => T.bernoulli(torch.full([4], 0.5), { generator: g() }),
    bernoulli_p: () => T.bernoulli(torch.zeros(4), 0.5, { generator: g() }),
    multinomial: () => T.multinomial(p(), 2, { generator: g() }),
    multinomial_replacement: () => T.multinomial(p(), 4, true, { generator: g() }),
    poisson: () => T.poisson(torch.full([4], 3), { generator: g() }),
    'Tensor.bernoulli': () => m(torch.full([4], 0.5), 'bernoulli', { generator: g() }),
    'Tensor.multinomial': () => m(p(), 'multinomial', 2, { generator: g() }),
    'Tensor.uniform_': () => x().uniform_({ generator: g() }),
    'Tensor.uniform_from_to': () => x().uniform_(-2, 3, { generator: g() }),
    'Tensor.normal_': () => x().normal_({ generator: g() }),
    'Tensor.normal_mean_std': () => x().normal_(1, 2, { generator: g() }),
    'Tensor.random_': () => m(x(), 'random_', { generator: g() }),
    'Tensor.random_to': () => m(x(), 'random_', 10, { generator: g() }),
    'Tensor.random_from_to': () => m(x(), 'random_', 3, 10, { generator: g() }),
    'Tensor.exponential_': () => m(x(), 'exponential_', { generator: g() }),
    'Tensor.geometric_': () => m(x(), 'geometric_', 0.3, { generator: g() }),
    'Tensor.log_normal_': () => m(x(), 'logNormal_', { generator: g() }),
    'Tensor.cauchy_': () => m(x(), 'cauchy_', { generator: g() }),
    'Tensor.bernoulli_': () => m(x(), 'bernoulli_', 0.5, { generator: g() }),
  };

  it('covers every case of the fixture', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(ops).sort());
  });

  for (const [name, make] of Object.entries(cases)) {
    it(`${name} draws Python's values and leaves the default generator alone`, () => {
      torch.manualSeed(0);
      const r = make();
      const want = ops[name];
      expect(String(r.dtype)).toBe(`torch.${want.dtype}`);
      const got = r.flatten().tolist() as number[];
      const exp = (want.values as number[] | number[][]).flat();
      expect(got.length).toBe(exp.length);
      got.forEach((v, i) => expect(v).toBeCloseTo(exp[i], 5));
      const after = torch.rand(2).tolist() as number[];
      after.forEach((v, i) => expect(v).toBeCloseTo(want.defaultAfter[i], 6));
    });
  }

  it('torch.defaultGenerator draws as no generator does; other values are rejected', () => {
    torch.manualSeed(4);
    const a = torch.randn(5, { generator: torch.defaultGenerator }).tolist();
    torch.manualSeed(4);
    expect(torch.randn(5).tolist()).toEqual(a);
    torch.manualSeed(4);
    expect(torch.zeros(5).uniform_({ generator: torch.defaultGenerator }).tolist()).toEqual(torch.manualSeed(4) && torch.zeros(5).uniform_().tolist());
    expect(() => torch.rand(2, { generator: 5 as unknown as torch.Generator })).toThrow(/torch\.rand: generator must be a torch\.Generator/);
    expect(() => torch.zeros(2).normal_(0, 1, { generator: {} as unknown as torch.Generator })).toThrow(/torch\.Tensor\.normal_: generator must be a torch\.Generator/);
    expect(() => torch.randLike(torch.zeros(2), { generator: g() } as never)).toThrow(/torch\.rand_like: unknown option 'generator'/);
  });
});
