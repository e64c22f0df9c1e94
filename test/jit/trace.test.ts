// torch.jit.trace of torch-node modules through libtorch's tracer: the traced module replays the ops,
// keeps the module hierarchy (a method per submodule, as Python's trace makes), shares the module's
// parameters, and Python 1.13's torch.jit.load runs the saved file with the module's outputs.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { Tensor, nn } from '../../lib';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-trace-'));

class Net extends nn.Module {
  conv = new nn.Conv2d(1, 3, 3);
  bn = new nn.BatchNorm2d(3);
  fc = new nn.Linear(12, 2);
  forward(x: Tensor): [Tensor, Tensor] {
    const h = torch.relu(this.bn.forward(this.conv.forward(x))).flatten(1);
    return [this.fc.forward(h).mul(2).add(1), h.sum(1)];
  }
}

/** Runs `method` of the TorchScript file at `file` in Python 1.13 on float32 tensors made from `args`. */
function pythonRun(file: string, args: unknown[]): { output: number[][][]; original_name: string; training: boolean } {
  const gen = path.join(__dirname, '..', 'fixtures', 'gen_jit.py');
  const r = spawnSync('/usr/bin/python3', [gen, 'run', file, 'forward', JSON.stringify(args)], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

function maxDiff(a: Tensor, b: number[][]): number {
  return a.sub(torch.tensor(b)).abs().max().item() as number;
}

describe('torch.jit.trace', () => {
  it('records a module whose saved file Python runs with the module\'s outputs', () => {
    torch.manualSeed(0);
    const net = new Net();
    net.eval();
    const x = torch.randn(2, 1, 4, 4);
    const traced = torch.jit.trace(net, x);
    expect(traced).toBeInstanceOf(torch.jit.TopLevelTracedModule);
    expect(String(traced)).toBe(
      'Net(\n  original_name=Net\n  (conv): Conv2d(original_name=Conv2d)\n  (bn): BatchNorm2d(original_name=BatchNorm2d)\n  (fc): Linear(original_name=Linear)\n)',
    );
    // the hierarchy is kept: forward calls each submodule's own traced forward, its argument named as in JS
    expect(traced.code).toContain('(conv).forward(x, )');
    expect(traced.code).toMatch(/def forward\(self,\s+x: Tensor\) -> Tuple\[Tensor, Tensor\]/);
    expect((traced as unknown as { fc: torch.jit.ScriptModule }).fc.code).toContain('torch.linear');

    const y = torch.randn(3, 1, 4, 4);
    const [want, wantSum] = net.forward(y);
    const [got, gotSum] = traced.forward(y) as Tensor[];
    expect(got.sub(want).abs().max().item()).toBeLessThanOrEqual(1e-6);
    expect(gotSum.sub(wantSum).abs().max().item()).toBeLessThanOrEqual(1e-6);

    const file = path.join(work, 'net.pt');
    torch.jit.save(traced, file);
    const py = pythonRun(file, [y.tolist()]);
    expect(py.original_name).toBe('Net');
    expect(py.training).toBe(false);
    expect(maxDiff(want, py.output[0])).toBeLessThanOrEqual(1e-5);
    // torch-node reads its own file back
    const back = torch.jit.load(file);
    expect(maxDiff((back.forward(y) as Tensor[])[0], py.output[0])).toBeLessThanOrEqual(1e-5);
  });

  it('shares the module\'s parameters: training the module changes the traced forward', () => {
    torch.manualSeed(1);
    const net = new Net();
    net.eval();
    const x = torch.randn(2, 1, 4, 4);
    const traced = torch.jit.trace(net, x);
    torch.noGrad(() => net.fc.bias!.add_(1));
    const [want] = net.forward(x);
    const [got] = traced.forward(x) as Tensor[];
    expect(got.sub(want).abs().max().item()).toBeLessThanOrEqual(1e-6);
  });

  it('freezes control flow to the example\'s path, as Python\'s tracer does', () => {
    class Branchy extends nn.Module {
      forward(x: Tensor): Tensor {
        return (x.sum().item() as number) > 0 ? x.mul(2) : x.neg();
      }
    }
    const traced = torch.jit.trace(new Branchy(), torch.ones(3), { checkTrace: false });
    // traced on the positive branch: a negative input still takes it
    expect(traced.forward(torch.full([3], -1)).tolist()).toEqual([-2, -2, -2]);
  });

  it('gives clear errors and leaves no trace running after one', () => {
    expect(() => torch.jit.trace({} as nn.Module, torch.ones(1))).toThrow(/torch\.jit\.trace: func must be an nn\.Module/);
    expect(() => torch.jit.trace(new Net(), 3 as unknown as Tensor)).toThrow(/example_inputs must be a Tensor or an array of Tensors/);
    class Scalar extends nn.Module {
      forward(x: Tensor): number {
        return x.sum().item() as number;
      }
    }
    expect(() => torch.jit.trace(new Scalar(), torch.ones(2))).toThrow(/the traced forward returned a number/);
    class Throws extends nn.Module {
      forward(): Tensor {
        throw new Error('boom');
      }
    }
    expect(() => torch.jit.trace(new Throws(), torch.ones(2))).toThrow('boom');
    // the tracer was abandoned: ops run untraced, and a new trace works
    expect(torch.ones(2).add(1).tolist()).toEqual([2, 2]);
    const net = new Net();
    expect(() => torch.jit.trace(net, torch.randn(1, 1, 4, 4))).not.toThrow();
  });
});
