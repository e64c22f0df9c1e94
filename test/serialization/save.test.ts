// torch.save: round trips through torch.load, files Python's torch.load reads (checked by spawning
// /usr/bin/python3 with torch), atomic replacement, and errors for values it cannot write.
import { describe as suite, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { describe } from './describe';
import { Counter } from '../../lib/collections';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const PYTHON = '/usr/bin/python3';
const hasPythonTorch = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-save-'));
}

/** Python's torch.load of file, described by gen_serialization.describe. */
function pythonDescribe(file: string): unknown {
  const code = `import json, sys, torch; sys.path.insert(0, ${JSON.stringify(FIXTURES)}); from gen_serialization import describe; print(json.dumps(describe(torch.load(sys.argv[1]))))`;
  const r = spawnSync(PYTHON, ['-c', code, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function sample(): Record<string, unknown> {
  torch.manualSeed(3);
  const base = torch.randn(2, 3).mul(40);
  const a = torch.arange(24).view(4, 6);
  const out: Record<string, unknown> = {};
  for (const d of [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8]) out[d.name] = base.to(d);
  out.bool = base.gt(0);
  out.scalar = torch.tensor(2.5);
  out.empty = torch.zeros(0, 3);
  out.views = { a, row: a.select(0, 1), cols: a.narrow(1, 2, 3), t: a.t() };
  out.slice = torch.arange(10).narrow(0, 3, 4); // alone: written contiguous, 4 elements
  out.param = torch.ones(2).requiresGrad_(true);
  out.meta = { epoch: 7, lr: 0.001, name: 'réseau ✓', flag: true, nothing: null, big: 2n ** 70n, list: [1, 2.5, ['x']] };
  out.intKeys = new Map<unknown, unknown>([[0, 'zero'], [1, torch.ones(1)]]);
  return out;
}

suite('torch.save round trip', () => {
  it('torch.load reads back values, dtypes, views and containers', () => {
    const dir = tmpdir();
    const obj = sample();
    torch.save(obj, path.join(dir, 'x.pth'));
    const back = torch.load(path.join(dir, 'x.pth'));
    const expected = describe(obj) as { dict: [string, { tensor: { offset: number } }][] };
    // The lone slice is written contiguous: its storage offset becomes 0.
    expected.dict.find(([k]) => k === 'slice')![1].tensor.offset = 0;
    expect(describe(back)).toEqual(expected);
    back.views.a.fill_(0);
    expect(back.views.t.sum().item()).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['x.pth']); // no temporary file left behind
  });

  it('keeps shared and cyclic containers as one object', () => {
    const dir = tmpdir();
    const shared = [torch.ones(2)];
    const o: Record<string, unknown> = { x: shared, y: shared };
    o.self = o;
    torch.save(o, path.join(dir, 'c.pth'));
    const back = torch.load(path.join(dir, 'c.pth'));
    expect(back.self).toBe(back);
    expect(back.x).toBe(back.y);
    expect(back.x[0].tolist()).toEqual([1, 1]);
  });

  it('writes a lone view compactly, not its whole storage', () => {
    const dir = tmpdir();
    torch.save({ s: torch.zeros(1000000).narrow(0, 0, 10) }, path.join(dir, 's.pth'));
    expect(fs.statSync(path.join(dir, 's.pth')).size).toBeLessThan(2000);
  });

  it('replaces an existing file atomically', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'sd.pth');
    torch.save({ w: torch.ones(3) }, f);
    torch.save({ w: torch.zeros(2) }, f);
    expect(torch.load(f).w.tolist()).toEqual([0, 0]);
    expect(fs.readdirSync(dir)).toEqual(['sd.pth']);
  });
});

suite('Python reads torch-node files', () => {
  it.skipIf(!hasPythonTorch)('torch.load in Python sees the same values, dtypes and shared storages', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'from-node.pth');
    const obj = sample();
    torch.save(obj, f);
    const expected = describe(obj) as { dict: [string, { tensor: { offset: number } }][] };
    expected.dict.find(([k]) => k === 'slice')![1].tensor.offset = 0;
    const fromPython = pythonDescribe(f) as { dict: [string, unknown][] };
    // Python tells ints from floats; JS numbers that are integers are written as ints.
    const meta = fromPython.dict.find(([k]) => k === 'meta')![1] as { dict: [string, unknown][] };
    expect(meta.dict.find(([k]) => k === 'lr')![1]).toEqual({ float: 0.001 });
    expect(meta.dict.find(([k]) => k === 'list')![1]).toEqual({ list: [1, { float: 2.5 }, { list: ['x'] }] });
    meta.dict.find(([k]) => k === 'lr')![1] = 0.001;
    meta.dict.find(([k]) => k === 'list')![1] = { list: [1, 2.5, { list: ['x'] }] };
    expect(fromPython).toEqual(expected);
  });

  it.skipIf(!hasPythonTorch)('a state dict saved here loads into a Python nn.Module', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'linear.pth');
    torch.save({ weight: torch.tensor([[1, 2, 3], [4, 5, 6]]), bias: torch.tensor([0.5, -0.5]) }, f);
    const code = 'import sys, torch; m = torch.nn.Linear(3, 2); m.load_state_dict(torch.load(sys.argv[1])); print(m(torch.ones(1, 3)).tolist())';
    const r = spawnSync(PYTHON, ['-c', code, f], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([[6.5, 14.5]]);
  });

  it.skipIf(!hasPythonTorch)('frozen arrays are tuples, Counters collections.Counter, Map number keys ints; torch.load gives them back', () => {
    const f = path.join(tmpdir(), 'types.pth');
    const cyclic: unknown[] = [1];
    cyclic.push([cyclic]); // a tuple that holds a list that holds the tuple
    Object.freeze(cyclic);
    const milestones = Counter.of([30, 5, 5]);
    torch.save({ betas: Object.freeze([0.9, 0.999]), empty: Object.freeze([]), cyclic, milestones, again: milestones, ids: new Map([[0, 'a'], [1, 'b']]) }, f);
    const code = [
      'import collections, json, sys, torch',
      'd = torch.load(sys.argv[1])',
      "m = d['milestones']",
      "print(json.dumps([type(d['betas']).__name__, d['betas'], type(d['empty']).__name__, type(d['cyclic']).__name__, d['cyclic'][1][0] is d['cyclic'],",
      "  type(m).__name__, [[type(k).__name__, k, n] for k, n in m.items()], sorted(m.elements()), d['again'] is m, [type(k).__name__ for k in d['ids']]]))",
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', code, f], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(['tuple', [0.9, 0.999], 'tuple', 'tuple', true, 'Counter', [['int', 30, 1], ['int', 5, 2]], [5, 5, 30], true, ['int', 'int']]);
    const back = torch.load(f);
    expect(back.milestones).toBeInstanceOf(Counter);
    expect([...back.milestones]).toEqual([[30, 1], [5, 2]]);
    expect(back.again).toBe(back.milestones);
    expect(back.cyclic[1][0]).toBe(back.cyclic);
  });
});

suite('torch.save errors', () => {
  it('names the value it cannot write and leaves no file', () => {
    const dir = tmpdir();
    const f = path.join(dir, 'bad.pth');
    expect(() => torch.save({ a: [1, () => 0] }, f)).toThrow(/torch.save: obj\["a"\]\[1\] is a function/);
    expect(() => torch.save({ a: undefined }, f)).toThrow(/obj\["a"\] is undefined/);
    expect(() => torch.save(new Map([[{}, 1]]), f)).toThrow(/a key of obj is an Object/);
    expect(() => torch.save({ d: new Date() }, f)).toThrow(/obj\["d"\] is a Date/);
    expect(() => torch.save({}, 7 as unknown as string)).toThrow(/torch.save: f must be a string/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('fails on a missing directory with the path named', () => {
    expect(() => torch.save({}, path.join(tmpdir(), 'no', 'such', 'dir.pth'))).toThrow(/ENOENT/);
  });
});
