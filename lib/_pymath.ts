// Python's float arithmetic where PyTorch's Python code computes with floats (optimizer bias
// corrections, learning-rate schedules): `x ** y`, math.cos, math.log and math.exp are C's libm in
// CPython, and JS's Math rounds differently in the last bit for some arguments (native/libm.cc), so
// these call libm. Math.sqrt needs no stand-in: both are correctly rounded.
import { native } from './native';

/** Python's `x ** y` on floats (C's pow). */
export const pow = (x: number, y: number): number => native.libmPow(x, y) as number;
/** math.cos */
export const cos = (x: number): number => native.libmCos(x) as number;
/** math.log */
export const log = (x: number): number => native.libmLog(x) as number;
/** math.exp */
export const exp = (x: number): number => native.libmExp(x) as number;
