// torch.nn.DataParallel (torch/nn/parallel/data_parallel.py, 1.13). Without CUDA, Python's DataParallel
// only holds the module (device_ids = []) and forward calls it: the state dict gains the `module.`
// prefix and nothing else changes, so CPU code written with DataParallel ports as is. On one GPU the
// module is moved there and each input tensor is copied to it (an autograd-tracked copy, as Scatter
// of one chunk). Replicating the module over several GPUs (replicate / parallel_apply / gather) is not
// implemented: that case asks for one device id, or DistributedDataParallel.
import { Tensor } from '../../tensor';
import { Device } from '../../device';
import { NotImplementedError, TorchError, argError } from '../../errors';
import * as cuda from '../../cuda';
import * as v from '../../validate';
import { Module } from '../module';

export interface DataParallelOptions {
  deviceIds?: (number | string | Device)[] | null;
  outputDevice?: number | string | Device | null;
  dim?: number;
}

// Python's _get_device_index(x, optional=True) for a CUDA device: an index, 'cuda:1', or torch.device.
function deviceIndex(call: string, name: string, x: unknown): number {
  if (typeof x === 'number') return v.int(call, name, x, 0);
  let d: Device | undefined;
  try { d = x instanceof Device ? x : typeof x === 'string' ? new Device(x) : undefined; } catch { d = undefined; }
  if (!d || d.type !== 'cuda') throw argError(call, name, "a CUDA device index, 'cuda:N' or a torch.device('cuda', N)", x);
  return d.index ?? 0;
}

// Python's scatter_map for one device: tensors copied there, arrays and plain objects mapped, the rest as is.
function toDevice(x: unknown, device: Device): unknown {
  if (x instanceof Tensor) return x.to(device);
  if (Array.isArray(x)) return x.map((e) => toDevice(e, device));
  if (v.isPlainObject(x)) return Object.fromEntries(Object.entries(x).map(([k, e]) => [k, toDevice(e, device)]));
  return x;
}

/**
 * `DataParallel(module, device_ids=None, output_device=None, dim=0)`: `new nn.DataParallel(model)`,
 * then `dp.forward(x)` as the module's.
 */
export class DataParallel extends Module {
  module!: Module;
  declare readonly deviceIds: number[];
  declare readonly outputDevice: number | undefined;
  declare readonly dim: number | undefined;

  constructor(module: Module, ...rest: (DataParallelOptions | DataParallelOptions['deviceIds'] | DataParallelOptions['outputDevice'] | number | undefined)[]) {
    super();
    const call = 'torch.nn.DataParallel';
    const a = v.bindArgs(call, ['module', 'deviceIds', 'outputDevice', 'dim'], [module, ...rest]);
    if (!(a.module instanceof Module)) throw argError(call, 'module', 'an nn.Module', a.module);
    const define = (k: string, x: unknown) => Object.defineProperty(this, k, { value: x, writable: true, configurable: true, enumerable: false });
    if (!cuda.isAvailable()) {
      // Python's device_type is None: the arguments other than the module are not looked at.
      this.module = a.module;
      define('deviceIds', []);
      return;
    }
    const ids = a.deviceIds === undefined || a.deviceIds === null
      ? Array.from({ length: cuda.deviceCount() }, (_, i) => i)
      : (Array.isArray(a.deviceIds) ? a.deviceIds : (() => { throw argError(call, 'device_ids', 'an array of CUDA devices', a.deviceIds); })()).map((x, i) => deviceIndex(call, `device_ids[${i}]`, x));
    if (ids.length === 0) throw argError(call, 'device_ids', 'a non-empty array', ids, 'range');
    if (ids.length > 1) {
      throw new NotImplementedError(`${call}: replicating a module over ${ids.length} GPUs is not implemented in torch-node; pass deviceIds: [${ids[0]}], or run one process per GPU with nn.parallel.DistributedDataParallel (as PyTorch recommends)`);
    }
    define('deviceIds', ids);
    define('outputDevice', a.outputDevice === undefined || a.outputDevice === null ? ids[0] : deviceIndex(call, 'output_device', a.outputDevice));
    define('dim', a.dim === undefined ? 0 : v.int(call, 'dim', a.dim));
    this.module = a.module;
    this.module.to(new Device('cuda', ids[0]));
  }

  /** Python's DataParallel.forward. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override forward(...inputs: any[]): any {
    if (this.deviceIds.length === 0) return this.module.forward(...inputs);
    const src = new Device('cuda', this.deviceIds[0]);
    for (const t of [...this.module.parameters(), ...this.module.buffers()]) {
      if (t.device.type !== src.type || (t.device.index ?? 0) !== src.index) {
        throw new TorchError(`module must have its parameters and buffers on device ${src} (device_ids[0]) but found one of them on device: ${t.device}`);
      }
    }
    return this.module.forward(...(toDevice(inputs, src) as unknown[]));
  }
}
