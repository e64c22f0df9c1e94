// Argument helpers shared by the TS modules of activation.ts, loss.ts, sparse.ts, transformer.ts,
// linear.ts and the small layers: Python's factory_kwargs (device, dtype), `_single`/`_pair`, and the
// float/bool reprs of extra_repr.
import { Tensor, tensorArg } from '../../tensor';
import { DType, asDType } from '../../dtype';
import { DeviceLike, toDevice } from '../../device';
import { argError } from '../../errors';
import * as v from '../../validate';

export { pyFloat, pyRepr } from '../../_repr';

/** Python's `factory_kwargs = {'device': device, 'dtype': dtype}` of a module constructor. */
export interface FactoryKwargs { dtype?: DType; device?: DeviceLike }

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

export const FACTORY = ['device', 'dtype'] as const;

/** `inplace`, default false. */
export function inplaceArg(call: string, x: unknown): boolean {
  return x === undefined ? false : v.bool(call, 'inplace', x);
}

/** A float hyperparameter with a default. */
export function floatArg(call: string, name: string, x: unknown, def: number): number {
  return x === undefined ? def : v.finite(call, name, x);
}

export function optTensor(call: string, name: string, x: unknown): Tensor | null {
  return x === undefined || x === null ? null : tensorArg(call, name, x);
}

/** Python's _ntuple: one integer for all `n` dims or a list of `n` integers. */
export function ntuple(call: string, name: string, x: unknown, n: number, min = -Infinity): number[] {
  if (Array.isArray(x)) {
    if (x.length !== n) throw new RangeError(`${call}: ${name} must be an integer or a list of ${n} integers, got an array of length ${x.length}`);
    return v.ints(call, name, x, min);
  }
  return new Array<number>(n).fill(v.int(call, name, x, min));
}

/** Python's repr of a size argument as the user gave it: `3` or `(3, 2)`. */
export function sizeRepr(x: number | number[]): string {
  if (!Array.isArray(x)) return String(x);
  return x.length === 1 ? `(${x[0]},)` : `(${x.join(', ')})`;
}

/** The forward's input, checked: `nn.ELU.forward: input must be a Tensor`. */
export function inputArg(call: string, x: unknown, name = 'input'): Tensor {
  return tensorArg(`${call}.forward`, name, x);
}
