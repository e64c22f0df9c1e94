// torch.manual_seed and friends: the same default generator as Python's, so the same numbers.
import { native } from './native';
import * as v from './validate';

export function manualSeed(seed: number | bigint): void {
  if (typeof seed === 'bigint') seed = Number(BigInt.asIntN(64, seed));
  native.manualSeed(v.int('torch.manual_seed', 'seed', seed));
}
export function initialSeed(): number {
  return native.initialSeed();
}
