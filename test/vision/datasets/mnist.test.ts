import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import * as torch from '../../../lib';
import { datasets, transforms } from '../../../lib/vision';

const FIX = path.join(__dirname, '../../fixtures/vision');
const meta = JSON.parse(fs.readFileSync(path.join(FIX, 'mnist_meta.json'), 'utf8'));
const FASHION = '/usr/share/datasets/fashion-mnist';
const hasFashion = fs.existsSync(path.join(FASHION, 't10k-labels-idx1-ubyte.gz'));
const tmpRoot = () => fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-mnist-'));

/** An IDX file: magic (0, 0, 0x08, ndim), big-endian dims, uint8 data. */
function idx(shape: number[], data: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * shape.length);
  head.writeUInt32BE(0x0800 + shape.length, 0);
  shape.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, Buffer.from(data)]);
}

describe('datasets.MNIST / FashionMNIST metadata', () => {
  it('has torchvision 0.14\'s mirrors, MD5 sums and classes', () => {
    expect(datasets.MNIST.mirrors).toEqual(meta.mnist.mirrors);
    expect(datasets.MNIST.resources).toEqual(meta.mnist.resources);
    expect(datasets.MNIST.classes).toEqual(meta.mnist.classes);
    expect(datasets.FashionMNIST.mirrors).toEqual(meta.fashion.mirrors);
    expect(datasets.FashionMNIST.resources).toEqual(meta.fashion.resources);
    expect(datasets.FashionMNIST.classes).toEqual(meta.fashion.classes);
  });
});

describe.skipIf(!hasFashion)(`datasets.FashionMNIST on Debian's files (${FASHION})`, () => {
  const fx = hasFashion ? JSON.parse(fs.readFileSync(path.join(FIX, 'fashion_mnist.json'), 'utf8')) : null;
  let root = '';
  beforeAll(() => {
    root = tmpRoot();
    const raw = path.join(root, 'FashionMNIST', 'raw');
    fs.mkdirSync(raw, { recursive: true });
    for (const f of fs.readdirSync(FASHION)) fs.symlinkSync(path.join(FASHION, f), path.join(raw, f));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each([['train', true], ['test', false]] as const)('reads the gzipped IDX %s files as torchvision does', (split, train) => {
    const ds = new datasets.FashionMNIST(root, { train });
    const f = fx[split];
    expect(ds.length).toBe(f.length);
    expect(ds.targets.slice(0, 0, 30).tolist()).toEqual(f.labels);
    const counts = Array(10).fill(0);
    for (const l of ds.targets.tolist() as number[]) counts[l]++;
    expect(counts).toEqual(f.labelCounts);
    const data = ds.data;
    expect(data.shape).toEqual([f.length, 28, 28]);
    expect([0, 1, 2, f.length - 1].map((i) => data.get(i).sum().item())).toEqual(f.pixelSums);
    const [img, label] = ds.getItem(0);
    expect(label).toBe(f.label0);
    expect(img.mode).toBe(f.mode0);
    expect(img.size).toEqual(f.size0);
    expect(Buffer.from(img.data).toString('base64')).toBe(f.image0);
    expect(ds.classes).toEqual(f.classes);
  });

  it('applies transform and targetTransform and prints as torchvision', () => {
    const ds = new datasets.FashionMNIST(root, { train: false, transform: transforms.Compose([transforms.ToTensor()]), targetTransform: (y: number) => y * 10 });
    const [x, y] = ds.getItem(-1);
    expect(x.shape).toEqual([1, 28, 28]);
    expect(y).toBe((ds.targets.get(9999).item() as number) * 10);
    const plain = new datasets.FashionMNIST(root, { train: false, transform: transforms.Compose([transforms.ToTensor()]) });
    expect(String(plain).replace(root, '<root>')).toBe(fx.repr);
  });
});

describe('datasets.MNIST download from a local HTTP server', () => {
  // Small but valid MNIST files: 6 train and 4 test 28x28 images.
  const files: Record<string, Buffer> = {};
  const images: Record<string, Uint8Array> = {};
  const labels: Record<string, Uint8Array> = {};
  for (const [prefix, n] of [['train', 6], ['t10k', 4]] as const) {
    images[prefix] = Uint8Array.from({ length: n * 784 }, (_x, i) => (i * 7 + n) % 256);
    labels[prefix] = Uint8Array.from({ length: n }, (_x, i) => (i * 3) % 10);
    files[`${prefix}-images-idx3-ubyte.gz`] = zlib.gzipSync(idx([n, 28, 28], images[prefix]));
    files[`${prefix}-labels-idx1-ubyte.gz`] = zlib.gzipSync(idx([n], labels[prefix]));
  }
  const resources = Object.entries(files).map(([name, buf]) => [name, crypto.createHash('md5').update(buf).digest('hex')] as [string, string]);
  let server: Worker;
  let base = '';

  beforeAll(async () => {
    // The dataset constructor blocks this thread while it downloads, so the server runs in a worker.
    const code = `
      const http = require('node:http');
      const { parentPort, workerData } = require('node:worker_threads');
      const files = Object.fromEntries(Object.entries(workerData).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
      http.createServer((req, res) => {
        const [, kind, name] = req.url.split('/');
        if (kind === 'redirect') { res.writeHead(302, { location: '/good/' + name }); return res.end(); }
        const body = files[name];
        if (!body || kind === 'missing') { res.writeHead(404); return res.end('not found'); }
        const out = Buffer.from(body);
        if (kind === 'bad') out[out.length - 5] ^= 0xff;
        res.writeHead(200, { 'content-length': out.length });
        res.end(out);
      }).listen(0, '127.0.0.1', function () { parentPort.postMessage(this.address().port); });`;
    server = new Worker(code, { eval: true, workerData: Object.fromEntries(Object.entries(files).map(([k, b]) => [k, b.toString('base64')])) });
    const port = await new Promise<number>((resolve) => server.once('message', resolve));
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => server?.terminate());

  class LocalMNIST extends datasets.MNIST {
    static override resources = resources;
  }

  it('falls back over mirrors (404, corrupt, redirect) and loads what it verified', () => {
    const root = tmpRoot();
    LocalMNIST.mirrors = [`${base}/missing/`, `${base}/bad/`, `${base}/redirect/`];
    const ds = new LocalMNIST(root, { download: true });
    const raw = path.join(root, 'LocalMNIST', 'raw');
    expect(fs.readdirSync(raw).sort()).toEqual([...Object.keys(files), ...Object.keys(files).map((f) => f.slice(0, -3))].sort());
    expect(ds.length).toBe(6);
    const [img, label] = ds.getItem(5);
    expect(Array.from(img.data)).toEqual(Array.from(images.train.subarray(5 * 784)));
    expect(label).toBe(labels.train[5]);
    const test = new LocalMNIST(root, { train: false });
    expect(test.targets.tolist()).toEqual(Array.from(labels.t10k));
    expect(test.data.dtype).toBe(torch.uint8);
    // Present files are not fetched again (the mirrors are now unreachable).
    LocalMNIST.mirrors = ['http://127.0.0.1:9/'];
    expect(new LocalMNIST(root, { download: true }).length).toBe(6);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('rejects a corrupt download and leaves no file behind', () => {
    const root = tmpRoot();
    LocalMNIST.mirrors = [`${base}/bad/`];
    expect(() => new LocalMNIST(root, { download: true })).toThrow(/Error downloading train-images-idx3-ubyte.gz:[\s\S]*MD5 of the download is [0-9a-f]{32}, expected/);
    expect(fs.readdirSync(path.join(root, 'LocalMNIST', 'raw'))).toEqual([]);
    LocalMNIST.mirrors = [`${base}/missing/`];
    expect(() => new LocalMNIST(root, { download: true })).toThrow(/HTTP Error 404/);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('without download, a missing dataset is a clear error; bad options are rejected', () => {
    const root = tmpRoot();
    expect(() => new datasets.MNIST(root)).toThrow(/torchvision.datasets.MNIST: Dataset not found in .*MNIST[/\\]raw\. You can use download: true/);
    expect(() => new datasets.MNIST(root, { target_transform: null } as never)).toThrow(/unknown option 'target_transform' \(did you mean 'targetTransform'\?\)/);
    expect(() => new datasets.MNIST(root, { transform: 3 as never })).toThrow(/transform must be a callable/);
    expect(() => new datasets.MNIST(42 as never)).toThrow(/root must be a directory path/);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('the IDX reader rejects files that are not IDX', () => {
    expect(() => datasets.parseIdx(Buffer.from('hello world'))).toThrow(/not an IDX file/);
    expect(() => datasets.parseIdx(idx([2, 2], new Uint8Array(3)))).toThrow(/expected 4 bytes of data/);
    const t = datasets.parseIdx(zlib.gzipSync(idx([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6))));
    expect(t.shape).toEqual([2, 3]);
    // Wider types are big-endian: float32 (0x0D) and int16 (0x0B).
    const f = Buffer.alloc(8 + 8);
    f.writeUInt32BE(0x0d01, 0);
    f.writeUInt32BE(2, 4);
    f.writeFloatBE(1.5, 8);
    f.writeFloatBE(-2.25, 12);
    expect(Array.from(datasets.parseIdx(f).data)).toEqual([1.5, -2.25]);
    const s16 = Buffer.alloc(8 + 4);
    s16.writeUInt32BE(0x0b01, 0);
    s16.writeUInt32BE(2, 4);
    s16.writeInt16BE(-300, 8);
    s16.writeInt16BE(7, 10);
    const parsed = datasets.parseIdx(s16);
    expect(parsed.data).toBeInstanceOf(Int16Array);
    expect(Array.from(parsed.data)).toEqual([-300, 7]);
  });
});
