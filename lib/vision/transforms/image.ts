// The stand-in for a PIL image: 8-bit pixels, row-major height x width x channels, mode 'L' (one
// channel) or 'RGB' (three). torchvision's datasets return PIL images and its transforms branch on
// "PIL image or tensor"; this class is the first branch, with PIL's own pixel arithmetic where
// transforms depend on it (resize, convert, rotate: see functional.ts).
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { argError } from '../../errors';
import * as v from '../../validate';

export type ImageMode = 'L' | 'RGB';

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

  static channelsOf(mode: ImageMode): number {
    return mode === 'L' ? 1 : 3;
  }

  /** A new image of the given size filled with one value per channel (PIL's Image.new). */
  static new(mode: ImageMode, width: number, height: number, fill: number | readonly number[] = 0): Image {
    const call = 'PIL.Image.new';
    const c = Image.channelsOf(v.oneOf(call, 'mode', mode, ['L', 'RGB'] as const));
    v.int(call, 'width', width, 0);
    v.int(call, 'height', height, 0);
    // A typed array holds at most buffer.constants.MAX_LENGTH bytes (2^32 on Node 20); beyond it
    // `new Uint8Array` fails without naming the call.
    if (width * height * c > 2 ** 32) throw new RangeError(`${call}: a ${width}x${height} '${mode}' image would take more than 2^32 bytes`);
    const fills = typeof fill === 'number' ? Array(c).fill(fill) : v.numbers(call, 'fill', fill);
    const data = new Uint8Array(width * height * c);
    if (fills.some((f) => f !== 0)) for (let i = 0; i < data.length; i++) data[i] = fills[i % c];
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

  /** img.convert('L' | 'RGB'): RGB → L uses PIL's ITU-R 601-2 integer luma, L → RGB repeats the value. */
  convert(mode: ImageMode): Image {
    v.oneOf('PIL.Image.convert', 'mode', mode, ['L', 'RGB'] as const);
    if (mode === this.mode) return new Image(this.data.slice(), this.width, this.height, mode);
    const n = this.width * this.height;
    const src = this.data;
    if (mode === 'L') {
      const out = new Uint8Array(n);
      // Pillow's Convert.c: L24(rgb) = (R*19595 + G*38470 + B*7471 + 0x8000) >> 16
      for (let i = 0; i < n; i++) out[i] = (src[3 * i] * 19595 + src[3 * i + 1] * 38470 + src[3 * i + 2] * 7471 + 0x8000) >> 16;
      return new Image(out, this.width, this.height, 'L');
    }
    const out = new Uint8Array(3 * n);
    for (let i = 0; i < n; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = src[i];
    return new Image(out, this.width, this.height, 'RGB');
  }

  toString(): string {
    return `<PIL.Image.Image image mode=${this.mode} size=${this.width}x${this.height}>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export function isImage(x: unknown): x is Image {
  return x instanceof Image;
}
