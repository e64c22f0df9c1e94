// torch.nn.parallel.DistributedDataParallel (1.13's distributed.py) on libtorch's own c10d::Reducer,
// the engine under Python's DDP: at construction the parameters are checked across ranks and rank 0's
// parameters and buffers are broadcast; the Reducer hooks every parameter's gradient accumulator,
// packs gradients into buckets (25 MB, the last-defined parameters first) and all-reduces each bucket
// as soon as its gradients are ready, while backward still runs; backward returns with the averaged
// gradients in p.grad. The collectives come in Python's order, so Node and Python ranks can train one
// model together. Unlike Python 1.13 ("SyncBatchNorm layers only work with GPU modules"), a CPU model
// may hold nn.SyncBatchNorm layers: torch-node synchronizes their statistics over Gloo.
import { native } from '../../native';
import { Tensor } from '../../tensor';
import { isGradEnabled, noGrad } from '../../autograd';
import { argError } from '../../errors';
import * as v from '../../validate';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { SyncBatchNorm } from '../modules/batchnorm';
import * as dist from '../../distributed/distributed_c10d';

/** Python's dist._DEFAULT_FIRST_BUCKET_BYTES */
const DEFAULT_FIRST_BUCKET_BYTES = 1024 * 1024;
/** Python's sys.maxsize */
const MAXSIZE = 9223372036854775807n;

export interface DistributedDataParallelOptions {
  deviceIds?: number[] | null;
  outputDevice?: number | null;
  dim?: number;
  broadcastBuffers?: boolean;
  processGroup?: dist.ProcessGroup | null;
  bucketCapMb?: number;
  findUnusedParameters?: boolean;
  checkReduction?: boolean;
  gradientAsBucketView?: boolean;
  staticGraph?: boolean;
}

// Python's _find_tensors: every tensor in a (nested) output.
function findTensors(x: unknown, out: Tensor[] = [], seen = new Set<unknown>()): Tensor[] {
  if (x instanceof Tensor) out.push(x);
  else if (x !== null && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    if (Array.isArray(x)) for (const e of x) findTensors(e, out, seen);
    else if (x instanceof Map) for (const e of x.values()) findTensors(e, out, seen);
    else if (v.isPlainObject(x)) for (const e of Object.values(x)) findTensors(e, out, seen);
  }
  return out;
}

/**
 * `DistributedDataParallel(module, device_ids=None, output_device=None, dim=0, broadcast_buffers=True,
 * process_group=None, bucket_cap_mb=25, find_unused_parameters=False, check_reduction=False,
 * gradient_as_bucket_view=False, static_graph=False)`. Call `ddp.forward(x)` as the module's.
 */
export class DistributedDataParallel extends Module {
  module!: Module;
  declare readonly processGroup: dist.ProcessGroup;
  declare readonly broadcastBuffers: boolean;
  declare readonly findUnusedParameters: boolean;
  declare readonly gradientAsBucketView: boolean;
  declare readonly bucketBytesCap: number;
  declare readonly broadcastBucketSize: number;
  declare readonly dim: number;
  declare readonly deviceIds: number[] | null;
  declare readonly outputDevice: number | null;
  /** false inside noSync(): backward accumulates gradients locally */
  declare requireBackwardGradSync: boolean;
  declare requireForwardParamSync: boolean;
  declare numIterations: number;
  declare private _reducer: unknown;
  declare private _hasRebuiltBuckets: boolean;
  declare private _moduleBuffers: Tensor[];

  constructor(module: Module, ...rest: unknown[]) {
    super();
    const call = 'torch.nn.parallel.DistributedDataParallel';
    const a = v.bindArgs(
      call,
      ['module', 'deviceIds', 'outputDevice', 'dim', 'broadcastBuffers', 'processGroup', 'bucketCapMb', 'findUnusedParameters', 'checkReduction', 'gradientAsBucketView', 'staticGraph'],
      [module, ...rest],
    );
    if (!(a.module instanceof Module)) throw argError(call, 'module', 'an nn.Module', a.module);
    const m = a.module;
    if (![...m.parameters()].some((p) => p.requiresGrad)) {
      throw new TypeError("DistributedDataParallel is not needed when a module doesn't have any parameter that requires a gradient.");
    }
    const deviceTypes = new Set([...m.parameters()].map((p) => p.device.type));
    if (deviceTypes.size !== 1) throw new RangeError(`DistributedDataParallel's input module must be on the same type of devices, but input module parameters locate in ${[...deviceTypes].join(', ')}.`);
    const deviceIds = a.deviceIds === undefined || a.deviceIds === null ? null : v.ints(call, 'device_ids', a.deviceIds, 0);
    if (deviceIds && deviceIds.length > 1) throw new RangeError('device_ids can only be None or contain a single element.');
    const outputDevice = a.outputDevice === undefined || a.outputDevice === null ? null : v.int(call, 'output_device', a.outputDevice, 0);
    const cpu = deviceTypes.has('cpu');
    if (cpu && ((deviceIds && deviceIds.length) || outputDevice !== null)) {
      throw new RangeError('DistributedDataParallel device_ids and output_device arguments only work with single-device/multiple-device GPU modules or CPU modules, but got device_ids ' + JSON.stringify(deviceIds) + ', output_device ' + outputDevice + ', and module parameters on cpu.');
    }
    const pg = a.processGroup === undefined || a.processGroup === null ? dist._getDefaultGroup(call) : dist._groupArg(call, a.processGroup);
    if (pg === dist.NON_GROUP_MEMBER) throw argError(call, 'process_group', 'a group this rank belongs to', 'NON_GROUP_MEMBER');
    const bool = (name: string, x: unknown, d: boolean) => (x === undefined ? d : v.bool(call, name, x));
    const bucketCapMb = a.bucketCapMb === undefined ? 25 : v.finite(call, 'bucket_cap_mb', a.bucketCapMb);
    if (bucketCapMb <= 0) throw argError(call, 'bucket_cap_mb', 'a positive number', bucketCapMb, 'range');
    const staticGraph = bool('static_graph', a.staticGraph, false);
    if (staticGraph) throw new TypeError(`${call}: static_graph=True is not supported by torch-node`);
    if (a.checkReduction) process.emitWarning('The `check_reduction` argument in `DistributedDataParallel` module is deprecated. Please avoid using it.');
    const fields: Record<string, unknown> = {
      processGroup: pg,
      broadcastBuffers: bool('broadcast_buffers', a.broadcastBuffers, true),
      findUnusedParameters: bool('find_unused_parameters', a.findUnusedParameters, false),
      gradientAsBucketView: bool('gradient_as_bucket_view', a.gradientAsBucketView, false),
      bucketBytesCap: Math.trunc(bucketCapMb * 1024 * 1024),
      broadcastBucketSize: 250 * 1024 * 1024,
      dim: a.dim === undefined ? 0 : v.int(call, 'dim', a.dim),
      deviceIds: null,
      outputDevice: null,
      requireBackwardGradSync: true,
      requireForwardParamSync: true,
      numIterations: 0,
      _hasRebuiltBuckets: false,
    };
    for (const [k, x] of Object.entries(fields)) Object.defineProperty(this, k, { value: x, writable: true, configurable: true, enumerable: false });
    this.module = m;

    // _build_params_for_reducer: each module's own trainable parameters, in named_modules order, once each
    const params: Parameter[] = [];
    const expectSparse: boolean[] = [];
    const seen = new Set<Tensor>();
    for (const [, sub] of m.namedModules()) {
      for (const [, p] of sub.namedParameters({ recurse: false })) {
        if (!p.requiresGrad || seen.has(p)) continue;
        seen.add(p);
        params.push(p);
        const name = sub.constructor.name;
        expectSparse.push((name === 'Embedding' || name === 'EmbeddingBag') && (sub as unknown as { sparse?: boolean }).sparse === true);
      }
    }
    this._assignModuleBuffers();
    const group = dist._nativeGroup(pg);
    // _verify_param_shape_across_processes, then _sync_module_states from rank 0
    native.distVerifyParams(group, params);
    const states = [...[...m.namedParameters()].map(([, p]) => p.detach()), ...[...m.namedBuffers()].map(([, b]) => b.detach())];
    if (states.length) native.distBroadcastCoalesced(group, states, this.broadcastBucketSize, 0);
    // _ddp_init_helper
    const limits = this.findUnusedParameters ? [DEFAULT_FIRST_BUCKET_BYTES, this.bucketBytesCap] : [MAXSIZE];
    const [buckets, perBucketLimits] = native.distComputeBucketAssignment(params, limits, expectSparse) as [number[][], bigint[]];
    const reducer = native.distReducerNew(
      params,
      [...buckets].reverse(),
      [...perBucketLimits].reverse(),
      group,
      expectSparse,
      this.bucketBytesCap,
      this.findUnusedParameters,
      this.gradientAsBucketView,
      DEFAULT_FIRST_BUCKET_BYTES,
      m.constructor.name,
      this.broadcastBuffers,
      [...m.modules()].some((x) => x instanceof SyncBatchNorm), // has_sync_bn, for the Logger
      false,
    );
    Object.defineProperty(this, '_reducer', { value: reducer, writable: false, configurable: true, enumerable: false });
  }

  private _assignModuleBuffers(): void {
    Object.defineProperty(this, '_moduleBuffers', { value: [...this.module.namedBuffers()].map(([, b]) => b), writable: true, configurable: true, enumerable: false });
  }

  /** Runs the wrapped module's forward, with DDP's bookkeeping before and after (as Python's forward). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override forward(...inputs: any[]): any {
    const grad = isGradEnabled();
    if (grad && this.requireBackwardGradSync) {
      this.numIterations++;
      native.distReducerPrepareForForward(this._reducer);
    }
    if (grad && native.distReducerRebuildBuckets(this._reducer)) this._hasRebuiltBuckets = true;
    if (this.requireForwardParamSync && this.broadcastBuffers) {
      this._assignModuleBuffers();
      if (this._moduleBuffers.length) {
        const group = dist._nativeGroup(this.processGroup);
        noGrad(() => native.distBroadcastCoalesced(group, this._moduleBuffers, this.broadcastBucketSize, 0));
      }
    }
    const output = this.module.forward(...inputs);
    if (grad && this.requireBackwardGradSync) {
      this.requireForwardParamSync = true;
      native.distReducerPrepareForBackward(this._reducer, this.findUnusedParameters ? findTensors(output) : []);
    } else {
      this.requireForwardParamSync = false;
    }
    return output;
  }

  /**
   * `no_sync()`: inside fn, backward accumulates gradients without all-reducing them; the first
   * forward/backward after it synchronizes the sum. fn may be async (the flag is restored when its
   * promise settles). Returns fn's result.
   */
  noSync<T>(fn: () => T): T {
    const f = v.func('torch.nn.parallel.DistributedDataParallel.no_sync', 'fn', fn) as () => T;
    const old = this.requireBackwardGradSync;
    this.requireBackwardGradSync = false;
    let result: T;
    try {
      result = f();
    } catch (e) {
      this.requireBackwardGradSync = old;
      throw e;
    }
    if (result instanceof Promise) {
      return result.finally(() => {
        this.requireBackwardGradSync = old;
      }) as T;
    }
    this.requireBackwardGradSync = old;
    return result;
  }

  /**
   * `_get_ddp_logging_data()`: what c10d's Logger recorded (bucket_sizes, rebuilt_bucket_sizes once the
   * buckets were rebuilt in gradient-ready order, bucket_cap_bytes, ...), string and integer fields in
   * one object as Python's dict. The runtime fields are sampled at Python's iterations.
   */
  _getDdpLoggingData(): Record<string, string | number> {
    return native.distReducerLoggingData(this._reducer);
  }

  protected override _getName(): string {
    return 'DistributedDataParallel';
  }
}
