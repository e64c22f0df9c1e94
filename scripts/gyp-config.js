#!/usr/bin/env node
// Prints one list for binding.gyp's `<!@(...)` expansions, space-separated. Paths are absolute,
// except sources: gyp's make generator needs them relative to the .gyp file (gyp runs us there).
//   node scripts/gyp-config.js sources|include_dirs|defines|libraries [<dir of TorchConfig.cmake>]
// build-gyp.js passes the directory it found, so every expansion describes the same libtorch.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { findTorchCmakeDir, describeTorch } = require('./libtorch');

const root = path.resolve(__dirname, '..');
const [what, cmakeDir] = process.argv.slice(2);
const dir = cmakeDir || findTorchCmakeDir()?.dir;
if (!dir) {
  console.error('torch-node: no libtorch found (see scripts/install.js or the README)');
  process.exit(1);
}
const torch = describeTorch(dir);

// torchvision.io's codecs (native/image.cc), as in CMakeLists.txt: only where libpng and libjpeg's
// headers are installed in the usual include directories.
const hasHeader = (h) => ['/usr/include', '/usr/local/include', '/opt/homebrew/include'].some((d) => fs.existsSync(path.join(d, h)));
const imageCodecs = hasHeader('png.h') && hasHeader('jpeglib.h');

const lists = {
  sources: () =>
    fs.readdirSync(path.join(root, 'native')).filter((f) => f.endsWith('.cc')).sort().map((f) => path.relative(process.cwd(), path.join(root, 'native', f))),
  include_dirs: () => [path.dirname(require.resolve('node-addon-api/package.json')), ...torch.includeDirs],
  defines: () => [...torch.defines, ...(torch.cuda ? ['TORCH_NODE_CUDA=1'] : []), ...(imageCodecs ? ['TORCH_NODE_IMAGE_CODECS=1'] : [])],
  // Same as the CMake build: rpath to the directory of the libraries, and libtorch_cuda linked even
  // though no symbol of it is used (its static initialisers register the CUDA kernels).
  libraries: () => [
    `-L${torch.libDir}`,
    `-Wl,-rpath,${torch.libDir}`,
    ...(torch.cuda ? ['-Wl,--no-as-needed', path.join(torch.libDir, 'libtorch_cuda.so'), '-Wl,--as-needed'] : []),
    '-ltorch',
    '-ltorch_cpu',
    '-lc10',
    ...(imageCodecs ? ['-lpng', '-ljpeg'] : []),
  ],
};
if (!lists[what]) {
  console.error(`usage: gyp-config.js ${Object.keys(lists).join('|')} [torch cmake dir]`);
  process.exit(1);
}
console.log(lists[what]().join(' '));
