// torch.multiprocessing.spawn for Node: `await mp.spawn(fn, { args, nprocs })` runs fn(i, ...args) in
// nprocs child processes, i = 0..nprocs-1. Python pickles fn into each child; a JS function cannot
// travel, so each child runs the main script again (as Python's 'spawn' start method re-imports the
// main module), and there the same mp.spawn call runs fn(i, ...args) instead of starting processes,
// then ends the child. args travel by structured clone (v8.serialize), as Python pickles them.
// Code before the mp.spawn call therefore runs in every child too: keep it cheap and side-effect
// free, as Python's `if __name__ == '__main__'` guard asks.
//
// If a child fails, the others are terminated and the Promise rejects with Python's
// ProcessRaisedException / ProcessExitedException message (the child's stack when it threw).
import { fork, ChildProcess } from 'node:child_process';
import * as v8 from 'node:v8';
import { argError } from '../errors';
import * as v from '../validate';

const CHILD_INDEX = 'TORCH_NODE_SPAWN_INDEX';

export interface SpawnOptions {
  /** the arguments after the process index (structured-cloneable) */
  args?: unknown[];
  /** how many processes (default 1) */
  nprocs?: number;
  /** wait for every process (default true); false returns the ProcessContext at once */
  join?: boolean;
  /** Python's daemon flag: the children are killed when this process exits (default false) */
  daemon?: boolean;
  /** only 'spawn' (Python's default for mp.spawn) */
  startMethod?: 'spawn';
}

/** Python's ProcessRaisedException: a child threw. */
export class ProcessRaisedException extends Error {
  constructor(message: string, readonly errorIndex: number, readonly errorPid: number | undefined) {
    super(v.str('torch.multiprocessing.ProcessRaisedException', 'msg', message));
    this.name = 'ProcessRaisedException';
  }
}
/** Python's ProcessExitedException: a child exited with a non-zero code or a signal. */
export class ProcessExitedException extends Error {
  constructor(message: string, readonly errorIndex: number, readonly errorPid: number | undefined, readonly exitCode: number | null, readonly signalName: string | null) {
    super(v.str('torch.multiprocessing.ProcessExitedException', 'msg', message));
    this.name = 'ProcessExitedException';
  }
}

/** The children of one spawn: `join()` settles when all have ended (or one failed). */
export class ProcessContext {
  readonly processes: ChildProcess[];
  private readonly done: Promise<void>;
  constructor(processes: ChildProcess[], errors: (string | null)[]) {
    const call = 'torch.multiprocessing.ProcessContext';
    if (!Array.isArray(processes) || !processes.every((p) => p instanceof ChildProcess)) throw argError(call, 'processes', 'an array of child processes', processes);
    if (!Array.isArray(errors) || errors.length !== processes.length) throw argError(call, 'errors', 'an array with one entry per process', errors);
    this.processes = processes;
    this.done = new Promise<void>((resolve, reject) => {
      let remaining = processes.length;
      let failed = false;
      processes.forEach((p, i) => {
        p.on('exit', (code, signal) => {
          remaining--;
          if (!failed && (code !== 0 || signal)) {
            failed = true;
            for (const q of processes) if (q !== p && q.exitCode === null && q.signalCode === null) q.kill('SIGTERM');
            const err = errors[i];
            if (err !== null) reject(new ProcessRaisedException(`\n\n-- Process ${i} terminated with the following error:\n${err}`, i, p.pid));
            else if (signal) reject(new ProcessExitedException(`process ${i} terminated with signal ${signal}`, i, p.pid, null, signal));
            else reject(new ProcessExitedException(`process ${i} terminated with exit code ${code}`, i, p.pid, code, null));
          }
          if (remaining === 0 && !failed) resolve();
        });
      });
    });
    this.done.catch(() => undefined); // join() reports it
  }
  pids(): (number | undefined)[] {
    return this.processes.map((p) => p.pid);
  }
  /** Resolves when every process exited with 0; rejects at the first failure (the others are terminated). */
  join(): Promise<void> {
    return this.done;
  }
}

async function runChild(fn: (i: number, ...args: never[]) => unknown, index: number): Promise<never> {
  const payload = process.env.TORCH_NODE_SPAWN_ARGS;
  const args = payload ? (v8.deserialize(Buffer.from(payload, 'base64')) as unknown[]) : [];
  try {
    await fn(index, ...(args as never[]));
  } catch (e) {
    const text = e instanceof Error ? e.stack ?? String(e) : String(e);
    if (process.send) await new Promise<void>((r) => process.send!({ torchNodeSpawnError: text }, () => r()));
    else console.error(text);
    process.exit(1);
  }
  process.exit(0);
}

/**
 * `spawn(fn, args=(), nprocs=1, join=True, daemon=False, start_method='spawn')`, as
 * `await spawn(fn, { args, nprocs })`. In the children, this call runs fn and ends the process.
 */
export function spawn(fn: (i: number, ...args: never[]) => unknown, opts: SpawnOptions = {}): Promise<ProcessContext | void> {
  const call = 'torch.multiprocessing.spawn';
  const f = v.func(call, 'fn', fn) as (i: number, ...args: never[]) => unknown;
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['args', 'nprocs', 'join', 'daemon', 'startMethod']);
  const args = o.args === undefined ? [] : o.args;
  if (!Array.isArray(args)) throw argError(call, 'args', 'an array', args);
  const nprocs = o.nprocs === undefined ? 1 : v.int(call, 'nprocs', o.nprocs, 1);
  const join = o.join === undefined ? true : v.bool(call, 'join', o.join);
  const daemon = o.daemon === undefined ? false : v.bool(call, 'daemon', o.daemon);
  if (o.startMethod !== undefined) v.oneOf(call, 'start_method', o.startMethod, ['spawn']);

  const inChild = process.env[CHILD_INDEX];
  if (inChild !== undefined) return runChild(f, Number(inChild));

  const main = require.main?.filename ?? process.argv[1];
  if (!main) throw new Error(`${call}: cannot tell which script to run in the children (no main module)`);
  let payload: string;
  try {
    payload = v8.serialize(args).toString('base64');
  } catch (e) {
    throw new TypeError(`${call}: args must be structured-cloneable (${(e as Error).message})`);
  }
  if (payload.length > 96 * 1024) throw new RangeError(`${call}: args serialize to ${payload.length} bytes; at most 96 KiB travel to the children (pass a file path instead)`);
  const errors: (string | null)[] = [];
  const processes: ChildProcess[] = [];
  for (let i = 0; i < nprocs; i++) {
    errors.push(null);
    const child = fork(main, process.argv.slice(2), {
      env: { ...process.env, [CHILD_INDEX]: String(i), TORCH_NODE_SPAWN_ARGS: payload },
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      execArgv: process.execArgv,
    });
    child.on('message', (m: unknown) => {
      if (m && typeof m === 'object' && 'torchNodeSpawnError' in m) errors[i] = String((m as { torchNodeSpawnError: unknown }).torchNodeSpawnError);
    });
    processes.push(child);
  }
  if (daemon) {
    process.once('exit', () => {
      for (const p of processes) if (p.exitCode === null) p.kill('SIGKILL');
    });
  }
  const context = new ProcessContext(processes, errors);
  if (!join) return Promise.resolve(context);
  return context.join();
}

/** `start_processes`: spawn with its start method spelled out (only 'spawn'). */
export function startProcesses(fn: (i: number, ...args: never[]) => unknown, opts: SpawnOptions = {}): Promise<ProcessContext | void> {
  return spawn(fn, opts);
}
