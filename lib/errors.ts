// TorchError carries libtorch's own message; argument errors raised here in TypeScript are
// TypeError / RangeError and name the argument and the PyTorch call they mirror.
import { native } from './native';

export class TorchError extends Error {
  constructor(message: string) {
    // Error() would call a non-string's own toString, which may throw anything (or not exist).
    if (message !== undefined && typeof message !== 'string') throw argError('TorchError', 'message', 'a string', message);
    super(message);
    this.name = 'TorchError';
  }
}
native.setErrorClass(TorchError);

/** Python's NotImplementedError: raised where PyTorch raises it and callers (parametrize) catch it by class. */
export class NotImplementedError extends Error {
  constructor(message?: string) {
    // Python's NotImplementedError(x) takes any object and shows str(x). Error() throws on a Symbol, and
    // String() on an object without a usable toString (Object.create(null), a throwing one): described then.
    super(message === undefined ? undefined : text(message));
    this.name = 'NotImplementedError';
  }
}

function text(x: unknown): string {
  try {
    return String(x);
  } catch {
    return describe(x);
  }
}

/** A short, safe description of any value for an error message (never calls its own toString). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const ctor = (value as object).constructor;
    return ctor && ctor.name ? `a ${ctor.name}` : 'an object';
  }
  return typeof value;
}

/** Builds the error for `call: name must be expected, got value` (sharp's style). */
export function argError(call: string, name: string, expected: string, value: unknown, kind: 'type' | 'range' = 'type'): Error {
  const message = `${call}: ${name} must be ${expected}, got ${describe(value)}`;
  return kind === 'range' ? new RangeError(message) : new TypeError(message);
}
