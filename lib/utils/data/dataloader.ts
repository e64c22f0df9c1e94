// torch.utils.data.DataLoader: batches of a map-style dataset, loaded in the calling thread
// (numWorkers: 0) or by worker threads (numWorkers > 0), as PyTorch 1.13's DataLoader.
// `for (const [images, labels] of loader)` iterates it; `loader.length` is len(loader).
//
// Workers. Python forks worker processes and pickles the dataset into them; here each worker is a
// worker_thread that loads torch-node and rebuilds the dataset, collate_fn and worker_init_fn from
// what the main thread sends (_utils/reduction.ts: tensors are shared, not copied; classes and
// functions travel by name, as pickle sends them, so a dataset whose class a module exports and
// whose transforms are torchvision's works unchanged; a closure is refused with the path to it).
// The main thread keeps the sampler, sends [send_idx, indices] to the workers round-robin with
// prefetchFactor * numWorkers tasks in flight, and yields the batches in send order (Python's
// _MultiProcessingDataLoaderIter, step for step). A batch's tensors come back without a copy.
// Iteration stays synchronous: the main thread sleeps on a shared counter (Atomics.wait) and
// takes results with receiveMessageOnPort, as Python's main process blocks on its queue.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, MessageChannel, MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { argError } from '../../errors';
import { Generator, generatorArg, randomSeed } from '../../generator';
import { Tensor } from '../../tensor';
import * as cuda from '../../cuda';
import * as v from '../../validate';
import { MapDataset, datasetArg } from './dataset';
import { SequentialSampler, RandomSampler, BatchSampler } from './sampler';
import { defaultCollate, defaultConvert, Collated } from './_utils/collate';
import { dumps, loads, releaseTensors, tensorIds } from './_utils/reduction';
import type { ErrorInfo, WorkerStart } from './_utils/worker';

export interface DataLoaderOptions<T, B> {
  batchSize?: number | null;
  shuffle?: boolean;
  sampler?: Iterable<number> & { readonly length: number };
  batchSampler?: Iterable<number[]> & { readonly length: number };
  /** Worker threads that load batches (0: the calling thread loads them). */
  numWorkers?: number;
  collateFn?: (batch: T[]) => B;
  /** Accepted everywhere; pins batch tensors only where CUDA is available (as Python). */
  pinMemory?: boolean;
  dropLast?: boolean;
  /** Milliseconds to wait for a batch from the workers (0: forever). Python's is in seconds. */
  timeout?: number;
  /** Called in each worker with its id, after its seed is set and before it loads data. */
  workerInitFn?: ((workerId: number) => void) | null;
  generator?: Generator;
  /** Batches loaded ahead by each worker (default 2; only with numWorkers > 0). */
  prefetchFactor?: number;
  /** Keep the workers between epochs (only with numWorkers > 0). */
  persistentWorkers?: boolean;
}

const OPTIONS = [
  'batchSize', 'shuffle', 'sampler', 'batchSampler', 'numWorkers', 'collateFn', 'pinMemory', 'dropLast', 'timeout',
  'workerInitFn', 'generator', 'prefetchFactor', 'persistentWorkers',
] as const;

/** Python's positional `(dataset, batch_size, shuffle)`, then the options object for the rest. */
function loaderOptions(call: string, batchSize: unknown, shuffle: unknown, rest: unknown): Record<string, unknown> {
  if (batchSize === undefined || v.isPlainObject(batchSize)) {
    if (shuffle !== undefined) throw argError(call, 'options', 'the last argument', shuffle);
    return v.options(call, batchSize);
  }
  const positional: Record<string, unknown> = { batchSize };
  if (typeof shuffle === 'boolean' || shuffle === null) positional.shuffle = shuffle;
  else if (rest !== undefined) throw argError(call, 'shuffle', 'a boolean', shuffle);
  else rest = shuffle;
  const o = v.options(call, rest);
  for (const [key, name] of [['batchSize', 'batch_size'], ['shuffle', 'shuffle']]) {
    if (key in positional && key in o) throw new TypeError(`${call}: got multiple values for argument '${name}'`);
  }
  return { ...o, ...positional };
}

export class DataLoader<T = unknown, B = Collated<T>> implements Iterable<B> {
  readonly dataset: MapDataset<T>;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly sampler: Iterable<number> & { readonly length: number };
  readonly batchSampler: (Iterable<number[]> & { readonly length: number }) | null;
  readonly collateFn: (batch: T[]) => B;
  readonly generator: Generator | undefined;
  readonly numWorkers: number;
  readonly pinMemory: boolean;
  readonly timeout: number;
  readonly workerInitFn: ((workerId: number) => void) | null;
  readonly prefetchFactor: number;
  readonly persistentWorkers: boolean;
  private iterator: MultiWorkerIter | null = null;

  constructor(opts: DataLoaderOptions<T, B> & { dataset: MapDataset<T> });
  constructor(dataset: MapDataset<T>, opts?: DataLoaderOptions<T, B>);
  constructor(dataset: MapDataset<T>, batchSize: number | null, shuffle?: boolean | DataLoaderOptions<T, B>, opts?: DataLoaderOptions<T, B>);
  constructor(dataset: MapDataset<T> | (DataLoaderOptions<T, B> & { dataset: MapDataset<T> }), batchSizeOrOpts?: number | null | DataLoaderOptions<T, B>, shuffleOrOpts?: boolean | DataLoaderOptions<T, B>, opts?: DataLoaderOptions<T, B>) {
    const call = 'torch.utils.data.DataLoader';
    // Python's DataLoader(dataset=..., batch_size=...): every argument a keyword. A dataset may itself be
    // a plain object (getItem and length), so only one without getItem is taken for the options.
    if (v.isPlainObject(dataset) && 'dataset' in dataset && typeof dataset.getItem !== 'function') {
      if (batchSizeOrOpts !== undefined) throw argError(call, 'options', 'the only argument when dataset is an option', batchSizeOrOpts);
      const { dataset: d, ...rest } = dataset as DataLoaderOptions<T, B> & { dataset: MapDataset<T> };
      dataset = d;
      batchSizeOrOpts = rest;
    }
    this.dataset = datasetArg<T>(call, 'dataset', dataset as MapDataset<T>);
    const o = loaderOptions(call, batchSizeOrOpts, shuffleOrOpts, opts);
    v.knownOptions(call, o, OPTIONS);
    const shuffle = o.shuffle === undefined || o.shuffle === null ? false : v.bool(call, 'shuffle', o.shuffle);
    if (o.numWorkers !== undefined && typeof o.numWorkers === 'number' && Number.isInteger(o.numWorkers) && o.numWorkers < 0) {
      throw new RangeError(`${call}: num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.`);
    }
    this.numWorkers = o.numWorkers === undefined ? 0 : v.int(call, 'num_workers', o.numWorkers, 0);
    this.timeout = o.timeout === undefined ? 0 : v.number(call, 'timeout', o.timeout);
    if (!(this.timeout >= 0)) throw new RangeError(`${call}: timeout option should be non-negative`);
    if (o.prefetchFactor !== undefined && o.prefetchFactor !== 2 && this.numWorkers === 0) {
      throw new RangeError(`${call}: prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing.`);
    }
    this.prefetchFactor = o.prefetchFactor === undefined ? 2 : v.int(call, 'prefetch_factor', o.prefetchFactor, 1);
    this.persistentWorkers = o.persistentWorkers === undefined ? false : v.bool(call, 'persistent_workers', o.persistentWorkers);
    if (this.persistentWorkers && this.numWorkers === 0) throw new RangeError(`${call}: persistent_workers option needs num_workers > 0`);
    this.pinMemory = o.pinMemory === undefined ? false : v.bool(call, 'pin_memory', o.pinMemory);
    this.workerInitFn = o.workerInitFn === undefined || o.workerInitFn === null ? null : (v.func(call, 'worker_init_fn', o.workerInitFn) as (id: number) => void);
    this.generator = generatorArg(call, o.generator);
    let batchSize = o.batchSize === undefined ? 1 : o.batchSize === null ? null : v.int(call, 'batch_size', o.batchSize, 1);
    let dropLast = o.dropLast === undefined ? false : v.bool(call, 'drop_last', o.dropLast);
    const iterable = (name: string, x: unknown): void => {
      if (x === null || typeof x !== 'object' || typeof (x as Iterable<unknown>)[Symbol.iterator] !== 'function') throw argError(call, name, 'an iterable Sampler', x);
    };
    if (o.sampler !== undefined && o.sampler !== null) {
      iterable('sampler', o.sampler);
      if (shuffle) throw new TypeError(`${call}: sampler option is mutually exclusive with shuffle`);
    }
    let batchSampler = (o.batchSampler ?? null) as DataLoader<T, B>['batchSampler'];
    if (batchSampler !== null) {
      iterable('batch_sampler', batchSampler);
      if (o.batchSize !== undefined && o.batchSize !== 1 || shuffle || o.sampler || dropLast) {
        throw new TypeError(`${call}: batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last`);
      }
      batchSize = null;
      dropLast = false;
    } else if (batchSize === null && dropLast) {
      throw new TypeError(`${call}: batch_size=None option disables auto-batching and is mutually exclusive with drop_last`);
    }
    this.sampler = (o.sampler as DataLoader<T, B>['sampler']) ?? (shuffle ? new RandomSampler(this.dataset, { generator: this.generator }) : new SequentialSampler(this.dataset));
    if (batchSize !== null && batchSampler === null) batchSampler = new BatchSampler(this.sampler, batchSize, dropLast);
    this.batchSize = batchSize;
    this.dropLast = dropLast;
    this.batchSampler = batchSampler;
    // batch_size=None: each sample goes through default_convert, as in Python.
    this.collateFn = o.collateFn !== undefined && o.collateFn !== null
      ? (v.func(call, 'collate_fn', o.collateFn) as (batch: T[]) => B)
      : batchSampler === null ? (defaultConvert as unknown as (batch: T[]) => B) : (defaultCollate as unknown as (batch: T[]) => B);
  }

  /** len(loader): the number of batches (or of samples without batching). */
  get length(): number {
    return (this.batchSampler ?? this.sampler).length;
  }

  /** @internal Python's _auto_collation: a batch sampler feeds the fetcher. */
  get autoCollation(): boolean {
    return this.batchSampler !== null;
  }

  /** @internal Python's _index_sampler. */
  get indexSampler(): Iterable<number | number[]> {
    return this.batchSampler ?? this.sampler;
  }

  /**
   * An iterator as Python's: after an error from __getitem__ or collate_fn (in this thread or a
   * worker's) it can go on with the next batch. Leaving a for-of loop early stops the workers
   * (unless persistent); an iterator dropped half-way stops them when it is garbage-collected.
   */
  [Symbol.iterator](): Iterator<B> & Iterable<B> {
    if (this.numWorkers === 0) {
      // _SingleProcessDataLoaderIter: the base seed is drawn (and unused) as in Python, which keeps
      // every later random number (shuffles, random transforms) in step.
      randomSeed(this.generator);
      const indices = this.indexSampler[Symbol.iterator]();
      const pin = this.pinMemory && cuda.isAvailable();
      const iter: Iterator<B> & Iterable<B> = {
        next: (): IteratorResult<B> => {
          const r = indices.next();
          if (r.done) return { done: true, value: undefined };
          const batch = this.autoCollation
            ? this.collateFn((r.value as number[]).map((i) => this.dataset.getItem(i)))
            : (this.collateFn as unknown as (x: T) => B)(this.dataset.getItem(r.value as number));
          return { done: false, value: pin ? pinMemory(batch) : batch };
        },
        [Symbol.iterator]: () => iter,
      };
      return iter;
    }
    let it: MultiWorkerIter;
    if (this.persistentWorkers) {
      // Python keeps one iterator: its base seed is drawn once, and later epochs only reset it.
      if (this.iterator === null || this.iterator.isShutdown) this.iterator = new MultiWorkerIter(this as unknown as DataLoader);
      else this.iterator.reset(this as unknown as DataLoader);
      it = this.iterator;
    } else {
      it = new MultiWorkerIter(this as unknown as DataLoader);
    }
    const persistent = this.persistentWorkers;
    const iter: Iterator<B> & Iterable<B> = {
      next: (): IteratorResult<B> => {
        const r = it.next() as IteratorResult<B>;
        if (r.done && !persistent) it.shutdown();
        return r;
      },
      return: (): IteratorResult<B> => {
        if (!persistent) it.shutdown();
        return { done: true, value: undefined };
      },
      [Symbol.iterator]: () => iter,
    };
    if (!persistent) abandoned.register(iter, it);
    return iter;
  }
}

/** Workers of an iterator dropped before its end (an error, a break without return()) are stopped when it is collected. */
const abandoned = new FinalizationRegistry<MultiWorkerIter>((it) => it.terminate());

/** pin_memory with CUDA: page-locked copies of a batch's tensors (nested as collate made them). */
function pinMemory<X>(x: X): X {
  if (x instanceof Tensor) return ((x as unknown as { pinMemory?: () => Tensor }).pinMemory?.() ?? x) as X;
  if (Array.isArray(x)) return x.map(pinMemory) as X;
  if (v.isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, pinMemory(e)])) as X;
  return x;
}

/** The compiled worker entry: beside this file in dist/, or dist/ of the checkout when run from lib/*.ts. */
function workerEntry(): string {
  const here = __filename.endsWith('.ts') ? path.join(__dirname, '../../../dist/lib/utils/data') : __dirname;
  const file = path.join(here, '_utils', 'worker_main.js');
  if (!fs.existsSync(file)) {
    throw new Error(`torch.utils.data.DataLoader: numWorkers > 0 runs the compiled torch-node in its worker threads, and ${file} is missing: run \`npm run build:ts\``);
  }
  return file;
}

const BUILTIN_ERRORS: Record<string, ErrorConstructor> = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/** ExceptionWrapper.reraise: the worker's error, same class where it is a built-in one, with its stack. */
function reraise(e: ErrorInfo): never {
  const Ctor = BUILTIN_ERRORS[e.name] ?? Error;
  const err = new Ctor(`Caught ${e.name} ${e.where}.\nOriginal ${e.stack}`);
  if (!(e.name in BUILTIN_ERRORS)) err.name = e.name;
  throw err;
}

interface WorkerSlot {
  worker: Worker;
  results: MessagePort;
  startTensors: number[];
  alive: boolean;
  stopped: boolean;
}

type Message = { kind: 'ready' | 'exit' | 'stopped'; id: number; code?: number } | { kind: 'data'; idx: number; data?: unknown; error?: ErrorInfo };

const STATUS_CHECK_MS = 5000; // Python's MP_STATUS_CHECK_INTERVAL

/** _MultiProcessingDataLoaderIter. */
class MultiWorkerIter {
  private readonly numWorkers: number;
  private readonly prefetchFactor: number;
  private readonly timeout: number;
  private readonly autoCollation: boolean;
  private readonly pin: boolean;
  private readonly workers: WorkerSlot[] = [];
  private readonly signal: Int32Array; // [0]: messages posted by the workers; [1]: 1 once shutting down
  private samplerIter!: Iterator<number | number[]>;
  private sendIdx = 0;
  private rcvdIdx = 0;
  private tasksOutstanding = 0;
  private taskInfo = new Map<number, { worker: number; data?: Message }>();
  private workerCycle = 0;
  private workersStatus: boolean[] = [];
  isShutdown = false;

  constructor(loader: DataLoader) {
    this.numWorkers = loader.numWorkers;
    this.prefetchFactor = loader.prefetchFactor;
    this.timeout = loader.timeout;
    this.autoCollation = loader.autoCollation;
    this.pin = loader.pinMemory && cuda.isAvailable();
    // _BaseDataLoaderIter.__init__: iter(index_sampler) (lazy), then the base seed.
    this.samplerIter = loader.indexSampler[Symbol.iterator]();
    const baseSeed = randomSeed(loader.generator);
    const entry = workerEntry();
    const sab = new SharedArrayBuffer(8);
    this.signal = new Int32Array(sab);
    try {
      for (let id = 0; id < this.numWorkers; id++) {
        const { port1, port2 } = new MessageChannel();
        // The slot first: a failure while encoding still finds the tensors parked so far.
        const slot: WorkerSlot = { worker: null as unknown as Worker, results: port1, startTensors: [], alive: true, stopped: false };
        this.workers.push(slot);
        const start: WorkerStart = {
          id,
          numWorkers: this.numWorkers,
          seed: baseSeed + BigInt(id),
          dataset: dumps(loader.dataset, 'dataset', slot.startTensors),
          collateFn: dumps(loader.collateFn, 'collate_fn', slot.startTensors),
          workerInitFn: dumps(loader.workerInitFn, 'worker_init_fn', slot.startTensors),
          autoCollation: this.autoCollation,
          signal: sab,
          results: port2,
        };
        slot.worker = new Worker(entry, { workerData: { torchNodeDataLoader: start }, transferList: [port2] });
        slot.worker.unref();
        // Errors reach the main thread as messages; this keeps an unexpected one from being unhandled.
        slot.worker.on('error', () => {});
      }
    } catch (e) {
      this.shutdown();
      throw e;
    }
    this.reset(loader, true);
  }

  /** _reset: a new pass over the sampler; for persistent workers, after draining the last epoch. */
  reset(loader: DataLoader, firstIter = false): void {
    if (!firstIter) {
      this.samplerIter = loader.indexSampler[Symbol.iterator]();
      // Python waits for each worker to acknowledge the new epoch, dropping what is in flight.
      while (this.tasksOutstanding > 0) this.take();
      for (const info of this.taskInfo.values()) if (info.data) this.drop(info.data);
    }
    this.sendIdx = 0;
    this.rcvdIdx = 0;
    this.tasksOutstanding = 0;
    this.taskInfo = new Map();
    this.workersStatus = this.workers.map(() => true);
    this.workerCycle = 0;
    for (let k = 0; k < this.prefetchFactor * this.numWorkers; k++) this.tryPutIndex();
  }

  private tryPutIndex(): void {
    const r = this.samplerIter.next();
    if (r.done) return;
    let target = -1;
    for (let k = 0; k < this.numWorkers; k++) {
      const w = this.workerCycle;
      this.workerCycle = (this.workerCycle + 1) % this.numWorkers;
      if (this.workersStatus[w]) {
        target = w;
        break;
      }
    }
    if (target < 0) return;
    this.workers[target].worker.postMessage([this.sendIdx, r.value]);
    this.taskInfo.set(this.sendIdx, { worker: target });
    this.tasksOutstanding++;
    this.sendIdx++;
  }

  /** One message from any worker, waiting as long as the timeout allows. */
  private receive(): Message {
    const deadline = this.timeout > 0 ? Date.now() + this.timeout : Infinity;
    for (;;) {
      const seen = Atomics.load(this.signal, 0);
      for (const w of this.workers) {
        const m = receiveMessageOnPort(w.results);
        if (m) return m.message as Message;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`DataLoader timed out after ${this.timeout} ms`);
      Atomics.wait(this.signal, 0, seen, Math.min(left, STATUS_CHECK_MS));
    }
  }

  /** _get_data: the next data message (worker status messages are handled on the way). */
  private take(): Message & { kind: 'data' } {
    for (;;) {
      const m = this.receive();
      if (m.kind === 'data') {
        this.tasksOutstanding--;
        if (this.isShutdown) {
          this.drop(m);
          continue;
        }
        return m;
      }
      if (m.kind === 'stopped') this.workers[m.id].stopped = true;
      if (m.kind === 'exit') {
        const slot = this.workers[m.id];
        slot.alive = false;
        if (!slot.stopped && !this.isShutdown) {
          this.shutdown();
          throw new Error(`DataLoader worker (thread ${m.id}) exited unexpectedly with exit code ${m.code}`);
        }
      }
    }
  }

  private drop(m: Message): void {
    if (m.kind === 'data' && m.data !== undefined) releaseTensors(tensorIds(m.data));
  }

  next(): IteratorResult<unknown> {
    if (this.isShutdown) return { done: true, value: undefined };
    for (;;) {
      if (this.rcvdIdx >= this.sendIdx) {
        if (!this.workers.length || this.rcvdIdx >= this.sendIdx) {
          return { done: true, value: undefined };
        }
      }
      const info = this.taskInfo.get(this.rcvdIdx)!;
      if (info.data) {
        this.taskInfo.delete(this.rcvdIdx);
        return { done: false, value: this.process(info.data as Message & { kind: 'data' }) };
      }
      const m = this.take();
      if (m.idx !== this.rcvdIdx) {
        this.taskInfo.get(m.idx)!.data = m; // out of order: kept until its turn
      } else {
        this.taskInfo.delete(m.idx);
        return { done: false, value: this.process(m) };
      }
    }
  }

  /** _process_data: the next task goes out, then the batch is returned (or its error raised). */
  private process(m: Message & { kind: 'data' }): unknown {
    this.rcvdIdx++;
    this.tryPutIndex();
    if (m.error) reraise(m.error);
    const batch = loads(m.data);
    return this.pin ? pinMemory(batch) : batch;
  }

  /** Stops the workers at once, without waiting (the iterator was garbage-collected). */
  terminate(): void {
    if (this.isShutdown) return;
    this.isShutdown = true;
    Atomics.store(this.signal, 1, 1);
    for (const w of this.workers) {
      releaseTensors(w.startTensors);
      w.results.close();
      if (w.worker) void w.worker.terminate();
    }
  }

  /** _shutdown_workers: stop each worker, wait briefly for it, and free what was never read. */
  shutdown(): void {
    if (this.isShutdown) return;
    this.isShutdown = true;
    Atomics.store(this.signal, 1, 1);
    for (const w of this.workers) if (w.worker) w.worker.postMessage('stop');
    const deadline = Date.now() + STATUS_CHECK_MS;
    while (this.workers.some((w) => w.worker && w.alive && !w.stopped) && Date.now() < deadline) {
      const seen = Atomics.load(this.signal, 0);
      let got = false;
      for (const w of this.workers) {
        const m = receiveMessageOnPort(w.results)?.message as Message | undefined;
        if (!m) continue;
        got = true;
        if (m.kind === 'data') this.drop(m);
        else if (m.kind === 'stopped') this.workers[m.id].stopped = true;
        else if (m.kind === 'exit') this.workers[m.id].alive = false;
      }
      if (!got) Atomics.wait(this.signal, 0, seen, Math.max(1, deadline - Date.now()));
    }
    for (const info of this.taskInfo.values()) if (info.data) this.drop(info.data);
    this.taskInfo.clear();
    for (const w of this.workers) {
      releaseTensors(w.startTensors); // those a worker never adopted (or never got)
      w.results.close();
      if (w.worker && !w.stopped) void w.worker.terminate();
    }
  }
}
