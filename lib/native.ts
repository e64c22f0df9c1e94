// The one place that loads the compiled addon. cmake-js builds into build/Release, node-gyp into
// build-gyp/Release; TORCH_NODE_ADDON names another file explicitly.
import * as fs from 'node:fs';
import * as path from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
export type NativeBinding = Record<string, any>;

export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('torch-node: cannot find the package root above ' + __dirname);
    dir = up;
  }
  return dir;
}

function load(): NativeBinding {
  const root = packageRoot();
  const candidates = process.env.TORCH_NODE_ADDON
    ? [path.resolve(process.env.TORCH_NODE_ADDON)]
    : [path.join(root, 'build', 'Release', 'torch_node.node'), path.join(root, 'build-gyp', 'Release', 'torch_node.node')];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found) {
    throw new Error(
      `torch-node: the native addon is not built (looked for ${candidates.join(', ')}). ` +
        'Run `npm run build:native` in the package directory; see the README for how libtorch is found.',
    );
  }
  // OpenBLAS reads this when libtorch loads it. Its own threads on top of libtorch's intra-op threads
  // oversubscribe small machines: one BLAS thread was faster and steadier on 2 cores (an E1 training
  // step in Python on the same libtorch: 5.1 ms with one, 5.9 ms median and erratic with two).
  // Only the main thread's environment reaches the C library, not a worker's copy of process.env.
  process.env.OPENBLAS_NUM_THREADS ??= '1';
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(found);
}

export const native: NativeBinding = load();
