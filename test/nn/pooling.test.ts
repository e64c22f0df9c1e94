import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('nn.MaxPool2d', () => {
  it('matches PyTorch and prints its arguments as given', () => {
    const m = new nn.MaxPool2d({ kernelSize: 3, stride: 2 });
    checkLayerCase(layerCase('MaxPool2d(3, stride=2)'), m);
    expect(String(new nn.MaxPool2d(2))).toBe('MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)');
    checkLayerCase(layerCase('MaxPool2d(2, padding=1, ceil_mode=True)'), new nn.MaxPool2d(2, { padding: 1, ceilMode: true }));
    expect(new nn.MaxPool2d([2, 3]).forward(torch.randn(1, 1, 6, 6)).shape).toEqual([1, 1, 3, 2]);
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.MaxPool2d(0)).toThrow('nn.MaxPool2d: kernel_size must be a positive integer, got 0');
    expect(() => new nn.MaxPool2d(2, { returnIndices: true })).toThrow('return_indices=True is not supported');
    expect(() => new nn.MaxPool2d(2, { padding: -1 })).toThrow('nn.MaxPool2d: padding must be a non-negative integer, got -1');
    expect(() => new nn.MaxPool2d(2, { padding: 2 }).forward(torch.randn(1, 1, 4, 4))).toThrow(torch.TorchError);
  });
});

describe('nn.AvgPool2d', () => {
  it('matches PyTorch', () => {
    checkLayerCase(layerCase('AvgPool2d(2)'), new nn.AvgPool2d(2));
    checkLayerCase(layerCase('AvgPool2d(3, stride=2, padding=1, count_include_pad=False)'), new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }));
  });

  it('honours divisor_override and rejects bad arguments', () => {
    const y = new nn.AvgPool2d(2, { divisorOverride: 1 }).forward(torch.ones(1, 1, 2, 2));
    expect(y.item()).toBe(4);
    expect(() => new nn.AvgPool2d(2, { divisorOverride: 0 })).toThrow('divisor_override must be a positive integer');
    expect(() => new nn.AvgPool2d(2, { ceil_mode: true } as never)).toThrow("did you mean 'ceilMode'?");
  });
});

describe('nn.AdaptiveAvgPool2d', () => {
  it('matches PyTorch, with null keeping a size', () => {
    checkLayerCase(layerCase('AdaptiveAvgPool2d((3, 2))'), new nn.AdaptiveAvgPool2d([3, 2]));
    checkLayerCase(layerCase('AdaptiveAvgPool2d((None, 4))'), new nn.AdaptiveAvgPool2d({ outputSize: [null, 4] }));
    const m = new nn.AdaptiveAvgPool2d(6);
    expect(String(m)).toBe('AdaptiveAvgPool2d(output_size=6)');
    expect(m.forward(torch.randn(2, 3, 13, 13)).shape).toEqual([2, 3, 6, 6]);
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.AdaptiveAvgPool2d([1, 2, 3] as never)).toThrow('nn.AdaptiveAvgPool2d: output_size must be an integer or a list of 2');
    expect(() => new nn.AdaptiveAvgPool2d(-1)).toThrow('nn.AdaptiveAvgPool2d: output_size must be a non-negative integer, got -1');
  });
});
