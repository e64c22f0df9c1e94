// torch.utils.data.distributed.DistributedSampler (1.13): each of num_replicas processes reads its own
// strided share of one permutation, drawn from a fresh Generator seeded with seed + epoch, so every
// rank (and Python, with the same seed and epoch) computes the same order.
import { argError } from '../../errors';
import { Generator, randpermWith } from '../../generator';
import * as v from '../../validate';
import { Sampler } from './sampler';
import * as dist from '../../distributed/distributed_c10d';

interface Sized {
  readonly length: number;
}

export interface DistributedSamplerOptions {
  numReplicas?: number;
  rank?: number;
  shuffle?: boolean;
  seed?: number;
  dropLast?: boolean;
}

/**
 * `DistributedSampler(dataset, num_replicas=None, rank=None, shuffle=True, seed=0, drop_last=False)`;
 * numReplicas and rank default to the default process group's. Call `setEpoch(epoch)` before each
 * epoch for a new order.
 */
export class DistributedSampler extends Sampler<number> {
  readonly dataset: Sized;
  readonly numReplicas: number;
  readonly rank: number;
  epoch = 0;
  readonly dropLast: boolean;
  readonly numSamples: number;
  readonly totalSize: number;
  readonly shuffle: boolean;
  readonly seed: number;

  constructor(dataset: Sized, ...rest: unknown[]) {
    super();
    const call = 'torch.utils.data.DistributedSampler';
    const a = v.bindArgs(call, ['dataset', 'numReplicas', 'rank', 'shuffle', 'seed', 'dropLast'], [dataset, ...rest]);
    const d = a.dataset as Sized;
    if (d === null || typeof d !== 'object' || typeof d.length !== 'number') throw argError(call, 'dataset', 'a Dataset with a length', d);
    let numReplicas = a.numReplicas === undefined || a.numReplicas === null ? undefined : v.int(call, 'num_replicas', a.numReplicas, 1);
    let rank = a.rank === undefined || a.rank === null ? undefined : v.int(call, 'rank', a.rank);
    if (numReplicas === undefined) {
      if (!dist.isAvailable()) throw new Error('Requires distributed package to be available');
      numReplicas = dist.getWorldSize();
    }
    if (rank === undefined) {
      if (!dist.isAvailable()) throw new Error('Requires distributed package to be available');
      rank = dist.getRank();
    }
    if (rank >= numReplicas || rank < 0) throw new RangeError(`Invalid rank ${rank}, rank should be in the interval [0, ${numReplicas - 1}]`);
    this.dataset = d;
    this.numReplicas = numReplicas;
    this.rank = rank;
    this.dropLast = a.dropLast === undefined ? false : v.bool(call, 'drop_last', a.dropLast);
    const n = d.length;
    this.numSamples = this.dropLast && n % numReplicas !== 0 ? Math.ceil((n - numReplicas) / numReplicas) : Math.ceil(n / numReplicas);
    this.totalSize = this.numSamples * numReplicas;
    this.shuffle = a.shuffle === undefined ? true : v.bool(call, 'shuffle', a.shuffle);
    this.seed = a.seed === undefined ? 0 : v.int(call, 'seed', a.seed);
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataset.length;
    let indices: number[];
    if (this.shuffle) {
      const g = new Generator();
      g.manualSeed(this.seed + this.epoch);
      indices = Array.from(randpermWith(n, g).toTypedArray() as BigInt64Array, Number);
    } else {
      indices = Array.from({ length: n }, (_, i) => i);
    }
    if (!this.dropLast) {
      const padding = this.totalSize - indices.length;
      if (padding <= indices.length) indices = indices.concat(indices.slice(0, padding));
      else {
        const reps: number[] = [];
        for (let k = 0; k < Math.ceil(padding / indices.length); k++) reps.push(...indices);
        indices = indices.concat(reps.slice(0, padding));
      }
    } else {
      indices = indices.slice(0, this.totalSize);
    }
    for (let i = this.rank; i < this.totalSize; i += this.numReplicas) yield indices[i];
  }

  get length(): number {
    return this.numSamples;
  }

  /** `set_epoch(epoch)`: the next pass shuffles with seed + epoch. */
  setEpoch(epoch: number): void {
    this.epoch = v.int('torch.utils.data.DistributedSampler.set_epoch', 'epoch', epoch);
  }
}
