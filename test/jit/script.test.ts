// torch.jit.load / save against Python PyTorch 1.13 (test/fixtures/gen_jit.py): a scripted module
// with control flow, an exported method, typed arguments of every kind and BatchNorm buffers; a
// traced conv net; a scripted MLP fine-tuned here as Python fine-tuned it, saved and read back by
// Python. Outputs within 1e-5 of Python's.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';

const DIR = path.join(__dirname, '..', 'fixtures', 'jit');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fx: any = JSON.parse(fs.readFileSync(path.join(DIR, 'jit.json'), 'utf8'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-jit-'));
const file = (name: string): string => path.join(DIR, name);

type Nested = number | Nested[];

/** The largest absolute difference between two nested arrays of the same shape (Infinity if not). */
function maxDiff(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return Infinity;
    return a.reduce((m: number, x, i) => Math.max(m, maxDiff(x, b[i])), 0);
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  return Infinity;
}

function expectClose(t: torch.Tensor, expected: Nested, tol = 1e-5): void {
  expect(t).toBeInstanceOf(torch.Tensor);
  expect(maxDiff(t.tolist(), expected)).toBeLessThanOrEqual(tol);
}

describe('torch.jit.load: a scripted module', () => {
  const g = fx.gate;
  const m = torch.jit.load(file('gate.pt'));
  const x = torch.tensor(g.x);

  it('is a RecursiveScriptModule and an nn.Module with Python repr, names and code', () => {
    expect(m).toBeInstanceOf(torch.jit.ScriptModule);
    expect(m).toBeInstanceOf(torch.nn.Module);
    expect(String(m)).toBe(g.repr);
    expect(m.originalName).toBe('Gate');
    expect(m.code).toBe(g.code);
    expect((m as any).top_value.code).toBe(g.top_value_code);
    expect(m.methodNames()).toEqual(g.methods);
    expect([...m.namedParameters()].map(([k]) => k)).toEqual(g.parameters);
    expect([...m.namedBuffers()].map(([k]) => k)).toEqual(g.buffers);
    expect([...m.namedChildren()].map(([k]) => k)).toEqual(g.children);
    expect(m.training).toBe(g.training);
  });

  it('forward matches Python, default and int arguments (control flow)', () => {
    expectClose(m.forward(x), g.forward);
    expectClose(m.forward(x, 5), g.forward_steps5);
    expect(maxDiff(g.forward, g.forward_steps5)).toBeGreaterThan(1e-3); // the loop count matters
  });

  it('an exported method by name and as a shortcut: a tuple of a tensor and an int', () => {
    const r = m.runMethod('top_value', x);
    expect(Array.isArray(r) && Object.isFrozen(r)).toBe(true);
    expectClose(r[0], g.top_value[0]);
    expect(r[1]).toBe(g.top_value[1]);
    const s = (m as any).top_value(x);
    expectClose(s[0], g.top_value[0]);
  });

  it('keyword arguments: a trailing options object, by the schema\'s names or in camelCase', () => {
    expectClose(m.forward(x, { steps: 5 }), g.forward_steps5);
    expectClose(m.forward({ x, steps: 5 }), g.forward_steps5);
    expectClose((m as any).scaled(x, { scale_by: 3 }), g.scaled_kw);
    expectClose((m as any).scaled(x, { scaleBy: 3 }), g.scaled_kw);
    expectClose((m as any).scaled(x, { shift: 1 }), g.scaled_shift_kw);
    // a plain object where the schema takes a dict is that dict, not keywords
    const [xs, , counts, , , maybe] = g.mixed_args;
    const r = m.runMethod('mixed', xs.map((t: Nested) => torch.tensor(t)), { factor: 1.5, counts, flag: true, name: 'hi ', maybe: torch.tensor(maybe) });
    expect(r.slice(1)).toEqual(g.mixed.slice(1));
    expect(() => (m as any).scaled(x, { scaleBx: 3 })).toThrow("ScriptModule.scaled: got an unexpected keyword argument 'scaleBx'; its arguments: x, scale_by, shift");
    expect(() => (m as any).scaled(x, { shift: 1.5 })).toThrow(/argument 'shift' must be an integer/);
    expect(() => (m as any).scaled(x, 2, { scaleBy: 3 })).toThrow("ScriptModule.scaled: got multiple values for argument 'scale_by'");
    expect(() => m.forward({ steps: 5 })).toThrow(/ScriptModule\.forward: .*x/); // a missing argument
  });

  it('IValues both ways: List[Tensor], float, Dict[str, int], bool, str, Optional', () => {
    const [xs, factor, counts, flag, name, maybe] = g.mixed_args;
    const r = m.runMethod('mixed', xs.map((t: Nested) => torch.tensor(t)), factor, counts, flag, name, torch.tensor(maybe));
    expectClose(r[0], g.mixed[0]);
    expect(r[1]).toEqual(g.mixed[1]);
    expect(r[2]).toEqual(g.mixed[2]);
    expect(r[3]).toBe(g.mixed[3]);
    expect(r[4]).toBe(g.mixed[4]);
    // a Map for the dict, an integer-valued number for the float, null for None
    const q = m.runMethod('mixed', xs.map((t: Nested) => torch.tensor(t)), 2, new Map([]), false, '', null);
    expectClose(q[0], g.mixed_no_flag[0]);
    expect(q.slice(1)).toEqual(g.mixed_no_flag.slice(1));
  });

  it('attributes read and write with their declared types', () => {
    const mm = torch.jit.load(file('gate.pt')) as any;
    expect(mm.scale).toBe(g.scale);
    expect(mm.label).toBe(g.label);
    expect(mm.fc).toBeInstanceOf(torch.jit.ScriptModule);
    expect(mm.fc.weight).toBe([...mm.fc.parameters()][0]);
    mm.scale = 1; // an int-valued JS number into a float attribute
    expect(mm.scale).toBe(1);
    expect(() => { mm.scale = 'big'; }).toThrow(/ScriptModule\.scale.*float/);
    expect(() => { mm.fc.weight = torch.zeros(3, 4); }).toThrow(TypeError);
  });

  it('parameters are the module\'s tensors: the same objects each time, and Parameters', () => {
    const a = [...m.parameters()];
    const b = [...m.parameters()];
    expect(a.length).toBe(4);
    a.forEach((p, i) => expect(p).toBe(b[i]));
    expect(a[0]).toBeInstanceOf(torch.nn.Parameter);
    expect(a[0].requiresGrad).toBe(true);
  });

  it('train() uses batch statistics and updates the running buffers, as in Python; eval() goes back', () => {
    const mm = torch.jit.load(file('gate.pt'));
    mm.train();
    expect([...mm.modules()].every((c) => c.training)).toBe(true);
    expectClose(mm.forward(x), g.train_forward);
    expectClose((mm as any).bn.running_mean, g.train_running_mean);
    mm.eval();
    expect([...mm.modules()].some((c) => c.training)).toBe(false);
  });
});

describe('torch.jit.load: a traced module', () => {
  const t = fx.convnet_traced;

  it('loads from a Buffer, matches Python forward and state dict', () => {
    const m = torch.jit.load(fs.readFileSync(file('convnet_traced.pt')));
    expect(String(m)).toBe(t.repr);
    expect(m.code).toBe(t.code);
    expectClose(m.forward(torch.tensor(t.x)), t.forward);
    const sd = m.stateDict();
    expect([...sd.keys()]).toEqual(Object.keys(t.state_dict));
    for (const [k, v] of sd) expectClose(v, t.state_dict[k], 0);
  });

  it('to(float64) converts in place: the same parameter objects, float64 forward', () => {
    const m = torch.jit.load(file('convnet_traced.pt'), { mapLocation: 'cpu' });
    const before = [...m.parameters()];
    m.to(torch.float64);
    const after = [...m.parameters()];
    after.forEach((p, i) => expect(p).toBe(before[i]));
    expect(after[0].dtype).toBe(torch.float64);
    expect(m.stateDict().get('bn.num_batches_tracked')!.dtype).toBe(torch.int64);
    const y = m.forward(torch.tensor(t.x, { dtype: torch.float64 }));
    expect(y.dtype).toBe(torch.float64);
    expectClose(y, t.forward);
  });
});

describe('training a ScriptModule', () => {
  const p = fx.mlp;

  function fineTune(m: torch.jit.ScriptModule): number[] {
    const x = torch.tensor(p.x);
    const y = torch.tensor(p.y);
    const opt = new torch.optim.SGD([...m.parameters()], { lr: p.fine_tune.lr, momentum: p.fine_tune.momentum });
    const losses: number[] = [];
    for (let i = 0; i < p.fine_tune.steps; i++) {
      opt.zeroGrad();
      const loss = torch.nn.functional.mseLoss(m.forward(x), y);
      loss.backward();
      opt.step();
      losses.push(loss.item() as number);
    }
    return losses;
  }

  it('gradients flow into the module and SGD steps change it, as in Python', () => {
    const m = torch.jit.load(file('mlp.pt'));
    expectClose(m.forward(torch.tensor(p.x)), p.before);
    const losses = fineTune(m);
    expect(maxDiff(losses, p.losses)).toBeLessThanOrEqual(1e-5);
    expectClose(m.forward(torch.tensor(p.x)), p.after);
    for (const [k, v] of m.namedParameters()) expectClose(v, p.params_after[k]);
  });

  it.skipIf(!hasPythonTorch())('torch.jit.save writes a file Python loads, with the fine-tuned outputs', () => {
    const m = torch.jit.load(file('mlp.pt'));
    fineTune(m);
    m.eval();
    const out = path.join(work, 'tuned.pt');
    torch.jit.save(m, out);
    const r = spawnSync('/usr/bin/python3', [path.join(__dirname, '..', 'fixtures', 'gen_jit.py'), 'run', out, 'forward', JSON.stringify([p.x])], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const py = JSON.parse(r.stdout);
    expect(py.original_name).toBe('Mlp');
    expect(py.training).toBe(false);
    const mine = m.forward(torch.tensor(p.x));
    expect(maxDiff(py.output, mine.tolist())).toBeLessThanOrEqual(1e-6);
    expect(maxDiff(py.output, p.after)).toBeLessThanOrEqual(1e-5);
    for (const [k, v] of m.stateDict()) expect(maxDiff(py.state_dict[k], v.tolist())).toBe(0);
    // and torch-node reads its own file back, also as written by m.save
    expectClose(torch.jit.load(out).forward(torch.tensor(p.x)), mine.tolist() as Nested, 0);
    m.save(path.join(work, 'tuned2.pt'));
    expect(fs.readFileSync(path.join(work, 'tuned2.pt')).equals(fs.readFileSync(out))).toBe(true);
  });

  it('loadStateDict copies Python\'s fine-tuned parameters into the module', () => {
    const m = torch.jit.load(file('mlp.pt'));
    const sd = Object.fromEntries(Object.entries(p.params_after).map(([k, t]) => [k, torch.tensor(t as Nested)]));
    expect(m.loadStateDict(sd)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expectClose(m.forward(torch.tensor(p.x)), p.after);
    expect(() => m.loadStateDict({ 'l1.weight': sd['l1.weight'] })).toThrow(/Missing key\(s\) in state_dict: "l1.bias"/);
  });
});

describe('torch.jit errors', () => {
  const gate = fs.readFileSync(file('gate.pt'));

  function loadError(f: string | Uint8Array): Error {
    try {
      torch.jit.load(f);
    } catch (e) {
      return e as Error;
    }
    throw new Error('torch.jit.load did not throw');
  }

  it('missing files, directories, wrong argument types', () => {
    expect(loadError(path.join(work, 'absent.pt')).message).toBe(`torch.jit.load: The provided filename ${path.join(work, 'absent.pt')} does not exist`);
    expect(loadError(work).message).toMatch(/is a directory/);
    expect(() => torch.jit.load(42 as never)).toThrow(/torch\.jit\.load: f must be a file path or a Buffer/);
    expect(() => torch.jit.load(file('gate.pt'), { mapLocation: 'nowhere' })).toThrow(/map_location/);
    expect(() => torch.jit.load(file('gate.pt'), { map_location: 'cpu' } as never)).toThrow(/unknown option/);
    expect(() => torch.jit.save({} as never, path.join(work, 'x.pt'))).toThrow(/torch\.jit\.save: m must be a ScriptModule/);
  });

  it('a torch.save file, a truncated file and garbage are TorchErrors naming torch.jit.load', () => {
    const pth = path.join(work, 'state.pth');
    torch.save({ w: torch.ones(2) }, pth);
    for (const e of [loadError(pth), loadError(gate.subarray(0, gate.length >> 1)), loadError(Buffer.from('not a module at all')), loadError(new Uint8Array(0))]) {
      expect(e).toBeInstanceOf(torch.TorchError);
      expect(e.message).toMatch(/^torch\.jit\.load: .* is not a TorchScript module file or is corrupt: /);
    }
  });

  it('wrong arguments to a method are errors naming the method and the argument', () => {
    const m = torch.jit.load(gate) as any;
    expect(() => m.forward('x')).toThrow(TypeError);
    expect(() => m.forward('x')).toThrow("ScriptModule.forward: argument 'x' (position 0) must be of type Tensor, got a string");
    expect(() => m.forward(torch.ones(2, 4), 1.5)).toThrow(/ScriptModule\.forward: argument 'steps' .* must be an integer/);
    expect(() => m.top_value()).toThrow(/ScriptModule\.top_value: .*x/);
    expect(() => m.forward(torch.ones(2, 4), 2, 3)).toThrow(/ScriptModule\.forward: .*argument/);
    expect(() => m.forward(torch.ones(2, 7))).toThrow(torch.TorchError);
    expect(() => m.forward(torch.ones(2, 7))).toThrow(/^ScriptModule\.forward: /);
    expect(() => m.runMethod('nope')).toThrow(/has no method "nope"; its methods: forward, mixed, scaled, top_value/);
    expect(() => m.runMethod('mixed', [torch.ones(1)], 1.0, { a: 'b' }, true, '', null)).toThrow("ScriptModule.mixed: argument 'counts' (position 2)['a'] must be of type int, got a string");
    expect(() => m.runMethod('mixed', [1], 1.0, {}, true, '', null)).toThrow(/xs.*\[0\] must be of type Tensor/);
  });
});
