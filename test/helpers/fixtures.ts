// Where the large parity fixtures live (written by .ci/run with Python torch; see test/fixtures/gen_*.py)
// and whether Python torch is here to make them, so that tests needing them skip visibly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const largeFixturesDir = process.env.TORCH_NODE_FIXTURES ?? '/tmp/torch-node-fixtures';

export function largeFixture(...parts: string[]): string | null {
  const p = path.join(largeFixturesDir, ...parts);
  return fs.existsSync(p) ? p : null;
}

let pythonTorch: boolean | undefined;
export function hasPythonTorch(): boolean {
  if (pythonTorch === undefined) {
    pythonTorch = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
  }
  return pythonTorch;
}

export function readFloat32(file: string): Float32Array {
  const buf = fs.readFileSync(file);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}
