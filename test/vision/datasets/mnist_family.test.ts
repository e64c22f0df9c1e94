// datasets.KMNIST, EMNIST (splits) and QMNIST (what / compat) against torchvision 0.14 on files
// test/fixtures/gen_datasets.py wrote, downloaded from a local server with their MD5 sums.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { datasets } from '../../../lib/vision';
import { serveFiles, FileServer } from '../../helpers/file_server';

const FIX = path.join(__dirname, '../../fixtures/vision/datasets');
const fx = JSON.parse(fs.readFileSync(path.join(FIX, 'datasets.json'), 'utf8'));
const tmpRoot = () => fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-mnistfam-'));
const pixels = (img: { data: Uint8Array }) => Buffer.from(img.data).toString('base64');

let server: FileServer;
let emnistRoot = '';
let qmnistRoot = '';
beforeAll(async () => {
  const files: Record<string, Uint8Array> = { 'gzip.zip': fs.readFileSync(path.join(FIX, 'gzip.zip')) };
  for (const f of Object.keys(fx.qmnist.files)) files[f] = fs.readFileSync(path.join(FIX, f));
  server = await serveFiles(files);
  emnistRoot = tmpRoot();
  qmnistRoot = tmpRoot();
});
afterAll(async () => {
  await server?.close();
  for (const r of [emnistRoot, qmnistRoot]) fs.rmSync(r, { recursive: true, force: true });
});

describe('datasets.KMNIST', () => {
  it('has torchvision 0.14\'s mirrors, MD5 sums and classes', () => {
    expect({ mirrors: datasets.KMNIST.mirrors, resources: datasets.KMNIST.resources, classes: datasets.KMNIST.classes }).toEqual(fx.kmnist);
  });
});

describe('datasets.EMNIST', () => {
  class LocalEMNIST extends datasets.EMNIST {}
  it('has torchvision\'s URL, MD5 and classes of each split', () => {
    expect(datasets.EMNIST.url).toBe(fx.emnist.url);
    expect(datasets.EMNIST.md5).toBe(fx.emnist.urlMd5);
    expect(datasets.EMNIST.classesSplitDict).toEqual(fx.emnist.classesSplitDict);
  });

  it('downloads gzip.zip (MD5-checked), unzips it and reads each split as torchvision', () => {
    LocalEMNIST.url = `${server.base}/bad/gzip.zip`;
    LocalEMNIST.md5 = fx.emnist.md5;
    expect(() => new LocalEMNIST(emnistRoot, 'letters', { download: true })).toThrow(/MD5/);
    LocalEMNIST.url = `${server.base}/good/gzip.zip`;
    for (const split of ['letters', 'balanced'] as const) {
      for (const train of [true, false]) {
        const ds = new LocalEMNIST(emnistRoot, split, { train, download: true });
        const e = fx.emnist[`${split}-${train ? 'True' : 'False'}`];
        expect(ds.length).toBe(e.length);
        expect(ds.targets.tolist()).toEqual(e.targets);
        expect(ds.classes).toEqual(e.classes);
        const [img, label] = ds.getItem(0);
        expect({ mode: img.mode, size: img.size, pixels: pixels(img) }).toEqual(e.item0);
        expect(label).toBe(e.label0);
        expect(String(ds).replace(emnistRoot, '<root>').replace('LocalEMNIST', 'EMNIST')).toBe(e.repr);
      }
    }
    expect(fs.existsSync(path.join(emnistRoot, 'LocalEMNIST', 'raw', 'gzip'))).toBe(false);
    expect(() => new LocalEMNIST(emnistRoot, 'nope' as never)).toThrow(/split/);
  });
});

describe('datasets.QMNIST', () => {
  class LocalQMNIST extends datasets.QMNIST {}
  it('has torchvision\'s resources', () => {
    expect(datasets.QMNIST.qmnistResources).toEqual(fx.qmnist.resources);
  });

  it('downloads what it needs and reads every what / compat as torchvision', () => {
    const base = 'https://raw.githubusercontent.com/facebookresearch/qmnist/master/';
    for (const part of ['train', 'test']) {
      LocalQMNIST.qmnistResources[part] = datasets.QMNIST.qmnistResources[part].map(([url, _md5]) => {
        const name = url.slice(base.length);
        return [`${server.base}/good/${name}`, fx.qmnist.files[name]] as [string, string];
      });
    }
    LocalQMNIST.qmnistResources = { ...LocalQMNIST.qmnistResources };
    // Each what once, compat both ways (the 10,003-image test file is read for three of them).
    for (const [what, compat] of [['train', false], ['test', true], ['test10k', false], ['test50k', true]] as const) {
      {
        const ds = new LocalQMNIST(qmnistRoot, { what, compat, download: true });
        const e = fx.qmnist[`${what}-${compat ? 'True' : 'False'}`];
        expect(ds.length).toBe(e.length);
        expect(ds.targets.shape).toEqual(e.targetsShape);
        expect(ds.targets.slice(0, 0, 3).tolist()).toEqual(e.targets0);
        const first = ds.getItem(0)[1];
        const last = ds.getItem(-1);
        if (compat) {
          expect(first).toBe(e.label0);
          expect(last[1]).toBe(e.labelLast);
        } else {
          expect((first as unknown as torch.Tensor).dtype).toBe(torch.int64);
          expect((first as unknown as torch.Tensor).tolist()).toEqual(e.label0);
          expect((last[1] as unknown as torch.Tensor).tolist()).toEqual(e.labelLast);
        }
        expect(Array.from(last[0].data).reduce((a, b) => a + b, 0)).toBe(e.pixelSumLast);
        expect(String(ds).replace(qmnistRoot, '<root>').replace('LocalQMNIST', 'QMNIST')).toBe(e.repr);
      }
    }
    const withTransforms = new LocalQMNIST(qmnistRoot, { train: false, transform: (img: { size: number[] }) => img.size, targetTransform: (t: number) => t + 100 });
    expect(withTransforms.what).toBe(fx.qmnist.trainFalseWhat);
    expect(withTransforms.getItem(0)).toEqual([[28, 28], fx.qmnist['test-True'].label0 + 100]);
    expect(() => new LocalQMNIST(qmnistRoot, { what: 'all' as never })).toThrow(/what/);
  });
});
