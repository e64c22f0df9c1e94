// Memory scenarios for test/memory.test.ts, each in a fresh child process (RSS is per process) run by
// vite-node: `node_modules/.bin/vite-node test/helpers/memory.ts -- <scenario>`. None of them calls
// dispose(): the GC must free the tensors by itself, inside synchronous loops that never yield to the
// event loop. Prints one JSON line of figures.
import * as torch from '../../lib';

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

const scenarios: Record<string, () => object> = { temporaries, smallOps, training };
if (!scenarios[scenario]) throw new Error(`unknown scenario ${scenario}; one of ${Object.keys(scenarios).join(', ')}`);
console.log(JSON.stringify(scenarios[scenario]()));
