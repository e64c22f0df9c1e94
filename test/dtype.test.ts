// torch.set_default_dtype reaches libtorch: what the TS layer creates (plain numbers, module weights)
// and what libtorch computes (integer true division, an int tensor times a float) both follow it.
// The dtypes are compared with Python's under the same default, computed at test time.
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';
import { native } from '../lib/native';
import { hasPythonTorch } from './helpers/fixtures';

const { nn } = torch;
const root = path.resolve(__dirname, '..');
const addon = [process.env.TORCH_NODE_ADDON ?? '', path.join(root, 'build', 'Release', 'torch_node.node'), path.join(root, 'build-gyp', 'Release', 'torch_node.node')].find(
  (f) => f && fs.existsSync(f),
)!;

// [JS, Python]: each gives a tensor whose dtype depends on the default dtype.
const EXPRESSIONS: [() => torch.Tensor, string][] = [
  [() => torch.tensor(1.5), 'torch.tensor(1.5)'],
  [() => torch.tensor([1, 2]), 'torch.tensor([1.0, 2.0])'],
  [() => torch.zeros(2), 'torch.zeros(2)'],
  [() => torch.full([2], 7), 'torch.full([2], 7.0)'],
  [() => torch.arange(0.5, 3), 'torch.arange(0.5, 3)'],
  [() => torch.linspace(0, 1, 3), 'torch.linspace(0, 1, 3)'],
  [() => torch.randn(2), 'torch.randn(2)'],
  [() => torch.tensor([1n, 2n]).div(torch.tensor([2n, 3n])), 'torch.tensor([1, 2]).div(torch.tensor([2, 3]))'],
  [() => torch.tensor([1, 2], { dtype: torch.int64 }).div(torch.tensor([2, 3], { dtype: torch.int64 })), 'torch.tensor([1, 2], dtype=torch.int64).div(torch.tensor([2, 3], dtype=torch.int64))'],
  [() => torch.tensor([1n, 2n]).mul(1.5), 'torch.tensor([1, 2]).mul(1.5)'],
  [() => torch.arange(5).div(2), 'torch.arange(5).div(2)'],
  [() => torch.tensor([4n, 9n]).sqrt(), 'torch.tensor([4, 9]).sqrt()'],
  [() => torch.tensor([true, false]).div(2), 'torch.tensor([True, False]).div(2)'],
  [() => torch.tensor([1n, 2n]).add(torch.tensor(2.5)), 'torch.tensor([1, 2]).add(torch.tensor(2.5))'],
  [() => torch.tensor([1n, 2n]).mean({ dtype: torch.getDefaultDtype() }), 'torch.tensor([1, 2]).mean(dtype=torch.get_default_dtype())'],
];

// [JS, Python]: modules whose parameters and buffers the default dtype decides.
const MODULES: [() => torch.nn.Module, string][] = [
  [() => new nn.Linear(3, 2), 'torch.nn.Linear(3, 2)'],
  [() => new nn.Conv2d(1, 2, 3), 'torch.nn.Conv2d(1, 2, 3)'],
  [() => new nn.BatchNorm1d(2), 'torch.nn.BatchNorm1d(2)'],
  [() => new nn.BatchNorm2d(2), 'torch.nn.BatchNorm2d(2)'],
];

function jsDtypes(): { expressions: string[]; modules: Record<string, string>[] } {
  return {
    expressions: EXPRESSIONS.map(([js]) => String(js().dtype)),
    modules: MODULES.map(([js]) => {
      const m = js();
      return Object.fromEntries([...m.namedParameters(), ...m.namedBuffers()].map(([name, t]) => [name, String(t.dtype)]));
    }),
  };
}

const PYTHON = `
import json, sys, torch
spec = json.loads(sys.argv[1])
out = []
for default in spec['defaults']:
    torch.set_default_dtype(getattr(torch, default))
    out.append({
        'expressions': [str(eval(e).dtype) for e in spec['expressions']],
        'modules': [{n: str(t.dtype) for n, t in list(m.named_parameters()) + list(m.named_buffers())} for m in map(eval, spec['modules'])],
    })
print(json.dumps(out))
`;

/** What Python gives for EXPRESSIONS and MODULES under each default dtype (one Python process). */
function pythonDtypes(defaults: torch.DType[]): unknown[] {
  const spec = { defaults: defaults.map((d) => d.name), expressions: EXPRESSIONS.map(([, py]) => py), modules: MODULES.map(([, py]) => py) };
  const r = spawnSync('/usr/bin/python3', ['-c', PYTHON, JSON.stringify(spec)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

describe('torch.setDefaultDtype', () => {
  afterEach(() => torch.setDefaultDtype(torch.float32));

  it.skipIf(!hasPythonTorch())('gives the dtypes Python gives under float64 and bfloat16', () => {
    const defaults = [torch.float64, torch.bfloat16];
    const python = pythonDtypes(defaults);
    defaults.forEach((d, i) => {
      torch.setDefaultDtype(d);
      const js = jsDtypes();
      expect(js.expressions.filter((x) => x === String(d)).length).toBe(EXPRESSIONS.length);
      expect(js).toEqual(python[i]);
    });
  });

  it('sets libtorch’s default, which getDefaultDtype reads back', () => {
    torch.setDefaultDtype(torch.float64);
    expect(torch.getDefaultDtype()).toBe(torch.float64);
    expect(native.getDefaultDtype()).toBe(torch.float64.code);
    expect(new nn.Linear(2, 2).weight.dtype).toBe(torch.float64);
    expect(torch.tensor([1n, 2n]).div(torch.tensor([2n, 3n])).tolist()).toEqual([0.5, 2 / 3]);
    torch.setDefaultDtype(torch.float32);
    expect(native.getDefaultDtype()).toBe(torch.float32.code);
    expect(torch.arange(5).div(2).dtype).toBe(torch.float32);
  });

  it('is one setting for the whole process, as in Python: a worker thread sees it', async () => {
    torch.setDefaultDtype(torch.float64);
    const source = `
const { parentPort, workerData } = require('node:worker_threads');
const native = require(workerData.addon);
const seen = native.getDefaultDtype();
native.setDefaultDtype(${torch.float16.code});
parentPort.postMessage({ seen, div: native.dtype(native.div(native.arange(0, 4, 1, ${torch.int64.code}, 'cpu'), 2)) });
`;
    const worker = new Worker(source, { eval: true, workerData: { addon } });
    const reply = await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
    expect(reply).toEqual({ seen: torch.float64.code, div: torch.float16.code });
    expect(torch.getDefaultDtype()).toBe(torch.float16);
  });

  it('accepts only floating dtypes, naming torch.set_default_dtype', () => {
    expect(() => torch.setDefaultDtype(torch.int64)).toThrow(TypeError);
    expect(() => torch.setDefaultDtype(torch.int64)).toThrow(/^torch.set_default_dtype: only floating-point types are supported as the default type, got torch.int64$/);
    expect(() => torch.setDefaultDtype(torch.bool)).toThrow(/torch.set_default_dtype: only floating-point types/);
    expect(() => torch.setDefaultDtype('float64' as never)).toThrow(/torch.set_default_dtype: d must be a torch dtype such as torch.float64, got "float64"/);
    expect(torch.getDefaultDtype()).toBe(torch.float32);
  });
});
