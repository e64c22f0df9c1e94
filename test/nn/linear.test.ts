import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, expectClose, fixture, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('nn.Linear', () => {
  it('takes positional or options arguments', () => {
    const a = new nn.Linear(4096, 10);
    const b = new nn.Linear({ inFeatures: 4096, outFeatures: 10, bias: false });
    const c = new nn.Linear(8, 3, { bias: false });
    expect(a.weight.shape).toEqual([10, 4096]);
    expect(a.bias!.shape).toEqual([10]);
    expect(b.bias).toBeNull();
    expect(c.bias).toBeNull();
    expect(String(a)).toBe('Linear(in_features=4096, out_features=10, bias=True)');
    expect(String(b)).toBe('Linear(in_features=4096, out_features=10, bias=False)');
    expect(a.weight).toBeInstanceOf(nn.Parameter);
    expect(a.weight.requiresGrad).toBe(true);
    expect(new nn.Linear(3, 2).forward(torch.randn(5, 7, 3)).shape).toEqual([5, 7, 2]);
  });

  it('initialises like Python after the same seed (libtorch init on the default generator)', () => {
    const f = fixture('init');
    torch.manualSeed(0);
    const l = new nn.Linear(5, 3);
    expectClose(l.weight, f.linear_5_3.weight, 'weight', 1e-7);
    expectClose(l.bias, f.linear_5_3.bias, 'bias', 1e-7);
    torch.manualSeed(0);
    const mlp = [new nn.Linear(784, 512), new nn.Linear(512, 128), new nn.Linear(128, 10)];
    mlp.forEach((lin, i) => {
      const e = f.mlp[i];
      const w = lin.weight.double();
      expect(w.sum().item()).toBeCloseTo(e.weight_sum, 4);
      expect(w.abs().sum().item()).toBeCloseTo(e.weight_abs_sum, 4);
      expect(Array.from(lin.weight.reshape(-1).slice(0, 0, 8).toTypedArray())).toEqual(e.weight_head.map(Math.fround));
      expect(Array.from(lin.weight.reshape(-1).slice(0, -8).toTypedArray())).toEqual(e.weight_tail.map(Math.fround));
      expect(Array.from(lin.bias!.slice(0, 0, 8).toTypedArray())).toEqual(e.bias_head.map(Math.fround));
    });
  });

  it('matches PyTorch forward and gradients on fixed weights', () => {
    checkLayerCase(layerCase('Linear(5, 3)'), new nn.Linear(5, 3));
    checkLayerCase(layerCase('Linear(5, 2, bias=False)'), new nn.Linear(5, 2, { bias: false }));
  });

  it('forward sees in-place updates and reassigned parameters', () => {
    const l = new nn.Linear(2, 1);
    const x = torch.tensor([[1, 2]]);
    torch.noGrad(() => { l.weight.copy_(torch.tensor([[1, 1]])); l.bias!.fill_(0); });
    expect(l.forward(x).item()).toBe(3);
    l.weight = new nn.Parameter(torch.tensor([[2, 3]]));
    expect(l.forward(x).item()).toBe(8);
    expect([...l.parameters()][0]).toBe(l.weight);
    l.bias = null;
    expect(l.forward(x).item()).toBe(8);
    expect([...l.namedParameters()].map(([k]) => k)).toEqual(['weight']);
  });

  it('rejects bad arguments with PyTorch names', () => {
    expect(() => new nn.Linear(-3, 2)).toThrow('nn.Linear: in_features must be a non-negative integer, got -3');
    expect(() => new nn.Linear(3, 2.5)).toThrow('nn.Linear: out_features must be an integer, got 2.5');
    expect(() => new nn.Linear(3, 2, { bias: 1 as unknown as boolean })).toThrow('nn.Linear: bias must be a boolean');
    expect(() => new nn.Linear({ in_features: 3, outFeatures: 2 } as never)).toThrow("unknown option 'in_features' (did you mean 'inFeatures'?)");
    expect(() => new nn.Linear(3, { inFeatures: 3, outFeatures: 2 })).toThrow("got multiple values for argument 'in_features'");
    expect(() => new nn.Linear(3, 2).forward([1, 2, 3] as never)).toThrow('nn.Linear.forward: input must be a Tensor');
    expect(() => new nn.Linear(3, 2).forward(torch.randn(2, 4))).toThrow(torch.TorchError);
  });
});

describe('nn.Identity', () => {
  it('returns its input and ignores arguments', () => {
    const x = torch.randn(3);
    const id = new nn.Identity(54, { unused: 1 });
    expect(id.forward(x)).toBe(x);
    expect(String(id)).toBe('Identity()');
    expect([...id.parameters()]).toEqual([]);
  });
});
