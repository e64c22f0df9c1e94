// The Python classes and functions a torch.save pickle names, as torch.load resolves them
// (torch/serialization.py's find_class, torch/_utils.py's _rebuild_* functions). Tensors are
// first recorded as TensorRefs into StorageRefs: the legacy format stores the bytes after the
// pickle, so real tensors are made once every storage is known (index.ts, materialize).
import { Tensor } from '../tensor';
import { DType, asDType, float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool } from '../dtype';
import { Device } from '../device';
import { FormatError, PyCallable, PyCounter, PyDict, UnpickleHooks } from './pickle';
import { findModuleClass } from './modules';

/** torch.FloatStorage and friends: the storage's element type. */
export class StorageType {
  constructor(readonly pyName: string, readonly dtype: DType) {}
}

const STORAGE_DTYPES: Record<string, DType> = {
  FloatStorage: float32, DoubleStorage: float64, HalfStorage: float16, BFloat16Storage: bfloat16,
  LongStorage: int64, IntStorage: int32, ShortStorage: int16, CharStorage: int8, ByteStorage: uint8,
  BoolStorage: bool, UntypedStorage: uint8,
};

/** Python's name for each dtype's storage class, for writing. */
export function storageClassName(d: DType): string {
  const name = Object.keys(STORAGE_DTYPES).find((k) => STORAGE_DTYPES[k] === d && k !== 'UntypedStorage');
  if (!name) throw new TypeError(`torch.save: tensors of dtype ${d} cannot be saved`);
  return name;
}

/**
 * One storage of the file: its bytes (the tar reader), a function that reads them from the file
 * into the memory of a new tensor (the zip and legacy stream readers), or a window into another storage.
 */
export class StorageRef {
  bytes?: Uint8Array;
  fill?: (dest: Uint8Array) => void;
  /** The storage's bytes, already read into a uint8 tensor (torch.loadAsync). */
  data?: Tensor;
  constructor(
    readonly key: string,
    readonly dtype: DType,
    readonly numel: number,
    readonly location: string,
    readonly base?: StorageRef,
    readonly baseOffset = 0,
  ) {}
}

/** A tensor to make: a strided view of a storage. */
export class TensorRef {
  constructor(
    readonly storage: StorageRef,
    readonly offset: number,
    readonly size: number[],
    readonly stride: number[],
    public requiresGrad: boolean,
  ) {}
  /** Rebuilt by torch._utils._rebuild_parameter: an nn.Parameter. */
  parameter = false;
}

export function count(v: unknown, what: string): number {
  if (typeof v === 'bigint' && v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new FormatError(`${what} must be a non-negative integer, got ${String(v)}`);
  return v;
}

function counts(v: unknown, what: string): number[] {
  if (!Array.isArray(v)) throw new FormatError(`${what} must be a tuple of integers`);
  return v.map((x, i) => count(x, `${what}[${i}]`));
}

/** _rebuild_tensor(storage, storage_offset, size, stride) and the v2 form with requires_grad. */
export function tensorRef(storage: unknown, offset: unknown, size: unknown, stride: unknown, requiresGrad: unknown): TensorRef {
  if (!(storage instanceof StorageRef)) throw new FormatError('a tensor is rebuilt from something that is not a storage');
  const sizes = counts(size, 'a tensor size');
  const strides = counts(stride, 'a tensor stride');
  if (strides.length !== sizes.length) throw new FormatError(`a tensor has ${sizes.length} sizes but ${strides.length} strides`);
  return new TensorRef(storage, count(offset, 'a tensor storage offset'), sizes, strides, requiresGrad === true);
}

function callable(pyName: string, call: (args: unknown[]) => unknown): PyCallable {
  return { pyName, call };
}

function withGrad(data: unknown, requiresGrad: unknown): TensorRef {
  if (!(data instanceof TensorRef)) throw new FormatError('a Parameter is rebuilt from something that is not a tensor');
  data.requiresGrad = requiresGrad === true;
  data.parameter = true;
  return data;
}

const FUNCTIONS: Record<string, PyCallable> = {
  'collections.OrderedDict': callable('collections.OrderedDict', (args) => {
    const d = new PyDict();
    if (Array.isArray(args[0])) for (const pair of args[0]) if (Array.isArray(pair)) d.map.set(pair[0], pair[1]);
    return d;
  }),
  // Counter(dict) or Counter() (a Counter's own pickle): counts by key.
  'collections.Counter': callable('collections.Counter', (args) => {
    const c = new PyCounter();
    if (args[0] instanceof PyDict) for (const [k, n] of args[0].map) c.map.set(k, n);
    else if (args.length > 0) throw new FormatError('collections.Counter is rebuilt from something that is not a dict');
    return c;
  }),
  'torch._utils._rebuild_tensor': callable('torch._utils._rebuild_tensor', (a) => tensorRef(a[0], a[1], a[2], a[3], false)),
  'torch._utils._rebuild_tensor_v2': callable('torch._utils._rebuild_tensor_v2', (a) => tensorRef(a[0], a[1], a[2], a[3], a[4])),
  'torch._utils._rebuild_parameter': callable('torch._utils._rebuild_parameter', (a) => withGrad(a[0], a[1])),
  'torch._utils._rebuild_parameter_with_state': callable('torch._utils._rebuild_parameter_with_state', (a) => withGrad(a[0], a[1])),
  // torch >= 1.13 may wrap a tensor's own rebuild call: _rebuild_from_type_v2(func, type, args, state).
  'torch._tensor._rebuild_from_type_v2': callable('torch._tensor._rebuild_from_type_v2', (a) => {
    const fn = a[0] as PyCallable | undefined;
    if (!fn || typeof fn.call !== 'function' || !Array.isArray(a[2])) throw new FormatError('_rebuild_from_type_v2 has malformed arguments');
    return fn.call(a[2]);
  }),
  'torch.device': callable('torch.device', (a) => new Device(String(a[0]), typeof a[1] === 'number' ? a[1] : undefined)),
  'builtins.set': callable('builtins.set', (a) => new Set(Array.isArray(a[0]) ? a[0] : [])),
  'builtins.frozenset': callable('builtins.frozenset', (a) => new Set(Array.isArray(a[0]) ? a[0] : [])),
  // Protocol 2 writes Python 3 bytes as _codecs.encode(text, 'latin1').
  '_codecs.encode': callable('_codecs.encode', (a) => Uint8Array.from(String(a[0]), (c) => c.charCodeAt(0) & 0xff)),
};
FUNCTIONS['__builtin__.set'] = FUNCTIONS['builtins.set'];

/** Tensor classes only name a type in these files (the tar format's tensor records, _rebuild_from_type_v2). */
const TYPE_MARKERS = /^(torch\.(\w+Tensor|Tensor)|torch\._tensor\.Tensor|torch\.nn\.parameter\.Parameter)$/;

/** How a reader resolves a pickle's globals (and vets its opcodes): any class below, or weights_only.ts's. */
export type Classes = Pick<UnpickleHooks, 'findClass' | 'opcode'>;
export const ANY_CLASS: Classes = { findClass: (module, name) => findClass(module, name) };

/** pickle's find_class for torch.load: the names a checkpoint of tensors and containers uses. */
export function findClass(module: string, name: string): unknown {
  const full = `${module}.${name}`;
  if (FUNCTIONS[full]) return FUNCTIONS[full];
  if (module === 'torch' && name.endsWith('Storage')) {
    const d = STORAGE_DTYPES[name];
    if (!d) throw new FormatError(`the file holds a torch.${name}, a storage type torch-node does not support`);
    return new StorageType(name, d);
  }
  if (module === 'torch') {
    const d = asDType(name);
    if (d) return d;
  }
  if (TYPE_MARKERS.test(full)) return callable(full, () => { throw new FormatError(`${full} cannot be called here`); });
  const cls = findModuleClass(module, name);
  if (cls) return cls;
  throw new FormatError(
    `the file holds a Python object of class '${full}', which is not allowed: torch.load reads tensors, dicts, lists, ` +
      'tuples, numbers, strings, booleans, None and modules of torch.nn and torchvision classes; pass a module class of your ' +
      'own to torch.serialization.safeGlobals([...], fn), or save a stateDict() (model.state_dict()) rather than the model',
  );
}
