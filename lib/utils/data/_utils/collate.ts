// torch.utils.data._utils.collate.default_collate: merges a list of samples into a batch.
// Tensors are stacked; numbers become a tensor (JS has one number type: a batch of integers gives
// int64 as Python ints do, any non-integer gives float64 as Python floats do; bigints give int64,
// booleans bool); strings stay a list; arrays (tuples) and plain objects (dicts) are collated
// element-wise, keeping their structure.
import { Tensor } from '../../../tensor';
import { tensor } from '../../../creation';
import { stack } from '../../../functions';
import { int64, float64 } from '../../../dtype';
import { isPlainObject } from '../../../validate';
import { argError } from '../../../errors';

/** The type default_collate makes of a batch of T (any stays any: a transform of unknown output). */
export type Collated<T> = 0 extends 1 & T
  ? any // eslint-disable-line @typescript-eslint/no-explicit-any
  : T extends Tensor
  ? Tensor
  : T extends number | boolean | bigint
    ? Tensor
    : T extends string
      ? string[]
      : T extends readonly unknown[]
        ? { [K in keyof T]: Collated<T[K]> }
        : T extends object
          ? { [K in keyof T]: Collated<T[K]> }
          : never;

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/** default_convert: what a DataLoader without batching (batchSize: null) applies to each sample.
 * Python converts NumPy arrays to tensors; JS has none, so samples pass through unchanged. */
export function defaultConvert<T>(data: T): T {
  return data;
}

export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  if (!Array.isArray(batch)) throw argError('default_collate', 'batch', 'an array of samples', batch);
  return collate(batch as readonly unknown[]) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (typeof elem === 'number') {
    const nums = batch as number[];
    return tensor(nums, { dtype: nums.every(Number.isInteger) ? int64 : float64 });
  }
  if (typeof elem === 'bigint') return tensor(batch as bigint[], { dtype: int64 });
  if (typeof elem === 'boolean') return tensor(batch as boolean[]);
  if (typeof elem === 'string') return [...batch];
  if (Array.isArray(elem)) {
    const n = elem.length;
    if (batch.some((b) => !Array.isArray(b) || b.length !== n)) throw new RangeError('default_collate: each element in list of batch should be of equal size');
    return elem.map((_x, i) => collate(batch.map((b) => (b as unknown[])[i])));
  }
  if (isPlainObject(elem)) {
    if (batch.some((b) => !isPlainObject(b))) throw new TypeError('default_collate: each element in list of batch should be an object, as the first one is');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) out[key] = collate(batch.map((b) => (b as Record<string, unknown>)[key]));
    return out;
  }
  throw new TypeError(`default_collate: batch must contain tensors, numbers, strings, plain objects or arrays; found ${describe(elem)}`);
}
