import { describe, it, expect } from 'vitest';
import * as util from 'node:util';
import * as torch from '../../lib';

const { nn } = torch;

describe('nn.Parameter', () => {
  it('is a Tensor that shares the data\'s storage, requires grad by default', () => {
    const data = torch.tensor([1, 2, 3]);
    const p = new nn.Parameter(data);
    expect(p).toBeInstanceOf(nn.Parameter);
    expect(p).toBeInstanceOf(torch.Tensor);
    expect(p.requiresGrad).toBe(true);
    expect(data.requiresGrad).toBe(false);
    expect(p.isLeaf).toBe(true);
    torch.noGrad(() => p.mul_(2));
    expect(data.tolist()).toEqual([2, 4, 6]);
    expect(new nn.Parameter(data, false).requiresGrad).toBe(false);
    expect(new nn.Parameter().shape).toEqual([0]);
    p.mul(3).sum().backward();
    expect(p.grad!.tolist()).toEqual([3, 3, 3]);
  });

  it('prints as PyTorch', () => {
    const p = new nn.Parameter(torch.tensor([1.5, 2]));
    expect(String(p)).toBe('Parameter containing:\ntensor([1.5000, 2.0000], requires_grad=True)');
    expect(util.inspect(p)).toBe(String(p));
  });

  it('rejects bad arguments', () => {
    expect(() => new nn.Parameter([1, 2] as never)).toThrow('nn.Parameter: data must be a Tensor, got an array of length 2');
    expect(() => new nn.Parameter(torch.zeros(1), 'yes' as never)).toThrow('nn.Parameter: requires_grad must be a boolean');
  });
});
