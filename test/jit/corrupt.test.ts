// Damaged TorchScript files: truncations and flipped bytes of a scripted module, loaded in a child
// process (so that a crash is seen as one, not as a dead test runner). Each torch.jit.load returns a
// module (whose forward then returns or throws) or throws a TorchError naming torch.jit.load.
import { describe, it, expect } from 'vitest';
import * as path from 'node:path';
import { runTs } from '../helpers/child';

const GATE = path.join(__dirname, '..', 'fixtures', 'jit', 'gate.pt');

const child = `
import * as fs from 'node:fs';
import * as torch from 'torch-node-lib';
const original = fs.readFileSync(${JSON.stringify(GATE)});
const counts = { loaded: 0, threw: 0, forwardThrew: 0, other: [] as string[] };
function attempt(bytes: Buffer, what: string): void {
  let m;
  try {
    m = torch.jit.load(bytes);
  } catch (e) {
    if (e instanceof torch.TorchError && e.message.startsWith('torch.jit.load: a buffer of ')) counts.threw++;
    else counts.other.push(what + ': ' + String(e).slice(0, 200));
    return;
  }
  counts.loaded++;
  try { m.forward(torch.ones(3, 4)); } catch (e) {
    if (e instanceof Error && e.message.startsWith('ScriptModule.forward: ')) counts.forwardThrew++;
    else counts.other.push(what + ' forward: ' + String(e).slice(0, 200));
  }
}
const n = original.length;
const step = Math.max(1, Math.floor(n / 150));
for (let len = 0; len < n; len += step) attempt(original.subarray(0, len), 'cut ' + len);
for (let i = 0; i < n; i++) {
  if (i >= 64 && i < n - 64 && i % step !== 0) continue;
  const bad = Buffer.from(original);
  bad[i] ^= i % 2 ? 0xff : 0x01;
  attempt(bad, 'flip ' + i);
}
console.log(JSON.stringify(counts));
`;

describe('torch.jit.load on damaged files', () => {
  it('truncations and flipped bytes: a module or a TorchError, never a crash', async () => {
    const r = await runTs(child);
    expect(r.stderr.includes('Segmentation') || r.stderr.includes('Aborted')).toBe(false);
    expect(r.status).toBe(0);
    const counts = JSON.parse(r.stdout.trim().split('\n').pop()!);
    console.log(`torch.jit.load damaged gate.pt: ${JSON.stringify(counts)}`);
    expect(counts.other).toEqual([]);
    expect(counts.threw).toBeGreaterThan(150); // every truncation at least
  });
});
