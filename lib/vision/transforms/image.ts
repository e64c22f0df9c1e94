// The stand-in for a PIL image: 8-bit pixels, row-major height x width x channels, mode 'L' (one
// channel) or 'RGB' (three). torchvision's datasets return PIL images and its transforms branch on
// "PIL image or tensor"; this class is the first branch, with PIL's own pixel arithmetic where
// transforms depend on it (resize, convert, rotate: see functional.ts).
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { argError } from '../../errors';
import * as v from '../../validate';
import * as fs from 'node:fs';
import * as io from '../io/image';
import { native } from '../../native';

export type ImageMode = 'L' | 'RGB';

/**
 * The zeroed bytes of a width x height image of this mode. A typed array holds at most
 * buffer.constants.MAX_LENGTH bytes (2^32 on Node 20); beyond it `new Uint8Array` fails without
 * naming the call (where PIL raises MemoryError).
 */
export function pixelBuffer(call: string, width: number, height: number, mode: ImageMode): Uint8Array {
  const n = width * height * Image.channelsOf(mode);
  if (n > 2 ** 32) throw new RangeError(`${call}: a ${width}x${height} '${mode}' image would take more than 2^32 bytes`);
  return new Uint8Array(n);
}

/** Sets every pixel of data (c channels) to fills, each value stored as a Uint8Array store converts it. */
export function fillPixels(data: Uint8Array, fills: readonly number[], c: number): void {
  if (data.length === 0) return;
  for (let k = 0; k < c; k++) data[k] = fills[k];
  // Doubling copies: a per-byte loop was the largest part of Image.new.
  for (let n = c; n < data.length; n *= 2) data.copyWithin(n, 0, Math.min(n, data.length - n));
}

export class Image {
  readonly width: number;
  readonly height: number;
  readonly mode: ImageMode;
  /** The pixels, height x width x channels, as PIL's np.array(img) lays them out. */
  readonly data: Uint8Array;

  constructor(data: Uint8Array, width: number, height: number, mode: ImageMode) {
    const call = 'PIL.Image.frombytes';
    if (!(data instanceof Uint8Array)) throw argError(call, 'data', 'a Uint8Array', data);
    this.width = v.int(call, 'width', width, 0);
    this.height = v.int(call, 'height', height, 0);
    this.mode = v.oneOf(call, 'mode', mode, ['L', 'RGB'] as const);
    const need = this.width * this.height * Image.channelsOf(this.mode);
    if (data.length !== need) throw new RangeError(`${call}: data has ${data.length} bytes, a ${this.width}x${this.height} '${this.mode}' image needs ${need}`);
    this.data = data;
  }

  /**
   * PIL.Image.open(path).convert(...)-like: decodes a PNG or JPEG (torchvision.io's libpng/libjpeg).
   * Grayscale files give an 'L' image, the rest 'RGB' (alpha dropped and palettes expanded, as
   * PIL's convert('RGB') does); `mode` converts at decode time, as `.convert(mode)`.
   */
  static open(path: string, mode?: ImageMode): Image {
    const call = 'PIL.Image.open';
    v.str(call, 'fp', path);
    if (mode !== undefined) v.oneOf(call, 'mode', mode, ['L', 'RGB'] as const);
    const bytes = io.readFile(path);
    const raw = bytes.toTypedArray() as Uint8Array;
    const fmt = io.imageFormat(raw);
    if (fmt === null) throw new Error(`${call}: cannot identify image file '${path}' (only PNG and JPEG are supported)`);
    // Grayscale sources: PNG colour type 0 or 4 (IHDR byte 25), JPEG with one component.
    const gray = fmt === 'png' ? raw.length > 25 && (raw[25] === 0 || raw[25] === 4) : jpegComponents(raw) === 1;
    const d = io.decodeHwc(call, raw, gray ? io.ImageReadMode.GRAY : io.ImageReadMode.RGB);
    const img = new Image(d.data, d.width, d.height, d.channels === 1 ? 'L' : 'RGB');
    // PIL converts a colour file to 'L' with its own integer luma (convert), not the decoder's.
    return mode !== undefined && mode !== img.mode ? img.convert(mode) : img;
  }

  /** img.save(path): PNG or JPEG by the extension (JPEG quality 75, PIL's default). */
  save(path: string, format?: 'PNG' | 'JPEG'): void {
    const call = 'PIL.Image.save';
    v.str(call, 'fp', path);
    const ext = path.toLowerCase().split('.').pop();
    const fmt = format === undefined ? (ext === 'jpg' || ext === 'jpeg' ? 'JPEG' : ext === 'png' ? 'PNG' : null) : v.oneOf(call, 'format', format, ['PNG', 'JPEG'] as const);
    if (fmt === null) throw new RangeError(`${call}: unknown file extension: .${ext} (PNG and JPEG are supported)`);
    const chw = this.toTensor().reshape(this.height, this.width, this.channels).permute(2, 0, 1);
    fs.writeFileSync(path, (fmt === 'PNG' ? io.encodePng(chw) : io.encodeJpeg(chw, 75)).toTypedArray() as Uint8Array);
  }

  static channelsOf(mode: ImageMode): number {
    return mode === 'L' ? 1 : 3;
  }

  /** A new image of the given size filled with one value per channel (PIL's Image.new). */
  static new(mode: ImageMode, width: number, height: number, fill: number | readonly number[] = 0): Image {
    const call = 'PIL.Image.new';
    const c = Image.channelsOf(v.oneOf(call, 'mode', mode, ['L', 'RGB'] as const));
    v.int(call, 'width', width, 0);
    v.int(call, 'height', height, 0);
    const fills = typeof fill === 'number' ? Array(c).fill(fill) : v.numbers(call, 'fill', fill);
    const data = pixelBuffer(call, width, height, mode);
    if (fills.some((f) => f !== 0)) fillPixels(data, fills, c);
    return new Image(data, width, height, mode);
  }

  get channels(): number {
    return Image.channelsOf(this.mode);
  }

  /** PIL's img.size: (width, height). */
  get size(): [number, number] {
    return [this.width, this.height];
  }

  /** np.array(img) as a uint8 tensor: [H, W] for 'L', [H, W, 3] for 'RGB'. */
  toTensor(): Tensor {
    return fromTypedArray(this.data, this.mode === 'L' ? [this.height, this.width] : [this.height, this.width, 3]).clone();
  }

  getpixel(x: number, y: number): number | number[] {
    const call = 'PIL.Image.getpixel';
    if (v.int(call, 'x', x) < 0 || x >= this.width) throw new RangeError(`${call}: x ${x} is outside the image (width ${this.width})`);
    if (v.int(call, 'y', y) < 0 || y >= this.height) throw new RangeError(`${call}: y ${y} is outside the image (height ${this.height})`);
    const c = this.channels;
    const at = (y * this.width + x) * c;
    return c === 1 ? this.data[at] : Array.from(this.data.subarray(at, at + c));
  }

  /** img.convert('L' | 'RGB'): RGB → L uses PIL's ITU-R 601-2 integer luma, L → RGB repeats the value (native/imaging.cc). */
  convert(mode: ImageMode): Image {
    v.oneOf('PIL.Image.convert', 'mode', mode, ['L', 'RGB'] as const);
    if (mode === this.mode) return new Image(this.data.slice(), this.width, this.height, mode);
    const out = new Uint8Array(this.width * this.height * Image.channelsOf(mode));
    native.imageConvert(this.data, out);
    return new Image(out, this.width, this.height, mode);
  }

  toString(): string {
    return `<PIL.Image.Image image mode=${this.mode} size=${this.width}x${this.height}>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The component count of a JPEG's SOF segment (1 for grayscale), or -1 when there is none. */
function jpegComponents(b: Uint8Array): number {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return -1;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = (b[i + 2] << 8) | b[i + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return b[i + 9];
    i += 2 + len;
  }
  return -1;
}

export function isImage(x: unknown): x is Image {
  return x instanceof Image;
}
