// Failures: a rank killed with SIGKILL makes the others fail with a clear error within the timeout
// (never a hang), and a store port already in use is named as such.
import { describe, it, expect } from 'vitest';
import * as net from 'node:net';
import { built, runRanks, freePort } from './_ranks';

describe.skipIf(!built)('torch.distributed failures', () => {
  it('a rank killed with SIGKILL: the other rank gets a TorchError, well within the 20 s timeout', async () => {
    const [r0, r1] = await runRanks('killed', 2);
    expect(r1.signal).toBe('SIGKILL');
    expect(r0.code).toBe(0);
    expect(r0.result.error).toMatch(/^TorchError: torch\.distributed\.all_reduce failed on rank 0 of 2/);
    expect(r0.result.error).toMatch(/[Cc]onnection (closed|reset)|peer|[Tt]imed out/);
    expect(r0.result.elapsedMs).toBeLessThan(20_000);
  });

  it('a port already in use gives a clear error on the master', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((res) => blocker.listen(port, '0.0.0.0', () => res()));
    try {
      const [r0] = await runRanks('envDump', 1, { port, env: { DIST_TIMEOUT_MS: '3000' } });
      expect(r0.code).not.toBe(0);
      expect(r0.stderr).toMatch(new RegExp(`TCPStore: port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      blocker.close();
    }
  });
});
