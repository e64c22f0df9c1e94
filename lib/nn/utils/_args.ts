// Argument helpers shared by the torch.nn.utils files.
import { Tensor } from '../../tensor';
import { argError } from '../../errors';

/** Python's `_tensor_or_tensors`: one Tensor, or an iterable of Tensors (an array, `model.parameters()`). */
export function tensorOrTensors(call: string, name: string, x: unknown): Tensor[] {
  if (x instanceof Tensor) return [x];
  if (x === null || x === undefined || typeof x === 'string' || typeof (x as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw argError(call, name, 'a Tensor or an iterable of Tensors', x);
  }
  const out: Tensor[] = [];
  let i = 0;
  for (const t of x as Iterable<unknown>) {
    if (!(t instanceof Tensor)) throw argError(call, `${name}[${i}]`, 'a Tensor', t);
    out.push(t);
    i++;
  }
  return out;
}

/** Python's `float(x)` for a number, a bigint or a string such as 'inf' or '2.5'. */
export function pyFloat(call: string, name: string, x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'string') {
    const s = x.trim().toLowerCase().replace(/_/g, '');
    const m = /^([+-]?)(inf|infinity|nan)$/.exec(s);
    if (m) return m[2] === 'nan' ? NaN : m[1] === '-' ? -Infinity : Infinity;
    if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return Number(s);
    throw new RangeError(`${call}: ${name} must be a number or a float string such as 'inf', could not convert string to float: '${x}'`);
  }
  throw argError(call, name, "a number (or 'inf')", x);
}
