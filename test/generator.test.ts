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
