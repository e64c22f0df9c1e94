// Python's functools.partial, as torchvision's models take it (`norm_layer=partial(nn.LayerNorm, eps=1e-6)`)
// and as torch.save pickles it: a function that remembers its callable, positional arguments and keyword
// arguments (camelCase, a trailing options object when called), so that a module keeping one
// (VisionTransformer.norm_layer) is written as Python's functools.partial and read back as one.
import { Module } from './nn/module';
import * as v from './validate';

/** What a partial was made of: Python's partial.func, partial.args and partial.keywords. */
export interface PartialParts {
  // eslint-disable-next-line @typescript-eslint/ban-types
  func: Function;
  args: unknown[];
  keywords: Record<string, unknown>;
}

// eslint-disable-next-line @typescript-eslint/ban-types
const parts = new WeakMap<Function, PartialParts>();

/**
 * `functools.partial(func, *args, **keywords)`: calling it calls func with args, then the call's own
 * arguments, and keywords merged under the call's options object. A module class is constructed (`new`).
 */
// eslint-disable-next-line @typescript-eslint/ban-types, @typescript-eslint/no-explicit-any
export function partial(func: Function, args: unknown[], keywords: Record<string, unknown>): (...a: any[]) => any {
  const fn = (...more: unknown[]): unknown => {
    const last = more[more.length - 1];
    const merged = v.isPlainObject(last) ? [...args, ...more.slice(0, -1), { ...keywords, ...last }] : [...args, ...more, { ...keywords }];
    const all = Object.keys(merged[merged.length - 1] as object).length ? merged : merged.slice(0, -1);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return func === Module || func.prototype instanceof Module ? new (func as any)(...all) : func(...all);
  };
  parts.set(fn, { func, args: [...args], keywords: { ...keywords } });
  return fn;
}

/** The parts of a function partial() made, or undefined. */
// eslint-disable-next-line @typescript-eslint/ban-types
export function partialParts(fn: Function): PartialParts | undefined {
  return parts.get(fn);
}
