import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { checkLayerCase, dec, expectClose, fixture, layerCase } from './nn_fixtures';

const { nn } = torch;

describe('nn.BatchNorm', () => {
  it('matches PyTorch forward and gradients in training', () => {
    checkLayerCase(layerCase('BatchNorm1d(5) train'), new nn.BatchNorm1d(5));
    checkLayerCase(layerCase('BatchNorm2d(2) train'), new nn.BatchNorm2d({ numFeatures: 2 }));
  });

  const makers: Record<string, () => torch.nn.BatchNorm1d | torch.nn.BatchNorm2d> = {
    'BatchNorm1d(3)': () => new nn.BatchNorm1d(3),
    'BatchNorm1d(3, momentum=None)': () => new nn.BatchNorm1d(3, { momentum: null }),
    'BatchNorm2d(2, eps=0.001, momentum=0.3)': () => new nn.BatchNorm2d(2, 1e-3, 0.3),
    'BatchNorm1d(3, affine=False, track_running_stats=False)': () => new nn.BatchNorm1d({ numFeatures: 3, affine: false, trackRunningStats: false }),
  };
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: batch stats in train, running stats updated like PyTorch, used in eval`, () => {
      const f = fixture('batchnorm')[name];
      const m = make();
      expect(String(m)).toBe(f.repr);
      expect([...m.stateDict().keys()]).toEqual(f.state_dict_keys);
      if (f.weight) torch.noGrad(() => { m.weight!.copy_(dec(f.weight)); m.bias!.copy_(dec(f.bias)); });
      f.steps.forEach((s: any, i: number) => {
        expectClose(m.forward(dec(s.input)), s.output, `step ${i} output`);
        if (s.running_mean) {
          expectClose(m.runningMean, s.running_mean, `step ${i} running_mean`);
          expectClose(m.runningVar, s.running_var, `step ${i} running_var`);
          expect(m.numBatchesTracked!.item()).toBe(s.num_batches_tracked);
          expect(m.numBatchesTracked!.dtype).toBe(torch.int64);
        } else {
          expect(m.runningMean).toBeNull();
        }
      });
      m.eval();
      expectClose(m.forward(dec(f.eval_input)), f.eval_output, 'eval output');
    });
  }

  it('exposes its buffers under PyTorch names and resets them', () => {
    const bn = new nn.BatchNorm2d(4);
    expect([...bn.namedBuffers()].map(([k]) => k)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    bn.forward(torch.randn(2, 4, 3, 3).add(5));
    expect(bn.running_mean!.abs().sum().item()).toBeGreaterThan(0.5);
    bn.resetRunningStats();
    expect(bn.running_mean!.tolist()).toEqual([0, 0, 0, 0]);
    expect(bn.running_var!.tolist()).toEqual([1, 1, 1, 1]);
    expect(bn.num_batches_tracked!.item()).toBe(0);
  });

  it('loads a checkpoint without num_batches_tracked when it has no version metadata, as PyTorch does', () => {
    const bn = new nn.BatchNorm1d(2);
    const sd = bn.stateDict();
    sd.delete('num_batches_tracked');
    // A copy has no _metadata (as Python's dict(sd)): a version-1 checkpoint, whose counter loads as 0.
    expect(bn.loadStateDict(new Map(sd))).toEqual({ missingKeys: [], unexpectedKeys: [] });
    // stateDict()'s own says version 2, which has the counter: it is missing.
    expect(() => bn.loadStateDict(sd)).toThrow('Missing key(s) in state_dict: "num_batches_tracked".');
  });

  it('rejects bad arguments and inputs', () => {
    expect(() => new nn.BatchNorm1d(0)).toThrow('nn.BatchNorm1d: num_features must be a positive integer, got 0');
    expect(() => new nn.BatchNorm2d(3, { momentum: 'x' } as never)).toThrow('nn.BatchNorm2d: momentum must be a number');
    expect(() => new nn.BatchNorm1d({ num_features: 3 } as never)).toThrow("did you mean 'numFeatures'?");
    expect(() => new nn.BatchNorm1d(3).forward(torch.randn(2, 3, 4, 5))).toThrow('expected 2D or 3D input (got 4D input)');
    expect(() => new nn.BatchNorm2d(3).forward(torch.randn(2, 4, 5, 5))).toThrow(torch.TorchError);
  });
});

describe('nn.SyncBatchNorm', () => {
  it('converts the BatchNorms of a model in place, sharing their tensors; without a process group, training mode fails as in Python and eval mode is BatchNorm', () => {
    const m = new nn.Sequential(new nn.Conv2d(1, 2, 1), new nn.BatchNorm2d(2), new nn.Sequential(new nn.BatchNorm1d(3, { momentum: null })));
    const w = (m.at(1) as torch.nn.BatchNorm2d).weight;
    const s = nn.SyncBatchNorm.convertSyncBatchnorm(m);
    expect(s).toBe(m);
    // print(nn.SyncBatchNorm.convert_sync_batchnorm(m)) in Python 1.13
    expect(String(s)).toBe([
      'Sequential(',
      '  (0): Conv2d(1, 2, kernel_size=(1, 1), stride=(1, 1))',
      '  (1): SyncBatchNorm(2, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)',
      '  (2): Sequential(',
      '    (0): SyncBatchNorm(3, eps=1e-05, momentum=None, affine=True, track_running_stats=True)',
      '  )',
      ')',
    ].join('\n'));
    expect(((s as torch.nn.Sequential).at(1) as torch.nn.SyncBatchNorm).weight).toBe(w);
    // Python 1.13 refuses CPU input; torch-node takes it (test/nn/parallel/distributed.test.ts runs it on 2
    // processes). Training mode needs the process group, as in Python; eval mode is BatchNorm.
    expect(() => s.forward(torch.randn(2, 1, 3, 3))).toThrow(/Default process group has not been initialized/);
    const bn = new nn.BatchNorm2d(2);
    bn.running_mean!.fill_(0.5);
    const sbn = nn.SyncBatchNorm.convertSyncBatchnorm(bn);
    bn.eval();
    sbn.eval();
    const x = torch.randn(2, 2, 3, 3);
    expect(sbn.forward(x).sub(bn.forward(x)).abs().max().item()).toBe(0);
    expect(sbn.forward(x).sub(x).abs().max().item()).toBeGreaterThan(0.1);
    expect(String(new nn.SyncBatchNorm(3, 1e-3, null, false))).toBe('SyncBatchNorm(3, eps=0.001, momentum=None, affine=False, track_running_stats=True)');
    expect(() => new nn.SyncBatchNorm(3, { processGroup: null, num_features: 2 } as never)).toThrow("did you mean 'numFeatures'?");
  });
});
