import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';

const { nn } = torch;
const { TensorDataset, cacheOutputs } = torch.utils.data;

function frozenNet(): torch.nn.Sequential {
  torch.manualSeed(0);
  const net = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU(), new nn.Dropout(0.5));
  for (const p of net.parameters()) p.requiresGrad = false;
  return net;
}

describe('torch.utils.data.cacheOutputs', () => {
  it('returns [frozen(x_i), y_i] for every item, computed in eval mode', () => {
    const net = frozenNet();
    const x = torch.randn(10, 4);
    const y = torch.arange(10);
    const cached = cacheOutputs(net, new TensorDataset(x, y), { batchSize: 3 });
    expect(cached.length).toBe(10);
    const expected = torch.noGrad(() => net.eval().forward(x));
    net.train();
    const [features, targets] = cached.tensors;
    expect(features.shape).toEqual([10, 3]);
    expect(features.equal(expected)).toBe(true); // Dropout off: eval mode
    expect(targets.tolist()).toEqual(y.tolist());
    expect(features.requiresGrad).toBe(false);
  });

  it("restores the module's training mode afterwards", () => {
    const net = frozenNet();
    net.train();
    cacheOutputs(net, new TensorDataset(torch.randn(2, 4), torch.arange(2)));
    expect(net.training).toBe(true);
    net.eval();
    cacheOutputs(net, new TensorDataset(torch.randn(2, 4), torch.arange(2)));
    expect(net.training).toBe(false);
  });

  it('refuses a part that still trains, and bad arguments, naming the call', () => {
    const net = new nn.Linear(4, 3);
    const ds = new TensorDataset(torch.randn(2, 4), torch.arange(2));
    expect(() => cacheOutputs(net, ds)).toThrow(/cacheOutputs: parameter 'weight' requires grad/);
    expect(() => cacheOutputs({} as never, ds)).toThrow(/cacheOutputs: module must be an nn.Module/);
    expect(() => cacheOutputs(frozenNet(), ds, { batchSize: 0 })).toThrow(/batchSize must be a positive integer/);
    expect(() => cacheOutputs(frozenNet(), ds, { batch_size: 2 } as never)).toThrow(/unknown option 'batch_size'/);
  });
});
