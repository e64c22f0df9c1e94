// The `ddp` case of `npm run bench` (`npm run bench -- --only ddp`): two data-parallel jobs of
// examples/ddp trained with DistributedDataParallel on Gloo, in torch-node (dist/examples/ddp/*.js)
// and in Python (examples/ddp/*.py), each with 1 and with 2 processes:
//   - e1: Lab 4's E1 (train.ts: the 784-512-128-10 MLP, Adam, 200 digits, 40 epochs, 32 images per
//     step in all). Communication-bound: a step computes about 3 ms and all-reduces 1.9 MB of
//     gradients (2-4 ms over loopback Gloo), in one bucket that is ready only when backward ends.
//   - cnn: pytorch/examples' MNIST CNN (mnist.ts: Adadelta, 1024 digits, 2 epochs, 64 images per step
//     in all). Compute-bound: about 130 ms of compute per step on one core against 4.8 MB of gradients,
//     most of them all-reduced while the convolutions' backward runs.
// Every job is started by torch-node-run --standalone (torchrun's environment, OMP_NUM_THREADS=1 with
// 2 processes; Python through --no-python, since Debian's torchrun 1.13 fails under Python 3.11), and
// the time is rank 0's training loop (process start, data loading and the evaluation are left out).
// Each round runs each job's four runs back to back in alternating order, so the ratios are of paired
// runs; the medians of those ratios are reported.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const launcher = path.join(root, 'dist', 'lib', 'distributed', 'run.js');

const JOBS = [
  { name: 'e1', row: 'ddp', script: 'train', epochs: 40, what: 'E1 MLP with DDP, 40 epochs × 200 digits, 2 processes (examples/ddp/train)' },
  { name: 'cnn', row: 'ddp-cnn', script: 'mnist', epochs: 2, what: 'MNIST CNN with DDP, 2 epochs × 1024 digits, 2 processes (examples/ddp/mnist)' },
];

function command(job, who, nproc, python) {
  const script = who === 'node' ? [`dist/examples/ddp/${job.script}.js`] : ['--no-python', python, `examples/ddp/${job.script}.py`];
  return ['--nproc-per-node', String(nproc), '--standalone', ...script, String(job.epochs)];
}

/** Seconds of rank 0's training loop, or { error }. */
function timeRun(job, who, nproc, python, env) {
  const r = spawnSync(process.execPath, [launcher, ...command(job, who, nproc, python)], { cwd: root, encoding: 'utf8', env, maxBuffer: 16 << 20, timeout: 600_000 });
  const m = /(\d+) processes, (\d+) epochs in ([\d.]+) s/.exec(r.stdout || '');
  if (r.status !== 0 || !m) return { error: ((r.stderr || '') + (r.error ? r.error.message : '')).trim().split('\n').pop() || `exit ${r.status}` };
  return Number(m[3]);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

/** Runs the rounds; returns bench/run.js's rows for the table plus the summary of each job. */
function runDdp({ rounds, env, python, hasPython }) {
  const runs = [['node', 1], ['node', 2], ...(hasPython ? [['python', 1], ['python', 2]] : [])];
  const state = JOBS.map(() => ({
    t: Object.fromEntries(runs.map(([w, n]) => [`${w}${n}`, []])),
    pairs: { nodeSpeedup: [], pythonSpeedup: [], nodeVsPython: [], nodeVsPython1: [] },
    notes: [],
  }));
  for (let r = 0; r < rounds; r++) {
    for (const [j, job] of JOBS.entries()) {
      const { t, pairs, notes } = state[j];
      const order = r % 2 === 0 ? runs : [...runs].reverse();
      const got = {};
      for (const [who, n] of order) {
        const s = timeRun(job, who, n, python, env);
        if (typeof s !== 'number') { if (!notes.includes(`${who} ${n}: ${s.error}`)) notes.push(`${who} ${n}: ${s.error}`); continue; }
        got[`${who}${n}`] = s;
        t[`${who}${n}`].push(s);
      }
      if (got.node1 && got.node2) pairs.nodeSpeedup.push(got.node1 / got.node2);
      if (got.python1 && got.python2) pairs.pythonSpeedup.push(got.python1 / got.python2);
      if (got.node2 && got.python2) pairs.nodeVsPython.push(got.node2 / got.python2);
      if (got.node1 && got.python1) pairs.nodeVsPython1.push(got.node1 / got.python1);
    }
  }
  const launch = 'node dist/lib/distributed/run.js';
  const summary = {};
  const rows = [];
  for (const [j, job] of JOBS.entries()) {
    const { t, pairs, notes } = state[j];
    summary[job.name] = {
      what: job.what,
      medianSeconds: Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)])),
      samples: t,
      speedup2Over1: median(pairs.nodeSpeedup),
      pythonSpeedup2Over1: median(pairs.pythonSpeedup),
      nodeOverPython2: median(pairs.nodeVsPython),
      nodeOverPython1: median(pairs.nodeVsPython1),
      goals: { speedup2Over1: '>= 1.6', nodeOverPython2: '<= 1.0' },
      commands: {
        node: `${launch} ${command(job, 'node', 2, python).join(' ')}   (and --nproc-per-node 1)`,
        python: `${launch} ${command(job, 'python', 2, python).join(' ')}   (and --nproc-per-node 1)`,
      },
    };
    const m = summary[job.name].medianSeconds;
    rows.push({
      name: job.row,
      what: job.what,
      medianSeconds: { node: m.node2, python: m.python2 ?? null, cpp: null },
      ratio: summary[job.name].nodeOverPython2,
      peakRssMb: { node: 0, python: 0, cpp: 0 },
      samples: { node: t.node2.length, python: t.python2 ? t.python2.length : 0, cpp: 0 },
      notes,
    });
  }
  return { rows, summary };
}

module.exports = { runDdp, JOBS };
