// How a DataLoader's dataset, collate_fn and worker_init_fn reach its worker threads, and how batches
// come back: Python pickles them (torch.multiprocessing's reductions); this is the same idea for
// threads. Values are walked into a structured-cloneable tree:
// - tensors are not copied: each is parked in the addon's process-wide table and the receiving
//   thread adopts the same storage (native/multiprocessing.cc);
// - objects are sent as their class plus their own properties, and rebuilt without running the
//   constructor (pickle's default for class instances); functions and classes are sent by name;
// - a name is found as pickle finds one: in the library (`torch.utils.data.TensorDataset`,
//   `torchvision.transforms.Resize`, ...), from `__module__` (a file path or file: URL; the export
//   is `__qualname__` or the class's name), or by searching the loaded CommonJS modules (pickle's
//   whichmodule). A closure or a class that no module exports cannot be sent, as in Python under
//   spawn ("Can't pickle local object"): the error names the path to it inside the dataset.
// Typed arrays are structured-cloned (copied); ones over a SharedArrayBuffer are shared.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { native } from '../../../native';
import { Tensor } from '../../../tensor';
import * as torch from '../../../index';

/* eslint-disable @typescript-eslint/no-explicit-any */

const roots: Record<string, object> = {};

/** Makes a library namespace (torch, torchvision) a source of names. */
export function registerGlobalRoot(name: string, ns: object): void {
  roots[name] = ns;
  tables = null;
}

// Where a worker finds a root that is not loaded yet (relative to this file, in dist/ or lib/).
const ROOT_FILES: Record<string, string> = { torch: '../../../index', torchvision: '../../../vision/index' };

function root(name: string): any {
  if (name === 'torch') return roots.torch ?? torch;
  if (!roots[name] && ROOT_FILES[name]) roots[name] = require(path.join(__dirname, ROOT_FILES[name]));
  return roots[name];
}

interface Tables {
  byValue: Map<unknown, string>;
  byPrototype: Map<object, string>;
}
let tables: Tables | null = null;

function isNamespace(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') return false;
  const p = Object.getPrototypeOf(x);
  return p === null || p === Object.prototype || (x as any).__esModule === true || (x as any)[Symbol.toStringTag] === 'Module';
}

/** Every function and class reachable from the registered roots, by its dotted name (first found). */
function libraryTables(): Tables {
  if (tables) return tables;
  const t: Tables = { byValue: new Map(), byPrototype: new Map() };
  const seen = new Set<unknown>();
  let level: [string, unknown][] = [['torch', root('torch')], ...Object.entries(roots).filter(([k]) => k !== 'torch')];
  for (let depth = 0; depth < 6 && level.length; depth++) {
    const next: [string, unknown][] = [];
    for (const [name, ns] of level) {
      if (seen.has(ns)) continue;
      seen.add(ns);
      let keys: string[] = [];
      try {
        keys = Object.keys(ns as object);
      } catch {
        continue;
      }
      for (const k of keys) {
        let val: unknown;
        try {
          val = (ns as any)[k];
        } catch {
          continue;
        }
        const full = `${name}.${k}`;
        if (typeof val === 'function') {
          if (!t.byValue.has(val)) t.byValue.set(val, full);
          const proto = (val as any).prototype;
          if (proto && typeof proto === 'object' && !t.byPrototype.has(proto)) t.byPrototype.set(proto, full);
        } else if (isNamespace(val)) {
          next.push([full, val]);
        }
      }
    }
    level = next;
  }
  tables = t;
  return t;
}

type GlobalRef = string | { module: string; name: string | null };

function moduleFile(m: string): string {
  return m.startsWith('file:') ? fileURLToPath(m) : m;
}

/** pickle's whichmodule: the loaded CommonJS module that exports `obj`, and the export's name. */
function whichModule(obj: any): GlobalRef | null {
  if (typeof obj.__module__ === 'string') return { module: moduleFile(obj.__module__), name: typeof obj.__qualname__ === 'string' ? obj.__qualname__ : obj.name };
  const cache = (typeof require === 'function' && require.cache) || {};
  for (const [file, m] of Object.entries(cache)) {
    const ex = m?.exports;
    if (ex === obj) return { module: file, name: null };
    if (ex && (typeof ex === 'object' || typeof ex === 'function')) {
      for (const k of Object.keys(ex)) {
        try {
          if (ex[k] === obj) return { module: file, name: k };
        } catch {
          /* a getter that throws */
        }
      }
    }
  }
  return null;
}

function globalName(fn: unknown): GlobalRef | null {
  return libraryTables().byValue.get(fn) ?? whichModule(fn);
}

function prototypeName(proto: object): GlobalRef | null {
  const lib = libraryTables().byPrototype.get(proto);
  if (lib) return lib;
  const ctor = (proto as any).constructor;
  return typeof ctor === 'function' && ctor.prototype === proto ? whichModule(ctor) : null;
}

export function resolveGlobal(ref: GlobalRef): any {
  if (typeof ref === 'string') {
    const [first, ...rest] = ref.split('.');
    let x = root(first);
    for (const k of rest) x = x?.[k];
    if (x === undefined) throw new Error(`torch.utils.data: cannot find ${ref} in this thread's torch-node`);
    return x;
  }
  const mod = require(ref.module);
  const x = ref.name === null ? mod : ref.name.split('.').reduce((o: any, k) => o?.[k], mod);
  if (x === undefined) throw new Error(`torch.utils.data: ${ref.module} does not export ${ref.name}`);
  return x;
}

/** The reason a value cannot cross to a worker thread (Python: "Can't pickle ..."). */
export class PicklingError extends TypeError {}

function describeFn(f: any): string {
  return f.name ? `function ${f.name}` : 'an anonymous function (lambda)';
}

/**
 * Encodes `value` for postMessage. `tensors` collects the ids of the tensors parked on the way, so
 * a caller that fails to send can release them.
 */
export function dumps(value: unknown, where: string, tensors: number[] = []): unknown {
  const call = 'torch.utils.data.DataLoader';
  const memo = new Map<unknown, number>();
  const enc = (x: any, at: string): unknown => {
    if (x === null || x === undefined || typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean' || typeof x === 'bigint') return x;
    if (typeof x === 'symbol') throw new PicklingError(`${call}: cannot send ${at} (a symbol) to a DataLoader worker thread`);
    if (memo.has(x)) return { $ref: memo.get(x) };
    if (x instanceof Tensor) {
      const id = native.shareTensor(x) as number;
      tensors.push(id);
      memo.set(x, memo.size);
      return { $t: id };
    }
    if (ArrayBuffer.isView(x) || x instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && x instanceof SharedArrayBuffer) || x instanceof Date || x instanceof RegExp) {
      memo.set(x, memo.size);
      return { $v: x };
    }
    if (typeof x === 'function') {
      const g = globalName(x);
      if (g !== null) {
        memo.set(x, memo.size);
        return { $g: g };
      }
      // A callable object (a torchvision transform): its prototype is an exported class's.
      const proto = Object.getPrototypeOf(x);
      if (proto !== Function.prototype && typeof proto?.forward === 'function') {
        const p = prototypeName(proto);
        if (p !== null) {
          const me = memo.size;
          memo.set(x, me);
          return { $call: p, me, state: encState(x, at) };
        }
      }
      throw new PicklingError(
        `${call}: cannot send ${at} (${describeFn(x)}) to a DataLoader worker thread: a function is sent by name, and no module ` +
          'exports this one (as Python under spawn: "Can\'t pickle local object"). Export it from a CommonJS module, give it ' +
          'a static __module__ = __filename, or use numWorkers: 0',
      );
    }
    if (Array.isArray(x)) {
      const me = memo.size;
      memo.set(x, me);
      return { $a: x.map((e, i) => enc(e, `${at}[${i}]`)), me, own: extraProps(x, at) };
    }
    if (x instanceof Map) {
      const me = memo.size;
      memo.set(x, me);
      return { $map: [...x].map(([k, v], i) => [enc(k, `${at}.keys[${i}]`), enc(v, `${at}.get(${String(k)})`)]), me };
    }
    if (x instanceof Set) {
      const me = memo.size;
      memo.set(x, me);
      return { $set: [...x].map((v, i) => enc(v, `${at}[${i}]`)), me };
    }
    const proto = Object.getPrototypeOf(x);
    if (proto === Object.prototype || proto === null) {
      const me = memo.size;
      memo.set(x, me);
      return { $o: encState(x, at), me, nullProto: proto === null };
    }
    const cls = prototypeName(proto);
    if (cls === null) {
      const name = proto?.constructor?.name ?? 'an object';
      throw new PicklingError(
        `${call}: cannot send ${at} (an instance of ${name}) to a DataLoader worker thread: objects are rebuilt from their ` +
          `class, and no module exports ${name} (Python: "Can't pickle local object"). Export the class from a CommonJS ` +
          'module, give it a static __module__ = __filename, or use numWorkers: 0',
      );
    }
    const me = memo.size;
    memo.set(x, me);
    return { $obj: cls, me, state: encState(x, at) };
  };
  // Own data properties (enumerable or not); accessors on the instance itself are not sent.
  const encState = (x: object, at: string): [string, unknown, boolean][] => {
    const out: [string, unknown, boolean][] = [];
    for (const [k, d] of Object.entries(Object.getOwnPropertyDescriptors(x))) {
      if (!('value' in d)) continue;
      if (typeof x === 'function' && (k === 'length' || k === 'name' || k === 'prototype')) continue;
      out.push([k, enc(d.value, `${at}.${k}`), d.enumerable ?? true]);
    }
    return out;
  };
  const extraProps = (a: unknown[], at: string): [string, unknown, boolean][] => {
    const keys = Object.keys(a).filter((k) => !/^\d+$/.test(k));
    return keys.map((k) => [k, enc((a as any)[k], `${at}.${k}`), true]);
  };
  return enc(value, where);
}

/** Rebuilds what dumps() encoded, in this thread (adopting its tensors). */
export function loads(data: unknown): any {
  const memo: unknown[] = [];
  const setState = (obj: any, state: [string, unknown, boolean][]): void => {
    for (const [k, v, enumerable] of state) Object.defineProperty(obj, k, { value: dec(v), writable: true, configurable: true, enumerable });
  };
  const dec = (x: any): any => {
    if (x === null || typeof x !== 'object') return x;
    if ('$ref' in x) return memo[x.$ref];
    if ('$t' in x) {
      const t = native.adoptTensor(x.$t) as Tensor;
      memo.push(t);
      return t;
    }
    if ('$v' in x) {
      memo.push(x.$v);
      return x.$v;
    }
    if ('$g' in x) {
      const g = resolveGlobal(x.$g);
      memo.push(g);
      return g;
    }
    if ('$a' in x) {
      const a: unknown[] = [];
      memo[x.me] = a;
      for (const e of x.$a) a.push(dec(e));
      setState(a, x.own);
      return a;
    }
    if ('$map' in x) {
      const m = new Map();
      memo[x.me] = m;
      for (const [k, v] of x.$map) m.set(dec(k), dec(v));
      return m;
    }
    if ('$set' in x) {
      const s = new Set();
      memo[x.me] = s;
      for (const v of x.$set) s.add(dec(v));
      return s;
    }
    if ('$o' in x) {
      const o = x.nullProto ? Object.create(null) : {};
      memo[x.me] = o;
      setState(o, x.$o);
      return o;
    }
    if ('$call' in x) {
      const proto = resolveGlobal(x.$call).prototype;
      // torchvision's callable transforms: calling the object calls its forward.
      const fn: any = function (this: unknown, ...args: unknown[]) {
        return fn.forward(...args);
      };
      Object.setPrototypeOf(fn, proto);
      memo[x.me] = fn;
      setState(fn, x.state);
      return fn;
    }
    if ('$obj' in x) {
      const o = Object.create(resolveGlobal(x.$obj).prototype);
      memo[x.me] = o;
      setState(o, x.state);
      return o;
    }
    throw new Error('torch.utils.data: malformed message from another thread');
  };
  return dec(data);
}

/** Drops parked tensors that will never be adopted (a batch nobody reads, a failed send). */
export function releaseTensors(ids: Iterable<number>): void {
  for (const id of ids) native.releaseSharedTensor(id);
}

/** The ids of the tensors inside an encoded value (to release them when it is dropped unread). */
export function tensorIds(data: unknown, out: number[] = []): number[] {
  if (data === null || typeof data !== 'object') return out;
  if (ArrayBuffer.isView(data)) return out;
  const x = data as any;
  if ('$t' in x && typeof x.$t === 'number') out.push(x.$t);
  else if ('$v' in x) return out;
  else for (const v of Object.values(x)) tensorIds(v, out);
  return out;
}
