// Helpers of torch/nn/modules/utils.py (_single, _pair, _triple, _reverse_repeat_tuple) and the
// constructor and forward argument checks shared by the modules: Python's factory_kwargs (device,
// dtype), the float/bool reprs of extra_repr.
import { Tensor, tensorArg } from '../../tensor';
import { DType, asDType } from '../../dtype';
import { DeviceLike, toDevice } from '../../device';
import { argError } from '../../errors';
import * as v from '../../validate';

export { pyFloat, pyRepr } from '../../_repr';

/** Python's _ntuple(n): one integer for every dim, or a list of exactly `n` integers (each >= min). */
export function ntuple(call: string, name: string, x: unknown, n: number, min = -Infinity): number[] {
  if (Array.isArray(x)) {
    if (x.length !== n) {
      throw new RangeError(`${call}: ${name} must be an integer or a list of ${n} integer${n === 1 ? '' : 's'}, got an array of length ${x.length}`);
    }
    return v.ints(call, name, x, min);
  }
  return new Array<number>(n).fill(v.int(call, name, x, min));
}

/** Python's _reverse_repeat_tuple(t, n): each element of the reversed tuple `n` times (F.pad's order). */
export function reverseRepeatTuple(t: readonly number[], n: number): number[] {
  const out: number[] = [];
  for (let i = t.length - 1; i >= 0; i--) for (let j = 0; j < n; j++) out.push(t[i]);
  return out;
}

/** Python's repr of a size as the module keeps it: `3`, `(3,)`, `(3, 2)`, `(None, 4)`. */
export function tupleRepr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (Array.isArray(x)) return x.length === 1 ? `(${tupleRepr(x[0])},)` : `(${x.map(tupleRepr).join(', ')})`;
  return String(x);
}

/** Python's factory_kwargs of a module constructor: `{ device, dtype }` for the new parameters and buffers. */
export interface FactoryKwargs { device?: DeviceLike; dtype?: DType }

/** The option names of factory_kwargs. */
export const FACTORY = ['device', 'dtype'] as const;

export function factoryKwargs(call: string, o: Record<string, unknown>): FactoryKwargs {
  const out: FactoryKwargs = {};
  if (o.dtype !== undefined && o.dtype !== null) {
    const d = asDType(o.dtype);
    if (!d) throw argError(call, 'dtype', 'a torch dtype such as torch.float32', o.dtype);
    if (!d.isFloatingPoint && !d.isComplex) throw argError(call, 'dtype', 'a floating-point or complex dtype', o.dtype);
    out.dtype = d;
  }
  if (o.device !== undefined && o.device !== null) {
    try {
      out.device = toDevice(o.device as DeviceLike);
    } catch {
      throw argError(call, 'device', "'cpu', 'cuda' or a torch.device", o.device);
    }
  }
  return out;
}

/** A boolean option with a default. */
export function boolArg(call: string, name: string, x: unknown, def: boolean): boolean {
  return x === undefined ? def : v.bool(call, name, x);
}

/** A finite float option with a default. */
export function floatArg(call: string, name: string, x: unknown, def: number): number {
  return x === undefined ? def : v.finite(call, name, x);
}

/** `inplace`, default false. */
export function inplaceArg(call: string, x: unknown): boolean {
  return x === undefined ? false : v.bool(call, 'inplace', x);
}

/** An optional tensor argument (null when absent). */
export function optTensor(call: string, name: string, x: unknown): Tensor | null {
  return x === undefined || x === null ? null : tensorArg(call, name, x);
}

/** The forward's input, checked: `nn.ELU.forward: input must be a Tensor`. */
export function inputArg(call: string, x: unknown, name = 'input'): Tensor {
  return tensorArg(`${call}.forward`, name, x);
}
