// torchvision.datasets.CIFAR10 and CIFAR100 (0.14): `new datasets.CIFAR10(root, { train, transform,
// targetTransform, download })`. Reads the "python version" batches torchvision reads from
// root/cifar-10-batches-py (data_batch_1..5, test_batch, batches.meta) or root/cifar-100-python
// (train, test, meta): Python pickles of dicts holding a NumPy uint8 array [N, 3072] and a list of
// labels, read with torch-node's unpickler (lib/serialization/pickle.ts). Every file's MD5 is checked
// on construction, as torchvision does. Items are [image, target]: a PIL-like 'RGB' Image (32x32).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import * as v from '../../validate';
import { unpickle, PyDict, FormatError } from '../../serialization/pickle';
import { Image } from '../transforms/image';
import { VisionDataset, TransformFn, rootKeyword } from './vision';
import { checkIntegrity, downloadAndExtractArchive } from './download';

export interface CIFAR10Options<O = Image, L = number> {
  train?: boolean;
  transform?: TransformFn<Image, O> | null;
  targetTransform?: TransformFn<number, L> | null;
  download?: boolean;
}

// ------------------------------------------------------------------ NumPy arrays in a pickle

const NP_TYPES: Record<string, [number, new (b: ArrayBuffer, o: number, n: number) => ArrayBufferView]> = {
  u1: [1, Uint8Array], i1: [1, Int8Array], b1: [1, Uint8Array], i2: [2, Int16Array], u2: [2, Uint16Array],
  i4: [4, Int32Array], u4: [4, Uint32Array], i8: [8, BigInt64Array], u8: [8, BigUint64Array], f4: [4, Float32Array], f8: [8, Float64Array],
};

class NpDtype {
  byteorder = '|';
  constructor(readonly code: string) {}
  __setstate__(state: unknown): void {
    if (Array.isArray(state) && typeof state[1] === 'string') this.byteorder = state[1];
  }
}

/** A pickled numpy.ndarray: numpy.core.multiarray._reconstruct, then BUILD with its state. */
export class NdArray {
  shape: number[] = [];
  dtype = 'u1';
  data: ArrayBufferView = new Uint8Array(0);
  __setstate__(state: unknown): void {
    if (!Array.isArray(state) || state.length < 5) throw new FormatError('a pickled numpy array has malformed state');
    const [, shape, dtype, fortran, raw] = state as [unknown, number[], NpDtype, boolean, unknown];
    if (!(dtype instanceof NpDtype) || !(dtype.code in NP_TYPES)) throw new FormatError(`a pickled numpy array of dtype ${(dtype as NpDtype)?.code} is not supported`);
    if (dtype.byteorder === '>') throw new FormatError('a big-endian numpy array is not supported');
    if (fortran) throw new FormatError('a Fortran-ordered numpy array is not supported');
    // Python 2 pickles (and latin1-decoded ones) hold the bytes as a str.
    const bytes = typeof raw === 'string' ? Uint8Array.from(raw, (c) => c.charCodeAt(0) & 0xff) : raw;
    if (!(bytes instanceof Uint8Array)) throw new FormatError('a pickled numpy array holds no raw data');
    const [size, Ctor] = NP_TYPES[dtype.code];
    const n = shape.reduce((a, b) => a * b, 1);
    if (bytes.length !== n * size) throw new FormatError(`a pickled numpy array of shape [${shape}] has ${bytes.length} bytes, expected ${n * size}`);
    const copy = new ArrayBuffer(bytes.length);
    new Uint8Array(copy).set(bytes);
    this.shape = shape.map(Number);
    this.dtype = dtype.code;
    this.data = new Ctor(copy, 0, n);
  }
}

const callable = (pyName: string, call: (args: unknown[]) => unknown) => ({ pyName, call });

const NUMPY_GLOBALS: Record<string, unknown> = {
  'numpy.core.multiarray._reconstruct': callable('numpy.core.multiarray._reconstruct', () => new NdArray()),
  'numpy.ndarray': callable('numpy.ndarray', () => new NdArray()),
  'numpy.dtype': callable('numpy.dtype', (a) => new NpDtype(String(a[0]))),
  // Protocol 5: numpy.core.numeric._frombuffer(buffer, dtype, shape, order).
  'numpy.core.numeric._frombuffer': callable('numpy.core.numeric._frombuffer', (a) => {
    const arr = new NdArray();
    arr.__setstate__([1, a[2], a[1], a[3] === 'F', a[0]]);
    return arr;
  }),
  '_codecs.encode': callable('_codecs.encode', (a) => Uint8Array.from(String(a[0]), (c) => c.charCodeAt(0) & 0xff)),
};

function toJs(x: unknown): unknown {
  if (x instanceof PyDict) return new Map([...x.map].map(([k, val]) => [k, toJs(val)]));
  if (Array.isArray(x)) return x.map(toJs);
  return x;
}

/** pickle.load(f, encoding='latin1') of a CIFAR batch or meta file: a Map of its keys. */
export function loadPickle(file: string): Map<unknown, unknown> {
  const { value } = unpickle(fs.readFileSync(file), 0, {
    findClass: (module, name) => {
      const g = NUMPY_GLOBALS[`${module}.${name}`];
      if (g === undefined) throw new FormatError(`${file} holds a Python object of class ${module}.${name}, which a CIFAR file does not`);
      return g;
    },
    persistentLoad: () => {
      throw new FormatError(`${file}: a CIFAR pickle has no persistent ids`);
    },
  });
  const out = toJs(value);
  if (!(out instanceof Map)) throw new FormatError(`${file} does not hold a dict`);
  return out;
}

// ------------------------------------------------------------------ the datasets

export class CIFAR10<O = Image, L = number> extends VisionDataset<[O, L]> {
  static baseFolder = 'cifar-10-batches-py';
  static url = 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz';
  static filename = 'cifar-10-python.tar.gz';
  static tgzMd5 = 'c58f30108f718f92721af3b95e74349a';
  static trainList: [string, string][] = [
    ['data_batch_1', 'c99cafc152244af753f735de768cd75f'],
    ['data_batch_2', 'd4bba439e000b95fd0a9bffe97cbabec'],
    ['data_batch_3', '54ebc095f3ab1f0389bbae665268c751'],
    ['data_batch_4', '634d18415352ddfa80567beed471001a'],
    ['data_batch_5', '482c414d41f54cd18b22e5b47cb7c3cb'],
  ];
  static testList: [string, string][] = [['test_batch', '40351d587109b95175f43aff81a1287e']];
  static meta = { filename: 'batches.meta', key: 'label_names', md5: '5ff9c542aee3614f3951f8cda6e48888' };

  readonly train: boolean;
  /** HWC pixels of all images, over a SharedArrayBuffer (DataLoader workers share it, not copy it). */
  private readonly pixels: Uint8Array;
  readonly targets: number[];
  readonly classes: string[];
  readonly classToIdx: Record<string, number>;

  constructor(root: string | (CIFAR10Options<O, L> & { root: string }), opts?: CIFAR10Options<O, L>) {
    const call = `torchvision.datasets.${new.target.name}`;
    [root, [opts]] = rootKeyword(root, [opts]) as [string, [CIFAR10Options<O, L>?]];
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['train', 'transform', 'targetTransform', 'download']);
    super(call, root, o.transform, o.targetTransform);
    this.train = o.train === undefined ? true : v.bool(call, 'train', o.train);
    const download = o.download === undefined ? false : v.bool(call, 'download', o.download);
    if (download) this.download();
    if (!this.checkIntegrity()) throw new Error(`${call}: Dataset not found or corrupted. You can use download: true to download it`);
    const s = this.statics;
    const chunks: Uint8Array[] = [];
    const targets: number[] = [];
    for (const [file] of this.train ? s.trainList : s.testList) {
      const entry = loadPickle(path.join(root, s.baseFolder, file));
      const data = entry.get('data');
      if (!(data instanceof NdArray) || data.dtype !== 'u1' || data.shape.length !== 2 || data.shape[1] !== 3072) {
        throw new RangeError(`${call}: ${file} has no uint8 'data' array of shape [N, 3072]`);
      }
      const labels = (entry.has('labels') ? entry.get('labels') : entry.get('fine_labels')) as number[];
      if (!Array.isArray(labels) || labels.length !== data.shape[0]) throw new RangeError(`${call}: ${file} has ${data.shape[0]} images but not as many labels`);
      chunks.push(data.data as Uint8Array);
      targets.push(...labels.map(Number));
    }
    // np.vstack(...).reshape(-1, 3, 32, 32).transpose((0, 2, 3, 1)): CHW planes to HWC pixels.
    const n = targets.length;
    const pixels = new Uint8Array(new SharedArrayBuffer(n * 3072));
    let img = 0;
    for (const chunk of chunks) {
      for (let k = 0; k < chunk.length / 3072; k++, img++) {
        const src = chunk.subarray(k * 3072, (k + 1) * 3072);
        const dst = pixels.subarray(img * 3072, (img + 1) * 3072);
        for (let p = 0; p < 1024; p++) {
          dst[3 * p] = src[p];
          dst[3 * p + 1] = src[1024 + p];
          dst[3 * p + 2] = src[2048 + p];
        }
      }
    }
    this.pixels = pixels;
    this.targets = targets;
    // _load_meta
    const metaPath = path.join(root, s.baseFolder, s.meta.filename);
    if (!checkIntegrity(metaPath, s.meta.md5)) throw new Error(`${call}: Dataset metadata file not found or corrupted. You can use download: true to download it`);
    const names = loadPickle(metaPath).get(s.meta.key);
    if (!Array.isArray(names)) throw new RangeError(`${call}: ${s.meta.filename} has no '${s.meta.key}' list`);
    this.classes = names.map(String);
    this.classToIdx = Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }

  private get statics(): typeof CIFAR10 {
    return this.constructor as typeof CIFAR10;
  }

  /** torchvision's `data`: uint8 [N, 32, 32, 3] (HWC), sharing this dataset's memory. */
  get data(): Tensor {
    return fromTypedArray(new Uint8Array(this.pixels), [this.length, 32, 32, 3]);
  }

  get length(): number {
    return this.targets.length;
  }

  /** _check_integrity: every batch file is present with its MD5. */
  checkIntegrity(): boolean {
    const s = this.statics;
    return [...s.trainList, ...s.testList].every(([file, md5]) => checkIntegrity(path.join(this.root as string, s.baseFolder, file), md5));
  }

  download(): void {
    if (this.checkIntegrity()) {
      if (process.stdout.isTTY) console.log('Files already downloaded and verified');
      return;
    }
    const s = this.statics;
    downloadAndExtractArchive(s.url, this.root as string, s.filename, s.tgzMd5);
  }

  getItem(index: number): [O, L] {
    const call = `torchvision.datasets.${this.constructor.name}.__getitem__`;
    let i = v.int(call, 'index', index);
    if (i >= this.length || i < -this.length) throw new RangeError(`${call}: index ${i} is out of bounds for axis 0 with size ${this.length}`);
    if (i < 0) i += this.length;
    const img = new Image(this.pixels.slice(i * 3072, (i + 1) * 3072), 32, 32, 'RGB');
    const target = this.targets[i];
    return [(this.transform ? this.transform(img) : img) as O, (this.targetTransform ? this.targetTransform(target) : target) as L];
  }

  protected override extraRepr(): string {
    return `Split: ${this.train ? 'Train' : 'Test'}`;
  }
}

export class CIFAR100<O = Image, L = number> extends CIFAR10<O, L> {
  static override baseFolder = 'cifar-100-python';
  static override url = 'https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz';
  static override filename = 'cifar-100-python.tar.gz';
  static override tgzMd5 = 'eb9058c3a382ffc7106e4002c42a8d85';
  static override trainList: [string, string][] = [['train', '16019d7e3df5f24257cddd939b257f8d']];
  static override testList: [string, string][] = [['test', 'f0ef6b0ae62326f3e7ffdfab6717acfc']];
  static override meta = { filename: 'meta', key: 'fine_label_names', md5: '7973b15100ade9c7d40fb424638fde48' };
}
