import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, expectClose, fixture, layerCase } from './nn_fixtures';
import { describeLayerCases } from './layer_cases';

const { nn } = torch;

describeLayerCases('layers_conv', {
  'Conv1d(2, 4, 3)': () => new nn.Conv1d(2, 4, 3),
  'Conv1d(2, 4, 3, stride=2, padding=1, dilation=2, groups=2, bias=False)': () => new nn.Conv1d(2, 4, 3, { stride: 2, padding: 1, dilation: 2, groups: 2, bias: false }),
  "Conv1d(2, 3, 4, padding='same', padding_mode='circular')": () => new nn.Conv1d(2, 3, 4, { padding: 'same', paddingMode: 'circular' }),
  "Conv1d(2, 3, 3, padding='valid') unbatched": () => new nn.Conv1d(2, 3, 3, { padding: 'valid' }),
  'Conv2d(2, 3, 3)': () => new nn.Conv2d(2, 3, 3),
  "Conv2d(2, 4, (3, 2), stride=(2, 1), padding=(1, 2), padding_mode='replicate')": () => new nn.Conv2d(2, 4, [3, 2], [2, 1], [1, 2], { paddingMode: 'replicate' }),
  "Conv2d(2, 3, 3, padding='same', dilation=(1, 2), padding_mode='reflect')": () => new nn.Conv2d({ inChannels: 2, outChannels: 3, kernelSize: 3, padding: 'same', dilation: [1, 2], paddingMode: 'reflect' }),
  'Conv2d(4, 4, 3, padding=1, groups=4)': () => new nn.Conv2d(4, 4, 3, 1, 1, 1, 4),
  'Conv3d(2, 3, 2)': () => new nn.Conv3d(2, 3, 2),
  "Conv3d(2, 2, (2, 3, 1), stride=(1, 2, 1), padding=1, bias=False, padding_mode='circular')": () => new nn.Conv3d(2, 2, [2, 3, 1], { stride: [1, 2, 1], padding: 1, bias: false, paddingMode: 'circular' }),
  'ConvTranspose1d(2, 3, 3, stride=2, padding=1, output_padding=1)': () => new nn.ConvTranspose1d(2, 3, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  'ConvTranspose2d(2, 4, 3, stride=2, groups=2, bias=False, dilation=2)': () => new nn.ConvTranspose2d(2, 4, 3, { stride: 2, groups: 2, bias: false, dilation: 2 }),
  'ConvTranspose2d(2, 3, 3, stride=2, padding=1) output_size=[6, 6]': {
    make: () => new nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 }),
    forward: (m, [x]) => (m as torch.nn.ConvTranspose2d).forward(x, [6, 6]),
  },
  'ConvTranspose1d(2, 2, 3, stride=3) unbatched output_size=[2, 8]': {
    make: () => new nn.ConvTranspose1d(2, 2, 3, { stride: 3 }),
    forward: (m, [x]) => (m as torch.nn.ConvTranspose1d).forward(x, { outputSize: [2, 8] }),
  },
  'Conv3d(1, 2, 2, padding=1) unbatched': () => new nn.Conv3d(1, 2, 2, { padding: 1 }),
  'ConvTranspose3d(2, 2, 2, stride=2)': () => new nn.ConvTranspose3d(2, 2, 2, 2),
  'LazyConv1d(3, 2)': () => new nn.LazyConv1d(3, 2),
  'LazyConv2d(4, 3, padding=1, bias=False)': () => new nn.LazyConv2d(4, 3, { padding: 1, bias: false }),
  'LazyConv3d(2, 2)': () => new nn.LazyConv3d(2, 2),
  'LazyConvTranspose1d(3, 2, stride=2)': () => new nn.LazyConvTranspose1d(3, 2, 2),
  'LazyConvTranspose2d(2, 3)': () => new nn.LazyConvTranspose2d({ outChannels: 2, kernelSize: 3 }),
  'LazyConvTranspose3d(2, 2)': () => new nn.LazyConvTranspose3d(2, 2),
});

describe('nn.Conv2d', () => {
  it('takes positional and options arguments and prints as PyTorch', () => {
    const c = new nn.Conv2d(3, 64, { kernelSize: 11, stride: 4, padding: 2 });
    expect(c.weight.shape).toEqual([64, 3, 11, 11]);
    expect(String(c)).toBe('Conv2d(3, 64, kernel_size=(11, 11), stride=(4, 4), padding=(2, 2))');
    const d = new nn.Conv2d({ inChannels: 2, outChannels: 4, kernelSize: [3, 1], groups: 2, bias: false, dilation: 2 });
    expect(String(d)).toBe('Conv2d(2, 4, kernel_size=(3, 1), stride=(1, 1), dilation=(2, 2), groups=2, bias=False)');
    expect(d.bias).toBeNull();
    expect(new nn.Conv2d(3, 8, 3, 2, 1).forward(torch.randn(1, 3, 9, 9)).shape).toEqual([1, 8, 5, 5]);
    expect(new nn.Conv2d(2, 2, 3, { dtype: torch.float64 }).weight.dtype).toBe(torch.float64);
  });

  it('initialises like Python after the same seed', () => {
    const f = fixture('init');
    torch.manualSeed(1);
    const c = new nn.Conv2d(2, 3, 3);
    expectClose(c.weight, f.conv_2_3_3.weight, 'weight', 1e-7);
    expectClose(c.bias, f.conv_2_3_3.bias, 'bias', 1e-7);
  });

  it('matches PyTorch forward and gradients on fixed weights (layers.json)', () => {
    checkLayerCase(layerCase('Conv2d(2, 3, 3)'), new nn.Conv2d(2, 3, 3));
    checkLayerCase(
      layerCase('Conv2d(2, 4, (3, 2), stride=2, padding=1, dilation=(1, 2), groups=2, bias=False)'),
      new nn.Conv2d(2, 4, [3, 2], { stride: 2, padding: 1, dilation: [1, 2], groups: 2, bias: false }),
    );
    checkLayerCase(layerCase("Conv2d(2, 3, 3, padding='same', padding_mode='reflect')"), new nn.Conv2d(2, 3, 3, { padding: 'same', paddingMode: 'reflect' }));
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.Conv2d(0, 3, 3)).toThrow('nn.Conv2d: in_channels must be a positive integer, got 0');
    expect(() => new nn.Conv2d(3, 3)).toThrow("nn.Conv2d: missing required argument 'kernel_size'");
    expect(() => new nn.Conv2d(3, 3, [3, 3, 3] as never)).toThrow('nn.Conv2d: kernel_size must be an integer or a list of 2 integers');
    expect(() => new nn.Conv1d(3, 3, [3, 3] as never)).toThrow('nn.Conv1d: kernel_size must be an integer or a list of 1 integer, got an array of length 2');
    expect(() => new nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow('in_channels must be divisible by groups');
    expect(() => new nn.Conv2d(4, 3, 3, { groups: 2 })).toThrow('out_channels must be divisible by groups');
    expect(() => new nn.Conv2d(3, 4, 3, { padding: 'full' as never })).toThrow("nn.Conv2d: padding must be one of 'same', 'valid'");
    expect(() => new nn.Conv2d(3, 4, 3, { padding: 'same', stride: 2 })).toThrow("padding='same' is not supported for strided convolutions");
    expect(() => new nn.Conv2d(3, 4, 3, { paddingMode: 'mirror' as never })).toThrow('nn.Conv2d: padding_mode must be one of');
    expect(() => new nn.Conv2d(3, 4, 3, { dtype: torch.int64 })).toThrow('nn.Conv2d: dtype must be a floating-point or complex dtype');
    expect(() => new nn.Conv2d(3, 4, 3, { padding_mode: 'zeros' } as never)).toThrow("did you mean 'paddingMode'?");
    expect(() => new nn.Conv2d(3, 4, 3).forward(torch.randn(1, 2, 5, 5))).toThrow(torch.TorchError);
    expect(() => new nn.Conv2d(3, 4, 3).forward('x' as never)).toThrow('nn.Conv2d.forward: input must be a Tensor');
  });
});

describe('Conv._convForward', () => {
  it('lets a subclass convolve with its own weight, padding mode included, as Python subclasses do', () => {
    class Doubled extends nn.Conv2d {
      override forward(x: torch.Tensor): torch.Tensor {
        return this._convForward(x, this.weight.mul(2), null);
      }
    }
    torch.manualSeed(5);
    const m = new Doubled(2, 3, 3, { padding: 1, paddingMode: 'reflect' });
    const x = torch.randn(1, 2, 4, 4);
    const plain = new nn.Conv2d(2, 3, 3, { padding: 1, paddingMode: 'reflect', bias: false });
    torch.noGrad(() => plain.weight.copy_(m.weight));
    const y = m.forward(x);
    expect(y.shape).toEqual([1, 3, 4, 4]);
    expect(y.sub(plain.forward(x).mul(2)).abs().max().item()).toBeLessThan(1e-5);
    expect(() => m._convForward(x, 'w' as never, null)).toThrow('nn.Conv2d._conv_forward: weight must be a Tensor');
  });
});

describe('nn.ConvTranspose', () => {
  it('prints output_padding and checks output_size as Python does', () => {
    const m = new nn.ConvTranspose2d(2, 3, 3, { stride: 2, outputPadding: 1 });
    expect(String(m)).toBe('ConvTranspose2d(2, 3, kernel_size=(3, 3), stride=(2, 2), output_padding=(1, 1))');
    expect(m.weight.shape).toEqual([2, 3, 3, 3]);
    const t = new nn.ConvTranspose2d(2, 3, 3, { stride: 2 });
    expect(t.forward(torch.randn(1, 2, 4, 4), [1, 3, 10, 9]).shape).toEqual([1, 3, 10, 9]);
    expect(t.forward(torch.randn(1, 2, 4, 4), { outputSize: [9, 10] }).shape).toEqual([1, 3, 9, 10]);
    expect(() => t.forward(torch.randn(1, 2, 4, 4), [12, 9])).toThrow('requested an output size of [12, 9], but valid sizes range from [9, 9] to [10, 10] (for an input of torch.Size([4, 4]))');
    expect(t._outputPadding(torch.randn(1, 2, 4, 4), [10, 9], [2, 2], [0, 0], [3, 3], 2)).toEqual([1, 0]);
    expect(t._outputPadding(torch.randn(1, 2, 4, 4), null, [2, 2], [0, 0], [3, 3], 2)).toEqual([0, 0]);
    expect(() => t.forward(torch.randn(1, 2, 4, 4), [9])).toThrow('ConvTranspose2D: for 4D input, output_size must have 2 or 4 elements (got 1)');
    expect(() => new nn.ConvTranspose2d(2, 3, 3, { paddingMode: 'reflect' as never })).toThrow('Only "zeros" padding mode is supported for ConvTranspose2d');
    expect(() => new nn.ConvTranspose1d(2, 3, 3, { padding: 'same' } as never)).toThrow('nn.ConvTranspose1d: padding must be an integer');
  });
});

describe('nn.LazyConv', () => {
  it('is uninitialized until the first forward, then becomes its class', () => {
    const m = new nn.LazyConv2d(4, 3);
    expect(m).toBeInstanceOf(nn.LazyConv2d);
    expect(m).toBeInstanceOf(nn.Conv2d);
    expect(m.weight).toBeInstanceOf(nn.UninitializedParameter);
    expect(String(m.weight)).toBe('<UninitializedParameter>');
    expect(() => m.weight.shape).toThrow("Can't access the shape of an uninitialized parameter");
    m.forward(torch.randn(2, 5, 6, 6));
    expect(m).not.toBeInstanceOf(nn.LazyConv2d);
    expect(m.constructor).toBe(nn.Conv2d);
    expect(m.weight).not.toBeInstanceOf(nn.UninitializedParameter);
    expect(m.weight).toBeInstanceOf(nn.Parameter);
    expect(m.weight.shape).toEqual([4, 5, 3, 3]);
    expect(m.inChannels).toBe(5);
    expect(() => new nn.LazyConv2d(4, 3).forward(torch.randn(5, 6))).toThrow('Expected 3D (unbatched) or 4D (batched) input to LazyConv2d, but got input of size: torch.Size([5, 6])');
    expect(() => new nn.LazyConv2d(4, 3, { groups: 2 }).forward(torch.randn(1, 3, 5, 5))).toThrow('in_channels must be divisible by groups');
  });

  it('keeps the parameter objects and takes shapes from a state dict', () => {
    const m = new nn.LazyConv1d(3, 2);
    const w = m.weight;
    const src = new nn.Conv1d(4, 3, 2);
    m.loadStateDict(src.stateDict());
    expect(m.weight).toBe(w);
    expect(m.weight.shape).toEqual([3, 4, 2]);
    expect(m.weight.equal(src.weight)).toBe(true);
    expect(m.forward(torch.randn(1, 4, 5)).shape).toEqual([1, 3, 4]);
    expect(m.weight).toBe(w);
  });
});
