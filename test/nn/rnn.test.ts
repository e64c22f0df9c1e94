// nn.RNN, LSTM, GRU and the cells against Python PyTorch 1.13 (test/fixtures/gen_rnn.py writes
// test/fixtures/nn/rnn.json): initial weights under the same seed, parameter names, state-dict keys,
// reprs, forward (padded, unbatched and packed input; with and without hx; dropout in train mode
// draws the same masks), gradients of input, hx and every parameter, and Python's error messages.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import * as torch from '../../lib';
import { dec, expectClose, fixture, type Enc } from './nn_fixtures';

const { nn } = torch;
const rnnUtils = nn.utils.rnn;

interface RnnCase {
  name: string;
  kind: 'RNN' | 'LSTM' | 'GRU' | 'RNNCell' | 'LSTMCell' | 'GRUCell';
  args: unknown[];
  kwargs: Record<string, unknown>;
  train: boolean;
  seed: number;
  pack: { lengths: number[]; enforce_sorted?: boolean; batch_first?: boolean } | null;
  params: Record<string, Enc>;
  state_dict_keys: string[];
  repr: string;
  input: Enc;
  hx: Enc[] | null;
  output: Enc | null;
  hidden: Enc[];
  g_output: Enc | null;
  g_hidden: Enc[];
  input_grad: Enc;
  hx_grad: Enc[] | null;
  param_grads: Record<string, Enc>;
}

interface RnnFixture {
  cases: RnnCase[];
  reprs: Record<string, string>;
  errors: Record<string, string>;
  init_lstm_64_128_2_bi: Record<string, { sum: number; head: number[]; tail: number[] }>;
  checkpoint: { input: Enc; output: Enc; h: Enc; c: Enc };
}

const F = fixture<RnnFixture>('rnn');
const camel = (k: string): string => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function make(c: RnnCase): torch.nn.Module {
  const opts = Object.fromEntries(Object.entries(c.kwargs).map(([k, x]) => [camel(k), x]));
  const Ctor = nn[c.kind] as unknown as new (...a: unknown[]) => torch.nn.Module;
  return new Ctor(...c.args, opts);
}

const flat = (x: unknown): torch.Tensor[] => (Array.isArray(x) ? x.flatMap(flat) : [x as torch.Tensor]);

function runCase(c: RnnCase): void {
  torch.manualSeed(c.seed);
  const m = make(c);
  m.train(c.train);
  // the same initial weights after the same seed, under Python's names, in Python's order
  const params = new Map(m.namedParameters());
  expect([...params.keys()]).toEqual(Object.keys(c.params));
  for (const [k, e] of Object.entries(c.params)) expectClose(params.get(k)!, e, `${c.name}: initial ${k}`, 1e-6);
  expect([...m.stateDict().keys()]).toEqual(c.state_dict_keys);
  expect(String(m)).toBe(c.repr);

  const x = dec(c.input).requiresGrad_(true);
  const hx = c.hx === null ? null : c.hx.map((e) => dec(e).requiresGrad_(true));
  let input: torch.Tensor | torch.nn.utils.rnn.PackedSequence = x;
  if (c.pack) {
    input = rnnUtils.packPaddedSequence(x, c.pack.lengths, { batchFirst: c.pack.batch_first ?? false, enforceSorted: c.pack.enforce_sorted ?? true });
  }
  const hxArg = hx === null ? undefined : c.kind === 'LSTM' || c.kind === 'LSTMCell' ? hx : hx[0];
  torch.manualSeed(c.seed + 1);
  const res = (m.forward as (...a: unknown[]) => unknown)(input, hxArg);
  let out: torch.Tensor | null = null;
  let hidden: unknown;
  if (c.kind.endsWith('Cell')) {
    hidden = res;
  } else {
    const [o, h] = res as [torch.Tensor | torch.nn.utils.rnn.PackedSequence, unknown];
    if (c.pack) {
      expect(o).toBeInstanceOf(rnnUtils.PackedSequence);
      out = (o as torch.nn.utils.rnn.PackedSequence).data;
    } else {
      expect(o).toBeInstanceOf(torch.Tensor);
      out = o as torch.Tensor;
    }
    hidden = h;
  }
  const hs = flat(hidden);
  expect(hs.length).toBe(c.hidden.length);
  if (c.output !== null) expectClose(out, c.output, `${c.name}: output`);
  hs.forEach((h, i) => expectClose(h, c.hidden[i], `${c.name}: hidden[${i}]`));

  let loss = hs.map((h, i) => h.mul(dec(c.g_hidden[i])).sum()).reduce((a, b) => a.add(b));
  if (out !== null) loss = loss.add(out.mul(dec(c.g_output!)).sum());
  loss.backward();
  expectClose(x.grad, c.input_grad, `${c.name}: input grad`);
  if (hx !== null) hx.forEach((h, i) => expectClose(h.grad, c.hx_grad![i], `${c.name}: hx[${i}] grad`));
  for (const [k, e] of Object.entries(c.param_grads)) expectClose(params.get(k)!.grad, e, `${c.name}: ${k} grad`);
}

describe('nn.RNN / LSTM / GRU and the cells match PyTorch 1.13', () => {
  for (const kind of ['RNN', 'LSTM', 'GRU', 'Cell']) {
    const cases = F.cases.filter((c) => (kind === 'Cell' ? c.kind.endsWith('Cell') : c.kind === kind));
    it(`${kind}: ${cases.length} cases (init, names, repr, forward, gradients)`, () => {
      expect(cases.length).toBeGreaterThan(4);
      for (const c of cases) runCase(c);
    });
  }

  it('initialises a 2-layer bidirectional LSTM(64, 128) like Python after the same seed', () => {
    torch.manualSeed(0);
    const m = new nn.LSTM(64, 128, { numLayers: 2, bidirectional: true });
    const params = new Map(m.namedParameters());
    expect([...params.keys()]).toEqual(Object.keys(F.init_lstm_64_128_2_bi));
    for (const [k, e] of Object.entries(F.init_lstm_64_128_2_bi)) {
      const p = params.get(k)!;
      expect(p.double().sum().item(), k).toBeCloseTo(e.sum, 4);
      expect(Array.from(p.reshape(-1).slice(0, 0, 4).toTypedArray() as Float32Array), k).toEqual(e.head.map(Math.fround));
      expect(Array.from(p.reshape(-1).slice(0, -4).toTypedArray() as Float32Array), k).toEqual(e.tail.map(Math.fround));
    }
  });

  it("prints Python's reprs", () => {
    const made: Record<string, torch.nn.Module> = {
      'nn.RNN(10, 20)': new nn.RNN(10, 20),
      "nn.RNN(10, 20, 2, nonlinearity='relu', dropout=1)": new nn.RNN(10, 20, 2, { nonlinearity: 'relu', dropout: 1 }),
      'nn.LSTM(10, 20, num_layers=3, bias=False, batch_first=True, dropout=0.5, bidirectional=True, proj_size=5)':
        new nn.LSTM(10, 20, { numLayers: 3, bias: false, batchFirst: true, dropout: 0.5, bidirectional: true, projSize: 5 }),
      'nn.GRU(1, 2, dropout=0.0)': new nn.GRU(1, 2, { dropout: 0.0 }),
      'nn.GRU(4, 8, 2, True, False, 0.1, True)': new nn.GRU(4, 8, 2, true, false, 0.1, true),
      'nn.RNNCell(3, 4)': new nn.RNNCell(3, 4),
      "nn.RNNCell(3, 4, bias=False, nonlinearity='relu')": new nn.RNNCell(3, 4, { bias: false, nonlinearity: 'relu' }),
      'nn.LSTMCell(3, 4, False)': new nn.LSTMCell(3, 4, false),
      'nn.GRUCell(5, 6)': new nn.GRUCell(5, 6),
      'nn.Sequential(nn.LSTM(2, 3), nn.GRUCell(3, 4))': new nn.Sequential(new nn.LSTM(2, 3), new nn.GRUCell(3, 4)),
    };
    expect(Object.keys(made).sort()).toEqual(Object.keys(F.reprs).sort());
    for (const [expr, m] of Object.entries(made)) expect(String(m), expr).toBe(F.reprs[expr]);
  });

  it("raises Python's errors, naming the call", () => {
    const z = (...s: number[]) => torch.zeros(s);
    const attempts: Record<string, () => unknown> = {
      'nn.LSTM(3, 4, proj_size=4)': () => new nn.LSTM(3, 4, { projSize: 4 }),
      'nn.LSTM(3, 4, proj_size=-1)': () => new nn.LSTM(3, 4, { projSize: -1 }),
      'nn.GRU(3, 4, dropout=1.5)': () => new nn.GRU(3, 4, { dropout: 1.5 }),
      "nn.RNN(3, 4, nonlinearity='gelu')": () => new nn.RNN(3, 4, { nonlinearity: 'gelu' as 'relu' }),
      'nn.GRU(3, 4, proj_size=2)': () => new nn.GRU(3, 4, { projSize: 2 } as never),
      'nn.LSTM(3, 4)(torch.zeros(5, 2, 4))': () => new nn.LSTM(3, 4).forward(z(5, 2, 4)),
      'nn.LSTM(3, 4)(torch.zeros(2, 2, 2, 3))': () => new nn.LSTM(3, 4).forward(z(2, 2, 2, 3)),
      'nn.GRU(3, 4)(torch.zeros(5, 2, 3), torch.zeros(1, 3, 4))': () => new nn.GRU(3, 4).forward(z(5, 2, 3), z(1, 3, 4)),
      'nn.LSTM(3, 4)(torch.zeros(5, 2, 3), (torch.zeros(1, 2, 4), torch.zeros(1, 2, 3)))': () => new nn.LSTM(3, 4).forward(z(5, 2, 3), [z(1, 2, 4), z(1, 2, 3)]),
      'nn.LSTM(3, 4)(torch.zeros(5, 2, 3), (torch.zeros(2, 4), torch.zeros(2, 4)))': () => new nn.LSTM(3, 4).forward(z(5, 2, 3), [z(2, 4), z(2, 4)]),
      'nn.RNN(3, 4)(torch.zeros(5, 3), torch.zeros(1, 1, 4))': () => new nn.RNN(3, 4).forward(z(5, 3), z(1, 1, 4)),
      'nn.GRUCell(3, 4)(torch.zeros(1, 2, 3))': () => new nn.GRUCell(3, 4).forward(z(1, 2, 3)),
    };
    expect(Object.keys(attempts).sort()).toEqual(Object.keys(F.errors).sort());
    for (const [expr, f] of Object.entries(attempts)) {
      let err: unknown = null;
      try { f(); } catch (e) { err = e; }
      expect(err, expr).toBeInstanceOf(Error);
      const msg = (err as Error).message;
      expect(msg, expr).toContain(F.errors[expr]);
      expect(msg, expr).toMatch(/^nn\.(RNN|LSTM|GRU|GRUCell)(\.forward)?: /);
    }
  });
});

describe('recurrent module API', () => {
  it('takes positional or options arguments, and checks them', () => {
    const a = new nn.LSTM(3, 4, 2, false, true, 0.25, true, 2);
    const b = new nn.LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, bias: false, batchFirst: true, dropout: 0.25, bidirectional: true, projSize: 2 });
    expect(String(a)).toBe(String(b));
    expect(String(a)).toBe('LSTM(3, 4, proj_size=2, num_layers=2, bias=False, batch_first=True, dropout=0.25, bidirectional=True)');
    expect([a.inputSize, a.hiddenSize, a.numLayers, a.bias, a.batchFirst, a.dropout, a.bidirectional, a.projSize, a.mode])
      .toEqual([3, 4, 2, false, true, 0.25, true, 2, 'LSTM']);
    expect(new nn.RNN(2, 3, { nonlinearity: 'relu' }).mode).toBe('RNN_RELU');
    // keyword-only construction, as PyTorch's ModuleInfo samples make them
    const r = new nn.RNN({ inputSize: 2, hiddenSize: 3, numLayers: 2, batchFirst: true, bias: false, bidirectional: true, nonlinearity: 'relu' });
    expect(String(r)).toBe('RNN(2, 3, num_layers=2, bias=False, batch_first=True, bidirectional=True)');
    expect([r.nonlinearity, r.mode]).toEqual(['relu', 'RNN_RELU']);
    const [ro, rh] = r.forward(torch.randn(4, 2), torch.randn(4, 3));
    expect([ro.shape, rh.shape]).toEqual([[4, 6], [4, 3]]);
    expect(new nn.RNNBase('GRU', 2, 3).allWeights.flat().map((p) => p.shape)).toEqual([[9, 2], [9, 3], [9], [9]]);
    expect(() => new nn.LSTM(3, 0)).toThrow(/nn\.LSTM: hidden_size must be a positive integer, got 0/);
    expect(() => new nn.GRU(3, 4, { numLayers: 1.5 })).toThrow(TypeError);
    expect(() => new nn.GRU(3, 4, { batch_first: true } as never)).toThrow(/unknown option 'batch_first' \(did you mean 'batchFirst'\?\)/);
    expect(() => new nn.RNN(3, 4, { dropout: '0.1' as never })).toThrow(TypeError);
    expect(() => new (nn.RNN as unknown as new (...a: unknown[]) => unknown)(3, 4, 1, true, false, 0, false, 3)).toThrow(/nn\.RNN: takes at most 7 positional arguments/);
    expect(() => new nn.RNNCell(3, 4, true, 'gelu' as never)).toThrow(/nn\.RNNCell: nonlinearity must be one of 'tanh', 'relu'/);
    expect(() => new nn.LSTMCell(3, 'x' as never)).toThrow(/nn\.LSTMCell: hidden_size must be an integer/);
    expect(() => new nn.LSTM(3, 4).forward([1, 2] as never)).toThrow(/nn\.LSTM\.forward: input must be a Tensor/);
    expect(() => new nn.LSTM(3, 4).forward(torch.zeros(5, 2, 3), torch.zeros(1, 2, 4) as never)).toThrow(/hx must be an array \[h_0, c_0\]/);
  });

  it('warns as Python does about dropout with one layer', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => { warnings.push(w.message); };
    process.on('warning', onWarning);
    try {
      new nn.GRU(3, 4, { dropout: 0.5 });
      return new Promise<void>((resolve) => setImmediate(() => {
        process.off('warning', onWarning);
        expect(warnings.some((w) => w.includes('non-zero dropout expects num_layers greater than 1, but got dropout=0.5 and num_layers=1'))).toBe(true);
        resolve();
      }));
    } catch (e) {
      process.off('warning', onWarning);
      throw e;
    }
  });

  it('forward reads reassigned parameters (_flatWeights), and to(float64) keeps working', () => {
    torch.manualSeed(3);
    const m = new nn.GRU(2, 3);
    const x = torch.randn(4, 1, 2);
    const [y0] = m.forward(x);
    expect(m._flatWeights[0]).toBe(m.weight_ih_l0);
    m.weight_ih_l0 = new nn.Parameter(torch.zeros(9, 2));
    expect(m._flatWeights[0]).toBe(m.weight_ih_l0);
    const [y1] = m.forward(x);
    expect(y1.sub(y0).abs().max().item()).toBeGreaterThan(0);
    // with zero input weights the input does not matter
    const [y2] = m.forward(torch.randn(4, 1, 2));
    expect(y2.sub(y1).abs().max().item()).toBe(0);
    m.double();
    const [yd, hd] = m.forward(x.double());
    expect(yd.dtype).toBe(torch.float64);
    expect(hd.shape).toEqual([1, 1, 3]);
    expect(yd.float().sub(y1).abs().max().item()).toBeLessThan(1e-6);
  });

  it('builds parameters with the dtype option and keeps Python names for stateDict/loadStateDict', () => {
    const m = new nn.LSTM(2, 3, { dtype: torch.float64, bidirectional: true, projSize: 1 });
    expect(m.weight_hr_l0_reverse.dtype).toBe(torch.float64);
    const sd = m.stateDict();
    expect([...sd.keys()]).toEqual([
      'weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'weight_hr_l0',
      'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse', 'weight_hr_l0_reverse',
    ]);
    const m2 = new nn.LSTM(2, 3, { dtype: torch.float64, bidirectional: true, projSize: 1 });
    m2.loadStateDict(sd);
    const x = torch.randn(3, 2, 2, { dtype: torch.float64 });
    expect(m2.forward(x)[0].sub(m.forward(x)[0]).abs().max().item()).toBe(0);
    const c = new nn.GRUCell(2, 3, false);
    expect(c.bias_ih).toBeNull();
    expect([...c.stateDict().keys()]).toEqual(['weight_ih', 'weight_hh']);
  });
});

describe('checkpoints', () => {
  it("loads a state dict that Python's torch.save wrote, and then computes Python's output", () => {
    const sd = torch.load(path.join(__dirname, '..', 'fixtures', 'nn', 'lstm_state_dict.pth')) as torch.nn.StateDict;
    const m = new nn.LSTM(2, 3, { numLayers: 2, bidirectional: true, projSize: 1 });
    expect(sd instanceof Map ? [...sd.keys()] : Object.keys(sd)).toEqual([...m.stateDict().keys()]);
    expect(m.loadStateDict(sd)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    const c = F.checkpoint;
    const [y, [h, cn]] = torch.noGrad(() => m.forward(dec(c.input)));
    expectClose(y, c.output, 'output');
    expectClose(h, c.h, 'h_n');
    expectClose(cn, c.c, 'c_n');
  });
});
