// torch.load on files Python's torch.save wrote (zip, legacy stream, pre-0.4 tar), compared with
// the descriptions test/fixtures/gen_serialization.py wrote from Python's own torch.load.
import { describe as suite, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { describe, normalize } from './describe';
import { hasPythonTorch } from '../helpers/fixtures';

const DIR = path.join(__dirname, '..', 'fixtures', 'serialization');
const fixture = (name: string): string => path.join(DIR, `${name}.pth`);
const names = fs.readdirSync(DIR).filter((f) => f.endsWith('.pth')).map((f) => f.slice(0, -4)).filter((n) => fs.existsSync(path.join(DIR, `${n}.json`)));

suite('torch.load parity with Python', () => {
  it('finds a fixture of every format', () => {
    expect(names).toEqual(expect.arrayContaining(['dtypes_zip', 'dtypes_legacy', 'views_zip', 'views_legacy', 'tar_state', 'containers_zip_proto4']));
  });
  for (const name of names) {
    it(`reads ${name}.pth as Python does`, () => {
      const expected = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
      expect(describe(torch.load(fixture(name), { mapLocation: 'cpu' }))).toEqual(normalize(expected));
    });
  }
});

suite('torch.load values', () => {
  it('returns a str-keyed state dict as a plain object of tensors', () => {
    const sd = torch.load(fixture('model_zip'));
    expect(Object.keys(sd)).toEqual(['0.weight', '0.bias', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked', '3.weight', '3.bias']);
    expect(sd['0.weight'].shape).toEqual([2, 1, 3, 3]);
    expect(sd['1.num_batches_tracked'].dtype).toBe(torch.int64);
    expect(sd['1.num_batches_tracked'].item()).toBe(1);
  });

  it('returns a dict with int keys as a Map, tuples as arrays, big ints as bigints', () => {
    for (const name of ['containers_zip', 'containers_legacy', 'containers_zip_proto4']) {
      const c = torch.load(fixture(name));
      expect(c.int_keys).toBeInstanceOf(Map);
      expect(c.int_keys.get(0)).toBe('zero');
      expect(c.tuple).toEqual([1, [2, 3]]);
      expect(c.big).toBe(2n ** 70n);
      expect(c.negative).toBe(-123456789012);
      expect(c.name).toBe('réseau ✓');
      expect(c.dtype).toBe(torch.float16);
      expect(c.nothing).toBeNull();
      expect(c.state['fc.weight']).toBeInstanceOf(torch.Tensor);
    }
  });

  it('keeps tensors that shared a storage in Python sharing it', () => {
    for (const name of ['views_zip', 'views_legacy']) {
      const v = torch.load(fixture(name));
      expect(v.alias).toBe(v.a); // one Python object stays one JS object
      v.a.fill_(-1);
      expect(v.row.tolist()).toEqual([-1, -1, -1, -1, -1, -1]);
      expect(v.transposed.sum().item()).toBe(-24);
      expect(v.other.tolist()).toEqual([0, 1, 2]);
    }
    const t = torch.load(fixture('tar_state'));
    t.weight.zero_();
    expect(t.row.tolist()).toEqual([0, 0, 0, 0]);
  });

  it("loads into an nn.Module that then gives Python's output", () => {
    const { nn } = torch;
    const { input, output } = JSON.parse(fs.readFileSync(path.join(DIR, 'model_forward.json'), 'utf8'));
    for (const name of ['model_zip', 'model_legacy']) {
      const m = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new nn.Flatten(), new nn.Linear(8, 3));
      m.loadStateDict(torch.load(fixture(name)));
      m.eval();
      const y = m.forward(torch.tensor(input)).tolist() as number[][];
      y.forEach((row, i) => row.forEach((e, j) => expect(e).toBeCloseTo(output[i][j], 5)));
    }
  });

  it('rebuilds nn.Parameters with requires_grad', () => {
    const p = torch.load(fixture('parameters_zip'));
    expect(p.param.requiresGrad).toBe(true);
    expect(p.frozen.requiresGrad).toBe(false);
  });

  it('honours mapLocation given as a device, a string or a location map', () => {
    for (const mapLocation of ['cpu', torch.device('cpu'), { 'cuda:0': 'cpu' }]) {
      const sd = torch.load(fixture('cuda_zip'), { mapLocation });
      expect(String(sd.w.device)).toBe('cpu');
      expect(sd.w.tolist()).toEqual([1.5, -2]);
    }
  });

  it.skipIf(torch.cuda.isAvailable())('refuses CUDA storages without a GPU unless mapLocation maps them, as Python does', () => {
    expect(() => torch.load(fixture('cuda_zip'))).toThrow(/torch.load: attempting to deserialize a storage saved on 'cuda:0' but torch.cuda.isAvailable\(\) is false/);
    expect(() => torch.load(fixture('cuda_zip'), { mapLocation: { cpu: 'cpu' } })).toThrow(torch.TorchError);
  });
});

suite('torch.load arguments', () => {
  it('rejects bad arguments with the call and argument named', () => {
    expect(() => torch.load(42 as unknown as string)).toThrow(/torch.load: f must be a string/);
    expect(() => torch.load(fixture('dtypes_zip'), { map_location: 'cpu' } as never)).toThrow(/unknown option 'map_location' \(did you mean 'mapLocation'\?\)/);
    expect(() => torch.load(fixture('dtypes_zip'), { mapLocation: 3 } as never)).toThrow(/torch.load: map_location must be a device, a device string or an object/);
    expect(() => torch.load(fixture('dtypes_zip'), { mapLocation: 'tpu' })).toThrow(/torch.load: map_location must be a device such as 'cpu' or 'cuda:0', got "tpu"/);
    expect(() => torch.load(fixture('dtypes_zip'), { mapLocation: { cpu: 'gpu' } })).toThrow(/map_location\['cpu'\] must be a device/);
    expect(() => torch.load(path.join(DIR, 'missing.pth'))).toThrow(/ENOENT/);
  });

  it('rebuilds a whole pickled nn.Module (module_pickle.test.ts covers more)', () => {
    const m = torch.load(fixture('unsupported_module'));
    expect(m).toBeInstanceOf(torch.nn.Linear);
    expect(String(m)).toBe('Linear(in_features=2, out_features=2, bias=True)');
  });
});

suite('integers stay exact both ways', () => {
  const big = 2n ** 53n + 1n;
  const huge = 2n ** 3000n + 1n; // pickled as LONG4: longer than LONG1's 255 bytes
  const fromNode = { t: torch.tensor([big, -(2n ** 63n), 2n ** 63n - 1n, 3n]), n: big, small: 3n, three: 3, neg: -(2n ** 63n), huge };

  function expectExact(back: Record<string, unknown>): void {
    expect(back.n).toBe(big);
    expect(back.small).toBe(3);
    expect(back.neg).toBe(-(2n ** 63n));
    expect(back.huge).toBe(huge);
    const t = back.t as torch.Tensor;
    expect(t.dtype).toBe(torch.int64);
    expect(t.tolist()).toEqual([big, -(2n ** 63n), 2n ** 63n - 1n, 3]);
  }

  it('torch.load reads back the int64 tensors and ints torch.save wrote', () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-ints-')), 'ints.pth');
    torch.save(fromNode, f);
    const back = torch.load(f);
    expectExact(back);
    expect(back.three).toBe(3);
  });

  it.skipIf(!hasPythonTorch())('Python reads them exactly, and torch.load reads Python\'s exactly', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-ints-'));
    const [mine, theirs] = [path.join(dir, 'node.pth'), path.join(dir, 'python.pth')];
    torch.save(fromNode, mine);
    const code = [
      'import json, sys, torch',
      "torch.save({'t': torch.tensor([2**53+1, -(2**63), 2**63-1, 3]), 'n': 2**53+1, 'small': 3, 'neg': -(2**63), 'huge': 2**3000+1}, sys.argv[2])",
      'd = torch.load(sys.argv[1])',
      "print(json.dumps({k: [str(v.dtype)] + [str(x) for x in v.tolist()] if isinstance(v, torch.Tensor) else [type(v).__name__, str(v)] for k, v in d.items()}))",
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', code, mine, theirs], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      t: ['torch.int64', String(big), String(-(2n ** 63n)), String(2n ** 63n - 1n), '3'],
      n: ['int', String(big)], small: ['int', '3'], three: ['int', '3'], neg: ['int', String(-(2n ** 63n))], huge: ['int', String(huge)],
    });
    expectExact(torch.load(theirs));
  });
});
