// The IDX ("SN3 Pascal Vincent") files of MNIST and Fashion-MNIST, gzipped or raw: torchvision's
// read_sn3_pascalvincent_tensor / read_image_file / read_label_file. Values are big-endian.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { argError } from '../../errors';
import * as v from '../../validate';

type IdxArray = Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;

export interface IdxData {
  shape: number[];
  data: IdxArray;
}

// type code → [bytes per value, reader of one big-endian value, array constructor]
const TYPES: Record<number, [number, (v: DataView, at: number) => number, new (n: number) => IdxArray]> = {
  0x08: [1, (v, at) => v.getUint8(at), Uint8Array],
  0x09: [1, (v, at) => v.getInt8(at), Int8Array],
  0x0b: [2, (v, at) => v.getInt16(at), Int16Array],
  0x0c: [4, (v, at) => v.getInt32(at), Int32Array],
  0x0d: [4, (v, at) => v.getFloat32(at), Float32Array],
  0x0e: [8, (v, at) => v.getFloat64(at), Float64Array],
};

/** Parses IDX bytes (gunzipping them first when they start with the gzip magic 1f 8b). */
export function parseIdx(bytes: Uint8Array, what = 'IDX data'): IdxData {
  if (!(bytes instanceof Uint8Array)) throw argError('datasets.parseIdx', 'bytes', 'a Uint8Array', bytes);
  v.str('datasets.parseIdx', 'what', what);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
  if (bytes.length < 4) throw new RangeError(`${what}: too short to be an IDX file (${bytes.length} bytes)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getInt32(0);
  const nd = magic % 256;
  const ty = Math.floor(magic / 256);
  if (nd < 1 || nd > 3 || !(ty in TYPES)) throw new RangeError(`${what}: not an IDX file (magic number 0x${magic.toString(16).padStart(8, '0')})`);
  const [size, read, Ctor] = TYPES[ty];
  const header = 4 * (nd + 1);
  if (bytes.length < header) throw new RangeError(`${what}: truncated IDX header`);
  const shape = Array.from({ length: nd }, (_x, i) => view.getInt32(4 * (i + 1)));
  const n = shape.reduce((a, b) => a * b, 1);
  if (bytes.length - header !== n * size) throw new RangeError(`${what}: expected ${n * size} bytes of data for shape [${shape.join(', ')}], found ${bytes.length - header}`);
  let data: IdxArray;
  if (size === 1) {
    data = new Ctor(n);
    (data as Uint8Array).set(ty === 0x08 ? bytes.subarray(header) : new Int8Array(bytes.buffer, bytes.byteOffset + header, n));
  } else {
    data = new Ctor(n);
    for (let i = 0; i < n; i++) data[i] = read(view, header + i * size);
  }
  return { shape, data };
}

// A path is checked to be a string: fs would read a number as a file descriptor (0 is stdin).
export function readIdxFile(path: string, call = 'datasets.mnist.read_sn3_pascalvincent_tensor'): IdxData {
  return parseIdx(fs.readFileSync(v.str(call, 'path', path)), path);
}

/** read_sn3_pascalvincent_tensor(path): the file as a tensor of its own dtype and shape. */
export function readSn3PascalvincentTensor(path: string): Tensor {
  const { shape, data } = readIdxFile(path);
  return fromTypedArray(data, shape);
}

/** read_image_file: uint8 [N, H, W]. */
export function readImageFile(path: string): IdxData {
  const idx = readIdxFile(path, 'datasets.mnist.read_image_file');
  if (!(idx.data instanceof Uint8Array) || idx.shape.length !== 3) throw new RangeError(`${path}: expected a uint8 IDX file of 3 dimensions (images), got shape [${idx.shape.join(', ')}]`);
  return idx;
}

/** read_label_file: uint8 [N] (torchvision returns them as int64). */
export function readLabelFile(path: string): IdxData {
  const idx = readIdxFile(path, 'datasets.mnist.read_label_file');
  if (!(idx.data instanceof Uint8Array) || idx.shape.length !== 1) throw new RangeError(`${path}: expected a uint8 IDX file of 1 dimension (labels), got shape [${idx.shape.join(', ')}]`);
  return idx;
}
