// Native memory: dispose() frees at once, memoryStats() counts what is not yet freed, and loops that
// never call dispose() stay bounded because the GC frees tensors inside synchronous code
// (native/tensor_holder.h). The loops run in child processes (test/helpers/memory.ts) so that RSS
// belongs to them alone.
import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as torch from '../lib';

const root = path.resolve(__dirname, '..');
const viteNode = path.join(root, 'node_modules', 'vite-node', 'vite-node.mjs');

// Asynchronous, so that the vitest worker keeps answering its runner while the child runs.
function scenario(name: string): Promise<Record<string, number>> {
  // The config maps `torch-node` (what the examples import) to lib/, so the lab runs on the same sources.
  const args = ['--expose-gc', viteNode, '-c', path.join(root, 'vitest.config.ts'), path.join(root, 'test', 'helpers', 'memory.ts'), '--', name];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 280_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`memory scenario ${name} died (${err.message}):\n${stderr.slice(-3000)}`));
      const figures = JSON.parse(stdout.trim().split('\n').pop()!);
      console.log(`memory ${name}: ${JSON.stringify(figures)}`);
      resolve(figures);
    });
  });
}

describe('dispose and memoryStats', () => {
  it('dispose() frees the storage at once and memoryStats() sees it', () => {
    const before = torch.memoryStats();
    const x = torch.ones(1000, 1000);
    const during = torch.memoryStats();
    expect(during.liveTensors).toBe(before.liveTensors + 1);
    expect(during.liveBytes).toBe(before.liveBytes + 4_000_000);
    x.dispose();
    const after = torch.memoryStats();
    expect(after.liveTensors).toBe(before.liveTensors);
    expect(after.liveBytes).toBe(before.liveBytes);
    expect(x.isDisposed).toBe(true);
    x.dispose(); // twice is harmless, as closing a file twice
    expect(torch.memoryStats()).toEqual(after);
  });

  it('a view keeps its storage alive after the base is disposed', () => {
    const base = torch.arange(6.0);
    const view = base.view(2, 3);
    base.dispose();
    expect(view.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('using a disposed tensor is a TypeError that says so, for methods and for functions', () => {
    const x = torch.ones(3);
    x.dispose();
    expect(() => x.sum()).toThrow(/disposed Tensor.*dispose\(\)/);
    expect(() => x.shape).toThrow(TypeError);
    expect(() => torch.add(torch.ones(3), x)).toThrow(/disposed Tensor/);
    expect(() => torch.cat([torch.ones(1), x])).toThrow(/disposed Tensor/);
  });
});

describe('loops without dispose() stay bounded (child processes)', () => {
  it('30,000 temporary 1 MB tensors: peak RSS grows by far less than 1 GB (30 GB were made)', async () => {
    const r = await scenario('temporaries');
    expect(r.peakMB - r.startMB).toBeLessThan(1024);
  }, 300_000);

  it('two million small-op results: live tensors stay bounded and do not grow over time', async () => {
    const r = await scenario('smallOps');
    // Wrappers of small tensors die young and are freed by scavenges, which the addon requests every
    // 4,096 wrappers (native/tensor_holder.cc), so the live count is bounded, not growing with the loop:
    // far below what was made, in the second half as in the first.
    expect(r.maxLiveFirstHalf).toBeLessThan(r.made / 4);
    expect(r.maxLiveSecondHalf).toBeLessThan(r.made / 4);
  }, 300_000);

  it('a training loop with autograd (matmul, backward, SGD step) keeps RSS flat', async () => {
    const r = await scenario('training');
    expect(r.endMB - r.afterWarmupMB).toBeLessThan(64);
    expect(r.liveTensors).toBeLessThan(10_000);
  }, 300_000);

  it('Lab 4 E1, 400 epochs of the lab\'s own loop (no dispose()): RSS grows at most 20 MB from epoch 50, and a full GC leaves alive at epoch 400 what it left at epoch 50', async () => {
    // 400 epochs of 7 Adam steps on 200 digits, each followed by evaluation on them and on 500 test
    // digits. The tensors alive after a full GC (forced at epochs 50 and 400 only) must be the same:
    // the loop keeps nothing per step or per epoch.
    //
    // RSS grows at most 20 MB from epoch 50 to 400 (the bound). Before the addon asked for a
    // scavenge every 4,096 wrappers or 32 MB of fresh results (native/tensor_holder.cc), dead tensors
    // piled up between V8's own scavenges and glibc's heap rose to the largest pile: beside other test
    // processes it grew 35–42 MB in some runs and 179 MB in one. Since, alone and beside a CI build:
    // −12.7, −108 and −84 MB (epoch 50 is the run's peak; epochs 100–400 stayed within 11 MB).
    const r = await scenario('labE1');
    expect(r.epochs).toBe(400);
    expect(r.trainAcc).toBeGreaterThan(0.95); // it trained: E1 overfits its 200 digits
    const [at50, at400] = [r.keptAt50, r.keptAt400] as unknown as { liveTensors: number; liveBytes: number }[];
    expect(at400.liveTensors).toBeLessThanOrEqual(at50.liveTensors);
    expect(at400.liveBytes).toBeLessThanOrEqual(at50.liveBytes);
    expect(r.growthMB).toBeLessThanOrEqual(20);
  }, 300_000);
});
