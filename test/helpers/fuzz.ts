// Random bad calls against torch-node, run in a child process by test/fuzz.test.ts (through vite-node,
// so it needs no build of the TypeScript): a crash, an abort or an OOM kill shows as the child's exit
// status. Every call must return or throw an Error with a clean message. Prints one JSON line:
// { calls, errors, badErrors, internalErrors, notRejected, samples }.
//   node_modules/.bin/vite-node test/helpers/fuzz.ts -- [calls=20000] [seed=1]
import * as torch from '../../lib';
import { types } from 'node:util';
import { native } from '../../lib/native';

const args = process.argv.slice(2).filter((a) => a !== '--');
const CALLS = Number(args[0] ?? 20000);
let seed = Number(args[1] ?? 1) >>> 0;

// mulberry32: reproducible from the seed, so a failing run can be replayed.
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

// Sizes stay either small or far beyond memory (2 ** 40 elements and up): a size in between would be a
// real allocation, which is legitimate and only slow.
const numbers = [0, 1, 2, 3, -1, -2, -3, 0.5, -0.5, 2.5, NaN, Infinity, -Infinity, -0, -(2 ** 31), 2 ** 40, -(2 ** 40), 2 ** 53, 2 ** 62, 2 ** 63, 2 ** 64, 1e300, -1e300, Number.MIN_VALUE, 5, 10, 64, 65, 99];
const dims = [0, 1, -1, 2, -2, 3, 5, 63, 64, -65, -(2 ** 31), 2 ** 40, 2 ** 45];
const strings = ['', 'cpu', 'cuda', 'cuda:0', 'cuda:99', 'cpu:-5', 'meta', 'mps', 'xla', 'garbage', 'float32', 'trunc', 'floor', 'fro', '\u0000', 'x'.repeat(1000)];
const bigints = [0n, 1n, -1n, 2n ** 40n, 2n ** 63n, -(2n ** 63n) - 1n, 2n ** 64n, 2n ** 200n];
const dtypeCodes = [-1, 0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 25, 1000, 0.5, NaN];
const dtypes = [torch.float32, torch.float64, torch.int64, torch.int32, torch.uint8, torch.bool, torch.float16, torch.bfloat16];

let pool: torch.Tensor[] = [];
let rawNative = false;
// Handles (Napi::External) that native calls returned: generators, modules, optimizers, ...
const externals: unknown[] = [];
function refill(): void {
  for (const t of pool) if (!t.isDisposed && random() < 0.5) t.dispose();
  pool = [
    torch.rand(2, 3),
    torch.rand(3, 2),
    torch.rand(3),
    torch.rand(2, 3, 4),
    torch.tensor(1.5),
    torch.zeros(0),
    torch.zeros(0, 3),
    torch.tensor([1, 2, 3], { dtype: torch.int64 }),
    torch.tensor([true, false]),
    torch.tensor([0, 1, 2], { dtype: torch.uint8 }),
    torch.tensor([NaN, Infinity, -Infinity]),
    torch.rand(3, 1, { dtype: torch.float64 }),
    torch.rand(2, 2, { requiresGrad: true }),
    torch.rand(4).expand(3, 4),
    torch.rand(3, 4).t(),
    torch.rand(1, { dtype: torch.float16 }),
  ];
  const dead = torch.rand(3);
  dead.dispose();
  pool.push(dead);
}

const fakeTensor = (): unknown => ({ shape: [2, 3], dtype: torch.float32, device: 'cpu', dispose() {} });
const hostile = new Proxy({}, { get() { throw new Error('hostile proxy'); }, getPrototypeOf() { throw new Error('hostile proxy'); } });

function garbage(): unknown {
  switch (Math.floor(random() * 24)) {
    case 0: return undefined;
    case 1: return null;
    case 2: return {};
    case 3: return [];
    case 4: return pick(strings);
    case 5: return Symbol('fuzz');
    case 6: return () => 1;
    case 7: return pick(bigints);
    case 8: return pick(numbers);
    case 9: return random() < 0.5;
    case 10: return Array.from({ length: Math.floor(random() * 4) }, () => pick(dims));
    case 11: return [pick(numbers), pick(numbers)];
    case 12: return [[1, 2], [3]];
    case 13: return pick([new Float32Array(3), new Uint8Array(0), new BigInt64Array(2), new Float64Array(6), new Uint16Array(4), new Int32Array(2)]);
    case 14: return new ArrayBuffer(8);
    // Sparse and 2^32-1 long: native readers must not allocate for it. (The TS layer walks arrays with
    // map(), which takes minutes over 4 billion holes, so only native calls get it.)
    case 15: return rawNative ? new Array(2 ** 32 - 1) : [undefined];
    case 16: return fakeTensor();
    case 17: return Object.create(pick(pool));
    case 18: return new Proxy(pick(pool), {});
    case 19: return hostile;
    case 20: return externals.length && random() < 0.7 ? pick(externals) : pick(dtypes);
    case 21: return { dtype: pick([...dtypes, 'float32', 17]), device: pick(strings), requiresGrad: pick([true, 'yes']) };
    case 22: return { dim: pick(dims), keepdim: pick([true, 1]), alpha: pick(numbers), p: pick(numbers) };
    default: return pick(pool);
  }
}

/** A plausible argument half the time (so calls get past the first check), garbage otherwise. */
function arg(): unknown {
  if (random() < 0.5) return garbage();
  switch (Math.floor(random() * 6)) {
    case 0: return pick(pool);
    case 1: return pick(dims);
    case 2: return Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(dims));
    case 3: return pick(dtypeCodes);
    case 4: return pick(strings);
    default: return pick(numbers);
  }
}
const argList = (): unknown[] => Array.from({ length: Math.floor(random() * 5) }, arg);

// Global switches are restored after each call; a huge thread count is excluded (see the report).
const skipNative = new Set(['setErrorClass', 'setNumThreads', 'NativeTensor']);
const skipTorch = new Set(['setNumThreads']);
const nativeFns = Object.keys(native).filter((k) => typeof native[k] === 'function' && !skipNative.has(k));
const torchFns = Object.keys(torch).filter((k) => typeof (torch as Record<string, unknown>)[k] === 'function' && !skipTorch.has(k));
const proto = torch.Tensor.prototype as unknown as Record<string, unknown>;
const members = Object.getOwnPropertyNames(proto).filter((k) => k !== 'constructor');

const summary = { calls: 0, errors: 0, badErrors: 0, internalErrors: 0, notRejected: [] as string[], samples: [] as string[] };

function record(label: string, e: unknown, strict: boolean): void {
  summary.errors++;
  const msg = e instanceof Error ? e.message : String(e);
  if (!(e instanceof Error) || msg.includes('Exception raised from') || msg.length === 0) {
    summary.badErrors++;
    if (summary.samples.length < 20) summary.samples.push(`bad error from ${label}: ${String(msg).slice(0, 200)}`);
  } else if (strict && /Cannot read propert|is not a function|is not iterable|Cannot convert/.test(msg) && !msg.includes('hostile')) {
    // A JS engine error instead of an argument error: the TS layer missed a check.
    summary.internalErrors++;
    if (summary.samples.length < 20) summary.samples.push(`unchecked in ${label}: ${msg.slice(0, 200)}`);
  }
}

const trace = process.env.FUZZ_TRACE === '1';

function show(x: unknown): string {
  if (x === hostile) return 'hostile';
  if (x instanceof torch.Tensor) return x.isDisposed ? 'Tensor(disposed)' : `Tensor(${x.shape}, ${x.dtype})`;
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'symbol' || typeof x === 'function') return typeof x;
  if (Array.isArray(x)) return x.length > 8 ? `Array(${x.length})` : `[${x.map(show).join(', ')}]`;
  if (x && typeof x === 'object') return Object.prototype.toString.call(x);
  return String(x);
}

// strict: the receiver is a real tensor, so a JS engine error would be a missed check (a method called
// on a foreign `this` fails in JS's own terms, as any JS class does).
function attempt(label: string, f: () => unknown, a: unknown[] = [], strict = true): void {
  summary.calls++;
  if (trace) process.stderr.write(`${summary.calls} ${label}(${a.map(show).join(', ')})\n`);
  try {
    const r = f();
    if (types.isExternal(r) && externals.length < 50) externals.push(r);
    // Touch what came back so a broken result object would show here.
    if (r instanceof torch.Tensor && !r.isDisposed && r.numel() < 1000) r.shape;
  } catch (e) {
    record(label, e, strict);
  } finally {
    torch.setGradEnabled(true);
    torch.setDefaultDtype(torch.float32);
  }
}

refill();
for (let i = 0; i < CALLS; i++) {
  if (i % 500 === 0) refill();
  const kind = random();
  if (kind < 0.35) {
    const name = pick(nativeFns);
    rawNative = true;
    const a = argList();
    rawNative = false;
    attempt(`native.${name}`, () => native[name](...a), a);
  } else if (kind < 0.65) {
    const name = pick(torchFns);
    const a = argList();
    attempt(`torch.${name}`, () => (torch as unknown as Record<string, (...x: unknown[]) => unknown>)[name](...a), a);
  } else {
    const name = pick(members);
    const own = random() < 0.8;
    const self = own ? pick(pool) : garbage();
    const a = argList();
    const desc = Object.getOwnPropertyDescriptor(proto, name)!;
    if (desc.get) attempt(`Tensor.${name}`, () => desc.get!.call(self), [self], own);
    else if (desc.set) attempt(`Tensor.${name}=`, () => desc.set!.call(self, a[0]), [self, a[0]], own);
    else attempt(`Tensor.${name}()`, () => (desc.value as (...x: unknown[]) => unknown).apply(self, a), [self, ...a], own);
    if (desc.get && desc.set) attempt(`Tensor.${name}=`, () => desc.set!.call(self, a[0]), [self, a[0]], own);
  }
}

// Fixed cases that random choice might miss; each must throw (structuredClone may also succeed).
const fixed: [string, () => unknown][] = [
  ['new NativeTensor()', () => native.add(new native.NativeTensor(), 1)],
  ['NativeTensor()', () => native.add(native.NativeTensor(), 1)],
  ['zeros(2**40)', () => torch.zeros(2 ** 40)],
  ['empty([2**40, 2**40])', () => torch.empty(2 ** 40, 2 ** 40)],
  ['native.empty([2**62, 4])', () => native.empty([2 ** 62, 4], 6, 'cpu')],
  ['native.ones([-1])', () => native.ones([-1], 6, 'cpu')],
  ['native.zeros(dtype 99)', () => native.zeros([2], 99, 'cpu')],
  ['native.zeros(device garbage)', () => native.zeros([2], 6, 'garbage')],
  ['native.fromBuffer({}, ...)', () => native.fromBuffer({}, [2], 6)],
  ['native.fromBuffer(ArrayBuffer)', () => native.fromBuffer(new ArrayBuffer(8), [2], 6)],
  ['native.fromBuffer(short)', () => native.fromBuffer(new Float32Array(1), [2 ** 40], 6)],
  ['repeat huge', () => torch.rand(3).repeat(2 ** 20, 2 ** 20)],
  ['arange huge', () => torch.arange(0, 2 ** 50)],
  ['linspace huge', () => torch.linspace(0, 1, 2 ** 45)],
  ['randperm huge', () => torch.randperm(2 ** 45)],
  ['eye huge', () => torch.eye(2 ** 40)],
  ['structuredClone', () => structuredClone(pool[0])],
  ['setNumThreads(0)', () => native.setNumThreads(0)],
  ['setNumThreads(-1)', () => native.setNumThreads(-1)],
];
for (const [label, f] of fixed) {
  const before = summary.errors;
  attempt(label, f);
  if (summary.errors === before && label !== 'structuredClone') summary.notRejected.push(label);
}

console.log(JSON.stringify(summary));
