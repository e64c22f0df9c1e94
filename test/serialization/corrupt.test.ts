// Damaged files: truncations and flipped bytes (about 200 places per fixture) give a TorchError
// naming the file (or, where the damage hits bytes no reader checks, a normal load), never a
// crash, a hang or another kind of error.
import { describe as suite, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';

const DIR = path.join(__dirname, '..', 'fixtures', 'serialization');
const FORMATS = ['dtypes_zip', 'dtypes_legacy', 'tar_state', 'views_zip', 'views_legacy', 'containers_zip_proto4'];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-corrupt-'));

function loadBytes(bytes: Uint8Array, name: string): unknown {
  const f = path.join(work, name);
  fs.writeFileSync(f, bytes);
  return torch.load(f);
}

function expectTorchError(fn: () => unknown, file: string): void {
  let error: unknown;
  try { fn(); } catch (e) { error = e; }
  expect(error).toBeInstanceOf(torch.TorchError);
  expect((error as Error).message).toContain(file);
}

/** About 200 positions spread over [0, n), always including the first and last 32. */
function positions(n: number): number[] {
  const step = Math.max(1, Math.floor(n / 200));
  const out = new Set<number>();
  for (let i = 0; i < n; i++) if (i < 32 || i >= n - 32 || i % step === 0) out.add(i);
  return [...out];
}

/** Lengths [0, n) that are incomplete files: a tar archive is complete once its first all-zero block is there. */
function incompleteBelow(bytes: Uint8Array, name: string): number {
  if (!name.startsWith('tar')) return bytes.length;
  for (let at = 0; at + 512 <= bytes.length; at += 512) if (bytes.subarray(at, at + 512).every((b) => b === 0)) return at + 1;
  return bytes.length;
}

suite('torch.load on damaged files', () => {
  for (const name of FORMATS) {
    const original = fs.readFileSync(path.join(DIR, `${name}.pth`));

    it(`${name}: truncations are TorchErrors naming the file`, () => {
      for (const n of positions(incompleteBelow(original, name))) {
        expectTorchError(() => loadBytes(original.subarray(0, n), `${name}-cut.pth`), `${name}-cut.pth`);
      }
    });

    it(`${name}: flipped bytes load or are TorchErrors`, () => {
      let errors = 0;
      for (const i of positions(original.length)) {
        const bad = Uint8Array.from(original);
        bad[i] ^= i % 2 ? 0xff : 0x01;
        try {
          loadBytes(bad, `${name}-flip.pth`);
        } catch (e) {
          expect(e).toBeInstanceOf(torch.TorchError);
          expect((e as Error).message).toContain(`${name}-flip.pth`);
          errors++;
        }
      }
      expect(errors).toBeGreaterThan(0);
    });
  }

  it('reports a flipped byte of data.pkl as a CRC-32 failure', () => {
    const original = fs.readFileSync(path.join(DIR, 'views_zip.pth'));
    const bad = Uint8Array.from(original);
    bad[original.indexOf(Buffer.from('transposed')) + 2] ^= 0x01; // a dict key inside data.pkl
    expect(() => loadBytes(bad, 'crc.pth')).toThrow(/zip record '.*data.pkl' fails its CRC-32 check/);
  });

  it('loads a flipped byte of tensor data without complaint, as PyTorch does (storages carry no CRC check)', () => {
    const original = fs.readFileSync(path.join(DIR, 'views_zip.pth'));
    const bad = Uint8Array.from(original);
    bad[original.indexOf(Buffer.from(new Float32Array([23]).buffer)) + 3] ^= 0x80; // 23 → -23
    expect(loadBytes(bad, 'data.pth').a.tolist()[3][5]).toBe(-23);
  });

  it('names what is wrong in files that are not checkpoints', () => {
    expect(() => loadBytes(new TextEncoder().encode('hello world'), 'text.pth')).toThrow(/text.pth: not a file torch.save writes/);
    expect(() => loadBytes(new Uint8Array(0), 'empty.pth')).toThrow(torch.TorchError);
  });
});
