import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, layerCase } from './nn_fixtures';
import { describeLayerCases } from './layer_cases';

const { nn } = torch;
type T = torch.Tensor;

describeLayerCases('layers_pooling', {
  'MaxPool1d(3, stride=2, padding=1)': () => new nn.MaxPool1d(3, 2, 1),
  'MaxPool1d(2, dilation=2, return_indices=True, ceil_mode=True)': () => new nn.MaxPool1d(2, { dilation: 2, returnIndices: true, ceilMode: true }),
  'MaxPool2d(3, stride=2)': () => new nn.MaxPool2d(3, { stride: 2 }),
  'MaxPool2d((2, 3), stride=(1, 2), padding=1, dilation=(2, 1), return_indices=True, ceil_mode=True)': () => new nn.MaxPool2d([2, 3], [1, 2], 1, [2, 1], true, true),
  'MaxPool2d(2) unbatched': () => new nn.MaxPool2d(2),
  'AvgPool2d(2, stride=1) unbatched': () => new nn.AvgPool2d(2, 1),
  'MaxPool3d(2, stride=1, padding=1, return_indices=True)': () => new nn.MaxPool3d({ kernelSize: 2, stride: 1, padding: 1, returnIndices: true }),
  'MaxUnpool1d(2)': () => new nn.MaxUnpool1d(2),
  'MaxUnpool2d(2, stride=2) output_size=[4, 5]': {
    make: () => new nn.MaxUnpool2d(2, { stride: 2 }),
    forward: (m, [x, i]) => (m as torch.nn.MaxUnpool2d).forward(x, i, [4, 5]),
  },
  'MaxUnpool3d(2)': () => new nn.MaxUnpool3d(2),
  'AvgPool1d(3, stride=2, padding=1, count_include_pad=False)': () => new nn.AvgPool1d(3, 2, 1, { countIncludePad: false }),
  'AvgPool2d(3, stride=2, padding=1, ceil_mode=True, divisor_override=2)': () => new nn.AvgPool2d(3, { stride: 2, padding: 1, ceilMode: true, divisorOverride: 2 }),
  'AvgPool2d((2, 3))': () => new nn.AvgPool2d([2, 3]),
  'AvgPool3d(2, stride=(1, 2, 2), padding=(0, 1, 1), count_include_pad=False)': () => new nn.AvgPool3d(2, [1, 2, 2], [0, 1, 1], false, false),
  'FractionalMaxPool2d(2, output_size=3, return_indices=True)': () => new nn.FractionalMaxPool2d(2, { outputSize: 3, returnIndices: true }),
  'FractionalMaxPool2d(3, output_ratio=(0.5, 0.6))': () => new nn.FractionalMaxPool2d(3, { outputRatio: [0.5, 0.6] }),
  'FractionalMaxPool3d(2, output_size=(2, 3, 2))': () => new nn.FractionalMaxPool3d(2, [2, 3, 2]),
  'LPPool1d(2.0, 3, stride=2)': () => new nn.LPPool1d(2, 3, 2),
  'LPPool2d(1.5, (2, 3), stride=(2, 1))': () => new nn.LPPool2d(1.5, [2, 3], { stride: [2, 1] }),
  'LPPool2d(3.0, 2, ceil_mode=True)': () => new nn.LPPool2d({ normType: 3, kernelSize: 2, ceilMode: true }),
  'AdaptiveMaxPool1d(3, return_indices=True)': () => new nn.AdaptiveMaxPool1d(3, true),
  'AdaptiveMaxPool2d((None, 3))': () => new nn.AdaptiveMaxPool2d([null, 3]),
  'AdaptiveMaxPool3d(2)': () => new nn.AdaptiveMaxPool3d(2),
  'AdaptiveAvgPool1d(4)': () => new nn.AdaptiveAvgPool1d(4),
  'AdaptiveAvgPool2d((3, None))': () => new nn.AdaptiveAvgPool2d({ outputSize: [3, null] }),
  'AdaptiveAvgPool2d(2)': () => new nn.AdaptiveAvgPool2d(2),
  'AdaptiveAvgPool3d((2, 1, 3))': () => new nn.AdaptiveAvgPool3d([2, 1, 3]),
});

describe('nn.MaxPool2d', () => {
  it('matches PyTorch (layers.json) and prints its arguments as given', () => {
    checkLayerCase(layerCase('MaxPool2d(3, stride=2)'), new nn.MaxPool2d({ kernelSize: 3, stride: 2 }));
    expect(String(new nn.MaxPool2d(2))).toBe('MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)');
    checkLayerCase(layerCase('MaxPool2d(2, padding=1, ceil_mode=True)'), new nn.MaxPool2d(2, { padding: 1, ceilMode: true }));
    expect(new nn.MaxPool2d([2, 3]).forward(torch.randn(1, 1, 6, 6)).shape).toEqual([1, 1, 3, 2]);
  });

  it('returns indices that MaxUnpool2d inverts', () => {
    const x = torch.randn(1, 2, 4, 4);
    const [y, i] = new nn.MaxPool2d(2, { returnIndices: true }).forward(x) as unknown as [T, T];
    const u = new nn.MaxUnpool2d(2).forward(y, i);
    expect(u.shape).toEqual([1, 2, 4, 4]);
    expect(u.sum().item()).toBeCloseTo(y.sum().item() as number, 5);
    expect(String(new nn.MaxUnpool2d(2))).toBe('MaxUnpool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0))');
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.MaxPool2d(0)).toThrow('nn.MaxPool2d: kernel_size must be a positive integer, got 0');
    expect(() => new nn.MaxPool2d(2, { padding: -1 })).toThrow('nn.MaxPool2d: padding must be a non-negative integer, got -1');
    expect(() => new nn.MaxPool3d([2, 2] as never)).toThrow('nn.MaxPool3d: kernel_size must be an integer or a list of 3 integers, got an array of length 2');
    expect(() => new nn.MaxPool1d(2, { returnIndices: 1 } as never)).toThrow('nn.MaxPool1d: return_indices must be a boolean');
    expect(() => new nn.MaxPool2d(2, { padding: 2 }).forward(torch.randn(1, 1, 4, 4))).toThrow(torch.TorchError);
  });
});

describe('nn.AvgPool', () => {
  it('matches PyTorch (layers.json), honours divisor_override and prints as Python', () => {
    checkLayerCase(layerCase('AvgPool2d(2)'), new nn.AvgPool2d(2));
    checkLayerCase(layerCase('AvgPool2d(3, stride=2, padding=1, count_include_pad=False)'), new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }));
    expect(new nn.AvgPool2d(2, { divisorOverride: 1 }).forward(torch.ones(1, 1, 2, 2)).item()).toBe(4);
    expect(String(new nn.AvgPool1d(3))).toBe('AvgPool1d(kernel_size=(3,), stride=(3,), padding=(0,))');
    expect(String(new nn.AvgPool3d([1, 2, 2], 1))).toBe('AvgPool3d(kernel_size=(1, 2, 2), stride=1, padding=0)');
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.AvgPool2d(2, { divisorOverride: 0 })).toThrow('divisor_override must be a positive integer');
    expect(() => new nn.AvgPool2d(2, { ceil_mode: true } as never)).toThrow("did you mean 'ceilMode'?");
    expect(() => new nn.AvgPool1d(2, { divisorOverride: 2 } as never)).toThrow("nn.AvgPool1d: unknown option 'divisorOverride'");
  });
});

describe('nn.AdaptiveAvgPool2d, FractionalMaxPool2d, LPPool2d', () => {
  it('match PyTorch (layers.json), with null keeping a size', () => {
    checkLayerCase(layerCase('AdaptiveAvgPool2d((3, 2))'), new nn.AdaptiveAvgPool2d([3, 2]));
    checkLayerCase(layerCase('AdaptiveAvgPool2d((None, 4))'), new nn.AdaptiveAvgPool2d({ outputSize: [null, 4] }));
    const m = new nn.AdaptiveAvgPool2d(6);
    expect(String(m)).toBe('AdaptiveAvgPool2d(output_size=6)');
    expect(m.forward(torch.randn(2, 3, 13, 13)).shape).toEqual([2, 3, 6, 6]);
    expect(String(new nn.AdaptiveMaxPool2d([null, 3]))).toBe('AdaptiveMaxPool2d(output_size=(None, 3))');
    expect(String(new nn.FractionalMaxPool2d(2, { outputSize: 3 }))).toBe('FractionalMaxPool2d()');
    expect(String(new nn.LPPool2d(2, 3))).toBe('LPPool2d(norm_type=2.0, kernel_size=3, stride=None, ceil_mode=False)');
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.AdaptiveAvgPool2d([1, 2, 3] as never)).toThrow('nn.AdaptiveAvgPool2d: output_size must be an integer or a list of 2');
    expect(() => new nn.AdaptiveAvgPool2d(-1)).toThrow('nn.AdaptiveAvgPool2d: output_size must be a non-negative integer, got -1');
    expect(() => new nn.AdaptiveAvgPool1d(null as never)).toThrow('nn.AdaptiveAvgPool1d: output_size must be an integer');
    expect(() => new nn.FractionalMaxPool2d(2)).toThrow('FractionalMaxPool2d requires specifying either an output size, or a pooling ratio');
    expect(() => new nn.FractionalMaxPool2d(2, { outputSize: 3, outputRatio: 0.5 })).toThrow('only one of output_size and output_ratio may be specified');
    expect(() => new nn.FractionalMaxPool3d(2, { outputRatio: [0.5, 1.5, 0.5] })).toThrow('output_ratio must be between 0 and 1 (got (0.5, 1.5, 0.5))');
    expect(() => new nn.LPPool1d('2' as never, 3)).toThrow('nn.LPPool1d: norm_type must be a number');
  });
});
