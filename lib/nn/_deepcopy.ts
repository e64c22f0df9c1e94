// Python's copy.deepcopy of a module, for the torch.nn code that Python writes with it (Transformer's
// _get_clones, nn.utils.fusion). Internal: not part of torch.nn's exports.
import { Module } from './module';
import { Tensor } from '../tensor';
import { Parameter } from './parameter';
import * as v from '../validate';

function copyValue(x: unknown, memo: Map<unknown, unknown>): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (memo.has(x)) return memo.get(x);
  let out: unknown;
  if (x instanceof Module) out = deepcopyModule(x, memo);
  else if (x instanceof Parameter) {
    out = new Parameter(x.detach().clone(), x.requiresGrad);
  } else if (x instanceof Tensor) {
    out = x.detach().clone().requiresGrad_(x.requiresGrad);
  } else if (x instanceof Map) {
    const m = new Map();
    memo.set(x, m);
    for (const [k, e] of x) m.set(k, copyValue(e, memo));
    out = m;
  } else if (x instanceof Set) {
    const s = new Set();
    memo.set(x, s);
    for (const e of x) s.add(copyValue(e, memo));
    out = s;
  } else if (Array.isArray(x)) {
    const a: unknown[] = [];
    memo.set(x, a);
    for (const e of x) a.push(copyValue(e, memo));
    out = a;
  } else if (v.isPlainObject(x)) {
    const o: Record<string, unknown> = {};
    memo.set(x, o);
    for (const [k, e] of Object.entries(x)) o[k] = copyValue(e, memo);
    out = o;
  } else {
    // dtypes, devices and other immutable objects are shared, as deepcopy of atomic values
    out = x;
  }
  memo.set(x, out);
  return out;
}

/**
 * Python's `copy.deepcopy(module)`: a module of the same class whose own state (parameters, buffers,
 * children, settings, hidden registries) is copied, tensors cloned, shared members shared once. The
 * copy is made by Module's own constructor (its Proxy, registries and per-instance members), without
 * the subclass constructor, and then takes the original's state.
 */
export function deepcopyModule<T extends Module>(m: T, memo: Map<unknown, unknown> = new Map()): T {
  const copy = Reflect.construct(Module, [], m.constructor) as T;
  memo.set(m, copy);
  for (const key of Reflect.ownKeys(m)) {
    const desc = Reflect.getOwnPropertyDescriptor(m, key) as PropertyDescriptor;
    const mine = Reflect.getOwnPropertyDescriptor(copy, key);
    if (mine !== undefined && !('value' in desc && desc.writable && mine.writable && key !== 'forward')) {
      // Module's registries: the copy has its own, which take the original's entries.
      if (mine.value instanceof Map && desc.value instanceof Map) for (const [k, x] of desc.value) mine.value.set(k, copyValue(x, memo));
      else if (mine.value instanceof Set && desc.value instanceof Set) for (const x of desc.value) mine.value.add(copyValue(x, memo));
      // anything else the constructor made per instance (the hook-running forward) stays the copy's own
      continue;
    }
    if ('value' in desc) desc.value = copyValue(desc.value, memo);
    Reflect.defineProperty(copy, key, desc);
  }
  return copy;
}
