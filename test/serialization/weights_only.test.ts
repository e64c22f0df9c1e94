// torch.load(f, { weightsOnly: true }) (lib/serialization/weights_only.ts) against Python 1.13's
// torch.load(f, weights_only=True), run here on files Python and torch-node write: what loads, the
// values it gives, and the errors of what does not (a pickled module, a float, a dtype off the list).
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { hasPythonTorch } from '../helpers/fixtures';
import { ALLOWED_GLOBALS } from '../../lib/serialization/weights_only';

const WRITE = `
import json, os, sys, torch, torch._weights_only_unpickler as w
d = sys.argv[1]
torch.manual_seed(0)
lin = torch.nn.Linear(3, 2)
files = {
    'sd.pth': (lin.state_dict(), {}),
    'sd_legacy.pth': (lin.state_dict(), {'_use_new_zipfile_serialization': False}),
    'nested.pth': ({'model': lin.state_dict(), 'epoch': 3, 'name': 'x', 'best': None, 'flags': (True, False), 'p': torch.nn.Parameter(torch.ones(2))}, {}),
    'model.pth': (lin, {}),
    'float.pth': ({'lr': 0.1}, {}),
    'bfloat16.pth': ({'dtype': torch.bfloat16}, {}),
    'device.pth': ({'device': torch.device('cpu')}, {}),
}
out = {'allowed': sorted(w._get_allowed_globals()), 'loads': {}}
for name, (obj, kw) in files.items():
    torch.save(obj, os.path.join(d, name), **kw)
for name in sorted(os.listdir(d)):
    try:
        r = torch.load(os.path.join(d, name), weights_only=True)
        out['loads'][name] = {'ok': repr(r) if name.startswith('node') else None}
    except Exception as e:
        out['loads'][name] = {'error': type(e).__name__, 'message': str(e)}
print(json.dumps(out))
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-weights-only-'));

function python(): { allowed: string[]; loads: Record<string, { ok?: string | null; error?: string; message?: string }> } {
  const r = spawnSync('/usr/bin/python3', ['-c', WRITE, dir], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('torch.load(f, { weightsOnly: true })', () => {
  afterEach(() => {
    delete process.env.TORCH_FORCE_WEIGHTS_ONLY_LOAD;
  });

  it.skipIf(!hasPythonTorch())('loads and refuses what Python 1.13 does, with its messages', () => {
    // a file torch-node writes, for Python's weights-only load too
    torch.manualSeed(0);
    torch.save(new torch.nn.Linear(3, 2).stateDict(), path.join(dir, 'node_sd.pth'));
    const py = python();
    expect([...ALLOWED_GLOBALS].sort()).toEqual(py.allowed);
    expect(Object.keys(py.loads).sort()).toEqual(['bfloat16.pth', 'device.pth', 'float.pth', 'model.pth', 'nested.pth', 'node_sd.pth', 'sd.pth', 'sd_legacy.pth']);
    for (const [name, want] of Object.entries(py.loads)) {
      const file = path.join(dir, name);
      if (want.error) {
        expect(want.error, name).toBe('UnpicklingError');
        expect(() => torch.load(file, { weightsOnly: true }), name).toThrow(`torch.load: ${file}: ${want.message}`);
        expect(() => torch.load(file), name).not.toThrow();
      } else {
        const got = torch.load(file, { weightsOnly: true });
        const plain = torch.load(file);
        for (const k of ['weight', 'bias']) {
          const sd = name === 'nested.pth' ? got.model : got;
          const plainSd = name === 'nested.pth' ? plain.model : plain;
          expect(sd[k].tolist(), `${name} ${k}`).toEqual(plainSd[k].tolist());
        }
      }
    }
    // what Python refuses, by its reason
    expect(py.loads['model.pth'].message).toContain('Unsupported class torch.nn.modules.linear.Linear');
    expect(py.loads['float.pth'].message).toContain('Unsupported operand 71');
    expect(py.loads['bfloat16.pth'].message).toContain('Unsupported class torch.bfloat16');
    expect(py.loads['device.pth'].message).toContain('Unsupported class torch.device');
    const nested = torch.load(path.join(dir, 'nested.pth'), { weightsOnly: true });
    expect([nested.epoch, nested.name, nested.best, nested.flags]).toEqual([3, 'x', null, [true, false]]);
    expect(nested.p).toBeInstanceOf(torch.nn.Parameter);
  });

  it.skipIf(!hasPythonTorch())('TORCH_FORCE_WEIGHTS_ONLY_LOAD=1 makes every load weights-only, as in Python; loadAsync too', async () => {
    const file = path.join(dir, 'model_async.pth');
    torch.save(new torch.nn.Linear(3, 2), file);
    await expect(torch.loadAsync(file, { weightsOnly: true })).rejects.toThrow('Unsupported class torch.nn.modules.linear.Linear');
    expect(torch.load(file)).toBeInstanceOf(torch.nn.Linear);
    process.env.TORCH_FORCE_WEIGHTS_ONLY_LOAD = 'yes';
    expect(() => torch.load(file)).toThrow('Weights only load failed');
    expect(() => torch.load(file, { weightsOnly: false })).toThrow('Weights only load failed');
  });

  it('checks the option', () => {
    expect(() => torch.load(path.join(dir, 'missing.pth'), { weightsOnly: 1 } as never)).toThrow('torch.load: weights_only must be a boolean');
  });
});
