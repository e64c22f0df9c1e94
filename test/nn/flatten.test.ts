import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('nn.Flatten', () => {
  it('matches PyTorch', () => {
    checkLayerCase(layerCase('Flatten()'), new nn.Flatten());
    checkLayerCase(layerCase('Flatten(0, 2)'), new nn.Flatten(0, 2));
    expect(new nn.Flatten({ startDim: 2 }).forward(torch.zeros(2, 3, 4, 5)).shape).toEqual([2, 3, 20]);
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.Flatten(0.5)).toThrow('nn.Flatten: start_dim must be an integer, got 0.5');
    expect(() => new nn.Flatten(5).forward(torch.zeros(2, 3))).toThrow(RangeError);
  });
});
