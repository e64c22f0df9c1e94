// torchvision.datasets.MNIST and FashionMNIST (0.14): `new datasets.MNIST(root, { train, transform,
// targetTransform, download })`. Files live where torchvision puts them, root/<ClassName>/raw/
// (train|t10k)-(images-idx3|labels-idx1)-ubyte, so data Python downloaded is found; the gzipped files
// alone also do. Items are [image, label]: a PIL-like 'L' Image (28x28) unless a transform changes it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { int64 } from '../../dtype';
import * as v from '../../validate';
import { Image } from '../transforms/image';
import { VisionDataset, TransformFn } from './vision';
import { readImageFile, readLabelFile } from './idx';
import { downloadAndExtractArchive, DownloadError } from './download';

export interface MNISTOptions<O = Image, L = number> {
  train?: boolean;
  transform?: TransformFn<Image, O> | null;
  targetTransform?: TransformFn<number, L> | null;
  download?: boolean;
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
  private readonly images: Uint8Array;
  private readonly labels: Uint8Array;
  private readonly rows: number;
  private readonly cols: number;

  constructor(root: string, opts?: MNISTOptions<O, L>) {
    const call = `torchvision.datasets.${new.target.name}`;
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['train', 'transform', 'targetTransform', 'download']);
    super(call, root, o.transform, o.targetTransform);
    this.train = o.train === undefined ? true : v.bool(call, 'train', o.train);
    const download = o.download === undefined ? false : v.bool(call, 'download', o.download);
    if (download) this.download();
    if (!this.checkExists()) throw new Error(`${call}: Dataset not found in ${this.rawFolder}. You can use download: true to download it`);
    const prefix = this.train ? 'train' : 't10k';
    const images = readImageFile(this.rawFile(`${prefix}-images-idx3-ubyte`));
    const labels = readLabelFile(this.rawFile(`${prefix}-labels-idx1-ubyte`));
    if (images.shape[0] !== labels.shape[0]) throw new RangeError(`${call}: ${images.shape[0]} images but ${labels.shape[0]} labels in ${this.rawFolder}`);
    [, this.rows, this.cols] = images.shape;
    this.images = images.data as Uint8Array;
    this.labels = labels.data as Uint8Array;
  }

  private get statics(): typeof MNIST {
    return this.constructor as typeof MNIST;
  }

  /** root/<ClassName>/raw, as torchvision. */
  get rawFolder(): string {
    return path.join(this.root as string, this.constructor.name, 'raw');
  }

  get classes(): string[] {
    return this.statics.classes;
  }

  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }

  /** The images as torchvision's `data`: uint8 [N, 28, 28]. */
  get data(): Tensor {
    return fromTypedArray(this.images, [this.length, this.rows, this.cols]);
  }

  /** The labels as torchvision's `targets`: int64 [N]. */
  get targets(): Tensor {
    return fromTypedArray(this.labels, [this.length]).to(int64);
  }

  /** The raw file, unzipped (as torchvision keeps it) or else its .gz. */
  private rawFile(name: string): string {
    const plain = path.join(this.rawFolder, name);
    return fs.existsSync(plain) ? plain : `${plain}.gz`;
  }

  private checkExists(): boolean {
    return this.statics.resources.every(([file]) => fs.existsSync(this.rawFile(file.replace(/\.gz$/, ''))));
  }

  /** Fetches the four files from the first mirror that serves them with the right MD5. */
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
    return this.labels.length;
  }

  getItem(index: number): [O, L] {
    const call = `torchvision.datasets.${this.constructor.name}.__getitem__`;
    let i = v.int(call, 'index', index);
    if (i >= this.length || i < -this.length) throw new RangeError(`${call}: index ${i} is out of range for a dataset of length ${this.length}`);
    if (i < 0) i += this.length;
    const size = this.rows * this.cols;
    const img = new Image(this.images.slice(i * size, (i + 1) * size), this.cols, this.rows, 'L');
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
