// A full-size checkpoint: torchvision's AlexNet state dict (61 M parameters, 233 MiB), written by
// Python in the zip and legacy formats to the temp directory (not committed), read here, written
// back by torch.save and checked by Python. Prints the load and save times.
import { describe as suite, it, expect } from 'vitest';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';

const PYTHON = '/usr/bin/python3';
const hasTorchvision = fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torchvision'], { stdio: 'ignore' }).status === 0;
const DIR = path.join(os.tmpdir(), 'torch-node-alexnet');

interface Summary { shape: number[]; head: number[]; tail: number[]; sum: number }

const GENERATE = `
import json, os, sys, torch, torchvision
d = sys.argv[1]
torch.manual_seed(0)
sd = torchvision.models.alexnet().state_dict()
torch.save(sd, os.path.join(d, 'alexnet-zip.pth'))
torch.save(sd, os.path.join(d, 'alexnet-legacy.pth'), _use_new_zipfile_serialization=False)
summary = {k: {'shape': list(v.shape), 'head': v.flatten()[:4].tolist(), 'tail': v.flatten()[-4:].tolist(),
               'sum': v.double().sum().item()} for k, v in sd.items()}
json.dump(summary, open(os.path.join(d, 'summary.json'), 'w'))
`;

const CHECK = `
import sys, torch
a, b = torch.load(sys.argv[1]), torch.load(sys.argv[2])
assert list(a) == list(b), 'keys differ'
assert all(torch.equal(a[k], b[k]) and a[k].dtype == b[k].dtype for k in a), 'values differ'
print('ok', len(a))
`;

// Python runs asynchronously: a synchronous wait of a minute on a busy machine would leave vitest's
// worker unable to answer its runner.
const python = (args: string[]) => promisify(execFile)(PYTHON, args, { encoding: 'utf8', maxBuffer: 16 << 20 });

async function prepare(): Promise<Record<string, Summary>> {
  const summaryFile = path.join(DIR, 'summary.json');
  if (!fs.existsSync(summaryFile)) {
    fs.mkdirSync(DIR, { recursive: true });
    await python(['-c', GENERATE, DIR]);
  }
  return JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
}

suite('AlexNet state dict (233 MiB)', () => {
  it.skipIf(!hasTorchvision)('loads both formats with Python\'s values, and Python loads what torch.save wrote', async () => {
    const summary = await prepare();
    for (const format of ['zip', 'legacy']) {
      const file = path.join(DIR, `alexnet-${format}.pth`);
      torch.load(file); // warm the page cache and the code paths
      const t0 = performance.now();
      const sd = torch.load(file);
      const ms = performance.now() - t0;
      console.log(`torch.load AlexNet (${format}, ${(fs.statSync(file).size / 2 ** 20).toFixed(0)} MiB): ${ms.toFixed(0)} ms`);
      expect(Object.keys(sd)).toEqual(Object.keys(summary));
      for (const [k, s] of Object.entries(summary)) {
        const flat = sd[k].toTypedArray() as Float32Array;
        expect(sd[k].shape).toEqual(s.shape);
        expect([...flat.subarray(0, 4)]).toEqual(s.head);
        expect([...flat.subarray(flat.length - 4)]).toEqual(s.tail);
        expect(sd[k].sum().item()).toBeCloseTo(s.sum, 1);
      }
      if (format === 'zip') {
        const out = path.join(DIR, 'alexnet-from-node.pth');
        const s0 = performance.now();
        torch.save(sd, out);
        console.log(`torch.save AlexNet: ${(performance.now() - s0).toFixed(0)} ms`);
        const r = await python(['-c', CHECK, file, out]);
        expect(r.stderr).toBe('');
        expect(r.stdout.trim()).toBe(`ok ${Object.keys(summary).length}`);
      }
    }
  }, 300_000);
});
