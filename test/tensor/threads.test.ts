// torch.setNumThreads / torch.getNumThreads (libtorch's intra-op thread pool, as Python's).
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';

describe('torch.setNumThreads', () => {
  it('sets what getNumThreads reports', () => {
    const before = torch.getNumThreads();
    expect(before).toBeGreaterThanOrEqual(1);
    try {
      torch.setNumThreads(1);
      expect(torch.getNumThreads()).toBe(1);
      torch.setNumThreads(2);
      expect(torch.getNumThreads()).toBe(2);
      // Results do not depend on the thread count.
      const x = torch.arange(100000, { dtype: torch.float64 });
      const s2 = x.sum().item();
      torch.setNumThreads(1);
      expect(x.sum().item()).toBe(s2);
    } finally {
      torch.setNumThreads(before);
    }
  });
  it('rejects bad counts, naming torch.set_num_threads', () => {
    expect(() => torch.setNumThreads(0)).toThrow(/^torch\.set_num_threads: nthreads must be a positive integer, got 0$/);
    expect(() => torch.setNumThreads(1.5)).toThrow(/torch\.set_num_threads: nthreads must be an integer/);
    expect(() => torch.setNumThreads(100000)).toThrow(/torch\.set_num_threads: nthreads must be at most 1024, got 100000/);
  });
});
