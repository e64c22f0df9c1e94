// The OpInfo suite's driver, shared by test/opinfo/opinfo.test.ts (vitest, CPU) and
// test/opinfo/run_all.ts (scripts/device-check.sh, compiled, on whatever device the fixture was made for).
// The samples run in child processes (test/opinfo/runner.ts), a few at a time: a native crash ends only
// its child, is reported with the op and sample it happened in, and the rest runs on in a new child.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { loadIndex, opinfoDir, opLabel, OpEntry } from './fixture';
import type { OpResult } from './runner';

export const FAMILIES = ['elementwise', 'reductions', 'linalg', 'fft', 'special', 'nn.functional', 'others'] as const;

/** A child that writes nothing to its log for this long is taken as hung in the sample it started. */
const STALL_MS = 60_000;

export interface Outcome { status: 'pass' | 'fail' | 'not run' | 'crash'; kind?: string; reason?: string; ms?: number }

interface ChildRun { results: OpResult[]; lastStart: [number, number] | null; exit: string | null; stderr: string }

/** How to start a runner child: vite-node on runner.ts under vitest, node on the compiled runner.js elsewhere. */
export type RunnerCommand = string[];

/** Runs the ops in one child; `exit` is null when it finished normally (or `deadline` stopped it). */
function runChild(runner: RunnerCommand, ops: number[], log: string, deadline: number): Promise<ChildRun> {
  fs.writeFileSync(log, '');
  return new Promise((resolve) => {
    const child = spawn(runner[0], runner.slice(1), {
      env: { ...process.env, OPINFO_OPS: ops.join(','), OPINFO_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    let size = 0;
    let quiet = 0;
    let hung = false;
    let timedOut = false;
    const watch = setInterval(() => {
      const now = fs.statSync(log).size;
      quiet = now === size ? quiet + 1000 : 0;
      size = now;
      if (quiet >= STALL_MS) {
        hung = true;
        child.kill('SIGKILL');
      } else if (Date.now() > deadline) {
        timedOut = true;
        child.kill('SIGKILL');
      }
    }, 1000);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      const results: OpResult[] = [];
      let lastStart: [number, number] | null = null;
      for (const line of fs.readFileSync(log, 'utf8').split('\n')) {
        if (line.startsWith('start ')) lastStart = line.slice(6).split(' ').map(Number) as [number, number];
        else if (line.startsWith('done ')) {
          results.push(JSON.parse(line.slice(5)) as OpResult);
          lastStart = null;
        }
      }
      const finished = (code === 0 && results.length === ops.length) || timedOut;
      const exit = finished ? null : hung ? `hung (no progress for ${STALL_MS / 1000} s)` : signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve({ results, lastStart, exit, stderr });
    });
  });
}

/** Runs a shard to its end: after a crash, a new child goes on with the op after the one that crashed. */
async function runShard(runner: RunnerCommand, ops: number[], log: string, outcomes: Map<number, Outcome>, crashes: string[], index: OpEntry[], deadline: number): Promise<void> {
  let todo = ops;
  while (todo.length > 0 && Date.now() < deadline) {
    const r = await runChild(runner, todo, log, deadline);
    for (const res of r.results) {
      outcomes.set(res.op, res.pass ? { status: 'pass', ms: res.ms } : { status: 'fail', kind: res.kind, reason: res.reason, ms: res.ms });
    }
    if (r.exit === null) return;
    const done = new Set(r.results.map((x) => x.op));
    const at = r.lastStart;
    const lastLines = r.stderr.trim().split('\n').slice(-3).join(' / ');
    if (at) {
      const what = `${opLabel(index[at[0]])} sample ${at[1]}: ${r.exit}${lastLines ? ` (the child's stderr ended: ${lastLines})` : ''}`;
      crashes.push(what);
      outcomes.set(at[0], { status: 'crash', kind: 'crash', reason: what });
      done.add(at[0]);
    } else {
      // Died outside any sample (loading the addon or the fixture): nothing more can run.
      crashes.push(`runner ${r.exit} before any sample${lastLines ? ` (the child's stderr ended: ${lastLines})` : ''}`);
      for (const i of todo) if (!done.has(i)) outcomes.set(i, { status: 'crash', kind: 'crash', reason: `runner ${r.exit}` });
      return;
    }
    todo = todo.filter((i) => !done.has(i));
  }
}

/** Shards of about equal sample counts (each op's samples stay together). */
function shards(ops: number[], index: OpEntry[], n: number): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const load = new Array(n).fill(0);
  for (const i of [...ops].sort((a, b) => index[b].samples.length - index[a].samples.length)) {
    const s = load.indexOf(Math.min(...load));
    out[s].push(i);
    load[s] += index[i].samples.length + 1;
  }
  return out.map((s) => s.sort((a, b) => a - b));
}

export function report(index: ReturnType<typeof loadIndex>, outcomes: Map<number, Outcome>, crashes: string[], seconds: number): { table: string; byFamily: Record<string, { ops: number; pass: number }> } {
  const ops = index.ops;
  const byFamily: Record<string, { ops: number; pass: number; fail: number; notRun: number; samples: number }> = {};
  for (const f of FAMILIES) byFamily[f] = { ops: 0, pass: 0, fail: 0, notRun: 0, samples: 0 };
  ops.forEach((op, i) => {
    const f = byFamily[op.family];
    const o = outcomes.get(i)!;
    f.ops++;
    f.samples += op.samples.length;
    if (o.status === 'pass') f.pass++;
    else if (o.status === 'not run') f.notRun++;
    else f.fail++;
  });
  const total = { ops: 0, pass: 0, fail: 0, notRun: 0, samples: 0 };
  for (const f of Object.values(byFamily)) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += f[k];
  const pct = (a: number, b: number): string => `${b ? ((100 * a) / b).toFixed(1) : '0.0'}%`;
  const row = (name: string, f: typeof total): string => `| ${name} | ${f.ops} | ${f.pass} | ${pct(f.pass, f.ops)} | ${f.fail} | ${f.notRun} | ${f.samples} |`;
  const table = [
    '| family | ops | pass | pass % | fail | not run | samples |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...FAMILIES.map((f) => row(f, byFamily[f])),
    row('**all**', total),
  ].join('\n');
  const unencodable = ops.reduce((a, op) => a + op.unencodable, 0);
  const kinds = new Map<string, number>();
  for (const o of outcomes.values()) if (o.status === 'fail' || o.status === 'crash') kinds.set(o.kind!, (kinds.get(o.kind!) ?? 0) + 1);
  const lines = [
    '# OpInfo conformance report',
    '',
    `PyTorch ${index.torch} \`op_db\`: ${index.opDbSize} OpInfos, ${ops.length} with float32 ${index.device ?? 'cpu'} samples; ` +
      `${total.samples} samples run, ${unencodable} not encodable. Run in ${seconds.toFixed(1)} s.`,
    'An op (an OpInfo: name and variant) passes when every sample matches Python: outputs, gradients of the summed',
    'floating outputs, and the Tensor-method and in-place variants where the op has them.',
    'Reproduce: `/usr/bin/python3 test/fixtures/gen_opinfo.py && npx vitest run test/opinfo`.',
    '',
    table,
    '',
    `Crashes: ${crashes.length}${crashes.map((c) => `\n- ${c}`).join('')}`,
    '',
    `Failures by first reason: ${[...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`,
    '',
    '## Failing ops',
    '',
    '| op | family | samples | reason |',
    '|---|---|---:|---|',
  ];
  ops.forEach((op, i) => {
    const o = outcomes.get(i)!;
    if (o.status === 'fail' || o.status === 'crash') lines.push(`| ${opLabel(op)} | ${op.family} | ${op.samples.length} | ${o.kind}: ${(o.reason ?? '').replaceAll('|', '\\|').replaceAll('\n', ' ')} |`);
  });
  lines.push('', '## Not run', '', '| op | family | why |', '|---|---|---|');
  ops.forEach((op, i) => {
    const o = outcomes.get(i)!;
    if (o.status === 'not run') lines.push(`| ${opLabel(op)} | ${op.family} | ${o.reason} |`);
  });
  lines.push('', '## Slowest ops', '', '| op | samples | ms |', '|---|---:|---:|');
  [...outcomes].filter(([, o]) => o.ms !== undefined).sort((a, b) => b[1].ms! - a[1].ms!).slice(0, 15)
    .forEach(([i, o]) => lines.push(`| ${opLabel(ops[i])} | ${ops[i].samples.length} | ${o.ms!.toFixed(0)} |`));
  fs.writeFileSync(path.join(opinfoDir, 'report.md'), lines.join('\n') + '\n');
  return { table, byFamily };
}

export interface SuiteResult {
  outcomes: Map<number, Outcome>;
  crashes: string[];
  seconds: number;
  table: string;
  byFamily: Record<string, { ops: number; pass: number }>;
}

/** Runs every runnable op of the fixture in `shardCount` children and writes report.md beside it.
 *  Ops still unfinished at `deadline` (ms since the epoch) are reported as not run. */
export async function runSuite(runner: RunnerCommand, opts: { shards: number; deadline?: number }): Promise<SuiteResult> {
  const t0 = performance.now();
  const deadline = opts.deadline ?? Infinity;
  const index = loadIndex();
  const outcomes = new Map<number, Outcome>();
  const runnable: number[] = [];
  index.ops.forEach((op, i) => {
    if (op.notRun) outcomes.set(i, { status: 'not run', reason: op.notRun });
    else if (op.samples.length === 0) outcomes.set(i, { status: 'not run', reason: `none of its ${op.unencodable} samples can be encoded` });
    else runnable.push(i);
  });
  const crashes: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opinfo-'));
  try {
    await Promise.all(shards(runnable, index.ops, opts.shards).map((s, k) => runShard(runner, s, path.join(dir, `shard${k}.log`), outcomes, crashes, index.ops, deadline)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const i of runnable) if (!outcomes.has(i)) outcomes.set(i, { status: 'not run', reason: 'the time box ran out before it' });
  const seconds = (performance.now() - t0) / 1000;
  return { outcomes, crashes, seconds, ...report(index, outcomes, crashes, seconds) };
}
