#!/usr/bin/env node
// `npm run build:gyp`: builds the addon with node-gyp into build-gyp/Release/torch_node.node.
// node-gyp always writes to ./build and cmake-js owns build/, so node-gyp runs inside build-gyp/,
// whose binding.gyp is a link to the real one (every path in it is absolute, see gyp-config.js);
// build-gyp/Release then links to node-gyp's build-gyp/build/Release, where lib/native.ts looks.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { findTorchCmakeDir, describeTorch } = require('./libtorch');

const root = path.resolve(__dirname, '..');
const stage = path.join(root, 'build-gyp');

function run(args, env) {
  console.log(`torch-node: $ node-gyp ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [require.resolve('node-gyp/bin/node-gyp.js'), ...args], { cwd: stage, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const found = findTorchCmakeDir();
if (!found) {
  console.error('torch-node: no libtorch found; run `npm install` first (it explains what to install).');
  process.exit(1);
}
const torch = describeTorch(found.dir);
console.log(`torch-node: node-gyp build against libtorch ${torch.version} (${found.source}): ${found.dir}`);

// The tensor wrapper needs the running Node's own headers (v8.h), as in CMakeLists.txt.
const nodedir = process.env.NODEDIR || path.resolve(process.execPath, '..', '..');
if (!fs.existsSync(path.join(nodedir, 'include', 'node', 'v8.h'))) {
  console.error(`torch-node: Node's headers were not found in ${nodedir}/include/node: install libnode-dev (Debian) or set NODEDIR.`);
  process.exit(1);
}

fs.mkdirSync(stage, { recursive: true });
for (const [link, target] of [['binding.gyp', '../binding.gyp'], ['Release', 'build/Release']]) {
  fs.rmSync(path.join(stage, link), { force: true });
  fs.symlinkSync(target, path.join(stage, link));
}
// ccache makes CI reruns fast (the CMake build uses it too).
const env = { ...process.env };
if (!env.CXX && spawnSync('sh', ['-c', 'command -v ccache'], { stdio: 'ignore' }).status === 0) env.CXX = 'ccache g++';
run(['configure', `--nodedir=${nodedir}`, '--', `-Dtorch_node_root=${root}`, `-Dtorch_cmake_dir=${found.dir}`], env);
run(['build', '--jobs=max'], env);
console.log(`torch-node: built ${path.join(stage, 'Release', 'torch_node.node')}`);
