// Memory scenarios for test/memory.test.ts, each in a fresh child process (RSS is per process) run by
// vite-node: `node_modules/.bin/vite-node -c vitest.config.ts test/helpers/memory.ts -- <scenario>` (the
// config maps the examples' `torch-node` imports to lib/, as in the tests). None of them calls
// dispose(): the GC must free the tensors by itself, inside synchronous loops that never yield to the
// event loop. Prints one JSON line of figures.
import * as torch from '../../lib';
import { experiments } from '../../examples/lab4/experiments';
import { labData } from '../../examples/lab4/data';

const scenario = process.argv.slice(2).filter((a) => a !== '--')[0];
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const rss = (): number => process.memoryUsage().rss;

function temporaries(): object {
  // 30,000 temporary 1 MB tensors (30 GB in all): written (ones), so their pages are real.
  const start = rss();
  let peak = start;
  let sum = 0;
  for (let i = 0; i < 30_000; i++) {
    const t = torch.ones(262_144);
    if (i % 1000 === 0) sum += t.numel();
    if (i % 100 === 0) peak = Math.max(peak, rss());
  }
  return { startMB: mb(start), peakMB: mb(peak), liveTensors: torch.memoryStats().liveTensors, sum };
}

function smallOps(): object {
  // 667 rounds of a 1000-iteration loop of small ops: two million 10-element tensors, several times
  // what V8's young generation holds, so the count shows whether collection keeps up.
  const a = torch.rand(10);
  const b = torch.rand(10);
  const live: number[] = [];
  for (let round = 0; round < 667; round++) {
    for (let i = 0; i < 1000; i++) a.add(b).mul(2).relu();
    live.push(torch.memoryStats().liveTensors);
  }
  const half = live.length >> 1;
  return {
    made: 3 * 667 * 1000,
    maxLiveFirstHalf: Math.max(...live.slice(0, half)),
    maxLiveSecondHalf: Math.max(...live.slice(half)),
    liveBytes: torch.memoryStats().liveBytes,
  };
}

function training(): object {
  // A training-like loop with autograd: matmul, relu, backward, an SGD update; RSS must stay flat.
  torch.manualSeed(0);
  const w1 = torch.randn(512, 512, { requiresGrad: true });
  const w2 = torch.randn(512, 10, { requiresGrad: true });
  const samples: number[] = [];
  for (let step = 0; step < 1500; step++) {
    const x = torch.randn(64, 512);
    const loss = x.matmul(w1).relu().matmul(w2).pow(2).mean();
    loss.backward();
    torch.noGrad(() => {
      for (const w of [w1, w2]) {
        w.sub_(w.grad!.mul(1e-6));
        w.grad = null;
      }
    });
    if (step % 100 === 0) samples.push(rss());
  }
  const afterWarmup = samples[3];
  return { afterWarmupMB: mb(afterWarmup), endMB: mb(samples[samples.length - 1]), peakMB: mb(Math.max(...samples)), liveTensors: torch.memoryStats().liveTensors };
}

function labE1(): object {
  // Lab 4's E1 as `npm run lab -- --only e1 --epochs 400 --test-size 500` trains it, through the lab's
  // own code (data.ts, experiments.ts, training.ts): the first 200 bundled training digits, batch 32
  // shuffled, Adam lr 1e-4, evaluation on the training and test digits after every epoch; seed 0.
  // 500 test digits instead of the lab's 2,000 (two batches of 256 and 244, where the default has
  // eight): evaluating 2,000 was 60% of the time, and the full default took 56–84 s of training on the
  // shared 2-core machine, with the same RSS growth (6 and 10 MB in two runs). RSS is read after each epoch (epoch e
  // at index e - 1).
  const epochs = 400;
  const data = labData({ testSize: 500 });
  torch.manualSeed(0);
  const samples: number[] = [];
  const start = process.hrtime.bigint();
  // The tensors alive after a full GC at epochs 50 and 400: what the loop keeps, without the garbage
  // that waits for a GC at any moment (needs --expose-gc; only these two GCs are forced).
  const kept: { liveTensors: number; liveBytes: number }[] = [];
  const { history } = experiments.e1.run({ epochs, device: 'cpu', data }, () => {
    samples.push(rss());
    if (samples.length === 50 || samples.length === epochs) {
      (globalThis as { gc?: () => void }).gc?.();
      kept.push(torch.memoryStats());
    }
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return {
    epochs: history.length,
    epoch50MB: mb(samples[49]),
    epoch400MB: mb(samples[epochs - 1]),
    maxAfter50MB: mb(Math.max(...samples.slice(49))),
    growthMB: Math.round((samples[epochs - 1] - samples[49]) / 2 ** 20 * 10) / 10,
    maxGrowthMB: Math.round((Math.max(...samples.slice(49)) - samples[49]) / 2 ** 20 * 10) / 10,
    every50MB: samples.filter((_, i) => i % 50 === 49).map(mb),
    keptAt50: kept[0],
    keptAt400: kept[1],
    trainAcc: history[epochs - 1].trainAcc,
    seconds: Math.round(seconds * 10) / 10,
    liveTensors: torch.memoryStats().liveTensors,
  };
}

const scenarios: Record<string, () => object> = { temporaries, smallOps, training, labE1 };
if (!scenarios[scenario]) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(scenarios).join(', ')}`);
console.log(JSON.stringify(scenarios[scenario]()));
