// Starts the ranks of a torch.distributed test as child processes on loopback and collects each
// one's `RESULT {...}` line. Children run on the built package (dist/): `npm run build:ts` first.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const worker = path.join(__dirname, '_worker.cjs');
export const pyWorker = path.join(__dirname, '_worker.py');
// the Python for 'python' ranks: PYTHON, e.g. one with the torch of a 2.x libtorch this build uses
export const python = process.env.PYTHON || '/usr/bin/python3';
export const built = fs.existsSync(path.join(repoRoot, 'dist', 'lib', 'distributed', 'index.js'));

export interface RankResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  result: any;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs `cmd args` with `env` added; never rejects; kills it after timeoutMs. */
export function run(cmd: string, args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<RankResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      resolve({ code, signal, stdout, stderr, result: line ? JSON.parse(line.slice(7)) : undefined });
    });
  });
}

export interface RankSpec {
  /** 'node' runs _worker.cjs, 'python' runs _worker.py with `python` */
  kind?: 'node' | 'python';
}

/** Starts world-size ranks of `scenario` (rank i is specs[i]'s kind) and waits for all of them. */
export async function runRanks(scenario: string, worldSize: number, opts: { specs?: RankSpec[]; env?: Record<string, string>; port?: number; timeoutMs?: number } = {}): Promise<RankResult[]> {
  const port = opts.port ?? (await freePort());
  return Promise.all(
    Array.from({ length: worldSize }, (_, rank) => {
      const env = { RANK: String(rank), WORLD_SIZE: String(worldSize), MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(port), OMP_NUM_THREADS: '1', ...opts.env };
      const kind = opts.specs?.[rank]?.kind ?? 'node';
      return kind === 'python' ? run(python, [pyWorker, scenario], env, opts.timeoutMs) : run(process.execPath, [worker, scenario], env, opts.timeoutMs);
    }),
  );
}

/** The results, or an error that shows every rank's stderr. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function results(rs: RankResult[]): any[] {
  const bad = rs.findIndex((r) => r.code !== 0 || r.result === undefined);
  if (bad >= 0) throw new Error(rs.map((r, i) => `rank ${i}: exit ${r.code ?? r.signal}\n${r.stderr}`).join('\n'));
  return rs.map((r) => r.result);
}
