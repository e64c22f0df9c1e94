// torchvision.datasets.FakeData (0.14): `new datasets.FakeData({ size, imageSize, numClasses,
// transform, targetTransform, randomOffset })`. Item i is drawn exactly as torchvision draws it:
// a generator seeded with i + randomOffset gives torch.randn(*imageSize) and then
// torch.randint(0, numClasses, (1,))[0], the image goes through ToPILImage, and the target is
// target_transform(target).item(). torchvision seeds the
// global generator and restores its state afterwards; a generator of its own draws the same numbers
// (a fresh seed, the same algorithm) without touching the global one, so threads, which share that
// global generator (DataLoader workers have their own), cannot disturb each other.
import { Tensor } from '../../tensor';
import { normal } from '../../_C/generated/torch';
import { Generator, randintWith } from '../../generator';
import * as v from '../../validate';
import { Image } from '../transforms/image';
import { toPilImage } from '../transforms/functional';
import { VisionDataset, TransformFn } from './vision';

export interface FakeDataOptions<O = Image, L = number> {
  size?: number;
  imageSize?: number[];
  numClasses?: number;
  transform?: TransformFn<Image, O> | null;
  targetTransform?: TransformFn<Tensor, unknown> | null;
  randomOffset?: number;
}

const NAMES = ['size', 'imageSize', 'numClasses', 'transform', 'targetTransform', 'randomOffset'] as const;

export class FakeData<O = Image, L = number> extends VisionDataset<[O, L]> {
  readonly size: number;
  readonly imageSize: number[];
  readonly numClasses: number;
  readonly randomOffset: number;

  /** Python's positional (size, image_size, num_classes, transform, target_transform, random_offset) or an options object. */
  constructor(...args: unknown[]) {
    const call = 'torchvision.datasets.FakeData';
    const o = v.bindArgs(call, NAMES, args) as FakeDataOptions<O, L>;
    super(call, null, o.transform, o.targetTransform);
    this.size = o.size === undefined ? 1000 : v.int(call, 'size', o.size, 0);
    this.imageSize = o.imageSize === undefined ? [3, 224, 224] : v.ints(call, 'image_size', o.imageSize, 0);
    this.numClasses = o.numClasses === undefined ? 10 : v.int(call, 'num_classes', o.numClasses, 1);
    this.randomOffset = o.randomOffset === undefined ? 0 : v.int(call, 'random_offset', o.randomOffset);
  }

  get length(): number {
    return this.size;
  }

  getItem(index: number): [O, L] {
    const call = 'torchvision.datasets.FakeData.__getitem__';
    const i = v.int(call, 'index', index);
    if (i >= this.size) throw new RangeError(`${call}: FakeData index out of range`);
    if (i + this.randomOffset < 0) throw new RangeError(`${call}: index + random_offset must be non-negative to seed the generator, got ${i + this.randomOffset}`);
    const g = new Generator().manualSeed(i + this.randomOffset);
    // torch.randn(*size) is empty(size).normal_(0, 1): what torch.normal(0., 1., size) computes too.
    const pixels = normal(0, 1, this.imageSize, { generator: g });
    const target: Tensor = randintWith(0, this.numClasses, [1], g).get(0);
    let img: unknown = toPilImage(pixels);
    if (this.transform) img = this.transform(img);
    // torchvision returns target.item(), after the target transform.
    const t: unknown = this.targetTransform ? this.targetTransform(target) : target;
    return [img as O, (t instanceof Tensor ? t.item() : t) as L];
  }
}
