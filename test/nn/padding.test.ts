import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { describeLayerCases } from './layer_cases';

const { nn } = torch;

describeLayerCases('layers_padding', {
  'ConstantPad1d(2, 3.5)': () => new nn.ConstantPad1d(2, 3.5),
  'ConstantPad1d((1, 3), -1.0)': () => new nn.ConstantPad1d([1, 3], -1),
  'ConstantPad2d((1, 0, 2, 1), 2.0)': () => new nn.ConstantPad2d({ padding: [1, 0, 2, 1], value: 2 }),
  'ConstantPad3d(1, 0.5)': () => new nn.ConstantPad3d(1, 0.5),
  'ZeroPad2d((1, 2, 0, 1))': () => new nn.ZeroPad2d([1, 2, 0, 1]),
  'ReflectionPad1d(2)': () => new nn.ReflectionPad1d(2),
  'ReflectionPad1d((3, 1))': () => new nn.ReflectionPad1d([3, 1]),
  'ReflectionPad2d((1, 1, 2, 0))': () => new nn.ReflectionPad2d([1, 1, 2, 0]),
  'ReflectionPad2d(1) unbatched': () => new nn.ReflectionPad2d(1),
  'ReflectionPad3d(1)': () => new nn.ReflectionPad3d({ padding: 1 }),
  'ReplicationPad1d((2, 1))': () => new nn.ReplicationPad1d([2, 1]),
  'ReplicationPad2d(2)': () => new nn.ReplicationPad2d(2),
  'ReplicationPad3d((1, 0, 1, 2, 0, 1))': () => new nn.ReplicationPad3d([1, 0, 1, 2, 0, 1]),
});

describe('padding layers', () => {
  it('keep the padding as a tuple and take Python argument forms', () => {
    const z = new nn.ZeroPad2d(1);
    expect(z.padding).toEqual([1, 1, 1, 1]);
    expect(z).toBeInstanceOf(nn.ConstantPad2d);
    expect(z.value).toBe(0);
    expect(String(new nn.ConstantPad3d([1, 2, 3, 4, 5, 6], 0))).toBe('ConstantPad3d(padding=(1, 2, 3, 4, 5, 6), value=0.0)');
  });

  it('reject bad arguments', () => {
    expect(() => new nn.ReflectionPad2d([1, 2] as never)).toThrow('nn.ReflectionPad2d: padding must be an integer or a list of 4 integers, got an array of length 2');
    expect(() => new nn.ConstantPad1d(2 as never)).toThrow("nn.ConstantPad1d: missing required argument 'value'");
    expect(() => new nn.ZeroPad2d(1, 2 as never)).toThrow('nn.ZeroPad2d: takes at most 1 positional argument but 2 were given');
    expect(() => new nn.ReplicationPad1d(1.5)).toThrow('nn.ReplicationPad1d: padding must be an integer, got 1.5');
    expect(() => new nn.ReflectionPad1d(3).forward(torch.randn(1, 2, 3))).toThrow(torch.TorchError);
  });
});
