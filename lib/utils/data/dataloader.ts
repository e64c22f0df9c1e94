// torch.utils.data.DataLoader: batches of a map-style dataset, in the main thread.
// `for (const [images, labels] of loader)` iterates it; `loader.length` is len(loader).
import { argError } from '../../errors';
import { Generator, generatorArg, randomSeed } from '../../generator';
import * as v from '../../validate';
import { MapDataset, datasetArg } from './dataset';
import { SequentialSampler, RandomSampler, BatchSampler } from './sampler';
import { defaultCollate, Collated } from './_utils/collate';

export interface DataLoaderOptions<T, B> {
  batchSize?: number | null;
  shuffle?: boolean;
  sampler?: Iterable<number> & { readonly length: number };
  batchSampler?: Iterable<number[]> & { readonly length: number };
  /** Only 0: samples are loaded in the calling thread (worker processes are not implemented). */
  numWorkers?: number;
  collateFn?: (batch: T[]) => B;
  dropLast?: boolean;
  generator?: Generator;
}

const OPTIONS = ['batchSize', 'shuffle', 'sampler', 'batchSampler', 'numWorkers', 'collateFn', 'dropLast', 'generator'] as const;

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

  constructor(dataset: MapDataset<T>, opts?: DataLoaderOptions<T, B>);
  constructor(dataset: MapDataset<T>, batchSize: number | null, shuffle?: boolean | DataLoaderOptions<T, B>, opts?: DataLoaderOptions<T, B>);
  constructor(dataset: MapDataset<T>, batchSizeOrOpts?: number | null | DataLoaderOptions<T, B>, shuffleOrOpts?: boolean | DataLoaderOptions<T, B>, opts?: DataLoaderOptions<T, B>) {
    const call = 'torch.utils.data.DataLoader';
    this.dataset = datasetArg<T>(call, 'dataset', dataset);
    const o = loaderOptions(call, batchSizeOrOpts, shuffleOrOpts, opts);
    v.knownOptions(call, o, OPTIONS);
    const shuffle = o.shuffle === undefined || o.shuffle === null ? false : v.bool(call, 'shuffle', o.shuffle);
    const numWorkers = o.numWorkers === undefined ? 0 : v.int(call, 'num_workers', o.numWorkers, 0);
    if (numWorkers !== 0) throw new RangeError(`${call}: num_workers=${numWorkers} is not supported: torch-node loads samples in the calling thread; use numWorkers: 0`);
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
    // batch_size=None: samples are passed through one by one (Python's default_convert).
    this.collateFn = o.collateFn !== undefined && o.collateFn !== null
      ? (v.func(call, 'collate_fn', o.collateFn) as (batch: T[]) => B)
      : batchSampler === null ? ((batch: T[]) => batch[0] as unknown as B) : (defaultCollate as unknown as (batch: T[]) => B);
  }

  /** len(loader): the number of batches (or of samples without batching). */
  get length(): number {
    return (this.batchSampler ?? this.sampler).length;
  }

  *[Symbol.iterator](): Iterator<B> {
    // Python's iterator draws a base seed for worker processes from the loader's generator first;
    // drawing it here too keeps every later random number (shuffles, random transforms) in step.
    randomSeed(this.generator);
    if (this.batchSampler !== null) {
      for (const indices of this.batchSampler) yield this.collateFn(indices.map((i) => this.dataset.getItem(i)));
    } else {
      for (const i of this.sampler) yield this.collateFn([this.dataset.getItem(i)]);
    }
  }
}
