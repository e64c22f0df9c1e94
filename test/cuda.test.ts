// torch.cuda and devices. Tests that need a GPU skip visibly where torch.cuda.isAvailable() is false
// (a CPU-only libtorch, as Debian's); the rest run everywhere.
import { describe, it, expect } from 'vitest';
import * as util from 'node:util';
import * as torch from '../lib';

const hasCuda = torch.cuda.isAvailable();

describe('torch.device', () => {
  it('parses and prints like Python', () => {
    const d = torch.device('cuda:0');
    expect(d.type).toBe('cuda');
    expect(d.index).toBe(0);
    expect(String(d)).toBe('cuda:0');
    expect(util.inspect(d)).toBe("device(type='cuda', index=0)");
    expect(util.inspect(torch.device('cpu'))).toBe("device(type='cpu')");
    expect(String(torch.device('cuda', 1))).toBe('cuda:1');
    expect(torch.device('cuda:0').equals('cuda:0')).toBe(true);
    expect(String(torch.zeros(1).device)).toBe('cpu');
  });
  it('rejects unknown devices, naming torch.device', () => {
    expect(() => torch.device('gpu')).toThrow(/^torch\.device: device must be 'cpu', 'cuda', 'cuda:N' or 'meta', got "gpu"$/);
    expect(() => torch.zeros(1).to('tpu' as never)).toThrow(/torch\.Tensor\.to: argument must be a dtype, a device or a Tensor/);
  });
});

describe('torch.cuda', () => {
  it('answers availability and device count consistently', () => {
    expect(typeof hasCuda).toBe('boolean');
    const n = torch.cuda.deviceCount();
    expect(Number.isInteger(n)).toBe(true);
    expect(n > 0).toBe(hasCuda);
  });

  it('rejects bad seeds, naming the call', () => {
    expect(() => torch.cuda.manualSeed(0.5)).toThrow(/^torch\.cuda\.manual_seed: seed must be an integer, got 0\.5$/);
    expect(() => torch.cuda.manualSeedAll('1' as never)).toThrow(/torch\.cuda\.manual_seed_all: seed must be an integer/);
    expect(() => torch.cuda.manualSeed(5n)).not.toThrow();
  });

  it.skipIf(hasCuda)('moving a tensor to CUDA without a GPU is a JS error, not a crash', () => {
    expect(() => torch.zeros(2).cuda()).toThrow(torch.TorchError);
    expect(() => torch.zeros(2).to('cuda')).toThrow(torch.TorchError);
    expect(() => torch.zeros(2, { device: 'cuda' })).toThrow(torch.TorchError);
  });

  it.skipIf(!hasCuda)('moves tensors to the GPU and back', () => {
    const x = torch.tensor([[1.5, 2], [3, 4]]);
    const g = x.to('cuda');
    expect(String(g.device)).toBe('cuda:0');
    expect(g.isCuda).toBe(true);
    expect(String(x.cuda().device)).toBe('cuda:0');
    expect(String(x.cuda(0).device)).toBe('cuda:0');
    expect(String(x.to(torch.device('cuda:0')).device)).toBe('cuda:0');
    expect(g.mul(2).cpu().tolist()).toEqual([[3, 4], [6, 8]]);
    expect(String(g.cpu().device)).toBe('cpu');
    expect(String(g)).toBe("tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]], device='cuda:0')");
    expect(String(torch.zeros(2, { device: 'cuda', dtype: torch.int32 }))).toBe("tensor([0, 0], device='cuda:0', dtype=torch.int32)");
    expect(g.to(torch.float64).dtype).toBe(torch.float64);
    expect(x.to(g).isCuda).toBe(true);
  });

  it.skipIf(!hasCuda)('seeds the GPU generator with torch.manualSeed', () => {
    torch.manualSeed(3);
    const a = torch.rand(5, { device: 'cuda' }).cpu().tolist();
    torch.cuda.manualSeed(3);
    expect(torch.rand(5, { device: 'cuda' }).cpu().tolist()).toEqual(a);
    torch.cuda.synchronize();
  });
});
