// The two formats before the zip archive, as torch/serialization.py's _legacy_load reads them:
// - the legacy stream (torch 0.4 - 1.5, and `_use_new_zipfile_serialization=False`): pickles of
//   the magic number, the protocol version and sys_info, then the object, then the sorted list of
//   storage keys, then each storage as an int64 element count and its raw bytes (not aligned);
// - the tar archive of torch < 0.4: members 'storages', 'tensors' and 'pickle'.
import { FormatError, PyDict, TruncatedError, unpickle } from './pickle';
import { readAt } from './file';
import { ANY_CLASS, Classes, StorageRef, StorageType, TensorRef, count, tensorRef } from './rebuild';

const MAGIC_NUMBER = 0x1950a86a20f9469cfc6cn;
const PROTOCOL_VERSION = 1001;

/** The hooks of the pickles that hold no storage (the headers, key lists, the tar format's records). */
function plainHooks(classes: Classes) {
  return {
    ...classes,
    persistentLoad(): unknown {
      throw new FormatError('unexpected persistent id in a header pickle');
    },
  };
}

function int64(data: Uint8Array, at: number, what: string): number {
  if (at + 8 > data.length) throw new FormatError(`the file is truncated (${what} at offset ${at} runs past the end at ${data.length})`);
  return count(new DataView(data.buffer, data.byteOffset + at, 8).getBigInt64(0, true), what);
}

function unsupportedModule(): never {
  throw new FormatError('the file holds a whole nn.Module (saved with torch.save(model)); torch-node reads state dicts: save model.state_dict() instead');
}

export function isLegacyStream(head: Uint8Array): boolean {
  return head.length > 2 && head[0] === 0x80;
}

/**
 * The legacy stream of an open file. Its pickles come first and are small: they are parsed from a
 * prefix of the file (grown when a pickle runs past it); the storages after them are read from the
 * file straight into their tensors.
 */
export function readLegacyStream(fd: number, fileSize: number, classes: Classes = ANY_CLASS): unknown {
  for (let prefix = Math.min(fileSize, 16384); ; prefix = Math.min(fileSize, prefix * 8)) {
    try {
      return parseLegacyStream(readAt(fd, fileSize, 0, prefix, 'the header pickles'), fd, fileSize, classes);
    } catch (e) {
      if (!(e instanceof TruncatedError) || prefix === fileSize) throw e;
    }
  }
}

function parseLegacyStream(data: Uint8Array, fd: number, fileSize: number, classes: Classes): unknown {
  const plain = plainHooks(classes);
  const magic = unpickle(data, 0, plain);
  if (magic.value !== MAGIC_NUMBER) throw new FormatError('invalid magic number; corrupt file?');
  const protocol = unpickle(data, magic.end, plain);
  if (protocol.value !== PROTOCOL_VERSION) throw new FormatError(`invalid protocol version: ${String(protocol.value)}`);
  const sysInfo = unpickle(data, protocol.end, plain);
  if (sysInfo.value instanceof PyDict && sysInfo.value.map.get('little_endian') === false) {
    throw new FormatError('the file was written on a big-endian machine, which torch-node does not read');
  }

  const storages = new Map<string, StorageRef>();
  const obj = unpickle(data, sysInfo.end, {
    ...classes,
    persistentLoad(pid: unknown): unknown {
      if (!Array.isArray(pid)) throw new FormatError('a persistent id is not a tuple');
      if (pid[0] === 'module') unsupportedModule();
      const [kind, type, key, location, numel, view] = pid;
      if (kind !== 'storage' || !(type instanceof StorageType)) throw new FormatError(`unknown persistent id type ${String(kind)}`);
      let root = storages.get(String(key));
      if (!root) {
        root = new StorageRef(String(key), type.dtype, count(numel, 'a storage size'), String(location));
        storages.set(root.key, root);
      }
      if (view === null || view === undefined) return root;
      // (view_key, offset, size): a storage view of torch < 1.x, in elements of the root.
      if (!Array.isArray(view)) throw new FormatError('storage view metadata is malformed');
      return new StorageRef(String(view[0]), type.dtype, count(view[2], 'a storage view size'), root.location, root, count(view[1], 'a storage view offset'));
    },
  });

  const keys = unpickle(data, obj.end, plain);
  if (!Array.isArray(keys.value)) throw new FormatError('the list of storage keys is missing');
  let at = keys.end;
  for (const key of keys.value) {
    const ref = storages.get(String(key));
    if (!ref) throw new FormatError(`storage key ${String(key)} is not used by the object`);
    const what = `storage ${ref.key}`;
    const numel = int64(readAt(fd, fileSize, at, 8, `the element count of ${what}`), 0, `the element count of ${what}`);
    if (numel !== ref.numel) throw new FormatError(`${what} holds ${numel} elements, its header says ${ref.numel}`);
    const start = at + 8;
    const nbytes = ref.numel * ref.dtype.itemsize;
    if (start + nbytes > fileSize) throw new FormatError(`the file is truncated (${what} needs bytes up to ${start + nbytes}, the file ends at ${fileSize})`);
    ref.fill = (dest) => readAt(fd, fileSize, start, nbytes, what, dest);
    at = start + nbytes;
  }
  return obj.value;
}

/** tar members by name; header checksums are verified, as Python's tarfile does. */
function readTar(data: Uint8Array): Map<string, Uint8Array> {
  const members = new Map<string, Uint8Array>();
  const text = (at: number, n: number): string => {
    const field = data.subarray(at, at + n);
    const nul = field.indexOf(0);
    return new TextDecoder().decode(nul < 0 ? field : field.subarray(0, nul));
  };
  const octal = (at: number, n: number): number => {
    const s = text(at, n).trim();
    if (!/^[0-7]*$/.test(s)) throw new FormatError(`tar header field at offset ${at} is not an octal number`);
    return s ? parseInt(s, 8) : 0;
  };
  let pos = 0;
  let paxPath: string | undefined;
  while (pos + 512 <= data.length) {
    const header = data.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) return members;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
    if (sum !== octal(pos + 148, 8)) throw new FormatError(`tar header at offset ${pos} fails its checksum (the file is corrupt)`);
    const size = octal(pos + 124, 12);
    const type = String.fromCharCode(header[156]);
    const start = pos + 512;
    if (start + size > data.length) throw new FormatError(`the tar archive is truncated (member at offset ${pos} needs ${size} bytes)`);
    const body = data.subarray(start, start + size);
    if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(body));
      paxPath = m ? m[1] : undefined;
    } else if (type !== 'g') {
      const prefix = text(pos + 345, 155);
      members.set(paxPath ?? (prefix ? `${prefix}/${text(pos, 100)}` : text(pos, 100)), body);
      paxPath = undefined;
    }
    pos = start + Math.ceil(size / 512) * 512;
  }
  throw new FormatError('the tar archive is truncated (no end-of-archive blocks)');
}

export function isTar(data: Uint8Array): boolean {
  return data.length >= 512 && new TextDecoder().decode(data.subarray(257, 262)) === 'ustar';
}

export function readTarFormat(data: Uint8Array, classes: Classes = ANY_CLASS): unknown {
  const plain = plainHooks(classes);
  const members = readTar(data);
  const member = (name: string): Uint8Array => {
    const m = members.get(name);
    if (!m) throw new FormatError(`the tar archive has no '${name}' member`);
    return m;
  };

  const storages = new Map<string, StorageRef>();
  const s = member('storages');
  const n = unpickle(s, 0, plain);
  let at = n.end;
  for (let i = 0; i < count(n.value, 'the storage count'); i++) {
    const header = unpickle(s, at, plain);
    const [key, location, type] = header.value as unknown[];
    if (!(type instanceof StorageType)) throw new FormatError(`storage record ${i} has no storage type`);
    const ref = new StorageRef(String(key), type.dtype, int64(s, header.end, 'a storage element count'), String(location));
    const start = header.end + 8;
    const end = start + ref.numel * ref.dtype.itemsize;
    if (end > s.length) throw new FormatError(`the storages member is truncated (storage ${ref.key} needs bytes up to ${end}, it ends at ${s.length})`);
    ref.bytes = s.subarray(start, end);
    storages.set(ref.key, ref);
    at = end;
  }
  const views = unpickle(s, at, plain).value;
  for (const v of Array.isArray(views) ? views : []) {
    const [target, rootKey, offset, numel] = v as unknown[];
    const root = storages.get(String(rootKey));
    if (!root) throw new FormatError(`storage view ${String(target)} names a missing storage`);
    storages.set(String(target), new StorageRef(String(target), root.dtype, count(numel, 'a storage view size'), root.location, root, count(offset, 'a storage view offset')));
  }

  const tensors = new Map<string, TensorRef>();
  const t = member('tensors');
  const m = unpickle(t, 0, plain);
  at = m.end;
  const view = new DataView(t.buffer, t.byteOffset, t.byteLength);
  for (let i = 0; i < count(m.value, 'the tensor count'); i++) {
    const header = unpickle(t, at, plain);
    const [key, storageKey] = header.value as unknown[];
    const storage = storages.get(String(storageKey));
    if (!storage) throw new FormatError(`tensor ${String(key)} names a missing storage ${String(storageKey)}`);
    at = header.end;
    if (at + 8 > t.length) throw new FormatError('the tensors member is truncated');
    const ndim = view.getInt32(at, true);
    if (ndim < 0 || at + 8 + ndim * 16 + 8 > t.length) throw new FormatError(`tensor ${String(key)} has a malformed header`);
    at += 8; // int32 ndim, then 4 bytes: the old encoding wrote ndim as 8 bytes
    const ints = (k: number): number[] => Array.from({ length: k }, () => { const x = int64(t, at, 'a tensor size or stride'); at += 8; return x; });
    const size = ints(ndim);
    const stride = ints(ndim);
    const offset = ints(1)[0];
    tensors.set(String(key), tensorRef(storage, offset, size, stride, false));
  }

  return unpickle(member('pickle'), 0, {
    ...classes,
    persistentLoad(pid: unknown): unknown {
      if (Array.isArray(pid)) unsupportedModule();
      const found = tensors.get(String(pid)) ?? storages.get(String(pid));
      if (!found) throw new FormatError(`persistent id ${String(pid)} names no tensor or storage`);
      return found;
    },
  }).value;
}
