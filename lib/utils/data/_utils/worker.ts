// torch.utils.data._utils.worker: what runs in a DataLoader worker thread (Python's _worker_loop),
// and get_worker_info(). A worker rebuilds the dataset, collate_fn and worker_init_fn the main
// thread sent (reduction.ts), then answers tasks [send_idx, indices] with [send_idx, batch]; an
// error in __getitem__ or collate_fn travels back, and the main thread raises it with the worker's
// stack (Python's ExceptionWrapper).
import type { MessagePort } from 'node:worker_threads';
import { loads, dumps } from './reduction';
import { setNumThreads } from '../../../threads';
import { native } from '../../../native';
import { manualSeed } from '../../../random';
import * as pythonRandom from '../../../vision/transforms/_python_random';
import { argError } from '../../../errors';
import * as v from '../../../validate';

/** torch.utils.data.get_worker_info() in a worker: which worker this is, its seed, its dataset copy. */
export class WorkerInfo {
  readonly id: number;
  readonly numWorkers: number;
  /** base_seed + id, as Python (an int64: a bigint). */
  readonly seed: bigint;
  readonly dataset: unknown;
  constructor(id: number, numWorkers: number, seed: bigint, dataset: unknown) {
    const call = 'torch.utils.data.WorkerInfo';
    this.id = v.int(call, 'id', id, 0);
    this.numWorkers = v.int(call, 'num_workers', numWorkers, 1);
    if (typeof seed !== 'bigint') throw argError(call, 'seed', 'a bigint (an int64 seed)', seed);
    this.seed = seed;
    this.dataset = dataset;
    Object.freeze(this);
  }
  toString(): string {
    let ds: string;
    try {
      ds = String(this.dataset);
    } catch {
      ds = typeof this.dataset;
    }
    return `WorkerInfo(id=${this.id}, num_workers=${this.numWorkers}, seed=${this.seed}, dataset=${ds})`;
  }
}

let workerInfo: WorkerInfo | null = null;

/** get_worker_info(): null in the main thread; in a DataLoader worker, its WorkerInfo. */
export function getWorkerInfo(): WorkerInfo | null {
  return workerInfo;
}

/** What the main thread sends when it starts a worker. */
export interface WorkerStart {
  id: number;
  numWorkers: number;
  seed: bigint;
  dataset: unknown; // dumps() of the dataset
  collateFn: unknown; // dumps() of collate_fn
  workerInitFn: unknown; // dumps() of worker_init_fn, or null
  autoCollation: boolean;
  signal: SharedArrayBuffer; // Int32Array: [0] counts messages posted to `results`; [1] is 1 at shutdown
  results: MessagePort;
}

export interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
  where: string;
}

function errorInfo(e: unknown, where: string): ErrorInfo {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name || err.constructor?.name || 'Error', message: err.message, stack: err.stack ?? `${err.name}: ${err.message}`, where };
}

/** _worker_loop: runs until the main thread closes the task port (or terminates the thread). */
export function workerLoop(start: WorkerStart, tasks: MessagePort): void {
  const signal = new Int32Array(start.signal);
  const post = (msg: unknown): void => {
    start.results.postMessage(msg);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  const where = `in DataLoader worker process ${start.id}`;
  let initError: ErrorInfo | null = null;
  let dataset: { getItem(i: number): unknown } | null = null;
  let collate: ((x: unknown) => unknown) | null = null;
  // As Python's _worker_loop: one intra-op thread per worker (libtorch's OpenMP setting is per thread).
  setNumThreads(1);
  // Python's worker process seeds its own `random` and torch default generator with base_seed + id
  // before it builds anything; this thread gets a default generator of its own to stand for that
  // process's (native/generator.cc), so random transforms draw Python's per-worker numbers.
  native.useOwnDefaultGenerator();
  pythonRandom.seed(start.seed);
  manualSeed(start.seed);
  try {
    dataset = loads(start.dataset);
    collate = loads(start.collateFn);
    workerInfo = new WorkerInfo(start.id, start.numWorkers, start.seed, dataset);
    const init = loads(start.workerInitFn);
    if (init !== null && init !== undefined) init(start.id);
  } catch (e) {
    initError = errorInfo(e, where);
  }
  // A worker that ends without answering (process.exit in user code) says so.
  process.on('exit', (code) => post({ kind: 'exit', id: start.id, code }));
  post({ kind: 'ready', id: start.id });
  tasks.on('message', (msg: [number, number | number[]] | 'stop') => {
    if (msg === 'stop') {
      post({ kind: 'stopped', id: start.id });
      tasks.close();
      start.results.close();
      return;
    }
    const [idx, index] = msg;
    if (Atomics.load(signal, 1) !== 0) return; // the main thread is shutting down: nobody will read it
    if (initError !== null) {
      // Python sends the init failure as the first task's result, then goes on failing.
      post({ kind: 'data', idx, error: initError });
      return;
    }
    let out: unknown;
    const tensors: number[] = [];
    try {
      const data = start.autoCollation ? (index as number[]).map((i) => dataset!.getItem(i)) : dataset!.getItem(index as number);
      out = dumps(collate!(data), 'DataLoader worker result', tensors);
    } catch (e) {
      post({ kind: 'data', idx, error: errorInfo(e, where) });
      return;
    }
    post({ kind: 'data', idx, data: out });
  });
}
