// Argument splitting shared by nn.functional and the loss modules (internal, not exported by torch.nn).
import * as v from '../validate';

export type Options = Record<string, unknown>;

export const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());

/**
 * Python's parameters after the leading ones: positional in `names` order (undefined ones skipped),
 * then an optional trailing options object that may name any of `known` (camelCase). Returns them by
 * name, each given at most once.
 */
export function params(call: string, rest: readonly unknown[], names: readonly string[], known: readonly string[]): Options {
  const pos = [...rest];
  while (pos.length && pos[pos.length - 1] === undefined) pos.pop();
  const o: Options = pos.length && v.isPlainObject(pos[pos.length - 1]) ? { ...(pos.pop() as Options) } : {};
  if (pos.length > names.length) throw new TypeError(`${call}: takes at most ${names.length} positional arguments here, got ${pos.length}`);
  v.knownOptions(call, o, known);
  pos.forEach((val, i) => {
    if (val === undefined) return;
    if (o[names[i]] !== undefined) throw new TypeError(`${call}: got multiple values for argument '${snake(names[i])}'`);
    o[names[i]] = val;
  });
  return o;
}
