// torch.distributed's process groups and collectives, following torch/distributed/distributed_c10d.py
// (1.13) over libtorch's c10d (native/distributed.cc). The store layout is Python's: the rendezvous
// store is wrapped in PrefixStore('default_pg'), each group's backend in PrefixStore(<group count>),
// and init_process_group / new_group end in the same store-based barrier, so Python ranks can join a
// group that Node ranks make (and the other way round). Against a 2.x libtorch it is that Python's
// (see torch2() below): a mixed group needs the same libtorch version on both sides.
//
// Collectives block, as Python's do (the event loop waits). `{ asyncOp: true }` returns a Work:
// `work.wait()` blocks, and `await work` waits on libuv's thread pool instead.
import { native } from '../native';
import { Tensor, tensorArg } from '../tensor';
import { cat } from '../functions';
import { argError, TorchError } from '../errors';
import * as v from '../validate';
import { Store, TCPStore, FileStore, PrefixStore, storeHandle } from './store';

// what the addon was compiled with: c10d (a libtorch built with it), Gloo (its headers, libgloo-dev),
// NCCL (a CUDA libtorch built with USE_C10D_NCCL, with nccl.h); cuda: the libtorch is a CUDA one
const available = native.distAvailable() as { distributed: boolean; gloo: boolean; nccl: boolean; cuda: boolean };

/** `is_available()`: whether this build has torch.distributed (c10d with at least one backend). */
export function isAvailable(): boolean {
  return available.distributed && (available.gloo || available.nccl);
}
/** `is_gloo_available()` */
export function isGlooAvailable(): boolean {
  return available.gloo;
}
/** `is_nccl_available()`: true only in a build against a CUDA libtorch with NCCL. */
export function isNcclAvailable(): boolean {
  return available.nccl;
}
/** `is_mpi_available()`: never (libtorch's MPI backend needs a build from source). */
export function isMpiAvailable(): boolean {
  return false;
}

/** Why this build cannot run `backend`, or null when it can. */
function backendMissing(backend: string): string | null {
  if (!available.distributed) return 'this build of torch-node has no torch.distributed: its libtorch was built without c10d (USE_DISTRIBUTED)';
  if (backend === 'gloo' && !available.gloo) return 'this build of torch-node has no Gloo backend (see torch.distributed.isAvailable(); Debian/Ubuntu: apt-get install libgloo-dev, then rebuild)';
  if (backend === 'nccl' && !available.nccl) {
    return available.cuda
      ? "Distributed package doesn't have NCCL built in: the CUDA libtorch this torch-node was built against lacks NCCL (its CMake targets do not define USE_C10D_NCCL, or nccl.h is not among its headers)"
      : "Distributed package doesn't have NCCL built in: this torch-node is built against a CPU-only libtorch, and NCCL needs a CUDA libtorch (on the CPU, use 'gloo')";
  }
  return null;
}

/** `torch.distributed.Backend`: the names of the backends. */
export const Backend = Object.freeze({ UNDEFINED: 'undefined', GLOO: 'gloo', NCCL: 'nccl', UCC: 'ucc', MPI: 'mpi' });

/** `ReduceOp.SUM`, `PRODUCT`, `MIN`, `MAX`, `BAND`, `BOR`, `BXOR`, `AVG` (AVG: NCCL only). */
export class ReduceOp {
  static readonly SUM = new ReduceOp('SUM', 0);
  static readonly AVG = new ReduceOp('AVG', 1);
  static readonly PRODUCT = new ReduceOp('PRODUCT', 2);
  static readonly MIN = new ReduceOp('MIN', 3);
  static readonly MAX = new ReduceOp('MAX', 4);
  static readonly BAND = new ReduceOp('BAND', 5);
  static readonly BOR = new ReduceOp('BOR', 6);
  static readonly BXOR = new ReduceOp('BXOR', 7);
  private constructor(readonly name: string, readonly code: number) {}
  toString(): string {
    return `ReduceOp.${this.name}`;
  }
}

/** 30 minutes, Python's default_pg_timeout, in milliseconds. */
export const defaultPgTimeout = 30 * 60 * 1000;

const groupHandle = Symbol('torch.distributed.ProcessGroup handle');

/** A c10d process group (Python's ProcessGroup): `rank()`, `size()`, `name()`. */
export class ProcessGroup {
  /** @internal */
  readonly [groupHandle]: unknown;
  /** @internal */
  constructor(handle: unknown, readonly backend: string) {
    this[groupHandle] = handle;
  }
  rank(): number {
    return native.distGroupRank(this[groupHandle]);
  }
  size(): number {
    return native.distGroupSize(this[groupHandle]);
  }
  name(): string {
    return native.distGroupBackendName(this[groupHandle]);
  }
}

/**
 * What `{ asyncOp: true }` returns: `wait()` blocks until the collective is done (and throws its
 * error); the Work is also a thenable, so `await work` waits without blocking the event loop.
 */
export class Work implements PromiseLike<void> {
  private promise: Promise<void> | undefined;
  /** @internal `what`: the call and rank, for errors ("torch.distributed.all_reduce ... on rank 0 of 2") */
  constructor(private readonly handle: unknown, private readonly after?: () => void, private readonly what?: string) {}

  private failed(e: unknown): Error {
    if (!this.what || !(e instanceof Error)) return e as Error;
    return new TorchError(`${this.what}: ${e.message}`);
  }

  /** `wait(timeout?)`: blocks until done; returns true. timeout in ms (default: the group's). */
  wait(timeout?: number): boolean {
    const t = timeout === undefined ? null : Math.round(v.finite('torch.distributed.Work.wait', 'timeout', timeout));
    let done: boolean;
    try {
      done = native.distWorkWait(this.handle, t);
    } catch (e) {
      throw this.failed(e);
    }
    this.after?.();
    return done;
  }
  isCompleted(): boolean {
    return native.distWorkIsCompleted(this.handle);
  }
  isSuccess(): boolean {
    return native.distWorkIsSuccess(this.handle);
  }
  /** For a recv from any source: the rank the tensor came from. */
  sourceRank(): number {
    return native.distWorkSourceRank(this.handle);
  }
  /** A Promise that settles when the collective is done, waiting off the event loop. */
  getFuture(): Promise<void> {
    this.promise ??= (native.distWorkWaitAsync(this.handle) as Promise<void>).then(
      () => this.after?.(),
      (e) => {
        throw this.failed(e);
      },
    );
    return this.promise;
  }
  then<A = void, B = never>(onfulfilled?: ((value: void) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.getFuture().then(onfulfilled, onrejected);
  }
}

// ---- the global state of distributed_c10d.py

interface GroupInfo {
  backend: string;
  store: Store; // the store the group's backend prefixes with its name (default_pg's, for new groups)
  name: string;
  ranks: Map<number, number>; // global rank -> group rank
}

/** Python's GroupMember.NON_GROUP_MEMBER: what newGroup returns on a rank outside the group. */
export const NON_GROUP_MEMBER: unique symbol = Symbol('torch.distributed.GroupMember.NON_GROUP_MEMBER');
export type Group = ProcessGroup | typeof NON_GROUP_MEMBER;

let WORLD: ProcessGroup | null = null;
const groups = new Map<ProcessGroup, GroupInfo>();
let groupCount = 0;
// Python 2.x changed the layout (torch 2.13's distributed_c10d.py): a group's store is
// PrefixStore(`${name}/`), and init_process_group / new_group end in no barrier (only with
// TORCH_DIST_INIT_BARRIER=1, a barrier of another key scheme, which torch-node does not follow).
// (Asked when a group is made: buildInfo() also renders libtorch's config, ~2 ms at import.)
let libtorch2: boolean | undefined;
function torch2(): boolean {
  return (libtorch2 ??= Number((native.buildInfo() as { libtorchVersion: string }).libtorchVersion.split('.')[0]) >= 2);
}
let defaultInitMethod: string | null = null;

/** `GroupMember`: WORLD (the default group, null before initProcessGroup) and NON_GROUP_MEMBER. */
export const GroupMember = {
  get WORLD(): ProcessGroup | null {
    return WORLD;
  },
  NON_GROUP_MEMBER,
};
/** `group.WORLD` */
export const group = {
  get WORLD(): ProcessGroup | null {
    return WORLD;
  },
};

function defaultGroup(call: string): ProcessGroup {
  if (!WORLD) throw new TorchError(`${call}: Default process group has not been initialized, please make sure to call init_process_group (torch.distributed.initProcessGroup).`);
  return WORLD;
}

function groupArg(call: string, g: unknown): Group {
  if (g === undefined || g === null) return defaultGroup(call);
  if (g === NON_GROUP_MEMBER) return g;
  if (!(g instanceof ProcessGroup) || !groups.has(g)) throw argError(call, 'group', 'a ProcessGroup made by initProcessGroup or newGroup', g);
  return g;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// Python's _store_based_barrier: every rank adds 1 to store_based_barrier_key:<group count> and
// waits until the count is the world size.
function storeBasedBarrier(rank: number, store: Store, worldSize: number, timeout: number): void {
  const key = `store_based_barrier_key:${groupCount}`;
  store.add(key, 1);
  let count = store.add(key, 0);
  const start = Date.now();
  while (count !== worldSize) {
    sleepSync(10);
    count = store.add(key, 0);
    if (Date.now() - start > timeout) {
      throw new TorchError(
        `Timed out initializing process group in store based barrier on rank: ${rank}, for key: ${key} (world_size=${worldSize}, worker_count=${count}, timeout=${timeout} ms)`,
      );
    }
  }
}

function newGroupHelper(call: string, size: number, rank: number | null, globalRanks: number[], backend: string, store: Store, timeout: number, groupName: string): Group {
  let name = groupName;
  if (!name) name = String(groupCount++);
  for (const info of groups.values()) if (info.name === name) throw new TorchError(`${call}: The specified group name has already been created, please use a different group name`);
  if (rank === null) return NON_GROUP_MEMBER;
  const prefixStore = new PrefixStore(torch2() ? `${name}/` : name, store);
  let handle: unknown;
  const missing = backendMissing(backend);
  if (missing) throw new TorchError(`${call}: ${missing}`);
  if (backend === 'gloo') {
    handle = native.distProcessGroupGloo(prefixStore[storeHandle], rank, size, timeout);
  } else if (backend === 'nccl') {
    handle = native.distProcessGroupNCCL(prefixStore[storeHandle], rank, size, timeout);
  } else {
    throw new RangeError(`${call}: backend must be 'gloo' or 'nccl', got ${JSON.stringify(backend)}`);
  }
  const pg = new ProcessGroup(handle, backend);
  groups.set(pg, { backend, store, name, ranks: new Map() });
  return pg;
}

function timeoutArg(call: string, t: unknown, dflt: number): number {
  if (t === undefined || t === null) return dflt;
  const n = v.finite(call, 'timeout', t);
  if (n <= 0) throw argError(call, 'timeout', 'a positive number of milliseconds', t, 'range');
  return Math.round(n);
}

/** Python's rendezvous(url, rank, world_size): the store, rank and world size an init method names. */
function rendezvous(call: string, url: string, rank: number, worldSize: number, timeout: number): { store: Store; rank: number; worldSize: number } {
  const m = /^([a-z]+):\/\//.exec(url);
  if (!m) throw new RangeError(`${call}: init_method must be 'env://', 'tcp://host:port' or 'file:///path', got ${JSON.stringify(url)}`);
  const scheme = m[1];
  const parsed = new URL(url);
  const query = parsed.searchParams;
  const rendezvousError = (msg: string) => new RangeError(`Error initializing torch.distributed using ${scheme}:// rendezvous: ${msg}`);
  const intQuery = (name: string, given: number, env?: string): number => {
    if (query.has(name)) return parseIntStrict(call, name, query.get(name)!);
    if (given !== -1) return given;
    if (env !== undefined) {
      const s = process.env[env];
      if (!s) throw rendezvousError(`environment variable ${env} expected, but not set`);
      return parseIntStrict(call, env, s);
    }
    throw rendezvousError(`${name === 'world_size' ? 'world size' : name} parameter missing`);
  };
  if (scheme === 'file') {
    const path = decodeURIComponent(parsed.pathname);
    if (!path) throw rendezvousError('path missing');
    const r = intQuery('rank', rank);
    const w = intQuery('world_size', worldSize);
    return { store: new FileStore(path, w), rank: r, worldSize: w };
  }
  if (scheme === 'tcp' || scheme === 'env') {
    const r = intQuery('rank', rank, scheme === 'env' ? 'RANK' : undefined);
    const w = intQuery('world_size', worldSize, scheme === 'env' ? 'WORLD_SIZE' : undefined);
    let host: string;
    let port: number;
    if (scheme === 'tcp') {
      if (!parsed.port) throw rendezvousError('port number missing');
      host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
      port = Number(parsed.port);
    } else {
      host = process.env.MASTER_ADDR ?? '';
      if (!host) throw rendezvousError('environment variable MASTER_ADDR expected, but not set');
      const p = process.env.MASTER_PORT;
      if (!p) throw rendezvousError('environment variable MASTER_PORT expected, but not set');
      port = parseIntStrict(call, 'MASTER_PORT', p);
    }
    if (!(port >= 0 && port < 2 ** 16)) throw new RangeError(`port must have value from 0 to 65535 but was ${port}.`);
    // Python's _create_c10d_store: rank 0 hosts the (multi-tenant) server.
    const store = new TCPStore(host, port, w, r === 0, timeout, true, true);
    return { store, rank: r, worldSize: w };
  }
  throw new RangeError(`${call}: No rendezvous handler for ${scheme}://`);
}

function parseIntStrict(call: string, name: string, s: string): number {
  if (!/^-?\d+$/.test(s.trim())) throw new RangeError(`${call}: ${name} must be an integer, got ${JSON.stringify(s)}`);
  return Number(s.trim());
}

export interface InitProcessGroupOptions {
  initMethod?: string;
  /** milliseconds; default 30 minutes */
  timeout?: number;
  worldSize?: number;
  rank?: number;
  store?: Store;
  groupName?: string;
}

/**
 * `init_process_group(backend, init_method=None, timeout=30 min, world_size=-1, rank=-1, store=None,
 * group_name='')`: `initProcessGroup('gloo', { initMethod: 'env://' })` (the default), `'tcp://host:port'`
 * with rank and worldSize, `'file:///path'`, or a Store with rank and worldSize.
 */
export function initProcessGroup(backend: string, ...rest: unknown[]): void {
  const call = 'torch.distributed.init_process_group';
  const a = v.bindArgs(call, ['backend', 'initMethod', 'timeout', 'worldSize', 'rank', 'store', 'groupName', 'pgOptions'], [backend, ...rest]);
  const be = v.str(call, 'backend', a.backend).toLowerCase();
  if (be !== 'gloo' && be !== 'nccl' && be !== 'mpi' && be !== 'ucc') throw argError(call, 'backend', "'gloo' or 'nccl'", a.backend, 'range');
  if (be === 'mpi' || be === 'ucc') throw new TorchError(`${call}: the ${be} backend is not available in torch-node (use 'gloo', or 'nccl' with a CUDA libtorch)`);
  if (a.pgOptions !== undefined) throw new TypeError(`${call}: pg_options is not supported`);
  const timeout = timeoutArg(call, a.timeout, defaultPgTimeout);
  let worldSize = a.worldSize === undefined ? -1 : v.int(call, 'world_size', a.worldSize, -1);
  let rank = a.rank === undefined ? -1 : v.int(call, 'rank', a.rank, -1);
  const groupName = a.groupName === undefined ? '' : v.str(call, 'group_name', a.groupName);
  if (WORLD) throw new TorchError('trying to initialize the default process group twice!');
  // before the rendezvous (Python checks after it): a rank that cannot make the group must not keep
  // the others waiting for it at the store
  const missing = backendMissing(be);
  if (missing) throw new TorchError(`${call}: ${missing}`);
  if (a.store !== undefined && a.initMethod !== undefined) throw new TypeError(`${call}: Cannot specify both init_method and store.`);
  let store: Store;
  let initMethod: string | null = null;
  if (a.store !== undefined) {
    if (!(a.store instanceof Store)) throw argError(call, 'store', 'a torch.distributed.Store', a.store);
    if (!(worldSize > 0)) throw new RangeError(`${call}: world_size must be positive if using store`);
    if (!(rank >= 0)) throw new RangeError(`${call}: rank must be non-negative if using store`);
    store = a.store;
  } else {
    initMethod = a.initMethod === undefined ? 'env://' : v.str(call, 'init_method', a.initMethod);
    const r = rendezvous(call, initMethod, rank, worldSize, timeout);
    rank = r.rank;
    worldSize = r.worldSize;
    r.store.setTimeout(timeout);
    store = new PrefixStore('default_pg', r.store);
  }
  if (!(worldSize > 0)) throw new RangeError(`${call}: world_size must be positive, got ${worldSize}`);
  if (!(rank >= 0 && rank < worldSize)) throw new RangeError(`${call}: rank must be in [0, ${worldSize - 1}], got ${rank}`);
  const pg = newGroupHelper(call, worldSize, rank, [], be, store, timeout, groupName) as ProcessGroup;
  WORLD = pg;
  groups.get(pg)!.ranks = new Map(Array.from({ length: worldSize }, (_, i) => [i, i]));
  defaultInitMethod = initMethod;
  try {
    if (!torch2()) storeBasedBarrier(rank, store, worldSize, timeout);
    native.distGroupSetSequenceNumber(pg[groupHandle]);
  } catch (e) {
    resetState();
    throw e;
  }
}

function resetState(): void {
  WORLD = null;
  groups.clear();
  groupCount = 0;
  defaultInitMethod = null;
}

/** `is_initialized()` */
export function isInitialized(): boolean {
  return WORLD !== null;
}

/** `is_torchelastic_launched()`: whether TORCHELASTIC_RUN_ID is set (torchrun sets it, as does torch-node-run). */
export function isTorchelasticLaunched(): boolean {
  return process.env.TORCHELASTIC_RUN_ID !== undefined;
}

/** `get_rank(group=None)`: this process's rank in the group; -1 outside it. */
export function getRank(g?: Group | null): number {
  const pg = groupArg('torch.distributed.get_rank', g);
  if (pg === NON_GROUP_MEMBER) return -1;
  return pg.rank();
}

/** `get_world_size(group=None)`; -1 outside the group. */
export function getWorldSize(g?: Group | null): number {
  const pg = groupArg('torch.distributed.get_world_size', g);
  if (pg === NON_GROUP_MEMBER) return -1;
  return pg.size();
}

/** `get_backend(group=None)`: 'gloo' or 'nccl'. */
export function getBackend(g?: Group | null): string {
  const pg = groupArg('torch.distributed.get_backend', g);
  if (pg === NON_GROUP_MEMBER) throw new RangeError('Invalid process group specified');
  return groups.get(pg)!.backend;
}

/** `get_global_rank(group, group_rank)` */
export function getGlobalRank(g: ProcessGroup, groupRank: number): number {
  const call = 'torch.distributed.get_global_rank';
  const pg = groupArg(call, g);
  if (pg === NON_GROUP_MEMBER) throw new RangeError(`${call}: group is not a member group`);
  const r = v.int(call, 'group_rank', groupRank);
  for (const [global, local] of groups.get(pg)!.ranks) if (local === r) return global;
  throw new RangeError(`Group rank ${r} is not part of group`);
}

/** `get_process_group_ranks(group)`: the global ranks of the group, in group-rank order. */
export function getProcessGroupRanks(g: ProcessGroup): number[] {
  const pg = groupArg('torch.distributed.get_process_group_ranks', g);
  if (pg === NON_GROUP_MEMBER) return [];
  return [...groups.get(pg)!.ranks.keys()];
}

/** The rank in the group of a global rank (Python's _get_group_rank). */
function groupRank(call: string, pg: ProcessGroup, globalRank: number): number {
  if (pg === WORLD) return globalRank;
  const r = groups.get(pg)!.ranks.get(globalRank);
  if (r === undefined) throw new RangeError(`${call}: The global rank ${globalRank} is not part of the group`);
  return r;
}

/**
 * `new_group(ranks=None, timeout=30 min, backend=None)`: every process of the default group must
 * call it, in the same order; returns NON_GROUP_MEMBER on the ranks outside `ranks`.
 */
export function newGroup(...args: unknown[]): Group {
  const call = 'torch.distributed.new_group';
  const a = v.bindArgs(call, ['ranks', 'timeout', 'backend', 'pgOptions'], args);
  const world = defaultGroup(call);
  const info = groups.get(world)!;
  const globalRank = world.rank();
  const globalSize = world.size();
  const timeout = timeoutArg(call, a.timeout, defaultPgTimeout);
  const backend = a.backend === undefined || a.backend === null ? info.backend : v.str(call, 'backend', a.backend).toLowerCase();
  if (a.pgOptions !== undefined) throw new TypeError(`${call}: pg_options is not supported`);
  let ranks: number[];
  let rank: number | null;
  if (a.ranks !== undefined && a.ranks !== null) {
    ranks = v.ints(call, 'ranks', a.ranks).sort((x, y) => x - y);
    if (ranks.length > globalSize) throw new RangeError("the new group's world size should be less or equal to the world size set by init_process_group");
    for (const r of ranks) if (r < 0 || r >= globalSize) throw new RangeError("The new group's rank should be within the the world_size set by init_process_group");
    rank = ranks.includes(globalRank) ? ranks.indexOf(globalRank) : null;
  } else {
    ranks = Array.from({ length: globalSize }, (_, i) => i);
    rank = globalRank;
  }
  const pg = newGroupHelper(call, ranks.length, rank, ranks, backend, info.store, timeout, '');
  if (pg !== NON_GROUP_MEMBER) groups.get(pg)!.ranks = new Map(ranks.map((g, i) => [g, i]));
  if (!torch2()) storeBasedBarrier(globalRank, info.store, globalSize, timeout);
  if (pg !== NON_GROUP_MEMBER) native.distGroupSetSequenceNumber(pg[groupHandle]);
  return pg;
}

/** `destroy_process_group(group=None)`: the default group (and every other) when group is omitted. */
export function destroyProcessGroup(g?: Group | null): void {
  const call = 'torch.distributed.destroy_process_group';
  if (g === NON_GROUP_MEMBER) return;
  if (g === undefined || g === null || g === WORLD) {
    if (!WORLD) throw new TorchError('Invalid process group specified');
    resetState();
    return;
  }
  if (!(g instanceof ProcessGroup) || !groups.has(g)) throw new TorchError('Invalid process group specified');
  groups.delete(g);
  void call;
}

/** The init method of the default group ('env://', 'tcp://...', null for a store). */
export function getInitMethod(): string | null {
  return defaultInitMethod;
}

// ---- collectives

interface CollectiveOptions {
  group?: Group | null;
  asyncOp?: boolean;
}

function describeCall(call: string, pg: ProcessGroup): string {
  return `${call} failed on rank ${pg.rank()} of ${pg.size()} (a peer process may have exited, or the timeout passed)`;
}

function finish(call: string, pg: ProcessGroup, work: unknown, asyncOp: boolean, after?: () => void): Work | undefined {
  const w = new Work(work, after, describeCall(call, pg));
  if (asyncOp) return w;
  w.wait();
  return undefined;
}

function common(call: string, a: Record<string, unknown>): { pg: Group; asyncOp: boolean } {
  const pg = groupArg(call, a.group);
  const asyncOp = a.asyncOp === undefined ? false : v.bool(call, 'async_op', a.asyncOp);
  return { pg, asyncOp };
}

function opArg(call: string, op: unknown): ReduceOp {
  if (op === undefined) return ReduceOp.SUM;
  if (!(op instanceof ReduceOp)) throw argError(call, 'op', 'a torch.distributed.ReduceOp', op);
  return op;
}

function tensorList(call: string, name: string, x: unknown): Tensor[] {
  if (!Array.isArray(x)) throw argError(call, name, 'an array of Tensors', x);
  return x.map((t, i) => tensorArg(call, `${name}[${i}]`, t));
}

function warnNotInGroup(call: string): undefined {
  process.emitWarning(`Running ${call.replace('torch.distributed.', '')} on global rank ${WORLD ? WORLD.rank() : -1} which does not belong to the given group.`);
  return undefined;
}

/** `all_reduce(tensor, op=SUM, group=None, async_op=False)`: tensor becomes the reduction over the group, in place. */
export function allReduce(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.all_reduce';
  const a = v.bindArgs(call, ['tensor', 'op', 'group', 'asyncOp'], [tensor, ...rest]);
  const t = tensorArg(call, 'tensor', a.tensor);
  const op = opArg(call, a.op);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distAllreduce(pg[groupHandle], [t], op.code), asyncOp);
}

/** `all_reduce_coalesced(tensors, op=SUM, group=None, async_op=False)` */
export function allReduceCoalesced(tensors: Tensor[], ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.all_reduce_coalesced';
  const a = v.bindArgs(call, ['tensors', 'op', 'group', 'asyncOp'], [tensors, ...rest]);
  const ts = tensorList(call, 'tensors', a.tensors);
  const op = opArg(call, a.op);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distAllreduceCoalesced(pg[groupHandle], ts, op.code), asyncOp);
}

/** `reduce(tensor, dst, op=SUM, group=None, async_op=False)`: the reduction lands in dst's tensor. */
export function reduce(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.reduce';
  const a = v.bindArgs(call, ['tensor', 'dst', 'op', 'group', 'asyncOp'], [tensor, ...rest]);
  const t = tensorArg(call, 'tensor', a.tensor);
  const dst = v.int(call, 'dst', a.dst, 0);
  const op = opArg(call, a.op);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distReduce(pg[groupHandle], [t], groupRank(call, pg, dst), op.code), asyncOp);
}

/** `broadcast(tensor, src, group=None, async_op=False)`: src's tensor is copied into every rank's. */
export function broadcast(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.broadcast';
  const a = v.bindArgs(call, ['tensor', 'src', 'group', 'asyncOp'], [tensor, ...rest]);
  const t = tensorArg(call, 'tensor', a.tensor);
  const src = v.int(call, 'src', a.src, 0);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distBroadcast(pg[groupHandle], [t], groupRank(call, pg, src)), asyncOp);
}

/** `all_gather(tensor_list, tensor, group=None, async_op=False)`: tensor_list[i] gets rank i's tensor. */
export function allGather(tensorListArg: Tensor[], tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.all_gather';
  const a = v.bindArgs(call, ['tensorList', 'tensor', 'group', 'asyncOp'], [tensorListArg, tensor, ...rest]);
  const outs = tensorList(call, 'tensor_list', a.tensorList);
  const t = tensorArg(call, 'tensor', a.tensor);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distAllgather(pg[groupHandle], [outs], [t]), asyncOp);
}

/** `all_gather_into_tensor(output_tensor, input_tensor, group=None, async_op=False)`: concatenated along dim 0. */
export function allGatherIntoTensor(output: Tensor, input: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.all_gather_into_tensor';
  const a = v.bindArgs(call, ['outputTensor', 'inputTensor', 'group', 'asyncOp'], [output, input, ...rest]);
  const out = tensorArg(call, 'output_tensor', a.outputTensor);
  const inp = tensorArg(call, 'input_tensor', a.inputTensor);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  const n = pg.size();
  if (out.numel() !== inp.numel() * n) throw new RangeError(`${call}: output_tensor must have world_size (${n}) times the elements of input_tensor`);
  const chunks = out.view(n, -1).unbind(0).map((c) => c.view(inp.shape));
  return finish(call, pg, native.distAllgather(pg[groupHandle], [chunks], [inp]), asyncOp);
}

/** `gather(tensor, gather_list=None, dst=0, group=None, async_op=False)`: gather_list only on dst. */
export function gather(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.gather';
  const a = v.bindArgs(call, ['tensor', 'gatherList', 'dst', 'group', 'asyncOp'], [tensor, ...rest]);
  const t = tensorArg(call, 'tensor', a.tensor);
  const dst = a.dst === undefined ? 0 : v.int(call, 'dst', a.dst, 0);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  const me = getRank();
  const list = a.gatherList === undefined || a.gatherList === null ? [] : tensorList(call, 'gather_list', a.gatherList);
  if (me === dst) {
    if (a.gatherList === undefined || a.gatherList === null) throw new TypeError('Argument ``gather_list`` must be specified on destination rank.');
  } else if (list.length) {
    throw new TypeError('Argument ``gather_list`` must NOT be specified on non-destination ranks.');
  }
  const outputs = me === dst ? [list] : [];
  return finish(call, pg, native.distGather(pg[groupHandle], outputs, [t], groupRank(call, pg, dst)), asyncOp);
}

/** `scatter(tensor, scatter_list=None, src=0, group=None, async_op=False)`: scatter_list only on src. */
export function scatter(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.scatter';
  const a = v.bindArgs(call, ['tensor', 'scatterList', 'src', 'group', 'asyncOp'], [tensor, ...rest]);
  const t = tensorArg(call, 'tensor', a.tensor);
  const src = a.src === undefined ? 0 : v.int(call, 'src', a.src, 0);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  const me = getRank();
  const list = a.scatterList === undefined || a.scatterList === null ? [] : tensorList(call, 'scatter_list', a.scatterList);
  if (me === src) {
    if (a.scatterList === undefined || a.scatterList === null) throw new TypeError('Argument ``scatter_list`` must be specified on source rank.');
  } else if (list.length) {
    throw new TypeError('Argument ``scatter_list`` must NOT be specified on non-source ranks.');
  }
  const inputs = me === src ? [list] : [];
  return finish(call, pg, native.distScatter(pg[groupHandle], [t], inputs, groupRank(call, pg, src)), asyncOp);
}

/**
 * `reduce_scatter(output, input_list, op=SUM, group=None, async_op=False)`: output gets the reduction of
 * every rank's input_list[rank]. libtorch 1.13's Gloo has no reduce_scatter (Python fails there); on
 * Gloo torch-node all-reduces the stacked inputs and keeps its own slice, which gives the same result.
 */
export function reduceScatter(output: Tensor, inputList: Tensor[], ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.reduce_scatter';
  const a = v.bindArgs(call, ['output', 'inputList', 'op', 'group', 'asyncOp'], [output, inputList, ...rest]);
  const out = tensorArg(call, 'output', a.output);
  const ins = tensorList(call, 'input_list', a.inputList);
  const op = opArg(call, a.op);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  if (ins.length !== pg.size()) throw new RangeError(`${call}: input_list must have world_size (${pg.size()}) tensors, got ${ins.length}`);
  if (groups.get(pg)!.backend !== 'gloo') return finish(call, pg, native.distReduceScatter(pg[groupHandle], [out], [ins], op.code), asyncOp);
  for (const [i, t] of ins.entries()) {
    if (t.numel() !== out.numel()) throw new RangeError(`${call}: input_list[${i}] must have as many elements as output (${out.numel()}), got ${t.numel()}`);
  }
  const flat = cat(ins.map((t) => t.reshape(-1)), 0);
  const me = pg.rank();
  return finish(call, pg, native.distAllreduce(pg[groupHandle], [flat], op.code), asyncOp, () => {
    out.copy_(flat.narrow(0, me * out.numel(), out.numel()).view(out.shape));
  });
}

/**
 * `all_to_all_single(output, input, output_split_sizes=None, input_split_sizes=None, group=None,
 * async_op=False)`: input is split along dim 0 (evenly, or by input_split_sizes) and chunk i goes to
 * rank i; output holds the chunks received, in rank order.
 */
export function allToAllSingle(output: Tensor, input: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.all_to_all_single';
  const a = v.bindArgs(call, ['output', 'input', 'outputSplitSizes', 'inputSplitSizes', 'group', 'asyncOp'], [output, input, ...rest]);
  const out = tensorArg(call, 'output', a.output);
  const inp = tensorArg(call, 'input', a.input);
  const outSplits = a.outputSplitSizes === undefined || a.outputSplitSizes === null ? [] : v.ints(call, 'output_split_sizes', a.outputSplitSizes, 0);
  const inSplits = a.inputSplitSizes === undefined || a.inputSplitSizes === null ? [] : v.ints(call, 'input_split_sizes', a.inputSplitSizes, 0);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distAlltoallBase(pg[groupHandle], out, inp, outSplits, inSplits), asyncOp);
}

/**
 * `all_to_all(output_tensor_list, input_tensor_list, group=None, async_op=False)`: input_tensor_list[i]
 * goes to rank i, output_tensor_list[i] comes from rank i. Gloo has only the single-tensor form in
 * libtorch 1.13 (Python fails there); torch-node packs the lists into one tensor each for it.
 */
export function allToAll(outputTensorList: Tensor[], inputTensorList: Tensor[], ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.all_to_all';
  const a = v.bindArgs(call, ['outputTensorList', 'inputTensorList', 'group', 'asyncOp'], [outputTensorList, inputTensorList, ...rest]);
  const outs = tensorList(call, 'output_tensor_list', a.outputTensorList);
  const ins = tensorList(call, 'input_tensor_list', a.inputTensorList);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  const n = pg.size();
  if (outs.length !== n || ins.length !== n) throw new RangeError(`${call}: both lists must have world_size (${n}) tensors, got ${outs.length} and ${ins.length}`);
  if (groups.get(pg)!.backend !== 'gloo') return finish(call, pg, native.distAlltoall(pg[groupHandle], outs, ins), asyncOp);
  const dtype = ins[0].dtype;
  for (const [i, t] of [...ins, ...outs].entries()) {
    if (t.dtype !== dtype) throw new TypeError(`${call}: every tensor must have the dtype of input_tensor_list[0] (${dtype.name}); tensor ${i} is ${t.dtype.name}`);
  }
  const packedIn = cat(ins.map((t) => t.reshape(-1)), 0);
  const packedOut = cat(outs.map((t) => t.reshape(-1)), 0);
  return finish(call, pg, native.distAlltoallBase(pg[groupHandle], packedOut, packedIn, outs.map((t) => t.numel()), ins.map((t) => t.numel())), asyncOp, () => {
    let offset = 0;
    for (const t of outs) {
      t.copy_(packedOut.narrow(0, offset, t.numel()).view(t.shape));
      offset += t.numel();
    }
  });
}

/** `barrier(group=None, async_op=False)`: returns when every rank of the group has called it. */
export function barrier(...args: unknown[]): Work | undefined {
  const call = 'torch.distributed.barrier';
  const a = v.bindArgs(call, ['group', 'asyncOp', 'deviceIds'], args);
  const { pg, asyncOp } = common(call, a);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return finish(call, pg, native.distBarrier(pg[groupHandle]), asyncOp);
}

/**
 * `monitored_barrier(group=None, timeout=None, wait_all_ranks=False)` (Gloo): rank 0 names the ranks
 * that did not reach the barrier within timeout (ms; default the group's).
 */
export function monitoredBarrier(...args: unknown[]): void {
  const call = 'torch.distributed.monitored_barrier';
  const a = v.bindArgs(call, ['group', 'timeout', 'waitAllRanks'], args);
  const pg = groupArg(call, a.group);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  const timeout = timeoutArg(call, a.timeout, defaultPgTimeout);
  const waitAll = a.waitAllRanks === undefined ? false : v.bool(call, 'wait_all_ranks', a.waitAllRanks);
  native.distMonitoredBarrier(pg[groupHandle], timeout, waitAll);
}

function p2p(call: string, args: unknown[], peerName: 'dst' | 'src', send: boolean): { pg: Group; t: Tensor; peer: number | null; tag: number } {
  const a = v.bindArgs(call, ['tensor', peerName, 'group', 'tag'], args);
  const t = tensorArg(call, 'tensor', a.tensor);
  const peerRaw = a[peerName];
  const peer = !send && (peerRaw === undefined || peerRaw === null) ? null : v.int(call, peerName, peerRaw, 0);
  const pg = groupArg(call, a.group);
  const tag = a.tag === undefined ? 0 : v.int(call, 'tag', a.tag);
  if (send && peer === getRank()) throw new RangeError('Invalid destination rank: destination rank should not be the same as the rank of the current process.');
  return { pg, t, peer, tag };
}

/** `isend(tensor, dst, group=None, tag=0)`: a Work. */
export function isend(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.isend';
  const { pg, t, peer, tag } = p2p(call, [tensor, ...rest], 'dst', true);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return new Work(native.distSend(pg[groupHandle], [t], groupRank(call, pg, peer!), tag), undefined, describeCall(call, pg));
}

/** `irecv(tensor, src=None, group=None, tag=0)`: a Work; src omitted receives from any rank. */
export function irecv(tensor: Tensor, ...rest: unknown[]): Work | undefined {
  const call = 'torch.distributed.irecv';
  const { pg, t, peer, tag } = p2p(call, [tensor, ...rest], 'src', false);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  return new Work(peer === null ? native.distRecvAnysource(pg[groupHandle], [t], tag) : native.distRecv(pg[groupHandle], [t], groupRank(call, pg, peer), tag), undefined, describeCall(call, pg));
}

/** `send(tensor, dst, group=None, tag=0)`: blocks until sent. */
export function send(tensor: Tensor, ...rest: unknown[]): void {
  const call = 'torch.distributed.send';
  const { pg, t, peer, tag } = p2p(call, [tensor, ...rest], 'dst', true);
  if (pg === NON_GROUP_MEMBER) return warnNotInGroup(call);
  new Work(native.distSend(pg[groupHandle], [t], groupRank(call, pg, peer!), tag), undefined, describeCall(call, pg)).wait();
}

/** `recv(tensor, src=None, group=None, tag=0)`: blocks until received; returns the sender's rank (-1 outside the group). */
export function recv(tensor: Tensor, ...rest: unknown[]): number {
  const call = 'torch.distributed.recv';
  const { pg, t, peer, tag } = p2p(call, [tensor, ...rest], 'src', false);
  if (pg === NON_GROUP_MEMBER) {
    warnNotInGroup(call);
    return -1;
  }
  if (peer === null) {
    const w = new Work(native.distRecvAnysource(pg[groupHandle], [t], tag), undefined, describeCall(call, pg));
    w.wait();
    const src = w.sourceRank();
    if (pg === WORLD) return src;
    for (const [global, local] of groups.get(pg)!.ranks) if (local === src) return global;
    return src;
  }
  new Work(native.distRecv(pg[groupHandle], [t], groupRank(call, pg, peer), tag), undefined, describeCall(call, pg)).wait();
  return peer;
}

// ---- for nn.parallel.DistributedDataParallel

/** @internal The native process group of a group (DDP's Reducer is built on it). */
export function _nativeGroup(g: ProcessGroup): unknown {
  return g[groupHandle];
}
/** @internal Python's _get_default_group(). */
export function _getDefaultGroup(call: string): ProcessGroup {
  return defaultGroup(call);
}
/** @internal Python's groupArg check for a DDP's process_group. */
export function _groupArg(call: string, g: unknown): Group {
  return groupArg(call, g);
}
