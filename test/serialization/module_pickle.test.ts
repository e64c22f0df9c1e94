// Whole pickled modules: torch.load of Python's torch.save(model) (torch.nn classes, a torchvision
// resnet18, a user class through torch.serialization.safeGlobals), torch.save(model) that Python's
// torch.load returns as the same model (class, repr, state dict, outputs, each submodule's __dict__
// keys as Python's own), and the errors that send a user to stateDict(). Python's side is
// test/fixtures/gen_module_pickle.py, run here into a temporary directory.
import { describe as suite, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import * as vision from '../../lib/vision';
import { hasPythonTorch } from '../helpers/fixtures';

const nn = torch.nn;
const PYTHON = '/usr/bin/python3';
const GEN = path.join(__dirname, '..', 'fixtures', 'gen_module_pickle.py');

/** module_pickle_net.Net (test/fixtures/module_pickle_net.py), as a torch-node user writes it. */
class Net extends nn.Module {
  hiddenSize: number;
  fc1: torch.nn.Linear;
  act: torch.nn.ReLU;
  fc2: torch.nn.Linear;
  constructor(hiddenSize = 8) {
    super();
    this.hiddenSize = hiddenSize;
    this.fc1 = new nn.Linear(4, hiddenSize);
    this.act = new nn.ReLU();
    this.fc2 = new nn.Linear(hiddenSize, 2);
  }
  override forward(x: torch.Tensor): torch.Tensor {
    return this.fc2.forward(this.act.forward(this.fc1.forward(x)));
  }
}
const NET: torch.serialization.SafeGlobal = [Net, 'module_pickle_net.Net'];

/** The models gen_module_pickle.py makes, built in torch-node: name → [model, input, Python class]. */
function nodeModels(): Record<string, [torch.nn.Module, torch.Tensor, string]> {
  torch.manualSeed(1);
  const bn = new nn.BatchNorm2d(4);
  bn.forward(torch.randn(5, 4, 3, 3));
  return {
    linear: [new nn.Linear(4, 3), torch.randn(2, 4), 'torch.nn.modules.linear.Linear'],
    conv2d: [new nn.Conv2d(3, 4, 3, { stride: 2, padding: 1, bias: false }), torch.randn(1, 3, 8, 8), 'torch.nn.modules.conv.Conv2d'],
    batchnorm2d: [bn, torch.randn(2, 4, 3, 3), 'torch.nn.modules.batchnorm.BatchNorm2d'],
    lstm: [new nn.LSTM(3, 5, { numLayers: 2, bidirectional: true }), torch.randn(4, 2, 3), 'torch.nn.modules.rnn.LSTM'],
    sequential: [
      new nn.Sequential(new nn.Conv2d(3, 4, 3, { padding: 1 }), new nn.BatchNorm2d(4), new nn.ReLU(), new nn.Flatten(), new nn.Linear(64, 6), new nn.Dropout(0.25)),
      torch.randn(2, 3, 4, 4),
      'torch.nn.modules.container.Sequential',
    ],
    resnet18: [vision.models.resnet18({ numClasses: 10 }), torch.randn(1, 3, 32, 32), 'torchvision.models.resnet.ResNet'],
    net: [new Net(8), torch.randn(3, 4), 'module_pickle_net.Net'],
  };
}

function run(m: torch.nn.Module, x: torch.Tensor): torch.Tensor {
  const y = torch.noGrad(() => m.forward(x));
  return Array.isArray(y) ? y[0] : y;
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-module-pickle-'));
}

interface PyCheck { cls: string; repr: string; training: boolean; state: boolean; output: number; missing: Record<string, string[]>; extra: Record<string, string[]> }

/** Python's torch.load of each DIR/NAME.pt that torch-node wrote, compared there with DIR/NAME_node.pt. */
function pythonCheck(dir: string, names: string[]): Record<string, PyCheck> {
  const r = spawnSync(PYTHON, [GEN, 'check', dir, ...names], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

suite.skipIf(!hasPythonTorch())('torch.load of a model Python pickled', () => {
  let dir = '';
  beforeAll(() => {
    dir = tmpdir();
    const r = spawnSync(PYTHON, [GEN, 'gen', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  });

  const expected: Record<string, new (...args: never[]) => torch.nn.Module> = {
    linear: nn.Linear, conv2d: nn.Conv2d, batchnorm2d: nn.BatchNorm2d, lstm: nn.LSTM, sequential: nn.Sequential, resnet18: vision.models.ResNet, net: Net,
  };
  for (const name of Object.keys(expected)) {
    it(`rebuilds ${name}: class, repr, state dict, mode and outputs`, async () => {
      const file = path.join(dir, `${name}.pt`);
      const m = (name === 'net' ? torch.serialization.safeGlobals([NET], () => torch.load(file)) : torch.load(file)) as torch.nn.Module;
      const ref = torch.load(path.join(dir, `${name}_ref.pt`)) as { repr: string; state: Record<string, torch.Tensor>; input: torch.Tensor; output: torch.Tensor };
      expect(m).toBeInstanceOf(expected[name]);
      expect(String(m)).toBe(ref.repr);
      expect(m.training).toBe(false);
      const sd = m.stateDict();
      expect([...sd.keys()]).toEqual(Object.keys(ref.state));
      for (const [k, t] of sd) expect(torch.equal(t, ref.state[k]), k).toBe(true);
      for (const p of m.parameters()) expect(p).toBeInstanceOf(nn.Parameter);
      expect(run(m, ref.input).sub(ref.output).abs().max().item()).toBeLessThan(1e-5);
      // The rebuilt module trains as a constructed one: a backward step reaches every parameter.
      m.train();
      const y = m.forward(torch.cat([ref.input, ref.input], name === 'lstm' ? 1 : 0)); // BatchNorm trains on more than one value per channel
      (Array.isArray(y) ? y[0] : y).sum().backward();
      for (const [k, p] of m.namedParameters()) expect(p.grad, k).not.toBeNull();
      if (name === 'net') expect((m as Net).hiddenSize).toBe(8);
    });
  }

  // Python-made models that torch-node loads and saves again: Python gets back what it wrote.
  const ROUNDTRIP = ['transformer', 'gru', 'embedding', 'parameterlist', 'parameterdict', 'moduledict', 'convsame', 'mobilenet_v3_small', 'shufflenet_v2_x0_5'];
  it('loads and saves again Python models of other classes (functions, ParameterList/Dict, torchvision blocks) as Python wrote them', () => {
    for (const name of ROUNDTRIP) {
      const m = torch.load(path.join(dir, `rt_${name}.pt`)) as torch.nn.Module;
      expect(String(m), name).toBe((torch.load(path.join(dir, `rt_${name}_ref.pt`)) as { repr: string }).repr);
      torch.save(m, path.join(dir, `rt_${name}_node.pt`));
    }
    const r = spawnSync(PYTHON, [GEN, 'roundtrip', dir, ...ROUNDTRIP], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const diffs = JSON.parse(r.stdout) as Record<string, string[]>;
    for (const name of ROUNDTRIP) expect(diffs[name], name).toEqual([]);
    const t = torch.load(path.join(dir, 'rt_transformer.pt')) as torch.nn.TransformerEncoder;
    expect((t.layers.at(0) as torch.nn.TransformerEncoderLayer).activation).toBe(nn.functional.relu);
  });

  it('loadAsync rebuilds the model too', async () => {
    const m = await torch.loadAsync(path.join(dir, 'sequential.pt'));
    expect(m).toBeInstanceOf(nn.Sequential);
    expect(String(m)).toBe((torch.load(path.join(dir, 'sequential_ref.pt')) as { repr: string }).repr);
  });

  it("an LSTM's _flat_weights are its parameters, by Python's names", () => {
    const lstm = torch.load(path.join(dir, 'lstm.pt')) as torch.nn.LSTM;
    expect(lstm._flatWeights[0]).toBe(lstm.weight_ih_l0);
    expect(lstm._flatWeightsNames).toEqual(['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0', 'weight_ih_l0_reverse', 'weight_hh_l0_reverse', 'bias_ih_l0_reverse', 'bias_hh_l0_reverse', 'weight_ih_l1', 'weight_hh_l1', 'bias_ih_l1', 'bias_hh_l1', 'weight_ih_l1_reverse', 'weight_hh_l1_reverse', 'bias_ih_l1_reverse', 'bias_hh_l1_reverse']);
  });

  it('refuses a user class that is not in safeGlobals, naming it and stateDict()', async () => {
    expect(() => torch.load(path.join(dir, 'net.pt'))).toThrow(/class 'module_pickle_net\.Net', which is not allowed.*torch\.serialization\.safeGlobals.*stateDict\(\)/);
    // safeGlobals holds for the Promise its callback returns (loadAsync reads the pickle after an await).
    expect(await torch.serialization.safeGlobals([NET], () => torch.loadAsync(path.join(dir, 'net.pt')))).toBeInstanceOf(Net);
    await expect(torch.loadAsync(path.join(dir, 'net.pt'))).rejects.toThrow(/not allowed/);
    // safeGlobals holds only while its callback runs; addSafeGlobals until cleared.
    torch.serialization.addSafeGlobals([NET]);
    try {
      expect(torch.load(path.join(dir, 'net.pt'))).toBeInstanceOf(Net);
      expect(torch.serialization.getSafeGlobals()).toEqual([[Net, 'module_pickle_net.Net']]);
    } finally {
      torch.serialization.clearSafeGlobals();
    }
    expect(() => torch.load(path.join(dir, 'net.pt'))).toThrow(/not allowed/);
  });
});

suite.skipIf(!hasPythonTorch())("torch.save(model): Python's torch.load returns the same model", () => {
  it('writes every model so that Python rebuilds its class, repr, state dict, mode, outputs and attributes', () => {
    const dir = tmpdir();
    const models = nodeModels();
    for (const [name, [m, x]] of Object.entries(models)) {
      if (name === 'resnet18') m.train(); // one model saved in training mode
      else m.eval();
      const write = (): void => torch.save(m, path.join(dir, `${name}.pt`));
      if (name === 'net') torch.serialization.safeGlobals([NET], write);
      else write();
      torch.save({ state: m.stateDict(), input: x, output: run(m.eval(), x), training: name === 'resnet18' }, path.join(dir, `${name}_node.pt`));
    }
    const py = pythonCheck(dir, Object.keys(models));
    for (const [name, [m, , cls]] of Object.entries(models)) {
      const r = py[name];
      expect(r.cls, name).toBe(cls);
      expect(r.repr, name).toBe(String(m));
      expect(r.training, name).toBe(true);
      expect(r.state, name).toBe(true);
      expect(r.output, name).toBeLessThan(1e-5);
      expect(r.missing, name).toEqual({});
      expect(r.extra, name).toEqual({});
    }
  });

  it('saveAsync writes the same pickle', async () => {
    const dir = tmpdir();
    const m = new nn.Sequential(new nn.Linear(4, 3), new nn.ReLU()).eval();
    const x = torch.randn(2, 4);
    await torch.saveAsync(m, path.join(dir, 'seq.pt'));
    torch.save(m, path.join(dir, 'seq_sync.pt'));
    expect(fs.readFileSync(path.join(dir, 'seq.pt')).includes(Buffer.from('torch.nn.modules.container\nSequential'))).toBe(true);
    expect(torch.load(path.join(dir, 'seq.pt')).toString()).toBe(String(m));
    torch.save({ state: m.stateDict(), input: x, output: run(m, x), training: false }, path.join(dir, 'seq_node.pt'));
    const r = pythonCheck(dir, ['seq']);
    expect(r.seq.cls).toBe('torch.nn.modules.container.Sequential');
    expect(r.seq.output).toBeLessThan(1e-6);
  });
});

suite('torch.save(model) errors name stateDict()', () => {
  it('refuses a class of its own outside safeGlobals', () => {
    class Foo extends nn.Module {
      fc = new nn.Linear(2, 2);
    }
    const f = path.join(tmpdir(), 'foo.pt');
    expect(() => torch.save(new Foo(), f)).toThrow(/torch\.save: cannot pickle module of class Foo \(obj\).*safeGlobals.*save model\.stateDict\(\) instead/);
    expect(() => torch.save({ model: new nn.Sequential(new Foo()) }, f)).toThrow(/class Foo \(obj\["model"\]\._modules\["0"\]\)/);
    expect(fs.existsSync(f)).toBe(false);
  });

  it('refuses a function attribute and forward hooks', () => {
    class WithFn extends nn.Module {
      act = (x: torch.Tensor): torch.Tensor => x.relu();
    }
    const f = path.join(tmpdir(), 'fn.pt');
    expect(() => torch.serialization.safeGlobals([WithFn], () => torch.save(new WithFn(), f))).toThrow(/cannot pickle obj\.act \(the function act\).*stateDict\(\)/);
    const lin = new nn.Linear(2, 2);
    lin.registerForwardHook(() => undefined);
    expect(() => torch.save(lin, f)).toThrow(/forward hooks.*stateDict\(\)/);
  });

  it('checks safeGlobals arguments', () => {
    expect(() => torch.serialization.safeGlobals([42 as never], () => 0)).toThrow(/safe_globals\[0\]/);
    expect(() => torch.serialization.safeGlobals([[Net, 'not a name']] as never, () => 0)).toThrow(/safe_globals\[0\]\[1\]/);
    expect(() => torch.serialization.addSafeGlobals(Net as never)).toThrow(/safe_globals/);
  });

  it('a class in safeGlobals round-trips under its name', () => {
    const f = path.join(tmpdir(), 'net.pt');
    torch.manualSeed(0);
    const net = new Net(5);
    torch.serialization.safeGlobals([NET], () => torch.save({ model: net, epoch: 3 }, f));
    const back = torch.serialization.safeGlobals([NET], () => torch.load(f)) as { model: Net; epoch: number };
    expect(back.epoch).toBe(3);
    expect(back.model).toBeInstanceOf(Net);
    expect(back.model.hiddenSize).toBe(5);
    const x = torch.randn(2, 4);
    expect(torch.equal(back.model.forward(x), net.forward(x))).toBe(true);
  });
});
