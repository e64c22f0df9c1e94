import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { describeLayerCases } from './layer_cases';

const { nn } = torch;

describeLayerCases('layers_norm', {
  'BatchNorm1d(3)': () => new nn.BatchNorm1d(3),
  'BatchNorm1d(4, momentum=None, affine=False)': () => new nn.BatchNorm1d(4, { momentum: null, affine: false }),
  'BatchNorm2d(3, eps=0.001, momentum=0.3)': () => new nn.BatchNorm2d(3, 1e-3, 0.3),
  'BatchNorm3d(2)': () => new nn.BatchNorm3d(2),
  'BatchNorm2d(2, track_running_stats=False)': () => new nn.BatchNorm2d(2, { trackRunningStats: false }),
  'LazyBatchNorm1d()': () => new nn.LazyBatchNorm1d(),
  'LazyBatchNorm2d(momentum=0.2, affine=False)': () => new nn.LazyBatchNorm2d({ momentum: 0.2, affine: false }),
  'LazyBatchNorm3d(eps=0.0001)': () => new nn.LazyBatchNorm3d(1e-4),
  'InstanceNorm1d(3)': () => new nn.InstanceNorm1d(3),
  'InstanceNorm1d(3, affine=True) unbatched': () => new nn.InstanceNorm1d(3, { affine: true }),
  'InstanceNorm2d(2, track_running_stats=True) unbatched': () => new nn.InstanceNorm2d(2, { trackRunningStats: true }),
  'InstanceNorm2d(2, affine=True, track_running_stats=True)': () => new nn.InstanceNorm2d(2, { affine: true, trackRunningStats: true }),
  'InstanceNorm3d(2, momentum=0.5, track_running_stats=True)': () => new nn.InstanceNorm3d(2, { momentum: 0.5, trackRunningStats: true }),
  'LazyInstanceNorm1d()': () => new nn.LazyInstanceNorm1d(),
  'LazyInstanceNorm2d(affine=False, track_running_stats=False)': () => new nn.LazyInstanceNorm2d({ affine: false, trackRunningStats: false }),
  'LazyInstanceNorm3d(eps=0.001)': () => new nn.LazyInstanceNorm3d({ eps: 1e-3 }),
  'LayerNorm(5)': () => new nn.LayerNorm(5),
  'LayerNorm((3, 4), eps=1e-06, elementwise_affine=False)': () => new nn.LayerNorm([3, 4], 1e-6, false),
  'LayerNorm([2, 3])': () => new nn.LayerNorm({ normalizedShape: [2, 3] }),
  'GroupNorm(2, 4)': () => new nn.GroupNorm(2, 4),
  'GroupNorm(3, 6, eps=0.001, affine=False)': () => new nn.GroupNorm(3, 6, { eps: 1e-3, affine: false }),
  'GroupNorm(2, 6) 5-D': () => new nn.GroupNorm(2, 6),
  'GroupNorm(1, 2)': () => new nn.GroupNorm(1, 2),
  'LocalResponseNorm(3)': () => new nn.LocalResponseNorm(3),
  'LocalResponseNorm(2, alpha=0.001, beta=0.5, k=2.0)': () => new nn.LocalResponseNorm(2, { alpha: 1e-3, beta: 0.5, k: 2 }),
  'LocalResponseNorm(3) 5-D': () => new nn.LocalResponseNorm(3),
  'CrossMapLRN2d(3)': () => new nn.CrossMapLRN2d(3),
  'CrossMapLRN2d(5, alpha=0.01, beta=0.5, k=2.0)': () => new nn.CrossMapLRN2d(5, 1e-2, 0.5, 2),
  'CrossMapLRN2d(2)': () => new nn.CrossMapLRN2d(2),
});

describe('normalization layers', () => {
  it('lazy norms become their class and keep their tensors', () => {
    const m = new nn.LazyBatchNorm2d();
    expect(m.weight).toBeInstanceOf(nn.UninitializedParameter);
    expect(m.running_mean).toBeInstanceOf(nn.UninitializedBuffer);
    expect(String(m.running_mean)).toBe('<UninitializedBuffer>');
    const w = m.weight;
    m.forward(torch.randn(2, 3, 2, 2));
    expect(m.constructor).toBe(nn.BatchNorm2d);
    expect(m.weight).toBe(w);
    expect(m.running_mean).not.toBeInstanceOf(nn.UninitializedBuffer);
    expect(m.numFeatures).toBe(3);
    expect(m.numBatchesTracked!.item()).toBe(1);
  });

  it('a lazy norm takes its shapes from a state dict', () => {
    const src = new nn.BatchNorm1d(3);
    src.forward(torch.randn(4, 3));
    const m = new nn.LazyBatchNorm1d();
    m.loadStateDict(src.stateDict());
    expect(m.running_mean!.shape).toEqual([3]);
    expect(m.running_mean!.equal(src.running_mean!)).toBe(true);
    expect(m.num_batches_tracked!.item()).toBe(1);
    m.eval();
    src.eval();
    const x = torch.randn(2, 3);
    expect(m.forward(x).equal(src.forward(x))).toBe(true);
    expect(m.constructor).toBe(nn.BatchNorm1d);
  });

  it('instance norm refuses running stats it does not track, as Python does for old checkpoints', () => {
    const m = new nn.InstanceNorm1d(2);
    expect(() => m.loadStateDict({ running_mean: torch.zeros(2), running_var: torch.ones(2) })).toThrow(
      'Unexpected running stats buffer(s) "running_mean" and "running_var" for InstanceNorm1d with track_running_stats=False.',
    );
  });

  it('reject bad arguments and inputs', () => {
    expect(() => new nn.GroupNorm(3, 4)).toThrow('nn.GroupNorm: num_channels must be divisible by num_groups');
    expect(() => new nn.LayerNorm('5' as never)).toThrow('nn.LayerNorm: normalized_shape must be an integer');
    expect(() => new nn.LayerNorm(5, { elementwise_affine: false } as never)).toThrow("did you mean 'elementwiseAffine'?");
    expect(() => new nn.InstanceNorm2d(3).forward(torch.randn(3, 4))).toThrow('expected 3D or 4D input (got 2D input)');
    expect(() => new nn.BatchNorm3d(3).forward(torch.randn(3, 4))).toThrow('expected 5D input (got 2D input)');
    expect(() => new nn.LocalResponseNorm(0)).toThrow('nn.LocalResponseNorm: size must be a positive integer, got 0');
    expect(() => new nn.CrossMapLRN2d(3).forward(torch.randn(2, 3, 4))).toThrow('nn.CrossMapLRN2d.forward: input must be a 4-D tensor');
    expect(() => new nn.LazyBatchNorm1d({ numFeatures: 3 } as never)).toThrow("nn.LazyBatchNorm1d: unknown option 'numFeatures'");
    expect(String(new nn.CrossMapLRN2d(3))).toBe('CrossMapLRN2d(3, alpha=0.0001, beta=0.75, k=1)');
  });
});
