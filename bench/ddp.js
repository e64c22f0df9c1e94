// The `ddp` case of `npm run bench` (`npm run bench -- --only ddp`): Lab 4's E1 (examples/ddp: the
// 784-512-128-10 MLP, Adam, 200 digits, 40 epochs, 32 images per step in all) trained with
// DistributedDataParallel on Gloo, in torch-node (dist/examples/ddp/train.js) and in Python
// (examples/ddp/train.py), each with 1 and with 2 processes. Every job is started by torch-node-run
// --standalone (torchrun's environment; Python through --no-python, since Debian's torchrun 1.13
// fails under Python 3.11), and the time is rank 0's training loop (process start, data loading and
// the evaluation are left out). Each round runs the four jobs back to back in alternating order, so
// the ratios are of paired runs; the medians of those ratios are reported.
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const launcher = path.join(root, 'dist', 'lib', 'distributed', 'run.js');
const EPOCHS = 40;

function command(who, nproc, python) {
  const job = who === 'node' ? ['dist/examples/ddp/train.js'] : ['--no-python', python, 'examples/ddp/train.py'];
  return ['--nproc-per-node', String(nproc), '--standalone', ...job, String(EPOCHS)];
}

/** Seconds of rank 0's training loop, or { error }. */
function timeJob(who, nproc, python, env) {
  const r = spawnSync(process.execPath, [launcher, ...command(who, nproc, python)], { cwd: root, encoding: 'utf8', env, maxBuffer: 16 << 20, timeout: 600_000 });
  const m = /(\d+) processes, (\d+) epochs in ([\d.]+) s/.exec(r.stdout || '');
  if (r.status !== 0 || !m) return { error: ((r.stderr || '') + (r.error ? r.error.message : '')).trim().split('\n').pop() || `exit ${r.status}` };
  return Number(m[3]);
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };

/** Runs the rounds; returns bench/run.js's row for the table plus the ddp summary. */
function runDdp({ rounds, env, python, hasPython }) {
  const jobs = [['node', 1], ['node', 2], ...(hasPython ? [['python', 1], ['python', 2]] : [])];
  const t = Object.fromEntries(jobs.map(([w, n]) => [`${w}${n}`, []]));
  const pairs = { nodeSpeedup: [], pythonSpeedup: [], nodeVsPython: [] };
  const notes = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? jobs : [...jobs].reverse();
    const got = {};
    for (const [who, n] of order) {
      const s = timeJob(who, n, python, env);
      if (typeof s !== 'number') { if (!notes.includes(`${who} ${n}: ${s.error}`)) notes.push(`${who} ${n}: ${s.error}`); continue; }
      got[`${who}${n}`] = s;
      t[`${who}${n}`].push(s);
    }
    if (got.node1 && got.node2) pairs.nodeSpeedup.push(got.node1 / got.node2);
    if (got.python1 && got.python2) pairs.pythonSpeedup.push(got.python1 / got.python2);
    if (got.node2 && got.python2) pairs.nodeVsPython.push(got.node2 / got.python2);
  }
  const launch = 'node dist/lib/distributed/run.js';
  const summary = {
    medianSeconds: Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, median(xs)])),
    samples: t,
    speedup2Over1: median(pairs.nodeSpeedup),
    pythonSpeedup2Over1: median(pairs.pythonSpeedup),
    nodeOverPython2: median(pairs.nodeVsPython),
    goals: { speedup2Over1: '>= 1.6', nodeOverPython2: '<= 1.0' },
    commands: {
      node: `${launch} ${command('node', 2, python).join(' ')}   (and --nproc-per-node 1)`,
      python: `${launch} ${command('python', 2, python).join(' ')}   (and --nproc-per-node 1)`,
    },
  };
  const row = {
    name: 'ddp',
    what: `E1 with DDP, ${EPOCHS} epochs, 2 processes (examples/ddp)`,
    medianSeconds: { node: summary.medianSeconds.node2, python: summary.medianSeconds.python2 ?? null, cpp: null },
    ratio: summary.nodeOverPython2,
    peakRssMb: { node: 0, python: 0, cpp: 0 },
    samples: { node: t.node2.length, python: t.python2 ? t.python2.length : 0, cpp: 0 },
    notes,
  };
  return { row, summary };
}

module.exports = { runDdp };
