// Per-op cost of `a.add(b)` on 10-element float tensors, Node (torch-node) against Python PyTorch on
// the same libtorch. Runs are interleaved (node, python, node, python, ...) so that machine noise hits
// both alike, and timed in process CPU time (GC included, other processes' load mostly not); prints
// the median of each and the node/python ratio. Where jemalloc is installed it also times Node with it
// preloaded: most of the gap to Python is glibc malloc's slow paths when the GC frees results in
// batches (Python frees each result at once, LIFO).
//   npm run build:ts && node bench/ops.js [repetitions=5] [calls=1000000]
// PYTHON names the interpreter (default /usr/bin/python3); without Python torch only Node's figure is shown.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

let torch;
try {
  torch = require('../dist/lib');
} catch (e) {
  console.error('bench/ops.js needs the compiled TypeScript: run `npm run build:ts` first.\n' + e.message);
  process.exit(1);
}

const reps = Number(process.argv[2]) || 5;
const jemalloc = ['/usr/lib/x86_64-linux-gnu/libjemalloc.so.2', '/usr/lib64/libjemalloc.so.2'].find((f) => require('node:fs').existsSync(f));
const calls = Number(process.argv[3] || 1_000_000);
const python = process.env.PYTHON || '/usr/bin/python3';

function nodeRun() {
  torch.setNumThreads(1);
  const a = torch.rand(10);
  const b = torch.rand(10);
  for (let i = 0; i < calls / 10; i++) a.add(b);
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) a.add(b);
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / calls;
}

// --child: one Node run, printed as JSON (used for the jemalloc-preloaded runs).
if (process.argv[2] === '--child') {
  console.log(JSON.stringify({ ns_per_op: nodeRun() }));
  process.exit(0);
}

function jemallocRun() {
  const r = spawnSync(process.execPath, [__filename, '--child', String(calls)], { encoding: 'utf8', env: { ...process.env, LD_PRELOAD: jemalloc } });
  return r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()).ns_per_op : NaN;
}

function pythonRun() {
  const r = spawnSync(python, [path.join(__dirname, 'ops.py'), String(calls)], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.error && r.error.message) || r.stderr.trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const us = (ns) => (ns / 1000).toFixed(3) + ' µs';

const nodeTimes = [];
const pyTimes = [];
const jeTimes = [];
let pyMissing = null;
for (let r = 0; r < reps; r++) {
  nodeTimes.push(nodeRun());
  if (jemalloc) jeTimes.push(jemallocRun());
  if (!pyMissing) {
    const p = pythonRun();
    if (p.error) pyMissing = p.error;
    else pyTimes.push(p.ns_per_op);
  }
  console.log(`rep ${r + 1}: node ${us(nodeTimes[r])}` + (pyTimes[r] !== undefined ? `, python ${us(pyTimes[r])}` : ''));
}
console.log(`a.add(b), 10 floats, ${calls} calls x ${reps} reps (medians)`);
console.log(`node:   ${us(median(nodeTimes))}`);
if (jemalloc) console.log(`node with LD_PRELOAD=${jemalloc}: ${us(median(jeTimes))}`);
if (pyMissing) {
  console.log(`python: not measured (${python} with torch is not available: ${pyMissing})`);
} else {
  console.log(`python: ${us(median(pyTimes))}`);
  console.log(`ratio node/python: ${(median(nodeTimes) / median(pyTimes)).toFixed(2)}`);
  if (jemalloc) console.log(`ratio node+jemalloc/python: ${(median(jeTimes) / median(pyTimes)).toFixed(2)}`);
}
