import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, layerCase } from './nn_fixtures';
import { checkModuleCase, moduleFixture } from './module_cases';

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
    expect(() => new nn.Softmax('1' as never)).toThrow('nn.Softmax: dim must be an integer');
    expect(() => new nn.LogSoftmax(1.5)).toThrow('nn.LogSoftmax: dim must be an integer, got 1.5');
    expect(() => new nn.LeakyReLU(NaN)).toThrow('nn.LeakyReLU: negative_slope must be a finite number');
    expect(() => new nn.Softmax(3).forward(torch.randn(2, 2))).toThrow('Dimension out of range');
  });
});

describe('every activation of torch.nn 1.13 (fixtures from gen_nn_modules.py)', () => {
  for (const c of moduleFixture('activation')) {
    it(`${c.repr} (${c.name})`, () => checkModuleCase(c));
  }

  it('prints float hyperparameters as Python floats and validates its arguments', () => {
    expect(String(new nn.ELU(2))).toBe('ELU(alpha=2.0)');
    expect(String(new nn.CELU({ alpha: 3, inplace: true }))).toBe('CELU(alpha=3.0, inplace=True)');
    expect(String(new nn.Threshold(1, 0))).toBe('Threshold(threshold=1.0, value=0.0)');
    expect(String(new nn.Hardshrink(1))).toBe('Hardshrink(1.0)');
    expect(String(new nn.PReLU({ numParameters: 3, init: 1 }))).toBe('PReLU(num_parameters=3)');
    expect(() => new nn.Hardtanh(1, -1)).toThrow('nn.Hardtanh: max_val must be greater than min_val');
    expect(() => new nn.GELU('fast' as never)).toThrow("nn.GELU: approximate must be one of 'none', 'tanh'");
    expect(() => new nn.ELU('2' as never)).toThrow('nn.ELU: alpha must be a number');
    expect(() => new nn.PReLU(0)).toThrow('nn.PReLU: num_parameters must be a positive integer, got 0');
    expect(() => new nn.RReLU(0.5, 0.1)).toThrow('nn.RReLU: Lower bound should be less than or equal to the upper bound');
    expect(() => new nn.Threshold(0.5)).toThrow("nn.Threshold: missing required argument 'value'");
    expect(() => new nn.Softmax2d().forward(torch.randn(2, 3))).toThrow('nn.Softmax2d.forward: expected input to be 3D or 4D, got 2D');
    expect(() => new nn.SiLU().forward([1] as never)).toThrow('nn.SiLU.forward: input must be a Tensor');
  });
});
