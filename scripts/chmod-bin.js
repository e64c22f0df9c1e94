#!/usr/bin/env node
// Marks package.json's bin targets executable after `tsc` (which writes them 0644), so that
// ./dist/examples/lab4/lab.js runs from a checkout too; npm sets the mode itself when it links them.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { bin = {} } = require(path.join(root, 'package.json'));
for (const target of Object.values(bin)) {
  const file = path.join(root, target);
  if (fs.existsSync(file)) fs.chmodSync(file, fs.statSync(file).mode | 0o111);
}
