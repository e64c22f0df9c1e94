import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';
import { randpermWith, randintWith, randomSeed } from '../lib/generator';

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

  it('rejects bad arguments', () => {
    expect(() => new torch.Generator('cuda')).toThrow(/torch.Generator: device must be 'cpu'/);
    expect(() => new torch.Generator().manualSeed(1.5)).toThrow(/manual_seed: seed must be an integer/);
  });
});
