// torchvision.io.image (0.14): read/decode PNG and JPEG to uint8 [C, H, W] tensors, encode and write
// them. The codecs are libpng and libjpeg(-turbo) called as torchvision's C++ calls them
// (native/image.cc), so decoded pixels and encoded bytes are torchvision's with the same libraries.
import * as fs from 'node:fs';
import { Tensor } from '../../tensor';
import { fromTypedArray } from '../../creation';
import { uint8 } from '../../dtype';
import { argError } from '../../errors';
import { native } from '../../native';
import * as v from '../../validate';

/** torchvision.io.ImageReadMode. */
export const ImageReadMode = { UNCHANGED: 0, GRAY: 1, GRAY_ALPHA: 2, RGB: 3, RGB_ALPHA: 4 } as const;
export type ImageReadMode = (typeof ImageReadMode)[keyof typeof ImageReadMode];
const MODE_NAMES = ['UNCHANGED', 'GRAY', 'GRAY_ALPHA', 'RGB', 'RGB_ALPHA'];

interface Decoded {
  data: Uint8Array;
  height: number;
  width: number;
  channels: number;
}

function codec(call: string, name: 'imageDecodePng' | 'imageEncodePng' | 'imageDecodeJpeg' | 'imageEncodeJpeg'): (...args: unknown[]) => Decoded {
  const f = native[name];
  if (typeof f !== 'function') {
    throw new Error(`${call}: torch-node was built without libpng/libjpeg, so torchvision.io's codecs are missing. Install them (Debian/Ubuntu: apt-get install libpng-dev libjpeg-dev) and rebuild (npm run build:native).`);
  }
  return (...args: unknown[]) => {
    try {
      return f(...args) as Decoded;
    } catch (e) {
      throw new Error(`${call}: ${(e as Error).message}`);
    }
  };
}

function modeArg(call: string, mode: unknown): ImageReadMode {
  if (mode === undefined) return ImageReadMode.UNCHANGED;
  if (typeof mode === 'string' && MODE_NAMES.includes(mode)) return MODE_NAMES.indexOf(mode) as ImageReadMode;
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 4) throw argError(call, 'mode', 'an ImageReadMode (ImageReadMode.UNCHANGED, GRAY, GRAY_ALPHA, RGB or RGB_ALPHA)', mode);
  return mode as ImageReadMode;
}

/** The bytes of a 1-D uint8 CPU tensor (the encoded file), as torchvision requires them. */
function encodedBytes(call: string, input: unknown): Uint8Array {
  if (!(input instanceof Tensor)) throw argError(call, 'input', 'a 1-D uint8 Tensor (the file contents, e.g. from readFile)', input);
  if (input.dtype !== uint8) throw new TypeError(`${call}: Expected a torch.uint8 tensor, got ${input.dtype}`);
  if (input.dim() !== 1 || input.numel() === 0) throw new RangeError(`${call}: Expected a non empty 1-dimensional tensor, got shape [${input.shape.join(', ')}]`);
  return input.cpu().contiguous().toTypedArray() as Uint8Array;
}

function toChw(d: Decoded): Tensor {
  return fromTypedArray(d.data, [d.height, d.width, d.channels]).permute(2, 0, 1).contiguous();
}

/** read_file(path): the file's bytes as a 1-D uint8 tensor. */
export function readFile(path: string): Tensor {
  const call = 'torchvision.io.read_file';
  v.str(call, 'path', path);
  if (!fs.existsSync(path)) throw new Error(`${call}: File ${path} does not exist`);
  const buf = fs.readFileSync(path);
  if (buf.length === 0) throw new RangeError(`${call}: File ${path} is empty`);
  return fromTypedArray(new Uint8Array(buf.buffer, buf.byteOffset, buf.length));
}

/** write_file(filename, data): writes a 1-D uint8 tensor's bytes. */
export function writeFile(filename: string, data: Tensor): void {
  const call = 'torchvision.io.write_file';
  v.str(call, 'filename', filename);
  fs.writeFileSync(filename, encodedBytes(call, data));
}

/** decode_png(input, mode=UNCHANGED): uint8 [C, H, W]. */
export function decodePng(input: Tensor, mode?: ImageReadMode): Tensor {
  const call = 'torchvision.io.decode_png';
  const bytes = encodedBytes(call, input);
  return toChw(codec(call, 'imageDecodePng')(bytes, modeArg(call, mode)));
}

/** decode_jpeg(input, mode=UNCHANGED, device='cpu'): uint8 [C, H, W]. */
export function decodeJpeg(input: Tensor, mode?: ImageReadMode, device: string = 'cpu'): Tensor {
  const call = 'torchvision.io.decode_jpeg';
  const bytes = encodedBytes(call, input);
  const m = modeArg(call, mode);
  if (m === ImageReadMode.GRAY_ALPHA || m === ImageReadMode.RGB_ALPHA) throw new RangeError(`${call}: The provided mode is not supported for JPEG files`);
  v.str(call, 'device', device);
  const out = toChw(codec(call, 'imageDecodeJpeg')(bytes, m));
  return device === 'cpu' ? out : out.to(device);
}

/** Which codec the magic bytes name: 'png', 'jpeg' or null. */
export function imageFormat(bytes: Uint8Array): 'png' | 'jpeg' | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 4 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return null;
}

/**
 * @internal The pixels of a PNG or JPEG file's bytes as the codec gives them, height x width x
 * channels: the layout of a PIL-like Image (transforms/image.ts), which going through decodeImage's
 * [C, H, W] tensor and back permuted twice (1.3 ms of a 256x256 RGB file's 2 ms).
 */
export function decodeHwc(call: string, bytes: Uint8Array, mode: ImageReadMode): Decoded {
  const fmt = imageFormat(bytes);
  if (fmt === null) throw new Error(`${call}: Unsupported image file. Only jpeg and png are currently supported.`);
  return codec(call, fmt === 'jpeg' ? 'imageDecodeJpeg' : 'imageDecodePng')(bytes, mode);
}

/** decode_image(input, mode=UNCHANGED): PNG or JPEG by their magic bytes. */
export function decodeImage(input: Tensor, mode?: ImageReadMode): Tensor {
  const call = 'torchvision.io.decode_image';
  const bytes = encodedBytes(call, input);
  const fmt = imageFormat(bytes);
  if (fmt === 'jpeg') return decodeJpeg(input, mode);
  if (fmt === 'png') return decodePng(input, mode);
  throw new Error(`${call}: Unsupported image file. Only jpeg and png are currently supported.`);
}

/** read_image(path, mode=UNCHANGED) = decode_image(read_file(path), mode). */
export function readImage(path: string, mode?: ImageReadMode): Tensor {
  return decodeImage(readFile(path), modeArg('torchvision.io.read_image', mode));
}

function imageTensor(call: string, input: unknown): { hwc: Uint8Array; c: number; h: number; w: number } {
  if (!(input instanceof Tensor)) throw argError(call, 'input', 'a uint8 Tensor image [C, H, W]', input);
  if (input.dtype !== uint8) throw new TypeError(`${call}: Input tensor dtype should be uint8, got ${input.dtype}`);
  if (input.dim() !== 3) throw new RangeError(`${call}: Input data should be a 3-dimensional tensor, got shape [${input.shape.join(', ')}]`);
  const [c, h, w] = input.shape;
  if (c !== 1 && c !== 3) throw new RangeError(`${call}: The number of channels should be 1 or 3, got: ${c}`);
  if (h === 0 || w === 0) throw new RangeError(`${call}: the image is empty (shape [${input.shape.join(', ')}])`);
  return { hwc: input.cpu().permute(1, 2, 0).contiguous().toTypedArray() as Uint8Array, c, h, w };
}

/** encode_png(input, compression_level=6): the PNG file as a 1-D uint8 tensor. */
export function encodePng(input: Tensor, compressionLevel = 6): Tensor {
  const call = 'torchvision.io.encode_png';
  const { hwc, c, h, w } = imageTensor(call, input);
  const level = v.int(call, 'compression_level', compressionLevel);
  if (level < 0 || level > 9) throw new RangeError(`${call}: Compression level should be between 0 and 9`);
  return fromTypedArray(codec(call, 'imageEncodePng')(hwc, h, w, c, level).data);
}

/** write_png(input, filename, compression_level=6). */
export function writePng(input: Tensor, filename: string, compressionLevel = 6): void {
  const call = 'torchvision.io.write_png';
  v.str(call, 'filename', filename);
  writeFile(filename, encodePng(input, compressionLevel));
}

/** encode_jpeg(input, quality=75): the JPEG file as a 1-D uint8 tensor. */
export function encodeJpeg(input: Tensor, quality = 75): Tensor {
  const call = 'torchvision.io.encode_jpeg';
  const q = v.int(call, 'quality', quality);
  if (q < 1 || q > 100) throw new RangeError(`${call}: Image quality should be a positive number between 1 and 100`);
  const { hwc, c, h, w } = imageTensor(call, input);
  return fromTypedArray(codec(call, 'imageEncodeJpeg')(hwc, h, w, c, q).data);
}

/** write_jpeg(input, filename, quality=75). */
export function writeJpeg(input: Tensor, filename: string, quality = 75): void {
  const call = 'torchvision.io.write_jpeg';
  v.str(call, 'filename', filename);
  writeFile(filename, encodeJpeg(input, quality));
}
