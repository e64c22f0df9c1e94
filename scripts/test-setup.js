#!/usr/bin/env node
// What `npm test` needs besides the addon that `npm install` built, so that the whole suite runs and
// only the GPU tests skip (run by vitest's global setup, test/global-setup.ts, and by .ci/run):
// - Debian packages: Python PyTorch and torchvision (the parity reference, on the same libtorch),
//   Chromium (the lab report is opened in it), Fashion-MNIST's files and the reference BLAS (tested
//   for the warning about it). Installed as `npm install` installs libtorch: as root on Debian/Ubuntu,
//   unless TORCH_NODE_NO_APT=1; otherwise this says what to run, and those tests skip visibly.
// - the node-gyp build of the addon (the suite checks that both builds agree) and dist/;
// - the large parity fixtures, written by Python into $TORCH_NODE_FIXTURES: each test/fixtures/gen_*.py
//   that writes there runs again only when the script changed.
// Each step is skipped when it is already done, so a second run takes a second.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const { spawnSync } = require('node:child_process');
const { log, canApt, missingPackages, aptInstall } = require('./apt');

const root = path.resolve(__dirname, '..');
const PACKAGES = ['python3-torch', 'python3-torchvision', 'chromium', 'dataset-fashion-mnist', 'libblas3'];
const fixturesDir = process.env.TORCH_NODE_FIXTURES || '/tmp/torch-node-fixtures';

function run(cmd, args) {
  log(`$ ${cmd === process.execPath ? 'node' : cmd} ${args.map((a) => path.relative(root, a) || a).join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, TORCH_NODE_FIXTURES: fixturesDir } });
  if (r.status !== 0) {
    console.error(`torch-node: \`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}).`);
    process.exit(1);
  }
}

function packages() {
  const missing = missingPackages(PACKAGES);
  if (missing.length === 0) return;
  if (canApt() && aptInstall(missing, 'the test suite needs them') && missingPackages(missing).length === 0) return;
  console.warn(
    `torch-node: WARNING: the tests that need ${missing.join(', ')} will be skipped. To run them:\n` +
      `  sudo apt-get install ${missing.join(' ')}`,
  );
}

function builds() {
  if (!fs.existsSync(path.join(root, 'build-gyp', 'Release', 'torch_node.node'))) run(process.execPath, [path.join(__dirname, 'build-gyp.js')]);
  if (!fs.existsSync(path.join(root, 'dist', 'lib', 'index.js'))) run(process.execPath, [path.join(__dirname, 'build-ts.js')]);
}

function largeFixtures() {
  if (spawnSync('/usr/bin/python3', ['-c', 'import torch, torchvision'], { stdio: 'ignore' }).status !== 0) return;
  fs.mkdirSync(fixturesDir, { recursive: true });
  const dir = path.join(root, 'test', 'fixtures');
  for (const name of fs.readdirSync(dir).filter((f) => /^gen_.*\.py$/.test(f)).sort()) {
    const gen = path.join(dir, name);
    const source = fs.readFileSync(gen);
    if (!source.includes('TORCH_NODE_FIXTURES')) continue;
    const stamp = path.join(fixturesDir, `.${name}.sha256`);
    const hash = crypto.createHash('sha256').update(source).digest('hex');
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === hash) continue;
    run('/usr/bin/python3', [gen]);
    fs.writeFileSync(stamp, hash);
  }
}

packages();
builds();
largeFixtures();
