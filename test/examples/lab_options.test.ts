// `--weights PATH` of the Lab 4 runner and exercise 3: a checkpoint the user names must exist and
// load; random initialisation stands in only when no weights were named and none are cached.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { main, parseOptions } from '../../examples/lab4/lab';
import { fineTuneAlexNet } from '../../examples/lab4/ex3';
import { labData } from '../../examples/lab4/data';

describe('lab --weights', () => {
  it('a missing file is a usage error, exit status 2', async () => {
    const missing = path.join(os.tmpdir(), 'no-such-alexnet.pth');
    expect(() => parseOptions(['--weights', missing])).toThrow(`--weights: no such file '${missing}'`);
    expect(() => parseOptions(['--weights', os.tmpdir()])).toThrow(/--weights: no such file/);
    const write = process.stderr.write;
    const stderr: string[] = [];
    process.stderr.write = ((s: string) => { stderr.push(String(s)); return true; }) as typeof process.stderr.write;
    try {
      expect(await main(['--weights', missing])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toMatch(/^torch-node-lab: --weights: no such file/);
  });

  it('an existing file is passed on to the experiments', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lab-')), 'w.pth');
    fs.writeFileSync(file, 'x');
    const opts = parseOptions(['--weights', file]);
    expect(opts !== 'help' && opts.weights).toBe(file);
  });

  it('a file that does not load is an error even where random initialisation is allowed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-'));
    const garbage = path.join(dir, 'garbage.pth');
    fs.writeFileSync(garbage, 'not a checkpoint');
    const wrongModel = path.join(dir, 'linear.pth');
    torch.save(new torch.nn.Linear(2, 2).stateDict(), wrongModel);
    const data = labData({ trainSize: 4, testSize: 4 });
    for (const weights of [garbage, wrongModel]) {
      expect(() => fineTuneAlexNet(data, { epochs: 1, weights, allowRandomInit: true })).toThrow(`cannot load AlexNet weights from '${weights}'`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
