// torchvision.datasets.ImageFolder / DatasetFolder (0.14) on test/fixtures/vision/imagefolder (PNG and
// JPEG files written by Pillow in test/fixtures/gen_vision_transforms.py), against imagefolder.json:
// classes, sample order, targets, the items through Resize(4) + PILToTensor, repr and errors.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { datasets, transforms as T } from '../../lib/vision';

const root = path.join(__dirname, '../fixtures/vision/imagefolder');
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/vision/imagefolder.json'), 'utf8'));
const rel = (s: [string, number][]) => s.map(([p, c]) => [path.relative(root, p), c]);

describe('datasets.ImageFolder', () => {
  const tf = T.Compose([T.Resize(4), T.PILToTensor()]);
  const ds = new datasets.ImageFolder(root, { transform: tf });

  it('finds classes, samples and targets in torchvision\'s order', () => {
    expect(ds.classes).toEqual(fx.classes);
    expect(ds.classToIdx).toEqual(fx.classToIdx);
    expect(rel(ds.samples)).toEqual(fx.samples);
    expect(rel(ds.imgs)).toEqual(fx.samples);
    expect(ds.targets).toEqual(fx.targets);
    expect(ds.length).toBe(fx.samples.length);
    expect([...datasets.IMG_EXTENSIONS]).toEqual(fx.imgExtensions);
  });

  it('loads PNG and JPEG files as RGB images, as PIL does (pixels equal after Resize(4))', () => {
    fx.items.forEach(([want, target]: [any, number], i: number) => {
      const [x, y] = ds.getItem(i) as [torch.Tensor, number];
      expect(y).toBe(target);
      expect(x.shape).toEqual(want.shape);
      const got = Array.from(x.toTypedArray() as Uint8Array);
      const w = Array.from(Buffer.from(want.b64, 'base64'));
      expect(got.reduce((m, v, j) => Math.max(m, Math.abs(v - w[j])), 0)).toBeLessThanOrEqual(1);
    });
    expect((new datasets.ImageFolder(root).getItem(-1)[0] as any).mode).toBe('RGB');
  });

  it('prints as torchvision', () => {
    expect(String(ds).replace(root, '<root>')).toBe(fx.repr);
  });

  it('DatasetFolder with is_valid_file or extensions, and its errors', () => {
    const dsf = new datasets.DatasetFolder(root, (p: string) => fs.readFileSync(p), { isValidFile: (p: string) => p.endsWith('.txt') || p.endsWith('.png') });
    expect(rel(dsf.samples)).toEqual(fx.validSamples);
    expect((dsf.getItem(2)[0] as Buffer).toString()).toBe('not an image');
    expect(() => new datasets.DatasetFolder(root, (p: string) => p, { extensions: ['.txt'] })).toThrow(fx.txtError);
    expect(() => new datasets.DatasetFolder(root, (p: string) => p)).toThrow(/Both extensions and is_valid_file/);
    expect(() => new datasets.ImageFolder(path.join(root, 'nope'))).toThrow(/No such file or directory/);
    expect(() => ds.getItem(99)).toThrow(RangeError);
  });

  it('an empty class folder is an error, as in torchvision 0.14', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-folder-'));
    try {
      fs.cpSync(root, tmp, { recursive: true });
      fs.mkdirSync(path.join(tmp, 'empty_dir_is_a_class'));
      fs.writeFileSync(path.join(tmp, 'empty_dir_is_a_class', 'readme.md'), 'x');
      expect(() => new datasets.ImageFolder(tmp)).toThrow(fx.emptyClassError);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('helpers', () => {
    expect(datasets.isImageFile('a/B.PNG')).toBe(true);
    expect(datasets.hasFileAllowedExtension('x.TXT', '.txt')).toBe(true);
    expect(datasets.findClasses(root)[0]).toEqual(fx.classes);
    expect(() => datasets.findClasses(path.join(root, 'cat'))).toThrow(/Couldn't find any class folder/);
  });
});
