// Python's size= keyword of the factories (lib/creation.ts): torch.empty(size=(2, 3)) in the gat
// example, torch.randint(n, size=(1,)) in mnist_forward_forward. Against Python 1.13
// (test/fixtures/gen_examples_port.py: creation.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'creation.json'), 'utf8'));

describe('the size option of the factories', () => {
  it('makes the shape Python makes', () => {
    expect(torch.empty({ size: [2, 3] }).shape).toEqual(f.empty);
    const z = torch.zeros({ size: [2, 2], dtype: torch.float64 });
    expect([z.tolist(), z.dtype]).toEqual([f.zeros, torch.float64]);
    expect(torch.ones({ size: [3] }).tolist()).toEqual(f.ones);
  });
  it('draws the values Python draws after the same seed', () => {
    torch.manualSeed(5);
    expect(torch.rand({ size: [2, 2] }).tolist()).toEqual(f.rand);
    expect(torch.randn({ size: [3], dtype: torch.float64 }).tolist()).toEqual(f.randn);
    expect(torch.randint(10, { size: [5] }).tolist()).toEqual(f.randint_high);
    const r = torch.randint(3, 9, { size: [2, 2], dtype: torch.int32 });
    expect([r.tolist(), r.dtype]).toEqual([f.randint_low_high, torch.int32]);
    expect(String(torch.randint(10, { size: [1] }).dtype)).toBe(f.randint_high_dtype);
  });
  it('checks the size as the positional one', () => {
    expect(() => torch.zeros({ size: [2, -1] })).toThrow(/torch\.zeros: size\[1\] must be a non-negative integer, got -1/);
    expect(() => torch.randint(10, { size: 'x' } as never)).toThrow(/torch\.randint: size must be an array of integers/);
    expect(() => torch.ones(2, { size: [3] } as never)).toThrow(/torch\.ones: unknown option 'size'/);
  });
});
