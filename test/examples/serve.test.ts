// examples/serve: the HTTP service answers with the outputs Python's own run of the exported model
// gives (export_model.py --reference), for concurrent requests that it batches dynamically.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import * as torch from 'torch-node';
import { createServer } from '../../examples/serve/server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-node-serve-'));
let server: ReturnType<typeof createServer>;
let url = '';
let reference: { inputs: number[][][][]; outputs: number[][] };

beforeAll(async () => {
  const r = spawnSync('/usr/bin/python3', [path.join(__dirname, '..', '..', 'examples', 'serve', 'export_model.py'), dir, '--reference', '6'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  reference = JSON.parse(fs.readFileSync(path.join(dir, 'reference.json'), 'utf8'));
  // a wide batching window, so that the concurrent requests below meet in one batch even on a busy machine
  server = createServer(torch.jit.load(path.join(dir, 'model.pt')), { maxBatch: 8, maxWaitMs: 300 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(() => {
  server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const bytes = (x: number[][][]): Uint8Array => new Uint8Array(new Float32Array(x.flat(2)).buffer);

describe('examples/serve', () => {
  it('answers concurrent requests with Python\'s outputs, in fewer forward calls than requests', async () => {
    const answers = await Promise.all(
      reference.inputs.map((x) => fetch(`${url}/predict`, { method: 'POST', body: bytes(x) }).then((r) => r.json())),
    );
    answers.forEach((a, i) => {
      const want = reference.outputs[i];
      expect(a.logits).toHaveLength(10);
      const diff = Math.max(...a.logits.map((y: number, k: number) => Math.abs(y - want[k])));
      expect(diff).toBeLessThanOrEqual(1e-4);
      expect(a.class).toBe(want.indexOf(Math.max(...want)));
    });
    expect(server.batcher.stats.items).toBe(6);
    expect(server.batcher.stats.batches).toBeLessThan(6);
  }, 60_000);

  it('rejects a body of the wrong size and unknown routes with a JSON error', async () => {
    const bad = await fetch(`${url}/predict`, { method: 'POST', body: new Uint8Array(12) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/must be 49152 bytes: float32 3×64×64, got 12/);
    const none = await fetch(`${url}/nothing`);
    expect(none.status).toBe(404);
    expect(await (await fetch(`${url}/health`)).text()).toBe('ok');
  });
});
