// End to end through the module system: libtorch's init and Dropout masks from one seed, forward,
// backward, in-place parameter updates seen by the native layers, BatchNorm statistics, eval mode.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { dec, expectClose, fixture } from './nn_fixtures';

const { nn } = torch;

describe('a few SGD steps of a Sequential with BatchNorm and Dropout', () => {
  it('follow PyTorch step by step from the same seed', () => {
    const f = fixture('training');
    const x = dec(f.input);
    torch.manualSeed(0);
    const model = new nn.Sequential(new nn.Linear(6, 8), new nn.BatchNorm1d(8), new nn.ReLU(), new nn.Dropout(0.3), new nn.Linear(8, 3));
    f.losses.forEach((expected: number, i: number) => {
      const loss = model.forward(x).pow(2).mean();
      expect(Math.abs((loss.item() as number) - expected), `loss at step ${i}`).toBeLessThan(1e-5 * Math.max(1, Math.abs(expected)));
      loss.backward();
      torch.noGrad(() => {
        for (const p of model.parameters()) p.sub_(p.grad!.mul(0.1));
      });
      model.zeroGrad();
    });
    model.eval();
    const sd = model.stateDict();
    expect([...sd.keys()]).toEqual(Object.keys(f.state_dict));
    for (const [k, e] of Object.entries(f.state_dict)) expectClose(sd.get(k)!, e as any, k);
    expectClose(model.forward(x), f.eval_output, 'eval output');
  });
});
