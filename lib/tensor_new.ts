// The legacy tensor constructors of torch/csrc/utils/tensor_new.cpp (legacy_tensor_ctor/new):
// torch.FloatTensor(2, 3) (sizes, uninitialized), torch.LongTensor([1, 2]) (data, converted to the
// type), torch.FloatTensor(t) (an alias of a tensor of that type), `new torch.Tensor(...)` (the
// default dtype, any tensor aliased) and x.new(...) (x's dtype and device).
import { native } from './native';
import { DType, asDType, getDefaultDtype, float32, float64, float16, bfloat16, int64, int32, int16, int8, uint8, bool, complex32, complex64, complex128 } from './dtype';
import { Device, DeviceLike, toDevice, checkCuda } from './device';
import { argError, describe, TorchError } from './errors';
import { Tensor, NestedArray } from './tensor';
import { tensor } from './creation';
import { aten } from './_aten';
import * as v from './validate';

/** Sizes (`2, 3`), data (an array or typed array), a tensor, or nothing; then `{ device }`. */
export type LegacyArgs = (number | bigint | NestedArray<number | boolean | bigint | Tensor> | ArrayBufferView | Tensor | { device?: DeviceLike })[];

/** A legacy tensor type: callable with or without `new`, and `x instanceof torch.LongTensor` as Python's isinstance. */
export interface LegacyTensorType {
  (...args: LegacyArgs): Tensor;
  new (...args: LegacyArgs): Tensor;
  readonly dtype: DType;
}

const TYPE_NAMES: [DType, string][] = [
  [float32, 'Float'], [float64, 'Double'], [float16, 'Half'], [bfloat16, 'BFloat16'], [int64, 'Long'], [int32, 'Int'],
  [int16, 'Short'], [int8, 'Char'], [uint8, 'Byte'], [bool, 'Bool'], [complex32, 'ComplexHalf'], [complex64, 'ComplexFloat'], [complex128, 'ComplexDouble'],
];

/** Python's x.type(): 'torch.FloatTensor', 'torch.cuda.LongTensor', ... */
export function legacyTypeName(dtype: DType, device: Device): string {
  const base = TYPE_NAMES.find(([d]) => d === dtype)?.[1] ?? dtype.name;
  return `torch.${device.type === 'cuda' ? 'cuda.' : ''}${base}Tensor`;
}

/** The dtype and device type of a legacy type: a name ('torch.LongTensor', 'torch.cuda.FloatTensor') or a constructor. */
export function parseLegacyType(spec: unknown): { dtype: DType; device: 'cpu' | 'cuda' } | undefined {
  if (typeof spec === 'function' && (spec as Partial<LegacyTensorType>).dtype instanceof DType) return { dtype: (spec as LegacyTensorType).dtype, device: 'cpu' };
  const m = typeof spec === 'string' ? /^torch\.(cuda\.)?(\w+)Tensor$/.exec(spec) : null;
  const found = m ? TYPE_NAMES.find(([, name]) => name === m[2]) : undefined;
  return found && m ? { dtype: found[0], device: m[1] ? 'cuda' : 'cpu' } : undefined;
}

/** The name Python's argument parser gives a value's type. */
function pyType(x: unknown): string {
  if (x instanceof Tensor) return 'Tensor';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'string') return 'str';
  if (x === null || x === undefined) return 'NoneType';
  if (Array.isArray(x)) return 'list';
  return describe(x);
}

const isInt = (x: unknown): boolean => typeof x === 'bigint' || Number.isInteger(x);

/**
 * The legacy constructor `call` of `dtype` on `device`'s type (dtype null: torch.Tensor, which takes
 * the default dtype and aliases a tensor of any type), with Python's overloads and their errors.
 */
export function legacyNew(call: string, dtype: DType | null, device: Device, args: unknown[]): Tensor {
  const last = args[args.length - 1];
  const positional = v.isPlainObject(last) ? args.slice(0, -1) : args;
  const o = v.options(call, v.isPlainObject(last) ? last : undefined);
  v.knownOptions(call, o, ['device']);
  let dev = device;
  if (o.device !== undefined && o.device !== null) {
    let d: Device;
    try { d = toDevice(o.device as DeviceLike); } catch { throw argError(call, 'device', "'cpu', 'cuda' or a torch.device", o.device); }
    if (d.type !== device.type) throw new TorchError(`${call}: legacy constructor expects device type: ${device.type} but device type: ${d.type} was passed`);
    dev = d;
  }
  const dt = dtype ?? getDefaultDtype();
  const [first] = positional;
  if (positional.length === 0) return native.empty([0], dt.code, String(dev));
  if (positional.length === 1 && first instanceof Tensor) {
    if (dtype !== null && (first.dtype !== dtype || first.device.type !== dev.type)) {
      throw new TypeError(`${call}: expected ${legacyTypeName(dtype, dev)} (got ${legacyTypeName(first.dtype, first.device)})`);
    }
    return aten('alias')(first);
  }
  if (typeof first === 'number' || typeof first === 'bigint') {
    // sizes, given as Python's varargs ints; a lone non-integer is data that is not a sequence
    if (positional.length === 1 && !isInt(first)) throw new TypeError(`${call}: data must be a sequence (got ${pyType(first)})`);
    positional.forEach((x, i) => {
      if (!isInt(x)) throw new TypeError(`${call}: argument 'size' must be tuple of ints, but found element of type ${pyType(x)} at pos ${i + 1}`);
    });
    return native.empty(positional.map(Number), dt.code, String(dev));
  }
  if (positional.length > 1) {
    throw new TypeError(`${call}: received an invalid combination of arguments - got (${positional.map(pyType).join(', ')}), but expected one of: (*, torch.device device), (Tensor other), (tuple of ints size, *, torch.device device), (object data, *, torch.device device)`);
  }
  if (typeof first === 'string') throw new TypeError(`${call}: invalid data type 'str'`);
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) throw new TypeError(`${call}: data must be a sequence (got ${pyType(first)})`);
  return tensor(first as NestedArray<number>, { dtype: dt, device: dev });
}

function legacyType(dtype: DType): LegacyTensorType {
  const name = `${legacyTypeName(dtype, toDevice('cpu'))}`;
  // A plain function: `new` on it returns the tensor it returns, so both spellings work.
  const ctor = function (...args: LegacyArgs): Tensor {
    return legacyNew(name, dtype, toDevice('cpu'), args);
  };
  Object.defineProperty(ctor, 'name', { value: name.slice('torch.'.length) });
  Object.defineProperty(ctor, 'dtype', { value: dtype });
  Object.defineProperty(ctor, Symbol.hasInstance, { value: (x: unknown) => x instanceof Tensor && x.dtype === dtype && x.device.type === 'cpu' });
  return ctor as unknown as LegacyTensorType;
}

export const FloatTensor = legacyType(float32);
export const DoubleTensor = legacyType(float64);
export const HalfTensor = legacyType(float16);
export const BFloat16Tensor = legacyType(bfloat16);
export const LongTensor = legacyType(int64);
export const IntTensor = legacyType(int32);
export const ShortTensor = legacyType(int16);
export const CharTensor = legacyType(int8);
export const ByteTensor = legacyType(uint8);
export const BoolTensor = legacyType(bool);

/** torch.sparse_coo_tensor's options (Python's keyword-only arguments). */
export interface SparseCooTensorOptions {
  dtype?: DType | null;
  device?: DeviceLike | null;
  requiresGrad?: boolean;
}

type SparseData = Tensor | NestedArray<number | boolean | bigint> | ArrayBufferView;

/**
 * torch.sparse_coo_tensor (tensor_new.cpp's sparse_coo_tensor_ctor): `(indices, values, size?, opts)` or
 * `(size, opts)`. The values keep their dtype (a tensor's, or inferred from data) unless `dtype` is given;
 * the indices become int64; both go to `device` (by default a tensor stays where it is); the ATen op
 * checks the indices against the values and the size.
 */
export function sparseCooTensor(size: number[], opts?: SparseCooTensorOptions): Tensor;
export function sparseCooTensor(indices: SparseData, values: SparseData, opts?: SparseCooTensorOptions): Tensor;
export function sparseCooTensor(indices: SparseData, values: SparseData, size: number[], opts?: SparseCooTensorOptions): Tensor;
export function sparseCooTensor(...args: unknown[]): Tensor {
  const call = 'torch.sparse_coo_tensor';
  const last = args[args.length - 1];
  const positional = v.isPlainObject(last) ? args.slice(0, -1) : args;
  const o = v.options(call, v.isPlainObject(last) ? last : undefined);
  v.knownOptions(call, o, ['dtype', 'device', 'requiresGrad']);
  let dtype: DType | undefined;
  if (o.dtype !== undefined && o.dtype !== null) {
    dtype = asDType(o.dtype);
    if (!dtype) throw argError(call, 'dtype', 'a torch dtype such as torch.float32', o.dtype);
  }
  let device: Device | undefined;
  if (o.device !== undefined && o.device !== null) {
    try { device = toDevice(o.device as DeviceLike); } catch { throw argError(call, 'device', "'cpu', 'cuda' or a torch.device", o.device); }
    checkCuda(call, device);
  }
  const requiresGrad = o.requiresGrad === undefined ? false : v.bool(call, 'requires_grad', o.requiresGrad);
  let out: Tensor;
  if (positional.length === 1) {
    const sizes = v.ints(call, 'size', positional[0], 0);
    out = aten('sparse_coo_tensor.size')(sizes, (dtype ?? getDefaultDtype()).code, null, device === undefined ? null : String(device), null) as Tensor;
  } else if (positional.length === 2 || positional.length === 3) {
    const [indices, values, size] = positional;
    const asTensor = (name: string, x: unknown, dt: DType | undefined): Tensor => {
      if (x instanceof Tensor) return x.to({ device: device ?? x.device, dtype: dt ?? x.dtype });
      if (!Array.isArray(x) && !ArrayBuffer.isView(x) && typeof x !== 'number' && typeof x !== 'boolean' && typeof x !== 'bigint') throw argError(call, name, 'a tensor or an array', x);
      return tensor(x as NestedArray<number>, { ...(dt && { dtype: dt }), ...(device && { device }) });
    };
    const vals = asTensor('values', values, dtype);
    const idx = asTensor('indices', indices, int64);
    out = size === undefined
      ? aten('sparse_coo_tensor.indices')(idx, vals) as Tensor
      : aten('sparse_coo_tensor.indices_size')(idx, vals, v.ints(call, 'size', size, 0)) as Tensor;
  } else {
    throw new TypeError(`${call}: expected (indices, values), (indices, values, size) or (size), then an options object; got ${positional.length} arguments`);
  }
  // Python's set_requires_grad(True): a result that already requires grad (values with a graph) is kept as is.
  if (requiresGrad && !out.requiresGrad) out.requiresGrad_(true);
  return out;
}
