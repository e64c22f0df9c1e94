// torch.save: writes the zip format of torch >= 1.6, which every Python torch.load since 1.6 reads.
import * as path from 'node:path';
import { native } from '../native';
import { TorchError } from '../errors';
import { DType } from '../dtype';
import { Tensor } from '../tensor';
import * as v from '../validate';
import { Counter } from '../collections';
import { FormatError, Pickler } from './pickle';
import { storageClassName } from './rebuild';
import { writeArchive } from './zip';
import { writeAtomicAsync } from './file';
import { Module } from '../nn/module';
import { Parameter } from '../nn/parameter';
import { PyFloat, PyGlobal, PyList, PyObject, PyOrderedDict, PyPartial, PySet, moduleObject } from './modules';

interface SavedStorage {
  key: string;
  dtype: DType;
  location: string;
  /** The record's bytes (torch.save), or, for torch.saveAsync, the tensor whose elements (or whole storage) they are. */
  bytes: Uint8Array;
  /** Its number of elements. */
  numel: number;
  source?: { tensor: Tensor; whole: boolean };
}

interface SavedTensor {
  storage: SavedStorage;
  offset: number;
  size: number[];
  stride: number[];
}

function contiguousStrides(size: number[]): number[] {
  const stride = new Array<number>(size.length);
  let s = 1;
  for (let i = size.length - 1; i >= 0; i--) {
    stride[i] = s;
    s *= Math.max(size[i], 1);
  }
  return stride;
}

function describe(x: unknown): string {
  if (x === undefined) return 'undefined';
  if (typeof x === 'function') return 'a function';
  if (typeof x === 'symbol') return 'a symbol';
  const ctor = (x as object).constructor;
  return ctor && ctor.name ? `${/^[AEIOU]/.test(ctor.name) ? 'an' : 'a'} ${ctor.name}` : 'an object';
}

/**
 * Plans the storages: a storage that several saved tensors view is written whole, with each tensor
 * as a view into it (they stay sharing after torch.load); any other tensor is written contiguous.
 */
function planTensors(obj: unknown, lazy: boolean, pyObject: (m: Module, where: string) => PyObject): Map<Tensor, SavedTensor> {
  const tensors: Tensor[] = [];
  const seen = new Set<unknown>();
  // `where` is the path pickleObject's errors name, for a module that cannot be pickled.
  const walk = (x: unknown, where: string): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    if (x instanceof Tensor) tensors.push(x);
    else if (Array.isArray(x)) x.forEach((e, i) => walk(e, `${where}[${i}]`));
    else if (x instanceof Map) x.forEach((e, k) => walk(e, `${where}.get(${JSON.stringify(k)})`));
    else if (v.isPlainObject(x)) Object.entries(x).forEach(([k, e]) => walk(e, `${where}[${JSON.stringify(k)}]`));
    else if (x instanceof Module) walk(pyObject(x, where), where);
    else if (x instanceof PyObject) x.state.forEach(([k, e]) => walk(e, `${where}.${k}`));
    else if (x instanceof PyOrderedDict) x.entries.forEach(([k, e]) => walk(e, `${where}[${JSON.stringify(k)}]`));
    else if (x instanceof PyList) x.items.forEach((e, i) => walk(e, `${where}[${i}]`));
  };
  walk(obj, 'obj');

  const groups = new Map<number, Tensor[]>();
  for (const t of tensors) {
    const key = native.storageKey(t) as number;
    const g = groups.get(key);
    if (g) g.push(t);
    else groups.set(key, [t]);
  }
  const plan = new Map<Tensor, SavedTensor>();
  for (const group of groups.values()) {
    const first = group[0];
    const storage: SavedStorage = { key: '', dtype: first.dtype, location: String(first.device), bytes: new Uint8Array(0), numel: 0 };
    if (group.length === 1) {
      storage.numel = first.numel();
      if (lazy) storage.source = { tensor: first, whole: false };
      else {
        const cpu = first.isCuda ? (native.to(first, null, 'cpu', false) as Tensor) : first;
        storage.bytes = new Uint8Array(native.bytesView(cpu.isContiguous() ? cpu : cpu.contiguous()));
      }
      plan.set(first, { storage, offset: 0, size: first.shape, stride: contiguousStrides(first.shape) });
    } else {
      storage.numel = native.storageNbytes(first) / first.dtype.itemsize;
      if (lazy) storage.source = { tensor: first, whole: true };
      else storage.bytes = new Uint8Array(native.storageBytes(first));
      for (const t of group) plan.set(t, { storage, offset: native.storageOffset(t), size: t.shape, stride: t.stride() });
    }
  }
  return plan;
}

/** Each module's PyObject, made once (torch.save walks the object twice: planTensors, then pickleObject). */
function moduleObjects(call: string): (m: Module, where: string) => PyObject {
  const made = new Map<Module, PyObject>();
  return (m, where) => {
    let o = made.get(m);
    if (!o) {
      o = moduleObject(m, where, call);
      made.set(m, o);
    }
    return o;
  };
}

/** The protocol-2 pickle of obj, tensors written as torch._utils._rebuild_tensor_v2 calls. */
function pickleObject(obj: unknown, plan: Map<Tensor, SavedTensor>, storages: SavedStorage[], pyObject: (m: Module, where: string) => PyObject): Uint8Array {
  const p = new Pickler();
  const BATCH = 1000; // Python's pickle batches SETITEMS / APPENDS by 1000
  const save = (x: unknown, where: string): void => {
    if (x === null) return p.none();
    if (typeof x === 'boolean') return p.bool(x);
    if (typeof x === 'bigint') return p.int(x);
    if (typeof x === 'number') return Number.isSafeInteger(x) ? p.int(x) : p.float(x);
    if (typeof x === 'string') return p.string(x);
    if (x instanceof DType) return p.global('torch', x.name);
    if (x instanceof PyFloat) return p.float(x.value);
    if (x instanceof PyGlobal) return p.global(x.module, x.name);
    if (typeof x !== 'object') throw new TypeError(`torch.save: ${where} is ${describe(x)}; torch.save writes tensors, modules, objects, Maps, arrays, numbers, bigints, strings, booleans and null`);
    if (p.memoized(x)) return;
    if (x instanceof Parameter) {
      // torch._utils._rebuild_parameter(data, requires_grad, OrderedDict()), as Parameter.__reduce_ex__.
      p.global('torch._utils', '_rebuild_parameter');
      p.mark();
      saveTensor(x, {}, false);
      p.bool(x.requiresGrad);
      p.global('collections', 'OrderedDict');
      p.emptyTuple();
      p.reduce();
      p.tuple();
      p.reduce();
      p.put(x);
      return;
    }
    if (x instanceof Tensor) return saveTensor(x, x, x.requiresGrad);
    if (x instanceof Module) {
      // object.__reduce_ex__(2): NEWOBJ of the class, then BUILD with its __dict__.
      const o = pyObject(x, where);
      p.global(o.cls.module, o.cls.name);
      p.emptyTuple();
      p.newobj();
      p.put(x);
      p.emptyDict();
      p.put(o);
      saveItems(o.state.map(([k, val]): [unknown, unknown, string] => [k, val, `${where}.${k}`]));
      p.build();
      return;
    }
    if (x instanceof PyObject) {
      // A hook object (WeightNorm): object.__reduce_ex__(2), as a module.
      p.global(x.cls.module, x.cls.name);
      p.emptyTuple();
      p.newobj();
      p.put(x);
      p.emptyDict();
      saveItems(x.state.map(([k, val]): [unknown, unknown, string] => [k, val, `${where}.${k}`]));
      p.build();
      return;
    }
    if (x instanceof PyOrderedDict) {
      p.global('collections', 'OrderedDict');
      p.emptyTuple();
      p.reduce();
      p.put(x);
      if (x.entries.length) saveItems(x.entries.map(([k, val]): [unknown, unknown, string] => [k, val, `${where}[${JSON.stringify(k)}]`]));
      return;
    }
    if (x instanceof PySet) {
      // Protocol 2 names Python 3's builtins as Python 2's __builtin__, and writes set(list).
      p.global('__builtin__', 'set');
      p.mark();
      p.emptyList();
      saveListItems(x.items, where);
      p.tuple();
      p.reduce();
      p.put(x);
      return;
    }
    if (x instanceof PyPartial) {
      // partial.__reduce__: (partial, (func,), (func, args, keywords or None, __dict__ or None)).
      p.global('functools', 'partial');
      p.mark();
      save(x.func, `${where}.func`);
      p.tuple();
      p.reduce();
      p.put(x);
      p.mark();
      save(x.func, `${where}.func`);
      save(x.args, `${where}.args`);
      if (Object.keys(x.keywords).length) save(x.keywords, `${where}.keywords`);
      else p.none();
      p.none();
      p.tuple();
      p.build();
      return;
    }
    if (x instanceof PyList) {
      p.emptyList();
      p.put(x);
      saveListItems(x.items, where);
      return;
    }
    if (Array.isArray(x) && Object.isFrozen(x)) {
      // A tuple, as Python's pickle writes one; an element that refers back to the tuple has
      // memoized it meanwhile, and then the tuple is dropped and fetched from the memo.
      if (x.length === 0) return p.emptyTuple();
      p.mark();
      x.forEach((e, i) => save(e, `${where}[${i}]`));
      if (p.isMemoized(x)) {
        p.popMark();
        p.memoized(x);
        return;
      }
      p.tuple();
      p.put(x);
      return;
    }
    if (Array.isArray(x)) {
      p.emptyList();
      p.put(x);
      saveListItems(x, where);
      return;
    }
    if (x instanceof Counter) {
      // Python's Counter pickles as Counter(dict(self)): the call, then the counter is memoized.
      p.global('collections', 'Counter');
      p.mark();
      p.emptyDict(); // dict(self): a new dict, not memoized
      saveItems(mapEntries(x, where));
      p.tuple();
      p.reduce();
      p.put(x);
      return;
    }
    let entries: [unknown, unknown, string][];
    if (x instanceof Map) entries = mapEntries(x, where);
    else if (v.isPlainObject(x)) entries = Object.entries(x).map(([k, val]) => [k, val, `${where}[${JSON.stringify(k)}]`]);
    else throw new TypeError(`torch.save: ${where} is ${describe(x)}; torch.save writes tensors, modules, objects, Maps, arrays, numbers, bigints, strings, booleans and null`);
    const metadata = (x as { _metadata?: unknown })._metadata;
    if (metadata instanceof Map) {
      // A state dict (stateDict(), or torch.load's of Python's): an OrderedDict with its _metadata, as
      // Python's state_dict() pickles, so that Python's load_state_dict sees each module's version.
      p.global('collections', 'OrderedDict');
      p.emptyTuple();
      p.reduce();
      p.put(x);
      if (entries.length) saveItems(entries);
      p.emptyDict();
      p.mark();
      save('_metadata', `${where}._metadata`);
      save(new PyOrderedDict([...metadata].map(([k, val]): [string, unknown] => [String(k), val])), `${where}._metadata`);
      p.setItems();
      p.build();
      return;
    }
    p.emptyDict();
    p.put(x);
    saveItems(entries);
  };
  /** torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, OrderedDict()), memoized under memoKey. */
  const saveTensor = (x: Tensor, memoKey: object, requiresGrad: boolean): void => {
    const s = plan.get(x) as SavedTensor;
    if (!s.storage.key) {
      s.storage.key = String(storages.length);
      storages.push(s.storage);
    }
    p.global('torch._utils', '_rebuild_tensor_v2');
    p.mark();
    p.mark(); // the persistent id ('storage', storage_type, key, location, numel)
    p.string('storage');
    p.global('torch', storageClassName(s.storage.dtype));
    p.string(s.storage.key);
    p.string(s.storage.location);
    p.int(s.storage.numel);
    p.tuple();
    p.binpersid();
    p.int(s.offset);
    p.mark(); s.size.forEach((n) => p.int(n)); p.tuple();
    p.mark(); s.stride.forEach((n) => p.int(n)); p.tuple();
    p.bool(requiresGrad);
    p.global('collections', 'OrderedDict'); // backward_hooks: always empty
    p.emptyTuple();
    p.reduce();
    p.tuple();
    p.reduce();
    p.put(memoKey);
  };
  const saveListItems = (items: unknown[], where: string): void => {
    for (let i = 0; i < items.length; i += BATCH) {
      p.mark();
      items.slice(i, i + BATCH).forEach((e, j) => save(e, `${where}[${i + j}]`));
      p.appends();
    }
  };
  const mapEntries = (x: Map<unknown, unknown>, where: string): [unknown, unknown, string][] => [...x].map(([k, val]) => {
    if (!['string', 'number', 'bigint', 'boolean'].includes(typeof k) && k !== null) throw new TypeError(`torch.save: a key of ${where} is ${describe(k)}; dict keys must be strings, numbers, bigints, booleans or null`);
    return [k, val, `${where}.get(${JSON.stringify(typeof k === 'bigint' ? String(k) : k)})`];
  });
  const saveItems = (entries: [unknown, unknown, string][]): void => {
    for (let i = 0; i < entries.length; i += BATCH) {
      p.mark();
      for (const [k, val, at] of entries.slice(i, i + BATCH)) {
        save(k, at);
        save(val, at);
      }
      p.setItems();
    }
  };
  p.proto();
  save(obj, 'obj');
  return p.stop();
}

/**
 * torch.save(obj, f): writes the zip format Python's torch.load reads. obj is a tensor, or objects,
 * Maps and arrays of tensors, numbers, bigints, strings, booleans and null (a state dict). Integers
 * are written as Python ints, other numbers as floats; a Map's keys keep their type (a Map with
 * number keys is a dict with int keys, as an optimizer's state), an object's keys are str. A frozen
 * array is written as a tuple (Adam's betas), a Counter as collections.Counter, a Parameter as one. A
 * module of torch.nn and torchvision classes (and of the classes passed to torch.serialization.safeGlobals)
 * is pickled as Python pickles it, so Python's torch.load returns the same model. The file is written
 * under a temporary name in the same directory and renamed, so a reader never sees half a file.
 */
export function save(obj: unknown, f: string): void {
  const call = 'torch.save';
  v.str(call, 'f', f);
  const pyObject = moduleObjects(call);
  const plan = planTensors(obj, false, pyObject);
  const storages: SavedStorage[] = [];
  const pkl = pickleObject(obj, plan, storages, pyObject);

  const archive = path.basename(f).replace(/\.[^.]*$/, '').replace(/[^\w.-]/g, '_') || 'archive';
  const records: [string, Uint8Array][] = [
    ['data.pkl', pkl],
    ...storages.map((s): [string, Uint8Array] => [`data/${s.key}`, s.bytes]),
    ['version', new TextEncoder().encode('3\n')],
  ];
  try {
    writeArchive(f, archive, records);
  } catch (e) {
    if (e instanceof FormatError) throw new TorchError(`${call}: ${f}: ${e.message}`);
    throw e;
  }
}

/**
 * torch.save's Promise twin: the pickle is made here, then libtorch's own zip writer (the one Python's
 * torch.save uses) writes it and every storage on libuv's thread pool, straight from the tensors'
 * memory; the file appears atomically, as with torch.save. The saved tensors must not change until
 * the Promise resolves.
 */
export async function saveAsync(obj: unknown, f: string): Promise<void> {
  const call = 'torch.saveAsync';
  v.str(call, 'f', f);
  const pyObject = moduleObjects(call);
  const plan = planTensors(obj, true, pyObject);
  const storages: SavedStorage[] = [];
  const pkl = pickleObject(obj, plan, storages, pyObject);
  const names = ['data.pkl', ...storages.map((s) => `data/${s.key}`)];
  const datas: (Buffer | Tensor)[] = [Buffer.from(pkl.buffer, pkl.byteOffset, pkl.byteLength), ...storages.map((s) => s.source!.tensor)];
  const wholes = [false, ...storages.map((s) => s.source!.whole)];
  try {
    await writeAtomicAsync(f, (tmp) => native.writeArchiveAsync(tmp, names, datas, wholes));
  } catch (e) {
    throw new TorchError(`${call}: ${f}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
