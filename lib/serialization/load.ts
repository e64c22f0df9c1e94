// torch.load: the files Python's torch.save writes, read in TypeScript (libtorch 1.13's own
// unpickler cannot read a Python state dict: it turns collections.OrderedDict into None and lacks the
// SETITEM/APPEND/POP opcodes).
//
// How Python values come back:
//   dict / OrderedDict with only str keys → a plain object, in the file's key order (JS lists
//     integer-like keys such as '0' first, in ascending order); any other dict (int keys, as in an
//     optimizer's state) → a Map. Both are what nn's loadStateDict accepts. collections.Counter
//     (MultiStepLR's milestones) → a Counter, the Map subclass torch.save writes back as one.
//   list and tuple → array; int → number (bigint beyond 2^53); float → number; str → string;
//   bool → boolean; None → null; bytes → Uint8Array; set → Set; torch.float32 etc. → torch dtypes.
//   Tensors keep their dtype, shape, strides and storage offset, and tensors that shared a storage
//   in Python share it here; a Parameter is an nn.Parameter. A pickled module (torch.save(model)) of
//   torch.nn / torchvision classes, or of the classes passed to torch.serialization.safeGlobals, is
//   that torch-node module (modules.ts); a module class as a value (ResNet's _norm_layer) is the class.
import * as fs from 'node:fs';
import { native } from '../native';
import { TorchError, argError } from '../errors';
import { DType } from '../dtype';
import { Device, DeviceLike, toDevice } from '../device';
import { Tensor } from '../tensor';
import { isAvailable as cudaIsAvailable } from '../cuda';
import * as v from '../validate';
import { FormatError, PyCounter, PyDict, unpickle } from './pickle';
import { Counter } from '../collections';
import { ANY_CLASS, Classes, StorageRef, StorageType, TensorRef, count } from './rebuild';
import { WEIGHTS_ONLY, forcedWeightsOnly } from './weights_only';
import { isZip, ZipReader } from './zip';
import { readAt } from './file';
import { isLegacyStream, isTar, readLegacyStream, readTarFormat } from './legacy';
import { Parameter } from '../nn/parameter';
import { FunctionRef, ModuleClassRef, PendingHookObject, PendingModule, PendingPartial, buildHookObject, buildModule, buildPartial } from './modules';

export interface LoadOptions {
  /** Where storages go: a device for all of them, or a map from saved location ('cuda:0') to device. */
  mapLocation?: DeviceLike | Record<string, DeviceLike>;
  /**
   * Python's weights_only (default false): only tensors, dicts, lists, tuples, ints, strings and the globals
   * of PyTorch 1.13's weights-only unpickler (weights_only.ts); anything else is an error.
   */
  weightsOnly?: boolean;
}

/** The records of a zip archive: read from the file as needed, or all read already (torch.loadAsync's uint8 tensors). */
type Records = Pick<ZipReader, 'has' | 'size' | 'bytes'> & { readInto?(name: string, dest: Uint8Array): void; tensor?(name: string): Tensor };

function readZipFormat(zip: Records, classes: Classes): unknown {
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
    ...classes,
    persistentLoad(pid: unknown): unknown {
      if (!Array.isArray(pid) || pid[0] !== 'storage' || !(pid[1] instanceof StorageType)) throw new FormatError('a persistent id is not a storage');
      const key = String(pid[2]);
      const known = storages.get(key);
      if (known) return known;
      const ref = new StorageRef(key, pid[1].dtype, count(pid[4], 'a storage size'), String(pid[3]));
      const name = `data/${key}`;
      const nbytes = ref.numel * ref.dtype.itemsize;
      if (zip.size(name) !== nbytes) throw new FormatError(`record ${name} holds ${zip.size(name)} bytes, its storage needs ${nbytes}`);
      if (zip.tensor) ref.data = zip.tensor(name);
      else ref.fill = (dest) => zip.readInto!(name, dest);
      storages.set(key, ref);
      return ref;
    },
  }).value;
}

/** Reads an open file in the format its first bytes announce. */
function parse(fd: number, classes: Classes): unknown {
  const size = fs.fstatSync(fd).size;
  const head = readAt(fd, size, 0, Math.min(size, 512), 'the file header');
  if (isZip(head)) return readZipFormat(new ZipReader(fd, size), classes);
  if (isTar(head)) return readTarFormat(readAt(fd, size, 0, size, 'the tar archive'), classes);
  if (isLegacyStream(head)) return readLegacyStream(fd, size, classes);
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
      if (ref.data) {
        t = ref.data.view(ref.dtype);
      } else if (ref.bytes) {
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
    return ref.parameter ? Parameter.adopt(t) : t;
  };

  const convert = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null || x instanceof DType || x instanceof Device || x instanceof Uint8Array) return x;
    if (done.has(x)) return done.get(x);
    if (x instanceof TensorRef) {
      const t = tensor(x);
      done.set(x, t);
      return t;
    }
    if (x instanceof PyCounter) {
      const c = new Counter<unknown>();
      done.set(x, c);
      for (const [k, val] of x.map) c.set(convert(k), convert(val) as number);
      return c;
    }
    if (x instanceof PyDict) {
      let out: Record<string, unknown> | Map<unknown, unknown>;
      if ([...x.map.keys()].every((k) => typeof k === 'string')) {
        const obj: Record<string, unknown> = {};
        done.set(x, obj);
        for (const [k, val] of x.map) Object.defineProperty(obj, k as string, { value: convert(val), enumerable: true, writable: true, configurable: true });
        out = obj;
      } else {
        const m = new Map<unknown, unknown>();
        done.set(x, m);
        for (const [k, val] of x.map) m.set(convert(k), convert(val));
        out = m;
      }
      // A state dict's _metadata (each module's version by prefix), as stateDict() keeps it: loadStateDict reads it.
      const meta = x.state instanceof PyDict ? x.state.map.get('_metadata') : undefined;
      if (meta instanceof PyDict) {
        const versions = new Map([...meta.map].map(([k, val]) => [convert(k), convert(val)]));
        Object.defineProperty(out, '_metadata', { value: versions, writable: true, configurable: true });
      }
      return out;
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
    if (x instanceof PendingModule) return buildModule(x, convert, (m) => done.set(x, m));
    if (x instanceof PendingHookObject) return buildHookObject(x, convert, (o) => done.set(x, o));
    if (x instanceof PendingPartial) {
      const fn = buildPartial(x, convert);
      done.set(x, fn);
      return fn;
    }
    if (x instanceof ModuleClassRef) return x.cls;
    if (x instanceof FunctionRef) return x.fn;
    if (x instanceof StorageRef) throw new FormatError('the file holds a bare storage (torch.Storage), which torch-node does not return');
    if (x instanceof StorageType) throw new FormatError(`the file holds the class torch.${x.pyName}`);
    throw new FormatError('the file holds a Python callable where a value was expected');
  };
  return convert(root);
}

/**
 * torch.load(f, { mapLocation, weightsOnly }): reads a file written by Python's torch.save (zip format of
 * torch >= 1.6, the legacy stream format, or the tar format of torch < 0.4) or by torch.save here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function load(f: string, opts?: LoadOptions): any {
  const call = 'torch.load';
  const { place, classes } = loadArgs(call, f, opts);
  const fd = fs.openSync(f, 'r');
  try {
    // The zip and legacy readers read storages from the file as tensors are made: keep it open until then.
    return materialize(parse(fd, classes), place);
  } catch (e) {
    if (e instanceof TorchError) throw e;
    if (e instanceof FormatError) throw new TorchError(`${call}: ${f}: ${e.message}`);
    throw new TorchError(`${call}: ${f}: the file is corrupt or truncated (${(e as Error).message})`);
  } finally {
    fs.closeSync(fd);
  }
}

function loadArgs(call: string, f: string, opts: LoadOptions | undefined): { place: Placement; classes: Classes } {
  v.str(call, 'f', f);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['mapLocation', 'weightsOnly']);
  const weightsOnly = (o.weightsOnly !== undefined && v.bool(call, 'weights_only', o.weightsOnly)) || forcedWeightsOnly();
  return { place: placement(call, o.mapLocation), classes: weightsOnly ? WEIGHTS_ONLY : ANY_CLASS };
}

/**
 * torch.load's Promise twin: a zip-format file (what torch.save has written since 1.6) is read on
 * libuv's thread pool by libtorch's own reader, every storage straight into its tensor's memory; the
 * pickle, small, is read here. Files in the legacy formats are read as torch.load reads them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function loadAsync(f: string, opts?: LoadOptions): Promise<any> {
  const call = 'torch.loadAsync';
  const { place, classes } = loadArgs(call, f, opts);
  const head = Buffer.alloc(4);
  const file = await fs.promises.open(f, 'r');
  try {
    await file.read(head, 0, 4, 0);
  } finally {
    await file.close();
  }
  if (!isZip(head)) return load(f, opts);
  let records: Map<string, Tensor>;
  try {
    records = new Map(await native.readArchiveAsync(f));
  } catch (e) {
    throw new TorchError(`${call}: ${f}: the file is corrupt or truncated (${e instanceof Error ? e.message : String(e)})`);
  }
  const bytes = (name: string): Uint8Array => new Uint8Array(native.bytesView(records.get(name)!));
  try {
    return materialize(
      readZipFormat({ has: (name) => records.has(name), size: (name) => records.get(name)!.numel(), bytes, tensor: (name) => records.get(name)! }, classes),
      place,
    );
  } catch (e) {
    if (e instanceof TorchError) throw e;
    if (e instanceof FormatError) throw new TorchError(`${call}: ${f}: ${e.message}`);
    throw new TorchError(`${call}: ${f}: the file is corrupt (${(e as Error).message})`);
  }
}
