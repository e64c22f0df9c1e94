// The child process of the OpInfo suite (test/opinfo/opinfo.test.ts): runs the samples of some ops
// through torch-node's public API and compares them with Python's results
// ($TORCH_NODE_FIXTURES/opinfo, written by test/fixtures/gen_opinfo.py).
// A native crash kills only this process: before each call it appends `start <op> <sample>` to the
// log (a synchronous write, so the line is on disk when the process dies), and after each op a line
// with the op's result, so the parent knows where a crash happened and starts again after it.
// Run: OPINFO_OPS=3,4,5 OPINFO_LOG=/tmp/log node node_modules/vite-node/vite-node.mjs test/opinfo/runner.ts
import * as fs from 'node:fs';
import * as torch from '../../lib';
import { loadIndex, loadData, OpEntry, Sample, Encoded, TensorInfo, tsName, tsPath } from './fixture';

type AnyFn = (...a: unknown[]) => unknown;
const T = torch as unknown as Record<string, unknown>;

/** A failed check; `kind` is the report's category. */
class Failure extends Error {
  constructor(readonly kind: string, message: string) {
    super(message);
  }
}
const missing = (name: string): Failure => new Failure('missing API', name);

export interface OpResult { op: number; pass: boolean; kind?: string; reason?: string; checked: number; ms: number }

const index = loadIndex();
const data = loadData();
const device = index.device ?? 'cpu';

// ---- making inputs

const ITEM: Record<string, number> = { float32: 4, float64: 8, float16: 2, bfloat16: 2, int64: 8, int32: 4, int16: 2, int8: 1, uint8: 1, bool: 1, complex32: 4, complex64: 8, complex128: 16 };

/** The recorded elements as numbers (bigint for int64), whatever the dtype. */
function values(info: TensorInfo): ArrayLike<number | bigint> {
  const [dtype, shape, offset] = info;
  const n = shape.reduce((a, b) => a * b, 1);
  const bytes = data.subarray(offset, offset + n * ITEM[dtype]);
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (dtype) {
    case 'float32': case 'complex64': return new Float32Array(buf);
    case 'float64': case 'complex128': return new Float64Array(buf);
    case 'int64': return new BigInt64Array(buf);
    case 'int32': return new Int32Array(buf);
    case 'int16': return new Int16Array(buf);
    case 'int8': return new Int8Array(buf);
    case 'uint8': case 'bool': return new Uint8Array(buf);
    case 'float16': case 'complex32': return Float32Array.from(new Uint16Array(buf), halfToFloat);
    case 'bfloat16': return Float32Array.from(new Uint16Array(buf), (h) => new Float32Array(new Uint32Array([h << 16]).buffer)[0]);
    default: throw new Failure('unsupported dtype', `the fixture holds a ${dtype} tensor`);
  }
}

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

function dtypeOf(name: string): torch.DType {
  const d = T[name];
  if (!(d instanceof torch.DType)) throw missing(`torch.${name}`);
  return d;
}

function makeTensor(info: TensorInfo, requiresGrad: boolean): torch.Tensor {
  const [dtype, shape] = info;
  const complex = dtype.startsWith('complex');
  const vals = values(info);
  let t = torch.tensor(vals as Float32Array).reshape(complex ? [...shape, 2] : shape);
  if (complex) {
    const viewAsComplex = T.viewAsComplex as AnyFn | undefined;
    if (!viewAsComplex) throw missing('torch.viewAsComplex');
    t = viewAsComplex(t) as torch.Tensor;
  }
  // float16, bfloat16, bool and complex32 are read as another dtype first
  if (t.dtype.name !== dtype) t = t.to(dtypeOf(dtype));
  if (device !== 'cpu') t = t.to(torch.device(device));
  return requiresGrad ? t.requiresGrad_() : t;
}

/** Decodes a sample's input, args or kwargs; `made` keeps one tensor per fixture id (aliasing). */
function decode(x: Encoded, made: Map<number, torch.Tensor>, grad: boolean): unknown {
  if (x === null || typeof x !== 'object') return x;
  if (Array.isArray(x)) return x.map((y) => decode(y, made, grad));
  if ('t' in x) {
    let t = made.get(x.t);
    if (!t) {
      t = makeTensor(index.tensors[x.t], grad && x.rg === true);
      made.set(x.t, t);
    }
    return t;
  }
  if ('float' in x) return Number(x.float === 'inf' ? Infinity : x.float === '-inf' ? -Infinity : NaN);
  if ('dtype' in x) return dtypeOf(x.dtype);
  if ('memoryFormat' in x) return constant(x.memoryFormat);
  if ('layout' in x) return constant(x.layout);
  if ('device' in x) return torch.device(x.device);
  if ('slice' in x) {
    const slice = T.slice as AnyFn | undefined;
    if (!slice) throw missing('torch.slice');
    return slice(...x.slice.map((y) => decode(y, made, grad)));
  }
  if ('ellipsis' in x) return '...';
  throw new Failure('fixture', `unknown encoding ${JSON.stringify(x)}`);
}

/** torch.channels_last, torch.strided: constants keep their Python spelling, as dtypes do. */
function constant(name: string): unknown {
  if (!(name in T)) throw missing(`torch.${name}`);
  return T[name];
}

interface Call { fn?: string; method?: string; attr?: string; getitem?: boolean; order?: number[]; clone?: boolean; index?: number }

interface Made { pos: unknown[]; opts: Record<string, unknown> | null; leaves: torch.Tensor[] }

function makeArgs(op: OpEntry, s: Sample, grad: boolean): Made {
  const made = new Map<number, torch.Tensor>();
  const input = decode(s.input, made, grad);
  const args = s.args.map((a) => decode(a, made, grad));
  const kw = Object.entries(s.kwargs);
  const opts = kw.length ? Object.fromEntries(kw.map(([k, v]) => [tsName(k), decode(v, made, grad)])) : null;
  let pos = [input, ...args];
  const order = (op.call as Call).order;
  if (order) pos = [...order.map((i) => pos[i]), ...pos.slice(order.length)];
  // Map keeps insertion order: the first appearance of each tensor, as Python lists the leaves.
  return { pos, opts, leaves: [...made.values()].filter((t) => t.requiresGrad) };
}

function withOpts(pos: unknown[], opts: Record<string, unknown> | null): unknown[] {
  return opts ? [...pos, opts] : pos;
}

function resolveFn(path: string): AnyFn {
  let obj: unknown = torch;
  const parts = path.split('.').slice(1);
  const ts = tsPath(path);
  for (const p of parts.slice(0, -1)) {
    obj = (obj as Record<string, unknown>)[p];
    if (obj === undefined || obj === null) throw missing(ts);
  }
  const fn = (obj as Record<string, unknown>)[tsName(parts[parts.length - 1])];
  if (typeof fn !== 'function') throw missing(ts);
  return fn as AnyFn;
}

function method(receiver: unknown, pyName: string): AnyFn {
  const name = tsName(pyName);
  if (!(receiver instanceof torch.Tensor)) throw new Failure('fixture', `torch.Tensor.${name} needs a Tensor receiver`);
  const m = (receiver as unknown as Record<string, unknown>)[name];
  if (typeof m !== 'function') throw missing(`torch.Tensor.${name}`);
  return (m as AnyFn).bind(receiver);
}

function call(c: Call, m: Made): unknown {
  const pos = [...m.pos];
  if (c.clone) pos[0] = (pos[0] as torch.Tensor).clone();
  let out: unknown;
  if (c.fn) out = resolveFn(c.fn)(...withOpts(pos, m.opts));
  else if (c.method) out = method(pos[0], c.method)(...withOpts(pos.slice(1), m.opts));
  else if (c.attr) {
    out = (pos[0] as Record<string, unknown>)[c.attr];
    if (out === undefined) throw missing(`torch.Tensor.${c.attr}`);
  } else out = method(pos[0], 'index')(...pos.slice(1));
  if (c.index !== undefined) out = (out as unknown[])[c.index];
  return out;
}

// ---- comparing

function shapeStr(s: number[]): string {
  return `[${s.join(', ')}]`;
}

function compareTensor(id: number, got: unknown, where: string, op: OpEntry, unchecked: boolean): void {
  const info = index.tensors[id];
  const [dtype, shape] = info;
  if (!(got instanceof torch.Tensor)) throw new Failure('wrong type', `${where}: got ${describe(got)}, expected a Tensor`);
  if (got.dtype.name !== dtype) throw new Failure('wrong dtype', `${where}: got ${got.dtype.name}, expected ${dtype}`);
  if (shapeStr(got.shape) !== shapeStr(shape)) throw new Failure('wrong shape', `${where}: got ${shapeStr(got.shape)}, expected ${shapeStr(shape)}`);
  if (unchecked) return;
  let g: torch.Tensor = got;
  if (dtype.startsWith('complex')) {
    const viewAsReal = T.viewAsReal as AnyFn | undefined;
    if (!viewAsReal) throw missing('torch.viewAsReal');
    const resolveConj = (got as unknown as Record<string, AnyFn>).resolveConj;
    if (typeof resolveConj !== 'function') throw missing('torch.Tensor.resolveConj');
    // a conjugated view (ifft's result may be one) has no real view until it is resolved
    g = viewAsReal(resolveConj.call(got)) as torch.Tensor;
  }
  const actual = g.detach().cpu().toTypedArray() as ArrayLike<number | bigint>;
  const expected = values(info);
  const [rtol, atol] = dtype === 'float32' || dtype === 'complex64' ? [op.rtol, op.atol] : index.defaultTolerances[dtype.replace('complex64', 'float32')] ?? [0, 0];
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (typeof e === 'bigint' || typeof a === 'bigint' ? BigInt(a) === BigInt(e) : closeNum(a as number, e as number, rtol, atol)) continue;
    throw new Failure('wrong value', `${where}: element ${i} is ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}

function closeNum(a: number, e: number, rtol: number, atol: number): boolean {
  if (Number.isNaN(e) || Number.isNaN(a)) return Number.isNaN(e) && Number.isNaN(a);
  if (a === e) return true;
  return Math.abs(a - e) <= atol + rtol * Math.abs(e);
}

function describe(x: unknown): string {
  if (x instanceof torch.Tensor) return `a Tensor ${shapeStr(x.shape)}`;
  if (Array.isArray(x)) return `an array of ${x.length}`;
  if (x === undefined) return 'undefined';
  if (typeof x === 'function') return 'a function';
  return typeof x === 'object' && x !== null ? (x.constructor?.name ?? 'an object') : JSON.stringify(typeof x === 'bigint' ? String(x) : x);
}

function compare(exp: Encoded, got: unknown, where: string, op: OpEntry, unchecked: boolean): void {
  if (exp === null) {
    if (got !== null && got !== undefined) throw new Failure('wrong type', `${where}: got ${describe(got)}, expected None (null)`);
    return;
  }
  if (Array.isArray(exp)) {
    if (!Array.isArray(got)) throw new Failure('wrong type', `${where}: got ${describe(got)}, expected an array of ${exp.length}`);
    if (got.length !== exp.length) throw new Failure('wrong type', `${where}: got an array of ${got.length}, expected ${exp.length}`);
    exp.forEach((e, i) => compare(e, got[i], `${where}[${i}]`, op, unchecked));
    return;
  }
  if (typeof exp === 'object') {
    if ('t' in exp) return compareTensor(exp.t, got, where, op, unchecked);
    if ('float' in exp) return compare(Number(exp.float === 'inf' ? Infinity : exp.float === '-inf' ? -Infinity : NaN), got, where, op, unchecked);
    if ('dtype' in exp) {
      if (got !== T[exp.dtype]) throw new Failure('wrong value', `${where}: got ${describe(got)}, expected torch.${exp.dtype}`);
      return;
    }
    throw new Failure('fixture', `${where}: cannot compare with ${JSON.stringify(exp)}`);
  }
  if (typeof exp === 'number') {
    const n = typeof got === 'bigint' ? Number(got) : got;
    if (typeof n !== 'number' || (!unchecked && !closeNum(n, exp, op.rtol, op.atol))) throw new Failure('wrong value', `${where}: got ${describe(got)}, expected ${exp}`);
    return;
  }
  if (got !== exp) throw new Failure(typeof got === typeof exp ? 'wrong value' : 'wrong type', `${where}: got ${describe(got)}, expected ${JSON.stringify(exp)}`);
}

function floatingOutputs(x: unknown, into: torch.Tensor[] = []): torch.Tensor[] {
  if (x instanceof torch.Tensor) {
    if (x.isFloatingPoint() && x.requiresGrad) into.push(x);
  } else if (Array.isArray(x)) x.forEach((y) => floatingOutputs(y, into));
  return into;
}

/** Runs the call and fails with the first difference; `what` names the variant. */
function guarded<R>(what: string, f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof Failure) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new Failure('error', `${what}: ${msg.split('\n')[0]}`);
  }
}

function checkSample(op: OpEntry, s: Sample): void {
  const c = op.call as Call;
  const label = c.fn ? tsPath(c.fn) : c.method ? `torch.Tensor.${tsName(c.method)}` : c.attr ? `torch.Tensor.${c.attr}` : 'torch.Tensor.index';
  const m = makeArgs(op, s, true);
  torch.manualSeed(s.seed);
  if (s.error !== undefined) {
    let threw = false;
    try {
      call(c, m);
    } catch (e) {
      if (e instanceof Failure) throw e;
      threw = true;
    }
    if (!threw) throw new Failure('no error', `${label}: returned, where Python raised "${s.error}"`);
    return;
  }
  const out = guarded(label, () => call(c, m));
  compare(s.out!, out, 'output', op, s.valuesUnchecked === true);
  if (s.grads) {
    const outs = floatingOutputs(out);
    if (outs.length === 0) throw new Failure('no grad', `${label}: no floating output requires grad`);
    guarded(`${label} backward`, () => {
      let loss = outs[0].sum();
      for (const o of outs.slice(1)) loss = loss.add(o.sum());
      loss.backward();
    });
    if (m.leaves.length !== s.grads.length) throw new Failure('no grad', `${m.leaves.length} inputs require grad, Python had ${s.grads.length}`);
    s.grads.forEach((g, i) => compare(g, m.leaves[i].grad, `grad of input ${i}`, op, s.gradsUnchecked === true));
  }
  if (s.method && op.method) {
    const mm = makeArgs(op, s, false);
    torch.manualSeed(s.seed);
    const name = `torch.Tensor.${tsName(op.method)}`;
    compare(s.out!, guarded(name, () => method(mm.pos[0], op.method!)(...withOpts(mm.pos.slice(1), mm.opts))), `${name} output`, op, false);
  }
  if (s.inplace && op.inplace) {
    const mi = makeArgs(op, s, false);
    torch.manualSeed(s.seed);
    const name = `torch.Tensor.${tsName(op.inplace)}`;
    const self = mi.pos[0];
    const r = guarded(name, () => method(self, op.inplace!)(...withOpts(mi.pos.slice(1), mi.opts)));
    if (r !== self) throw new Failure('wrong value', `${name}: did not return the tensor it changed`);
    compare(s.out!, self, `${name} result`, op, false);
  }
}

function runOp(i: number, log: number): OpResult {
  const op = index.ops[i];
  const t0 = performance.now();
  let checked = 0;
  for (let k = 0; k < op.samples.length; k++) {
    fs.writeSync(log, `start ${i} ${k}\n`);
    try {
      checkSample(op, op.samples[k]);
    } catch (e) {
      const f = e instanceof Failure ? e : new Failure('error', String(e instanceof Error ? e.message : e));
      return { op: i, pass: false, kind: f.kind, reason: `sample ${k}: ${f.message}`, checked, ms: performance.now() - t0 };
    }
    checked++;
  }
  return { op: i, pass: true, checked, ms: performance.now() - t0 };
}

function main(): void {
  const ops = (process.env.OPINFO_OPS ?? '').split(',').filter(Boolean).map(Number);
  const log = fs.openSync(process.env.OPINFO_LOG!, 'a');
  for (const i of ops) {
    const r = runOp(i, log);
    fs.writeSync(log, `done ${JSON.stringify(r)}\n`);
  }
  fs.closeSync(log);
}

main();
