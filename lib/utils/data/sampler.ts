// torch.utils.data.sampler: which indices a DataLoader reads, and in what order. Iterators are
// lazy generators like Python's, so random numbers are drawn at the same moment as in Python.
import { argError } from '../../errors';
import { Generator, generatorArg, randomSeed, randpermWith, randintWith } from '../../generator';
import * as v from '../../validate';
import { Tensor } from '../../tensor';
import { asTensor } from '../../creation';
import { float64 } from '../../dtype';
import { multinomial } from '../../_C/generated/torch';

export abstract class Sampler<T = number> implements Iterable<T> {
  abstract [Symbol.iterator](): Iterator<T>;
  abstract get length(): number;
}

interface Sized {
  readonly length: number;
}

function sizedArg(call: string, d: unknown): Sized {
  if (d === null || typeof d !== 'object' || typeof (d as Sized).length !== 'number') throw argError(call, 'data_source', 'a Dataset with a length', d);
  return d as Sized;
}

function int64s(t: { toTypedArray(): unknown }): number[] {
  return Array.from(t.toTypedArray() as BigInt64Array, Number);
}

/** SequentialSampler(dataSource): 0, 1, ..., n-1. */
export class SequentialSampler extends Sampler<number> {
  readonly dataSource: Sized;
  constructor(dataSource: Sized) {
    super();
    this.dataSource = sizedArg('torch.utils.data.SequentialSampler', dataSource);
  }
  *[Symbol.iterator](): Iterator<number> {
    for (let i = 0; i < this.dataSource.length; i++) yield i;
  }
  get length(): number {
    return this.dataSource.length;
  }
}

export interface RandomSamplerOptions {
  replacement?: boolean;
  numSamples?: number;
  generator?: Generator;
}

/**
 * RandomSampler(dataSource, { replacement, numSamples, generator }). Without a generator each pass
 * seeds a fresh torch.Generator from one int64 drawn from the default generator, then permutes with
 * it: PyTorch 1.13's exact procedure, so torch.manualSeed(s) gives Python's order.
 */
export class RandomSampler extends Sampler<number> {
  readonly dataSource: Sized;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly _numSamples: number | undefined;

  constructor(dataSource: Sized, opts?: RandomSamplerOptions) {
    super();
    const call = 'torch.utils.data.RandomSampler';
    this.dataSource = sizedArg(call, dataSource);
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['replacement', 'numSamples', 'generator']);
    this.replacement = o.replacement === undefined ? false : v.bool(call, 'replacement', o.replacement);
    this._numSamples = v.optInt(call, 'num_samples', o.numSamples, 1);
    this.generator = generatorArg(call, o.generator);
    if (this.numSamples <= 0) throw new RangeError(`${call}: num_samples should be a positive integer value, but got num_samples=${this.numSamples}`);
  }
  get numSamples(): number {
    return this._numSamples ?? this.dataSource.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    const gen = this.generator ?? new Generator().manualSeed(randomSeed());
    if (this.replacement) {
      for (let k = 0; k < Math.floor(this.numSamples / 32); k++) yield* int64s(randintWith(0, n, [32], gen));
      yield* int64s(randintWith(0, n, [this.numSamples % 32], gen));
    } else {
      for (let k = 0; k < Math.floor(this.numSamples / n); k++) yield* int64s(randpermWith(n, gen));
      yield* int64s(randpermWith(n, gen)).slice(0, this.numSamples % n);
    }
  }
  get length(): number {
    return this.numSamples;
  }
}

/** SubsetRandomSampler(indices, { generator }): the given indices in a random order. */
export class SubsetRandomSampler extends Sampler<number> {
  readonly indices: number[];
  readonly generator: Generator | undefined;
  constructor(indices: readonly number[], opts?: { generator?: Generator }) {
    super();
    const call = 'torch.utils.data.SubsetRandomSampler';
    this.indices = v.ints(call, 'indices', indices);
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['generator']);
    this.generator = generatorArg(call, o.generator);
  }
  *[Symbol.iterator](): Iterator<number> {
    for (const i of int64s(randpermWith(this.indices.length, this.generator))) yield this.indices[i];
  }
  get length(): number {
    return this.indices.length;
  }
}

/** Python's str() of a scalar argument, as its format() puts it in a message. */
function pyStr(x: unknown): string {
  if (x === undefined || x === null) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  return typeof x === 'number' || typeof x === 'bigint' || typeof x === 'string' ? String(x) : `a ${typeof x}`;
}

/**
 * WeightedRandomSampler(weights, numSamples, { replacement, generator }): indices 0..len(weights)-1 drawn
 * with the given (unnormalized) probabilities by torch.multinomial, as sampler.py 1.13 draws them, once
 * per pass: the same seed gives Python's indices. Python's keywords may come as options too.
 */
export class WeightedRandomSampler extends Sampler<number> {
  readonly weights: Tensor;
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;

  constructor(
    weights: number[] | Tensor | { weights: number[] | Tensor; numSamples: number; replacement?: boolean; generator?: Generator },
    numSamples?: number | { numSamples: number; replacement?: boolean; generator?: Generator },
    replacement?: boolean | { replacement?: boolean; generator?: Generator },
    opts?: { generator?: Generator },
  ) {
    super();
    const call = 'torch.utils.data.WeightedRandomSampler';
    const o = v.bindArgs(call, ['weights', 'numSamples', 'replacement', 'generator'], [weights, numSamples, replacement, opts]);
    // Python's checks, its ValueErrors as RangeErrors with its messages
    const n = o.numSamples;
    if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw new RangeError(`${call}: num_samples should be a positive integer value, but got num_samples=${pyStr(n)}`);
    if (o.replacement !== undefined && typeof o.replacement !== 'boolean') throw new RangeError(`${call}: replacement should be a boolean value, but got replacement=${pyStr(o.replacement)}`);
    if (o.weights === undefined) throw new TypeError(`${call}: missing required argument 'weights'`);
    const w = asTensor(o.weights as Parameters<typeof asTensor>[0], { dtype: float64 });
    if (w.dim() !== 1) throw new RangeError(`${call}: weights should be a 1d sequence but given weights have shape (${w.shape.join(', ')}${w.dim() === 1 ? ',' : ''})`);
    this.weights = w;
    this.numSamples = n;
    this.replacement = o.replacement === undefined ? true : (o.replacement as boolean);
    this.generator = generatorArg(call, o.generator);
  }
  *[Symbol.iterator](): Iterator<number> {
    yield* int64s(multinomial(this.weights, this.numSamples, this.replacement, { generator: this.generator ?? null }));
  }
  get length(): number {
    return this.numSamples;
  }
}

/** BatchSampler(sampler, batchSize, dropLast): lists of indices. */
export class BatchSampler extends Sampler<number[]> {
  readonly sampler: Iterable<number> & Sized;
  readonly batchSize: number;
  readonly dropLast: boolean;
  constructor(sampler: Iterable<number> & Sized, batchSize: number | { batchSize: number; dropLast?: boolean }, dropLast?: boolean) {
    super();
    const call = 'torch.utils.data.BatchSampler';
    if (v.isPlainObject(batchSize)) {
      v.knownOptions(call, batchSize, ['batchSize', 'dropLast']);
      dropLast = batchSize.dropLast ?? false;
      batchSize = batchSize.batchSize;
    }
    if (sampler === null || typeof (sampler as Iterable<number>)?.[Symbol.iterator] !== 'function') throw argError(call, 'sampler', 'an iterable of indices (a Sampler)', sampler);
    this.sampler = sampler;
    this.batchSize = v.int(call, 'batch_size', batchSize, 1);
    this.dropLast = v.bool(call, 'drop_last', dropLast);
  }
  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const idx of this.sampler) {
      batch.push(idx);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }
}
