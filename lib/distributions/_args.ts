// Binds a distribution constructor's arguments as Python does: positionals in Python's order, then
// an options object with camelCase keys (validateArgs, ...).
import { Tensor, isTensor } from '../tensor';
import * as v from '../validate';

export type Param = Tensor | number;
export interface ValidateOptions { validateArgs?: boolean | null }

export function bind(call: string, names: readonly string[], args: readonly unknown[]): Record<string, unknown> {
  return v.bindArgs(call, names, args);
}

export function required(call: string, a: Record<string, unknown>, name: string): unknown {
  if (a[name] === undefined || a[name] === null) throw new TypeError(`${call}: missing required argument '${v.pythonName(name)}'`);
  return a[name];
}

export function tensorParam(call: string, name: string, x: unknown): Tensor {
  if (!isTensor(x)) throw new TypeError(`${call}: ${v.pythonName(name)} must be a Tensor, got ${x === null ? 'null' : typeof x}`);
  return x;
}

/** The value argument of log_prob/cdf/icdf when validation is off: a tensor still. */
export function valueArg(call: string, x: unknown): Tensor {
  if (!isTensor(x)) throw new TypeError(`${call}: value must be a Tensor, got ${x === null ? 'null' : typeof x}`);
  return x;
}
