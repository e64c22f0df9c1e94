// torchvision.io 0.14 (lib/vision/io): PNG / JPEG decoding in every ImageReadMode and encoding, against
// test/fixtures/vision/io.json and the files in test/fixtures/vision/images/ (written by Pillow in
// test/fixtures/gen_vision_transforms.py, decoded there by torchvision.io and by PIL).
// Both sides call the same libpng and libjpeg-turbo the same way, so pixels and encoded bytes are equal:
// the JPEG tolerance below is 0 (measured: max |diff| 0 over all files and modes).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { io, transforms } from '../../lib/vision';

const dir = path.join(__dirname, '../fixtures/vision/images');
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/vision/io.json'), 'utf8'));
const bytesOf = (b64: string) => Array.from(Buffer.from(b64, 'base64'));
const JPEG_TOL = 0;

describe('torchvision.io.read_image', () => {
  const rows: [string, string][] = [];
  // A palette PNG without transparency read as GRAY_ALPHA / RGB_ALPHA: torchvision 0.14 sets no filler
  // (it counts the palette as alpha), libpng writes fewer bytes per row than the tensor holds, and the
  // rest of torchvision's torch.empty buffer is uninitialised memory: no reference to compare with.
  for (const f of Object.keys(fx.files)) for (const m of Object.keys(fx.files[f])) if (m !== 'pil' && !(f === 'palette.png' && m.endsWith('ALPHA'))) rows.push([f, m]);
  it.each(rows)('%s as %s', (f, m) => {
    const want = fx.files[f][m];
    const got = io.readImage(path.join(dir, f), io.ImageReadMode[m as keyof typeof io.ImageReadMode]);
    expect(got.dtype).toBe(torch.uint8);
    expect(got.shape).toEqual(want.shape);
    const g = Array.from(got.toTypedArray() as Uint8Array);
    const w = bytesOf(want.b64);
    const max = g.reduce((a, x, i) => Math.max(a, Math.abs(x - w[i])), 0);
    expect(max).toBeLessThanOrEqual(f.endsWith('.jpg') ? JPEG_TOL : 0);
  });

  it.each(Object.keys(fx.files))('Image.open(%s, "RGB") matches PIL .convert("RGB")', (f) => {
    const want = fx.files[f].pil;
    const im = transforms.Image.open(path.join(dir, f), 'RGB');
    expect([im.height, im.width, 3]).toEqual(want.shape);
    expect(Array.from(im.data)).toEqual(bytesOf(want.b64));
  });

  it('Image.open keeps grayscale files as mode L', () => {
    expect(transforms.Image.open(path.join(dir, 'gray.png')).mode).toBe('L');
    expect(transforms.Image.open(path.join(dir, 'gray.jpg')).mode).toBe('L');
    expect(transforms.Image.open(path.join(dir, 'rgba.png')).mode).toBe('RGB');
  });
});

describe('torchvision.io encoders', () => {
  const rgb = io.decodePng(io.readFile(path.join(dir, 'rgb.png')));
  const gray = io.decodePng(io.readFile(path.join(dir, 'gray.png')));
  it('encode_png / encode_jpeg give torchvision\'s bytes', () => {
    expect(Array.from(io.encodePng(rgb).toTypedArray() as Uint8Array)).toEqual(bytesOf(fx.encode.png));
    expect(Array.from(io.encodePng(gray, 9).toTypedArray() as Uint8Array)).toEqual(bytesOf(fx.encode.pngL9));
    expect(Array.from(io.encodeJpeg(rgb).toTypedArray() as Uint8Array)).toEqual(bytesOf(fx.encode.jpeg));
    expect(Array.from(io.encodeJpeg(rgb, 95).toTypedArray() as Uint8Array)).toEqual(bytesOf(fx.encode.jpegQ95));
    expect(Array.from(io.encodeJpeg(gray, 50).toTypedArray() as Uint8Array)).toEqual(bytesOf(fx.encode.jpegL));
  });

  it('write_png / write_jpeg / write_file round-trip through read_image', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-io-'));
    try {
      io.writePng(rgb, path.join(tmp, 'a.png'));
      expect(io.readImage(path.join(tmp, 'a.png')).equal(rgb)).toBe(true);
      // JPEG is lossy (4:2:0 chroma subsampling even at q=100): a smooth image comes back close.
      const smooth = torch.arange(24).mul(8).view(1, 1, 24).add(torch.arange(16).mul(4).view(1, 16, 1)).expand(3, 16, 24).to(torch.uint8).contiguous();
      io.writeJpeg(smooth, path.join(tmp, 'a.jpg'), 100);
      const back = io.readImage(path.join(tmp, 'a.jpg'));
      expect(back.shape).toEqual(smooth.shape);
      expect(back.float().sub(smooth.float()).abs().mean().item()).toBeLessThan(2);
      io.writeFile(path.join(tmp, 'b.png'), io.readFile(path.join(dir, 'rgb.png')));
      expect(fs.readFileSync(path.join(tmp, 'b.png'))).toEqual(fs.readFileSync(path.join(dir, 'rgb.png')));
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('errors name the torchvision call', () => {
    expect(() => io.decodeImage(torch.tensor([1, 2, 3, 4], { dtype: torch.uint8 }))).toThrow(/decode_image: Unsupported image file/);
    expect(() => io.decodePng(io.readFile(path.join(dir, 'gray.jpg')))).toThrow(/decode_png: Content is not png/);
    expect(() => io.decodeJpeg(io.readFile(path.join(dir, 'gray.png')))).toThrow(/decode_jpeg/);
    expect(() => io.decodeJpeg(io.readFile(path.join(dir, 'gray.jpg')), io.ImageReadMode.RGB_ALPHA)).toThrow(RangeError);
    expect(() => io.encodeJpeg(rgb, 0)).toThrow(/between 1 and 100/);
    expect(() => io.encodePng(rgb.float())).toThrow(TypeError);
    expect(() => io.encodePng(rgb, 10)).toThrow(/between 0 and 9/);
    expect(() => io.readFile(path.join(dir, 'nope.png'))).toThrow(/does not exist/);
    const truncated = io.readFile(path.join(dir, 'rgb.png')).narrow(0, 0, 60).clone();
    expect(() => io.decodePng(truncated)).toThrow(/decode_png/);
  });
});
