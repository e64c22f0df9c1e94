// datasets.CIFAR10 / CIFAR100 on a CIFAR-format folder Python wrote (test/fixtures/gen_datasets.py:
// pickles of protocols 2-5, as torchvision reads them), and their download from a local server.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { datasets, transforms } from '../../../lib/vision';
import { serveFiles, FileServer } from '../../helpers/file_server';

const FIX = path.join(__dirname, '../../fixtures/vision/datasets');
const fx = JSON.parse(fs.readFileSync(path.join(FIX, 'datasets.json'), 'utf8'));

class TinyCIFAR10 extends datasets.CIFAR10 {
  static override trainList = fx.cifar10.trainList;
  static override testList = fx.cifar10.testList;
  static override meta = fx.cifar10.meta;
}
class TinyCIFAR100 extends datasets.CIFAR100 {
  static override trainList = fx.cifar100.trainList;
  static override testList = fx.cifar100.testList;
  static override meta = fx.cifar100.meta;
}

describe.each([
  ['CIFAR10', TinyCIFAR10, fx.cifar10, datasets.CIFAR10],
  ['CIFAR100', TinyCIFAR100, fx.cifar100, datasets.CIFAR100],
] as const)('datasets.%s', (_name, Cls, f, Base) => {
  it('has torchvision 0.14\'s URL, MD5 sums and file lists', () => {
    expect({ url: Base.url, filename: Base.filename, tgzMd5: Base.tgzMd5, trainList: Base.trainList, testList: Base.testList, meta: Base.meta }).toEqual(f.urls);
  });

  it.each([['train', true], ['test', false]] as const)('reads the %s batches as torchvision does', (split, train) => {
    const ds = new Cls(FIX, { train });
    const e = f[split];
    expect(ds.length).toBe(e.length);
    expect(ds.targets).toEqual(e.targets);
    expect(ds.classes).toEqual(e.classes);
    expect(ds.data.shape).toEqual(e.dataShape);
    expect(ds.data.dtype).toBe(torch.uint8);
    for (let i = 0; i < ds.length; i++) {
      const [img, target] = ds.getItem(i);
      expect(target).toBe(e.targets[i]);
      expect({ mode: img.mode, size: img.size, pixels: Buffer.from(img.data).toString('base64') }).toEqual(e.items[i]);
    }
    expect(String(ds).replace(FIX, '<root>')).toBe(e.repr);
  });

  it('a random transform draws as torchvision does under a seed', () => {
    for (const [split, train] of [['train', true], ['test', false]] as const) {
      const ds = new Cls(FIX, { train, transform: transforms.Compose([transforms.RandomCrop(28), transforms.ToTensor()]) });
      torch.manualSeed(5);
      const sums = Array.from({ length: ds.length }, (_x, i) => ds.getItem(i)[0].sum().item() as number);
      sums.forEach((s, i) => expect(s).toBeCloseTo(f[split].cropSums[i], 3));
    }
  });
});

describe('datasets.CIFAR10 errors and download', () => {
  let server: FileServer;
  beforeAll(async () => {
    server = await serveFiles({ [fx.cifar10.filename]: fs.readFileSync(path.join(FIX, fx.cifar10.filename)) });
  });
  afterAll(() => server?.close());

  it('a missing or corrupt folder is torchvision\'s error', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-cifar-'));
    expect(() => new datasets.CIFAR10(root)).toThrow(/Dataset not found or corrupted. You can use download: true/);
    // The real MD5 sums do not match the tiny files.
    expect(() => new datasets.CIFAR10(FIX)).toThrow(/Dataset not found or corrupted/);
    expect(() => new datasets.CIFAR10(FIX, { train: 1 as never })).toThrow(/train must be a boolean/);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('downloads the tar.gz with its MD5, extracts it and reads it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-cifar-'));
    class Bad extends TinyCIFAR10 {
      static override url = `${server.base}/bad/${fx.cifar10.filename}`;
      static override tgzMd5 = fx.cifar10.tgzMd5;
    }
    expect(() => new Bad(root, { download: true })).toThrow(/MD5/);
    class Local extends TinyCIFAR10 {
      static override url = `${server.base}/redirect/${fx.cifar10.filename}`;
      static override tgzMd5 = fx.cifar10.tgzMd5;
    }
    const ds = new Local(root, { download: true, train: false });
    expect(ds.targets).toEqual(fx.cifar10.test.targets);
    expect(fs.readdirSync(path.join(root, 'cifar-10-batches-py')).sort()).toEqual(['batches.meta', 'data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch']);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
