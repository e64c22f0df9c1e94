// torch.config(): what this process actually runs on — the libtorch and BLAS libraries that were
// loaded (read from /proc/self/maps, so a system-wide BLAS switch shows up), threads and CUDA.
// Python's nearest equivalents are torch.__config__.show() and torch.__config__.parallel_info().
import * as fs from 'node:fs';
import * as path from 'node:path';
import { native, packageRoot } from './native';

export type BlasName = 'openblas' | 'mkl' | 'blis' | 'atlas' | 'reference' | 'unknown';

export interface Config {
  torchNodeVersion: string;
  /** The libtorch version the addon was compiled against (TORCH_VERSION). */
  libtorchVersion: string;
  /** The loaded libtorch_cpu.so, symlinks resolved (null where /proc/self/maps is unavailable). */
  libtorchPath: string | null;
  /** The BLAS that libtorch calls; path is null when it is linked into libtorch itself. */
  blas: { name: BlasName; path: string | null };
  cudaAvailable: boolean;
  numThreads: number;
  /** at::get_parallel_info(), as torch.__config__.parallel_info() prints it. */
  parallelInfo: string;
}

/** Names a BLAS library by its file, e.g. Debian's alternatives: .../openblas-pthread/libblas.so.3. */
export function blasName(file: string): BlasName {
  if (/mkl/i.test(file)) return 'mkl';
  if (/openblas/i.test(file)) return 'openblas';
  if (/blis/i.test(file)) return 'blis';
  if (/atlas/i.test(file)) return 'atlas';
  // netlib's reference BLAS: Debian installs it as /usr/lib/<triplet>/blas/libblas.so.3.
  if (path.basename(path.dirname(file)) === 'blas') return 'reference';
  return 'unknown';
}

function loadedLibraries(): string[] {
  let maps: string;
  try {
    maps = fs.readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return [];
  }
  const files = new Set<string>();
  for (const line of maps.split('\n')) {
    const file = line.split(/\s+/).slice(5).join(' ');
    if (file.startsWith('/') && file.includes('.so')) files.add(file);
  }
  return [...files].map((f) => {
    try {
      return fs.realpathSync(f);
    } catch {
      return f;
    }
  });
}

function findBlas(libs: string[]): Config['blas'] {
  const file = libs.find((f) => /^lib(blas|openblas\w*|mkl_rt|blis\w*)\.so/.test(path.basename(f)));
  if (file) return { name: blasName(file), path: file };
  // No separate BLAS library: a libtorch distribution links MKL or OpenBLAS statically.
  const info = /BLAS_INFO=(\w+)/.exec(native.buildInfo().showConfig)?.[1] ?? '';
  return { name: info === 'open' ? 'openblas' : info === 'mkl' ? 'mkl' : 'unknown', path: null };
}

/** torch-node's runtime configuration: versions, loaded libtorch and BLAS, threads, CUDA. */
export function config(): Config {
  const libs = loadedLibraries();
  const info = native.buildInfo();
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
  return {
    torchNodeVersion: pkg.version,
    libtorchVersion: info.libtorchVersion,
    libtorchPath: libs.find((f) => /^libtorch_cpu\.so/.test(path.basename(f))) ?? null,
    blas: findBlas(libs),
    cudaAvailable: native.cudaIsAvailable(),
    numThreads: native.getNumThreads(),
    parallelInfo: info.parallelInfo,
  };
}

// Say it once, at load: the reference BLAS makes a training step 5-10x slower, silently.
const loadedBlas = findBlas(loadedLibraries());
if (loadedBlas.name === 'reference') {
  process.emitWarning(
    `libtorch is using the slow reference BLAS (${loadedBlas.path}). ` +
      'Install OpenBLAS: sudo apt-get install libopenblas0-pthread (see the README).',
    { code: 'TORCH_NODE_REFERENCE_BLAS' },
  );
}
