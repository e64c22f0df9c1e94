// Conformance with PyTorch's own OpInfo database (torch.testing._internal.common_methods_invocations.op_db):
// every float32 CPU sample that test/fixtures/gen_opinfo.py exported is run through torch-node's public
// API under the contract's names, and its outputs, gradients and Tensor-method and in-place variants
// are compared with Python's. An op passes when all its samples do.
// The samples run in child processes (test/opinfo/runner.ts), two at a time: a native crash ends only
// its child, is reported with the op and sample it happened in, and the rest runs on in a new child.
// The report, every failing op with its first reason, goes to $TORCH_NODE_FIXTURES/opinfo/report.md.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { repoRoot } from '../helpers/child';
import { hasOpinfoFixture, loadIndex, opinfoDir, opLabel, OpEntry } from './fixture';
import type { OpResult } from './runner';

const FAMILIES = ['elementwise', 'reductions', 'linalg', 'fft', 'special', 'nn.functional', 'others'] as const;

// What passes today, by family: a regression guard, not the goal (95% of the ops). The floors are
// raised as the generated op layer lands.
const FLOOR: Record<(typeof FAMILIES)[number], number> = {
  elementwise: 129, reductions: 25, linalg: 44, fft: 20, special: 35, 'nn.functional': 104, others: 237,
};

const SHARDS = 2;
/** A child that writes nothing to its log for this long is taken as hung in the sample it started. */
const STALL_MS = 60_000;

interface Outcome { status: 'pass' | 'fail' | 'not run' | 'crash'; kind?: string; reason?: string; ms?: number }

interface ChildRun { results: OpResult[]; lastStart: [number, number] | null; exit: string | null; stderr: string }

/** Runs the ops in one child; `exit` is null when it finished normally. */
function runChild(ops: number[], log: string): Promise<ChildRun> {
  fs.writeFileSync(log, '');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules', 'vite-node', 'vite-node.mjs'), path.join(__dirname, 'runner.ts')], {
      cwd: repoRoot,
      env: { ...process.env, OPINFO_OPS: ops.join(','), OPINFO_LOG: log },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
    let size = 0;
    let quiet = 0;
    let hung = false;
    const watch = setInterval(() => {
      const now = fs.statSync(log).size;
      quiet = now === size ? quiet + 1000 : 0;
      size = now;
      if (quiet >= STALL_MS) {
        hung = true;
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
      const finished = code === 0 && results.length === ops.length;
      const exit = finished ? null : hung ? `hung (no progress for ${STALL_MS / 1000} s)` : signal ? `killed by ${signal}` : `exit code ${code}`;
      resolve({ results, lastStart, exit, stderr });
    });
  });
}

/** Runs a shard to its end: after a crash, a new child goes on with the op after the one that crashed. */
async function runShard(ops: number[], log: string, outcomes: Map<number, Outcome>, crashes: string[], index: OpEntry[]): Promise<void> {
  let todo = ops;
  while (todo.length > 0) {
    const r = await runChild(todo, log);
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
function shards(ops: number[], index: OpEntry[]): number[][] {
  const out: number[][] = Array.from({ length: SHARDS }, () => []);
  const load = new Array(SHARDS).fill(0);
  for (const i of [...ops].sort((a, b) => index[b].samples.length - index[a].samples.length)) {
    const s = load.indexOf(Math.min(...load));
    out[s].push(i);
    load[s] += index[i].samples.length + 1;
  }
  return out.map((s) => s.sort((a, b) => a - b));
}

function report(index: ReturnType<typeof loadIndex>, outcomes: Map<number, Outcome>, crashes: string[], seconds: number): { table: string; byFamily: Record<string, { ops: number; pass: number }> } {
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
    `PyTorch ${index.torch} \`op_db\`: ${index.opDbSize} OpInfos, ${ops.length} with float32 CPU samples; ` +
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

describe('OpInfo conformance (PyTorch op_db, float32 CPU)', () => {
  it.skipIf(!hasOpinfoFixture())('runs every sample without a crash; passing ops by family stay at or above the floor', async () => {
    const t0 = performance.now();
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
      await Promise.all(shards(runnable, index.ops).map((s, k) => runShard(s, path.join(dir, `shard${k}.log`), outcomes, crashes, index.ops)));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const seconds = (performance.now() - t0) / 1000;
    const { table, byFamily } = report(index, outcomes, crashes, seconds);
    console.log(`OpInfo conformance (${seconds.toFixed(1)} s; every failing op with its reason: ${path.join(opinfoDir, 'report.md')})\n${table}`);

    expect(outcomes.size).toBe(index.ops.length);
    expect.soft(crashes, 'native crashes (op and sample)').toEqual([]);
    for (const f of FAMILIES) expect(byFamily[f].pass, `${f}: passing ops`).toBeGreaterThanOrEqual(FLOOR[f]);
  }, 900_000);
});
