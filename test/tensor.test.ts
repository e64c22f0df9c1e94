import { describe, it, expect } from 'vitest';
import * as torch from '../lib';

describe('tensor basics', () => {
  it('creates a float32 tensor from nested numbers and reads it back', () => {
    const x = torch.tensor([[1.5, 2], [3, 4]]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.dtype).toBe(torch.float32);
    expect(x.tolist()).toEqual([[1.5, 2], [3, 4]]);
  });
});
