// torch.loadAsync / torch.saveAsync: the Promise twins of torch.load / torch.save, their file work on
// libuv's thread pool through libtorch's own zip reader and writer. loadAsync reads every Python
// fixture as Python does (test/fixtures/gen_serialization.py); saveAsync writes the values torch.save
// writes (libtorch's writer lays the zip out as Python's torch.save does), which Python's torch.load reads.
import { describe as suite, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { describe, normalize } from './describe';
import { hasPythonTorch } from '../helpers/fixtures';

const DIR = path.join(__dirname, '..', 'fixtures', 'serialization');
const names = fs.readdirSync(DIR).filter((f) => f.endsWith('.pth')).map((f) => f.slice(0, -4)).filter((n) => fs.existsSync(path.join(DIR, `${n}.json`)));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-async-'));

/** A state with the cases torch.save plans: storages shared by views, a slice, several dtypes, a Map with int keys. */
function state(): Record<string, unknown> {
  torch.manualSeed(0);
  const base = torch.randn(4, 5);
  return {
    base,
    row: base.select(0, 2),
    cols: base.narrow(1, 1, 3),
    slice: torch.arange(10, { dtype: torch.float64 }).narrow(0, 3, 4),
    ints: torch.tensor([2n ** 53n + 1n, -3n]),
    mask: torch.tensor([true, false, true]),
    empty: torch.zeros(0),
    state: new Map([[0, { step: torch.tensor(3.0), lr: 0.1 }]]),
  };
}

suite('torch.loadAsync', () => {
  it('reads every Python fixture as Python does, zip and legacy formats', async () => {
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) {
      const expected = JSON.parse(fs.readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
      const p = torch.loadAsync(path.join(DIR, `${name}.pth`), { mapLocation: 'cpu' });
      expect(p).toBeInstanceOf(Promise);
      expect(describe(await p)).toEqual(normalize(expected));
    }
  });

  it('rejects a missing file, a corrupt archive and bad arguments', async () => {
    await expect(torch.loadAsync(path.join(work, 'none.pth'))).rejects.toThrow(/ENOENT/);
    const bad = path.join(work, 'bad.pth');
    const good = fs.readFileSync(path.join(DIR, 'dtypes_zip.pth'));
    fs.writeFileSync(bad, good.subarray(0, good.length - 100));
    await expect(torch.loadAsync(bad)).rejects.toThrow(/torch\.loadAsync: .*bad\.pth: the file is corrupt or truncated/);
    await expect(torch.loadAsync(3 as never)).rejects.toThrow(/torch\.loadAsync: f must be/);
  });
});

suite('torch.saveAsync', () => {
  it('writes what torch.save writes (through libtorch\'s writer, as Python\'s torch.save does): torch.load and loadAsync read the same values', async () => {
    const s = state();
    const [a, b] = [path.join(work, 'sync.pth'), path.join(work, 'async.pth')];
    torch.save(s, a);
    const p = torch.saveAsync(s, b);
    expect(p).toBeInstanceOf(Promise);
    await p;
    expect(describe(torch.load(b))).toEqual(describe(torch.load(a)));
    expect(describe(await torch.loadAsync(b))).toEqual(describe(torch.load(a)));
    // only the saving process's temporary folder was there, and it is gone
    expect(fs.readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!hasPythonTorch())('writes a file Python\'s torch.load reads, views still sharing their storage', async () => {
    const f = path.join(work, 'py.pth');
    await torch.saveAsync(state(), f);
    const code = [
      'import sys, torch',
      'd = torch.load(sys.argv[1])',
      "assert d['row'].storage().data_ptr() == d['base'].storage().data_ptr()",
      "assert d['ints'].tolist() == [2**53 + 1, -3]",
      "print(float(d['base'].sum()), float(d['slice'].sum()), d['state'][0]['lr'])",
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', code, f], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const s = state();
    const [sum, slice, lr] = r.stdout.trim().split(' ').map(Number);
    expect(sum).toBeCloseTo((s.base as torch.Tensor).sum().item() as number, 5);
    expect(slice).toBe(3 + 4 + 5 + 6);
    expect(lr).toBe(0.1);
  });

  it('rejects a folder that does not exist and what torch.save cannot write, leaving no file', async () => {
    await expect(torch.saveAsync(state(), path.join(work, 'no', 'x.pth'))).rejects.toThrow(/ENOENT/);
    await expect(torch.saveAsync({ f: () => 1 }, path.join(work, 'fn.pth'))).rejects.toThrow(/torch\.save: .* is a function/);
    expect(fs.existsSync(path.join(work, 'fn.pth'))).toBe(false);
  });
});
