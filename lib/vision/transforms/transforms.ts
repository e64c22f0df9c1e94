// torchvision.transforms (0.14) classes. Each is a callable made without `new` (with `new` too):
// `const t = transforms.Resize([224, 224]); t(img)`. The callable IS the transform object: it carries
// the parameters (t.size), `instanceof transforms.Resize` holds, and String(t) is torchvision's repr.
// Random transforms draw from torch's default generator exactly as torchvision does.
import { Tensor } from '../../tensor';
import { rand, randint, empty } from '../../creation';
import { argError } from '../../errors';
import * as v from '../../validate';
import { Image, ImageMode } from './image';
import * as F from './functional';
import { pyFloat } from '../../_repr';
import type { Img, InterpolationMode, PaddingMode } from './functional';

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------- Python-style repr of values

/** repr() of a JS number as the Python literal it was written as: integers stay integers. */
function pyNum(x: number): string {
  return Number.isInteger(x) && Math.abs(x) < 1e16 ? String(x) : pyFloat(x);
}
function pyValue(x: unknown, tuple = false): string {
  if (x === undefined || x === null) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (typeof x === 'number') return pyNum(x);
  if (typeof x === 'string') return `'${x}'`;
  if (Array.isArray(x)) {
    const items = x.map((e) => pyValue(e)).join(', ');
    return tuple ? `(${items}${x.length === 1 ? ',' : ''})` : `[${items}]`;
  }
  return String(x);
}

// ---------------------------------------------------------------- callable transform objects

export abstract class Transform {
  abstract forward(img: any): any;
  abstract toString(): string;
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
// Transform objects are functions (see callable): keep call/apply/bind on their prototype chain.
Object.setPrototypeOf(Transform.prototype, Function.prototype);

type Callable<T extends Transform> = T & ((img: Parameters<T['forward']>[0]) => ReturnType<T['forward']>);
export type TransformFactory<A extends unknown[], T extends Transform> = {
  (...args: A): Callable<T>;
  new (...args: A): Callable<T>;
  readonly prototype: T;
};

export function callable<A extends unknown[], T extends Transform>(Cls: new (...args: A) => T): TransformFactory<A, T> {
  function factory(...args: A): Callable<T> {
    const state = new Cls(...args);
    const fn = ((img: unknown) => (fn as unknown as T).forward(img)) as unknown as Callable<T>;
    Object.setPrototypeOf(fn, Cls.prototype);
    Object.assign(fn, state);
    return fn;
  }
  factory.prototype = Cls.prototype;
  Object.defineProperty(factory, 'name', { value: Cls.name.replace(/Transform$/, '') });
  return factory as unknown as TransformFactory<A, T>;
}

/** _setup_size: an int n is (n, n) (a tuple); [n] is (n, n); [h, w] stays a list. */
function setupSize(call: string, size: unknown): { size: [number, number]; tuple: boolean } {
  if (typeof size === 'number') {
    const n = v.int(call, 'size', size, 0);
    return { size: [n, n], tuple: true };
  }
  if (Array.isArray(size) && size.length === 1) {
    const n = v.int(call, 'size[0]', size[0], 0);
    return { size: [n, n], tuple: true };
  }
  if (Array.isArray(size) && size.length === 2) return { size: v.ints(call, 'size', size, 0) as [number, number], tuple: false };
  throw new RangeError(`${call}: Please provide only two dimensions (h, w) for size.`);
}

// ---------------------------------------------------------------- composition

class ComposeTransform extends Transform {
  readonly transforms: ((img: any) => any)[];
  constructor(transforms: readonly ((img: any) => any)[]) {
    super();
    const call = 'transforms.Compose';
    if (!Array.isArray(transforms)) throw argError(call, 'transforms', 'an array of transforms', transforms);
    transforms.forEach((t, i) => v.func(call, `transforms[${i}]`, t));
    this.transforms = [...transforms];
  }
  forward(img: any): any {
    for (const t of this.transforms) img = t(img);
    return img;
  }
  toString(): string {
    return `Compose(${this.transforms.map((t) => `\n    ${String(t)}`).join('')}\n)`;
  }
}
export const Compose = callable(ComposeTransform);

class LambdaTransform extends Transform {
  readonly lambd: (img: any) => any;
  constructor(lambd: (img: any) => any) {
    super();
    if (typeof lambd !== 'function') throw new TypeError(`transforms.Lambda: Argument lambd should be callable, got ${lambd === null ? 'null' : typeof lambd}`);
    this.lambd = lambd;
  }
  forward(img: any): any {
    return this.lambd(img);
  }
  toString(): string {
    return 'Lambda()';
  }
}
export const Lambda = callable(LambdaTransform);

// ---------------------------------------------------------------- conversions

class ToTensorTransform extends Transform {
  forward(pic: Image): Tensor {
    return F.toTensor(pic);
  }
  toString(): string {
    return 'ToTensor()';
  }
}
export const ToTensor = callable(ToTensorTransform);

class PILToTensorTransform extends Transform {
  forward(pic: Image): Tensor {
    return F.pilToTensor(pic);
  }
  toString(): string {
    return 'PILToTensor()';
  }
}
export const PILToTensor = callable(PILToTensorTransform);

class ToPILImageTransform extends Transform {
  readonly mode: ImageMode | null;
  constructor(...args: [mode?: ImageMode | null] | [{ mode?: ImageMode | null }]) {
    super();
    const call = 'transforms.ToPILImage';
    const p = v.bindArgs(call, ['mode'], args);
    this.mode = p.mode === undefined || p.mode === null ? null : v.oneOf(call, 'mode', p.mode, ['L', 'RGB'] as const);
  }
  forward(pic: Tensor): Image {
    return F.toPilImage(pic, this.mode);
  }
  toString(): string {
    return `ToPILImage(${this.mode === null ? '' : `mode=${this.mode}`})`;
  }
}
export const ToPILImage = callable(ToPILImageTransform);

class NormalizeTransform extends Transform {
  readonly mean: number | number[];
  readonly std: number | number[];
  readonly inplace: boolean;
  constructor(...args: [mean: number | number[], std: number | number[], inplace?: boolean | { inplace?: boolean }] | [{ mean: number | number[]; std: number | number[]; inplace?: boolean }]) {
    super();
    const call = 'transforms.Normalize';
    const p = v.bindArgs(call, ['mean', 'std', 'inplace'], args);
    const seq = (name: string, x: unknown): number | number[] => {
      if (typeof x === 'number') return x;
      if (Array.isArray(x) && x.length > 0) return x.map((e, i) => v.number(call, `${name}[${i}]`, e));
      throw argError(call, name, 'a number or a non-empty array of numbers', x);
    };
    this.mean = seq('mean', p.mean);
    this.std = seq('std', p.std);
    this.inplace = p.inplace === undefined ? false : v.bool(call, 'inplace', p.inplace);
  }
  forward(t: Tensor): Tensor {
    return F.normalize(t, this.mean, this.std, this.inplace);
  }
  toString(): string {
    return `Normalize(mean=${pyValue(this.mean)}, std=${pyValue(this.std)})`;
  }
}
export const Normalize = callable(NormalizeTransform);

// ---------------------------------------------------------------- geometry

interface ResizeOptions {
  size?: number | number[];
  interpolation?: InterpolationMode;
  maxSize?: number | null;
  antialias?: boolean | null;
}
class ResizeTransform extends Transform {
  readonly size: number | number[];
  readonly interpolation: InterpolationMode;
  readonly maxSize: number | null;
  readonly antialias: boolean | null;
  constructor(...args: [size: number | number[], interpolation?: InterpolationMode | ResizeOptions, maxSize?: number | null | ResizeOptions, antialias?: boolean | null | ResizeOptions] | [ResizeOptions]) {
    super();
    const call = 'transforms.Resize';
    const p = v.bindArgs(call, ['size', 'interpolation', 'maxSize', 'antialias'], args);
    if (typeof p.size === 'number') this.size = v.int(call, 'size', p.size, 1);
    else if (Array.isArray(p.size) && (p.size.length === 1 || p.size.length === 2)) this.size = v.ints(call, 'size', p.size, 1);
    else if (Array.isArray(p.size)) throw new RangeError(`${call}: If size is a sequence, it should have 1 or 2 values`);
    else throw new TypeError(`${call}: Size should be int or sequence. Got ${p.size === null ? 'null' : typeof p.size}`);
    this.interpolation = p.interpolation === undefined ? 'bilinear' : v.oneOf(call, 'interpolation', p.interpolation, ['nearest', 'bilinear', 'bicubic'] as const);
    this.maxSize = v.optInt(call, 'max_size', p.maxSize, 1) ?? null;
    this.antialias = p.antialias === undefined || p.antialias === null ? null : v.bool(call, 'antialias', p.antialias);
  }
  forward<X extends Img>(img: X): X {
    return F.resize(img, this.size, this.interpolation, this.maxSize, this.antialias) as X;
  }
  toString(): string {
    return `Resize(size=${pyValue(this.size)}, interpolation=${this.interpolation}, max_size=${pyValue(this.maxSize)}, antialias=${pyValue(this.antialias)})`;
  }
}
export const Resize = callable(ResizeTransform);

class CenterCropTransform extends Transform {
  readonly size: [number, number];
  private readonly sizeIsTuple: boolean;
  constructor(size: number | number[]) {
    super();
    const s = setupSize('transforms.CenterCrop', size);
    this.size = s.size;
    this.sizeIsTuple = s.tuple;
  }
  forward<X extends Img>(img: X): X {
    return F.centerCrop(img, this.size) as X;
  }
  toString(): string {
    return `CenterCrop(size=${pyValue(this.size, this.sizeIsTuple)})`;
  }
}
export const CenterCrop = callable(CenterCropTransform);

interface RandomCropOptions {
  size?: number | number[];
  padding?: number | number[] | null;
  padIfNeeded?: boolean;
  fill?: number | number[];
  paddingMode?: PaddingMode;
}
class RandomCropTransform extends Transform {
  readonly size: [number, number];
  readonly padding: number | number[] | null;
  readonly padIfNeeded: boolean;
  readonly fill: number | number[];
  readonly paddingMode: PaddingMode;
  constructor(...args: [size: number | number[], opts?: RandomCropOptions] | [RandomCropOptions]) {
    super();
    const call = 'transforms.RandomCrop';
    const p = v.bindArgs(call, ['size', 'padding', 'padIfNeeded', 'fill', 'paddingMode'], args);
    this.size = setupSize(call, p.size).size;
    this.padding = p.padding === undefined || p.padding === null ? null : (p.padding as number | number[]);
    this.padIfNeeded = p.padIfNeeded === undefined ? false : v.bool(call, 'pad_if_needed', p.padIfNeeded);
    this.fill = (p.fill ?? 0) as number | number[];
    this.paddingMode = p.paddingMode === undefined ? 'constant' : v.oneOf(call, 'padding_mode', p.paddingMode, ['constant', 'edge', 'reflect', 'symmetric'] as const);
  }
  /** get_params(img, outputSize): [i, j, h, w], drawn with torch.randint as torchvision. */
  static getParams(img: Img, outputSize: readonly [number, number]): [number, number, number, number] {
    const [, h, w] = F.getDimensions(img);
    if (v.ints('transforms.RandomCrop.get_params', 'output_size', outputSize, 0).length !== 2) throw argError('transforms.RandomCrop.get_params', 'output_size', 'a pair (h, w)', outputSize, 'range');
    const [th, tw] = outputSize;
    if (h < th || w < tw) throw new RangeError(`transforms.RandomCrop: Required crop size (${th}, ${tw}) is larger than input image size (${h}, ${w})`);
    if (w === tw && h === th) return [0, 0, h, w];
    const i = randint(0, h - th + 1, [1]).item() as number;
    const j = randint(0, w - tw + 1, [1]).item() as number;
    return [i, j, th, tw];
  }
  forward<X extends Img>(img: X): X {
    let x: Img = img;
    if (this.padding !== null) x = F.pad(x, this.padding, this.fill, this.paddingMode);
    const [, height, width] = F.getDimensions(x);
    if (this.padIfNeeded && width < this.size[1]) x = F.pad(x, [this.size[1] - width, 0], this.fill, this.paddingMode);
    if (this.padIfNeeded && height < this.size[0]) x = F.pad(x, [0, this.size[0] - height], this.fill, this.paddingMode);
    const [i, j, h, w] = RandomCropTransform.getParams(x, this.size);
    return F.crop(x, i, j, h, w) as X;
  }
  toString(): string {
    return `RandomCrop(size=${pyValue(this.size, true)}, padding=${pyValue(this.padding)})`;
  }
}
export const RandomCrop = Object.assign(callable(RandomCropTransform), { getParams: RandomCropTransform.getParams });

function probability(call: string, args: readonly unknown[]): number {
  const p = v.bindArgs(call, ['p'], args).p;
  return p === undefined ? 0.5 : v.inRange(call, 'p', p, 0, 1);
}

class RandomHorizontalFlipTransform extends Transform {
  readonly p: number;
  constructor(...args: [p?: number] | [{ p?: number }]) {
    super();
    this.p = probability('transforms.RandomHorizontalFlip', args);
  }
  forward<X extends Img>(img: X): X {
    return ((rand(1).item() as number) < this.p ? F.hflip(img) : img) as X;
  }
  toString(): string {
    return `RandomHorizontalFlip(p=${pyNum(this.p)})`;
  }
}
export const RandomHorizontalFlip = callable(RandomHorizontalFlipTransform);

class RandomVerticalFlipTransform extends Transform {
  readonly p: number;
  constructor(...args: [p?: number] | [{ p?: number }]) {
    super();
    this.p = probability('transforms.RandomVerticalFlip', args);
  }
  forward<X extends Img>(img: X): X {
    return ((rand(1).item() as number) < this.p ? F.vflip(img) : img) as X;
  }
  toString(): string {
    return `RandomVerticalFlip(p=${pyNum(this.p)})`;
  }
}
export const RandomVerticalFlip = callable(RandomVerticalFlipTransform);

interface RandomRotationOptions {
  degrees?: number | number[];
  interpolation?: InterpolationMode;
  expand?: boolean;
  center?: number[] | null;
  fill?: number | number[];
}
class RandomRotationTransform extends Transform {
  readonly degrees: [number, number];
  readonly interpolation: InterpolationMode;
  readonly expand: boolean;
  readonly center: number[] | null;
  readonly fill: number | number[];
  constructor(...args: [degrees: number | number[], opts?: RandomRotationOptions] | [RandomRotationOptions]) {
    super();
    const call = 'transforms.RandomRotation';
    const p = v.bindArgs(call, ['degrees', 'interpolation', 'expand', 'center', 'fill'], args);
    if (typeof p.degrees === 'number') {
      if (p.degrees < 0) throw new RangeError(`${call}: If degrees is a single number, it must be positive.`);
      this.degrees = [-p.degrees, p.degrees];
    } else if (Array.isArray(p.degrees) && p.degrees.length === 2) {
      this.degrees = [v.number(call, 'degrees[0]', p.degrees[0]), v.number(call, 'degrees[1]', p.degrees[1])];
    } else throw new RangeError(`${call}: degrees should be a number or a sequence of length 2.`);
    this.interpolation = p.interpolation === undefined ? 'nearest' : v.oneOf(call, 'interpolation', p.interpolation, ['nearest', 'bilinear', 'bicubic'] as const);
    this.expand = p.expand === undefined ? false : v.bool(call, 'expand', p.expand);
    if (p.center !== undefined && p.center !== null && !(Array.isArray(p.center) && p.center.length === 2)) throw new RangeError(`${call}: center should be a sequence of length 2.`);
    this.center = (p.center as number[] | undefined) ?? null;
    this.fill = (p.fill ?? 0) as number | number[];
  }
  /** get_params(degrees): torch.empty(1).uniform_(degrees[0], degrees[1]).item(). */
  static getParams(degrees: readonly [number, number]): number {
    if (v.numbers('transforms.RandomRotation.get_params', 'degrees', degrees).length !== 2) throw argError('transforms.RandomRotation.get_params', 'degrees', 'a pair [min, max]', degrees, 'range');
    return empty(1).uniform_(degrees[0], degrees[1]).item() as number;
  }
  forward<X extends Img>(img: X): X {
    const angle = RandomRotationTransform.getParams(this.degrees);
    return F.rotate(img, angle, this.interpolation, this.expand, this.center, this.fill) as X;
  }
  toString(): string {
    const center = this.center === null ? '' : `, center=${pyValue(this.center)}`;
    return `RandomRotation(degrees=[${this.degrees.map(pyFloat).join(', ')}], interpolation=${this.interpolation}, expand=${pyValue(this.expand)}${center}, fill=${pyValue(this.fill)})`;
  }
}
export const RandomRotation = Object.assign(callable(RandomRotationTransform), { getParams: RandomRotationTransform.getParams });

// ---------------------------------------------------------------- color

class GrayscaleTransform extends Transform {
  readonly numOutputChannels: number;
  constructor(...args: [numOutputChannels?: number] | [{ numOutputChannels?: number }]) {
    super();
    const call = 'transforms.Grayscale';
    const n = v.bindArgs(call, ['numOutputChannels'], args).numOutputChannels ?? 1;
    if (n !== 1 && n !== 3) throw argError(call, 'num_output_channels', '1 or 3', n, 'range');
    this.numOutputChannels = n;
  }
  forward<X extends Img>(img: X): X {
    return F.rgbToGrayscale(img, this.numOutputChannels) as X;
  }
  toString(): string {
    return `Grayscale(num_output_channels=${this.numOutputChannels})`;
  }
}
export const Grayscale = callable(GrayscaleTransform);
