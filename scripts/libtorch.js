// Finds the libtorch to build against and the BLAS the system will give it. Shared by install.js
// (cmake-js), build-gyp.js and gyp-config.js (node-gyp) so both builds use the same libtorch.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const TRIPLET = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', ppc64: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu' }[process.arch];
const SYSTEM_TORCH_DIR = `/usr/lib/${TRIPLET}/cmake/Torch`;

const hasConfig = (dir) => fs.existsSync(path.join(dir, 'TorchConfig.cmake'));

// The libtorch of an installed Python torch. A pip wheel ships share/cmake/Torch; Debian's
// python3-torch points at a path that does not exist (its libtorch is libtorch-dev's), so fall through.
function pythonTorchDir() {
  try {
    const out = execFileSync('python3', ['-c', 'import torch; print(torch.utils.cmake_prefix_path)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    });
    const dir = path.join(out.trim(), 'Torch');
    return hasConfig(dir) ? dir : null;
  } catch {
    return null;
  }
}

/** The first libtorch found: $LIBTORCH, then Python's torch, then Debian/Ubuntu's libtorch-dev. */
function findTorchCmakeDir() {
  if (process.env.LIBTORCH) {
    const dir = path.resolve(process.env.LIBTORCH, 'share', 'cmake', 'Torch');
    if (!hasConfig(dir)) {
      throw new Error(`LIBTORCH=${process.env.LIBTORCH} is not an unpacked libtorch distribution: ${dir}/TorchConfig.cmake does not exist.`);
    }
    return { dir, source: '$LIBTORCH' };
  }
  const py = pythonTorchDir();
  if (py) return { dir: py, source: 'python3 torch' };
  if (TRIPLET && hasConfig(SYSTEM_TORCH_DIR)) return { dir: SYSTEM_TORCH_DIR, source: 'system (libtorch-dev)' };
  return null;
}

/** Everything a build needs from the libtorch whose TorchConfig.cmake lies in `cmakeDir`. */
function describeTorch(cmakeDir) {
  // TORCH_INSTALL_PREFIX, computed as TorchConfig.cmake does: upstream's is three levels up
  // (<prefix>/share/cmake/Torch), Debian's four (/usr/lib/<triplet>/cmake/Torch).
  const config = readOr(path.join(cmakeDir, 'TorchConfig.cmake'));
  const up = /TORCH_INSTALL_PREFIX "\$\{CMAKE_CURRENT_LIST_DIR\}\/([./]*)" ABSOLUTE/.exec(config)?.[1] ?? '../../../';
  const prefix = process.env.TORCH_INSTALL_PREFIX || path.resolve(cmakeDir, up);
  // A distribution keeps its libraries in <prefix>/lib; Debian in /usr/lib/<triplet>, two levels up.
  const libDir = [path.join(prefix, 'lib'), path.resolve(cmakeDir, '..', '..')].find((d) => fs.existsSync(path.join(d, 'libtorch.so')));
  if (!libDir) throw new Error(`libtorch.so was not found next to ${cmakeDir}`);
  const apiInclude = path.join(prefix, 'include', 'torch', 'csrc', 'api', 'include');
  // libtorch 2.x's torch/version.h only includes torch/headeronly/version.h, which has the numbers
  const versionH = readOr(path.join(apiInclude, 'torch', 'version.h')) + readOr(path.join(prefix, 'include', 'torch', 'headeronly', 'version.h'));
  const version = (versionH.match(/#define TORCH_VERSION\s*\\?\s*"([^"]+)"/) || [])[1] || 'unknown';
  return {
    cmakeDir,
    prefix,
    libDir,
    includeDirs: [path.join(prefix, 'include'), apiInclude],
    version,
    defines: torchDefines(cmakeDir),
    cuda: fs.existsSync(path.join(libDir, 'libtorch_cuda.so')),
  };
}

// The defines the CMake `torch` target gives its users: TORCH_CXX_FLAGS (the libstdc++ ABI) and the
// literal INTERFACE_COMPILE_DEFINITIONS of the exported targets (USE_DISTRIBUTED, ... change class
// layouts, so a node-gyp build must match the CMake one exactly).
function torchDefines(cmakeDir) {
  const defines = new Set();
  const abi = readOr(path.join(cmakeDir, 'TorchConfig.cmake')).match(/set\(TORCH_CXX_FLAGS "-D([^"]+)"\)/);
  if (abi) defines.add(abi[1]);
  const targets = readOr(path.join(cmakeDir, '..', 'Caffe2', 'Caffe2Targets.cmake'));
  for (const m of targets.matchAll(/INTERFACE_COMPILE_DEFINITIONS "([^"]*)"/g)) {
    for (const d of m[1].split(';')) if (d && !d.includes('$<')) defines.add(d);
  }
  return [...defines];
}

/** The file libblas.so.3 resolves to through Debian's alternatives, and whether it is the slow
 *  netlib reference BLAS (installed in .../blas/); null when there is no libblas.so.3. */
function systemBlas() {
  const link = `/usr/lib/${TRIPLET}/libblas.so.3`;
  if (!fs.existsSync(link)) return null;
  const real = fs.realpathSync(link);
  return { path: real, reference: path.basename(path.dirname(real)) === 'blas' };
}

function readOr(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

module.exports = { findTorchCmakeDir, describeTorch, systemBlas, SYSTEM_TORCH_DIR };
