// torch.manual_seed and friends (torch/random.py): the same default generator as Python's, so the
// same numbers and the same state bytes.
import { native } from './native';
import { Generator, defaultGenerator } from './generator';
import { Tensor } from './tensor';
import * as v from './validate';

/** A seed as Python takes it: any integer, bigints wrapped to 64 bits. */
export function seedArg(call: string, seed: unknown): number | bigint {
  if (typeof seed === 'bigint') return BigInt.asIntN(64, seed);
  return v.int(call, 'seed', seed);
}

/** torch.manual_seed(seed): seeds the CPU generator (and every CUDA one); returns torch.default_generator. */
export function manualSeed(seed: number | bigint): Generator {
  native.manualSeed(seedArg('torch.manual_seed', seed));
  return defaultGenerator;
}

/**
 * A 64-bit seed as item() gives an int64: a number where it is exact, a bigint beyond
 * Number.MAX_SAFE_INTEGER (torch.seed() draws all 64 bits).
 */
function exact(seed: bigint): number | bigint {
  return seed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(seed) : seed;
}

/** torch.initial_seed(): the seed the default generator was last seeded with. */
export function initialSeed(): number | bigint {
  return exact(defaultGenerator.initialSeed());
}

/** torch.seed(): seeds the default generator (and the CUDA ones) non-deterministically; returns the seed. */
export function seed(): number | bigint {
  const s = defaultGenerator.seed();
  native.cudaManualSeed(s, true);
  return exact(s);
}

/** torch.get_rng_state(): the default CPU generator's state, a uint8 tensor. */
export function getRngState(): Tensor {
  return defaultGenerator.getState();
}

/** torch.set_rng_state(new_state): restores the default CPU generator from a getRngState() tensor. */
export function setRngState(newState: Tensor): void {
  defaultGenerator.setState(newState);
}
