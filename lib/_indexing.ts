// Python's `x[a, b, ...]` and `x[a, b, ...] = v` (Tensor.__getitem__/__setitem__), in libtorch's
// order: basic indices (integers, slices, None, Ellipsis) become views one position at a time
// (select/slice/unsqueeze), advanced ones (tensors, arrays, booleans) are collected by the dim they
// land on and applied last by aten::index / aten::index_put_, which also places the advanced dims
// where Python puts them. Both are ordinary autograd ops, so gradients flow through.
import { native } from './native';
import { Tensor } from './tensor';
import { tensor } from './creation';
import { bool, int64 } from './dtype';

/** Python's `start:stop:step`; null parts are open. Made by `torch.slice(start, stop, step)`. */
export class Slice {
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number | null;
  constructor(start?: number | null, stop?: number | null, step?: number | null) {
    this.start = slicePart('start', start);
    this.stop = slicePart('stop', stop);
    this.step = slicePart('step', step);
  }
  toString(): string {
    return `slice(${this.start}, ${this.stop}, ${this.step})`;
  }
}

/**
 * `torch.slice(start, stop, step)`: the index `start:stop:step` for x.index()/x.indexPut_()
 * (`x[:, 1:]` is `x.index(torch.slice(), torch.slice(1))`). Python writes it as syntax.
 */
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  return new Slice(start, stop, step);
}

function slicePart(name: string, x: unknown): number | null {
  if (x === undefined || x === null) return null;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x !== 'number' || !Number.isInteger(x)) throw new TypeError(`torch.slice: argument '${name}' must be an integer or null, not ${describe(x)}`);
  return x;
}

/** One Python index position: int, null (None), '...' (Ellipsis), a slice, a bool, a tensor or an array. */
export type IndexSpec = number | bigint | boolean | null | '...' | Slice | Tensor | NestedIndex;
export type NestedIndex = (number | bigint | boolean | NestedIndex)[];

const handles = new Map<string, unknown>();
function op(name: string, overload: string): unknown {
  let h = handles.get(`${name}.${overload}`);
  if (h === undefined) handles.set(`${name}.${overload}`, (h = native.opHandle(`aten::${name}`, overload)));
  return h;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  return typeof x === 'object' ? (x as object).constructor?.name ?? 'object' : typeof x;
}

function invalid(x: unknown): RangeError {
  return new RangeError(`only integers, slices (\`:\`), ellipsis (\`...\`), None and long or byte Variables are valid indices (got ${describe(x)})`);
}

function isInt(x: unknown): x is number | bigint {
  return typeof x === 'bigint' || (typeof x === 'number' && Number.isInteger(x));
}

/** Python's sequence index: an array of booleans is a bool mask, one of integers an int64 index. */
function arrayIndex(a: unknown[], device: string): Tensor {
  const flat: unknown[] = a.flat(Infinity);
  const allBool = flat.length > 0 && flat.every((e) => typeof e === 'boolean');
  if (!allBool && !flat.every(isInt)) throw invalid(flat.find((e) => !isInt(e)));
  const t = tensor(a as number[], { dtype: allBool ? bool : int64 });
  return device === 'cpu' ? t : native.to(t, null, device, false);
}

/** Dims an index position consumes (count_specified_dimensions): a k-dim bool mask takes k. */
function specified(indices: unknown[]): number {
  let n = 0;
  for (const x of indices) {
    if (x instanceof Tensor) {
      const name = x.dtype.name;
      n += name === 'bool' || name === 'uint8' ? x.dim() : 1;
    } else if (Array.isArray(x) || isInt(x) || x instanceof Slice) {
      n += 1;
    }
  }
  return n;
}

// applySelect: Python's IndexError names the index position (`real`), not the dim of the view.
function select(t: Tensor, dim: number, index: number, real: number): Tensor {
  if (t.dim() === 0) {
    throw new RangeError('invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number');
  }
  const size = t.shape[dim];
  if (index < -size || index >= size) throw new RangeError(`index ${index} is out of bounds for dimension ${real} with size ${size}`);
  return native.select(t, dim, index);
}

// boolToIndexingTensor: a Python bool index is a new size-1 dim that is kept ([0]) or emptied ([]).
function boolIndex(flag: boolean, device: string): Tensor {
  return arrayIndex(flag ? [0] : [], device);
}

const INTEGER_TYPES = ['int8', 'int16', 'int32', 'int64'];

/** applySlicing: the view of the basic indices and the advanced ones by dim (null where none). */
function applySlicing(self: Tensor, indices: unknown[]): [Tensor, (Tensor | null)[]] {
  // A lone integer is Python's fast path: select, with no count of indices first.
  if (indices.length === 1 && isInt(indices[0])) return [select(self, 0, Number(indices[0]), 0), []];
  const dims = specified(indices);
  if (dims > self.dim()) throw new RangeError(`too many indices for tensor of dimension ${self.dim()}`);
  const device = String(self.device);
  const advanced: (Tensor | null)[] = [];
  const record = (t: Tensor, dim: number): void => {
    while (advanced.length < dim) advanced.push(null);
    advanced[dim] = t;
  };
  let result = self;
  let dim = 0;
  indices.forEach((x, i) => {
    if (isInt(x)) {
      result = select(result, dim, Number(x), i);
    } else if (x instanceof Slice) {
      const step = x.step ?? 1;
      if (step === 0) throw new RangeError('slice step cannot be zero');
      if (step < 0) throw new RangeError('step must be greater than zero');
      const start = x.start ?? 0;
      // A full slice is the view itself, as libtorch's applySlice returns it.
      if (!(start === 0 && (x.stop === null || x.stop === result.shape[dim]) && step === 1)) result = native.slice(result, dim, start, x.stop, step);
      dim++;
    } else if (x === '...') {
      dim += self.dim() - dims;
    } else if (x === null) {
      result = native.unsqueeze(result, dim);
      dim++;
    } else if (typeof x === 'boolean') {
      result = native.unsqueeze(result, dim);
      record(boolIndex(x, device), dim++);
    } else if (x instanceof Tensor) {
      const name = x.dtype.name;
      if (x.dim() === 0 && INTEGER_TYPES.includes(name)) {
        result = select(result, dim, Number(x.item()), i);
      } else if (x.dim() === 0 && (name === 'bool' || name === 'uint8')) {
        result = native.unsqueeze(result, dim);
        record(boolIndex(Boolean(x.item()), device), dim++);
      } else {
        record(x, dim++);
      }
    } else if (Array.isArray(x)) {
      record(arrayIndex(x, device), dim++);
    } else {
      throw invalid(x);
    }
  });
  return [result, advanced];
}

/**
 * Python's treatSequenceAsTuple: one index that is a list of fewer than 32 items holding a list, a
 * tensor, a slice, '...' or null is a tuple of indices, one per position (`x[[slice(0, 3), 1]]` is
 * `x[0:3, 1]`); a list of plain integers or booleans stays one advanced index.
 */
function positions(indices: unknown[]): unknown[] {
  if (indices.length !== 1) return indices;
  const only = indices[0];
  if (!Array.isArray(only) || only.length >= 32) return indices;
  const tuple = only.some((x) => Array.isArray(x) || x instanceof Tensor || x instanceof Slice || x === '...' || x === null);
  return tuple ? only : indices;
}

/** Python's `self[indices]`. */
export function getitem(self: Tensor, indices: unknown[]): Tensor {
  const [result, advanced] = applySlicing(self, positions(indices));
  if (advanced.length === 0) return result === self ? native.callOp(op('alias', ''), self) : result;
  return native.callOp(op('index', 'Tensor'), result, advanced);
}

// slicePrefix1sSize: leading size-1 dims of the value are dropped, so a [1, 3] value sets a [3] row.
function slicePrefix1s(value: Tensor): Tensor {
  const shape = value.shape;
  let first = 0;
  while (first < shape.length - 1 && shape[first] === 1) first++;
  return first === 0 ? value : native.view(value, shape.slice(first));
}

/** Python's `self[indices] = value`: `value` a tensor or a number (made a tensor of self's dtype). */
export function setitem(self: Tensor, indices: unknown[], value: unknown): void {
  let v: Tensor;
  if (value instanceof Tensor) v = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    v = native.callOp(op('scalar_tensor', ''), value, self.dtype.code, undefined, String(self.device));
  } else throw new TypeError(`torch.Tensor.__setitem__: argument 'value' must be a Tensor or a number, not ${describe(value)}`);
  const [sliced, advanced] = applySlicing(self, positions(indices));
  if (advanced.length === 0) {
    // copy_to
    const same = sliced.dim() === v.dim() && sliced.shape.every((n, i) => n === v.shape[i]);
    if (same) native.copy_(sliced, v);
    else if (v.dim() === 0 && String(v.device) === 'cpu') native.callOp(op('fill_', 'Tensor'), sliced, v);
    else native.copy_(sliced, native.expand(slicePrefix1s(v), sliced.shape));
    return;
  }
  native.callOp(op('index_put_', ''), sliced, advanced, slicePrefix1s(v), false);
}

/** Python's `self.index_put_(indices, values, accumulate)`: the ATen op, tensors (or null) by dim. */
export function indexPutAccumulate(self: Tensor, indices: unknown[], values: Tensor, accumulate: boolean): void {
  native.callOp(op('index_put_', ''), self, indices, values, accumulate);
}
