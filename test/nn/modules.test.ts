// The small layers of torch.nn.modules (linear, dropout, flatten, fold, pixelshuffle, channelshuffle,
// upsampling, distance, container) against Python 1.13 fixtures from gen_nn_modules.py.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { buildModule, checkModuleCase, moduleFixture, ModuleCase } from './module_cases';
import { decode, expectClose, Encoded } from './fixture_cases';

const { nn } = torch;
const fx = moduleFixture<{ cases: ModuleCase[]; slices: Record<string, string> }>('layers');

describe('small nn layers match PyTorch 1.13', () => {
  for (const c of fx.cases) {
    it(c.name, () => checkModuleCase(c));
  }

  it('Sequential, ModuleList and ParameterList slices print as Python slices', () => {
    torch.manualSeed(0);
    const M = (cls: string, ...args: unknown[]) => buildModule({ cls, args, kwargs: {} });
    const seq = new nn.Sequential(M('Linear', 4, 3), M('ReLU'), M('Linear', 3, 2), M('Tanh'));
    expect(String(seq.slice(1, 3))).toBe(fx.slices.seq_1_3);
    expect(String(seq.slice(-2))).toBe(fx.slices['seq_-2_']);
    expect(String(new nn.ModuleList([M('Linear', 4, 3), M('ReLU'), M('Tanh')]).slice(1))).toBe(fx.slices.ml_1_);
    const pl = new nn.ParameterList([torch.zeros(2), torch.zeros(3), torch.zeros(4)]);
    expect(String(pl.slice(1))).toBe(fx.slices.pl_1_);
    expect(pl.slice(1).at(0)).toBe(pl.at(1));
    // Python's ints are bigints too (the fuzzer: Array#slice threw 'Cannot convert a BigInt value to a number')
    expect(String(seq.slice(1n as never, 3n as never))).toBe(fx.slices.seq_1_3);
    expect(String(pl.slice(1n as never))).toBe(fx.slices.pl_1_);
    expect(() => new nn.ModuleList([]).slice(0.5)).toThrow('nn.ModuleList.__getitem__: start must be an integer');
  });

  it('ParameterList and ParameterDict register tensors as Parameters', () => {
    const pl = new nn.ParameterList([torch.zeros(2)]);
    pl.append(torch.ones(3));
    expect(pl.length).toBe(2);
    expect(pl[-1]).toBeInstanceOf(nn.Parameter);
    pl[0] = torch.full([4], 2);
    expect([...pl.stateDict().keys()]).toEqual(['0', '1']);
    expect((pl[0] as torch.Tensor).shape).toEqual([4]);
    expect(() => pl.at(2)).toThrow('nn.ParameterList.__getitem__: index 2 is out of range');
    expect(() => pl.extend(torch.zeros(2) as never)).toThrow('nn.ParameterList.extend: should be called with an iterable');
    const pd = new nn.ParameterDict(new Map([['w', torch.zeros(2)], ['b', torch.zeros(1)]]));
    expect([...pd.keys()]).toEqual(['w', 'b']);
    pd.set('c', torch.ones(1));
    expect(pd.get('c')).toBeInstanceOf(nn.Parameter);
    expect([...pd.namedParameters()].map(([k]) => k)).toEqual(['w', 'b', 'c']);
    expect(pd.pop('w')).toBeInstanceOf(nn.Parameter);
    expect(pd.length).toBe(2);
    expect(pd.get('missing', null)).toBeNull();
    expect(() => pd.set('keys', torch.ones(1))).toThrow('nn.ParameterDict.__setitem__: the key "keys" names an attribute of nn.ParameterDict');
    expect(() => pd.forward()).toThrow('ParameterDict should not be called.');
  });

  it('Dropout2d on a 2-D input drops single elements, as Python 1.13 does', () => {
    torch.manualSeed(3);
    const y = new nn.Dropout2d(0.5).forward(torch.ones(64, 8));
    const rowsAllZeroOrKept = (y.tolist() as number[][]).every((r) => r.every((x) => x === r[0]));
    expect(rowsAllZeroOrKept).toBe(false);
  });

  it('rejects bad arguments with PyTorch names', () => {
    expect(() => new nn.Dropout1d(2)).toThrow('nn.Dropout1d: dropout probability has to be between 0 and 1, but got 2');
    expect(() => new nn.Dropout1d().forward(torch.randn(2, 3, 4, 5))).toThrow('F.dropout1d: Expected 2D or 3D input, but received a 4D input');
    expect(() => new nn.Unflatten(1, 3 as never)).toThrow('nn.Unflatten: unflattened_size must be a tuple of ints');
    expect(() => new nn.Unflatten('x' as never, [2, 3])).toThrow('nn.Unflatten: a named dim needs named tensors');
    expect(() => new nn.Fold([4, 5])).toThrow("nn.Fold: missing required argument 'kernel_size'");
    expect(() => new nn.Unfold([2, 2, 2])).toThrow('nn.Unfold: kernel_size must be an integer or a list of 2 integers');
    expect(() => new nn.PixelShuffle(0)).toThrow('nn.PixelShuffle: upscale_factor must be a positive integer, got 0');
    expect(() => new nn.ChannelShuffle(1.5)).toThrow('nn.ChannelShuffle: groups must be an integer, got 1.5');
    expect(() => new nn.Upsample({ mode: 'cubic' as never })).toThrow("nn.Upsample: mode must be one of 'nearest'");
    expect(() => new nn.Bilinear(3, 0, 2)).toThrow('nn.Bilinear: in2_features must be a positive integer, got 0');
    expect(() => new nn.Linear(3, 2, { dtype: torch.int64 })).toThrow('nn.Linear: dtype must be a floating-point or complex dtype');
    expect(() => new nn.PairwiseDistance({ keepdim: 1 } as never)).toThrow('nn.PairwiseDistance: keepdim must be a boolean, got 1');
  });
});

describe('nn.LazyLinear', () => {
  it('infers in_features from its first input, becomes a Linear and draws Python weights under the same seed', () => {
    const f = fx as unknown as { lazy: { repr_before: string; repr_after: string; weight: Encoded; bias: Encoded; input: Encoded; output: Encoded; state_keys: string[] } };
    torch.manualSeed(0);
    const m = new nn.LazyLinear(3);
    expect(String(m)).toBe(f.lazy.repr_before);
    const y = m.forward(decode(f.lazy.input));
    expect(String(m)).toBe(f.lazy.repr_after);
    expect(m).toBeInstanceOf(nn.Linear);
    expect(m).not.toBeInstanceOf(nn.LazyLinear);
    expectClose(m.weight, f.lazy.weight, 'weight', 1e-6);
    expectClose(m.bias!, f.lazy.bias, 'bias', 1e-6);
    expectClose(y, f.lazy.output, 'output');
    expect([...m.stateDict().keys()]).toEqual(f.lazy.state_keys);
  });
});

describe('nn.AdaptiveLogSoftmaxWithLoss and nn.Container', () => {
  it('logProb and predict match PyTorch; forward returns [output, loss] with names', () => {
    const f = (fx as unknown as { adaptive: { input: Encoded; log_prob: Encoded; predict: Encoded } }).adaptive;
    torch.manualSeed(2);
    const m = new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 6], { divValue: 2 });
    const x = decode(f.input);
    expectClose(m.logProb(x), f.log_prob, 'log_prob');
    expect(m.predict(x).tolist()).toEqual(f.predict.data);
    const r = m.forward(x, torch.tensor([0n, 3n, 9n, 5n, 1n, 7n]));
    expect(r.output).toBe(r[0]);
    expect(r.loss).toBe(r[1]);
    expect(() => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [6, 3])).toThrow('cutoffs should be a sequence of unique, positive integers sorted in an increasing order');
    expect(() => new nn.AdaptiveLogSoftmaxWithLoss(8, 10, [3, 10])).toThrow('cutoffs should be a sequence');
    expect(() => m.forward(x, torch.tensor([0n, 3n, 19n, 5n, 1n, 7n]))).toThrow('Target values should be in [0, 9]');
  });

  it('nn.Container registers its keyword modules (deprecated in PyTorch)', () => {
    const c = new nn.Container({ fc: new nn.Linear(2, 3, { bias: false }) });
    expect([...c.stateDict().keys()]).toEqual(['fc.weight']);
    expect(String(c)).toBe('Container(\n  (fc): Linear(in_features=2, out_features=3, bias=False)\n)');
  });
});
