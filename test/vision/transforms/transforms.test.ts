import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { transforms } from '../../../lib/vision';

const { Image } = transforms;
const F = transforms.functional;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/transforms.json'), 'utf8'));
const lab = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/lab_chain.json'), 'utf8'));

/** An Image from nested [H][W] or [H][W][3] arrays (np.array(img).tolist()). */
function imageOf(rows: number[][] | number[][][]): InstanceType<typeof Image> {
  const rgb = Array.isArray(rows[0][0]);
  const data = Uint8Array.from((rows as unknown[]).flat(2) as number[]);
  return new Image(data, rows[0].length, rows.length, rgb ? 'RGB' : 'L');
}
/** np.array(img).tolist() of an Image. */
function arr(img: unknown): unknown {
  const im = img as InstanceType<typeof Image>;
  return im.toTensor().tolist();
}
const rgb = imageOf(fx.rgb);
const gray = imageOf(fx.gray);
const rgbTensor = () => torch.tensor(fx.rgb, { dtype: torch.uint8 }).permute(2, 0, 1);
const grayTensor = () => torch.tensor([fx.gray], { dtype: torch.uint8 });

function maxAbsDiff(a: number[], b: number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i])), 0);
}

describe('transforms: the lab chain', () => {
  const mean = lab.mean as number[];
  const std = lab.std as number[];
  const chain = transforms.Compose([transforms.ToPILImage(), transforms.Resize([224, 224]), transforms.ToTensor(), transforms.Normalize(mean, std)]);

  it('prints as torchvision', () => {
    expect(String(chain)).toBe(lab.repr);
  });

  it.each(lab.cases.map((c: { digit: number; index: number }) => [c.digit, c.index, c]))('matches torchvision on npm digit %i #%i (tiled to 3 channels)', (d, k, c) => {
    const f = c as { toTensorBytes: string; positions: number[][]; normalized: number[][]; normalizedSum: number[] };
    const raw = JSON.parse(fs.readFileSync(require.resolve(`mnist/src/digits/${d}.json`), 'utf8')).data as number[];
    const x = torch.tensor(raw.slice((k as number) * 784, ((k as number) + 1) * 784)).view(1, 28, 28).repeat(3, 1, 1);
    const upToTensor = transforms.Compose(chain.transforms.slice(0, 3));
    const t = upToTensor(x) as torch.Tensor;
    expect(t.shape).toEqual([3, 224, 224]);
    const want = Array.from(Buffer.from(f.toTensorBytes, 'base64'), (b) => Math.fround(b / 255));
    for (let ch = 0; ch < 3; ch++) {
      const got = Array.from(t.get(ch).flatten().toTypedArray() as Float32Array);
      expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1 / 255);
      expect(maxAbsDiff(got, want)).toBe(0); // the Pillow port is exact
    }
    const n = chain(x) as torch.Tensor;
    for (let ch = 0; ch < 3; ch++) {
      const got = f.positions.map(([i, j]) => n.get(ch, i, j).item() as number);
      expect(maxAbsDiff(got, f.normalized[ch])).toBeLessThanOrEqual(1 / 255 / std[ch]);
      expect(n.get(ch).double().sum().item() as number).toBeCloseTo(f.normalizedSum[ch], 1);
    }
  });
});

describe('transforms: parity with torchvision', () => {
  it('Resize on images is Pillow\'s antialiased bilinear, exactly', () => {
    for (const c of fx.resize) {
      const img = c.mode === 'RGB' ? rgb : gray;
      expect(arr(transforms.Resize(c.size)(img))).toEqual(c.out);
    }
  });

  it('Resize on tensors is F.interpolate (antialias off by default, uint8 rounded back)', () => {
    const x = rgbTensor().float().div(255);
    for (const c of fx.resizeTensor) {
      const got = transforms.Resize([8, 5], { antialias: c.antialias })(x);
      expect(got.shape).toEqual([3, 8, 5]);
      expect(maxAbsDiff((got.flatten().tolist() as number[]), (c.out as number[][][]).flat(2))).toBeLessThan(1e-6);
    }
    expect(transforms.Resize([30, 12])(rgbTensor()).tolist()).toEqual(fx.resizeTensorUint8);
  });

  it('CenterCrop (with zero padding when larger) on images and tensors', () => {
    for (const c of fx.centerCrop) {
      expect(arr(transforms.CenterCrop(c.size)(rgb))).toEqual(c.image);
      expect(transforms.CenterCrop(c.size)(rgbTensor()).tolist()).toEqual(c.tensor);
    }
  });

  it('Grayscale: Pillow\'s integer luma for images, 0.2989/0.587/0.114 for tensors', () => {
    const g = fx.grayscale;
    const g1 = transforms.Grayscale()(rgb) as InstanceType<typeof Image>;
    expect(g1.mode).toBe('L');
    expect(arr(g1)).toEqual(g.image1);
    expect(arr(transforms.Grayscale({ numOutputChannels: 3 })(rgb))).toEqual(g.image3);
    const tf = transforms.Grayscale()(rgbTensor().float().div(255)) as torch.Tensor;
    expect(maxAbsDiff(tf.flatten().tolist() as number[], (g.tensorFloat as number[][][]).flat(2))).toBeLessThan(1e-6);
    expect(transforms.Grayscale(3)(rgbTensor()).tolist()).toEqual(g.tensorUint8);
  });

  it('Normalize, ToTensor, PILToTensor, ToPILImage', () => {
    const x = torch.tensor(fx.normalize.input);
    const n = transforms.Normalize([0.5, 0.25, 0.125], [0.2, 0.3, 0.4])(x);
    expect(maxAbsDiff(n.flatten().tolist() as number[], (fx.normalize.out as number[][][]).flat(2))).toBeLessThan(1e-6);
    expect(x.tolist()).toEqual(fx.normalize.input); // not in place by default
    const t = transforms.ToTensor()(gray);
    expect(t.dtype).toBe(torch.float32);
    expect(t.tolist()).toEqual(fx.toTensor);
    const p = transforms.PILToTensor()(rgb);
    expect(p.dtype).toBe(torch.uint8);
    expect(p.tolist()).toEqual(fx.pilToTensor);
    expect(transforms.PILToTensor()(transforms.ToPILImage()(p)).equal(p)).toBe(true); // uint8 round trip
    const pil = transforms.ToPILImage()(torch.tensor(fx.toPilFloat.input));
    expect(pil.mode).toBe('L');
    expect(arr(pil)).toEqual(fx.toPilFloat.out);
  });

  it('pad in every mode on images and tensors', () => {
    for (const c of fx.pad) {
      const fill = c.mode === 'constant' ? 7 : 0;
      expect(arr(F.pad(rgb, c.padding, fill, c.mode))).toEqual(c.image);
      expect(F.pad(grayTensor(), c.padding, fill, c.mode).tolist()).toEqual(c.tensor);
    }
  });

  it('rotate is Pillow\'s nearest-neighbour Image.rotate', () => {
    for (const c of fx.rotate) {
      const img = c.mode === 'RGB' ? rgb : gray;
      expect(arr(F.rotate(img, c.angle, 'nearest', c.expand, c.center, c.mode === 'RGB' ? [1, 2, 3] : 0))).toEqual(c.out);
    }
  });

  it('rotate on tensors follows torchvision\'s affine grid and grid_sample(nearest)', () => {
    const x = rgbTensor().contiguous();
    for (const c of fx.rotateTensor) {
      const input = c.dtype === 'uint8' ? x : x.float().div(255);
      const got = F.rotate(input, c.angle, 'nearest', c.expand, c.center, c.fill) as torch.Tensor;
      expect(got.dtype).toBe(input.dtype);
      if (c.dtype === 'uint8') expect(got.tolist()).toEqual(c.out);
      else expect(maxAbsDiff(got.flatten().tolist() as number[], (c.out as number[][][]).flat(2))).toBe(0);
    }
  });

  it.each(fx.random.map((r: { seed: number }) => [r.seed, r]))('random transforms draw as torchvision under torch.manual_seed(%i)', (seed, r) => {
    const f = r as Record<string, unknown[]> & { after: number[] };
    torch.manualSeed(seed as number);
    expect([0, 1, 2, 3].map(() => arr(transforms.RandomHorizontalFlip()(gray)))).toEqual(f.hflip);
    expect([0, 1, 2].map(() => transforms.RandomVerticalFlip(0.3)(grayTensor()).tolist())).toEqual(f.vflip);
    expect([0, 1, 2].map(() => arr(transforms.RandomCrop(5, { padding: 2 })(rgb)))).toEqual(f.crop);
    expect([0, 1].map(() => transforms.RandomCrop([4, 6], { padIfNeeded: true })(grayTensor()).tolist())).toEqual(f.tensorCrop);
    expect([...[0, 1].map(() => arr(transforms.RandomRotation(40)(gray))), transforms.RandomRotation(25, { fill: 5 })(grayTensor()).tolist()]).toEqual(f.rotation);
    (torch.rand(2).tolist() as number[]).forEach((x, i) => expect(x).toBeCloseTo(f.after[i], 7));
  });

  it('each transform prints as torchvision', () => {
    const made = [
      transforms.ToTensor(), transforms.PILToTensor(), transforms.ToPILImage(), transforms.ToPILImage('RGB'), transforms.Normalize([0.5], [0.25]), transforms.Normalize(0.5, 2),
      transforms.Resize(224), transforms.Resize([224, 224]), transforms.Resize([100], { maxSize: 300 }), transforms.Resize(32, { antialias: true }),
      transforms.CenterCrop(10), transforms.CenterCrop([10, 12]), transforms.CenterCrop([7]), transforms.RandomCrop(24, { padding: 4 }), transforms.RandomCrop([3, 4]),
      transforms.RandomHorizontalFlip(), transforms.RandomHorizontalFlip(0.25), transforms.RandomVerticalFlip(),
      transforms.RandomRotation(10), transforms.RandomRotation([-5, 20.5], { expand: true, center: [1, 2], fill: 3 }),
      transforms.Grayscale(), transforms.Grayscale({ numOutputChannels: 3 }), transforms.Lambda((x: unknown) => x),
      transforms.Compose([transforms.Grayscale(3), transforms.ToTensor()]),
    ];
    expect(made.map(String)).toEqual(fx.reprs);
  });
});

describe('transforms: callables, shapes and errors', () => {
  it('work with and without new, carry their parameters and are instances of their class', () => {
    const a = transforms.Resize([224, 224]);
    const b = new transforms.Resize([224, 224]);
    expect(typeof a).toBe('function');
    expect(a).toBeInstanceOf(transforms.Resize);
    expect(b).toBeInstanceOf(transforms.Resize);
    expect(a.size).toEqual([224, 224]);
    expect(b.interpolation).toBe(transforms.InterpolationMode.BILINEAR);
    expect((b(gray) as InstanceType<typeof Image>).size).toEqual([224, 224]);
    const l = transforms.Lambda((x: number) => x * 2);
    expect(l(21)).toBe(42);
    expect(transforms.Resize(4)(gray).size).toEqual([4 * 11 / 9 | 0, 4]);
    expect(transforms.CenterCrop(3)(torch.zeros(2, 5, 3, 8, 8)).shape).toEqual([2, 5, 3, 3, 3]);
  });

  it('reject bad arguments naming the torchvision call', () => {
    expect(() => transforms.Resize([1, 2, 3])).toThrow(/transforms.Resize: If size is a sequence, it should have 1 or 2 values/);
    expect(() => transforms.Resize('big' as never)).toThrow(/Size should be int or sequence/);
    expect(() => transforms.Resize(4, { max_size: 3 } as never)).toThrow(/unknown option 'max_size' \(did you mean 'maxSize'\?\)/);
    expect(() => transforms.Normalize([0.5], [0])(torch.rand(1, 2, 2))).toThrow(/std evaluated to zero/);
    expect(() => transforms.Normalize([0.5], [1])(torch.zeros([1, 2, 2], { dtype: torch.uint8 }))).toThrow(/Input tensor should be a float tensor/);
    expect(() => transforms.ToTensor()(torch.rand(3, 2, 2) as never)).toThrow(/F.to_tensor: pic must be a PIL-like Image/);
    expect(() => transforms.ToPILImage()(torch.rand(5, 2, 2))).toThrow(/pic should not have > 4 channels/);
    expect(() => transforms.RandomHorizontalFlip(2)).toThrow(/p must be a number in \[0, 1\]/);
    expect(() => transforms.RandomCrop(40)(gray)).toThrow(/Required crop size \(40, 40\) is larger than input image size \(9, 11\)/);
    expect(() => transforms.Grayscale(2)).toThrow(/num_output_channels must be 1 or 3/);
    expect(() => transforms.RandomRotation(-3)).toThrow(/must be positive/);
    expect(() => transforms.RandomRotation(10, { interpolation: 'bicubic' })(gray)).toThrow(/F.rotate: only InterpolationMode.NEAREST and BILINEAR are supported here/);
    expect(() => transforms.Compose([1 as never])).toThrow(/transforms\[0\] must be a function/);
    expect(() => new Image(new Uint8Array(5), 2, 2, 'L')).toThrow(/needs 4/);
  });
});
