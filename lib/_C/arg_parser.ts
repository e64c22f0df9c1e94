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
interface Prepared {
  nPositional: number;
  varargs: boolean;
  out: number;
  numbersAsTensors: boolean;
  // A call without options (callPositional) needs only these:
  positional: boolean;  // such a call binds as the general path binds it (no varargs ints, no positional out=)
  minPos: number;       // the arguments it needs (more than nPositional: it needs options)
  kinds: Kind[];        // each positional parameter's type, for the common ones
  required: boolean[];  // positional parameters without a default
  nullable: boolean[];  // optional types (`Tensor?`): null is accepted
  inOrder: boolean;     // positional parameter i is schema argument first + i
  first: number;        // the schema index of the first positional parameter (-1: none)
  plain: boolean;       // the base overload returns one new value that finish() returns as it is
  handle: unknown;      // of the base overload, once called
}

/** The parameter types a call without options checks inline; Other: accepts() and convert(). */
const enum Kind { Other, Tensor, Scalar, Int, Float, Bool }
function kindOf(type: string): Kind {
  switch (type.endsWith('?') ? type.slice(0, -1) : type) {
    case 'Tensor': return Kind.Tensor;
    case 'Scalar': return Kind.Scalar;
    case 'int': case 'SymInt': return Kind.Int;
    case 'float': return Kind.Float;
    case 'bool': return Kind.Bool;
  }
  return Kind.Other;
}

const prepared = new WeakMap<Group, Prepared>();
function prepare(g: Group, op: Op): Prepared {
  let p = prepared.get(g);
  if (p === undefined) {
    const params = g.params;
    let nPositional = 0;
    while (nPositional < params.length && !params[nPositional][3]) nPositional++;
    // Python's varargs int list: `x.view(2, 3)`, `x.flip(0)` for `flip(int[] dims)`, the only positional
    // parameter; an int first takes every positional argument (`torch.flip(x, 0)` has two: an error)
    const varargs = nPositional === 1 && intList(params[0][2]);
    const out = params.findIndex((q) => q[0] === 'out');
    const positionalParams = params.slice(0, nPositional);
    let minPos = 0;
    params.forEach((q, i) => { if (q[4] === null) minPos = i + 1; });
    const first = nPositional > 0 && typeof params[0][5] === 'number' ? params[0][5] : -1;
    const base = g.base;
    p = {
      nPositional, varargs, out, numbersAsTensors: NUMBERS_AS_TENSORS.has(op.py),
      positional: !varargs && (out < 0 || out >= nPositional) && positionalParams.every((q) => typeof q[5] === 'number'),
      minPos,
      kinds: positionalParams.map((q) => kindOf(q[2])),
      required: positionalParams.map((q) => q[4] === null),
      nullable: positionalParams.map((q) => q[2].endsWith('?')),
      inOrder: positionalParams.every((q, i) => q[5] === first + i),
      first,
      plain: base !== null && base[2].length === 1 && base[1][0] < 0 && base[2][0] !== 'ScalarType',
      handle: undefined,
    };
    prepared.set(g, p);
  }
  return p;
}

/** The group's arguments by parameter, or null when the call does not fit it. */
function bindGroup(g: Group, prep: Prepared, pos: readonly unknown[], nPos: number, kwargs: Record<string, unknown> | null): unknown[] | null {
  const params = g.params;
  const numbersAsTensors = prep.numbersAsTensors;
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
  const last = args[nPos - 1];
  if (nPos === 0 || typeof last !== 'object' || last instanceof Tensor || !isPlainObject(last)) {
    const r = callPositional(op, self, args);
    if (r !== NO) return r;
  }
  let kwargs: Record<string, unknown> | null = null;
  if (nPos > 0 && isPlainObject(last)) kwargs = args[--nPos] as Record<string, unknown>;
  for (const g of op.groups) {
    const prep = prepare(g, op);
    const values = bindGroup(g, prep, args, nPos, kwargs);
    if (values === null) continue;
    const target = prep.out >= 0 && values[prep.out] !== undefined && values[prep.out] !== null ? g.out : g.base;
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

/** What callPositional returns when it leaves the call to the general path. */
const NO = Symbol('not bound');

/**
 * The value the addon takes for positional argument `i` of a group, or NO when the parameter does not
 * take `v`: accepts() and convert() inline for the common types.
 */
function positionalValue(p: Prepared, i: number, type: string, v: unknown): unknown {
  if (v === undefined) return p.required[i] ? NO : undefined;
  const kind = p.kinds[i];
  if (v === null && kind !== Kind.Other) return p.nullable[i] ? null : NO;
  switch (kind) {
    case Kind.Tensor: return v instanceof Tensor || (p.numbersAsTensors && isNumber(v)) ? v : NO;
    case Kind.Int: return isInt(v) ? v : NO;
    case Kind.Float: return typeof v === 'number' ? v : NO;
    case Kind.Bool: return typeof v === 'boolean' ? v : NO;
    case Kind.Scalar: return isNumber(v) ? v : v instanceof Tensor && v.dim() === 0 && !v.requiresGrad ? v.item() : NO;
    default: return accepts(type, v, p.numbersAsTensors) ? convert(type, v) : NO;
  }
}

/**
 * A call without options, the common case, bound as the general path binds it (same group, same
 * values) without its per-call arrays: up to three arguments in schema order go to the addon as they
 * are, and a plain result comes back as it is. NO when a group needs the general path (or none fits:
 * the general path then throws the error).
 */
function callPositional(op: Op, self: Tensor | undefined, args: readonly unknown[]): unknown {
  const n = args.length;
  for (const g of op.groups) {
    const p = prepare(g, op);
    if (!p.positional) return NO;
    if (n > p.nPositional || n < p.minPos || g.base === null) continue;
    const params = g.params;
    let a0: unknown, a1: unknown, a2: unknown;
    if (n > 0 && (a0 = positionalValue(p, 0, params[0][2], args[0])) === NO) continue;
    if (n > 1 && (a1 = positionalValue(p, 1, params[1][2], args[1])) === NO) continue;
    if (n > 2 && (a2 = positionalValue(p, 2, params[2][2], args[2])) === NO) continue;
    let rest: unknown[] | null = null;
    if (n > 3) {
      rest = new Array(n - 3);
      for (let i = 3; i < n; i++) if ((rest[i - 3] = positionalValue(p, i, params[i][2], args[i])) === NO) break;
      if (rest.includes(NO)) continue;
    }
    const h = p.handle ?? (p.handle = handleOf(g.base[0]));
    // (an undefined argument is a left-out optional one: the addon gives it the schema's default, as
    // it does to the general path's holes)
    if (p.plain && rest === null && p.inOrder && (n === 0 || p.first === (self === undefined ? 0 : 1))) {
      if (self === undefined) return n === 0 ? native.callOp(h) : n === 1 ? native.callOp(h, a0) : n === 2 ? native.callOp(h, a0, a1) : native.callOp(h, a0, a1, a2);
      return n === 0 ? native.callOp(h, self) : n === 1 ? native.callOp(h, self, a0) : n === 2 ? native.callOp(h, self, a0, a1) : native.callOp(h, self, a0, a1, a2);
    }
    const nativeArgs: unknown[] = [];
    if (self !== undefined) nativeArgs[0] = self;
    const values = [a0, a1, a2, ...(rest ?? [])];
    for (let i = 0; i < n; i++) if (values[i] !== undefined) nativeArgs[params[i][5] as number] = values[i];
    return finish(g.base, nativeArgs, native.callOp(h, ...nativeArgs), false);
  }
  return NO;
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
