// torch.distributed's key-value stores (c10d's TCPStore, FileStore, HashStore, PrefixStore): the
// rendezvous of a process group. Values are bytes (Buffer); a string is stored as its UTF-8 bytes,
// as Python stores a str.
import { native } from '../native';
import { argError, TorchError } from '../errors';
import * as v from '../validate';

/** The store a handle came from, for process-group creation. */
export const storeHandle = Symbol('torch.distributed.Store handle');

function bytes(call: string, name: string, x: unknown): Buffer {
  if (typeof x === 'string') return Buffer.from(x, 'utf8');
  if (Buffer.isBuffer(x)) return x;
  if (x instanceof Uint8Array) return Buffer.from(x.buffer, x.byteOffset, x.byteLength);
  throw argError(call, name, 'a string, Buffer or Uint8Array', x);
}

function keys(call: string, x: unknown): string[] {
  if (!Array.isArray(x)) throw argError(call, 'keys', 'an array of strings', x);
  return x.map((k, i) => v.str(call, `keys[${i}]`, k));
}

function ms(call: string, name: string, x: unknown): number {
  const n = v.finite(call, name, x);
  if (n < 0) throw argError(call, name, 'a non-negative number of milliseconds', x, 'range');
  return Math.round(n);
}

/** c10d::Store: set/get/add/wait/deleteKey/numKeys. Durations are milliseconds. */
export class Store {
  /** @internal */
  readonly [storeHandle]: unknown;

  protected constructor(handle: unknown) {
    this[storeHandle] = handle;
  }

  /** `set(key, value)`: value is a string (stored as UTF-8) or bytes. */
  set(key: string, value: string | Uint8Array): void {
    native.distStoreSet(this[storeHandle], v.str('torch.distributed.Store.set', 'key', key), bytes('torch.distributed.Store.set', 'value', value));
  }

  /** `get(key)`: the value's bytes; waits up to the store's timeout for the key to be set. */
  get(key: string): Buffer {
    return native.distStoreGet(this[storeHandle], v.str('torch.distributed.Store.get', 'key', key));
  }

  /** `add(key, amount)`: adds to the integer stored at key (0 when absent) and returns the sum. */
  add(key: string, amount: number): number {
    const call = 'torch.distributed.Store.add';
    return native.distStoreAdd(this[storeHandle], v.str(call, 'key', key), v.int(call, 'amount', amount));
  }

  /** `compare_set(key, expected_value, desired_value)`: the value after the operation. */
  compareSet(key: string, expectedValue: string | Uint8Array, desiredValue: string | Uint8Array): Buffer {
    const call = 'torch.distributed.Store.compare_set';
    return native.distStoreCompareSet(this[storeHandle], v.str(call, 'key', key), bytes(call, 'expected_value', expectedValue), bytes(call, 'desired_value', desiredValue));
  }

  /** `wait(keys, timeout?)`: blocks until every key is set, or throws after timeout (ms; default the store's). */
  wait(keyList: string[], timeout?: number): void {
    const call = 'torch.distributed.Store.wait';
    native.distStoreWait(this[storeHandle], keys(call, keyList), timeout === undefined ? null : ms(call, 'timeout', timeout));
  }

  /** `check(keys)`: whether every key is set, without waiting. */
  check(keyList: string[]): boolean {
    return native.distStoreCheck(this[storeHandle], keys('torch.distributed.Store.check', keyList));
  }

  /** `delete_key(key)`: whether the key existed. */
  deleteKey(key: string): boolean {
    return native.distStoreDeleteKey(this[storeHandle], v.str('torch.distributed.Store.delete_key', 'key', key));
  }

  /** `num_keys()`: the number of keys set (TCPStore counts its own bookkeeping key too, as in Python). */
  numKeys(): number {
    return native.distStoreNumKeys(this[storeHandle]);
  }

  /** `set_timeout(timeout)` in milliseconds. */
  setTimeout(timeout: number): void {
    native.distStoreSetTimeout(this[storeHandle], ms('torch.distributed.Store.set_timeout', 'timeout', timeout));
  }

  /** The store's timeout in milliseconds (Python's `timeout` property). */
  get timeout(): number {
    return native.distStoreTimeout(this[storeHandle]);
  }
}

/**
 * `TCPStore(host_name, port, world_size=None, is_master=False, timeout=300 s, wait_for_workers=True,
 * multi_tenant=False)`: the master (server) listens on port; every process connects to it.
 */
export class TCPStore extends Store {
  constructor(hostName: string, port: number, ...rest: unknown[]) {
    const call = 'torch.distributed.TCPStore';
    const a = v.bindArgs(call, ['hostName', 'port', 'worldSize', 'isMaster', 'timeout', 'waitForWorkers', 'multiTenant'], [hostName, port, ...rest]);
    const host = v.str(call, 'host_name', a.hostName);
    const p = v.int(call, 'port', a.port, 0);
    if (p > 65535) throw argError(call, 'port', 'an integer in [0, 65535]', p, 'range');
    const worldSize = v.optInt(call, 'world_size', a.worldSize, 1);
    const isMaster = a.isMaster === undefined ? false : v.bool(call, 'is_master', a.isMaster);
    const timeout = a.timeout === undefined ? 300_000 : ms(call, 'timeout', a.timeout);
    const wait = a.waitForWorkers === undefined ? true : v.bool(call, 'wait_for_workers', a.waitForWorkers);
    const multiTenant = a.multiTenant === undefined ? false : v.bool(call, 'multi_tenant', a.multiTenant);
    let handle: unknown;
    try {
      handle = native.distTCPStore(host, p, worldSize ?? null, isMaster, timeout, wait, multiTenant);
    } catch (e) {
      if (isMaster && /address already in use|errno: 98/i.test(String((e as Error).message))) {
        throw new TorchError(
          `torch.distributed.TCPStore: port ${p} on ${host} is already in use (another job's master, or a previous run still exiting); choose another MASTER_PORT / --master-port. libtorch: ${(e as Error).message}`,
        );
      }
      throw e;
    }
    super(handle);
  }

  /** The port the store listens on (the master) or connects to. */
  get port(): number {
    return native.distTCPStorePort(this[storeHandle]);
  }
}

/** `FileStore(file_name, world_size=-1)`: a store in a file that every process can open. */
export class FileStore extends Store {
  constructor(fileName: string, worldSize: number = -1) {
    const call = 'torch.distributed.FileStore';
    super(native.distFileStore(v.str(call, 'file_name', fileName), v.int(call, 'world_size', worldSize, -1)));
  }
}

/** `HashStore()`: a store in this process's memory (threads of one process). */
export class HashStore extends Store {
  constructor() {
    super(native.distHashStore());
  }
}

/** `PrefixStore(prefix, store)`: every key becomes `${prefix}/${key}` in store. */
export class PrefixStore extends Store {
  readonly underlyingStore: Store;
  constructor(prefix: string, store: Store) {
    const call = 'torch.distributed.PrefixStore';
    if (!(store instanceof Store)) throw argError(call, 'store', 'a torch.distributed.Store', store);
    super(native.distPrefixStore(v.str(call, 'prefix', prefix), store[storeHandle]));
    this.underlyingStore = store;
  }
}
