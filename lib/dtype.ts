// torch.dtype: one frozen object per dtype, compared by identity (torch.float32 === x.dtype).
// `code` is c10::ScalarType's value, what the addon speaks.
import { native } from './native';
import { argError } from './errors';

export type TypedArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Int32Array | BigInt64Array | Uint16Array;

// Python: `torch.dtype()` is "TypeError: cannot create 'torch.dtype' instances"; the dtypes below are all.
let sealed = false;

export class DType {
  /** @internal */
  constructor(
    readonly name: string,
    readonly code: number,
    readonly itemsize: number,
    readonly isFloatingPoint: boolean,
    readonly isSigned: boolean,
    readonly isComplex = false,
  ) {
    if (sealed) throw new TypeError("cannot create 'torch.dtype' instances");
    Object.freeze(this);
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const uint8 = new DType('uint8', 0, 1, false, false);
export const int8 = new DType('int8', 1, 1, false, true);
export const int16 = new DType('int16', 2, 2, false, true);
export const int32 = new DType('int32', 3, 4, false, true);
export const int64 = new DType('int64', 4, 8, false, true);
export const float16 = new DType('float16', 5, 2, true, true);
export const float32 = new DType('float32', 6, 4, true, true);
export const float64 = new DType('float64', 7, 8, true, true);
export const bool = new DType('bool', 11, 1, false, false);
export const bfloat16 = new DType('bfloat16', 15, 2, true, true);
// Complex dtypes are neither floating point nor unsigned, as in Python (is_floating_point False).
export const complex32 = new DType('complex32', 8, 4, false, true, true);
export const complex64 = new DType('complex64', 9, 8, false, true, true);
export const complex128 = new DType('complex128', 10, 16, false, true, true);
sealed = true;

// Python's aliases
export const float = float32;
export const double = float64;
export const half = float16;
export const long = int64;
export const int = int32;
export const short = int16;
export const chalf = complex32;
export const cfloat = complex64;
export const cdouble = complex128;

const byCode = new Map<number, DType>([uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16, complex32, complex64, complex128].map((d) => [d.code, d]));
const byName = new Map<string, DType>([...byCode.values()].map((d) => [d.name, d]));
for (const [alias, d] of Object.entries({ float, double, half, long, int, short, chalf, cfloat, cdouble })) byName.set(alias, d);

export function dtypeFromCode(code: number): DType {
  const d = byCode.get(code);
  if (!d) throw new Error(`torch-node: unsupported dtype code ${code}`);
  return d;
}

/** A DType, or its name ('float32', 'torch.float32'); undefined when v is not one. */
export function asDType(v: unknown): DType | undefined {
  if (v instanceof DType) return v;
  if (typeof v === 'string') return byName.get(v.startsWith('torch.') ? v.slice(6) : v);
  return undefined;
}

/**
 * The typed array that holds a dtype's elements in toTypedArray()/torch.tensor(). A complex element
 * takes two slots, real then imaginary (complex32 is widened to complex64's Float32Array).
 */
export function typedArrayFor(d: DType): { new (n: number | ArrayBufferLike): TypedArray } {
  switch (d) {
    case complex128: return Float64Array;
    case uint8: case bool: return Uint8Array;
    case int8: return Int8Array;
    case int16: return Int16Array;
    case int32: return Int32Array;
    case int64: return BigInt64Array;
    case float64: return Float64Array;
    case float16: case bfloat16: return Uint16Array;
    default: return Float32Array;
  }
}

export function dtypeOfTypedArray(a: ArrayBufferView): DType | undefined {
  if (a instanceof Float32Array) return float32;
  if (a instanceof Float64Array) return float64;
  if (a instanceof Int8Array) return int8;
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return uint8;
  if (a instanceof Int16Array) return int16;
  if (a instanceof Int32Array) return int32;
  if (a instanceof BigInt64Array) return int64;
  return undefined;
}

/**
 * torch.get_default_dtype(): the floating dtype that plain numbers, float constructors and integer
 * true division give. It is libtorch's own setting, read each time: like Python's, it belongs to the
 * whole process, so a change made in one worker thread is seen by all of them.
 */
export function getDefaultDtype(): DType {
  return dtypeFromCode(native.getDefaultDtype());
}

/**
 * torch.set_default_dtype(d): d is a floating dtype (float32, float64, float16 or bfloat16, as
 * Python 1.13 accepts). It sets libtorch's default, so the ops computed there follow it too (integer
 * true division, an int tensor times a float). Process-wide, as in Python: it also changes the
 * default of every other worker thread.
 */
export function setDefaultDtype(d: DType): void {
  if (!(d instanceof DType)) throw argError('torch.set_default_dtype', 'd', 'a torch dtype such as torch.float64', d);
  if (!d.isFloatingPoint) throw new TypeError(`torch.set_default_dtype: only floating-point types are supported as the default type, got ${d}`);
  native.setDefaultDtype(d.code);
}
