#!/usr/bin/env node
// `npm install` entry point: find libtorch (installing Debian's when there is none and we may),
// make sure the system BLAS is not the slow reference one, build the addon with cmake-js, and
// generate the op layer from the addon's operator schemas (scripts/codegen), and compile the
// TypeScript. `--build-only` (npm run build:native) stops before the TypeScript.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { findTorchCmakeDir, describeTorch, systemBlas } = require('./libtorch');
const { log, onPath, canApt, aptInstall } = require('./apt');

const root = path.resolve(__dirname, '..');
const buildOnly = process.argv.includes('--build-only');
// TORCH_NODE_BUILD_DIR builds elsewhere than build/ (scripts/device-check.sh builds against a second
// libtorch beside the usual build; lib/native.ts then loads it through TORCH_NODE_ADDON).
const buildDir = path.resolve(root, process.env.TORCH_NODE_BUILD_DIR || 'build');

function fail(msg) {
  console.error(`\ntorch-node: ${msg}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal}).`);
}

function findLibtorch() {
  let found;
  try {
    found = findTorchCmakeDir();
  } catch (e) {
    fail(e.message);
  }
  if (!found && canApt()) {
    aptInstall(['libtorch-dev'], 'no libtorch was found');
    found = findTorchCmakeDir();
  }
  if (!found) {
    fail(
      'no libtorch was found. Either\n' +
        '  - on Debian/Ubuntu: sudo apt-get install libtorch-dev libopenblas0-pthread\n' +
        '  - or set LIBTORCH to an unpacked libtorch distribution (https://pytorch.org, "LibTorch", C++/Java;\n' +
        '    the directory that contains share/cmake/Torch), e.g. LIBTORCH=$HOME/libtorch npm install\n' +
        '  - or pip install torch (for python3) and rerun.',
    );
  }
  return { ...describeTorch(found.dir), source: found.source };
}

// Debian's libtorch calls whatever libblas.so.3 the system selects; the netlib reference BLAS is
// about 20x slower than OpenBLAS for the matrix products of a training step (see the README).
function checkBlas(torch) {
  if (!torch.source.startsWith('system')) return 'bundled with libtorch';
  let blas = systemBlas();
  if ((!blas || blas.reference) && canApt()) {
    aptInstall(['libopenblas0-pthread'], blas ? 'the system BLAS is the slow reference BLAS' : 'no BLAS is installed');
    blas = systemBlas();
  }
  if (!blas) fail('libblas.so.3 was not found: sudo apt-get install libopenblas0-pthread');
  if (blas.reference) {
    console.warn(
      `torch-node: WARNING: libblas.so.3 is the reference BLAS (${blas.path}): matrix products will be slow.\n` +
        '  Install OpenBLAS: sudo apt-get install libopenblas0-pthread',
    );
  }
  return blas.path;
}

// torch.distributed's Gloo backend: libtorch has it compiled in (USE_C10D_GLOO), but Debian ships its
// headers separately (libgloo-dev). Without them the addon still builds and dist.isAvailable() is false.
function checkGloo(torch) {
  if (!torch.defines.includes('USE_C10D_GLOO')) return 'not in this libtorch (torch.distributed unavailable)';
  const header = (dir) => fs.existsSync(path.join(dir, 'gloo', 'config.h'));
  const dirs = [...torch.includeDirs, '/usr/include', '/usr/local/include'];
  if (!dirs.some(header) && canApt()) aptInstall(['libgloo-dev'], "Gloo's headers are missing (torch.distributed)");
  if (dirs.some(header)) return 'headers found';
  console.warn("torch-node: WARNING: Gloo's headers were not found: torch.distributed will be unavailable. Debian/Ubuntu: sudo apt-get install libgloo-dev");
  return 'headers missing';
}

function buildNative(torch) {
  if (!onPath('cmake') && canApt()) aptInstall(['cmake', 'g++', 'make'], 'cmake was not found');
  if (!onPath('cmake')) fail('cmake was not found: sudo apt-get install cmake g++ (or see https://cmake.org/download).');
  // `compile` reuses an existing configuration; a different libtorch than last time needs a clean one.
  const cache = path.join(buildDir, 'CMakeCache.txt');
  const previous = fs.existsSync(cache) ? /^Torch_DIR:PATH=(.*)$/m.exec(fs.readFileSync(cache, 'utf8'))?.[1] : undefined;
  const command = previous && previous !== torch.cmakeDir ? 'rebuild' : 'compile';
  const cmakeJs = require.resolve('cmake-js/bin/cmake-js');
  // Torch_DIR alone is not enough beside Debian's libtorch: TorchConfig.cmake's find_library and
  // find_package(Caffe2) search the system's paths first, and a pip torch 2.x's headers were linked with
  // /usr/lib's libtorch 1.13 (undefined symbols at load). Its prefix first in CMAKE_PREFIX_PATH wins.
  const prefixPath = torch.source.startsWith('system') ? [] : [`--CDCMAKE_PREFIX_PATH=${torch.prefix}`];
  run(process.execPath, [cmakeJs, command, '-O', buildDir, '--CDCMAKE_BUILD_TYPE=Release', `--CDTorch_DIR=${torch.cmakeDir}`, ...prefixPath]);
}

const torch = findLibtorch();
log(`libtorch ${torch.version} from ${torch.source}: ${torch.cmakeDir}${torch.cuda ? ' (CUDA)' : ''}`);
log(`BLAS: ${checkBlas(torch)}`);
log(`Gloo (torch.distributed): ${checkGloo(torch)}`);
buildNative(torch);
// The op layer follows the libtorch just built against: its schemas come from the addon's dispatcher.
run(process.execPath, [path.join(__dirname, 'codegen', 'generate.js'), path.join(buildDir, 'Release', 'torch_node.node')]);
if (!buildOnly) run(process.execPath, [path.join(__dirname, 'build-ts.js')]);
log('done.');
