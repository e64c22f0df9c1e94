// torch/jit/_serialization.py: torch.jit.load and torch.jit.save. libtorch reads and writes the
// TorchScript archive (native/jit.cc); ScriptModule.save writes the file atomically, as torch.save does.
import * as fs from 'node:fs';
import { native } from '../native';
import { TorchError, argError } from '../errors';
import { DeviceLike, toDevice } from '../device';
import { RecursiveScriptModule, ScriptModule } from './_script';
import * as v from '../validate';

export interface JitLoadOptions {
  /** Where the module's tensors go: a device or device string ('cpu'); by default where they were saved. */
  mapLocation?: DeviceLike | null;
}

/** The checked arguments of torch.jit.load / loadAsync: what libtorch reads, how errors name it, and the device. */
function loadArgs(call: string, f: string | Uint8Array, mapLocation: DeviceLike | null | JitLoadOptions | undefined): { source: string | Buffer; what: string; device: string | null } {
  const a = v.bindArgs(call, ['mapLocation'], [mapLocation]);
  let device: string | null = null;
  if (a.mapLocation !== undefined && a.mapLocation !== null) {
    try {
      device = String(toDevice(a.mapLocation as DeviceLike));
    } catch {
      throw argError(call, 'map_location', "a device such as 'cpu' or a torch.device", a.mapLocation);
    }
  }
  if (typeof f === 'string') {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(f);
    } catch {
      throw new Error(`${call}: The provided filename ${f} does not exist`);
    }
    if (stat.isDirectory()) throw new Error(`${call}: The provided filename ${f} is a directory`);
    return { source: f, what: f, device };
  }
  if (f instanceof Uint8Array) {
    return { source: Buffer.isBuffer(f) ? f : Buffer.from(f.buffer, f.byteOffset, f.byteLength), what: `a buffer of ${f.byteLength} bytes`, device };
  }
  throw argError(call, 'f', 'a file path or a Buffer', f);
}

const corrupt = (call: string, what: string, message: string): TorchError =>
  new TorchError(`${call}: ${what} is not a TorchScript module file or is corrupt: ${message}`);

/**
 * `torch.jit.load(f, map_location=None)`: a file torch.jit.save (Python's or torch-node's) wrote, by
 * path or as a Buffer/Uint8Array of its bytes. Gives a RecursiveScriptModule.
 */
export function load(f: string | Uint8Array, mapLocation?: DeviceLike | null | JitLoadOptions): RecursiveScriptModule {
  const call = 'torch.jit.load';
  const { source, what, device } = loadArgs(call, f, mapLocation);
  let handle: object;
  try {
    handle = native.jitLoad(source, device);
  } catch (e) {
    throw corrupt(call, what, (e as Error).message);
  }
  return new RecursiveScriptModule(handle);
}

/**
 * torch.jit.load's Promise twin: the file is read and the module built on libuv's thread pool, so a
 * server keeps answering while a large model loads. Argument errors reject the Promise.
 */
export async function loadAsync(f: string | Uint8Array, mapLocation?: DeviceLike | null | JitLoadOptions): Promise<RecursiveScriptModule> {
  const call = 'torch.jit.loadAsync';
  const { source, what, device } = loadArgs(call, f, mapLocation);
  let handle: object;
  try {
    handle = await native.jitLoadAsync(source, device);
  } catch (e) {
    throw corrupt(call, what, e instanceof Error ? e.message : String(e));
  }
  return new RecursiveScriptModule(handle);
}

/** `torch.jit.save(m, f)`: `m.save(f)`, the file Python's torch.jit.load reads. */
export function save(m: ScriptModule, f: string): void {
  const call = 'torch.jit.save';
  if (!(m instanceof ScriptModule)) throw argError(call, 'm', 'a ScriptModule (from torch.jit.load)', m);
  v.str(call, 'f', f);
  m.save(f);
}
