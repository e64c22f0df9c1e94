// torch.finfo and torch.iinfo (torch/csrc/TypeInfo.cpp): the numerical limits of a dtype, and the
// constants torch/__init__.py takes from math (torch.pi, torch.e, torch.inf, torch.nan).
import { DType, getDefaultDtype, float16, float32, float64, bfloat16, complex32, complex64, complex128, uint8, int8, int16, int32, int64, bool } from './dtype';
import { argError } from './errors';
import { bindArgs } from './validate';
import { formatExp, formatFixed } from './_tensor_str';

/** C's "%g" (6 significant digits, trailing zeros dropped): TypeInfo.cpp's repr prints every limit so. */
function g(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const strip = (m: string): string => (m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m);
  const [mant, exp] = formatExp(x, 5).split('e');
  return Number(exp) < -4 || Number(exp) >= 6 ? `${strip(mant)}e${exp}` : strip(formatFixed(x, 5 - Number(exp)));
}

/** The dtype argument of finfo/iinfo: a torch.dtype, as Python's argument parser requires. */
function dtypeArg(call: string, args: unknown[], required: boolean): DType | undefined {
  const { type } = bindArgs(call, ['type'], args);
  if (type === undefined && !required) return undefined;
  if (!(type instanceof DType)) throw argError(call, 'type', 'a torch.dtype', type);
  return type;
}

// [bits, eps, max, tiny, resolution] as std::numeric_limits gives them; resolution is 10 ** -digits10
const FLOATS = new Map<DType, readonly [number, number, number, number, number]>([
  [float32, [32, 2 ** -23, (2 - 2 ** -23) * 2 ** 127, 2 ** -126, 1e-6]],
  [float64, [64, Number.EPSILON, Number.MAX_VALUE, 2 ** -1022, 1e-15]],
  [float16, [16, 2 ** -10, 65504, 2 ** -14, 1e-3]],
  [bfloat16, [16, 2 ** -7, (2 - 2 ** -7) * 2 ** 127, 2 ** -126, 1e-2]],
]);
// a complex dtype's limits are those of its real part, and finfo.dtype names that part
const REAL = new Map<DType, DType>([[complex32, float16], [complex64, float32], [complex128, float64]]);

/**
 * torch.finfo(type=torch.get_default_dtype()): the limits of a floating point (or complex) dtype.
 * `new torch.finfo(torch.float16)`, `new torch.finfo({ type: torch.float16 })`, `new torch.finfo()`.
 */
export class finfo {
  readonly bits: number;
  readonly eps: number;
  readonly max: number;
  readonly min: number;
  readonly tiny: number;
  readonly smallestNormal: number;
  readonly resolution: number;
  /** The dtype's name, a string as in Python ('float32'; a complex dtype gives its real one). */
  readonly dtype: string;
  constructor(...args: [type?: DType | { type?: DType }]) {
    const t = dtypeArg('torch.finfo', args, false) ?? getDefaultDtype();
    const real = REAL.get(t) ?? t;
    const info = FLOATS.get(real);
    if (info === undefined) throw new TypeError("torch.finfo() requires a floating point input type. Use torch.iinfo to handle 'torch.finfo'");
    [this.bits, this.eps, this.max, this.tiny, this.resolution] = info;
    this.min = -this.max;
    this.smallestNormal = this.tiny;
    this.dtype = real.name;
  }
  toString(): string {
    return `finfo(resolution=${g(this.resolution)}, min=${g(this.min)}, max=${g(this.max)}, eps=${g(this.eps)}, smallest_normal=${g(this.smallestNormal)}, tiny=${g(this.tiny)}, dtype=${this.dtype})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// [bits, min, max]; int64's limits are bigints, as item() gives integers beyond Number.MAX_SAFE_INTEGER
const INTS = new Map<DType, readonly [number, number | bigint, number | bigint]>([
  [uint8, [8, 0, 255]], [int8, [8, -128, 127]], [int16, [16, -32768, 32767]],
  [int32, [32, -2147483648, 2147483647]], [int64, [64, -(2n ** 63n), 2n ** 63n - 1n]],
]);

/** torch.iinfo(type): the limits of an integer dtype. `new torch.iinfo(torch.int32)`. */
export class iinfo {
  readonly bits: number;
  readonly min: number | bigint;
  readonly max: number | bigint;
  /** The dtype's name, a string as in Python ('int32'). */
  readonly dtype: string;
  constructor(...args: [type: DType | { type: DType }]) {
    const t = dtypeArg('torch.iinfo', args, true) as DType;
    if (t === bool) throw new TypeError('torch.bool is not supported by torch.iinfo');
    const info = INTS.get(t);
    if (info === undefined) throw new TypeError("torch.iinfo() requires an integer input type. Use torch.finfo to handle 'torch.iinfo'");
    [this.bits, this.min, this.max] = info;
    this.dtype = t.name;
  }
  toString(): string {
    return `iinfo(min=${g(Number(this.min))}, max=${g(Number(this.max))}, dtype=${this.dtype})`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export const pi = Math.PI;
export const e = Math.E;
export const inf = Infinity;
export const nan = NaN;
