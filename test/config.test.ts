import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as torch from '../lib';
import { blasName } from '../lib/config';
import { hasPythonTorch } from './helpers/fixtures';
import { runTs } from './helpers/child';

// Debian's netlib reference BLAS (package libblas3); .ci/run installs it so the warning is tested.
const referenceBlas = '/usr/lib/x86_64-linux-gnu/blas/libblas.so.3';
const systemBlas = '/usr/lib/x86_64-linux-gnu/libblas.so.3';
const systemHasOpenBlas = fs.existsSync(systemBlas) && blasName(fs.realpathSync(systemBlas)) === 'openblas';

// What Python torch, on the same Debian libtorch, has loaded: an independent reading of the system.
async function pythonLoaded(): Promise<{ version: string; maps: string }> {
  const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', 'import torch, json; print(json.dumps({"version": torch.__version__, "maps": open("/proc/self/maps").read()}))'], {
    maxBuffer: 64 << 20,
  });
  return JSON.parse(stdout);
}

describe('torch.config', () => {
  it('reports versions, threads and CUDA with the right types', () => {
    const c = torch.config();
    expect(c.torchNodeVersion).toBe(JSON.parse(fs.readFileSync('package.json', 'utf8')).version);
    expect(c.libtorchVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(c.numThreads).toBe(torch.getNumThreads());
    expect(c.cudaAvailable).toBe(torch.cuda.isAvailable());
    expect(c.parallelInfo).toContain('at::get_num_threads()');
  });

  it('follows torch.setNumThreads', () => {
    const before = torch.getNumThreads();
    torch.setNumThreads(1);
    expect(torch.config().numThreads).toBe(1);
    torch.setNumThreads(before);
  });

  it.skipIf(!hasPythonTorch())('finds the same libtorch and BLAS files that Python torch loads', async () => {
    const c = torch.config();
    const py = await pythonLoaded();
    expect(py.version.startsWith(c.libtorchVersion)).toBe(true);
    expect(c.libtorchPath).toMatch(/libtorch_cpu\.so/);
    expect(py.maps).toContain(c.libtorchPath!);
    expect(c.blas.path).not.toBeNull();
    expect(py.maps).toContain(c.blas.path!);
    expect(c.blas.name).toBe(blasName(fs.realpathSync(systemBlas)));
  });

  it('names BLAS libraries by their Debian paths', () => {
    expect(blasName('/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3')).toBe('openblas');
    expect(blasName('/usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblasp-r0.3.21.so')).toBe('openblas');
    expect(blasName('/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0')).toBe('reference');
    expect(blasName('/usr/lib/x86_64-linux-gnu/blis-pthread/libblas.so.3')).toBe('blis');
    expect(blasName('/usr/lib/x86_64-linux-gnu/libmkl_rt.so')).toBe('mkl');
    expect(blasName('/opt/lib/libfoo.so')).toBe('unknown');
  });

  // OpenBLAS starts (threads - 1) workers when it loads: the thread count shows what it really read.
  it.skipIf(!systemHasOpenBlas || os.availableParallelism() < 2)('defaults OPENBLAS_NUM_THREADS to 1 before libtorch loads, and keeps a value the user set', async () => {
    const code = `import * as fs from 'node:fs'; import * as torch from 'torch-node-lib'; torch.zeros(1);
      console.log(process.env.OPENBLAS_NUM_THREADS, /Threads:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);`;
    const [dflt, dfltThreads] = (await runTs(code, { OPENBLAS_NUM_THREADS: undefined })).stdout.trim().split(' ');
    const [two, twoThreads] = (await runTs(code, { OPENBLAS_NUM_THREADS: '2' })).stdout.trim().split(' ');
    expect(dflt).toBe('1');
    expect(two).toBe('2');
    expect(Number(twoThreads)).toBe(Number(dfltThreads) + 1);
  });

  it.skipIf(!fs.existsSync(referenceBlas))('warns once when the reference BLAS is the one loaded', async () => {
    const r = await runTs(`import * as torch from 'torch-node-lib'; console.log(JSON.stringify(torch.config().blas));`, {
      LD_LIBRARY_PATH: '/usr/lib/x86_64-linux-gnu/blas',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ name: 'reference', path: fs.realpathSync(referenceBlas) });
    expect(r.stderr.match(/TORCH_NODE_REFERENCE_BLAS/g)).toHaveLength(1);
    expect(r.stderr).toContain('apt-get install libopenblas0-pthread');
  });

  it.skipIf(!systemHasOpenBlas)('does not warn with OpenBLAS', async () => {
    const r = await runTs(`import * as torch from 'torch-node-lib'; torch.config();`);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('TORCH_NODE_REFERENCE_BLAS');
  });
});
