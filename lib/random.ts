// torch.manual_seed and friends: the same default generator as Python's, so the same numbers.
import { native } from './native';
import * as v from './validate';

/** A seed as Python takes it: any integer, bigints wrapped to 64 bits. */
export function seedArg(call: string, seed: unknown): number | bigint {
  if (typeof seed === 'bigint') return BigInt.asIntN(64, seed);
  return v.int(call, 'seed', seed);
}
export function manualSeed(seed: number | bigint): void {
  native.manualSeed(seedArg('torch.manual_seed', seed));
}
export function initialSeed(): number {
  return native.initialSeed();
}
