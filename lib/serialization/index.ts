// torch.load / torch.save: the files Python's torch.save writes, read and written in TypeScript
// (libtorch 1.13's own unpickler cannot read a Python state dict; see FACTS.md).
//
// How Python values come back:
//   dict / OrderedDict with only str keys → a plain object, in the file's key order (JS lists
//     integer-like keys such as '0' first, in ascending order); any other dict (int keys, as in an
//     optimizer's state) → a Map. Both are what nn's loadStateDict accepts.
//   list and tuple → array; int → number (bigint beyond 2^53); float → number; str → string;
//   bool → boolean; None → null; bytes → Uint8Array; set → Set; torch.float32 etc. → torch dtypes.
//   Tensors keep their dtype, shape, strides and storage offset, and tensors that shared a storage
//   in Python share it here.
// Writing is the zip format of torch >= 1.6, which every Python torch.load since 1.6 reads.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { native } from '../native';
import { TorchError, argError } from '../errors';
import { DType } from '../dtype';
import { Device, DeviceLike, toDevice } from '../device';
import { Tensor } from '../tensor';
import { isAvailable as cudaIsAvailable } from '../cuda';
import * as v from '../validate';
import { FormatError, PyDict, Pickler, unpickle } from './pickle';
import { StorageRef, StorageType, TensorRef, count, findClass, storageClassName } from './rebuild';
import { isZip, ZipReader, ZipWriter } from './zip';
import { readAt } from './file';
import { isLegacyStream, isTar, readLegacyStream, readTarFormat } from './legacy';

export interface LoadOptions {
  /** Where storages go: a device for all of them, or a map from saved location ('cuda:0') to device. */
  mapLocation?: DeviceLike | Record<string, DeviceLike>;
}

function readZipFormat(zip: ZipReader): unknown {
  if (!zip.has('data.pkl')) {
    if (zip.has('constants.pkl')) throw new FormatError('the file is a TorchScript archive (torch.jit.save), not a torch.save file');
    throw new FormatError('the zip archive has no data.pkl record');
  }
  // torch >= 2.1 records the byte order; older files are little-endian.
  if (zip.has('byteorder') && new TextDecoder().decode(zip.bytes('byteorder')) !== 'little') {
    throw new FormatError('the file was written on a big-endian machine, which torch-node does not read');
  }
  const storages = new Map<string, StorageRef>();
  return unpickle(zip.bytes('data.pkl'), 0, {
    findClass,
    persistentLoad(pid: unknown): unknown {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || !(pid[1] instanceof StorageType)) throw new FormatError('a persistent id is not a storage');
      const key = String(pid[2]);
      const known = storages.get(key);
      if (known) return known;
      const ref = new StorageRef(key, pid[1].dtype, count(pid[4], 'a storage size'), String(pid[3]));
      const name = `data/${key}`;
      const nbytes = ref.numel * ref.dtype.itemsize;
      if (zip.size(name) !== nbytes) throw new FormatError(`record ${name} holds ${zip.size(name)} bytes, its storage needs ${nbytes}`);
      ref.fill = (dest) => zip.readInto(name, dest);
      storages.set(key, ref);
      return ref;
    },
  }).value;
}

/** Reads an open file in the format its first bytes announce. */
function parse(fd: number): unknown {
  const size = fs.fstatSync(fd).size;
  const head = readAt(fd, size, 0, Math.min(size, 512), 'the file header');
  if (isZip(head)) return readZipFormat(new ZipReader(fd, size));
  if (isTar(head)) return readTarFormat(readAt(fd, size, 0, size, 'the tar archive'));
  if (isLegacyStream(head)) return readLegacyStream(fd, size);
  throw new FormatError('not a file torch.save writes (neither a zip archive, a legacy torch.save stream nor a tar archive)');
}

/** Where a storage saved at a location ('cpu', 'cuda:0') goes, from torch.load's map_location. */
type Placement = (location: string) => string;

function placement(call: string, ml: unknown): Placement {
  const dev = (x: unknown, name: string): string => {
    try {
      return String(toDevice(x as DeviceLike));
    } catch {
      throw argError(call, name, "a device such as 'cpu' or 'cuda:0'", x);
    }
  };
  if (ml === undefined || ml === null) return (location) => location;
  if (typeof ml === 'string' || ml instanceof Device) {
    const target = dev(ml, 'map_location');
    return () => target;
  }
  if (v.isPlainObject(ml)) {
    const map = new Map(Object.entries(ml).map(([k, x]) => [k, dev(x, `map_location['${k}']`)]));
    return (location) => map.get(location) ?? location;
  }
  throw argError(call, 'map_location', 'a device, a device string or an object mapping saved locations to devices', ml);
}

function deviceFor(location: string, place: Placement): string {
  let device: Device;
  try {
    device = toDevice(place(location));
  } catch {
    throw new FormatError(`storage location '${location}' is not a device torch-node knows`);
  }
  if (device.type === 'cuda' && !cudaIsAvailable()) {
    throw new TorchError(
      `torch.load: attempting to deserialize a storage saved on '${location}' but torch.cuda.isAvailable() is false. ` +
        "On a CPU-only machine, use torch.load(path, { mapLocation: 'cpu' }) to map the storages to the CPU.",
    );
  }
  return String(device);
}

/** Replaces TensorRefs by tensors (one native storage per file storage) and dicts by objects or Maps. */
function materialize(root: unknown, place: Placement): unknown {
  const storages = new Map<StorageRef, Tensor>();
  const done = new Map<object, unknown>();

  const storageTensor = (ref: StorageRef): Tensor => {
    let t = storages.get(ref);
    if (!t) {
      if (ref.bytes) {
        t = native.fromBuffer(ref.bytes, [ref.numel], ref.dtype.code) as Tensor;
      } else if (ref.fill) {
        t = native.empty([ref.numel], ref.dtype.code, 'cpu') as Tensor;
        ref.fill(new Uint8Array(native.bytesView(t)));
      } else {
        throw new FormatError(`storage ${ref.key} has no data`);
      }
      const device = deviceFor(ref.location, place);
      if (device !== 'cpu') t = native.to(t, null, device, false) as Tensor;
      storages.set(ref, t);
    }
    return t;
  };

  const tensor = (ref: TensorRef): Tensor => {
    const root = ref.storage.base ?? ref.storage;
    const offset = ref.offset + ref.storage.baseOffset;
    let last = offset;
    for (let i = 0; i < ref.size.length; i++) last += (ref.size[i] - 1) * ref.stride[i];
    if (ref.size.every((s) => s > 0) && last >= root.numel) {
      throw new FormatError(`a tensor of size [${ref.size}] and stride [${ref.stride}] at offset ${offset} reaches past its storage of ${root.numel} elements`);
    }
    const t = native.asStrided(storageTensor(root), ref.size, ref.stride, offset) as Tensor;
    if (ref.requiresGrad) {
      if (!t.dtype.isFloatingPoint) throw new FormatError(`a ${t.dtype} tensor is marked requires_grad`);
      t.requiresGrad_(true);
    }
    return t;
  };

  const convert = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null || x instanceof DType || x instanceof Device || x instanceof Uint8Array) return x;
    if (done.has(x)) return done.get(x);
    if (x instanceof TensorRef) {
      const t = tensor(x);
      done.set(x, t);
      return t;
    }
    if (x instanceof PyDict) {
      if ([...x.map.keys()].every((k) => typeof k === 'string')) {
        const obj: Record<string, unknown> = {};
        done.set(x, obj);
        for (const [k, val] of x.map) Object.defineProperty(obj, k as string, { value: convert(val), enumerable: true, writable: true, configurable: true });
        return obj;
      }
      const m = new Map<unknown, unknown>();
      done.set(x, m);
      for (const [k, val] of x.map) m.set(convert(k), convert(val));
      return m;
    }
    if (Array.isArray(x)) {
      done.set(x, x);
      for (let i = 0; i < x.length; i++) x[i] = convert(x[i]);
      return x;
    }
    if (x instanceof Set) {
      const s = new Set<unknown>();
      done.set(x, s);
      for (const e of x) s.add(convert(e));
      return s;
    }
    if (x instanceof StorageRef) throw new FormatError('the file holds a bare storage (torch.Storage), which torch-node does not return');
    if (x instanceof StorageType) throw new FormatError(`the file holds the class torch.${x.pyName}`);
    throw new FormatError('the file holds a Python callable where a value was expected');
  };
  return convert(root);
}

/**
 * torch.load(f, { mapLocation }): reads a file written by Python's torch.save (zip format of
 * torch >= 1.6, the legacy stream format, or the tar format of torch < 0.4) or by torch.save here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function load(f: string, opts?: LoadOptions): any {
  const call = 'torch.load';
  v.str(call, 'f', f);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['mapLocation']);
  const place = placement(call, o.mapLocation);
  const fd = fs.openSync(f, 'r');
  try {
    // The zip and legacy readers read storages from the file as tensors are made: keep it open until then.
    return materialize(parse(fd), place);
  } catch (e) {
    if (e instanceof TorchError) throw e;
    if (e instanceof FormatError) throw new TorchError(`${call}: ${f}: ${e.message}`);
    throw new TorchError(`${call}: ${f}: the file is corrupt or truncated (${(e as Error).message})`);
  } finally {
    fs.closeSync(fd);
  }
}

interface SavedStorage {
  key: string;
  dtype: DType;
  location: string;
  bytes: Uint8Array;
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
function planTensors(obj: unknown): Map<Tensor, SavedTensor> {
  const tensors: Tensor[] = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (typeof x !== 'object' || x === null || seen.has(x)) return;
    seen.add(x);
    if (x instanceof Tensor) tensors.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x instanceof Map) x.forEach(walk);
    else if (v.isPlainObject(x)) Object.values(x).forEach(walk);
  };
  walk(obj);

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
    const storage: SavedStorage = { key: '', dtype: first.dtype, location: String(first.device), bytes: new Uint8Array(0) };
    if (group.length === 1) {
      const cpu = first.isCuda ? (native.to(first, null, 'cpu', false) as Tensor) : first;
      storage.bytes = new Uint8Array(native.bytesView(cpu.isContiguous() ? cpu : cpu.contiguous()));
      plan.set(first, { storage, offset: 0, size: first.shape, stride: contiguousStrides(first.shape) });
    } else {
      storage.bytes = new Uint8Array(native.storageBytes(first));
      for (const t of group) plan.set(t, { storage, offset: native.storageOffset(t), size: t.shape, stride: t.stride() });
    }
  }
  return plan;
}

/** The protocol-2 pickle of obj, tensors written as torch._utils._rebuild_tensor_v2 calls. */
function pickleObject(obj: unknown, plan: Map<Tensor, SavedTensor>, storages: SavedStorage[]): Uint8Array {
  const p = new Pickler();
  const BATCH = 1000; // Python's pickle batches SETITEMS / APPENDS by 1000
  const save = (x: unknown, where: string): void => {
    if (x === null) return p.none();
    if (typeof x === 'boolean') return p.bool(x);
    if (typeof x === 'bigint') return p.int(x);
    if (typeof x === 'number') return Number.isSafeInteger(x) ? p.int(x) : p.float(x);
    if (typeof x === 'string') return p.string(x);
    if (x instanceof DType) return p.global('torch', x.name);
    if (typeof x !== 'object') throw new TypeError(`torch.save: ${where} is ${describe(x)}; torch.save writes tensors, objects, Maps, arrays, numbers, bigints, strings, booleans and null`);
    if (p.memoized(x)) return;
    if (x instanceof Tensor) {
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
      p.int(s.storage.bytes.length / s.storage.dtype.itemsize);
      p.tuple();
      p.binpersid();
      p.int(s.offset);
      p.mark(); s.size.forEach((n) => p.int(n)); p.tuple();
      p.mark(); s.stride.forEach((n) => p.int(n)); p.tuple();
      p.bool(x.requiresGrad);
      p.global('collections', 'OrderedDict'); // backward_hooks: always empty
      p.emptyTuple();
      p.reduce();
      p.tuple();
      p.reduce();
      p.put(x);
      return;
    }
    let entries: [unknown, unknown, string][];
    if (Array.isArray(x)) {
      p.emptyList();
      p.put(x);
      for (let i = 0; i < x.length; i += BATCH) {
        p.mark();
        x.slice(i, i + BATCH).forEach((e, j) => save(e, `${where}[${i + j}]`));
        p.appends();
      }
      return;
    }
    if (x instanceof Map) {
      entries = [...x].map(([k, val]) => {
        if (!['string', 'number', 'bigint', 'boolean'].includes(typeof k) && k !== null) throw new TypeError(`torch.save: a key of ${where} is ${describe(k)}; dict keys must be strings, numbers, bigints, booleans or null`);
        return [k, val, `${where}.get(${JSON.stringify(typeof k === 'bigint' ? String(k) : k)})`];
      });
    } else if (v.isPlainObject(x)) {
      entries = Object.entries(x).map(([k, val]) => [k, val, `${where}[${JSON.stringify(k)}]`]);
    } else {
      throw new TypeError(`torch.save: ${where} is ${describe(x)}; torch.save writes tensors, objects, Maps, arrays, numbers, bigints, strings, booleans and null`);
    }
    p.emptyDict();
    p.put(x);
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
 * are written as Python ints, other numbers as floats. The file is written under a temporary name
 * in the same directory and renamed, so a reader never sees half a file.
 */
export function save(obj: unknown, f: string): void {
  const call = 'torch.save';
  v.str(call, 'f', f);
  const plan = planTensors(obj);
  const storages: SavedStorage[] = [];
  const pkl = pickleObject(obj, plan, storages);

  const dir = path.dirname(path.resolve(f));
  const archive = path.basename(f).replace(/\.[^.]*$/, '').replace(/[^\w.-]/g, '_') || 'archive';
  const tmp = path.join(dir, `.${path.basename(f)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  const fd = fs.openSync(tmp, 'wx');
  try {
    const zip = new ZipWriter(fd, archive);
    zip.add('data.pkl', pkl);
    for (const s of storages) zip.add(`data/${s.key}`, s.bytes);
    zip.add('version', new TextEncoder().encode('3\n'));
    zip.finish();
    fs.closeSync(fd);
    fs.renameSync(tmp, f);
  } catch (e) {
    try { fs.closeSync(fd); } catch { /* already closed */ }
    fs.rmSync(tmp, { force: true });
    if (e instanceof FormatError) throw new TorchError(`${call}: ${f}: ${e.message}`);
    throw e;
  }
}
