// package.json's `bin` (torch-node-lab): the built target exists, has a node shebang, is executable
// after `npm run build:ts`, and runs by itself. Needs dist/: skipped (visibly) when it is not built.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const bins = Object.entries(pkg.bin ?? {}) as [string, string][];
const built = fs.existsSync(path.join(root, 'dist/lib/index.js'));

describe('package.json bin', () => {
  it('declares torch-node-lab → dist/examples/lab4/lab.js and torch-node-run → dist/lib/distributed/run.js, built from their .ts', () => {
    expect(pkg.bin).toEqual({ 'torch-node-lab': 'dist/examples/lab4/lab.js', 'torch-node-run': 'dist/lib/distributed/run.js' });
    expect(fs.readFileSync(path.join(root, 'examples/lab4/lab.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.readFileSync(path.join(root, 'lib/distributed/run.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  describe.skipIf(!built)('built targets (dist/ present; run `npm run build:ts` first)', () => {
    it.each(bins)('%s: exists, starts with the node shebang, is executable', (_name, target) => {
      const file = path.join(root, target);
      expect(fs.existsSync(file)).toBe(true);
      expect(fs.readFileSync(file, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
      expect(fs.statSync(file).mode & 0o111).toBe(0o111);
    });

    it('torch-node-lab --help runs through the shebang', () => {
      const out = execFileSync(path.join(root, pkg.bin['torch-node-lab']), ['--help'], { encoding: 'utf8' });
      expect(out).toMatch(/^Usage: torch-node-lab \[options\]/);
    });
  });
});
