// torch.backends (lib/backends): the cuDNN switches of ATen's Context and the build answers, against
// Python 1.13 on the same libtorch (test/fixtures/gen_examples_port.py: backends.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'backends.json'), 'utf8'));
const { cudnn } = torch.backends;

describe('torch.backends', () => {
  it("starts with Python's cuDNN switches", () => {
    expect([cudnn.enabled, cudnn.benchmark, cudnn.deterministic, cudnn.allowTf32]).toEqual([f.cudnn.enabled, f.cudnn.benchmark, f.cudnn.deterministic, f.cudnn.allow_tf32]);
  });
  it('answers is_available() as Python does on this libtorch', () => {
    expect(cudnn.isAvailable()).toBe(f.cudnn.is_available);
    expect(cudnn.version()).toBe(f.cudnn.version);
    expect([torch.backends.mps.isAvailable(), torch.backends.mps.isBuilt()]).toEqual([f.mps.is_available, f.mps.is_built]);
    expect(torch.backends.mkl.isAvailable()).toBe(f.mkl);
    expect(torch.backends.mkldnn.isAvailable()).toBe(f.mkldnn);
    expect(torch.backends.openmp.isAvailable()).toBe(f.openmp);
  });
  it('sets the switches in libtorch (cudnn.benchmark = true, as the dcgan and imagenet examples do)', () => {
    const before = [cudnn.benchmark, cudnn.deterministic];
    try {
      cudnn.benchmark = !before[0];
      cudnn.deterministic = !before[1];
      expect([cudnn.benchmark, cudnn.deterministic]).toEqual([!before[0], !before[1]]);
    } finally {
      cudnn.benchmark = before[0];
      cudnn.deterministic = before[1];
    }
    expect([cudnn.benchmark, cudnn.deterministic]).toEqual(before);
    expect(() => { cudnn.benchmark = 1 as never; }).toThrow(/torch\.backends\.cudnn\.benchmark: benchmark must be a boolean, got 1/);
  });
});
