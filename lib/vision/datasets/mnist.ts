// torchvision.datasets' MNIST family (0.14): MNIST, FashionMNIST, KMNIST, EMNIST (splits) and QMNIST
// (what / compat): `new datasets.MNIST(root, { train, transform, targetTransform, download })`.
// Files live where torchvision puts them, root/<ClassName>/raw/<name>-ubyte (IDX), so data Python
// downloaded is found; the gzipped files alone also do. Items are [image, label]: a PIL-like 'L'
// Image (28x28) unless a transform changes it. Pixels sit in a SharedArrayBuffer, so DataLoader
// worker threads share them instead of copying them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { int64 } from '../../dtype';
import * as v from '../../validate';
import { Image } from '../transforms/image';
import { VisionDataset, TransformFn, rootKeyword } from './vision';
import { readImageFile, readLabelFile, readIdxFile } from './idx';
import { downloadAndExtractArchive, extractArchive, DownloadError } from './download';

export interface MNISTOptions<O = Image, L = number> {
  train?: boolean;
  transform?: TransformFn<Image, O> | null;
  targetTransform?: TransformFn<number, L> | null;
  download?: boolean;
}

const MNIST_OPTIONS = ['train', 'transform', 'targetTransform', 'download'];

function shared(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(new SharedArrayBuffer(data.length));
  out.set(data);
  return out;
}

export class MNIST<O = Image, L = number> extends VisionDataset<[O, L]> {
  /** Tried in order; replace it (e.g. with a local server) to download from elsewhere. */
  static mirrors: string[] = ['http://yann.lecun.com/exdb/mnist/', 'https://ossci-datasets.s3.amazonaws.com/mnist/'];
  static resources: [string, string][] = [
    ['train-images-idx3-ubyte.gz', 'f68b3c2dcbeaaa9fbdd348bbdeb94873'],
    ['train-labels-idx1-ubyte.gz', 'd53e105ee54ea40749a09fcbcd1e9432'],
    ['t10k-images-idx3-ubyte.gz', '9fb629c4189551a2d022fa330f9573f3'],
    ['t10k-labels-idx1-ubyte.gz', 'ec29112dd5afa0611ce80d1b7f02629c'],
  ];
  static classes: string[] = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];

  readonly train: boolean;
  protected images: Uint8Array;
  /** The labels, one row of `labelWidth` values per image (1, or QMNIST's 8). */
  protected labels: Uint8Array | Int32Array;
  protected labelWidth = 1;
  protected rows: number;
  protected cols: number;

  constructor(root: string | (MNISTOptions<O, L> & { root: string }), opts?: MNISTOptions<O, L>) {
    const call = `torchvision.datasets.${new.target.name}`;
    [root, [opts]] = rootKeyword(root, [opts]) as [string, [MNISTOptions<O, L>?]];
    const o = v.options(call, opts);
    v.knownOptions(call, o, new.target.optionNames());
    super(call, root, o.transform, o.targetTransform);
    this.train = o.train === undefined ? true : v.bool(call, 'train', o.train);
    this.init(call, o);
    const download = o.download === undefined ? false : v.bool(call, 'download', o.download);
    if (download) this.download();
    if (!this.checkExists()) throw new Error(`${call}: Dataset not found in ${this.rawFolder}. You can use download: true to download it`);
    const images = readImageFile(this.rawFile(this.imagesFile));
    [, this.rows, this.cols] = images.shape;
    this.images = shared(images.data as Uint8Array);
    this.labels = this.loadLabels(call);
    if (images.shape[0] !== this.length) throw new RangeError(`${call}: ${images.shape[0]} images but ${this.length} labels in ${this.rawFolder}`);
  }

  /** The option names of this class's constructor. */
  protected static optionNames(): string[] {
    return MNIST_OPTIONS;
  }

  /** Subclass settings read before the files are (EMNIST's split, QMNIST's what). */
  protected init(_call: string, _o: Record<string, unknown>): void {}

  protected loadLabels(_call: string): Uint8Array | Int32Array {
    return readLabelFile(this.rawFile(this.labelsFile)).data as Uint8Array;
  }

  protected get statics(): typeof MNIST {
    return this.constructor as typeof MNIST;
  }

  /** root/<ClassName>/raw, as torchvision. */
  get rawFolder(): string {
    return path.join(this.root as string, this.constructor.name, 'raw');
  }

  /** The images file in rawFolder (without .gz). */
  get imagesFile(): string {
    return `${this.train ? 'train' : 't10k'}-images-idx3-ubyte`;
  }

  get labelsFile(): string {
    return `${this.train ? 'train' : 't10k'}-labels-idx1-ubyte`;
  }

  get classes(): string[] {
    return this.statics.classes;
  }

  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }

  /** The images as torchvision's `data`: uint8 [N, 28, 28]. */
  get data(): Tensor {
    return fromTypedArray(new Uint8Array(this.images), [this.length, this.rows, this.cols]);
  }

  /** The labels as torchvision's `targets`: int64 [N] (QMNIST: [N, 8]). */
  get targets(): Tensor {
    return fromTypedArray(this.labels, this.labelWidth === 1 ? [this.length] : [this.length, this.labelWidth]).to(int64);
  }

  /** The raw file, unzipped (as torchvision keeps it) or else its .gz. */
  protected rawFile(name: string): string {
    const plain = path.join(this.rawFolder, name);
    return fs.existsSync(plain) ? plain : `${plain}.gz`;
  }

  protected checkExists(): boolean {
    return this.statics.resources.every(([file]) => fs.existsSync(this.rawFile(path.basename(file).replace(/\.gz$/, ''))));
  }

  /** Fetches the files from the first mirror that serves them with the right MD5. */
  download(): void {
    if (this.checkExists()) return;
    fs.mkdirSync(this.rawFolder, { recursive: true });
    for (const [filename, md5] of this.statics.resources) {
      const errors: string[] = [];
      let done = false;
      for (const mirror of this.statics.mirrors) {
        const url = `${mirror}${filename}`;
        if (process.stdout.isTTY) console.log(`Downloading ${url}`);
        try {
          downloadAndExtractArchive(url, this.rawFolder, filename, md5);
          done = true;
          break;
        } catch (e) {
          if (!(e instanceof DownloadError)) throw e;
          errors.push(e.message);
          if (process.stdout.isTTY) console.log(`Failed to download (trying next):\n${e.message}`);
        }
      }
      if (!done) throw new DownloadError(`Error downloading ${filename}:\n${errors.join('\n')}`);
    }
  }

  get length(): number {
    return this.labels.length / this.labelWidth;
  }

  protected index(index: number): number {
    const call = `torchvision.datasets.${this.constructor.name}.__getitem__`;
    const i = v.int(call, 'index', index);
    if (i >= this.length || i < -this.length) throw new RangeError(`${call}: index ${i} is out of bounds for dimension 0 with size ${this.length}`);
    return i < 0 ? i + this.length : i;
  }

  protected image(i: number): Image {
    const size = this.rows * this.cols;
    return new Image(this.images.slice(i * size, (i + 1) * size), this.cols, this.rows, 'L');
  }

  getItem(index: number): [O, L] {
    const i = this.index(index);
    const img = this.image(i);
    const target = this.labels[i];
    return [(this.transform ? this.transform(img) : img) as O, (this.targetTransform ? this.targetTransform(target) : target) as L];
  }

  protected override extraRepr(): string {
    return `Split: ${this.train ? 'Train' : 'Test'}`;
  }
}

export class FashionMNIST<O = Image, L = number> extends MNIST<O, L> {
  static override mirrors: string[] = ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'];
  static override resources: [string, string][] = [
    ['train-images-idx3-ubyte.gz', '8d4fb7e6c68d591d4c3dfef9ec88bf0d'],
    ['train-labels-idx1-ubyte.gz', '25c81989df183df01b3e8a0aad5dffbe'],
    ['t10k-images-idx3-ubyte.gz', 'bef4ecab320f06d8554ea6380940ec79'],
    ['t10k-labels-idx1-ubyte.gz', 'bb300cfdad3c16e7a12a480ee83cd310'],
  ];
  static override classes: string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
}

export class KMNIST<O = Image, L = number> extends MNIST<O, L> {
  static override mirrors: string[] = ['http://codh.rois.ac.jp/kmnist/dataset/kmnist/'];
  static override resources: [string, string][] = [
    ['train-images-idx3-ubyte.gz', 'bdb82020997e1d708af4cf47b453dcf7'],
    ['train-labels-idx1-ubyte.gz', 'e144d726b3acfaa3e44228e80efcd344'],
    ['t10k-images-idx3-ubyte.gz', '5c965bf0a639b31b8f53240b1b52f4d7'],
    ['t10k-labels-idx1-ubyte.gz', '7320c461ea6c1c855c0b718fb2a4b134'],
  ];
  static override classes: string[] = ['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo'];
}

const DIGITS = '0123456789'.split('');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');
const MERGED = new Set('cijklmopsuvwxyz'.split(''));
const EMNIST_SPLITS = ['byclass', 'bymerge', 'balanced', 'letters', 'digits', 'mnist'] as const;
export type EMNISTSplit = (typeof EMNIST_SPLITS)[number];

/** EMNIST(root, split, { train, ... }): the six splits of NIST's gzip.zip. */
export class EMNIST<O = Image, L = number> extends MNIST<O, L> {
  static url = 'https://www.itl.nist.gov/iaui/vip/cs_links/EMNIST/gzip.zip';
  static md5 = '58c8d27c78d21e728a6bc7b3cc06412e';
  static splits = EMNIST_SPLITS;
  static classesSplitDict: Record<EMNISTSplit, string[]> = {
    byclass: [...DIGITS, ...UPPER, ...LOWER],
    bymerge: [...DIGITS, ...UPPER, ...LOWER].filter((c) => !MERGED.has(c)),
    balanced: [...DIGITS, ...UPPER, ...LOWER].filter((c) => !MERGED.has(c)),
    letters: ['N/A', ...LOWER],
    digits: [...DIGITS],
    mnist: [...DIGITS],
  };

  declare readonly split: EMNISTSplit;

  constructor(root: string, split: EMNISTSplit, opts?: MNISTOptions<O, L>) {
    // The split is needed by init(), which runs inside super(): passed through the options.
    super(root, { ...v.options(`torchvision.datasets.${new.target.name}`, opts), __split: split } as MNISTOptions<O, L>);
  }

  protected static override optionNames(): string[] {
    return [...MNIST_OPTIONS, '__split'];
  }

  protected override init(call: string, o: Record<string, unknown>): void {
    Object.defineProperty(this, 'split', { value: v.oneOf(call, 'split', o.__split, EMNIST_SPLITS), enumerable: true, writable: true, configurable: true });
  }

  override get classes(): string[] {
    return EMNIST.classesSplitDict[this.split];
  }

  private get filePrefix(): string {
    return `emnist-${this.split}-${this.train ? 'train' : 'test'}`;
  }

  override get imagesFile(): string {
    return `${this.filePrefix}-images-idx3-ubyte`;
  }

  override get labelsFile(): string {
    return `${this.filePrefix}-labels-idx1-ubyte`;
  }

  protected override checkExists(): boolean {
    return [this.imagesFile, this.labelsFile].every((f) => fs.existsSync(this.rawFile(f)));
  }

  /** Downloads gzip.zip (MD5-checked), and unzips each gzip/*.gz into rawFolder. */
  override download(): void {
    if (this.checkExists()) return;
    fs.mkdirSync(this.rawFolder, { recursive: true });
    const s = this.constructor as typeof EMNIST;
    downloadAndExtractArchive(s.url, this.rawFolder, null, s.md5);
    const gzipFolder = path.join(this.rawFolder, 'gzip');
    for (const f of fs.readdirSync(gzipFolder)) if (f.endsWith('.gz')) extractArchive(path.join(gzipFolder, f), this.rawFolder);
    fs.rmSync(gzipFolder, { recursive: true, force: true });
  }
}

export interface QMNISTOptions<O = Image, L = number> extends MNISTOptions<O, L> {
  /** 'train', 'test', 'test10k', 'test50k' or 'nist' (default: by `train`). */
  what?: 'train' | 'test' | 'test10k' | 'test50k' | 'nist' | null;
  /** Targets are class numbers (true) or QMNIST's 8 values per image as an int64 tensor (false). */
  compat?: boolean;
}

const QMNIST_SUBSETS: Record<string, string> = { train: 'train', test: 'test', test10k: 'test', test50k: 'test', nist: 'nist' };
const QMNIST_BASE = 'https://raw.githubusercontent.com/facebookresearch/qmnist/master/';

/** QMNIST(root, { what, compat, train, ... }). */
export class QMNIST<O = Image, L = number> extends MNIST<O, L> {
  static subsets = QMNIST_SUBSETS;
  static qmnistResources: Record<string, [string, string][]> = {
    train: [
      [`${QMNIST_BASE}qmnist-train-images-idx3-ubyte.gz`, 'ed72d4157d28c017586c42bc6afe6370'],
      [`${QMNIST_BASE}qmnist-train-labels-idx2-int.gz`, '0058f8dd561b90ffdd0f734c6a30e5e4'],
    ],
    test: [
      [`${QMNIST_BASE}qmnist-test-images-idx3-ubyte.gz`, '1394631089c404de565df7b7aeaf9412'],
      [`${QMNIST_BASE}qmnist-test-labels-idx2-int.gz`, '5b5b05890a5e13444e108efe57b788aa'],
    ],
    nist: [
      [`${QMNIST_BASE}xnist-images-idx3-ubyte.xz`, '7f124b3b8ab81486c9d8c2749c17f834'],
      [`${QMNIST_BASE}xnist-labels-idx2-int.xz`, '5ed0e788978e45d4a8bd4b7caec3d79d'],
    ],
  };

  declare readonly what: string;
  declare readonly compat: boolean;

  constructor(root: string, opts?: QMNISTOptions<O, L>) {
    super(root, opts);
    if (this.what === 'test10k' || this.what === 'test50k') {
      const [from, to] = this.what === 'test10k' ? [0, 10000] : [10000, this.length];
      const size = this.rows * this.cols;
      this.images = shared(this.images.subarray(from * size, to * size));
      this.labels = this.labels.slice(from * this.labelWidth, to * this.labelWidth);
    }
  }

  protected static override optionNames(): string[] {
    return [...MNIST_OPTIONS, 'what', 'compat'];
  }

  protected override init(call: string, o: Record<string, unknown>): void {
    const what = o.what === undefined || o.what === null ? (this.train ? 'train' : 'test') : v.oneOf(call, 'what', o.what, Object.keys(QMNIST_SUBSETS));
    const compat = o.compat === undefined ? true : v.bool(call, 'compat', o.compat);
    for (const [k, val] of [['what', what], ['compat', compat]] as const) Object.defineProperty(this, k, { value: val, enumerable: true, writable: true, configurable: true });
  }

  private get split(): [string, string][] {
    return QMNIST.qmnistResources[QMNIST_SUBSETS[this.what]];
  }

  override get imagesFile(): string {
    return path.basename(this.split[0][0]).replace(/\.(gz|xz)$/, '');
  }

  override get labelsFile(): string {
    return path.basename(this.split[1][0]).replace(/\.(gz|xz)$/, '');
  }

  protected override checkExists(): boolean {
    return [this.imagesFile, this.labelsFile].every((f) => fs.existsSync(this.rawFile(f)));
  }

  /** Labels are int32 [N, 8]: class, NIST writer, ... (torchvision reads them as int64). */
  protected override loadLabels(call: string): Int32Array {
    const idx = readIdxFile(this.rawFile(this.labelsFile), call);
    if (!(idx.data instanceof Int32Array) || idx.shape.length !== 2) throw new RangeError(`${call}: targets should have 2 dimensions instead of ${idx.shape.length}`);
    this.labelWidth = idx.shape[1];
    return idx.data;
  }

  /** Downloads only what `what` needs. */
  override download(): void {
    if (this.checkExists()) return;
    fs.mkdirSync(this.rawFolder, { recursive: true });
    for (const [url, md5] of this.split) downloadAndExtractArchive(url, this.rawFolder, null, md5);
  }

  override getItem(index: number): [O, L] {
    const i = this.index(index);
    const img = this.image(i);
    const w = this.labelWidth;
    let target: unknown = this.compat ? this.labels[i * w] : fromTypedArray(this.labels.slice(i * w, (i + 1) * w), [w]).to(int64);
    const out: unknown = this.transform ? this.transform(img) : img;
    if (this.targetTransform) target = this.targetTransform(target as number);
    return [out as O, target as L];
  }

  protected override extraRepr(): string {
    return `Split: ${this.what}`;
  }
}
