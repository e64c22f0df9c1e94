// torchvision.models._utils: _make_divisible.

/** `_make_divisible(v, divisor, min_value=None)`: the channel count rounded to a multiple of divisor, not more than 10% down. */
export function makeDivisible(v: number, divisor: number, minValue?: number | null): number {
  const min = minValue ?? divisor;
  let newV = Math.max(min, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (newV < 0.9 * v) newV += divisor;
  return newV;
}
