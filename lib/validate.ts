// The one argument checker (sharp's style): each check names the PyTorch call, the argument, what was
// expected and what came. Native code trusts what passes here.
import { argError } from './errors';

const MAX_SIZE = 2 ** 53;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || ArrayBuffer.isView(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function int(call: string, name: string, v: unknown, min = -Infinity): number {
  if (typeof v === 'bigint') v = Number(v);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw argError(call, name, 'an integer', v);
  if (v < min) throw argError(call, name, min === 0 ? 'a non-negative integer' : min === 1 ? 'a positive integer' : `an integer >= ${min}`, v, 'range');
  if (Math.abs(v) > MAX_SIZE) throw argError(call, name, 'an integer of at most 2^53', v, 'range');
  return v;
}

export function optInt(call: string, name: string, v: unknown, min = -Infinity): number | undefined {
  return v === undefined || v === null ? undefined : int(call, name, v, min);
}

export function number(call: string, name: string, v: unknown): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number') throw argError(call, name, 'a number', v);
  return v;
}

export function finite(call: string, name: string, v: unknown): number {
  const n = number(call, name, v);
  if (!Number.isFinite(n)) throw argError(call, name, 'a finite number', v, 'range');
  return n;
}

/** A number in [lo, hi]. */
export function inRange(call: string, name: string, v: unknown, lo: number, hi: number): number {
  const n = number(call, name, v);
  if (!(n >= lo && n <= hi)) throw argError(call, name, `a number in [${lo}, ${hi}]`, v, 'range');
  return n;
}

export function bool(call: string, name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw argError(call, name, 'a boolean', v);
  return v;
}

export function str(call: string, name: string, v: unknown): string {
  if (typeof v !== 'string') throw argError(call, name, 'a string', v);
  return v;
}

export function oneOf<T extends string>(call: string, name: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw argError(call, name, 'one of ' + allowed.map((a) => `'${a}'`).join(', '), v, typeof v === 'string' ? 'range' : 'type');
  }
  return v as T;
}

export function func(call: string, name: string, v: unknown): (...args: never[]) => unknown {
  if (typeof v !== 'function') throw argError(call, name, 'a function', v);
  return v as (...args: never[]) => unknown;
}

/** A list of integers (a shape or a list of dims). */
export function ints(call: string, name: string, v: unknown, min = -Infinity): number[] {
  if (!Array.isArray(v)) throw argError(call, name, 'an array of integers', v);
  return v.map((x, i) => int(call, `${name}[${i}]`, x, min));
}

/** A list of numbers (learning rates, means). */
export function numbers(call: string, name: string, v: unknown): number[] {
  if (!Array.isArray(v)) throw argError(call, name, 'an array of numbers', v);
  return v.map((x, i) => number(call, `${name}[${i}]`, x));
}

/**
 * A size given PyTorch's two ways: varargs `zeros(2, 3)` or one list `zeros([2, 3])`.
 * Returns the sizes and the index of the first argument after them.
 */
export function sizeArgs(call: string, args: readonly unknown[]): { sizes: number[]; rest: number } {
  if (Array.isArray(args[0])) return { sizes: ints(call, 'size', args[0], 0), rest: 1 };
  let n = 0;
  while (n < args.length && (typeof args[n] === 'number' || typeof args[n] === 'bigint')) n++;
  return { sizes: args.slice(0, n).map((x, i) => int(call, `size[${i}]`, x, 0)), rest: n };
}

/** Like sizeArgs, for view/reshape/permute/repeat, where -1 or negative dims are allowed. */
export function dimArgs(call: string, name: string, args: readonly unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return ints(call, name, args[0]);
  return args.map((x, i) => int(call, `${name}[${i}]`, x));
}

/** The trailing options object of a call, or {} when it is absent. */
export function options(call: string, v: unknown): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v)) throw argError(call, 'options', 'an options object', v);
  return v;
}

/** Python's snake_case name of a camelCase one, for messages and state dicts: weightDecay → weight_decay, TMax → T_max. */
export function pythonName(name: string): string {
  return name.replace(/(?!^)[A-Z]/g, (c) => '_' + c.toLowerCase());
}

/**
 * Binds a call's arguments as Python binds positional and keyword ones: `args` are positional values
 * for `names` (Python's order), then an optional trailing options object whose camelCase keys may
 * name any of `names` and `keywordOnly`. Returns the values by camelCase name. An undefined value is
 * not given, so that wrappers can pass their optional parameters on.
 */
export function bindArgs(call: string, names: readonly string[], args: readonly unknown[], keywordOnly: readonly string[] = []): Record<string, unknown> {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  const hasOpts = n > 0 && isPlainObject(args[n - 1]);
  const out: Record<string, unknown> = hasOpts ? { ...(args[n - 1] as Record<string, unknown>) } : {};
  if (hasOpts) n--;
  if (n > names.length) {
    const most = names.length === 0 ? '0 positional arguments' : `at most ${names.length} positional argument${names.length === 1 ? '' : 's'}`;
    throw new TypeError(`${call}: takes ${most} but ${n} ${n === 1 ? 'was' : 'were'} given`);
  }
  knownOptions(call, out, keywordOnly.length ? [...names, ...keywordOnly] : names);
  for (let i = 0; i < n; i++) {
    if (args[i] === undefined) continue;
    if (out[names[i]] !== undefined) throw new TypeError(`${call}: got multiple values for argument '${pythonName(names[i])}'`);
    out[names[i]] = args[i];
  }
  return out;
}

/** Rejects option names that the call does not know (catches snake_case leftovers from Python). */
export function knownOptions(call: string, opts: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(opts)) {
    if (!known.includes(key)) {
      const camel = key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
      const hint = camel !== key && known.includes(camel) ? ` (did you mean '${camel}'?)` : '';
      throw new TypeError(`${call}: unknown option '${key}'${hint}; ${known.length ? `known options: ${known.join(', ')}` : 'it takes no options'}`);
    }
  }
}
