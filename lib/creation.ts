// torch.tensor and the constructors (zeros, ones, full, rand, arange, ...), with the *Like variants.
import { native } from './native';
import { DType, asDType, dtypeOfTypedArray, dtypeFromCode, getDefaultDtype, typedArrayFor, float32, float64, int64, complex128, bool as boolDtype } from './dtype';
import { Device, DeviceLike, toDevice, checkCuda } from './device';
import { argError, describe, TorchError } from './errors';
import { Tensor, NestedArray, Complex, tensorArg, memoryFormatArg } from './tensor';
import { MemoryFormat } from './_C/layout';
import { aten } from './_aten';
import { Generator, generatorArg } from './generator';
import { legacyTypeName } from './tensor_new';
import * as v from './validate';

export interface TensorOptions {
  dtype?: DType;
  device?: DeviceLike;
  requiresGrad?: boolean;
}

const TENSOR_OPTIONS = ['dtype', 'device', 'requiresGrad'] as const;

/** The options of torch.empty: also `memoryFormat` (torch.contiguous_format by default). */
export interface EmptyOptions extends TensorOptions {
  memoryFormat?: MemoryFormat | null;
}

/** The options of the *_like factories: also `memoryFormat` (torch.preserve_format by default: a dense input's strides). */
export interface LikeOptions extends TensorOptions {
  memoryFormat?: MemoryFormat | null;
}

/** The options of the random constructors (torch.rand, randn, randint, randperm). */
export interface RandomOptions extends TensorOptions {
  generator?: Generator | null;
}

/** torch.randint's options, which may carry the size as Python's `size=` keyword. */
export interface RandomSizeOptions extends RandomOptions {
  size?: number[];
}

interface Resolved {
  dtype: DType;
  device: string;
  requiresGrad: boolean;
  /** A generator of its own; undefined for the default one, which the addon's fast path draws from. */
  generator?: Generator;
}

function resolve(call: string, opts: unknown, fallback: DType, random = false): Resolved {
  const o = v.options(call, opts);
  v.knownOptions(call, o, random ? [...TENSOR_OPTIONS, 'generator'] : TENSOR_OPTIONS);
  let dtype = fallback;
  if (o.dtype !== undefined && o.dtype !== null) {
    const d = asDType(o.dtype);
    if (!d) throw argError(call, 'dtype', 'a torch dtype such as torch.float32', o.dtype);
    dtype = d;
  }
  let device = 'cpu';
  if (o.device !== undefined && o.device !== null) {
    let d: Device;
    try { d = toDevice(o.device as DeviceLike); } catch { throw argError(call, 'device', "'cpu', 'cuda' or a torch.device", o.device); }
    checkCuda(call, d);
    device = String(d);
  }
  const requiresGrad = o.requiresGrad === undefined ? false : v.bool(call, 'requires_grad', o.requiresGrad);
  const generator = random ? generatorArg(call, o.generator) : undefined;
  return { dtype, device, requiresGrad, generator: generator?.handle === null ? undefined : generator };
}

function finish(t: Tensor, r: Resolved): Tensor {
  if (r.requiresGrad) t.requiresGrad_(true);
  return t;
}

type Data = NestedArray<number | boolean | bigint | Tensor> | ArrayBufferView | Tensor;
type Value = number | boolean | bigint | Complex;

/**
 * Walks nested arrays: their shape, flattened values and the dtype PyTorch infers from them. A
 * one-element tensor among the values counts as its value (Python reads it as a scalar) and its
 * dtype joins the inference by type promotion, as Python's torch.tensor does; `fromTensors` lists
 * where such values sit and their dtypes, for the conversion checks of tensorValues().
 */
function flatten(call: string, data: unknown): { shape: number[]; values: Value[]; inferred: DType; fromTensors: Map<number, DType> } {
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const values: Value[] = new Array(shape.reduce((a, b) => a * b, 1));
  const fromTensors = new Map<number, DType>();
  let n = 0;
  let kind: 'bool' | 'float' | 'bigint' | null = null; // of the JS scalars
  let fromTensor: DType | null = null; // the promoted dtype of the tensors
  const path: number[] = []; // indices of the element being read, for error messages only
  const where = (): string => path.map((i) => `[${i}]`).join('');
  const leaf = (e: unknown): void => {
    if (typeof e === 'number') kind = 'float';
    else if (typeof e === 'bigint') { if (kind !== 'float') kind = 'bigint'; }
    else if (typeof e === 'boolean') kind ??= 'bool';
    else if (e instanceof Tensor) {
      if (e.numel() !== 1) throw new RangeError(`${call}: only one element tensors can be converted to Python scalars (data${where()} has ${e.numel()} elements)`);
      fromTensor = fromTensor === null ? e.dtype : dtypeFromCode(aten('promote_types')(fromTensor.code, e.dtype.code));
      fromTensors.set(n, e.dtype);
      values[n++] = e.item();
      return;
    } else throw argError(call, `data${where()}`, 'a number, boolean, bigint or one-element Tensor', e);
    values[n++] = e;
  };
  const walk = (x: unknown, depth: number): void => {
    if (depth < shape.length) {
      if (!Array.isArray(x)) throw new TypeError(`${call}: expected a sequence of length ${shape[depth]} at ${where() || 'data'}, got ${describe(x)}`);
      if (x.length !== shape[depth]) throw new RangeError(`${call}: expected a sequence of length ${shape[depth]} at ${where() || 'data'}, got length ${x.length}`);
      path.push(0);
      for (let i = 0; i < x.length; i++) {
        path[depth] = i;
        if (depth === shape.length - 1) leaf(x[i]);
        else walk(x[i], depth + 1);
      }
      path.pop();
      return;
    }
    leaf(x); // a 0-dim tensor: data itself is the value
  };
  walk(data, 0);
  const k = kind as 'bool' | 'float' | 'bigint' | null;
  const scalars = k === 'bool' ? boolDtype : k === 'bigint' ? int64 : k === 'float' ? getDefaultDtype() : null;
  const t = fromTensor as DType | null;
  const inferred = scalars && t ? dtypeFromCode(aten('promote_types')(scalars.code, t.code)) : scalars ?? t ?? getDefaultDtype();
  return { shape, values, inferred, fromTensors };
}

/**
 * Python's checks on the values of tensors in torch.tensor's data, which it reads as Python
 * scalars: an integer or bool target takes only integer (or bool) tensors (`__index__`), and a real
 * target a complex value only with a zero imaginary part. Complex values are then real parts.
 */
function tensorValues(call: string, values: Value[], fromTensors: Map<number, DType>, target: DType): void {
  for (const [i, source] of fromTensors) {
    if (!target.isFloatingPoint && !target.isComplex && (source.isFloatingPoint || source.isComplex)) {
      throw new TypeError(`${call}: only integer tensors of a single element can be converted to an index (data element ${i} is ${source.name})`);
    }
    const x = values[i];
    if (!target.isComplex && typeof x === 'object') {
      if (x.imag !== 0) throw new RangeError(`${call}: value ${x.real}+${x.imag}j at index ${i} cannot be converted to type ${target.name} without overflow`);
      values[i] = x.real;
    }
  }
}

const SMALL_INT_RANGE: Record<string, [number, number]> = { uint8: [0, 255], int8: [-128, 127], int16: [-32768, 32767], int32: [-(2 ** 31), 2 ** 31 - 1] };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function overflow(call: string, x: unknown, i: number, target: DType): RangeError {
  return new RangeError(`${call}: value ${typeof x === 'bigint' ? `${x}n` : String(x)} at index ${i} cannot be converted to type ${target.name} without overflow`);
}

/**
 * The values in a CPU tensor of the target dtype (float16/bfloat16: float64, converted by the caller),
 * checked the way Python's torch.tensor checks each element (c10::checked_convert): an integer target
 * rejects NaN, infinities and values out of its range, except that integers wrap into uint8 from down
 * to -255; floats truncate toward zero; float targets overflow to inf; a bool target takes nonzero as true.
 */
function staged(call: string, data: Value[], shape: number[], target: DType): Tensor {
  const n = data.length;
  if (target.isComplex) {
    // interleaved real and imaginary parts, in complex128 (converted by the caller)
    const buf = new Float64Array(2 * n);
    data.forEach((x, i) => {
      if (typeof x === 'object') [buf[2 * i], buf[2 * i + 1]] = [x.real, x.imag];
      else buf[2 * i] = Number(x);
    });
    return native.fromBuffer(buf, shape, complex128.code);
  }
  const values = data as (number | boolean | bigint)[]; // complex values only reach a complex target (tensorValues)
  if (target === boolDtype) {
    return native.fromBuffer(Uint8Array.from(values, (x) => (typeof x === 'boolean' ? x : typeof x === 'bigint' ? x !== 0n : x !== 0) ? 1 : 0), shape, boolDtype.code);
  }
  if (target === int64) {
    const buf = new BigInt64Array(n);
    for (let i = 0; i < n; i++) {
      const x = values[i];
      if (typeof x === 'number' && !Number.isFinite(x)) throw overflow(call, x, i, target);
      const b = typeof x === 'number' ? BigInt(Math.trunc(x)) : BigInt(x);
      if (b < INT64_MIN || b > INT64_MAX) throw overflow(call, x, i, target);
      buf[i] = b;
    }
    return native.fromBuffer(buf, shape, int64.code);
  }
  const range = SMALL_INT_RANGE[target.name];
  if (range) {
    const [lo, hi] = range;
    const buf = new (typedArrayFor(target) as { new (n: number): Int32Array })(n);
    for (let i = 0; i < n; i++) {
      const x = Number(values[i]);
      const ok = Number.isInteger(x) ? (x >= lo && x <= hi) || (lo === 0 && x < 0 && -x <= hi) : Number.isFinite(x) && x >= lo && x <= hi;
      if (!ok) throw overflow(call, values[i], i, target);
      buf[i] = x; // the typed array truncates floats and wraps negatives into uint8, as the C++ casts do
    }
    return native.fromBuffer(buf, shape, target.code);
  }
  const Ctor = target === float32 ? Float32Array : Float64Array;
  const buf = new Ctor(n);
  for (let i = 0; i < n; i++) buf[i] = Number(values[i]);
  return native.fromBuffer(buf, shape, target === float32 ? float32.code : float64.code);
}

/** torch.tensor(data, { dtype, device, requiresGrad }): always copies. */
export function tensor(data: Data, opts?: TensorOptions): Tensor {
  const call = 'torch.tensor';
  if (data instanceof Tensor) {
    const r = resolve(call, opts, data.dtype);
    return finish(data.detach().to(r.dtype, { copy: true }), r);
  }
  let t: Tensor;
  let r: Resolved;
  if (ArrayBuffer.isView(data)) {
    const own = dtypeOfTypedArray(data);
    if (!own) throw argError(call, 'data', 'a Float32Array, Float64Array, Int8Array, Uint8Array, Int16Array, Int32Array or BigInt64Array', data);
    r = resolve(call, opts, own);
    t = native.fromBuffer(data, [(data as unknown as { length: number }).length], own.code);
  } else {
    const { shape, values, inferred, fromTensors } = flatten(call, data);
    r = resolve(call, opts, inferred);
    tensorValues(call, values, fromTensors, r.dtype);
    t = staged(call, values, shape, r.dtype);
  }
  if (t.dtype !== r.dtype || r.device !== 'cpu') t = native.to(t, r.dtype.code, r.device, false);
  return finish(t, r);
}

/**
 * torch.as_tensor(data, { dtype, device }): a tensor of the dtype and device asked for is returned as
 * is, another converted by x.to (keeping autograd, as Python's does); other data is made as
 * torch.tensor makes it (a typed array is copied: it is not a numpy array whose memory Python shares).
 */
export function asTensor(data: Data, opts?: { dtype?: DType; device?: DeviceLike }): Tensor {
  const call = 'torch.as_tensor';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['dtype', 'device']);
  if (!(data instanceof Tensor)) return tensor(data, o);
  const r = resolve(call, o, data.dtype);
  const device = o.device === undefined || o.device === null ? data.device : toDevice(r.device);
  if (r.dtype === data.dtype && String(device) === String(data.device)) return data;
  return data.to({ dtype: r.dtype, device });
}

/**
 * torch.asarray(obj, { dtype, device, copy, requiresGrad }): a tensor is aliased unless `copy` is true
 * or (copy unset) its dtype or device must change; `copy: false` where that cannot be is Python's
 * ValueError (a RangeError). As in Python, the result's requires_grad is set (to false by default, on
 * an aliased tensor too; a non-leaf is detached for that). Other data is made as torch.tensor makes it.
 */
export function asarray(obj: Data, opts?: { dtype?: DType; device?: DeviceLike; copy?: boolean | null; requiresGrad?: boolean }): Tensor {
  const call = 'torch.asarray';
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['dtype', 'device', 'copy', 'requiresGrad']);
  const copy = o.copy === undefined || o.copy === null ? null : v.bool(call, 'copy', o.copy);
  const requiresGrad = o.requiresGrad === undefined ? false : v.bool(call, 'requires_grad', o.requiresGrad);
  if (!(obj instanceof Tensor)) {
    if (copy === false) throw new RangeError(`${call}: can't alias arbitrary sequence into a tensor.`);
    return tensor(obj, { dtype: o.dtype as DType | undefined, device: o.device as DeviceLike | undefined, requiresGrad });
  }
  const r = resolve(call, { dtype: o.dtype, device: o.device }, obj.dtype);
  const device = o.device === undefined || o.device === null ? obj.device : toDevice(r.device);
  const wrongDevice = String(device) !== String(obj.device);
  const wrongDtype = r.dtype !== obj.dtype;
  let t = obj;
  if (copy === true || (copy === null && (wrongDevice || wrongDtype))) {
    t = wrongDevice || wrongDtype ? obj.to({ dtype: r.dtype, device }) : obj.clone();
  } else if (wrongDevice) {
    throw new RangeError(`${call}: can't alias tensor from device '${obj.device}' to '${device}'.`);
  } else if (wrongDtype) {
    // c10's ScalarType names, as Python's message prints them: 'Float', 'Double', 'Long', ...
    const scalarType = (d: DType): string => legacyTypeName(d, obj.device).replace(/^torch\.(cuda\.)?/, '').replace(/Tensor$/, '');
    throw new RangeError(`${call}: can't alias tensor with dtype '${scalarType(obj.dtype)}' into dtype '${scalarType(r.dtype)}'.`);
  }
  if (t.requiresGrad !== requiresGrad) {
    // a non-leaf's flag cannot be changed: Python detaches it first
    if (!t.isLeaf) t = t.detach();
    t.requiresGrad_(requiresGrad);
  }
  return t;
}

/** torch.as_tensor / torch.from_numpy analogue: a tensor over a typed array's values, with its shape. */
export function fromTypedArray(data: ArrayBufferView, shape?: number[]): Tensor {
  const call = 'torch.from_numpy';
  const d = dtypeOfTypedArray(data);
  if (!d) throw argError(call, 'data', 'a typed array', data);
  const n = (data as unknown as { length: number }).length;
  const s = shape === undefined ? [n] : v.ints(call, 'shape', shape, 0);
  return native.fromBuffer(data, s, d.code);
}

// The options may carry the size instead (Python's `size=` keyword), and Python's `out=`.
type SizeAndOptions = (number | number[] | (TensorOptions & { size?: number[]; out?: Tensor }) | undefined)[];
type SizeAndEmptyOptions = (number | number[] | (EmptyOptions & { size?: number[]; out?: Tensor }) | undefined)[];
type SizeAndRandomOptions = (number | number[] | (RandomSizeOptions & { out?: Tensor }) | undefined)[];

/** The size as leading arguments, one array, or Python's `size=` keyword (`torch.empty(size=(2, 3))`), and the options after it. */
function sizeAndOptions(call: string, args: readonly unknown[]): { sizes: number[]; opts: unknown } {
  const { sizes, rest } = v.sizeArgs(call, args);
  if (args.length > rest + 1) throw new TypeError(`${call}: unexpected argument ${rest + 1}: ${describe(args[rest + 1])}`);
  const o = args[rest];
  if (rest === 0 && v.isPlainObject(o) && 'size' in o) {
    const { size, ...opts } = o;
    return { sizes: v.ints(call, 'size', size, 0), opts };
  }
  return { sizes, opts: o };
}

function sized(call: string, args: SizeAndOptions, fallback?: DType, random = false): { sizes: number[]; r: Resolved } {
  const { sizes, opts } = sizeAndOptions(call, args);
  return { sizes, r: resolve(call, opts, fallback ?? getDefaultDtype(), random) };
}

/** c10's ScalarType name of a dtype (Float, Long, ...), as Python's messages print it. */
const scalarTypeName = (d: DType): string => legacyTypeName(d, toDevice('cpu')).slice('torch.'.length, -'Tensor'.length);

/**
 * Python's out= of the size factories (`torch.rand(2, 2, out=c)` in the tutorials): null without it;
 * else `fill` has ATen's `.out` overload write into out (resized), and out is returned. A dtype or
 * device given too must be out's (python_arg_parser's check_out_type_matches); requires_grad is set
 * on out, as Python's factories do.
 */
function intoOut(call: string, args: readonly unknown[], fill: (sizes: number[], out: Tensor, r: Resolved) => void, random = false): Tensor | null {
  const { sizes, opts } = sizeAndOptions(call, args);
  const { out: o, ...rest } = v.options(call, opts);
  if (o === undefined || o === null) return null;
  const out = tensorArg(call, 'out', o);
  if ('memoryFormat' in rest) throw new TorchError(`${call}: 'memory_format' argument is incompatible with 'out' tensor argument`);
  const r = resolve(call, rest, out.dtype, random);
  if (r.dtype !== out.dtype) throw new TorchError(`${call}: dtype ${scalarTypeName(r.dtype)} does not match dtype of out parameter (${scalarTypeName(out.dtype)})`);
  const type = toDevice(r.device).type;
  if (rest.device != null && type !== out.device.type) throw new TorchError(`${call}: device type ${type} does not match device type of out parameter (${out.device.type})`);
  fill(sizes, out, r);
  return finish(out, r);
}
const fillOut = (overload: string) => (sizes: number[], out: Tensor): void => { aten(overload)(sizes, out); };
// rand/randn with a generator of their own call its `generator_out` overload.
const randomOut = (name: 'rand' | 'randn') => (sizes: number[], out: Tensor, r: Resolved): void => {
  if (r.generator) aten(`${name}.generator_out`)(sizes, r.generator.handle, out);
  else aten(`${name}.out`)(sizes, out);
};

export function zeros(...args: SizeAndOptions): Tensor {
  const out = intoOut('torch.zeros', args, fillOut('zeros.out'));
  if (out) return out;
  const { sizes, r } = sized('torch.zeros', args);
  return finish(native.zeros(sizes, r.dtype.code, r.device), r);
}
export function ones(...args: SizeAndOptions): Tensor {
  const out = intoOut('torch.ones', args, fillOut('ones.out'));
  if (out) return out;
  const { sizes, r } = sized('torch.ones', args);
  return finish(native.ones(sizes, r.dtype.code, r.device), r);
}
export function empty(...args: SizeAndEmptyOptions): Tensor {
  const call = 'torch.empty';
  const out = intoOut(call, args, (sizes, o) => { aten('empty.out')(sizes, null, o); });
  if (out) return out;
  const { sizes, opts: o } = sizeAndOptions(call, args);
  const { memoryFormat, ...opts } = v.options(call, o);
  const format = memoryFormatArg(call, memoryFormat);
  const r = resolve(call, opts, getDefaultDtype());
  if (format === null) return finish(native.empty(sizes, r.dtype.code, r.device), r);
  return finish(aten('empty.memory_format')(sizes, r.dtype.code, null, r.device, null, format.code), r);
}
// With a generator of its own, a random constructor calls its ATen `generator` overload (schema order:
// ..., generator, dtype, layout, device, pin_memory); without, the addon's call on the default one.
export function rand(...args: SizeAndRandomOptions): Tensor {
  const out = intoOut('torch.rand', args, randomOut('rand'), true);
  if (out) return out;
  const { sizes, r } = sized('torch.rand', args, undefined, true);
  if (!r.dtype.isFloatingPoint) throw argError('torch.rand', 'dtype', 'a floating-point dtype', r.dtype);
  if (r.generator) return finish(aten('rand.generator')(sizes, r.generator.handle, r.dtype.code, null, r.device, null), r);
  return finish(native.rand(sizes, r.dtype.code, r.device), r);
}
export function randn(...args: SizeAndRandomOptions): Tensor {
  const out = intoOut('torch.randn', args, randomOut('randn'), true);
  if (out) return out;
  const { sizes, r } = sized('torch.randn', args, undefined, true);
  if (!r.dtype.isFloatingPoint) throw argError('torch.randn', 'dtype', 'a floating-point dtype', r.dtype);
  if (r.generator) return finish(aten('randn.generator')(sizes, r.generator.handle, r.dtype.code, null, r.device, null), r);
  return finish(native.randn(sizes, r.dtype.code, r.device), r);
}

/** torch.full(size, fillValue, opts): the dtype follows the fill value as in PyTorch ≥ 1.8. */
export function full(size: number[], fillValue: number | boolean | bigint, opts?: TensorOptions): Tensor {
  const call = 'torch.full';
  const sizes = v.ints(call, 'size', size, 0);
  const inferred = typeof fillValue === 'boolean' ? boolDtype : typeof fillValue === 'bigint' ? int64 : typeof fillValue === 'number' ? getDefaultDtype() : undefined;
  if (!inferred) throw argError(call, 'fill_value', 'a number, boolean or bigint', fillValue);
  const r = resolve(call, opts, inferred);
  return finish(native.full(sizes, fillValue, r.dtype.code, r.device), r);
}

/** torch.randint(high, size) or torch.randint(low, high, size); int64 by default. */
export function randint(a: number, b: number | number[] | RandomSizeOptions, c?: number[] | RandomSizeOptions, d?: RandomOptions): Tensor {
  const call = 'torch.randint';
  let [low, high, size, opts] = Array.isArray(b) || v.isPlainObject(b) ? [0, a, b, c as RandomOptions | undefined] : [a, b, c, d];
  // Python's size= keyword: randint(10, size=(3,)), randint(0, 10, size=(3,)).
  if (v.isPlainObject(size) && opts === undefined) ({ size, ...opts } = size as RandomSizeOptions);
  const lo = v.int(call, 'low', low);
  const hi = v.int(call, 'high', high);
  if (hi <= lo) throw new RangeError(`${call}: low must be less than high, got low=${lo} high=${hi}`);
  const r = resolve(call, opts, int64, true);
  const sizes = v.ints(call, 'size', size, 0);
  if (r.generator) return finish(aten('randint.low_generator')(lo, hi, sizes, r.generator.handle, r.dtype.code, null, r.device, null), r);
  return finish(native.randint(lo, hi, sizes, r.dtype.code, r.device), r);
}

export function randperm(n: number, opts?: RandomOptions): Tensor {
  const r = resolve('torch.randperm', opts, int64, true);
  const count = v.int('torch.randperm', 'n', n, 0);
  if (r.generator) return finish(aten('randperm.generator')(count, r.generator.handle, r.dtype.code, null, r.device, null), r);
  return finish(native.randperm(count, r.dtype.code, r.device), r);
}

/** torch.arange(end), arange(start, end), arange(start, end, step); int64 when all are integers. */
type ArangeOptions = TensorOptions & { start?: number; end?: number; step?: number };

/** torch.arange(end) or torch.arange(start, end, step = 1), any of them also by name ({ end }). */
export function arange(a: number | boolean | ArangeOptions, b?: number | boolean | ArangeOptions, c?: number | boolean | ArangeOptions, d?: ArangeOptions): Tensor {
  const call = 'torch.arange';
  // a boolean is Python's int 0 or 1
  const positional = [a, b, c].filter((x) => typeof x === 'number' || typeof x === 'boolean').map(Number);
  const { start: s0, end: e0, step: st0, ...opts } = ([a, b, c, d].find((x) => v.isPlainObject(x)) ?? {}) as ArangeOptions;
  // arange(end) when one number comes alone, else (start, end, step) in order, then the named ones
  const names = positional.length === 1 && e0 === undefined && s0 === undefined && st0 === undefined ? ['end'] : ['start', 'end', 'step'];
  const bound: Record<string, unknown> = { start: 0, step: 1 };
  positional.forEach((x, i) => { bound[names[i]] = x; });
  for (const [k, x] of [['start', s0], ['end', e0], ['step', st0]] as const) {
    if (x === undefined) continue;
    if (positional.length > names.indexOf(k) && names.indexOf(k) >= 0) throw new TypeError(`${call}: got multiple values for argument '${k}'`);
    bound[k] = x;
  }
  if (bound.end === undefined) throw new TypeError(`${call}: missing required argument 'end'`);
  const nums = [v.finite(call, 'start', bound.start), v.finite(call, 'end', bound.end), v.finite(call, 'step', bound.step)];
  const [start, end, step] = nums;
  if (step === 0) throw new RangeError(`${call}: step must be nonzero`);
  if ((end - start) / step < 0) throw new RangeError(`${call}: upper bound and larger bound inconsistent with step sign`);
  const allInt = nums.every(Number.isInteger);
  const r = resolve(call, opts as TensorOptions, allInt ? int64 : getDefaultDtype());
  return finish(native.arange(start, end, step, r.dtype.code, r.device), r);
}

/** torch.linspace(start, end, steps, opts); `steps` also as an option, Python's keyword (`steps=25` in the tutorials). */
export function linspace(start: number, end: number, steps: number | (TensorOptions & { steps: number }), opts?: TensorOptions): Tensor {
  const call = 'torch.linspace';
  if (v.isPlainObject(steps)) {
    if (opts !== undefined) throw new TypeError(`${call}: unexpected argument 4: ${describe(opts)}`);
    const { steps: n, ...rest } = steps as TensorOptions & { steps: number };
    return linspace(start, end, n, rest);
  }
  const r = resolve(call, opts, getDefaultDtype());
  return finish(native.linspace(v.finite(call, 'start', start), v.finite(call, 'end', end), v.int(call, 'steps', steps, 0), r.dtype.code, r.device), r);
}

export function eye(n: number, m?: number | TensorOptions, opts?: TensorOptions): Tensor {
  const call = 'torch.eye';
  if (v.isPlainObject(m)) return eye(n, undefined, m as TensorOptions);
  const rows = v.int(call, 'n', n, 0);
  const cols = m === undefined ? rows : v.int(call, 'm', m, 0);
  const r = resolve(call, opts, getDefaultDtype());
  return finish(native.eye(rows, cols, r.dtype.code, r.device), r);
}

/**
 * A *_like factory: ATen's op, so that the result has the input's dtype, device and layout unless
 * the options say otherwise, and with memory_format=torch.preserve_format (the default) a dense
 * input's very strides, as Python's.
 */
function like(call: string, x: unknown, opts: unknown, make: (t: Tensor, dtype: number, device: string, format: number | null) => Tensor): Tensor {
  const t = tensorArg(call, 'input', x);
  const { memoryFormat, ...o } = v.options(call, opts);
  const format = memoryFormatArg(call, memoryFormat);
  v.knownOptions(call, o, TENSOR_OPTIONS);  // no generator: Python's *_like take none
  const r = resolve(call, { ...o, device: o.device ?? t.device }, t.dtype);
  return finish(make(t, r.dtype.code, r.device, format === null ? null : format.code), r);
}
function likeWith(call: string, op: string) {
  return (x: Tensor, opts?: LikeOptions): Tensor => like(call, x, opts, (t, dtype, device, format) => aten(op)(t, dtype, null, device, null, format));
}
export const zerosLike = likeWith('torch.zeros_like', 'zeros_like');
export const onesLike = likeWith('torch.ones_like', 'ones_like');
export const emptyLike = likeWith('torch.empty_like', 'empty_like');
export const randLike = likeWith('torch.rand_like', 'rand_like');
export const randnLike = likeWith('torch.randn_like', 'randn_like');
export function fullLike(x: Tensor, fillValue: number | boolean | bigint, opts?: LikeOptions): Tensor {
  const call = 'torch.full_like';
  if (typeof fillValue !== 'number' && typeof fillValue !== 'boolean' && typeof fillValue !== 'bigint') throw argError(call, 'fill_value', 'a number, boolean or bigint', fillValue);
  return like(call, x, opts, (t, dtype, device, format) => aten('full_like')(t, fillValue, dtype, null, device, null, format));
}
/** torch.randint_like(input, high) or torch.randint_like(input, low, high). */
export function randintLike(x: Tensor, low: number, high?: number | LikeOptions, opts?: LikeOptions): Tensor {
  if (typeof high !== 'number') return randintLike(x, 0, low, high);
  const call = 'torch.randint_like';
  const lo = v.int(call, 'low', low);
  const hi = v.int(call, 'high', high);
  if (hi <= lo) throw new RangeError(`${call}: low must be less than high, got low=${lo} high=${hi}`);
  return like(call, x, opts, (t, dtype, device, format) => aten('randint_like.low_dtype')(t, lo, hi, dtype, null, device, null, format));
}
