import { defineConfig } from 'vitest/config';
import * as path from 'node:path';

export default defineConfig({
  resolve: {
    // The examples import the package by name, as a user would; tests run them on the TS sources.
    alias: [
      { find: /^torch-node\/vision$/, replacement: path.resolve(__dirname, 'lib/vision') },
      { find: /^torch-node$/, replacement: path.resolve(__dirname, 'lib') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // One process per file: the addon holds per-environment state, and CI has 2 cores.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
