import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('activation layers', () => {
  it('match PyTorch forward, gradients and repr', () => {
    checkLayerCase(layerCase('ReLU()'), new nn.ReLU());
    checkLayerCase(layerCase('LeakyReLU(0.2)'), new nn.LeakyReLU(0.2));
    checkLayerCase(layerCase('Sigmoid()'), new nn.Sigmoid());
    checkLayerCase(layerCase('Tanh()'), new nn.Tanh());
    checkLayerCase(layerCase('Softmax(dim=1)'), new nn.Softmax({ dim: 1 }));
    checkLayerCase(layerCase('LogSoftmax(dim=0)'), new nn.LogSoftmax(0));
  });

  it('ReLU(inplace=True) modifies its input and prints so', () => {
    const r = new nn.ReLU({ inplace: true });
    expect(String(r)).toBe('ReLU(inplace=True)');
    const x = torch.tensor([-1, 2, -3]);
    r.forward(x);
    expect(x.tolist()).toEqual([0, 2, 0]);
    expect(String(new nn.LeakyReLU())).toBe('LeakyReLU(negative_slope=0.01)');
    expect(String(new nn.LeakyReLU(1, true))).toBe('LeakyReLU(negative_slope=1.0, inplace=True)');
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.ReLU(true, true as never)).toThrow('nn.ReLU: takes at most 1 positional argument but 2 were given');
    expect(() => new nn.ReLU({ inplace: 1 } as never)).toThrow('nn.ReLU: inplace must be a boolean, got 1');
    expect(() => new nn.Softmax(undefined as never)).toThrow('nn.Softmax: dim must be an integer');
    expect(() => new nn.LogSoftmax(1.5)).toThrow('nn.LogSoftmax: dim must be an integer, got 1.5');
    expect(() => new nn.LeakyReLU(NaN)).toThrow('nn.LeakyReLU: negative_slope must be a finite number');
    expect(() => new nn.Softmax(3).forward(torch.randn(2, 2))).toThrow('Dimension out of range');
  });
});
