// Random bad calls against every callable that torch-node exports, run in a child process by
// test/fuzz.test.ts (through vite-node, so it needs no build of the TypeScript): a crash, an abort or
// an OOM kill shows as the child's exit status. Every call must return or throw an Error with a clean
// message. The callables are discovered by walking the exports (torch, torch-node/vision, the raw
// addon): functions, classes (constructed with `new`, their static and prototype members called on
// valid instances and on garbage), nested namespaces and objects. Calls go round-robin over them, the
// arguments come from a seeded generator. Prints one JSON line:
// { calls, callables, minCalls, uncalled, skipped, errors, badErrors, internalErrors, unchecked, notRejected, samples, slowest }.
// Run it from a scratch directory (see test/fuzz.test.ts for the replay command):
//   FUZZ_TRACE=1 <repo>/node_modules/.bin/vite-node --root <repo> <repo>/test/helpers/fuzz.ts -- [calls=20000] [seed=1]
import * as torch from '../../lib';
import * as vision from '../../lib/vision';
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
  instances = validInstances();
  made = [];
  receivers.clear();
  torch.setPrintoptions({ profile: 'default' });
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

// ---------------------------------------------------------------- discovery

type AnyFn = (...a: unknown[]) => unknown;
type Kind = 'call' | 'new' | 'get' | 'set';
/** One callable: a function (this = its namespace), a class constructor, or a prototype member (proto set). */
interface Callable { label: string; kind: Kind; f: AnyFn; parent: unknown; proto: object | null; key: string | symbol; raw: boolean; strict: boolean; calls: number; ms: number }

// Never called at random, with the reason. Everything else that the walk finds is.
const SKIP: Record<string, string> = {
  'native.setErrorClass': 'replaces the class of every error the addon throws, for the rest of the process',
  'native.setNumThreads': 'a huge count starts that many threads; the fixed cases below call it with 0 and -1',
  'torch.setNumThreads': 'as native.setNumThreads',
  'torch.lobpcg': 'iterates until convergence or niter (-1 or a huge niter: without end, as in Python); test/lobpcg.test.ts checks its arguments',
  'torch.hub.downloadUrlToFile': 'spawns a child process that downloads',
  'torch.hub.loadStateDictFromUrl': 'downloads what is not cached',
  'vision.datasets.downloadUrl': 'downloads',
  'Weights#getStateDict()': 'downloads the checkpoint',
  'MNIST#download()': 'downloads the dataset',
  'torch.multiprocessing.spawn': 'runs the main script again in child processes',
  'torch.multiprocessing.startProcesses': 'as torch.multiprocessing.spawn',
  'torch.distributed.initProcessGroup': 'with valid arguments it waits (up to 30 min) for the other ranks of the group',
  'new torch.distributed.TCPStore': 'a client retries its connection until the timeout (300 s by default)',
  'native.distTCPStore': 'as new torch.distributed.TCPStore',
  'Store#get()': 'waits for the key until the store timeout (300 s by default)',
  'Store#wait()': 'as Store#get()',
};

// Called in the first rounds only, with the reason: what they build when the arguments allow is slow.
const HEAVY: Record<string, string> = {
  'vision.models.alexnet': 'builds 61M parameters (1.4 s of CPU) whenever the arguments are valid',
  'new vision.models.AlexNet': 'as vision.models.alexnet',
};
const HEAVY_CALLS = 3;
// torchvision's model builders and classes build their model whenever the arguments are valid: heavy;
// the biggest (about 80M parameters and more, up to 644M) are never called at random.
const HUGE_MODELS = /^(?:new )?vision\.models\.(?:\w+\.)?(?:vgg\d+(?:_bn)?|regnet_y_(?:16|32|128)gf|regnet_x_32gf|vit_\w+|convnext_(?:base|large)|swin_b|wide_resnet101_2|resnext101_\w+|efficientnet_b[67]|efficientnet_v2_[ml]|getModel|VGG)$/;
const isHeavy = (label: string): boolean => label in HEAVY || /^(?:new )?vision\.models\./.test(label);

const callables: Callable[] = [];
const skipped: string[] = [];
const seen = new Set<unknown>();
const walkedProtos = new Set<object>();
/** Instances met in the walk (dtypes, devices, the default generator, weights): receivers for their methods. */
const found: object[] = [];
const STOP = new Set<unknown>([Object.prototype, Function.prototype, null]);
const isClass = (f: unknown): boolean => /^class\b/.test(Function.prototype.toString.call(f));

function add(label: string, kind: Kind, f: AnyFn, parent: unknown, proto: object | null, raw: boolean, strict = true, key: string | symbol = ''): void {
  if (label in SKIP) skipped.push(`${label}: ${SKIP[label]}`);
  else if (HUGE_MODELS.test(label)) skipped.push(`${label}: builds a model of about 80M parameters or more when the arguments are valid`);
  else callables.push({ label, kind, f, parent, proto, key, raw, strict, calls: 0, ms: 0 });
}

/** The members of a prototype chain; each prototype once, named after its constructor. */
function walkProto(proto: object | null, raw: boolean): void {
  for (; !STOP.has(proto); proto = Object.getPrototypeOf(proto)) {
    if (walkedProtos.has(proto!)) continue;
    walkedProtos.add(proto!);
    const ctor = Object.getOwnPropertyDescriptor(proto, 'constructor')?.value;
    const owner = typeof ctor === 'function' && ctor.name ? ctor.name : '?';
    for (const key of Reflect.ownKeys(proto!)) {
      if (key === 'constructor') continue;
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      const label = `${owner}#${String(key)}`;
      // A private helper (`_setAttr`) may assume its caller's checks: it must not crash, but a JS error
      // from it is no missed check. The generated Tensor methods named `_x` are public ops.
      const strict = !(typeof key === 'string' && key.startsWith('_') && proto !== torch.Tensor.prototype);
      if (d.get) add(label, 'get', d.get, null, proto!, raw, strict, key);
      if (d.set) add(`${label}=`, 'set', d.set, null, proto!, raw, strict, key);
      if (typeof d.value === 'function') add(`${label}()`, 'call', d.value, null, proto!, raw, strict, key);
    }
  }
}

function walk(label: string, x: unknown, parent: unknown, raw: boolean, strict = true): void {
  if (seen.has(x) || x === null || (typeof x !== 'function' && typeof x !== 'object')) return;
  if (x instanceof torch.Tensor || Array.isArray(x) || ArrayBuffer.isView(x) || x instanceof Map || x instanceof Set || types.isExternal(x)) return;
  seen.add(x);
  const isModule = Object.prototype.toString.call(x) === '[object Module]';
  if (typeof x === 'function') {
    const cls = isClass(x);
    add(cls ? `new ${label}` : label, cls ? 'new' : 'call', x as AnyFn, parent, null, raw, strict);
  } else if (!isModule && !STOP.has(Object.getPrototypeOf(x))) {
    found.push(x);
  }
  for (const key of Reflect.ownKeys(x)) {
    if (typeof x === 'function' && ['length', 'name', 'prototype', 'caller', 'arguments'].includes(key as string)) continue;
    if (isModule && typeof key === 'symbol') continue;
    const d = Object.getOwnPropertyDescriptor(x, key)!;
    // A module namespace's exports and enum-like objects' aliases (AlexNet_Weights.DEFAULT) are getters: read them.
    let value: unknown;
    try { value = d.get ? (x as Record<string | symbol, unknown>)[key] : d.value; } catch { continue; }
    // A class's private statics (Module._traps) are helpers, as private methods are (see walkProto).
    walk(`${label}.${String(key)}`, value, x, raw, strict && !(typeof x === 'function' && typeof key === 'string' && key.startsWith('_')));
  }
  // Classes, transform factories (functions with a prototype) and instances: their prototype members.
  const proto = typeof x === 'function' ? (x as { prototype?: unknown }).prototype : isModule ? null : Object.getPrototypeOf(x);
  if (proto && typeof proto === 'object') walkProto(proto, raw);
}

walk('torch', torch, undefined, false);
walk('vision', vision, undefined, false);
walk('native', native, undefined, true);

// ---------------------------------------------------------------- receivers

/** Validly constructed objects of the exported classes, cheap ones: receivers for their methods. */
function validInstances(): object[] {
  const { nn, optim } = torch;
  const D = torch.utils.data;
  const S = optim.lr_scheduler;
  const T = vision.transforms;
  const params = (): torch.Tensor[] => [...new nn.Linear(3, 2).parameters()];
  const ds = new D.TensorDataset(torch.rand(4, 3), torch.arange(4));
  return [
    new nn.Linear(3, 2), new nn.Identity(), new nn.Conv2d(1, 2, 3), new nn.MaxPool2d(2), new nn.AvgPool2d(2),
    new nn.AdaptiveAvgPool2d(2), new nn.ReLU(), new nn.LeakyReLU(), new nn.Sigmoid(), new nn.Tanh(), new nn.Softmax(1),
    new nn.LogSoftmax(1), new nn.Dropout(), new nn.Dropout2d(), new nn.BatchNorm1d(3), new nn.BatchNorm2d(3), new nn.Flatten(),
    new nn.Sequential(new nn.Linear(3, 3), new nn.ReLU()), new nn.ModuleList([new nn.Tanh()]), new nn.ModuleDict({ a: new nn.Sigmoid() }),
    new nn.CrossEntropyLoss(), new nn.NLLLoss(), new nn.MSELoss(), new nn.L1Loss(), new nn.BCELoss(), new nn.BCEWithLogitsLoss(),
    new nn.Module(), new nn.Parameter(torch.rand(2, 2)),
    new optim.SGD(params(), { lr: 0.1, momentum: 0.9 }), new optim.Adam(params()), new optim.AdamW(params()), new optim.RMSprop(params()), new optim.Adagrad(params()),
    new optim.Adadelta(params()), new optim.Adamax(params()), new optim.ASGD(params()), new optim.NAdam(params()), new optim.RAdam(params()), new optim.Rprop(params()), new optim.SparseAdam(params()), new optim.LBFGS(params()),
    new S.StepLR(new optim.SGD(params(), { lr: 0.1 }), 2), new S.LambdaLR(new optim.SGD(params(), { lr: 0.1 }), (e: number) => 0.9 ** e),
    new S.MultiStepLR(new optim.Adam(params()), [1, 3]), new S.ExponentialLR(new optim.SGD(params(), { lr: 0.1 }), 0.9),
    new S.CosineAnnealingLR(new optim.SGD(params(), { lr: 0.1 }), 10), new S.ReduceLROnPlateau(new optim.SGD(params(), { lr: 0.1 })),
    ds, new D.Subset(ds, [0, 2]), new D.ConcatDataset([ds, ds]), new D.SequentialSampler(ds), new D.RandomSampler(ds),
    new D.SubsetRandomSampler([0, 1]), new D.BatchSampler(new D.SequentialSampler(ds), 2, false), new D.DataLoader(ds, { batchSize: 2 }),
    T.Compose([T.ToTensor()]), T.Lambda((x: unknown) => x), T.ToTensor(), T.PILToTensor(), T.ToPILImage(), T.Normalize([0.5], [0.5]),
    T.Resize(4), T.CenterCrop(2), T.RandomCrop(2), T.RandomHorizontalFlip(), T.RandomVerticalFlip(), T.RandomRotation(10), T.Grayscale(),
    T.Image.new('RGB', 4, 3), T.Image.new('L', 2, 2),
    new torch.Generator(), torch.device('cpu'), torch.slice(0, 2), new torch.TorchError('x'),
  ];
}

/** Whether `o.key` is this member: a subclass that overrides it never runs the base's through the API. */
function resolvesTo(o: object, c: Callable): boolean {
  for (let p: object | null = Object.getPrototypeOf(o); p !== null; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, c.key);
    if (d) return d.value === c.f || d.get === c.f || d.set === c.f;
  }
  return false;
}

let instances: object[] = [];
/** Objects that random `new` calls made (a valid instance of whatever the arguments allowed). */
let made: object[] = [];
const receivers = new Map<object, object[]>();
function receiverFor(c: Callable): { self: unknown; strict: boolean } {
  if (c.proto === null) return { self: c.parent, strict: c.strict };
  let own = receivers.get(c.proto);
  if (own === undefined) {
    own = [...pool, ...instances, ...made, ...found].filter((o) => Object.prototype.isPrototypeOf.call(c.proto, o) && resolvesTo(o, c));
    receivers.set(c.proto, own);
  }
  // A method on a foreign receiver fails in JS's own terms, as any JS class's does: not strict.
  if (own.length && random() < 0.8) return { self: pick(own), strict: c.strict };
  return { self: garbage(), strict: false };
}

// ---------------------------------------------------------------- calls

const summary = {
  calls: 0, callables: callables.length, minCalls: 0, uncalled: [] as string[], skipped, errors: 0, badErrors: 0, internalErrors: 0,
  unchecked: {} as Record<string, string>, notRejected: [] as string[], samples: [] as string[], slowest: [] as string[],
};

// A JS engine error instead of an argument error: the TS layer missed a check.
const ENGINE_ERROR = /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Cannot convert|Cannot destructure|Cannot use 'in' operator|Invalid (typed )?array length|Maximum call stack|Cannot mix BigInt/;

function record(label: string, e: unknown, strict: boolean): void {
  summary.errors++;
  const msg = e instanceof Error ? e.message : String(e);
  if (!(e instanceof Error) || msg.includes('Exception raised from') || msg.length === 0) {
    summary.badErrors++;
    if (summary.samples.length < 30) summary.samples.push(`bad error from ${label}: ${String(msg).slice(0, 200)}`);
  } else if (strict && ENGINE_ERROR.test(msg) && !msg.includes('hostile')) {
    summary.internalErrors++;
    // The first message of each callable: one missed check tends to fail every call that reaches it.
    if (!(label in summary.unchecked)) summary.unchecked[label] = msg.slice(0, 200);
  }
}

const trace = process.env.FUZZ_TRACE === '1';
/** What async calls returned: their rejections are checked as errors before the summary. */
const pending: Promise<unknown>[] = [];

function show(x: unknown): string {
  if (x === hostile) return 'hostile';
  if (x instanceof torch.Tensor) return x.isDisposed ? 'Tensor(disposed)' : `Tensor(${x.shape}, ${x.dtype})`;
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'symbol') return 'symbol';
  if (Array.isArray(x)) return x.length > 8 ? `Array(${x.length})` : `[${x.map(show).join(', ')}]`;
  if (x && typeof x === 'object' || typeof x === 'function') {
    try { return `${(x as object).constructor?.name ?? 'Object'}{}`; } catch { return 'object'; }
  }
  return String(x);
}

// strict: the call went through the public API (a function, a constructor, a method on a valid
// receiver), so a JS engine error would be a missed check.
function attempt(label: string, f: () => unknown, a: unknown[] = [], strict = true): void {
  summary.calls++;
  if (trace) process.stderr.write(`${summary.calls} ${label}(${a.map(show).join(', ')})\n`);
  try {
    const r = f();
    if (types.isExternal(r) && externals.length < 50) externals.push(r);
    if (r instanceof Promise) pending.push(r.catch((e) => record(`${label} (async)`, e, strict)));
    // Touch what came back so a broken result object would show here; step a few times into an iterator.
    if (r instanceof torch.Tensor && !r.isDisposed && r.numel() < 1000) r.shape;
    else if (r !== null && typeof r === 'object' && typeof (r as Iterator<unknown>).next === 'function') for (let k = 0; k < 3 && !(r as Iterator<unknown>).next().done; k++);
  } catch (e) {
    record(label, e, strict);
  } finally {
    torch.setGradEnabled(true);
    torch.setDefaultDtype(torch.float32);
  }
}

// libtorch evaluates the orthogonal polynomials of torch.special by a recurrence of n steps per
// element (Python hangs as long): their integer arguments stay small, a huge n would only run for hours.
const RECURRENCE_IN_N = /polynomial/i;
const smallInts = (x: unknown): unknown => ((typeof x === 'number' && Math.abs(x) > 100) || typeof x === 'bigint' ? 5 : x);
// MNASNet's first argument, alpha, multiplies every width: MNASNet(64), valid, builds billions of
// parameters (24 GB before the OOM killer, as Python would), so its numbers stay at most 2.
const WIDTH_MULTIPLIED = /^new vision\.models\.(?:mnasnet\.)?MNASNet$/;
const smallWidths = (x: unknown): unknown => ((typeof x === 'number' && Math.abs(x) > 2) || typeof x === 'bigint' ? 1 : x);

function invoke(c: Callable): void {
  rawNative = c.raw;
  let a = argList();
  rawNative = false;
  if (RECURRENCE_IN_N.test(c.label)) a = a.map(smallInts);
  if (WIDTH_MULTIPLIED.test(c.label)) a = a.map(smallWidths);
  c.calls++;
  const t0 = performance.now();
  if (c.kind === 'new') {
    attempt(c.label, () => {
      const r = Reflect.construct(c.f, a);
      if (made.length < 40 && !isHeavy(c.label)) { made.push(r as object); receivers.clear(); }
      return r;
    }, a);
  } else {
    const { self, strict } = receiverFor(c);
    const shown = c.proto === null ? a : [self, ...a];
    if (c.kind === 'get') attempt(c.label, () => c.f.call(self), [self], strict);
    else if (c.kind === 'set') attempt(c.label, () => c.f.call(self, a[0]), [self, a[0]], strict);
    else attempt(c.label, () => c.f.apply(self, a), shown, strict);
  }
  c.ms += performance.now() - t0;
}

refill();
// Round-robin over the callables, so that each gets about CALLS / callables calls whatever the seed.
for (let i = 0, k = 0; i < CALLS; i++) {
  if (i % 500 === 0) refill();
  let c: Callable;
  do c = callables[k++ % callables.length]; while (isHeavy(c.label) && c.calls >= HEAVY_CALLS);
  invoke(c);
}
await Promise.all(pending);
summary.uncalled = callables.filter((c) => c.calls === 0).map((c) => c.label);
summary.minCalls = Math.min(...callables.filter((c) => !isHeavy(c.label)).map((c) => c.calls));
summary.slowest = [...callables].sort((x, y) => y.ms - x.ms).slice(0, 10).map((c) => `${c.label}: ${Math.round(c.ms)} ms in ${c.calls} calls`);

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
  // libtorch's fused weight-norm kernel read past an empty g (a segfault in Python too): native/dispatch.cc guards it.
  ['_weightNorm(v, empty g)', () => (torch as unknown as Record<string, AnyFn>)._weightNorm(torch.rand(3, 4), torch.empty(0))],
  ['_weightNormInterface(v, short g, dim 1)', () => (torch as unknown as Record<string, AnyFn>)._weightNormInterface(torch.rand(3, 4), torch.rand(2), 1)],
  // and its sparse block conversions read blocksize[0] and [1] of any list (native/dispatch.cc guards them).
  ['toSparseBsr([])', () => (torch.rand(3) as unknown as Record<string, AnyFn>).toSparseBsr([])],
  ['toSparseBsc([2])', () => (torch.rand(2, 2) as unknown as Record<string, AnyFn>).toSparseBsc([2])],
];
for (const [label, f] of fixed) {
  const before = summary.errors;
  attempt(label, f);
  if (summary.errors === before && label !== 'structuredClone') summary.notRejected.push(label);
}

console.log(JSON.stringify(summary));
