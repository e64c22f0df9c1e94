// torch.Tensor. Instances are made by the addon (native/tensor_holder.h): each is a V8 object whose
// prototype chain runs through this class, so methods live here and data lives in libtorch.
import { native } from './native';
import { DType, asDType, dtypeFromCode, typedArrayFor, TypedArray, float32, int64, bool as boolDtype, float64, complex32, complex64, complex128, int32, float16, bfloat16, uint8, int8, int16 } from './dtype';
import { MemoryFormat, Layout, layoutFromCode, sparse_coo, sparse_csr, _mkldnn } from './_C/layout';
import { tensor as tensorOf } from './creation';
import { aten } from './_aten';
import * as F from './functional';
import { Device, DeviceLike, toDevice, checkCuda } from './device';
import { argError, describe, TorchError } from './errors';
import { Generator, generatorArg } from './generator';
import { legacyNew, legacyTypeName, parseLegacyType, LegacyArgs, LegacyTensorType } from './tensor_new';
import * as v from './validate';
import { tensorRepr } from './_tensor_str';
import { getitem, setitem, indexPutAccumulate, IndexSpec } from './_indexing';
import { _registerTensorHook, RemovableHandle } from './utils/hooks';
import type { GeneratedTensorMethods } from './_C/generated/tensor_methods';

export type Scalar = number | boolean | bigint;
/**
 * An element of a complex tensor, as item() and tolist() give it. JS has no complex number type;
 * a plain object named as Python's complex attributes (z.real, z.imag) reads the same in ported code.
 */
export interface Complex { real: number; imag: number }
export type TensorOrScalar = Tensor | Scalar;
export type NestedArray<T> = T | NestedArray<T>[];

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function isScalar(x: unknown): x is Scalar {
  return typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint';
}

/** Checks a tensor argument and names it in the error. */
export function tensorArg(call: string, name: string, x: unknown): Tensor {
  if (!(x instanceof Tensor)) throw argError(call, name, 'a Tensor', x);
  return x;
}

function operand(call: string, x: unknown): TensorOrScalar {
  if (x instanceof Tensor || isScalar(x)) return x;
  throw argError(call, 'other', 'a Tensor or a number', x);
}

/**
 * `(dim?, { keepdim })`, `({ dim, keepdim })` or Python's positional `(dim, keepdim, { ... })` —
 * PyTorch's reduction signature (a boolean where the options object goes is keepdim).
 */
export function reduceArgs(call: string, known: readonly string[], dimOrOpts: unknown, maybeOpts: unknown, afterKeepdim?: unknown): { dims: number[] | null; keepdim: boolean; opts: Record<string, unknown> } {
  let dim: unknown = dimOrOpts;
  let opts = typeof maybeOpts === 'boolean' ? withPositional(call, afterKeepdim, 'keepdim', maybeOpts) : maybeOpts;
  if (v.isPlainObject(dimOrOpts)) {
    opts = dimOrOpts;
    dim = (dimOrOpts as Record<string, unknown>).dim;
  }
  const o = v.options(call, opts);
  // `known` is the reduction's Python signature (its option list): a typo or an out= it lacks is refused, not ignored.
  v.knownOptions(call, o, known);
  if (o !== dimOrOpts && o.dim !== undefined) {
    if (dim !== undefined) throw new TypeError(`${call}: got multiple values for argument 'dim'`);
    dim = o.dim;
  }
  const keepdim = o.keepdim === undefined ? false : v.bool(call, 'keepdim', o.keepdim);
  if (dim === undefined || dim === null) return { dims: null, keepdim, opts: o };
  const dims = Array.isArray(dim) ? v.ints(call, 'dim', dim) : [v.int(call, 'dim', dim)];
  return { dims, keepdim, opts: o };
}

/** The Tensor reductions' options, as their Python signatures name them (sum/mean add dtype). */
export const DIM_OPTIONS = ['dim', 'keepdim'];
export const SUM_OPTIONS = ['dim', 'keepdim', 'dtype'];

/** std/var: Python's positional order is (dim, unbiased, keepdim), and `std(unbiased)` reduces everything. */
const VARIANCE_OPTIONS = ['dim', 'unbiased', 'correction', 'keepdim'];
function varianceArgs(call: string, dim: unknown, unbiased: unknown, keepdim: unknown, opts: unknown): ReturnType<typeof reduceArgs> {
  if (typeof dim === 'boolean') return reduceArgs(call, VARIANCE_OPTIONS, undefined, withPositional(call, unbiased, 'unbiased', dim));
  if (typeof unbiased !== 'boolean') return reduceArgs(call, VARIANCE_OPTIONS, dim, unbiased);
  const rest = typeof keepdim === 'boolean' ? withPositional(call, opts, 'keepdim', keepdim) : keepdim;
  return reduceArgs(call, VARIANCE_OPTIONS, dim, withPositional(call, rest, 'unbiased', unbiased));
}

/** A positional flag merged into the options object; giving it both ways is Python's TypeError. */
function withPositional(call: string, opts: unknown, name: 'keepdim' | 'unbiased', value: boolean): Record<string, unknown> {
  const o = v.options(call, opts);
  if (o[name] !== undefined) throw new TypeError(`${call}: got multiple values for argument '${name}'`);
  return { ...o, [name]: value };
}

export function oneDim(call: string, dims: number[] | null): number | null {
  if (dims && dims.length !== 1) throw argError(call, 'dim', 'a single integer', dims);
  return dims ? dims[0] : null;
}

type BackwardOptions = { gradient?: Tensor | null; retainGraph?: boolean | null; createGraph?: boolean };

// The generated op layer's methods (lib/_C), installed on the prototype by lib/_C/index.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Tensor extends GeneratedTensorMethods {}
export class Tensor {
  /**
   * Tensors are made by torch.tensor(), torch.zeros() and the ops. `new torch.Tensor(2, 3)`,
   * `new torch.Tensor([1, 2])` are Python's legacy constructor torch.Tensor(...) (lib/tensor_new.ts):
   * the object made here is then replaced by that tensor. A subclass (nn.Parameter) makes its own.
   */
  constructor(...args: LegacyArgs) {
    if (new.target === Tensor) return legacyNew('torch.Tensor', null, toDevice('cpu'), args);
  }

  // ---- properties
  get shape(): number[] { return native.shape(this); }
  get dtype(): DType { return dtypeFromCode(native.dtype(this)); }
  get device(): Device { return toDevice(native.device(this)); }
  get isCuda(): boolean { return native.device(this).startsWith('cuda'); }
  get isCpu(): boolean { return native.device(this) === 'cpu'; }
  get isMeta(): boolean { return native.device(this) === 'meta'; }
  /** Python's x.layout: torch.strided, torch.sparse_coo, torch.sparse_csr, ... */
  get layout(): Layout { return layoutFromCode(native.layout(this)); }
  get isSparse(): boolean { return this.layout === sparse_coo; }
  get isSparseCsr(): boolean { return this.layout === sparse_csr; }
  get isMkldnn(): boolean { return this.layout === _mkldnn; }
  get isQuantized(): boolean { return native.isQuantized(this); }
  get ndim(): number { return native.dim(this); }
  get requiresGrad(): boolean { return native.requiresGrad(this); }
  set requiresGrad(flag: boolean) { this.requiresGrad_(flag); }
  get grad(): Tensor | null { return native.grad(this); }
  set grad(g: Tensor | null) {
    if (g !== null && g !== undefined) {
      tensorArg('torch.Tensor.grad', 'grad', g);
      // Python's checks (python_variable.cpp); libtorch's mutable_grad() has none.
      const what = g.dtype !== this.dtype ? 'type' : String(g.device) !== String(this.device) ? 'device' : !sameShape(g.shape, this.shape) ? 'size' : null;
      if (what) throw new TorchError(`torch.Tensor.grad: assigned grad has data of a different ${what}`);
    }
    native.setGrad(this, g ?? null);
  }
  get isLeaf(): boolean { return native.isLeaf(this); }
  /** The name of the autograd node that made this tensor (`grad_fn`), or null. */
  get gradFn(): { name(): string } | null {
    const name: string | null = native.gradFn(this);
    return name === null ? null : { name: () => name };
  }
  get isDisposed(): boolean { return native.isDisposed(this); }
  /** Python's `x.real`: a view of the real parts of a complex tensor; a real tensor itself. */
  get real(): Tensor { return aten('real')(this); }
  /** Python's `x.imag`: a view of the imaginary parts; an error for a real tensor, as in Python. */
  get imag(): Tensor { return aten('imag')(this); }
  /**
   * Python's `x.data`: the same storage, detached (requiresGrad false), and unlike detach() not
   * sharing the version counter, so autograd does not see in-place changes made through it.
   */
  get data(): Tensor { return native.variableData(this); }
  /** Python's `x.data = y`: x keeps its identity and autograd flags and takes y's storage, dtype and shape. */
  set data(src: Tensor) {
    if (!(src instanceof Tensor)) throw new TypeError(`torch.Tensor.data: Variable data has to be a tensor, but got ${describe(src)}`);
    native.setData(this, src);
  }

  /** Python's len(x): the size of dim 0; a 0-dim tensor has none (Python's TypeError). */
  get length(): number {
    const shape = this.shape;
    if (shape.length === 0) throw new TypeError('len() of a 0-d tensor');
    return shape[0];
  }
  /**
   * Python's iter(x): `for (const row of x)` and `[...x]` give the slices along dim 0 (x.unbind(0),
   * as Python's Tensor.__iter__). A 0-dim tensor is not iterable (a TypeError, as in Python); its
   * Symbol.iterator is undefined rather than a function that throws, because test frameworks
   * (vitest's and jest's toEqual) call any iterator they find to compare arrays holding tensors.
   */
  get [Symbol.iterator](): () => IterableIterator<Tensor> {
    return (native.isDisposed(this) || native.dim(this) > 0 ? iterDim0 : undefined) as () => IterableIterator<Tensor>;
  }

  /** size() → the shape; size(dim) → that dimension's length (negative dims count from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number | number[] {
    const shape = this.shape;
    if (dim === undefined) return shape;
    const d = v.int('torch.Tensor.size', 'dim', dim);
    const n = shape.length;
    if (d < -Math.max(n, 1) || d >= Math.max(n, 1)) throw new RangeError(`torch.Tensor.size: Dimension out of range (expected to be in range of [${-Math.max(n, 1)}, ${Math.max(n, 1) - 1}], but got ${d})`);
    if (n === 0) throw new RangeError(`torch.Tensor.size: Dimension specified as ${d} but tensor has no dimensions`);
    return shape[d < 0 ? d + n : d];
  }
  dim(): number { return native.dim(this); }
  /** Python's alias of dim(). */
  ndimension(): number { return native.dim(this); }
  numel(): number { return native.numel(this); }
  /** Python's alias of numel(). */
  nelement(): number { return native.numel(this); }
  /** The offset of the first element in the storage, in elements. */
  storageOffset(): number { return native.storageOffset(this); }
  /** The address of the first element (a number: user-space addresses fit in 53 bits). */
  dataPtr(): number { return Number(native.dataPtr(this)); }
  /** x.get_device(): the CUDA device index, -1 on the CPU. */
  getDevice(): number { return this.device.type === 'cuda' ? this.device.index ?? 0 : -1; }
  stride(): number[] { return native.stride(this); }
  elementSize(): number { return this.dtype.itemsize; }
  /**
   * is_contiguous(*, memory_format=torch.contiguous_format): whether the strides are those of the
   * format (`{ memoryFormat: torch.channels_last }`: NHWC order for a 4-d tensor, as Python).
   */
  isContiguous(opts?: { memoryFormat?: MemoryFormat | null }): boolean {
    if (opts === undefined) return native.isContiguous(this);
    const format = memoryFormatArg('torch.Tensor.is_contiguous', v.bindArgs('torch.Tensor.is_contiguous', [], [opts], ['memoryFormat']).memoryFormat);
    return format === null ? native.isContiguous(this) : native.isContiguous(this, format.code);
  }
  isFloatingPoint(): boolean { return this.dtype.isFloatingPoint; }

  /**
   * The value of a one-element tensor as a JS number (boolean for bool). An int64 value beyond
   * Number.MAX_SAFE_INTEGER in magnitude comes back as an exact bigint, where a number would round it.
   */
  item(): number | boolean | bigint | Complex {
    if (this.dtype.isComplex) {
      if (this.numel() !== 1) throw new RangeError(`torch.Tensor.item: a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
      const [real, imag] = this.toTypedArray() as Float32Array | Float64Array;
      return { real, imag };
    }
    return native.item(this);
  }

  /**
   * The elements as a typed array of the tensor's own type (float16/bfloat16 come as Float32Array).
   * Complex elements are interleaved, real then imaginary part: complex64 (and complex32, widened)
   * in a Float32Array, complex128 in a Float64Array, twice numel() long.
   */
  toTypedArray(): TypedArray {
    const d = this.dtype;
    if (d.code === 5 || d.code === 15) return new Float32Array(native.toBuffer(native.to(this, float32.code, null, false)));
    if (d === complex32) return new Float32Array(native.toBuffer(native.to(this, complex64.code, null, false)));
    const Ctor = typedArrayFor(d);
    return new Ctor(native.toBuffer(this));
  }

  /**
   * Nested arrays of numbers (booleans for bool), as Python's tolist(); int64 elements beyond
   * Number.MAX_SAFE_INTEGER in magnitude are exact bigints, as item() gives them.
   */
  tolist(): NestedArray<number | boolean | bigint | Complex> {
    const flat = this.toTypedArray();
    const isBool = this.dtype === boolDtype;
    const isComplex = this.dtype.isComplex;
    const get = (i: number): number | boolean | bigint | Complex => {
      if (isComplex) return { real: flat[2 * i] as number, imag: flat[2 * i + 1] as number };
      const x = flat[i];
      if (typeof x === 'bigint') return x > MAX_SAFE || x < -MAX_SAFE ? x : Number(x);
      return isBool ? x !== 0 : x;
    };
    const shape = this.shape;
    if (shape.length === 0) return get(0);
    let pos = 0;
    const build = (d: number): NestedArray<number | boolean | bigint | Complex> => {
      const out: NestedArray<number | boolean | bigint | Complex>[] = [];
      for (let i = 0; i < shape[d]; i++) out.push(d === shape.length - 1 ? get(pos++) : build(d + 1));
      return out;
    };
    return build(0);
  }

  /** PyTorch's repr: `tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])`. */
  toString(): string {
    return tensorRepr(this);
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return tensorRepr(this);
  }

  /**
   * Drops this wrapper's reference to its tensor now; using the wrapper afterwards is an error. The
   * storage is freed at once unless something else still holds it: a view, a module's parameter, or
   * another wrapper of the same tensor (each read of `p.grad` is one).
   */
  dispose(): void {
    native.dispose(this);
  }

  // ---- autograd
  requiresGrad_(flag = true): this {
    v.bool('torch.Tensor.requires_grad_', 'requires_grad', flag);
    // Python's check (python_variable.cpp); libtorch itself lets a non-leaf be switched off.
    if (!flag && !native.isLeaf(this)) {
      throw new TorchError('torch.Tensor.requires_grad_: you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn\'t require differentiation use var_no_grad = var.detach().');
    }
    native.setRequiresGrad(this, flag);
    return this;
  }
  /**
   * Python's backward(gradient=None, retain_graph=None, create_graph=False): each positional or an
   * option (`backward(g, true)`, `backward({ gradient: g, retainGraph: true })`); both ways at once is
   * Python's TypeError.
   */
  backward(gradient?: Tensor | null | BackwardOptions, retainGraph?: boolean | null | BackwardOptions, createGraph?: boolean | BackwardOptions, opts?: BackwardOptions): void {
    const call = 'torch.Tensor.backward';
    const args = [gradient, retainGraph, createGraph, opts];
    const k = args.findIndex((a) => v.isPlainObject(a));
    if (k >= 0 && args.slice(k + 1).some((a) => a !== undefined)) throw new TypeError(`${call}: unexpected argument after the options object`);
    const o = { ...v.options(call, k < 0 ? undefined : args[k]) };
    v.knownOptions(call, o, ['gradient', 'retainGraph', 'createGraph']);
    (['gradient', 'retainGraph', 'createGraph'] as const).forEach((name, i) => {
      if (k >= 0 && i >= k) return;
      if (args[i] === undefined) return;
      if (o[name] !== undefined) throw new TypeError(`${call}: got multiple values for argument '${v.pythonName(name)}'`);
      o[name] = args[i];
    });
    const g = o.gradient === undefined || o.gradient === null ? null : tensorArg(call, 'gradient', o.gradient);
    native.backward(this, g, o.retainGraph === undefined || o.retainGraph === null ? null : v.bool(call, 'retain_graph', o.retainGraph), o.createGraph === undefined ? false : v.bool(call, 'create_graph', o.createGraph));
  }
  retainGrad(): void { native.retainGrad(this); }
  detach(): Tensor { return native.detach(this); }
  detach_(): this { native.detach_(this); return this; }

  // ---- conversions
  /**
   * Python's three forms: to(dtype, nonBlocking?, copy?), to(device?, dtype?, nonBlocking?, copy?) and
   * to(other, nonBlocking?, copy?), each with { memoryFormat }; or one options object naming any of them.
   */
  to(a?: DType | DeviceLike | Tensor | string | ToOptions, b?: DType | boolean | ToOptions | null, c?: boolean | ToOptions, d?: boolean | ToOptions, e?: ToOptions): Tensor {
    const call = 'torch.Tensor.to';
    // the common x.to(dtype) / x.to(device) binds nothing more (and makes no garbage: the recycle bin
    // of small results counts on few collections, test/tensor/direct_path.test.ts)
    if (b === undefined && a !== undefined && !v.isPlainObject(a)) {
      if (a instanceof Tensor) {
        checkCuda(call, a.device);
        return native.to(this, a.dtype.code, String(a.device), false);
      }
      const dtype = asDType(a);
      if (dtype) return native.to(this, dtype.code, null, false);
      const dev = toArgDevice(call, a);
      checkCuda(call, dev);
      return native.to(this, null, String(dev), false);
    }
    const p = parseTo(call, a, b, c, d, e);
    if (p.device) checkCuda(call, p.device);
    // non_blocking only changes copies between pinned host memory and CUDA
    if (p.memoryFormat === null && !p.nonBlocking) return native.to(this, p.dtype ? p.dtype.code : null, p.device ? String(p.device) : null, p.copy);
    return aten('to.dtype_layout')(this, p.dtype ? p.dtype.code : null, null, p.device ? String(p.device) : null, null, p.nonBlocking, p.copy, p.memoryFormat?.code ?? null);
  }
  /**
   * type() → Python's type name ('torch.FloatTensor'); type(dtype) → this.to(dtype); type of a legacy
   * type, by name ('torch.LongTensor', 'torch.cuda.FloatTensor') or constructor (torch.IntTensor).
   */
  type(): string;
  type(dtype: DType | string | LegacyTensorType): Tensor;
  type(dtype?: DType | string | LegacyTensorType): Tensor | string {
    if (dtype === undefined) return legacyTypeName(this.dtype, this.device);
    const d = asDType(dtype);
    if (d) return this.to(d);
    const t = parseLegacyType(dtype);
    if (!t) throw new RangeError(`torch.Tensor.type: invalid type: '${typeof dtype === 'string' ? dtype : describe(dtype)}'`);
    return this.to(t.device === this.device.type ? this.device : toDevice(t.device), t.dtype);
  }
  /** Python's x.new(...): the legacy constructor with x's dtype and device (sizes, data or a tensor). */
  new(...args: LegacyArgs): Tensor { return legacyNew('torch.Tensor.new', this.dtype, this.device, args); }
  // x.float({ memoryFormat }) and the like: Python's self.to(dtype, memory_format=...)
  float(opts?: CastOptions): Tensor { return castTo(this, 'float', float32, opts); }
  double(opts?: CastOptions): Tensor { return castTo(this, 'double', float64, opts); }
  long(opts?: CastOptions): Tensor { return castTo(this, 'long', int64, opts); }
  int(opts?: CastOptions): Tensor { return castTo(this, 'int', int32, opts); }
  bool(opts?: CastOptions): Tensor { return castTo(this, 'bool', boolDtype, opts); }
  half(opts?: CastOptions): Tensor { return castTo(this, 'half', float16, opts); }
  bfloat16(opts?: CastOptions): Tensor { return castTo(this, 'bfloat16', bfloat16, opts); }
  byte(opts?: CastOptions): Tensor { return castTo(this, 'byte', uint8, opts); }
  char(opts?: CastOptions): Tensor { return castTo(this, 'char', int8, opts); }
  short(opts?: CastOptions): Tensor { return castTo(this, 'short', int16, opts); }
  cfloat(opts?: CastOptions): Tensor { return castTo(this, 'cfloat', complex64, opts); }
  cdouble(opts?: CastOptions): Tensor { return castTo(this, 'cdouble', complex128, opts); }
  /**
   * x.register_hook(hook): `hook(grad)` runs each time the gradient of x is computed; a tensor it
   * returns replaces the gradient. `handle.remove()` takes it off. CPU tensors only (see native/autograd_hooks.cc).
   */
  registerHook(hook: (grad: Tensor) => Tensor | null | undefined | void): RemovableHandle {
    return _registerTensorHook(this, hook);
  }
  /** x.to_sparse_coo(): torch/_tensor.py's `return self.to_sparse()` (so a sparse x is refused, as in 1.13). */
  toSparseCoo(): Tensor {
    return this.toSparse();
  }
  /** x.new_tensor(data, { dtype, device, requiresGrad }): a copy of data, with x's dtype and device by default. */
  newTensor(data: Parameters<typeof tensorOf>[0], opts?: { dtype?: DType | null; device?: DeviceLike | null; requiresGrad?: boolean }): Tensor {
    const o = v.options('torch.Tensor.new_tensor', opts);
    return tensorOf(data, { ...o, dtype: (o.dtype ?? this.dtype) as DType, device: (o.device ?? this.device) as DeviceLike });
  }
  /** cuda(), cuda(1), cuda('cuda:1'), cuda(torch.device('cuda', 1)): a CUDA device only, as Python. */
  cuda(device?: DeviceLike | null | { device?: DeviceLike | null; nonBlocking?: boolean; memoryFormat?: MemoryFormat | null }, nonBlocking?: boolean | { nonBlocking?: boolean; memoryFormat?: MemoryFormat | null }, opts?: { memoryFormat?: MemoryFormat | null }): Tensor {
    const call = 'torch.Tensor.cuda';
    const o = v.bindArgs(call, ['device', 'nonBlocking'], [device, nonBlocking, opts], ['memoryFormat']);
    const d = o.device === undefined || o.device === null ? toDevice('cuda') : toDevice(o.device as DeviceLike);
    if (d.type !== 'cuda') throw new TorchError('torch.Tensor.cuda: Invalid device, must be cuda device');
    return this.to(d, { nonBlocking: o.nonBlocking as boolean | undefined, memoryFormat: memoryFormatArg(call, o.memoryFormat) });
  }
  /** cpu(*, memory_format=torch.preserve_format). */
  cpu(opts?: { memoryFormat?: MemoryFormat | null }): Tensor {
    if (opts === undefined) return this.to('cpu');
    const format = memoryFormatArg('torch.Tensor.cpu', v.bindArgs('torch.Tensor.cpu', [], [opts], ['memoryFormat']).memoryFormat);
    return this.to('cpu', { memoryFormat: format });
  }
  /** clone(*, memory_format=torch.preserve_format): preserve keeps the strides of a dense tensor. */
  clone(opts?: { memoryFormat?: MemoryFormat | null }): Tensor {
    if (opts === undefined) return native.clone(this);
    const format = memoryFormatArg('torch.clone', v.bindArgs('torch.clone', [], [opts], ['memoryFormat']).memoryFormat);
    return format === null ? native.clone(this) : aten('clone')(this, format.code);
  }
  /**
   * contiguous(*, memory_format=torch.contiguous_format): this tensor itself when it already is
   * contiguous in that format (Python returns self), else a copy in it.
   */
  contiguous(opts?: { memoryFormat?: MemoryFormat | null }): Tensor {
    const call = 'torch.Tensor.contiguous';
    const format = opts === undefined ? null : memoryFormatArg(call, v.bindArgs(call, [], [opts], ['memoryFormat']).memoryFormat);
    if (format === null) return native.isContiguous(this) ? this : native.contiguous(this);
    return native.isContiguous(this, format.code) ? this : aten('contiguous')(this, format.code);
  }

  // ---- arithmetic
  add(other: TensorOrScalar, opts?: { alpha?: number }): Tensor {
    const o = opts === undefined ? undefined : v.finite('torch.add', 'alpha', v.options('torch.add', opts).alpha ?? 1);
    return native.add(this, operand('torch.add', other), o);
  }
  sub(other: TensorOrScalar, opts?: { alpha?: number }): Tensor {
    const o = opts === undefined ? undefined : v.finite('torch.sub', 'alpha', v.options('torch.sub', opts).alpha ?? 1);
    return native.sub(this, operand('torch.sub', other), o);
  }
  mul(other: TensorOrScalar): Tensor { return native.mul(this, operand('torch.mul', other)); }
  div(other: TensorOrScalar, opts?: { roundingMode?: 'trunc' | 'floor' }): Tensor {
    const o = v.options('torch.div', opts);
    const mode = o.roundingMode === undefined || o.roundingMode === null ? undefined : v.oneOf('torch.div', 'rounding_mode', o.roundingMode, ['trunc', 'floor']);
    return native.div(this, operand('torch.div', other), mode);
  }
  pow(exponent: TensorOrScalar): Tensor { return native.pow(this, operand('torch.pow', exponent)); }
  remainder(other: TensorOrScalar): Tensor { return native.remainder(this, operand('torch.remainder', other)); }
  maximum(other: Tensor): Tensor { return native.maximum(this, tensorArg('torch.maximum', 'other', other)); }
  minimum(other: Tensor): Tensor { return native.minimum(this, tensorArg('torch.minimum', 'other', other)); }
  neg(): Tensor { return native.neg(this); }
  abs(): Tensor { return native.abs(this); }
  exp(): Tensor { return native.exp(this); }
  log(): Tensor { return native.log(this); }
  sqrt(): Tensor { return native.sqrt(this); }
  rsqrt(): Tensor { return native.rsqrt(this); }
  sign(): Tensor { return native.sign(this); }
  floor(): Tensor { return native.floor(this); }
  ceil(): Tensor { return native.ceil(this); }
  /** round(), or Python's round(input, *, decimals) as round({ decimals }). */
  round(opts?: { decimals?: number }): Tensor {
    if (opts === undefined) return native.round(this);
    const o = v.options('torch.round', opts);
    v.knownOptions('torch.round', o, ['decimals']);
    return o.decimals === undefined ? native.round(this) : aten('round.decimals')(this, v.int('torch.round', 'decimals', o.decimals));
  }
  sin(): Tensor { return native.sin(this); }
  cos(): Tensor { return native.cos(this); }
  relu(): Tensor { return native.relu(this); }
  sigmoid(): Tensor { return native.sigmoid(this); }
  tanh(): Tensor { return native.tanh(this); }
  logicalNot(): Tensor { return native.logicalNot(this); }
  isnan(): Tensor { return native.isnan(this); }
  /** clamp(min, max): numbers, or tensors (Python's clamp.Tensor overload, elementwise bounds). */
  clamp(min?: number | Tensor | null | { min?: number | Tensor | null; max?: number | Tensor | null }, max?: number | Tensor | null): Tensor {
    const bounds = tensorBounds('torch.clamp', min, max);
    if (bounds) return aten('clamp.Tensor')(this, ...bounds);
    const [lo, hi] = clampArgs('torch.clamp', min, max);
    return native.clamp(this, lo, hi);
  }
  clip(min?: number | null, max?: number | null): Tensor { return this.clamp(min, max); }
  softmax(dim: number | { dim: number; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
    return softmaxLike('torch.softmax', native.softmax, this, dim, opts);
  }
  logSoftmax(dim: number | { dim: number; dtype?: DType }, opts?: { dtype?: DType }): Tensor {
    return softmaxLike('torch.log_softmax', native.logSoftmax, this, dim, opts);
  }
  matmul(other: Tensor): Tensor { return native.matmul(this, tensorArg('torch.matmul', 'other', other)); }
  mm(other: Tensor): Tensor { return native.mm(this, tensorArg('torch.mm', 'mat2', other)); }
  bmm(other: Tensor): Tensor { return native.bmm(this, tensorArg('torch.bmm', 'mat2', other)); }

  // ---- shape ops
  /** `view(*shape)`, or `view(dtype)`: the same memory read as another dtype (aten::view.dtype). */
  view(...shape: number[] | [number[]] | [DType]): Tensor {
    if (shape.length === 1 && shape[0] instanceof DType) return aten('view.dtype')(this, shape[0].code);
    return native.view(this, v.dimArgs('torch.Tensor.view', 'shape', shape as number[] | [number[]]));
  }
  reshape(...shape: number[] | [number[]]): Tensor { return native.reshape(this, v.dimArgs('torch.reshape', 'shape', shape)); }
  viewAs(other: Tensor): Tensor { return native.view(this, tensorArg('torch.Tensor.view_as', 'other', other).shape); }
  flatten(startDim: number | { startDim?: number; endDim?: number } = 0, endDim = -1): Tensor {
    if (v.isPlainObject(startDim)) {
      const o = startDim as { startDim?: number; endDim?: number };
      return this.flatten(o.startDim ?? 0, o.endDim ?? -1);
    }
    return native.flatten(this, v.int('torch.flatten', 'start_dim', startDim), v.int('torch.flatten', 'end_dim', endDim));
  }
  squeeze(dim?: number): Tensor { return native.squeeze(this, v.optInt('torch.squeeze', 'dim', dim)); }
  unsqueeze(dim: number): Tensor { return native.unsqueeze(this, v.int('torch.unsqueeze', 'dim', dim)); }
  permute(...dims: number[] | [number[]]): Tensor { return native.permute(this, v.dimArgs('torch.permute', 'dims', dims)); }
  transpose(dim0: number, dim1: number): Tensor {
    return native.transpose(this, v.int('torch.transpose', 'dim0', dim0), v.int('torch.transpose', 'dim1', dim1));
  }
  t(): Tensor { return native.t(this); }
  /** Python's x.H: the conjugate transpose of a matrix (0-D or 2-D; x.mH for batches), aten::matrix_H. */
  get H(): Tensor { return aten('matrix_H')(this); }
  get T(): Tensor { return this.dim() < 2 ? this : native.permute(this, [...Array(this.dim()).keys()].reverse()); }
  expand(...sizes: number[] | [number[]]): Tensor { return native.expand(this, v.dimArgs('torch.Tensor.expand', 'size', sizes)); }
  expandAs(other: Tensor): Tensor { return native.expand(this, tensorArg('torch.Tensor.expand_as', 'other', other).shape); }
  repeat(...sizes: number[] | [number[]]): Tensor { return native.repeat(this, v.dimArgs('torch.Tensor.repeat', 'repeats', sizes)); }
  // torch/_tensor.py's methods over torch/functional.py (lib/functional.ts)
  split(splitSize: number | number[] | Tensor, dim: number | { dim?: number } = 0): Tensor[] { return F.split(this, splitSize, dim); }
  unique(opts?: F.UniqueOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
  unique(opts: F.UniqueOptions & F.Flagged): Tensor[];
  unique(sorted?: boolean, returnInverse?: boolean, returnCounts?: boolean, dim?: number | null | F.UniqueOptions): Tensor | Tensor[];
  unique(...args: unknown[]): Tensor | Tensor[] { return F.unique(this, ...(args as [])); }
  uniqueConsecutive(opts?: F.UniqueConsecutiveOptions & { returnInverse?: false; returnCounts?: false }): Tensor;
  uniqueConsecutive(opts: F.UniqueConsecutiveOptions & F.Flagged): Tensor[];
  uniqueConsecutive(returnInverse?: boolean, returnCounts?: boolean, dim?: number | null | F.UniqueConsecutiveOptions): Tensor | Tensor[];
  uniqueConsecutive(...args: unknown[]): Tensor | Tensor[] { return F.uniqueConsecutive(this, ...(args as [])); }
  lu(pivot?: boolean | { pivot?: boolean; getInfos?: boolean }, getInfos?: boolean): F.LuResult { return F.tensorLu(this, [pivot, getInfos]); }
  stft(nFft: number | ({ nFft: number } & F.StftOptions), ...rest: unknown[]): Tensor { return F.stft(this, nFft, ...rest); }
  chunk(chunks: number, dim = 0): Tensor[] { return native.chunk(this, v.int('torch.chunk', 'chunks', chunks, 1), v.int('torch.chunk', 'dim', dim)); }
  /** narrow(dim, start, length); `start` may be a 0-dim integer tensor (Python's narrow.Tensor). */
  narrow(dim: number, start: number | Tensor, length: number): Tensor {
    const call = 'torch.narrow';
    if (start instanceof Tensor) return aten('narrow.Tensor')(this, v.int(call, 'dim', dim), start, v.int(call, 'length', length, 0));
    return native.narrow(this, v.int(call, 'dim', dim), v.int(call, 'start', start), v.int(call, 'length', length, 0));
  }
  select(dim: number, index: number): Tensor { return native.select(this, v.int('torch.select', 'dim', dim), v.int('torch.select', 'index', index)); }
  /** Python's `x[start:end:step]` along one dim: `x.slice(dim, start, end, step)`. */
  slice(dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
    const call = 'torch.Tensor.slice';
    return native.slice(this, v.int(call, 'dim', dim), v.optInt(call, 'start', start), v.optInt(call, 'end', end), v.int(call, 'step', step, 1));
  }
  /**
   * Python's `x[a, b, ...]`, one argument per index position: an integer, null (None), '...'
   * (Ellipsis), `torch.slice(start, stop, step)`, a bool, or a bool/integer tensor or array
   * (advanced indexing). `x[:, 0]` is `x.index(torch.slice(), 0)`; basic indices give views.
   */
  index(...indices: IndexSpec[]): Tensor { return getitem(this, indices); }
  /** The same as index(): Python's `x[i]`. */
  get(...indices: IndexSpec[]): Tensor { return getitem(this, indices); }
  /**
   * Python's `x[a, b, ...] = value`: `x.indexPut_([a, b, ...], value)`, the indices as index() takes
   * them. With `{ accumulate }` it is Python's `x.index_put_(indices, values, accumulate)` (tensors).
   */
  indexPut_(indices: IndexSpec[], value: TensorOrScalar, opts?: boolean | { accumulate?: boolean }): this {
    const call = 'torch.Tensor.index_put_';
    if (!Array.isArray(indices)) throw argError(call, 'indices', 'an array of indices', indices);
    const o = typeof opts === 'boolean' ? { accumulate: opts } : v.options(call, opts);
    v.knownOptions(call, o, ['accumulate']);
    if (o.accumulate === undefined) setitem(this, indices, value);
    else indexPutAccumulate(this, indices, tensorArg(call, 'values', value), v.bool(call, 'accumulate', o.accumulate));
    return this;
  }
  indexSelect(dim: number, index: Tensor): Tensor {
    return native.indexSelect(this, v.int('torch.index_select', 'dim', dim), tensorArg('torch.index_select', 'index', index));
  }
  gather(dim: number, index: Tensor): Tensor {
    return native.gather(this, v.int('torch.gather', 'dim', dim), tensorArg('torch.gather', 'index', index));
  }
  maskedFill(mask: Tensor, value: TensorOrScalar): Tensor {
    return native.maskedFill(this, tensorArg('torch.Tensor.masked_fill', 'mask', mask), operand('torch.Tensor.masked_fill', value));
  }

  // ---- reductions (a boolean after dim is Python's positional keepdim: `x.sum(1, true)`)
  sum(dim?: number | number[] | { dim?: number | number[]; keepdim?: boolean; dtype?: DType }, opts?: boolean | { keepdim?: boolean; dtype?: DType }, more?: { dtype?: DType }): Tensor {
    const r = reduceArgs('torch.sum', SUM_OPTIONS, dim, opts, more);
    return native.sum(this, r.dims, r.keepdim, dtypeOpt('torch.sum', r.opts.dtype));
  }
  mean(dim?: number | number[] | { dim?: number | number[]; keepdim?: boolean; dtype?: DType }, opts?: boolean | { keepdim?: boolean; dtype?: DType }, more?: { dtype?: DType }): Tensor {
    const r = reduceArgs('torch.mean', SUM_OPTIONS, dim, opts, more);
    return native.mean(this, r.dims, r.keepdim, dtypeOpt('torch.mean', r.opts.dtype));
  }
  prod(dim?: number | { dim?: number; keepdim?: boolean; dtype?: DType }, opts?: boolean | { keepdim?: boolean; dtype?: DType }, more?: { dtype?: DType }): Tensor {
    const r = reduceArgs('torch.prod', SUM_OPTIONS, dim, opts, more);
    const d = oneDim('torch.prod', r.dims);
    const dtype = dtypeOpt('torch.prod', r.opts.dtype);
    if (dtype === undefined) return native.prod(this, d, r.keepdim);
    return d === null ? aten('prod')(this, dtype) : aten('prod.dim_int')(this, d, r.keepdim, dtype);
  }
  /** max() → Tensor; max(dim) → [values, indices], PyTorch's named tuple: also `.values`, `.indices`; max(other) is maximum. */
  max(): Tensor;
  max(other: Tensor): Tensor;
  max(dim: number | { dim: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): ValuesIndices;
  max(dim?: Tensor | number | { dim: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return native.maximum(this, dim);
    const r = reduceArgs('torch.max', DIM_OPTIONS, dim, opts, more);
    const d = oneDim('torch.max', r.dims);
    return d === null ? native.max(this, null, false) : valuesIndices(native.max(this, d, r.keepdim));
  }
  min(): Tensor;
  min(other: Tensor): Tensor;
  min(dim: number | { dim: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): ValuesIndices;
  min(dim?: Tensor | number | { dim: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): Tensor | ValuesIndices {
    if (dim instanceof Tensor) return native.minimum(this, dim);
    const r = reduceArgs('torch.min', DIM_OPTIONS, dim, opts, more);
    const d = oneDim('torch.min', r.dims);
    return d === null ? native.min(this, null, false) : valuesIndices(native.min(this, d, r.keepdim));
  }
  /** The indices of the nonzero elements, one row each; with { asTuple: true } one index tensor per dim (Python's as_tuple). */
  nonzero(opts?: { asTuple?: false }): Tensor;
  nonzero(opts: { asTuple: true }): Tensor[];
  nonzero(opts?: { asTuple?: boolean }): Tensor | Tensor[] {
    const o = v.options('torch.nonzero', opts);
    v.knownOptions('torch.nonzero', o, ['asTuple']);
    return o.asTuple !== undefined && v.bool('torch.nonzero', 'as_tuple', o.asTuple) ? aten('nonzero_numpy')(this) : aten('nonzero')(this);
  }
  argmax(dim?: number | { dim?: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): Tensor {
    const r = reduceArgs('torch.argmax', DIM_OPTIONS, dim, opts, more);
    return native.argmax(this, oneDim('torch.argmax', r.dims), r.keepdim);
  }
  argmin(dim?: number | { dim?: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): Tensor {
    const r = reduceArgs('torch.argmin', DIM_OPTIONS, dim, opts, more);
    return native.argmin(this, oneDim('torch.argmin', r.dims), r.keepdim);
  }
  /** std(dim, unbiased, keepdim) as Python orders them positionally: `x.std(1, true)` is unbiased, not keepdim. */
  std(dim?: boolean | number | number[] | { dim?: number | number[]; unbiased?: boolean; correction?: number; keepdim?: boolean }, unbiased?: boolean | { unbiased?: boolean; correction?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }, opts?: { correction?: number }): Tensor {
    const r = varianceArgs('torch.std', dim, unbiased, keepdim, opts);
    return native.std(this, r.dims, correction('torch.std', r.opts), r.keepdim);
  }
  var(dim?: boolean | number | number[] | { dim?: number | number[]; unbiased?: boolean; correction?: number; keepdim?: boolean }, unbiased?: boolean | { unbiased?: boolean; correction?: number; keepdim?: boolean }, keepdim?: boolean | { keepdim?: boolean }, opts?: { correction?: number }): Tensor {
    const r = varianceArgs('torch.var', dim, unbiased, keepdim, opts);
    return native.var(this, r.dims, correction('torch.var', r.opts), r.keepdim);
  }
  norm(p?: F.NormOrder | F.NormOptions, dim?: number | number[] | null | F.NormOptions, keepdim?: boolean | F.NormOptions, dtype?: DType | null | F.NormOptions): Tensor {
    return F.tensorNorm(this, [p, dim, keepdim, dtype]);
  }
  all(dim?: number | { dim?: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): Tensor {
    const r = reduceArgs('torch.all', DIM_OPTIONS, dim, opts, more);
    return native.all(this, oneDim('torch.all', r.dims), r.keepdim);
  }
  any(dim?: number | { dim?: number; keepdim?: boolean }, opts?: boolean | { keepdim?: boolean }, more?: Record<string, never>): Tensor {
    const r = reduceArgs('torch.any', DIM_OPTIONS, dim, opts, more);
    return native.any(this, oneDim('torch.any', r.dims), r.keepdim);
  }
  /** Python's `x.where(condition, other)`: torch.where(condition, x, other). */
  where(condition: Tensor, other: TensorOrScalar): Tensor {
    return native.where(tensorArg('torch.Tensor.where', 'condition', condition), this, operand('torch.Tensor.where', other));
  }

  // ---- comparisons
  eq(other: TensorOrScalar): Tensor { return native.eq(this, operand('torch.eq', other)); }
  ne(other: TensorOrScalar): Tensor { return native.ne(this, operand('torch.ne', other)); }
  lt(other: TensorOrScalar): Tensor { return native.lt(this, operand('torch.lt', other)); }
  le(other: TensorOrScalar): Tensor { return native.le(this, operand('torch.le', other)); }
  gt(other: TensorOrScalar): Tensor { return native.gt(this, operand('torch.gt', other)); }
  ge(other: TensorOrScalar): Tensor { return native.ge(this, operand('torch.ge', other)); }
  isclose(other: Tensor, opts?: { rtol?: number; atol?: number; equalNan?: boolean }): Tensor {
    const [rtol, atol, nan] = closeOpts('torch.isclose', opts);
    return native.isclose(this, tensorArg('torch.isclose', 'other', other), rtol, atol, nan);
  }
  allclose(other: Tensor, opts?: { rtol?: number; atol?: number; equalNan?: boolean }): boolean {
    const [rtol, atol, nan] = closeOpts('torch.allclose', opts);
    return native.allclose(this, tensorArg('torch.allclose', 'other', other), rtol, atol, nan);
  }
  equal(other: Tensor): boolean { return native.equal(this, tensorArg('torch.equal', 'other', other)); }

  // ---- in place (return this, as PyTorch returns self)
  add_(other: TensorOrScalar, opts?: { alpha?: number }): this {
    native.add_(this, operand('torch.Tensor.add_', other), opts === undefined ? undefined : v.finite('torch.Tensor.add_', 'alpha', v.options('torch.Tensor.add_', opts).alpha ?? 1));
    return this;
  }
  sub_(other: TensorOrScalar, opts?: { alpha?: number }): this {
    native.sub_(this, operand('torch.Tensor.sub_', other), opts === undefined ? undefined : v.finite('torch.Tensor.sub_', 'alpha', v.options('torch.Tensor.sub_', opts).alpha ?? 1));
    return this;
  }
  mul_(other: TensorOrScalar): this { native.mul_(this, operand('torch.Tensor.mul_', other)); return this; }
  div_(other: TensorOrScalar, opts?: { roundingMode?: 'trunc' | 'floor' | null }): this {
    const o = v.options('torch.Tensor.div_', opts);
    v.knownOptions('torch.Tensor.div_', o, ['roundingMode']);
    const b = operand('torch.Tensor.div_', other);
    if (o.roundingMode === undefined || o.roundingMode === null) native.div_(this, b);
    else aten('div_.Tensor_mode')(this, b, v.oneOf('torch.Tensor.div_', 'rounding_mode', o.roundingMode, ['trunc', 'floor']));
    return this;
  }
  zero_(): this { native.zero_(this); return this; }
  fill_(value: Scalar | Tensor): this {
    // Python's fill_(Tensor value) overload: a 0-dim tensor (word_language_model's generate.py fills with a sampled index)
    if (value instanceof Tensor) { aten('fill_.Tensor')(this, value); return this; }
    if (!isScalar(value)) throw argError('torch.Tensor.fill_', 'value', 'a number or a 0-dim tensor', value);
    native.fill_(this, value);
    return this;
  }
  copy_(src: Tensor): this { native.copy_(this, tensorArg('torch.Tensor.copy_', 'src', src)); return this; }
  clamp_(min?: number | Tensor | null | { min?: number | Tensor | null; max?: number | Tensor | null }, max?: number | Tensor | null): this {
    const bounds = tensorBounds('torch.Tensor.clamp_', min, max);
    if (bounds) { aten('clamp_.Tensor')(this, ...bounds); return this; }
    const [lo, hi] = clampArgs('torch.Tensor.clamp_', min, max);
    native.clamp_(this, lo, hi);
    return this;
  }
  relu_(): this { native.relu_(this); return this; }
  uniform_(from?: number | RandomFillOptions<'from' | 'to'>, to?: number | RandomFillOptions<'to'>, opts?: RandomFillOptions): this {
    randomFill_(this, 'uniform_', ['from', 'to'], [0, 1], [from, to, opts]);
    return this;
  }
  normal_(mean?: number | RandomFillOptions<'mean' | 'std'>, std?: number | RandomFillOptions<'std'>, opts?: RandomFillOptions): this {
    randomFill_(this, 'normal_', ['mean', 'std'], [0, 1], [mean, std, opts]);
    return this;
  }
}

/** The keyword arguments of x.uniform_/normal_: the positional ones by name, and `generator`. */
export type RandomFillOptions<K extends string = never> = { [k in K]?: number } & { generator?: Generator | null };

/**
 * x.uniform_(from=0, to=1, *, generator=None) and x.normal_(mean=0, std=1, *, generator=None): a
 * generator of its own goes through the ATen op; the default one takes the addon's direct call.
 */
function randomFill_(x: Tensor, op: 'uniform_' | 'normal_', names: [string, string], defaults: [number, number], args: unknown[]): void {
  const call = `torch.Tensor.${op}`;
  const o = v.bindArgs(call, names, args, ['generator']);
  const a = o[names[0]] === undefined ? defaults[0] : v.finite(call, names[0], o[names[0]]);
  const b = o[names[1]] === undefined ? defaults[1] : v.finite(call, names[1], o[names[1]]);
  const g = generatorArg(call, o.generator);
  if (g !== undefined && g.handle !== null) aten(op)(x, a, b, g.handle);
  else native[op](x, a, b);
}

/** The (values, indices) named tuple of max/min(dim): destructures as a pair, or read by name. */
export type ValuesIndices = [Tensor, Tensor] & { values: Tensor; indices: Tensor };
export function valuesIndices(pair: [Tensor, Tensor]): ValuesIndices {
  return Object.assign(pair, { values: pair[0], indices: pair[1] });
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

interface CastOptions { memoryFormat?: MemoryFormat | null }

/** A `memory_format=` argument: a torch.memory_format, or null (None) for the call's default. */
export function memoryFormatArg(call: string, f: unknown): MemoryFormat | null {
  if (f === undefined || f === null) return null;
  if (!(f instanceof MemoryFormat)) throw argError(call, 'memory_format', 'a torch.memory_format', f);
  return f;
}

function deviceOf(call: string, d: unknown, name: string, what: string): Device {
  try { return toDevice(d as DeviceLike); } catch { throw argError(call, name, what, d); }
}
/** The device of to(device, ...): an integer is a CUDA device index, as in Python (a negative one is Python's error). */
function toArgDevice(call: string, a: unknown): Device {
  return typeof a === 'number' ? toDevice(a) : deviceOf(call, a, 'argument', 'a dtype, a device or a Tensor');
}
export interface ToOptions { device?: DeviceLike | null; dtype?: DType | null; nonBlocking?: boolean; copy?: boolean; memoryFormat?: MemoryFormat | null }
export interface ParsedTo { dtype: DType | null; device: Device | null; nonBlocking: boolean; copy: boolean; memoryFormat: MemoryFormat | null }

/**
 * The arguments of Tensor.to and nn.Module.to (Python's torch._C._nn._parse_to): to(dtype, nonBlocking?,
 * copy?), to(device?, dtype?, nonBlocking?, copy?), to(other, nonBlocking?, copy?), each with
 * { memoryFormat }, or one options object naming any of them (to() names none).
 */
export function parseTo(call: string, ...args: unknown[]): ParsedTo {
  const [a, b, c, d, e] = args;
  let dtype: DType | null = null;
  let dev: Device | null = null;
  let o: Record<string, unknown>;
  if (a === undefined || v.isPlainObject(a)) {
    o = v.bindArgs(call, [], [a, b, c, d, e], ['device', 'dtype', 'nonBlocking', 'copy', 'memoryFormat']);
    if (o.device !== undefined && o.device !== null) dev = deviceOf(call, o.device, 'device', "'cpu', 'cuda' or a torch.device");
  } else if (a instanceof Tensor) {
    o = v.bindArgs(call, ['nonBlocking', 'copy'], [b, c, d], ['memoryFormat']);
    dtype = a.dtype;
    dev = a.device;
  } else if (asDType(a)) {
    o = v.bindArgs(call, ['nonBlocking', 'copy'], [b, c, d], ['memoryFormat']);
    dtype = asDType(a) as DType;
  } else {
    dev = toArgDevice(call, a);
    o = v.bindArgs(call, ['dtype', 'nonBlocking', 'copy'], [b, c, d, e], ['memoryFormat']);
  }
  if (o.dtype !== undefined && o.dtype !== null) {
    dtype = asDType(o.dtype) ?? null;
    if (!dtype) throw argError(call, 'dtype', 'a torch dtype', o.dtype);
  }
  return {
    dtype,
    device: dev,
    nonBlocking: o.nonBlocking === undefined || o.nonBlocking === null ? false : v.bool(call, 'non_blocking', o.nonBlocking),
    copy: o.copy === undefined || o.copy === null ? false : v.bool(call, 'copy', o.copy),
    memoryFormat: memoryFormatArg(call, o.memoryFormat),
  };
}

function castTo(x: Tensor, name: string, dtype: DType, opts: CastOptions | undefined): Tensor {
  const call = `torch.Tensor.${name}`;
  const o = v.options(call, opts ?? {});
  v.knownOptions(call, o, ['memoryFormat']);
  const format = memoryFormatArg(call, o.memoryFormat);
  if (format === null) return native.to(x, dtype.code, null, false);
  return aten('to.dtype')(x, dtype.code, false, false, format.code);
}

/** clamp's bounds when one is a Tensor (then both are tensors or null, as Python's clamp.Tensor), else null. */
export function tensorBounds(call: string, min: unknown, max: unknown): [Tensor | null, Tensor | null] | null {
  if (v.isPlainObject(min)) {
    v.knownOptions(call, min as Record<string, unknown>, ['min', 'max']);
    return tensorBounds(call, (min as { min?: unknown }).min, (min as { max?: unknown }).max);
  }
  if (!(min instanceof Tensor) && !(max instanceof Tensor)) return null;
  const bound = (name: string, b: unknown): Tensor | null => (b === undefined || b === null ? null : tensorArg(call, name, b));
  return [bound('min', min), bound('max', max)];
}

export function clampArgs(call: string, min: unknown, max: unknown): [number | null, number | null] {
  if (v.isPlainObject(min)) {
    const o = min as { min?: unknown; max?: unknown };
    return clampArgs(call, o.min, o.max);
  }
  const lo = min === undefined || min === null ? null : v.number(call, 'min', min);
  const hi = max === undefined || max === null ? null : v.number(call, 'max', max);
  if (lo === null && hi === null) throw new TypeError(`${call}: at least one of 'min' or 'max' must not be None`);
  return [lo, hi];
}

function softmaxLike(call: string, fn: (t: Tensor, d: number, dt?: number) => Tensor, x: Tensor, dim: unknown, opts: unknown): Tensor {
  if (v.isPlainObject(dim)) {
    opts = dim;
    dim = (dim as { dim?: unknown }).dim;
  }
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['dim', 'dtype']);
  return fn(x, v.int(call, 'dim', dim), dtypeOpt(call, o.dtype));
}

export function dtypeOpt(call: string, d: unknown): number | undefined {
  if (d === undefined || d === null) return undefined;
  const dt = asDType(d);
  if (!dt) throw argError(call, 'dtype', 'a torch dtype', d);
  return dt.code;
}

function correction(call: string, o: Record<string, unknown>): number {
  if (o.correction !== undefined && o.correction !== null) return v.int(call, 'correction', o.correction, 0);
  if (o.unbiased !== undefined) return v.bool(call, 'unbiased', o.unbiased) ? 1 : 0;
  return 1;
}

function closeOpts(call: string, opts: unknown): [number, number, boolean] {
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['rtol', 'atol', 'equalNan']);
  return [
    o.rtol === undefined ? 1e-5 : v.number(call, 'rtol', o.rtol),
    o.atol === undefined ? 1e-8 : v.number(call, 'atol', o.atol),
    o.equalNan === undefined ? false : v.bool(call, 'equal_nan', o.equalNan),
  ];
}

// Put this class on the prototype chain of the objects the addon makes.
Object.setPrototypeOf(native.NativeTensor.prototype, Tensor.prototype);

function* iterDim0(this: Tensor): IterableIterator<Tensor> {
  yield* this.unbind(0);
}

export function isTensor(x: unknown): x is Tensor {
  return x instanceof Tensor;
}
