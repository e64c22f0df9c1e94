// Per-op cost of one small op, by default `a.add(b)` on 10-element float tensors, Node (torch-node)
// against Python PyTorch on the same libtorch. Runs are interleaved (node, python, node, python, ...)
// so that machine noise hits both alike, and timed in process CPU time (GC included, other
// processes' load mostly not); prints the median of each and the median node/python ratio of the
// paired reps. What makes the Node side cheap: native/recycle.h and native/ops_direct.h. add, mul,
// sigmoid, gt, relu, sum and matmul (10×10) take the direct path; abs goes through the dispatcher;
// atan2 is a generated op (lib/_C), called boxed through the dispatcher.
//   npm run build:ts && node bench/ops.js [repetitions=11] [calls=1000000] [op=add]
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

const reps = Number(process.argv[2]) || 11;
const calls = Number(process.argv[3] || 1_000_000);
const opName = process.argv[4] || 'add';
const python = process.env.PYTHON || '/usr/bin/python3';

function nodeRun() {
  torch.setNumThreads(1);
  const a = torch.rand(10);
  const b = torch.rand(10);
  const m = torch.rand(10, 10);
  const ops = {
    add: () => a.add(b), mul: () => a.mul(b), sigmoid: () => a.sigmoid(),
    relu: () => a.relu(), gt: () => a.gt(b), sum: () => a.sum(), matmul: () => m.matmul(m), abs: () => a.abs(),
    atan2: () => a.atan2(b), // generated (lib/_C): the boxed dispatcher call
  };
  const op = ops[opName];
  if (!op) {
    console.error(`bench/ops.js: op must be one of ${Object.keys(ops).join(', ')}, got '${opName}'`);
    process.exit(2);
  }
  for (let i = 0; i < calls / 10; i++) op();
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) op();
  const c = process.cpuUsage(c0);
  return ((c.user + c.system) * 1000) / calls;
}

function pythonRun() {
  const r = spawnSync(python, [path.join(__dirname, 'ops.py'), String(calls), opName], { encoding: 'utf8' });
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
console.log(`${opName}, 10-element floats, ${calls} calls x ${reps} reps (medians)`);
console.log(`node:   ${us(median(nodeTimes))}`);
if (pyMissing) {
  console.log(`python: not measured (${python} with torch is not available: ${pyMissing})`);
} else {
  console.log(`python: ${us(median(pyTimes))}`);
  // Each rep's node and python runs are adjacent in time, so their ratio cancels most of this kind of
  // machine's slow phases (seconds long); the median of those paired ratios is the figure to quote.
  console.log(`ratio node/python: ${median(nodeTimes.map((t, i) => t / pyTimes[i])).toFixed(2)} (median of paired reps; ratio of medians ${(median(nodeTimes) / median(pyTimes)).toFixed(2)})`);
}
