import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, expectClose, fixture, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('nn.Conv2d', () => {
  it('takes positional and options arguments and prints as PyTorch', () => {
    const c = new nn.Conv2d(3, 64, { kernelSize: 11, stride: 4, padding: 2 });
    expect(c.weight.shape).toEqual([64, 3, 11, 11]);
    expect(String(c)).toBe('Conv2d(3, 64, kernel_size=(11, 11), stride=(4, 4), padding=(2, 2))');
    const d = new nn.Conv2d({ inChannels: 2, outChannels: 4, kernelSize: [3, 1], groups: 2, bias: false, dilation: 2 });
    expect(String(d)).toBe('Conv2d(2, 4, kernel_size=(3, 1), stride=(1, 1), dilation=(2, 2), groups=2, bias=False)');
    expect(d.bias).toBeNull();
    expect(new nn.Conv2d(3, 8, 3, 2, 1).forward(torch.randn(1, 3, 9, 9)).shape).toEqual([1, 8, 5, 5]);
  });

  it('initialises like Python after the same seed', () => {
    const f = fixture('init');
    torch.manualSeed(1);
    const c = new nn.Conv2d(2, 3, 3);
    expectClose(c.weight, f.conv_2_3_3.weight, 'weight', 1e-7);
    expectClose(c.bias, f.conv_2_3_3.bias, 'bias', 1e-7);
  });

  it('matches PyTorch forward and gradients on fixed weights', () => {
    checkLayerCase(layerCase('Conv2d(2, 3, 3)'), new nn.Conv2d(2, 3, 3));
    checkLayerCase(
      layerCase('Conv2d(2, 4, (3, 2), stride=2, padding=1, dilation=(1, 2), groups=2, bias=False)'),
      new nn.Conv2d(2, 4, [3, 2], { stride: 2, padding: 1, dilation: [1, 2], groups: 2, bias: false }),
    );
    checkLayerCase(layerCase("Conv2d(2, 3, 3, padding='same', padding_mode='reflect')"), new nn.Conv2d(2, 3, 3, { padding: 'same', paddingMode: 'reflect' }));
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.Conv2d(0, 3, 3)).toThrow('nn.Conv2d: in_channels must be a positive integer, got 0');
    expect(() => new nn.Conv2d(3, 3)).toThrow('nn.Conv2d: kernel_size must be an integer, got undefined');
    expect(() => new nn.Conv2d(3, 3, [3, 3, 3] as never)).toThrow('nn.Conv2d: kernel_size must be an integer or a list of 2 integers');
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow('in_channels must be divisible by groups');
    expect(() => new nn.Conv2d(3, 4, 3, { padding: 'full' as never })).toThrow("nn.Conv2d: padding must be one of 'same', 'valid'");
    expect(() => new nn.Conv2d(3, 4, 3, { padding: 'same', stride: 2 })).toThrow("padding='same' is not supported for strided convolutions");
    expect(() => new nn.Conv2d(3, 4, 3, { paddingMode: 'mirror' as never })).toThrow('nn.Conv2d: padding_mode must be one of');
    expect(() => new nn.Conv2d(3, 4, 3).forward(torch.randn(1, 2, 5, 5))).toThrow(torch.TorchError);
  });
});
