// torch.Generator and torch.default_generator. A Generator owns its own CPU random state
// (native/generator.cc); `defaultGenerator` stands for libtorch's global one (what torch.manualSeed
// seeds), so code that passes `generator` or leaves it out draws exactly the numbers Python draws.
import { native } from './native';
import { Tensor } from './tensor';
import { argError, describe } from './errors';
import * as v from './validate';

export class Generator {
  /** @internal The native at::Generator, or null for the default generator. */
  readonly handle: unknown;

  constructor(device: string = 'cpu') {
    if (device !== 'cpu') throw argError('torch.Generator', 'device', "'cpu' (CUDA generators are not bound)", device, 'range');
    this.handle = new.target === DefaultGenerator ? null : native.generatorNew();
  }

  /** generator.manual_seed(seed): returns the generator, as Python does. */
  manualSeed(seed: number | bigint): this {
    const s = typeof seed === 'bigint' ? BigInt.asUintN(64, seed) : BigInt.asUintN(64, BigInt(v.int('torch.Generator.manual_seed', 'seed', seed)));
    if (this.handle === null) native.manualSeed(s);
    else native.generatorManualSeed(this.handle, s);
    return this;
  }

  /** generator.initial_seed(), as a bigint: seeds may use all 64 bits. */
  initialSeed(): bigint {
    return native.generatorInitialSeed(this.handle);
  }

  /** generator.seed(): seeds the generator from a non-deterministic source and returns that seed. */
  seed(): bigint {
    return native.generatorSeed(this.handle);
  }

  /** generator.get_state(): the whole generator state, as a uint8 tensor (a copy; 5056 bytes on CPU). */
  getState(): Tensor {
    return native.generatorGetState(this.handle);
  }

  /** generator.set_state(new_state): restores a state getState() gave (here or in Python); returns the generator. */
  setState(newState: Tensor): this {
    if (!(newState instanceof Tensor)) throw new TypeError(`torch.Generator.set_state: expected a torch.ByteTensor, but got ${describe(newState)}`);
    native.generatorSetState(this.handle, newState);
    return this;
  }

  toString(): string {
    return '<torch._C.Generator object>';
  }
}

class DefaultGenerator extends Generator {}

/** torch.default_generator: the global CPU generator. */
export const defaultGenerator: Generator = new DefaultGenerator();

/** Checks an optional `generator` option of `call`; undefined/null mean the default generator. */
export function generatorArg(call: string, g: unknown): Generator | undefined {
  if (g === undefined || g === null) return undefined;
  if (!(g instanceof Generator)) throw argError(call, 'generator', 'a torch.Generator', g);
  return g;
}

function handleOf(g?: Generator): unknown {
  return g ? g.handle : null;
}

/** int(torch.empty((), dtype=torch.int64).random_(generator=g).item()): a non-negative 63-bit seed. */
export function randomSeed(g?: Generator): bigint {
  return native.randomInt64(handleOf(g));
}

/** torch.randperm(n, generator=g): an int64 permutation of 0..n-1. */
export function randpermWith(n: number, g?: Generator): Tensor {
  return native.randpermGen(n, handleOf(g));
}

/** torch.randint(low, high, size, generator=g): int64. */
export function randintWith(low: number, high: number, size: number[], g?: Generator): Tensor {
  return native.randintGen(low, high, size, handleOf(g));
}
