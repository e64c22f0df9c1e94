#!/usr/bin/env node
// `npm run build:ts` (and the last step of `npm install`): the TypeScript into dist/, the ES-module
// entry points dist/esm/*.mjs, and package.json's bin targets marked executable (tsc writes them
// 0644; npm sets the mode itself only when it links them from another package).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');

function step(script, args = []) {
  console.log(`torch-node: $ node ${path.relative(root, script)} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  // A package from the registry ships dist/; a git clone compiles it with the dev dependencies.
  if (fs.existsSync(path.join(root, 'dist', 'lib', 'index.js'))) process.exit(0);
  console.error('torch-node: dist/ is missing and TypeScript is not installed: run `npm install` with dev dependencies.');
  process.exit(1);
}
step(tsc, ['-p', 'tsconfig.json']);
step(path.join(__dirname, 'esm-wrappers.js'));

const { bin = {} } = require(path.join(root, 'package.json'));
for (const target of Object.values(bin)) {
  const file = path.join(root, target);
  if (fs.existsSync(file)) fs.chmodSync(file, fs.statSync(file).mode | 0o111);
}
