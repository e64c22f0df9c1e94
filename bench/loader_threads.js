// Where the JPEG DataLoader's CPU goes, per thread: runs `loader-jpeg-*`'s pipeline (bench/workloads.js
// loaderJpegEpoch) for some epochs and prints, per thread of this process, the CPU time and the minor
// page faults per epoch, from /proc/self/task/*/stat (Linux only). On a loaded machine (2026-12-03,
// afternoon) it showed the same items costing 25-30% more CPU in 2 worker threads (93-106 ms each)
// than in the main thread at 0 workers (147-159 ms); on the quiet machine that evening, 3-8% more
// (69-79 ms each against 142-146), plus 5-10 ms per epoch more in V8's helper threads.
//   npm run build:ts && node bench/loader_threads.js [numWorkers=2] [epochs=10]
'use strict';
const fs = require('node:fs');
const torch = require('../dist/lib');
const { datasets, transforms: T } = require('../dist/lib/vision');
const { ensureJpegFolder } = require('./jpeg_folder');

const numWorkers = Number(process.argv[2] ?? 2);
const epochs = Number(process.argv[3] ?? 10);
torch.setNumThreads(1);
const transform = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])]);
const folder = new datasets.ImageFolder(ensureJpegFolder(), { transform });
const loader = new torch.utils.data.DataLoader(folder, { batchSize: 16, shuffle: true, numWorkers, persistentWorkers: numWorkers > 0 });

/** thread id → [CPU ms, minor faults] (utime + stime at 100 ticks per second; minflt). */
function threads() {
  const out = new Map();
  for (const tid of fs.readdirSync('/proc/self/task')) {
    const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(tid, [(Number(f[11]) + Number(f[12])) * 10, Number(f[7])]);
  }
  return out;
}

const epoch = () => { for (const batch of loader) void batch; };
epoch(); // starts the workers and warms up
const before = threads();
const t0 = performance.now();
for (let e = 0; e < epochs; e++) epoch();
const wall = (performance.now() - t0) / epochs;
const rows = [...threads()].map(([tid, [cpu, faults]]) => {
  const [cpu0, faults0] = before.get(tid) ?? [0, 0];
  return { tid, cpu: (cpu - cpu0) / epochs, faults: (faults - faults0) / epochs };
}).filter((r) => r.cpu > 0).sort((a, b) => b.cpu - a.cpu);
console.log(`${numWorkers} workers: ${wall.toFixed(0)} ms per epoch; CPU ms (minor faults) per epoch, by thread:`);
for (const r of rows) console.log(`  ${r.tid === String(process.pid) ? 'main' : r.tid}: ${r.cpu.toFixed(0)} (${r.faults.toFixed(0)})`);
console.log(`  all: ${rows.reduce((s, r) => s + r.cpu, 0).toFixed(0)}`);
process.exit(0);
