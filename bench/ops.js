// Per-op cost of `a.add(b)` on 10-element float tensors, Node (torch-node) against Python PyTorch on
// the same libtorch. Runs are interleaved (node, python, node, python, ...) so that machine noise hits
// both alike, and timed in process CPU time (GC included, other processes' load mostly not); prints
// the median of each and the node/python ratio. What makes the Node side cheap: native/recycle.h and
// native/ops_direct.h.
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

function pythonRun() {
  const r = spawnSync(python, [path.join(__dirname, 'ops.py'), String(calls)], { encoding: 'utf8' });
  if (r.status !== 0) return { error: (r.error && r.error.message) || r.stderr.trim().split('\n').pop() };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const us = (ns) => (ns / 1000).toFixed(3) + ' µs';

const nodeTimes = [];
const pyTimes = [];
let pyMissing = null;
for (let r = 0; r < reps; r++) {
  nodeTimes.push(nodeRun());
  if (!pyMissing) {
    const p = pythonRun();
    if (p.error) pyMissing = p.error;
    else pyTimes.push(p.ns_per_op);
  }
  console.log(`rep ${r + 1}: node ${us(nodeTimes[r])}` + (pyTimes[r] !== undefined ? `, python ${us(pyTimes[r])}` : ''));
}
console.log(`a.add(b), 10 floats, ${calls} calls x ${reps} reps (medians)`);
console.log(`node:   ${us(median(nodeTimes))}`);
if (pyMissing) {
  console.log(`python: not measured (${python} with torch is not available: ${pyMissing})`);
} else {
  console.log(`python: ${us(median(pyTimes))}`);
  console.log(`ratio node/python: ${(median(nodeTimes) / median(pyTimes)).toFixed(2)}`);
}
