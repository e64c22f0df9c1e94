// torch.utils.data.dataset: map-style datasets. Python's __len__ is `get length()`, __getitem__ is
// `getItem(index)`; subclass Dataset and define both.
import { Tensor } from '../../tensor';
import { argError } from '../../errors';
import { Generator, generatorArg, randpermWith } from '../../generator';
import * as v from '../../validate';

export abstract class Dataset<T = unknown> {
  abstract getItem(index: number): T;
  abstract get length(): number;
}

/** Anything with `length` and `getItem`, so plain objects shaped like a Dataset also work. */
export interface MapDataset<T = unknown> {
  getItem(index: number): T;
  readonly length: number;
}

export function datasetArg<T>(call: string, name: string, d: unknown): MapDataset<T> {
  const ds = d as MapDataset<T>;
  if (d === null || typeof d !== 'object' || typeof ds.getItem !== 'function' || typeof ds.length !== 'number') {
    throw argError(call, name, 'a Dataset (an object with getItem(index) and a length)', d);
  }
  return ds;
}

/** Python-style index: an integer, negative counts from the end; out of range is a RangeError. */
function indexIn(call: string, index: unknown, length: number): number {
  const i = v.int(call, 'index', index);
  if (i >= length || i < -length) throw new RangeError(`${call}: index ${i} is out of range for a dataset of length ${length}`);
  return i < 0 ? i + length : i;
}

/** TensorDataset(...tensors): item i is [t0[i], t1[i], ...]. */
export class TensorDataset extends Dataset<Tensor[]> {
  readonly tensors: Tensor[];

  constructor(...tensors: Tensor[]) {
    super();
    const call = 'torch.utils.data.TensorDataset';
    if (tensors.length === 0) throw new TypeError(`${call}: expected at least one tensor`);
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor)) throw argError(call, `tensors[${i}]`, 'a Tensor', t);
      if (t.dim() === 0) throw argError(call, `tensors[${i}]`, 'a Tensor with at least one dimension', t);
    });
    const n = tensors[0].shape[0];
    if (tensors.some((t) => t.shape[0] !== n)) throw new RangeError(`${call}: Size mismatch between tensors (size(0): ${tensors.map((t) => t.shape[0]).join(', ')})`);
    this.tensors = tensors;
  }
  getItem(index: number): Tensor[] {
    const i = indexIn('torch.utils.data.TensorDataset.__getitem__', index, this.length);
    return this.tensors.map((t) => t.get(i));
  }
  get length(): number {
    return this.tensors[0].shape[0];
  }
}

/** Subset(dataset, indices): the items of `dataset` at `indices`, in that order. */
export class Subset<T = unknown> extends Dataset<T> {
  readonly dataset: MapDataset<T>;
  readonly indices: number[];

  constructor(dataset: MapDataset<T>, indices: readonly number[]) {
    super();
    const call = 'torch.utils.data.Subset';
    this.dataset = datasetArg(call, 'dataset', dataset);
    this.indices = v.ints(call, 'indices', indices);
  }
  getItem(index: number): T {
    return this.dataset.getItem(this.indices[indexIn('torch.utils.data.Subset.__getitem__', index, this.indices.length)]);
  }
  get length(): number {
    return this.indices.length;
  }
}

/** ConcatDataset(datasets): the items of each dataset in turn. */
export class ConcatDataset<T = unknown> extends Dataset<T> {
  readonly datasets: MapDataset<T>[];
  readonly cumulativeSizes: number[];

  constructor(datasets: Iterable<MapDataset<T>>) {
    super();
    const call = 'torch.utils.data.ConcatDataset';
    if (datasets === null || typeof (datasets as Iterable<unknown>)?.[Symbol.iterator] !== 'function') throw argError(call, 'datasets', 'an iterable of Datasets', datasets);
    this.datasets = [...datasets].map((d, i) => datasetArg<T>(call, `datasets[${i}]`, d));
    if (this.datasets.length === 0) throw new RangeError(`${call}: datasets should not be an empty iterable`);
    let sum = 0;
    this.cumulativeSizes = this.datasets.map((d) => (sum += d.length));
  }
  getItem(index: number): T {
    const i = indexIn('torch.utils.data.ConcatDataset.__getitem__', index, this.length);
    // bisect_right over the cumulative sizes, as Python.
    let d = 0;
    while (this.cumulativeSizes[d] <= i) d++;
    return this.datasets[d].getItem(d === 0 ? i : i - this.cumulativeSizes[d - 1]);
  }
  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1];
  }
}

/**
 * random_split(dataset, lengths, generator=default_generator): lengths are counts, or fractions that
 * sum to 1 (floored, the remainder dealt round-robin from the first split), as PyTorch 1.13. The
 * indices come from torch.randperm with the same generator, so a seed gives Python's split.
 */
export function randomSplit<T>(dataset: MapDataset<T>, lengths: readonly number[], generator?: Generator): Subset<T>[] {
  const call = 'torch.utils.data.random_split';
  const ds = datasetArg<T>(call, 'dataset', dataset);
  const gen = generatorArg(call, generator);
  if (!Array.isArray(lengths)) throw argError(call, 'lengths', 'an array of lengths or fractions', lengths);
  let sizes = lengths.map((x, i) => v.number(call, `lengths[${i}]`, x));
  const total = sizes.reduce((a, b) => a + b, 0);
  // Python: math.isclose(sum(lengths), 1) and sum(lengths) <= 1 (rel_tol 1e-9).
  if (Math.abs(total - 1) <= 1e-9 && total <= 1) {
    sizes.forEach((f, i) => { if (f < 0 || f > 1) throw argError(call, `lengths[${i}]`, 'a fraction between 0 and 1', f, 'range'); });
    sizes = sizes.map((f) => Math.floor(ds.length * f));
    const remainder = ds.length - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length] += 1;
  } else {
    sizes.forEach((n, i) => v.int(call, `lengths[${i}]`, n, 0));
  }
  if (sizes.reduce((a, b) => a + b, 0) !== ds.length) {
    throw new RangeError(`${call}: Sum of input lengths does not equal the length of the input dataset! (${sizes.join(' + ')} != ${ds.length})`);
  }
  const perm = Array.from(randpermWith(ds.length, gen).toTypedArray() as BigInt64Array, Number);
  let offset = 0;
  return sizes.map((n) => new Subset(ds, perm.slice(offset, (offset += n))));
}
