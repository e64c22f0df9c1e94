// transforms.ElasticTransform and F.elastic_transform against torchvision 0.14
// (fixtures: test/fixtures/gen_vision_elastic.py): the same seed gives the same displacement and the same
// pixels, on uint8 and float tensors and on images.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { transforms } from '../../../lib/vision';

const { Image } = transforms;
const F = transforms.functional;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/vision/elastic.json'), 'utf8'));

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));
const floats = (b64: string) => Array.from(new Float32Array(bytes(b64).buffer));
const input = () => torch.fromTypedArray(bytes(fx.input), fx.shape);

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('transforms.ElasticTransform', () => {
  it('prints as torchvision 0.14 (whose repr prints its last two fields literally)', () => {
    expect(String(transforms.ElasticTransform())).toBe(fx.repr_default);
    for (const c of fx.cases) expect(String(transforms.ElasticTransform(c.kwargs))).toBe(c.repr);
  });

  it('get_params: the same displacement field under the same seed', () => {
    torch.manualSeed(3);
    const d = transforms.ElasticTransform.getParams([12.0, 8.0], [1.2, 1.2], [10, 14]);
    expect(d.shape).toEqual(fx.params.shape);
    expect(maxAbsDiff(d.contiguous().toTypedArray() as Float32Array, floats(fx.params.b64))).toBeLessThanOrEqual(1e-6);
  });

  it.each(fx.cases.map((c: { name: string }) => [c.name, c]))('%s: the same output under the same seed', (_name, c) => {
    const k = c as { kwargs: Record<string, unknown>; kind: string; seed: number; shape: number[]; dtype: string; b64: string };
    const t = transforms.ElasticTransform(k.kwargs);
    const img = input();
    const x = { uint8: img, float: img.float().div(255), pil: F.toPilImage(img), pil_l: F.toPilImage(img.get(0)) }[k.kind]!;
    torch.manualSeed(k.seed);
    const y = t(x);
    if (k.kind.startsWith('pil')) {
      expect(y).toBeInstanceOf(Image);
      const im = y as InstanceType<typeof Image>;
      expect([im.height, im.width, ...(im.channels === 3 ? [3] : [])]).toEqual(k.shape);
      expect(Array.from(im.data)).toEqual(Array.from(bytes(k.b64)));
    } else {
      const yt = y as torch.Tensor;
      expect(yt.shape).toEqual(k.shape);
      if (k.dtype === 'uint8') expect(Array.from(yt.toTypedArray() as Uint8Array)).toEqual(Array.from(bytes(k.b64)));
      else expect(maxAbsDiff(yt.contiguous().toTypedArray() as Float32Array, floats(k.b64))).toBeLessThanOrEqual(1e-6);
    }
  });

  it('rejects bad arguments with torchvision\'s messages', () => {
    expect(() => transforms.ElasticTransform([1.0])).toThrow(/If alpha is a sequence its length should be 2/);
    expect(() => transforms.ElasticTransform(50.0, 'x' as never)).toThrow(/sigma should be float or a sequence of floats/);
    expect(() => transforms.ElasticTransform({ fill: [1, 2] as never })).toThrow(/fill should be int or float/);
    expect(() => transforms.ElasticTransform({ interpolation: 'cubic' as never })).toThrow(/interpolation/);
  });
});

describe('F.elastic_transform', () => {
  it('samples at the identity grid plus the displacement, with a per-channel fill', () => {
    const disp = torch.linspace(-0.3, 0.3, 12 * 16 * 2).view(1, 12, 16, 2);
    const y = F.elasticTransform(input().float(), disp, 'bilinear', [0.1, 0.2, 0.3]) as torch.Tensor;
    expect(y.shape).toEqual(fx.functional.shape);
    expect(maxAbsDiff(y.contiguous().toTypedArray() as Float32Array, floats(fx.functional.b64))).toBeLessThanOrEqual(1e-4);
  });

  it('checks the displacement', () => {
    expect(() => F.elasticTransform(input(), 3 as never)).toThrow(/displacement should be a Tensor/);
    expect(() => F.elasticTransform(input(), torch.zeros(1, 12, 15, 2))).toThrow(/displacement shape should be \[1, 12, 16, 2\], but given \[1, 12, 15, 2\]/);
  });
});
