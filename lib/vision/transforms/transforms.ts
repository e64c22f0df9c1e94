// torchvision.transforms (0.14) classes. Each is a callable made without `new` (with `new` too):
// `const t = transforms.Resize([224, 224]); t(img)`. The callable IS the transform object: it carries
// the parameters (t.size), `instanceof transforms.Resize` holds, and String(t) is torchvision's repr.
// Random transforms draw from torch's default generator exactly as torchvision does.
import { Tensor } from '../../tensor';
import { rand, randint, randperm, empty, tensor } from '../../creation';
import { cat } from '../../functions';
import { DType, float32 } from '../../dtype';
import * as PyRandom from './_python_random';
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
    this.interpolation = p.interpolation === undefined ? 'bilinear' : v.oneOf(call, 'interpolation', p.interpolation, ['nearest', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'] as const);
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

// ---------------------------------------------------------------- more of torchvision.transforms (0.14)

/** Python's round(): halves to even. */
function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const draw = (lo: number, hi: number): number => empty(1).uniform_(lo, hi).item() as number;
const coin = (): number => rand(1).item() as number;

function fillArg(call: string, fill: unknown): number | number[] {
  if (fill === undefined || fill === null) return 0;
  if (typeof fill === 'number') return v.number(call, 'fill', fill);
  if (Array.isArray(fill)) return v.numbers(call, 'fill', fill);
  throw new TypeError(`${call}: Fill should be either a sequence or a number.`);
}
function tensorFillOf(img: Img, fill: number | number[] | null): number | number[] | null {
  if (!(img instanceof Tensor) || fill === null) return fill;
  const c = F.getDimensions(img)[0];
  return typeof fill === 'number' ? Array(c).fill(fill) : fill;
}
function interpOf(call: string, x: unknown, dflt: InterpolationMode): InterpolationMode {
  return x === undefined ? dflt : v.oneOf(call, 'interpolation', x, ['nearest', 'bilinear', 'bicubic', 'box', 'hamming', 'lanczos'] as const);
}
/** _setup_angle(x, name, req_sizes). */
function setupAngle(call: string, x: unknown, name: string, reqSizes: number[]): number[] {
  if (typeof x === 'number') {
    if (x < 0) throw new RangeError(`${call}: If ${name} is a single number, it must be positive.`);
    return [-x, x];
  }
  if (!Array.isArray(x) || !reqSizes.includes(x.length)) throw new RangeError(`${call}: If ${name} is a sequence its length should be one of ${JSON.stringify(reqSizes)}.`);
  return v.numbers(call, name, x);
}
function pair(call: string, name: string, x: unknown): [number, number] {
  if (!Array.isArray(x) || x.length !== 2) throw new TypeError(`${call}: ${name} should be a sequence of length 2.`);
  return v.numbers(call, name, x) as [number, number];
}
const pyTuple = (xs: readonly number[]): string => `(${xs.map(pyNum).join(', ')})`;
const listRepr = (xs: readonly number[]): string => `[${xs.map(pyNum).join(', ')}]`;

class ConvertImageDtypeTransform extends Transform {
  readonly dtype: DType;
  constructor(dtype: DType) {
    super();
    if (!(dtype instanceof DType)) throw argError('transforms.ConvertImageDtype', 'dtype', 'a torch dtype', dtype);
    this.dtype = dtype;
  }
  forward(image: Tensor): Tensor {
    return F.convertImageDtype(image, this.dtype);
  }
  toString(): string {
    return 'ConvertImageDtype()';
  }
}
export const ConvertImageDtype = callable(ConvertImageDtypeTransform);

interface PadOptions { padding?: number | number[]; fill?: number | number[]; paddingMode?: PaddingMode }
class PadTransform extends Transform {
  readonly padding: number | number[];
  readonly fill: number | number[];
  readonly paddingMode: PaddingMode;
  constructor(...args: [padding: number | number[], fill?: number | number[] | PadOptions, paddingMode?: PaddingMode | PadOptions] | [PadOptions]) {
    super();
    const call = 'transforms.Pad';
    const p = v.bindArgs(call, ['padding', 'fill', 'paddingMode'], args);
    if (typeof p.padding === 'number') this.padding = v.int(call, 'padding', p.padding, 0);
    else if (Array.isArray(p.padding) && [1, 2, 4].includes(p.padding.length)) this.padding = v.ints(call, 'padding', p.padding, 0);
    else throw new RangeError(`${call}: Padding must be an int or a 1, 2, or 4 element tuple, not ${String(p.padding)}`);
    this.fill = fillArg(call, p.fill);
    this.paddingMode = p.paddingMode === undefined ? 'constant' : v.oneOf(call, 'padding_mode', p.paddingMode, ['constant', 'edge', 'reflect', 'symmetric'] as const);
  }
  forward<X extends Img>(img: X): X {
    return F.pad(img, this.padding, this.fill, this.paddingMode) as X;
  }
  toString(): string {
    return `Pad(padding=${pyValue(this.padding)}, fill=${pyValue(this.fill)}, padding_mode=${this.paddingMode})`;
  }
}
export const Pad = callable(PadTransform);

class RandomApplyTransform extends Transform {
  readonly transforms: ((img: any) => any)[];
  readonly p: number;
  constructor(...args: [transforms: ((img: any) => any)[], p?: number | { p?: number }] | [{ transforms: ((img: any) => any)[]; p?: number }]) {
    super();
    const call = 'transforms.RandomApply';
    const o = v.bindArgs(call, ['transforms', 'p'], args);
    if (!Array.isArray(o.transforms)) throw argError(call, 'transforms', 'an array of transforms', o.transforms);
    o.transforms.forEach((t: unknown, i: number) => v.func(call, `transforms[${i}]`, t));
    this.transforms = [...o.transforms];
    this.p = o.p === undefined ? 0.5 : v.inRange(call, 'p', o.p, 0, 1);
  }
  forward(img: any): any {
    if (this.p < coin()) return img;
    for (const t of this.transforms) img = t(img);
    return img;
  }
  toString(): string {
    return `RandomApply(\n    p=${pyNum(this.p)}${this.transforms.map((t) => `\n    ${String(t)}`).join('')}\n)`;
  }
}
export const RandomApply = callable(RandomApplyTransform);

class RandomChoiceTransform extends Transform {
  readonly transforms: ((img: any) => any)[];
  readonly p: number[] | null;
  constructor(transforms: ((img: any) => any)[], p?: number[] | null) {
    super();
    const call = 'transforms.RandomChoice';
    if (!Array.isArray(transforms)) throw new TypeError(`${call}: Argument transforms should be a sequence`);
    transforms.forEach((t, i) => v.func(call, `transforms[${i}]`, t));
    if (p !== undefined && p !== null && !Array.isArray(p)) throw new TypeError(`${call}: Argument p should be a sequence`);
    this.transforms = [...transforms];
    this.p = p ? v.numbers(call, 'p', p) : null;
  }
  /** Python's random.choices (see pythonRandom), as torchvision draws. */
  forward(img: any): any {
    return PyRandom.choice(this.transforms, this.p)(img);
  }
  toString(): string {
    return `RandomChoice(${this.transforms.map((t) => `\n    ${String(t)}`).join('')}\n)(p=${this.p === null ? 'None' : listRepr(this.p)})`;
  }
}
export const RandomChoice = callable(RandomChoiceTransform);

class RandomOrderTransform extends Transform {
  readonly transforms: ((img: any) => any)[];
  constructor(transforms: ((img: any) => any)[]) {
    super();
    const call = 'transforms.RandomOrder';
    if (!Array.isArray(transforms)) throw new TypeError(`${call}: Argument transforms should be a sequence`);
    transforms.forEach((t, i) => v.func(call, `transforms[${i}]`, t));
    this.transforms = [...transforms];
  }
  /** Python's random.shuffle (see pythonRandom), as torchvision draws. */
  forward(img: any): any {
    const order = this.transforms.map((_t, i) => i);
    PyRandom.shuffle(order);
    for (const i of order) img = this.transforms[i](img);
    return img;
  }
  toString(): string {
    return `RandomOrder(${this.transforms.map((t) => `\n    ${String(t)}`).join('')}\n)`;
  }
}
export const RandomOrder = callable(RandomOrderTransform);

interface RandomResizedCropOptions { size?: number | number[]; scale?: number[]; ratio?: number[]; interpolation?: InterpolationMode; antialias?: boolean | null }
class RandomResizedCropTransform extends Transform {
  readonly size: [number, number];
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly interpolation: InterpolationMode;
  readonly antialias: boolean | null;
  constructor(...args: [size: number | number[], opts?: RandomResizedCropOptions] | [RandomResizedCropOptions]) {
    super();
    const call = 'transforms.RandomResizedCrop';
    const p = v.bindArgs(call, ['size', 'scale', 'ratio', 'interpolation', 'antialias'], args);
    this.size = setupSize(call, p.size).size;
    this.scale = p.scale === undefined ? [0.08, 1.0] : pair(call, 'scale', p.scale);
    this.ratio = p.ratio === undefined ? [3.0 / 4.0, 4.0 / 3.0] : pair(call, 'ratio', p.ratio);
    this.interpolation = interpOf(call, p.interpolation, 'bilinear');
    this.antialias = p.antialias === undefined || p.antialias === null ? null : v.bool(call, 'antialias', p.antialias);
  }
  static getParams(img: Img, scale: readonly number[], ratio: readonly number[]): [number, number, number, number] {
    const call = 'transforms.RandomResizedCrop.get_params';
    if (!(img instanceof Tensor) && !(img instanceof Image)) throw argError(call, 'img', 'a PIL-like Image or a Tensor', img);
    pair(call, 'scale', scale);
    pair(call, 'ratio', ratio);
    const [, height, width] = F.getDimensions(img);
    const area = height * width;
    const logRatio = tensor([...ratio]).log();
    const [lr0, lr1] = logRatio.tolist() as number[];
    for (let k = 0; k < 10; k++) {
      const targetArea = area * draw(scale[0], scale[1]);
      const aspectRatio = empty(1).uniform_(lr0, lr1).exp().item() as number;
      const w = pyRound(Math.sqrt(targetArea * aspectRatio));
      const h = pyRound(Math.sqrt(targetArea / aspectRatio));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        const i = randint(0, height - h + 1, [1]).item() as number;
        const j = randint(0, width - w + 1, [1]).item() as number;
        return [i, j, h, w];
      }
    }
    const inRatio = width / height;
    let w: number, h: number;
    if (inRatio < Math.min(...ratio)) {
      w = width;
      h = pyRound(w / Math.min(...ratio));
    } else if (inRatio > Math.max(...ratio)) {
      h = height;
      w = pyRound(h * Math.max(...ratio));
    } else {
      w = width;
      h = height;
    }
    return [Math.floor((height - h) / 2), Math.floor((width - w) / 2), h, w];
  }
  forward<X extends Img>(img: X): X {
    const [i, j, h, w] = RandomResizedCropTransform.getParams(img, this.scale, this.ratio);
    return F.resizedCrop(img, i, j, h, w, this.size, this.interpolation, this.antialias) as X;
  }
  toString(): string {
    const r4 = (x: number) => pyFloat(Math.round(x * 1e4) / 1e4);
    return `RandomResizedCrop(size=${pyValue(this.size, true)}, scale=(${this.scale.map(r4).join(', ')}), ratio=(${this.ratio.map(r4).join(', ')}), interpolation=${this.interpolation}), antialias=${pyValue(this.antialias)})`;
  }
}
export const RandomResizedCrop = Object.assign(callable(RandomResizedCropTransform), { getParams: RandomResizedCropTransform.getParams });

class FiveCropTransform extends Transform {
  readonly size: [number, number];
  constructor(size: number | number[]) {
    super();
    this.size = setupSize('transforms.FiveCrop', size).size;
  }
  forward<X extends Img>(img: X): X[] {
    return F.fiveCrop(img, this.size) as X[];
  }
  toString(): string {
    return `FiveCrop(size=${pyValue(this.size, true)})`;
  }
}
export const FiveCrop = callable(FiveCropTransform);

class TenCropTransform extends Transform {
  readonly size: [number, number];
  readonly verticalFlip: boolean;
  constructor(size: number | number[], verticalFlip?: boolean | { verticalFlip?: boolean }) {
    super();
    const call = 'transforms.TenCrop';
    this.size = setupSize(call, size).size;
    const vf = v.isPlainObject(verticalFlip) ? (verticalFlip as { verticalFlip?: boolean }).verticalFlip : verticalFlip;
    this.verticalFlip = vf === undefined ? false : v.bool(call, 'vertical_flip', vf);
  }
  forward<X extends Img>(img: X): X[] {
    return F.tenCrop(img, this.size, this.verticalFlip) as X[];
  }
  toString(): string {
    return `TenCrop(size=${pyValue(this.size, true)}, vertical_flip=${pyValue(this.verticalFlip)})`;
  }
}
export const TenCrop = callable(TenCropTransform);

class LinearTransformationTransform extends Transform {
  readonly transformationMatrix: Tensor;
  readonly meanVector: Tensor;
  constructor(transformationMatrix: Tensor, meanVector: Tensor) {
    super();
    const call = 'transforms.LinearTransformation';
    if (!(transformationMatrix instanceof Tensor) || transformationMatrix.dim() !== 2 || transformationMatrix.shape[0] !== transformationMatrix.shape[1]) {
      throw new RangeError(`${call}: transformation_matrix should be square. Got ${transformationMatrix instanceof Tensor ? `[${transformationMatrix.shape.join(', ')}]` : typeof transformationMatrix} rectangular matrix.`);
    }
    if (!(meanVector instanceof Tensor) || meanVector.dim() !== 1 || meanVector.shape[0] !== transformationMatrix.shape[0]) {
      throw new RangeError(`${call}: mean_vector should have the same length ${transformationMatrix.shape[0]} as any one of the dimensions of the transformation_matrix`);
    }
    if (String(transformationMatrix.device) !== String(meanVector.device)) throw new RangeError(`${call}: Input tensors should be on the same device.`);
    if (transformationMatrix.dtype !== meanVector.dtype) throw new TypeError(`${call}: Input tensors should have the same dtype. Got ${transformationMatrix.dtype} and ${meanVector.dtype}.`);
    this.transformationMatrix = transformationMatrix;
    this.meanVector = meanVector;
  }
  forward(t: Tensor): Tensor {
    const call = 'transforms.LinearTransformation';
    if (!(t instanceof Tensor) || t.dim() < 3) throw argError(call, 'tensor', 'a Tensor of shape [..., C, H, W]', t);
    const s = t.shape;
    const n = s[s.length - 3] * s[s.length - 2] * s[s.length - 1];
    if (n !== this.transformationMatrix.shape[0]) {
      throw new RangeError(`${call}: Input tensor and transformation matrix have incompatible shape.[${s.slice(-3).join(' x ')}] = ${n} != ${this.transformationMatrix.shape[0]}`);
    }
    const flat = t.reshape(-1, n).sub(this.meanVector);
    return flat.mm(this.transformationMatrix.to(flat.dtype)).view(s);
  }
  toString(): string {
    return `LinearTransformation(transformation_matrix=${JSON.stringify(this.transformationMatrix.tolist())}, mean_vector=${JSON.stringify(this.meanVector.tolist())})`;
  }
}
export const LinearTransformation = callable(LinearTransformationTransform);

type Range = [number, number] | null;
interface ColorJitterOptions { brightness?: number | number[]; contrast?: number | number[]; saturation?: number | number[]; hue?: number | number[] }
class ColorJitterTransform extends Transform {
  readonly brightness: Range;
  readonly contrast: Range;
  readonly saturation: Range;
  readonly hue: Range;
  constructor(...args: [brightness?: number | number[] | ColorJitterOptions, contrast?: number | number[], saturation?: number | number[], hue?: number | number[]] | [ColorJitterOptions]) {
    super();
    const call = 'transforms.ColorJitter';
    const p = v.bindArgs(call, ['brightness', 'contrast', 'saturation', 'hue'], args);
    const check = (value: unknown, name: string, center = 1, bound: [number, number] = [0, Infinity], clipFirstOnZero = true): Range => {
      let r: number[];
      if (value === undefined) value = 0;
      if (typeof value === 'number') {
        if (value < 0) throw new RangeError(`${call}: If ${name} is a single number, it must be non negative.`);
        r = [center - value, center + value];
        if (clipFirstOnZero) r[0] = Math.max(r[0], 0.0);
      } else if (Array.isArray(value) && value.length === 2) r = v.numbers(call, name, value);
      else throw new TypeError(`${call}: ${name} should be a single number or a list/tuple with length 2.`);
      if (!(bound[0] <= r[0] && r[0] <= r[1] && r[1] <= bound[1])) throw new RangeError(`${call}: ${name} values should be between (${bound.join(', ')}), but got [${r.join(', ')}].`);
      return r[0] === r[1] && r[1] === center ? null : [r[0], r[1]];
    };
    this.brightness = check(p.brightness, 'brightness');
    this.contrast = check(p.contrast, 'contrast');
    this.saturation = check(p.saturation, 'saturation');
    this.hue = check(p.hue, 'hue', 0, [-0.5, 0.5], false);
  }
  /** get_params: torch.randperm(4), then one uniform_ per set range, in torchvision's order. */
  static getParams(brightness: Range, contrast: Range, saturation: Range, hue: Range): [number[], number | null, number | null, number | null, number | null] {
    const call = 'transforms.ColorJitter.get_params';
    ([['brightness', brightness], ['contrast', contrast], ['saturation', saturation], ['hue', hue]] as const).forEach(([n, r]) => {
      if (r !== null) pair(call, n, r);
    });
    const fnIdx = randperm(4).tolist() as number[];
    const b = brightness === null ? null : draw(brightness[0], brightness[1]);
    const c = contrast === null ? null : draw(contrast[0], contrast[1]);
    const s = saturation === null ? null : draw(saturation[0], saturation[1]);
    const h = hue === null ? null : draw(hue[0], hue[1]);
    return [fnIdx, b, c, s, h];
  }
  forward<X extends Img>(img: X): X {
    const [fnIdx, b, c, s, h] = ColorJitterTransform.getParams(this.brightness, this.contrast, this.saturation, this.hue);
    let x: Img = img;
    for (const id of fnIdx) {
      if (id === 0 && b !== null) x = F.adjustBrightness(x, b);
      else if (id === 1 && c !== null) x = F.adjustContrast(x, c);
      else if (id === 2 && s !== null) x = F.adjustSaturation(x, s);
      else if (id === 3 && h !== null) x = F.adjustHue(x, h);
    }
    return x as X;
  }
  toString(): string {
    const r = (x: Range) => (x === null ? 'None' : `[${x.map(pyFloat).join(', ')}]`);
    return `ColorJitter(brightness=${r(this.brightness)}, contrast=${r(this.contrast)}, saturation=${r(this.saturation)}, hue=${r(this.hue)})`;
  }
}
export const ColorJitter = Object.assign(callable(ColorJitterTransform), { getParams: ColorJitterTransform.getParams });

class RandomGrayscaleTransform extends Transform {
  readonly p: number;
  constructor(...args: [p?: number] | [{ p?: number }]) {
    super();
    const p = v.bindArgs('transforms.RandomGrayscale', ['p'], args).p;
    this.p = p === undefined ? 0.1 : v.inRange('transforms.RandomGrayscale', 'p', p, 0, 1);
  }
  forward<X extends Img>(img: X): X {
    const c = F.getDimensions(img)[0];
    return (coin() < this.p ? F.rgbToGrayscale(img, c) : img) as X;
  }
  toString(): string {
    return `RandomGrayscale(p=${pyNum(this.p)})`;
  }
}
export const RandomGrayscale = callable(RandomGrayscaleTransform);

interface RandomAffineOptions { degrees?: number | number[]; translate?: number[] | null; scale?: number[] | null; shear?: number | number[] | null; interpolation?: InterpolationMode; fill?: number | number[]; center?: number[] | null }
class RandomAffineTransform extends Transform {
  readonly degrees: number[];
  readonly translate: number[] | null;
  readonly scale: number[] | null;
  readonly shear: number[] | null;
  readonly interpolation: InterpolationMode;
  readonly fill: number | number[];
  readonly center: number[] | null;
  constructor(...args: [degrees: number | number[], opts?: RandomAffineOptions] | [RandomAffineOptions]) {
    super();
    const call = 'transforms.RandomAffine';
    const p = v.bindArgs(call, ['degrees', 'translate', 'scale', 'shear', 'interpolation', 'fill', 'center'], args);
    this.degrees = setupAngle(call, p.degrees, 'degrees', [2]);
    if (p.translate !== undefined && p.translate !== null) {
      const t = pair(call, 'translate', p.translate);
      for (const x of t) if (!(x >= 0.0 && x <= 1.0)) throw new RangeError(`${call}: translation values should be between 0 and 1`);
      this.translate = t;
    } else this.translate = null;
    if (p.scale !== undefined && p.scale !== null) {
      const s = pair(call, 'scale', p.scale);
      for (const x of s) if (x <= 0) throw new RangeError(`${call}: scale values should be positive`);
      this.scale = s;
    } else this.scale = null;
    this.shear = p.shear === undefined || p.shear === null ? null : setupAngle(call, p.shear, 'shear', [2, 4]);
    this.interpolation = interpOf(call, p.interpolation, 'nearest');
    this.fill = fillArg(call, p.fill);
    if (p.center !== undefined && p.center !== null && !(Array.isArray(p.center) && p.center.length === 2)) throw new RangeError(`${call}: center should be a sequence of length 2.`);
    this.center = p.center ? v.numbers(call, 'center', p.center) : null;
  }
  static getParams(degrees: readonly number[], translate: readonly number[] | null, scaleRanges: readonly number[] | null, shears: readonly number[] | null, imgSize: readonly number[]): [number, [number, number], number, [number, number]] {
    const call = 'transforms.RandomAffine.get_params';
    pair(call, 'degrees', degrees);
    if (translate !== null) pair(call, 'translate', translate);
    if (scaleRanges !== null) pair(call, 'scale_ranges', scaleRanges);
    if (shears !== null && !(Array.isArray(shears) && (shears.length === 2 || shears.length === 4))) throw argError(call, 'shears', 'null or a list of 2 or 4 numbers', shears);
    if (shears !== null) v.numbers(call, 'shears', shears);
    pair(call, 'img_size', imgSize);
    const angle = draw(degrees[0], degrees[1]);
    let translations: [number, number] = [0, 0];
    if (translate !== null) {
      const maxDx = translate[0] * imgSize[0];
      const maxDy = translate[1] * imgSize[1];
      const tx = Math.trunc(pyRound(draw(-maxDx, maxDx)));
      const ty = Math.trunc(pyRound(draw(-maxDy, maxDy)));
      translations = [tx, ty];
    }
    const scale = scaleRanges !== null ? draw(scaleRanges[0], scaleRanges[1]) : 1.0;
    let shearX = 0.0, shearY = 0.0;
    if (shears !== null) {
      shearX = draw(shears[0], shears[1]);
      if (shears.length === 4) shearY = draw(shears[2], shears[3]);
    }
    return [angle, translations, scale, [shearX, shearY]];
  }
  forward<X extends Img>(img: X): X {
    const [, height, width] = F.getDimensions(img);
    const fill = tensorFillOf(img, this.fill);
    const [angle, tr, scale, shear] = RandomAffineTransform.getParams(this.degrees, this.translate, this.scale, this.shear, [width, height]);
    return F.affine(img, angle, tr, scale, shear, this.interpolation, fill, this.center) as X;
  }
  toString(): string {
    // _setup_angle makes degrees and shear floats; translate and scale print as given (tuples).
    let s = `RandomAffine(degrees=[${this.degrees.map(pyFloat).join(', ')}]`;
    if (this.translate !== null) s += `, translate=${pyTuple(this.translate)}`;
    if (this.scale !== null) s += `, scale=${pyTuple(this.scale)}`;
    if (this.shear !== null) s += `, shear=[${this.shear.map(pyFloat).join(', ')}]`;
    if (this.interpolation !== 'nearest') s += `, interpolation=${this.interpolation}`;
    if (this.fill !== 0) s += `, fill=${pyValue(this.fill)}`;
    if (this.center !== null) s += `, center=${listRepr(this.center)}`;
    return s + ')';
  }
}
export const RandomAffine = Object.assign(callable(RandomAffineTransform), { getParams: RandomAffineTransform.getParams });

interface RandomPerspectiveOptions { distortionScale?: number; p?: number; interpolation?: InterpolationMode; fill?: number | number[] }
class RandomPerspectiveTransform extends Transform {
  readonly distortionScale: number;
  readonly p: number;
  readonly interpolation: InterpolationMode;
  readonly fill: number | number[];
  constructor(...args: [distortionScale?: number | RandomPerspectiveOptions, p?: number, interpolation?: InterpolationMode, fill?: number | number[]] | [RandomPerspectiveOptions]) {
    super();
    const call = 'transforms.RandomPerspective';
    const o = v.bindArgs(call, ['distortionScale', 'p', 'interpolation', 'fill'], args);
    this.distortionScale = o.distortionScale === undefined ? 0.5 : v.inRange(call, 'distortion_scale', o.distortionScale, 0, 1);
    this.p = o.p === undefined ? 0.5 : v.inRange(call, 'p', o.p, 0, 1);
    this.interpolation = interpOf(call, o.interpolation, 'bilinear');
    this.fill = fillArg(call, o.fill);
  }
  static getParams(width: number, height: number, distortionScale: number): [number[][], number[][]] {
    const call = 'transforms.RandomPerspective.get_params';
    width = v.int(call, 'width', width, 1);
    height = v.int(call, 'height', height, 1);
    distortionScale = v.inRange(call, 'distortion_scale', distortionScale, 0, 1);
    const hh = Math.floor(height / 2), hw = Math.floor(width / 2);
    const ri = (lo: number, hi: number) => randint(lo, hi, [1]).item() as number;
    const dw = Math.trunc(distortionScale * hw), dh = Math.trunc(distortionScale * hh);
    const topleft = [ri(0, dw + 1), ri(0, dh + 1)];
    const topright = [ri(width - dw - 1, width), ri(0, dh + 1)];
    const botright = [ri(width - dw - 1, width), ri(height - dh - 1, height)];
    const botleft = [ri(0, dw + 1), ri(height - dh - 1, height)];
    const startpoints = [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]];
    return [startpoints, [topleft, topright, botright, botleft]];
  }
  forward<X extends Img>(img: X): X {
    const [, height, width] = F.getDimensions(img);
    const fill = tensorFillOf(img, this.fill);
    if (coin() < this.p) {
      const [s, e] = RandomPerspectiveTransform.getParams(width, height, this.distortionScale);
      return F.perspective(img, s, e, this.interpolation, fill) as X;
    }
    return img;
  }
  toString(): string {
    return `RandomPerspective(p=${pyNum(this.p)})`;
  }
}
export const RandomPerspective = Object.assign(callable(RandomPerspectiveTransform), { getParams: RandomPerspectiveTransform.getParams });

class GaussianBlurTransform extends Transform {
  readonly kernelSize: [number, number];
  readonly sigma: [number, number];
  private readonly kernelTuple: boolean;
  constructor(...args: [kernelSize: number | number[], sigma?: number | number[] | { sigma?: number | number[] }] | [{ kernelSize: number | number[]; sigma?: number | number[] }]) {
    super();
    const call = 'transforms.GaussianBlur';
    const p = v.bindArgs(call, ['kernelSize', 'sigma'], args);
    const ks = setupSize(call, p.kernelSize);
    for (const k of ks.size) if (k <= 0 || k % 2 === 0) throw new RangeError(`${call}: Kernel size value should be an odd and positive number.`);
    this.kernelSize = ks.size;
    this.kernelTuple = ks.tuple;
    const sigma = p.sigma === undefined ? [0.1, 2.0] : p.sigma;
    if (typeof sigma === 'number') {
      if (sigma <= 0) throw new RangeError(`${call}: If sigma is a single number, it must be positive.`);
      this.sigma = [sigma, sigma];
    } else if (Array.isArray(sigma) && sigma.length === 2) {
      const s = v.numbers(call, 'sigma', sigma);
      if (!(0.0 < s[0] && s[0] <= s[1])) throw new RangeError(`${call}: sigma values should be positive and of the form (min, max).`);
      this.sigma = [s[0], s[1]];
    } else throw new RangeError(`${call}: sigma should be a single number or a list/tuple with length 2.`);
  }
  static getParams(sigmaMin: number, sigmaMax: number): number {
    return draw(sigmaMin, sigmaMax);
  }
  forward<X extends Img>(img: X): X {
    const sigma = GaussianBlurTransform.getParams(this.sigma[0], this.sigma[1]);
    return F.gaussianBlur(img, this.kernelSize, [sigma, sigma]) as X;
  }
  toString(): string {
    return `GaussianBlur(kernel_size=${pyValue(this.kernelSize, this.kernelTuple)}, sigma=(${this.sigma.map(pyFloat).join(', ')}))`;
  }
}
export const GaussianBlur = Object.assign(callable(GaussianBlurTransform), { getParams: GaussianBlurTransform.getParams });

interface ElasticTransformOptions { alpha?: number | number[]; sigma?: number | number[]; interpolation?: InterpolationMode; fill?: number }
class ElasticTransformTransform extends Transform {
  readonly alpha: [number, number];
  readonly sigma: [number, number];
  readonly interpolation: InterpolationMode;
  readonly fill: number;
  constructor(...args: [alpha?: number | number[] | ElasticTransformOptions, sigma?: number | number[], interpolation?: InterpolationMode, fill?: number] | [ElasticTransformOptions]) {
    super();
    const call = 'transforms.ElasticTransform';
    const p = v.bindArgs(call, ['alpha', 'sigma', 'interpolation', 'fill'], args);
    const pairOf = (name: string, x: unknown): [number, number] => {
      if (typeof x === 'number') return [v.finite(call, name, x), x];
      if (!Array.isArray(x)) throw new TypeError(`${call}: ${name} should be float or a sequence of floats. Got ${x === null ? 'null' : typeof x}`);
      if (x.length !== 2) throw new RangeError(`${call}: If ${name} is a sequence its length should be 2. Got ${x.length}`);
      return x.map((e, i) => v.finite(call, `${name}[${i}]`, e)) as [number, number];
    };
    this.alpha = pairOf('alpha', p.alpha === undefined ? 50.0 : p.alpha);
    this.sigma = pairOf('sigma', p.sigma === undefined ? 5.0 : p.sigma);
    this.interpolation = interpOf(call, p.interpolation, 'bilinear');
    if (p.fill !== undefined && typeof p.fill !== 'number') throw new TypeError(`${call}: fill should be int or float. Got ${p.fill === null ? 'null' : typeof p.fill}`);
    this.fill = p.fill === undefined ? 0 : v.finite(call, 'fill', p.fill);
  }
  /** get_params(alpha, sigma, size): a [1, H, W, 2] displacement, uniform noise blurred and scaled. */
  static getParams(alpha: number[], sigma: number[], size: number[]): Tensor {
    const call = 'transforms.ElasticTransform.get_params';
    const a = pair(call, 'alpha', alpha), s = pair(call, 'sigma', sigma);
    if (!Array.isArray(size) || size.length !== 2) throw argError(call, 'size', 'a list [height, width]', size);
    const [h, w] = v.ints(call, 'size', size, 1);
    const field = (k: 0 | 1): Tensor => {
      let d = rand([1, 1, h, w]).mul(2).sub(1);
      if (s[k] > 0.0) {
        let ks = Math.trunc(8 * s[k] + 1);
        // if kernel size is even we have to make it odd
        if (ks % 2 === 0) ks += 1;
        d = F.gaussianBlur(d, [ks, ks], s) as Tensor;
      }
      return d.mul(a[k]).div([h, w][k]);
    };
    const dx = field(0);
    const dy = field(1);
    return cat([dx, dy], 1).permute([0, 2, 3, 1]); // 1 x H x W x 2
  }
  forward<X extends Img>(img: X): X {
    const [, height, width] = F.getDimensions(img);
    const displacement = ElasticTransformTransform.getParams(this.alpha, this.sigma, [height, width]);
    return F.elasticTransform(img, displacement, this.interpolation, this.fill) as X;
  }
  toString(): string {
    // torchvision 0.14's __repr__ forgot the f-prefix on its last two parts: they print literally.
    return `ElasticTransform(alpha=[${this.alpha.map(pyFloat).join(', ')}]), (sigma=[${this.sigma.map(pyFloat).join(', ')}]), interpolation={self.interpolation}, fill={self.fill})`;
  }
}
export const ElasticTransform = Object.assign(callable(ElasticTransformTransform), { getParams: ElasticTransformTransform.getParams });

interface RandomErasingOptions { p?: number; scale?: number[]; ratio?: number[]; value?: number | number[] | 'random'; inplace?: boolean }
class RandomErasingTransform extends Transform {
  readonly p: number;
  readonly scale: [number, number];
  readonly ratio: [number, number];
  readonly value: number | number[] | 'random';
  readonly inplace: boolean;
  constructor(...args: [p?: number | RandomErasingOptions, scale?: number[], ratio?: number[], value?: number | number[] | 'random', inplace?: boolean] | [RandomErasingOptions]) {
    super();
    const call = 'transforms.RandomErasing';
    const o = v.bindArgs(call, ['p', 'scale', 'ratio', 'value', 'inplace'], args);
    const value = o.value === undefined ? 0 : o.value;
    if (!(typeof value === 'number' || value === 'random' || Array.isArray(value))) throw new TypeError(`${call}: Argument value should be either a number or str or a sequence`);
    if (typeof value === 'string' && value !== 'random') throw new RangeError(`${call}: If value is str, it should be 'random'`);
    this.value = Array.isArray(value) ? v.numbers(call, 'value', value) : typeof value === 'number' ? v.number(call, 'value', value) : value;
    this.scale = o.scale === undefined ? [0.02, 0.33] : pair(call, 'scale', o.scale);
    this.ratio = o.ratio === undefined ? [0.3, 3.3] : pair(call, 'ratio', o.ratio);
    if (this.scale[0] > this.scale[1] || this.ratio[0] > this.ratio[1]) throw new RangeError(`${call}: Scale and ratio should be of kind (min, max)`);
    if (this.scale[0] < 0 || this.scale[1] > 1) throw new RangeError(`${call}: Scale should be between 0 and 1`);
    this.p = o.p === undefined ? 0.5 : v.inRange(call, 'p', o.p, 0, 1);
    this.inplace = o.inplace === undefined ? false : v.bool(call, 'inplace', o.inplace);
  }
  static getParams(img: Tensor, scale: readonly number[], ratio: readonly number[], value: number[] | null = null): [number, number, number, number, Tensor] {
    const call = 'transforms.RandomErasing.get_params';
    if (!(img instanceof Tensor) || img.dim() < 3) throw argError(call, 'img', 'a Tensor image [..., C, H, W]', img);
    pair(call, 'scale', scale);
    pair(call, 'ratio', ratio);
    if (value !== null && value !== undefined) v.numbers(call, 'value', value);
    const s = img.shape;
    const [imgC, imgH, imgW] = [s[s.length - 3], s[s.length - 2], s[s.length - 1]];
    const area = imgH * imgW;
    const [lr0, lr1] = tensor([...ratio]).log().tolist() as number[];
    for (let k = 0; k < 10; k++) {
      const eraseArea = area * draw(scale[0], scale[1]);
      const aspectRatio = empty(1).uniform_(lr0, lr1).exp().item() as number;
      const h = pyRound(Math.sqrt(eraseArea * aspectRatio));
      const w = pyRound(Math.sqrt(eraseArea / aspectRatio));
      if (!(h < imgH && w < imgW)) continue;
      const val = value === null ? empty([imgC, h, w], { dtype: float32 }).normal_() : tensor(value).view(-1, 1, 1);
      const i = randint(0, imgH - h + 1, [1]).item() as number;
      const j = randint(0, imgW - w + 1, [1]).item() as number;
      return [i, j, h, w, val];
    }
    return [0, 0, imgH, imgW, img];
  }
  forward(img: Tensor): Tensor {
    const call = 'transforms.RandomErasing';
    if (!(img instanceof Tensor) || img.dim() < 3) throw argError(call, 'img', 'a Tensor image [..., C, H, W]', img);
    if (coin() < this.p) {
      const value = typeof this.value === 'number' ? [this.value] : this.value === 'random' ? null : this.value;
      const c = img.shape[img.dim() - 3];
      if (value !== null && !(value.length === 1 || value.length === c)) {
        throw new RangeError(`${call}: If value is a sequence, it should have either a single value or ${c} (number of input channels)`);
      }
      const [x, y, h, w, val] = RandomErasingTransform.getParams(img, this.scale, this.ratio, value);
      return F.erase(img, x, y, h, w, val, this.inplace);
    }
    return img;
  }
  toString(): string {
    const val = typeof this.value === 'string' ? this.value : pyValue(this.value);
    return `RandomErasing(p=${pyFloat(this.p)}, scale=${pyTuple(this.scale)}, ratio=${pyTuple(this.ratio)}, value=${val}, inplace=${pyValue(this.inplace)})`;
  }
}
export const RandomErasing = Object.assign(callable(RandomErasingTransform), { getParams: RandomErasingTransform.getParams });

/** RandomInvert / RandomPosterize / RandomSolarize / RandomAdjustSharpness / RandomAutocontrast / RandomEqualize. */
function randomColorOp<A extends unknown[]>(name: string, argNames: string[], defaults: Record<string, number>, op: (img: Img, args: Record<string, number>) => Img, repr: (o: Record<string, number>) => string) {
  class RandomOp extends Transform {
    readonly p!: number;
    constructor(...args: A) {
      super();
      const call = `transforms.${name}`;
      const o = v.bindArgs(call, [...argNames, 'p'], args);
      for (const a of argNames) {
        if (o[a] === undefined) throw new TypeError(`${call}: missing required argument '${v.pythonName(a)}'`);
        (this as any)[a] = v.number(call, v.pythonName(a), o[a]);
      }
      (this as any).p = o.p === undefined ? defaults.p : v.inRange(call, 'p', o.p, 0, 1);
    }
    forward<X extends Img>(img: X): X {
      return (coin() < this.p ? op(img, this as any) : img) as X;
    }
    toString(): string {
      return `${name}(${repr(this as any)})`;
    }
  }
  Object.defineProperty(RandomOp, 'name', { value: `${name}Transform` });
  return callable(RandomOp);
}
export const RandomInvert = randomColorOp<[p?: number] | [{ p?: number }]>('RandomInvert', [], { p: 0.5 }, (img) => F.invert(img), (o) => `p=${pyNum(o.p)}`);
export const RandomPosterize = randomColorOp<[bits: number, p?: number] | [bits: number, opts: { p?: number }] | [{ bits: number; p?: number }]>('RandomPosterize', ['bits'], { p: 0.5 }, (img, o) => F.posterize(img, o.bits), (o) => `bits=${o.bits},p=${pyNum(o.p)}`);
export const RandomSolarize = randomColorOp<[threshold: number, p?: number] | [threshold: number, opts: { p?: number }] | [{ threshold: number; p?: number }]>('RandomSolarize', ['threshold'], { p: 0.5 }, (img, o) => F.solarize(img, o.threshold), (o) => `threshold=${pyNum(o.threshold)},p=${pyNum(o.p)}`);
export const RandomAdjustSharpness = randomColorOp<[sharpnessFactor: number, p?: number] | [sharpnessFactor: number, opts: { p?: number }] | [{ sharpnessFactor: number; p?: number }]>('RandomAdjustSharpness', ['sharpnessFactor'], { p: 0.5 }, (img, o) => F.adjustSharpness(img, o.sharpnessFactor), (o) => `sharpness_factor=${pyNum(o.sharpnessFactor)},p=${pyNum(o.p)}`);
export const RandomAutocontrast = randomColorOp<[p?: number] | [{ p?: number }]>('RandomAutocontrast', [], { p: 0.5 }, (img) => F.autocontrast(img), (o) => `p=${pyNum(o.p)}`);
export const RandomEqualize = randomColorOp<[p?: number] | [{ p?: number }]>('RandomEqualize', [], { p: 0.5 }, (img) => F.equalize(img), (o) => `p=${pyNum(o.p)}`);
