import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../lib';
import * as hub from '../lib/hub';
import { serve } from './helpers/http_server';

const payload = Buffer.from(crypto.randomBytes(300_000));
const sha = crypto.createHash('sha256').update(payload).digest('hex');
let server: Awaited<ReturnType<typeof serve>>;
let dir: string;

beforeAll(async () => {
  server = await serve({
    '/file.bin': { body: payload },
    '/moved.bin': { body: Buffer.alloc(0), redirectTo: '/file.bin' },
    '/truncated.bin': { body: payload.subarray(0, 1000), claimedLength: payload.length },
    '/missing.bin': { body: Buffer.alloc(0), status: 404 },
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('torch.hub.downloadUrlToFile', () => {
  it('downloads over HTTP, following redirects, checking the SHA-256 prefix', () => {
    const dst = path.join(dir, 'ok.bin');
    hub.downloadUrlToFile(`${server.url}/moved.bin`, dst, { hashPrefix: sha.slice(0, 8), progress: false });
    expect(fs.readFileSync(dst).equals(payload)).toBe(true);
  });

  it('rejects a wrong hash, a truncated transfer and an HTTP error, leaving no file behind', () => {
    const cases: [string, string, RegExp][] = [
      ['/file.bin', 'badhash.bin', /invalid hash value/],
      ['/truncated.bin', 'cut.bin', /incomplete download|aborted|ECONNRESET/],
      ['/missing.bin', 'missing.bin', /HTTP Error 404/],
    ];
    for (const [route, name, message] of cases) {
      const dst = path.join(dir, name);
      expect(() => hub.downloadUrlToFile(`${server.url}${route}`, dst, { hashPrefix: route === '/file.bin' ? '00000000' : null, progress: false })).toThrow(message);
      expect(fs.existsSync(dst)).toBe(false);
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('loadStateDictFromUrl downloads once into modelDir and then reads the cache', () => {
    const modelDir = path.join(dir, 'checkpoints');
    fs.mkdirSync(modelDir, { recursive: true });
    const src = path.join(dir, 'sd.pth');
    torch.save(new Map([['w', torch.arange(6).float()]]), src);
    const bytes = fs.readFileSync(src);
    const prefix = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 8);
    fs.writeFileSync(path.join(dir, `tiny-${prefix}.pth`), bytes);
    return serve({ [`/tiny-${prefix}.pth`]: { body: bytes } }).then(async (s) => {
      try {
        const sd = hub.loadStateDictFromUrl(`${s.url}/tiny-${prefix}.pth`, { modelDir, progress: false, checkHash: true });
        expect(sd.get('w')!.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
        expect(fs.existsSync(path.join(modelDir, `tiny-${prefix}.pth`))).toBe(true);
      } finally {
        await s.close();
      }
      // Served no more: the cached copy is what loads now.
      const again = hub.loadStateDictFromUrl(`${s.url}/tiny-${prefix}.pth`, { modelDir, progress: false, checkHash: true });
      expect(again.get('w')!.tolist()).toEqual([0, 1, 2, 3, 4, 5]);
    });
  });

  it('defaults to $TORCH_HOME/hub', () => {
    const prev = process.env.TORCH_HOME;
    process.env.TORCH_HOME = '/some/where';
    try {
      expect(hub.getDir()).toBe('/some/where/hub');
      expect(torch.hub.getDir()).toBe('/some/where/hub');
      expect([torch.hub.loadStateDictFromUrl, torch.hub.downloadUrlToFile]).toEqual([hub.loadStateDictFromUrl, hub.downloadUrlToFile]);
    } finally {
      if (prev === undefined) delete process.env.TORCH_HOME; else process.env.TORCH_HOME = prev;
    }
  });
});
