// The zip container: the CRC-32 fallback for Node versions without zlib.crc32, and the layout of
// the archives torch.save writes (64-byte aligned records, as PyTorchStreamWriter writes them).
import { describe as suite, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../lib';
import { crc32Js } from '../../lib/serialization/zip';

suite('zip', () => {
  it('computes the standard CRC-32 check value, also incrementally', () => {
    const digits = new TextEncoder().encode('123456789');
    expect(crc32Js(digits)).toBe(0xcbf43926);
    expect(crc32Js(digits.subarray(4), crc32Js(digits.subarray(0, 4)))).toBe(0xcbf43926);
    expect(crc32Js(new Uint8Array(0))).toBe(0);
  });

  it('writes records named <archive>/..., each starting on a 64-byte boundary', () => {
    const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-zip-')), 'weights.pth');
    torch.save({ a: torch.arange(5), b: torch.ones(3, { dtype: torch.float64 }) }, f);
    const bytes = fs.readFileSync(f);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const names: string[] = [];
    for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
      const nameLen = view.getUint16(at + 26, true);
      const start = at + 30 + nameLen + view.getUint16(at + 28, true);
      names.push(bytes.subarray(at + 30, at + 30 + nameLen).toString());
      if (names[names.length - 1].includes('/data/')) expect(start % 64).toBe(0);
      at = start + view.getUint32(at + 18, true);
    }
    expect(names).toEqual(['weights/data.pkl', 'weights/data/0', 'weights/data/1', 'weights/version']);
  });
});
