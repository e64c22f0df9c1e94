// PyTorch's Python argument parser, for the generated op layer (lib/_C/generated, from the schemas
// of the linked libtorch): binds a JS call to the first overload group, in Python's order, whose
// parameters accept the arguments — positional ones in order, then a trailing options object whose
// camelCase keys name any parameter — converts what JS spells differently (dtype objects, devices,
// a single int for a sized int list, a 0-dim tensor for a Scalar, a number for a Tensor where Python
// allows it) and calls the schema through the
// dispatcher (native/dispatch.cc). A call that fits no group throws Python's TypeError, listing what
// came and every signature that was expected.
import { native } from '../native';
import { Tensor } from '../tensor';
import { asDType, dtypeFromCode, DType } from '../dtype';
import { Device, toDevice } from '../device';
import { Generator } from '../generator';
import { isPlainObject } from '../validate';
import { Layout, MemoryFormat } from './layout';

/** [Python name, JS options key, schema type, kwarg-only, default text or null, schema index(es) or 'requires_grad']. */
export type Param = [string, string, string, 0 | 1, string | null, number | number[] | 'requires_grad'];
/** [qualified overload, the argument each result returns (-1: a new value), result types, namedtuple fields]. */
export type Call = [string, number[], string[], string[] | null];
export interface Group { text: string; params: Param[]; base: Call | null; out: Call | null }
/** `property`: a Tensor member Python offers as a property (x.mT), read with no arguments. */
export interface Op { py: string; groups: Group[]; property?: boolean }
export type OpTable = Record<string, Record<string, Op>>;

const handles = new Map<string, unknown>();
function handleOf(overload: string): unknown {
  let h = handles.get(overload);
  if (h === undefined) {
    const dot = overload.indexOf('.');
    h = native.opHandle(`aten::${dot < 0 ? overload : overload.slice(0, dot)}`, dot < 0 ? '' : overload.slice(dot + 1));
    if (h === null) throw new TypeError(`the linked libtorch has no operator aten::${overload}`);
    handles.set(overload, h);
  }
  return h;
}

const isInt = (v: unknown): boolean => (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
const isNumber = (v: unknown): boolean => typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint';

// The ops whose Tensor parameters also take a number, as python_arg_parser.cpp's
// should_allow_numbers_as_tensors lists them (`torch.mul(2, x)`, `torch.true_divide(x, 2)`); the
// addon passes such a number as a 0-dim "wrapped number" tensor, which promotes as a Python scalar.
const NUMBERS_AS_TENSORS = new Set(['add', 'div', 'divide', 'mul', 'multiply', 'sub', 'subtract', 'true_divide', 'floor_divide']
  .flatMap((n) => [n, `${n}_`]).concat(['to', '_to_copy', 'copy_', '_conj']));

/** Whether a JS value is accepted for a schema type, as Python's parser accepts a Python value. */
function accepts(type: string, v: unknown, numbersAsTensors: boolean): boolean {
  if (type.endsWith('?') && v === null) return true;
  const t = type.endsWith('?') ? type.slice(0, -1) : type;
  switch (t) {
    case 'Tensor': return v instanceof Tensor || (numbersAsTensors && isNumber(v));
    case 'Scalar': return isNumber(v) || (v instanceof Tensor && v.dim() === 0 && !v.requiresGrad);
    case 'int': case 'SymInt': return isInt(v);
    case 'float': return typeof v === 'number';
    case 'bool': return typeof v === 'boolean';
    case 'str': return typeof v === 'string';
    case 'ScalarType': return asDType(v) !== undefined;
    case 'Layout': return v instanceof Layout;
    case 'MemoryFormat': return v instanceof MemoryFormat;
    case 'Device': return v instanceof Device || (typeof v === 'string' && /^(cpu|cuda)(:\d+)?$/.test(v));
    case 'Generator': return v instanceof Generator;
    case 'Tensor[]': return Array.isArray(v) && v.every((x) => x instanceof Tensor);
    case 'Tensor?[]': return Array.isArray(v) && v.every((x) => x === null || x instanceof Tensor);
    case 'float[]': case 'Scalar[]': return Array.isArray(v) && v.every((x) => typeof x === 'number');
  }
  const list = /^(int|SymInt|bool|Tensor)\[(\d*)\]$/.exec(t);
  if (!list) return false;
  const n = list[2] === '' ? -1 : Number(list[2]);
  if (list[1] === 'bool') return Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'boolean');
  if (list[1] === 'Tensor') return Array.isArray(v) && v.length === n && v.every((x) => x instanceof Tensor);
  // a single int for a sized list, as Python expands `kernel_size=3`; the size does not bound a list
  if (n >= 0 && isInt(v)) return true;
  return Array.isArray(v) && v.every(isInt);
}

/** The value the addon takes for an accepted JS value. */
function convert(type: string, v: unknown): unknown {
  if (v === null || (typeof v === 'number' && !type.includes('['))) return v;
  if (v instanceof Tensor) return type.startsWith('Scalar') ? v.item() : v;
  switch (type.endsWith('?') ? type.slice(0, -1) : type) {
    case 'ScalarType': return (asDType(v) as DType).code;
    case 'Layout': case 'MemoryFormat': return (v as Layout | MemoryFormat).code;
    case 'Device': return String(toDevice(v as Device | string));
    case 'Generator': return (v as Generator).handle ?? null;
  }
  const sized = /^(?:int|SymInt)\[(\d+)\]/.exec(type);
  if (sized && isInt(v)) return new Array(Number(sized[1])).fill(v);
  return v;
}

const intList = (type: string): boolean => /^(int|SymInt)\[\d*\]\??$/.test(type);

/** What binding a group needs, worked out once per group. */
interface Prepared { nPositional: number; varargs: boolean; out: number }
const prepared = new WeakMap<Group, Prepared>();
function prepare(g: Group): Prepared {
  let p = prepared.get(g);
  if (p === undefined) {
    let nPositional = 0;
    while (nPositional < g.params.length && !g.params[nPositional][3]) nPositional++;
    // Python's varargs int list: `x.view(2, 3)`, `x.flip(0)` for `flip(int[] dims)`, the only positional
    // parameter; an int first takes every positional argument (`torch.flip(x, 0)` has two: an error)
    p = { nPositional, varargs: nPositional === 1 && intList(g.params[0][2]), out: g.params.findIndex((q) => q[0] === 'out') };
    prepared.set(g, p);
  }
  return p;
}

/** The group's arguments by parameter, or null when the call does not fit it. */
function bindGroup(g: Group, pos: readonly unknown[], nPos: number, kwargs: Record<string, unknown> | null, numbersAsTensors: boolean): unknown[] | null {
  const params = g.params;
  const prep = prepare(g);
  const values: unknown[] = new Array(params.length);
  if (prep.varargs && nPos >= 1 && isInt(pos[0])) {
    values[0] = pos.slice(0, nPos);
  } else {
    if (nPos > prep.nPositional) return null;
    for (let i = 0; i < nPos; i++) values[i] = pos[i];
  }
  if (kwargs) {
    for (const key of Object.keys(kwargs)) {
      const i = params.findIndex((p) => p[1] === key);
      if (i < 0 || values[i] !== undefined) return null;
      if (kwargs[key] !== undefined) values[i] = kwargs[key];
    }
  }
  for (let i = 0; i < params.length; i++) {
    const v = values[i];
    if (v === undefined) {
      if (params[i][4] === null) return null;
    } else if (!accepts(params[i][2], v, numbersAsTensors)) return null;
  }
  return values;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Tensor) return 'Tensor';
  if (Array.isArray(v)) return `Array of [${v.map(describe).join(', ')}]`;
  if (v instanceof DType) return 'torch.dtype';
  if (v instanceof Device) return 'torch.device';
  if (v instanceof Generator) return 'torch.Generator';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

function invalidCall(call: string, op: Op, pos: readonly unknown[], kwargs: Record<string, unknown> | null): TypeError {
  const got = [...pos.map(describe), ...Object.entries(kwargs ?? {}).map(([k, x]) => `${k}=${describe(x)}`)];
  const expected = op.groups.map((g) => ` * ${g.text}`).join('\n');
  return new TypeError(`${call}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n${expected}`);
}

/** Calls the op: `self` is the tensor a method is called on (undefined for a function). */
export function callOp(call: string, op: Op, self: Tensor | undefined, args: readonly unknown[]): unknown {
  let nPos = args.length;
  let kwargs: Record<string, unknown> | null = null;
  if (nPos > 0 && isPlainObject(args[nPos - 1])) kwargs = args[--nPos] as Record<string, unknown>;
  const numbersAsTensors = NUMBERS_AS_TENSORS.has(op.py);
  for (const g of op.groups) {
    const values = bindGroup(g, args, nPos, kwargs, numbersAsTensors);
    if (values === null) continue;
    const out = prepare(g).out;
    const target = out >= 0 && values[out] !== undefined && values[out] !== null ? g.out : g.base;
    if (target === null) continue;
    const nativeArgs: unknown[] = [];
    if (self !== undefined) nativeArgs[0] = self;  // `self` is the first argument of every method's schema
    let requiresGrad = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === undefined) continue;
      const [, , type, , , arg] = g.params[i];
      if (arg === 'requires_grad') requiresGrad = v === true;
      else if (typeof arg === 'number') nativeArgs[arg] = convert(type, v);
      else (v as unknown[]).forEach((x, k) => { nativeArgs[arg[k]] = x; });  // a tuple out=
    }
    const result = native.callOp(handleOf(target[0]), ...nativeArgs);
    return finish(target, nativeArgs, result, requiresGrad);
  }
  throw invalidCall(call, op, args.slice(0, nPos), kwargs);
}

function finish(target: Call, nativeArgs: unknown[], result: unknown, requiresGrad: boolean): unknown {
  const [, aliases, types, fields] = target;
  const one = (v: unknown, k: number): unknown => {
    if (aliases[k] >= 0) return nativeArgs[aliases[k]];
    if (types[k] === 'ScalarType') return dtypeFromCode(v as number);
    if (requiresGrad && v instanceof Tensor) v.requiresGrad_(true);
    return v;
  };
  if (types.length === 0) return undefined;
  if (types.length === 1) return one(result, 0);
  const out = (result as unknown[]).map(one);
  if (fields) fields.forEach((f, k) => Object.defineProperty(out, f, { value: out[k], enumerable: false }));
  return out;
}

/** A generated torch function (torch.X, torch.linalg.X, ...). */
export function opFunction(ns: string, name: string, op: Op): (...args: unknown[]) => unknown {
  const call = ns === 'torch' ? `torch.${op.py}` : `torch.${ns}.${name}`;
  const f = (...args: unknown[]): unknown => callOp(call, op, undefined, args);
  Object.defineProperty(f, 'name', { value: name });
  return f;
}

/** A generated Tensor method. */
export function opMethod(name: string, op: Op): (this: Tensor, ...args: unknown[]) => unknown {
  const call = `torch.Tensor.${op.py}`;
  const f = function (this: Tensor, ...args: unknown[]): unknown { return callOp(call, op, this, args); };
  Object.defineProperty(f, 'name', { value: name });
  return f;
}
