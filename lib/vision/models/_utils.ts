// torchvision.models._utils: _make_divisible.
import * as v from '../../validate';

/** `_make_divisible(v, divisor, min_value=None)`: the channel count rounded to a multiple of divisor, not more than 10% down. */
export function makeDivisible(v_: number, divisor: number, minValue?: number | null): number {
  const call = 'models._utils._make_divisible';
  v.finite(call, 'v', v_);
  v.int(call, 'divisor', divisor, 1);
  const min = minValue === undefined || minValue === null ? divisor : v.finite(call, 'min_value', minValue);
  let newV = Math.max(min, Math.floor(Math.trunc(v_ + divisor / 2) / divisor) * divisor);
  if (newV < 0.9 * v_) newV += divisor;
  return newV;
}
