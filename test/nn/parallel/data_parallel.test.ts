// nn.DataParallel (lib/nn/parallel/data_parallel.ts) on the CPU, against Python 1.13
// (test/fixtures/gen_examples_port.py: data_parallel.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';

const { nn } = torch;
const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'examples_port', 'data_parallel.json'), 'utf8'));

describe.skipIf(torch.cuda.isAvailable())('nn.DataParallel without CUDA', () => {
  it("holds the module: Python's repr, state dict keys and device_ids", () => {
    torch.manualSeed(0);
    const model = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU(), new nn.Linear(2, 1));
    const dp = new nn.DataParallel(model);
    expect(String(dp)).toBe(f.repr);
    expect([...dp.stateDict().keys()]).toEqual(f.keys);
    expect(dp.deviceIds).toEqual(f.device_ids);
    expect([...dp.parameters()].length).toBe(f.n_params);
    expect(nn.parallel.DataParallel).toBe(nn.DataParallel);
  });
  it("forwards to the module, gradients reaching the module's parameters", () => {
    torch.manualSeed(0);
    const model = new nn.Sequential(new nn.Linear(3, 2), new nn.ReLU(), new nn.Linear(2, 1));
    const dp = new nn.DataParallel(model, { deviceIds: [0], dim: 0 });
    const y = dp.forward(torch.tensor(f.x));
    y.sum().backward();
    const close = (a: number[][], b: number[][]) => a.forEach((r, i) => r.forEach((x, j) => expect(x).toBeCloseTo(b[i][j], 6)));
    close(y.tolist() as number[][], f.y);
    close((model[0] as torch.nn.Linear).weight.grad!.tolist() as number[][], f.grad0);
  });
  it('names the argument of a bad call', () => {
    expect(() => new nn.DataParallel(3 as never)).toThrow(/torch\.nn\.DataParallel: module must be an nn\.Module/);
    expect(() => new nn.DataParallel(new nn.ReLU(), { deviceIds: [0], bogus: 1 } as never)).toThrow(/torch\.nn\.DataParallel: unknown option 'bogus'/);
  });
});
