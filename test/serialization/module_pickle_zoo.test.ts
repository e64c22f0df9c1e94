// Whole pickled modules across torch.nn (the classes of torch.nn.modules.__all__ a pickle holds) and one
// small model of each torchvision classification family, both ways: torch.load of Python's
// torch.save(model) gives the same repr and outputs; Python's torch.load of torch.save(model) of
// torch-node's own model (built from the same constructor call) gives the class, repr, attributes and
// submodule registries Python's own has, and torch-node's outputs; Python's model loaded and saved
// again by torch-node comes back as Python wrote it. Python's side: test/fixtures/gen_module_pickle_zoo.py.
import { describe as suite, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import * as vision from '../../lib/vision';
import { hasPythonTorch } from '../helpers/fixtures';

const PYTHON = '/usr/bin/python3';
const GEN = path.join(__dirname, '..', 'fixtures', 'gen_module_pickle_zoo.py');

interface Spec { module: string; name: string; args: unknown[]; kwargs: Record<string, unknown>; deterministic: boolean; warm: boolean }
interface Ref { repr: string; input: torch.Tensor[]; output: torch.Tensor[] }

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A Python dotted name (torch.nn.Linear, torchvision.models.regnet.BlockParams.from_init_params) as torch-node's value. */
function resolve(dotted: string): unknown {
  const [root, rest] = dotted.startsWith('torch.nn.') ? [torch.nn, dotted.slice(9)] : dotted.startsWith('torchvision.models.') ? [vision.models, dotted.slice(19)] : [null, dotted];
  if (root === null) throw new Error(`no torch-node value for ${dotted}`);
  let x: unknown = root;
  for (const part of rest.split('.')) {
    const o = x as Record<string, unknown>;
    x = part in o ? o[part] : o[camel(part)];
    if (x === undefined) throw new Error(`no torch-node value for ${dotted}`);
  }
  return x;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function make(f: any, args: unknown[]): unknown {
  return /^class\b/.test(Function.prototype.toString.call(f)) ? new f(...args) : f(...args);
}

function callArgs(args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const kw = Object.entries(kwargs);
  return kw.length ? [...args.map(decode), Object.fromEntries(kw.map(([k, x]) => [camel(k), decode(x)]))] : args.map(decode);
}

function decode(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(decode);
  if (x !== null && typeof x === 'object') {
    const o = x as { list?: unknown[]; dict?: Record<string, unknown>; cls?: string; new?: string; args?: unknown[]; kwargs?: Record<string, unknown> };
    if (o.list) return o.list.map(decode);
    if (o.dict) return new Map(Object.entries(o.dict).map(([k, e]) => [k, decode(e)]));
    if (o.cls) return resolve(o.cls);
    return make(resolve(o.new!), callArgs(o.args!, o.kwargs!));
  }
  return x;
}

/** torch-node's model of a spec, as gen_module_pickle_zoo.py builds Python's (a lazy module after its first forward). */
function build(s: Spec, xs: torch.Tensor[]): torch.nn.Module {
  torch.manualSeed(0);
  const m = make(resolve(`${s.module}.${s.name}`), callArgs(s.args, s.kwargs)) as torch.nn.Module;
  m.eval();
  if (s.warm) forward(m, xs);
  return m;
}

function flat(y: unknown): torch.Tensor[] {
  if (y instanceof torch.Tensor) return [y];
  if (Array.isArray(y)) return y.flatMap(flat);
  return [];
}

function forward(m: torch.nn.Module, xs: torch.Tensor[]): torch.Tensor[] {
  if (xs.length === 0) return [];
  return flat(torch.noGrad(() => (m.forward as (...a: torch.Tensor[]) => unknown)(...xs)));
}

/** Where outputs differ from Python's, or null. */
function outputDiff(got: torch.Tensor[], want: torch.Tensor[]): string | null {
  if (got.length !== want.length) return `${got.length} outputs, Python ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    if (String(got[i].shape) !== String(want[i].shape) || got[i].dtype !== want[i].dtype) return `output ${i}: ${got[i].dtype} [${got[i].shape}], Python ${want[i].dtype} [${want[i].shape}]`;
    if (!torch.allclose(got[i], want[i], { rtol: 1e-4, atol: 1e-5, equalNan: true })) return `output ${i}: max difference ${got[i].sub(want[i]).abs().max().item()}`;
  }
  return null;
}

// What Python's side reports for torch-node's files: nothing, for every model but the one pickled as
// PyTorch 2.x does, which torch-node writes as 1.13 does (without 2.x's hook registries).
const PY2_HOOKS = ['_backward_pre_hooks', '_forward_hooks_always_called', '_forward_hooks_with_kwargs', '_forward_pre_hooks_with_kwargs', '_state_dict_pre_hooks'];
const KNOWN: Record<string, Record<string, string[]>> = {
  torch2: { roundtrip: ['', '0', '1'].flatMap((m) => PY2_HOOKS.map((k) => `${m}.${k}: only in Python`)) },
};

suite.skipIf(!hasPythonTorch())('whole pickled modules of torch.nn and torchvision, both ways', () => {
  let dir = '';
  let specs: Record<string, Spec> = {};
  let names: string[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-module-zoo-'));
    const r = spawnSync(PYTHON, [GEN, 'gen', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    specs = JSON.parse(fs.readFileSync(path.join(dir, 'specs.json'), 'utf8'));
    names = fs.readdirSync(dir).filter((f) => f.endsWith('_ref.pt')).map((f) => f.slice(0, -'_ref.pt'.length)).sort();
  });

  it("torch.load of Python's models: repr and outputs; torch-node's own models and Python's saved again", () => {
    expect(names.length).toBeGreaterThan(140);
    const failures: string[] = [];
    for (const name of names) {
      const ref = torch.load(path.join(dir, `${name}_ref.pt`)) as Ref;
      const s = specs[name];
      try {
        const m = torch.load(path.join(dir, `${name}.pt`)) as torch.nn.Module;
        if (String(m) !== ref.repr) failures.push(`${name}: repr ${String(m)}`);
        if (m.training) failures.push(`${name}: loaded in training mode`);
        const d = s && !s.deterministic ? null : outputDiff(forward(m, ref.input), ref.output);
        if (d) failures.push(`${name}: ${d}`);
        torch.save(m, path.join(dir, `${name}_rt.pt`));
      } catch (e) {
        failures.push(`${name}: Python's file: ${(e as Error).stack}`);
      }
      if (!s) continue;
      try {
        const own = build(s, ref.input);
        if (String(own) !== ref.repr) failures.push(`${name}: torch-node's repr ${String(own)}`);
        torch.save(forward(own, ref.input), path.join(dir, `${name}_node_out.pt`));
        torch.save(own, path.join(dir, `${name}_node.pt`));
      } catch (e) {
        failures.push(`${name}: torch-node's model: ${(e as Error).stack}`);
      }
    }
    expect(failures).toEqual([]);
    // One object for a module met twice and for a shared weight, as in Python's model.
    const tied = torch.load(path.join(dir, 'tied.pt')) as torch.nn.Sequential;
    expect(tied.at(3)).toBe(tied.at(1));
    expect((tied.at(4) as torch.nn.Linear).weight).toBe((tied.at(0) as torch.nn.Embedding).weight);
    // weight_norm's hook comes back registered: the weight follows weight_g, and remove_weight_norm finds it.
    const wn = torch.load(path.join(dir, 'weight_norm.pt')) as torch.nn.Linear & { weight_g: torch.Tensor };
    const wnRef = torch.load(path.join(dir, 'weight_norm_ref.pt')) as Ref;
    torch.noGrad(() => wn.weight_g.mul_(2));
    expect(torch.allclose(forward(wn, wnRef.input)[0], wnRef.output[0])).toBe(false);
    torch.noGrad(() => wn.weight_g.div_(2));
    torch.nn.utils.removeWeightNorm(wn);
    expect(wn.weight).toBeInstanceOf(torch.nn.Parameter);
    expect(outputDiff(forward(wn, wnRef.input), wnRef.output)).toBeNull();
    const np = torch.load(path.join(dir, 'non_persistent.pt')) as torch.nn.Linear;
    expect([...np.stateDict().keys()]).toEqual(['weight', 'bias', 'offset']);
    expect([...np.namedBuffers()].map(([k]) => k)).toEqual(['scale', 'offset']);
  });

  it("Python's torchvision models train after torch.load: a backward step reaches every parameter", () => {
    const missing: string[] = [];
    for (const name of names.filter((n) => !specs[n] || specs[n].module.startsWith('torchvision'))) {
      const m = (torch.load(path.join(dir, `${name}.pt`)) as torch.nn.Module).train();
      const x = (torch.load(path.join(dir, `${name}_ref.pt`)) as Ref).input[0];
      // Two samples: BatchNorm trains on more than one value per channel.
      flat(m.forward(x.dtype.isFloatingPoint ? torch.cat([x, x]) : x))[0].sum().backward();
      for (const [k, p] of m.namedParameters()) if (p.grad === null) missing.push(`${name}: ${k}`);
    }
    expect(missing).toEqual([]);
  });

  it("Python's torch.load of torch-node's files gives Python's classes, reprs, attributes and outputs", () => {
    const r = spawnSync(PYTHON, [GEN, 'check', dir, ...names], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(r.stderr);
    const diffs = JSON.parse(r.stdout) as Record<string, Record<string, string[]>>;
    const bad = Object.fromEntries(
      Object.entries(diffs).filter(([name, d]) => JSON.stringify(d) !== JSON.stringify(KNOWN[name] ?? (specs[name] ? { node: [], roundtrip: [] } : { roundtrip: [] }))),
    );
    expect(bad).toEqual({});
  });

  it("state dicts carry Python's _metadata (each module's version) both ways", () => {
    const vt = vision.models.vision_transformer as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>;
    const dense = (vision.models.densenet as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)._DenseBlock;
    const model = new torch.nn.Sequential(
      new torch.nn.Conv2d(2, 2, 1), new torch.nn.BatchNorm2d(2), new torch.nn.Sequential(new torch.nn.LayerNorm(2), new torch.nn.InstanceNorm1d(2, { affine: true })),
      new torch.nn.LSTM(2, 2), new vt.MLPBlock(2, 4, 0.0), new dense(1, 2, 1, 2, 0.0),
    );
    // Python's state dict: torch.load keeps its _metadata, which is what stateDict() makes here.
    const py = torch.load(path.join(dir, 'metadata.pt')) as Record<string, torch.Tensor> & { _metadata: Map<string, unknown> };
    expect(Object.keys(py)).toEqual([...model.stateDict().keys()]);
    const own = (model.stateDict() as unknown as { _metadata: Map<string, unknown> })._metadata;
    expect(py._metadata).toBeInstanceOf(Map);
    expect(Object.fromEntries(py._metadata)).toEqual(Object.fromEntries(own));
    model.loadStateDict(py);
    expect(torch.equal(model.stateDict().get('1.running_var')!, py['1.running_var'])).toBe(true);
    // torch-node's state dict, and Python's loaded and saved again: Python reads them as its own.
    torch.save(model.stateDict(), path.join(dir, 'metadata_node.pt'));
    torch.save(py, path.join(dir, 'metadata_rt.pt'));
    torch.save({ state: model.stateDict() }, path.join(dir, 'metadata_nested.pt'));
    const r = spawnSync(PYTHON, [GEN, 'metadata', ...['metadata_node.pt', 'metadata_rt.pt'].map((f) => path.join(dir, f))], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    for (const [f, res] of Object.entries(JSON.parse(r.stdout) as Record<string, { type: string; node: unknown; python: unknown }>)) {
      expect(res.type, f).toBe('OrderedDict');
      expect(res.node, f).toEqual(res.python);
    }
    const nested = torch.load(path.join(dir, 'metadata_nested.pt')) as { state: { _metadata: Map<string, unknown> } };
    expect(Object.fromEntries(nested.state._metadata)).toEqual(Object.fromEntries(own));
  });
});
