// Before any test file: Python PyTorch, Chromium and the other test packages, the node-gyp build and
// the large parity fixtures (scripts/test-setup.js; quick when everything is already there).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export default function setup(): void {
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'test-setup.js')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/test-setup.js failed (exit ${r.status ?? r.signal}): see its output above`);
}
