// `npm run bench`: the lab's workloads in torch-node and in Python PyTorch on the same libtorch and
// BLAS, interleaved (node, python, node, python, ...), plus a plain C++ libtorch floor for the
// exercise-1 step. Prints medians, node/python ratios and peak RSS; writes bench/results.json.
//   npm run bench [-- --device cuda] [-- --rounds N] [-- --only e1-step,add]
// The `ddp` case (bench/ddp.js) times multi-process jobs instead: 2 processes against 1, and against Python.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { parseArgs } = require('node:util');
const Table = require('cli-table3');

const { values: args } = parseArgs({
  options: { device: { type: 'string', default: 'cpu' }, rounds: { type: 'string', default: '3' }, only: { type: 'string' }, out: { type: 'string' } },
});
const device = args.device;
if (!['cpu', 'cuda'].includes(device)) {
  console.error(`npm run bench: --device must be cpu or cuda, got '${device}'`);
  process.exit(2);
}
const rounds = Number(args.rounds);
const python = process.env.PYTHON || '/usr/bin/python3';
// torch-node runs OpenBLAS with one thread by default (lib/native.ts); give Python the same BLAS setup.
const env = { ...process.env, OPENBLAS_NUM_THREADS: process.env.OPENBLAS_NUM_THREADS || '1' };

// [workload, iterations per process, what one iteration is, warm-up iterations (default 1)]; the cached
// fine-tuning epochs are torch-node's helper and have no Python counterpart (they are compared with
// Python's naive epoch). The DataLoader epochs are timed from the sixth on: torch-node frees a dead
// tensor at a GC, not at once as Python's reference counts do, so its heap grows to the GC's level of
// garbage over the first epochs (loader-0: some 300 MB; 0.60-0.64 s per epoch for four epochs, then
// 0.40-0.42 s, on this VM, where a fresh page costs 11 us to fault in) while Python's is steady at once.
const PLAN = [
  ['add', 10, '100k × a.add(b), 10-element tensors'],
  ['e1-step', 200, 'E1 training step, batch 32, Adam'],
  ['e1-run', 2, 'E1 full run: 40 epochs × 200 images'],
  ['alexnet-fwd', 5, 'AlexNet forward, batch 8, 224×224'],
  ['finetune-naive', 2, 'fine-tuning epoch, 200 images, naive'],
  ['finetune-cached', 5, 'fine-tuning epoch, cached conv features'],
  ['finetune-cached-head', 20, 'fine-tuning epoch, cached eval-mode head input'],
  ['loader-0', 3, 'DataLoader epoch, 64 items, expensive transform, numWorkers 0', 5],
  ['loader-2', 3, 'DataLoader epoch, same pipeline, numWorkers 2 (persistent)', 5],
  ['loader-jpeg-0', 3, 'DataLoader epoch, ImageFolder of 96 JPEGs, RandomResizedCrop(224) etc., numWorkers 0', 5],
  ['loader-jpeg-2', 3, 'DataLoader epoch, same JPEG pipeline, numWorkers 2 (persistent)', 5],
  ['loader-augment-0', 3, 'DataLoader epoch, the 96 JPEGs, torchvision reference recipe (TrivialAugmentWide, RandomErasing), numWorkers 0', 5],
  ['loader-augment-2', 3, 'DataLoader epoch, same augmenting pipeline, numWorkers 2 (persistent)', 5],
  ['ddp', 0, 'DistributedDataParallel (Gloo), 1 and 2 processes: the E1 MLP and an MNIST CNN'],
].filter(([name]) => !args.only || args.only.split(',').includes(name));

const NODE_ONLY = new Set(['finetune-cached', 'finetune-cached-head']);

function runJson(cmd, argv) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', env, maxBuffer: 64 << 20 });
  if (r.status !== 0) return { error: (r.stderr || (r.error && r.error.message) || `exit ${r.status}`).trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function buildCppFloor() {
  const { findTorchCmakeDir } = require('../scripts/libtorch');
  const build = path.join(__dirname, '.build', 'cpp');
  const exe = path.join(build, 'e1_step');
  if (fs.existsSync(exe)) return exe;
  const cfg = spawnSync('cmake', ['-S', path.join(__dirname, 'cpp'), '-B', build, '-DCMAKE_BUILD_TYPE=Release', `-DTorch_DIR=${findTorchCmakeDir()}`], { stdio: 'ignore' });
  const mk = cfg.status === 0 && spawnSync('cmake', ['--build', build], { stdio: 'ignore' });
  return mk && mk.status === 0 ? exe : null;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (s) => (s >= 1 ? `${s.toFixed(2)} s` : s >= 1e-3 ? `${(s * 1e3).toFixed(2)} ms` : `${(s * 1e6).toFixed(1)} µs`);

const hasPython = spawnSync(python, ['-c', 'import torch, torchvision'], { stdio: 'ignore' }).status === 0;
if (!hasPython) console.log(`Python PyTorch is not available (${python} cannot import torch and torchvision): reporting torch-node's figures alone.`);
// The JPEG folder of 'loader-jpeg-*' is made once, before either side reads it (bench/jpeg_folder.js).
if (PLAN.some(([n]) => n.startsWith('loader-jpeg') || n.startsWith('loader-augment'))) env.TORCH_NODE_BENCH_JPEG_DIR = require('./jpeg_folder').ensureJpegFolder();
const cppFloor = device === 'cpu' && PLAN.some(([n]) => n === 'e1-step') ? buildCppFloor() : null;

const rows = [];
let ddp = null;
for (const [name, iters, what, warmups = 1] of PLAN) {
  if (name === 'ddp') {
    if (device !== 'cpu') { console.log('ddp: skipped (Gloo on the CPU only)'); continue; }
    const d = require('./ddp').runDdp({ rounds, env, python, hasPython });
    rows.push(...d.rows);
    ddp = d.summary;
    for (const [job, { medianSeconds: m }] of Object.entries(ddp)) {
      process.stdout.write(`ddp ${job}: node ${m.node1 ? fmt(m.node1) : '-'} (1 process) / ${m.node2 ? fmt(m.node2) : '-'} (2), python ${m.python1 ? fmt(m.python1) : '-'} / ${m.python2 ? fmt(m.python2) : '-'}\n`);
    }
    continue;
  }
  const t = { node: [], python: [], cpp: [] };
  const rss = { node: 0, python: 0, cpp: 0 };
  const notes = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['node', 'python'] : ['python', 'node'];
    if (cppFloor && name === 'e1-step') order.push('cpp');
    for (const who of order) {
      if (who === 'python' && (!hasPython || NODE_ONLY.has(name))) continue;
      const out = who === 'node' ? runJson(process.execPath, [path.join(__dirname, 'workloads.js'), name, String(iters), device, String(warmups)])
        : who === 'python' ? runJson(python, [path.join(__dirname, 'workloads.py'), name, String(iters), device, String(warmups)])
        : runJson(cppFloor, [String(iters)]);
      if (out.error) { if (!notes.includes(`${who}: ${out.error}`)) notes.push(`${who}: ${out.error}`); continue; }
      t[who].push(...out.times);
      rss[who] = Math.max(rss[who], out.peakRssMb);
    }
  }
  const m = { node: t.node.length ? median(t.node) : null, python: t.python.length ? median(t.python) : null, cpp: t.cpp.length ? median(t.cpp) : null };
  rows.push({ name, what, medianSeconds: m, ratio: m.node && m.python ? m.node / m.python : null, peakRssMb: rss, samples: { node: t.node.length, python: t.python.length, cpp: t.cpp.length }, notes });
  process.stdout.write(`${name}: node ${m.node ? fmt(m.node) : '-'}, python ${m.python ? fmt(m.python) : '-'}${m.cpp ? `, c++ ${fmt(m.cpp)}` : ''}\n`);
}

// The fine-tuning comparison the lab cares about: torch-node's cached epochs against Python's naive one.
const naive = rows.find((r) => r.name === 'finetune-naive');
const speedupOf = (name) => {
  const r = rows.find((x) => x.name === name);
  return naive && r && naive.medianSeconds.python && r.medianSeconds.node ? naive.medianSeconds.python / r.medianSeconds.node : null;
};
const speedup = speedupOf('finetune-cached');
const speedupHead = speedupOf('finetune-cached-head');

const torch = require('../dist/lib');
const cfg = torch.config();
const machine = `${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
const table = new Table({ style: process.stdout.isTTY ? undefined : { head: [], border: [] }, head: ['workload', 'torch-node', 'python', 'node/python', 'c++ floor', 'peak RSS node / python (MB)'] });
for (const r of rows) {
  table.push([r.what, r.medianSeconds.node ? fmt(r.medianSeconds.node) : '-', r.medianSeconds.python ? fmt(r.medianSeconds.python) : '-',
    r.ratio ? `${r.ratio.toFixed(2)}×` : '-', r.medianSeconds.cpp ? fmt(r.medianSeconds.cpp) : '', `${r.peakRssMb.node ? r.peakRssMb.node.toFixed(0) : '-'} / ${r.peakRssMb.python ? r.peakRssMb.python.toFixed(0) : '-'}`]);
}
console.log(`\nMachine: ${machine}; device ${device}; libtorch ${cfg.libtorchVersion}; BLAS ${cfg.blas.name} (OPENBLAS_NUM_THREADS=${env.OPENBLAS_NUM_THREADS}); ${cfg.numThreads} torch threads`);
console.log(table.toString());
if (speedup) console.log(`Fine-tuning epoch vs Python's naive loop: ${speedup.toFixed(1)}× faster with cached conv features (Dropout in classifier[0..5] still active), ${speedupHead ? speedupHead.toFixed(0) : '-'}× with the eval-mode head input cached (that Dropout off).`);
// DataLoader workers, per pipeline: the speed-up of 2 worker threads over none, and against Python.
const LOADERS = { synthetic: ['loader', 'DataLoader'], jpeg: ['loader-jpeg', 'DataLoader over JPEG files'], augment: ['loader-augment', 'DataLoader over JPEG files with TrivialAugmentWide'] };
const loaders = {};
for (const [key, [prefix, label]] of Object.entries(LOADERS)) {
  const r0 = rows.find((r) => r.name === `${prefix}-0`);
  const r2 = rows.find((r) => r.name === `${prefix}-2`);
  if (!(r0 && r2 && r0.medianSeconds.node && r2.medianSeconds.node)) continue;
  loaders[key] = { speedup2Workers: r0.medianSeconds.node / r2.medianSeconds.node, nodeOverPython2: r2.ratio, nodeOverPython0: r0.ratio };
  const l = loaders[key];
  console.log(`${label}: 2 workers are ${l.speedup2Workers.toFixed(2)}× faster than 0 in torch-node${l.nodeOverPython2 ? `; torch-node's 2-worker epoch takes ${l.nodeOverPython2.toFixed(2)}× Python's` : ''}${l.nodeOverPython0 ? ` (0 workers: ${l.nodeOverPython0.toFixed(2)}×)` : ''}.`);
}
if (ddp) {
  const x = (v) => (v ? `${v.toFixed(2)}×` : '-');
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  console.log(`DDP (examples/ddp, medians of the ratios of paired runs; load average after: ${load}; speed-up goal ≥ 1.6×, node/python goal ≤ 1.0×):`);
  for (const d of Object.values(ddp)) {
    console.log(`  ${d.what}, ${d.samples.node2.length} rounds: 2 processes over 1: torch-node ${x(d.speedup2Over1)}, Python ${x(d.pythonSpeedup2Over1)}; torch-node over Python: ${x(d.nodeOverPython2)} with 2 processes, ${x(d.nodeOverPython1)} with 1.`);
    console.log(`    torch-node: ${d.commands.node}\n    python:     ${d.commands.python}`);
  }
}
for (const r of rows) for (const n of r.notes) console.log(`note (${r.name}): ${n}`);

const out = args.out || path.join(__dirname, 'results.json');
const result = { date: new Date().toISOString(), machine, device, versions: { torchNode: cfg.torchNodeVersion, libtorch: cfg.libtorchVersion, blas: cfg.blas.name, node: process.version }, rounds, rows, finetuneSpeedupVsPythonNaive: { cachedFeatures: speedup, cachedHeadInput: speedupHead }, dataLoaders: loaders, ddp, command: 'npm run bench' };
fs.writeFileSync(`${out}.tmp`, JSON.stringify(result, null, 2));
fs.renameSync(`${out}.tmp`, out);
console.log(`Results: ${path.relative(process.cwd(), out)}`);
