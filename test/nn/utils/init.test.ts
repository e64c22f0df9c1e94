// nn.utils.skipInit (lib/nn/utils/init.ts), Module.toEmpty and meta tensors, against
// test/fixtures/gen_nn_utils_init.py (Python PyTorch 1.13).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';

const { nn } = torch;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/nn/utils_init.json'), 'utf8'));

type Row = [string, 'parameter' | 'buffer', string, number[], string, boolean];
function members(m: torch.nn.Module): Row[] {
  const rows: Row[] = [...m.namedParameters()].map(([k, p]) => [k, 'parameter', String(p.device), p.shape, String(p.dtype), p.requiresGrad]);
  return rows.concat([...m.namedBuffers()].map(([k, b]) => [k, 'buffer', String(b.device), b.shape, String(b.dtype), b.requiresGrad]));
}

// the fixture's cases, as TS constructor arguments
const CASES: Record<string, [new (...a: never[]) => torch.nn.Module, unknown[]]> = {
  Linear: [nn.Linear, [3, 4]],
  Conv2d: [nn.Conv2d, [3, 4, 3, { bias: false }]],
  BatchNorm2d: [nn.BatchNorm2d, [3]],
  GRUCell: [nn.GRUCell, [3, 4]],
  Embedding: [nn.Embedding, [10, 3, { paddingIdx: 0 }]],
  MultiheadAttention: [nn.MultiheadAttention, [8, 2]],
  Linear_float64: [nn.Linear, [2, 5, { dtype: torch.float64 }]],
};

describe('nn.utils.skipInit', () => {
  it('gives the parameters and buffers of Python\'s skip_init (device, shape, dtype, requires_grad), as Parameters', () => {
    expect(Object.keys(CASES)).toEqual(Object.keys(fx.skip_init));
    for (const [name, [cls, args]] of Object.entries(CASES)) {
      torch.manualSeed(0);
      const m = nn.utils.skipInit(cls, ...args);
      expect(m, name).toBeInstanceOf(cls);
      expect(members(m), name).toEqual(fx.skip_init[name].members);
      for (const p of m.parameters()) expect(p, name).toBeInstanceOf(nn.Parameter);
      // no initializer ran on real memory: the default generator is where the seed left it
      const after = torch.rand(3).tolist() as number[];
      after.forEach((x, i) => expect(x).toBeCloseTo(fx.skip_init[name].rand_after[i], 6));
    }
    torch.manualSeed(0);
    (torch.rand(3).tolist() as number[]).forEach((x, i) => expect(x).toBeCloseTo(fx.rand_after_seed[i], 6));
  });

  it('the module works once its memory is filled (loadStateDict), as a normally built one', () => {
    const ref = new nn.GRUCell(3, 4);
    const m = nn.utils.skipInit(nn.GRUCell, 3, 4);
    m.loadStateDict(ref.stateDict());
    const x = torch.randn(2, 3);
    expect(torch.equal(m.forward(x), ref.forward(x))).toBe(true);
    const lstm = nn.utils.skipInit(nn.LSTM, 3, 4);  // Python refuses it (see below); torch-node's LSTM takes device
    lstm.loadStateDict(new nn.LSTM(3, 4).stateDict());
    expect(lstm.forward(torch.randn(5, 1, 3))[0].shape).toEqual([5, 1, 4]);
  });

  it('{ device: "meta" } keeps it on the meta device; Python\'s errors', () => {
    expect(members(nn.utils.skipInit(nn.Linear, 3, 4, { device: 'meta' }))).toEqual(fx.on_meta);
    expect(() => nn.utils.skipInit(nn.ReLU)).toThrow(fx.errors.ReLU[1]);
    expect(() => nn.utils.skipInit(nn.ReLU)).toThrow(torch.TorchError);
    expect(fx.errors.not_a_module[1]).toMatch(/^Expected a Module; got/);
    expect(() => nn.utils.skipInit(Number as never)).toThrow(/Expected a Module; got/);
    expect(fx.errors.LSTM[1]).toBe(fx.errors.ReLU[1]);
  });
});

describe('Module.toEmpty and meta tensors', () => {
  it('a module built on the meta device, then toEmpty({ device: "cpu" })', () => {
    const bn = new nn.BatchNorm2d(3, { device: 'meta' });
    expect(members(bn)).toEqual(fx.meta_module);
    const weight = bn.weight;
    expect(bn.toEmpty({ device: 'cpu' })).toBe(bn);
    expect(members(bn)).toEqual(fx.to_empty);
    // a meta tensor cannot take CPU data (set_data): a new Parameter replaces it, as Python's _apply
    expect(bn.weight).not.toBe(weight);
    expect(bn.weight).toBeInstanceOf(nn.Parameter);
    expect(() => (bn.toEmpty as (d: unknown) => unknown)('cpu')).toThrow(/takes 0 positional arguments but 1 was given/);
  });

  it('toEmpty on the same kind of device keeps the parameter objects', () => {
    const l = new nn.Linear(3, 4);
    const w = l.weight;
    l.toEmpty({ device: 'cpu' });
    expect(l.weight).toBe(w);
    expect(l.weight.shape).toEqual([4, 3]);
  });

  it('meta tensors: repr, strides, getDevice', () => {
    expect([
      String(torch.empty(2, 3, { device: 'meta' })),
      String(torch.zeros(3, { device: 'meta', dtype: torch.int64 })),
      String(torch.empty([], { device: 'meta' })),
      String(torch.empty(0, { device: 'meta' })),
    ]).toEqual(fx.repr);
    expect(torch.empty(2, 3, 4, 5, { device: 'meta' }).contiguous({ memoryFormat: torch.channels_last }).stride()).toEqual(fx.meta_strides);
    expect(torch.empty(1, { device: 'meta' }).getDevice()).toBe(fx.get_device);
    expect(torch.empty(1, { device: 'meta' }).isMeta).toBe(true);
    expect(() => torch.empty(2, { device: 'meta' }).item()).toThrow(torch.TorchError);
    expect(() => torch.empty(2, { device: 'meta' }).tolist()).toThrow(torch.TorchError);
  });
});
