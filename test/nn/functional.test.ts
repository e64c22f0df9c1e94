import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import * as F from '../../lib/nn/functional';
import { loadCases, checkCase, resolve, Case } from './fixture_cases';

/** Calls F[c.fn] as the fixture recorded it: positional args, then the options object if any. */
function callF(c: Case, tensors: Record<string, torch.Tensor>): torch.Tensor {
  const fn = (F as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[c.fn];
  expect(fn, `F.${c.fn} exists`).toBeTypeOf('function');
  const args = c.args.map((a) => resolve(a, tensors));
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, a]) => [k, resolve(a, tensors)]));
  return Object.keys(kwargs).length ? fn(...args, kwargs) : fn(...args);
}

function parity(area: string): void {
  for (const c of loadCases(area)) it(`${c.name} matches PyTorch`, () => checkCase(c, (t) => callF(c, t)));
}

describe('F.interpolate', () => {
  parity('interpolate');

  it('gives the requested shapes', () => {
    const x = torch.randn(2, 3, 10, 8);
    expect(F.interpolate(x, { size: 224, mode: 'bilinear' }).shape).toEqual([2, 3, 224, 224]);
    expect(F.interpolate(x, [5, 4]).shape).toEqual([2, 3, 5, 4]);
    expect(F.interpolate(x, { scaleFactor: 0.5, mode: 'bilinear', antialias: true }).shape).toEqual([2, 3, 5, 4]);
  });

  it('rejects bad arguments with errors naming F.interpolate', () => {
    const x = torch.randn(1, 1, 4, 4);
    expect(() => F.interpolate(torch.randn(3, 4, 4), { size: 2 })).toThrow(/F\.interpolate: input must be a 4-D tensor/);
    expect(() => F.interpolate(x, {})).toThrow(/exactly one of size or scale_factor/);
    expect(() => F.interpolate(x, { size: 2, scaleFactor: 2 })).toThrow(/exactly one of size or scale_factor/);
    expect(() => F.interpolate(x, { size: [2, 2, 2] })).toThrow(RangeError);
    expect(() => F.interpolate(x, { size: 0 })).toThrow(/size must be a positive integer, got 0/);
    expect(() => F.interpolate(x, { scaleFactor: -1 })).toThrow(/scale_factor must be a positive number/);
    expect(() => F.interpolate(x, { size: 2, mode: 'linear' as never })).toThrow(/mode must be one of/);
    expect(() => F.interpolate(x, { size: 2, alignCorners: true })).toThrow(/align_corners can only be set/);
    expect(() => F.interpolate(x, { size: 2, antialias: true })).toThrow(/antialias is only supported/);
    expect(() => F.interpolate(x, { size: 2, recomputeScaleFactor: true })).toThrow(/not meaningful with an explicit size/);
    expect(() => F.interpolate(x, { size: 2, align_corners: true } as never)).toThrow(/did you mean 'alignCorners'/);
    expect(() => F.interpolate('x' as never, { size: 2 })).toThrow(/F\.interpolate: input must be a Tensor/);
  });
});
