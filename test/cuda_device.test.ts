// torch.cuda.setDevice / currentDevice (lib/cuda.ts, native/cuda_device.cc) against Python 1.13 on the same
// libtorch (test/fixtures/gen_examples_port.py: cuda.json). The argument errors come before any CUDA call;
// the device switch itself runs only where CUDA is.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';
import { native } from '../lib/native';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'examples_port', 'cuda.json'), 'utf8'));

describe('torch.cuda.setDevice / currentDevice', () => {
  it("gives Python's errors for a device that is not a CUDA one with an index", () => {
    expect(() => torch.cuda.setDevice(torch.device('cuda'))).toThrow(f.no_index[1]);
    expect(() => torch.cuda.setDevice('cpu')).toThrow(f.cpu[1]);
    expect(f.negative).toBeNull();
    expect(torch.cuda.setDevice(-1)).toBeUndefined();
    expect(() => torch.cuda.setDevice(1.5)).toThrow(/torch\.cuda\.set_device: device must be an integer, got 1\.5/);
  });
  it('knows whether libtorch has CUDA, as Python does', () => {
    expect(native.cudaCompiled()).toBe(f.compiled);
  });
  it.skipIf(native.cudaCompiled())('says the libtorch has no CUDA, as Python does', () => {
    expect(() => torch.cuda.currentDevice()).toThrow(f.current_device[1]);
    expect(() => torch.cuda.setDevice(0)).toThrow(/Torch not compiled with CUDA enabled/);
  });
  it.skipIf(!torch.cuda.isAvailable())('switches the current device', () => {
    const n = torch.cuda.deviceCount();
    const before = torch.cuda.currentDevice();
    try {
      torch.cuda.setDevice(n - 1);
      expect(torch.cuda.currentDevice()).toBe(n - 1);
    } finally {
      torch.cuda.setDevice(before);
    }
    expect(() => torch.cuda.setDevice(n)).toThrow(/invalid device ordinal/);
  });
});
