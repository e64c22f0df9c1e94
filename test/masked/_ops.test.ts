// torch.masked (lib/masked/_ops.ts): values from Python 1.13 (torch.masked on the same inputs); every op's
// OpInfo samples, with gradients, run in test/opinfo.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';

describe('torch.masked', () => {
  const x = torch.tensor([[1, -2, 3], [4, 5, -6]]);
  const mask = torch.tensor([[true, false, true], [false, false, true]]);
  const close = (t: torch.Tensor, expected: unknown): void => {
    const got = JSON.stringify(t.tolist(), (_k, n: unknown) => (typeof n === 'number' && !Number.isNaN(n) ? Number(n.toFixed(6)) : n));
    expect(got).toBe(JSON.stringify(expected, (_k, n: unknown) => (typeof n === 'number' ? Number(n.toFixed(6)) : n)));
  };

  it('reduce only the unmasked elements, as Python', () => {
    close(torch.masked.sum(x, 1, { mask }), [4, -6]);
    close(torch.masked.mean(x, 1, { mask }), [2, -6]);
    expect(torch.masked.amax(x, { mask }).item()).toBe(3);
    const v = torch.masked.var(x, 1, true, { mask }).tolist() as number[];
    expect(v[0]).toBe(2);
    expect(Number.isNaN(v[1])).toBe(true);  // one element, unbiased: 0/0 as in Python
    close(torch.masked.softmax(x, 1, { mask }), [[0.11920291185379028, 0, 0.8807970285415649], [0, 0, 1]]);
    close(torch.masked.norm(x, 1, 0, { keepdim: true, mask }), [[1, 0, 9]]);
    close(torch.masked.cumsum(x, 1, { mask }), [[1, 1, 4], [0, 0, -6]]);
    const m = torch.masked.mean(x, 0, { mask: torch.tensor([true, false, true]) }).tolist() as number[];  // the mask broadcasts
    expect([m[0], Number.isNaN(m[1]), m[2]]).toEqual([2.5, true, -1.5]);
  });

  it('rejects what Python rejects', () => {
    expect(() => torch.masked.sum(x, [1, 1], { mask })).toThrow(/torch\.masked\.sum: dim=1 appears multiple times in the list of dims/);
    expect(() => torch.masked.sum(x, 2, { mask })).toThrow(/Dimension out of range/);
    expect(() => torch.masked.softmax(x, { mask } as never)).toThrow(/missing required argument 'dim'/);
  });
});
