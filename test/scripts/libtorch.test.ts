// scripts/libtorch.js: libtorch discovery for both builds, and the install script's failure message.
import { describe, it, expect, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../helpers/child';

const libtorch = createRequire(__filename)('../../scripts/libtorch.js');
const system = libtorch.SYSTEM_TORCH_DIR as string;
// The compile flags of the cmake-js build: Ninja's build file, or Make's flags file without Ninja.
const cmakeFlags = [path.join(repoRoot, 'build', 'build.ninja'), path.join(repoRoot, 'build', 'CMakeFiles', 'torch_node.dir', 'flags.make')].find((f) => fs.existsSync(f));
const hasSystemTorch = fs.existsSync(path.join(system, 'TorchConfig.cmake'));
const savedLibtorch = process.env.LIBTORCH;
afterEach(() => {
  if (savedLibtorch === undefined) delete process.env.LIBTORCH;
  else process.env.LIBTORCH = savedLibtorch;
});

// The layout of a libtorch distribution from pytorch.org, made of the system libtorch's files.
function fakeDistribution(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'libtorch-'));
  const sys = libtorch.describeTorch(system);
  for (const sub of ['Torch', 'Caffe2']) fs.cpSync(path.join(system, '..', sub), path.join(dir, 'share', 'cmake', sub), { recursive: true });
  // Upstream's TorchConfig.cmake finds its prefix three levels up; Debian patched it to four.
  const config = path.join(dir, 'share', 'cmake', 'Torch', 'TorchConfig.cmake');
  fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('/../../../../"', '/../../../"'));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.symlinkSync(path.join(sys.libDir, 'libtorch.so'), path.join(dir, 'lib', 'libtorch.so'));
  fs.symlinkSync(sys.includeDirs[0], path.join(dir, 'include'));
  return dir;
}

describe.skipIf(!hasSystemTorch)('scripts/libtorch.js', () => {
  it('finds the system libtorch (libtorch-dev)', () => {
    delete process.env.LIBTORCH;
    const found = libtorch.findTorchCmakeDir();
    // A pip torch for python3 would come first; on the CI machine there is none.
    expect(found).toEqual({ dir: system, source: 'system (libtorch-dev)' });
    const torch = libtorch.describeTorch(found.dir);
    expect(fs.existsSync(path.join(torch.libDir, 'libtorch_cpu.so'))).toBe(true);
    expect(torch.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(torch.defines).toContain('_GLIBCXX_USE_CXX11_ABI=1');
  });

  it.skipIf(!cmakeFlags)('gives node-gyp the defines that CMake gives the torch target (build/)', () => {
    delete process.env.LIBTORCH;
    const cmakeDefines = new Set([...fs.readFileSync(cmakeFlags!, 'utf8').matchAll(/-D(\S+)/g)].map((m) => m[1]));
    const torch = libtorch.describeTorch(libtorch.findTorchCmakeDir().dir);
    expect(torch.defines.length).toBeGreaterThan(0);
    for (const d of torch.defines) expect([...cmakeDefines]).toContain(d);
  });

  it("takes the libtorch of the python3 on PATH when it ships its CMake files (a pip torch), before the system one", () => {
    delete process.env.LIBTORCH;
    const dist = fakeDistribution();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-python-'));
    // A stand-in for `python3 -c "import torch; print(torch.utils.cmake_prefix_path)"` of a pip wheel.
    fs.writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\necho ${path.join(dist, 'share', 'cmake')}\n`, { mode: 0o755 });
    const savedPath = process.env.PATH;
    process.env.PATH = `${bin}:${savedPath}`;
    try {
      expect(libtorch.findTorchCmakeDir()).toEqual({ dir: path.join(dist, 'share', 'cmake', 'Torch'), source: 'python3 torch' });
      // A python3 whose torch has no CMake files (Debian's python3-torch) falls through to the system one.
      fs.writeFileSync(path.join(bin, 'python3'), `#!/bin/sh\necho /usr/lib/python3/dist-packages/torch/share/cmake\n`, { mode: 0o755 });
      expect(libtorch.findTorchCmakeDir()).toEqual({ dir: system, source: 'system (libtorch-dev)' });
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(bin, { recursive: true, force: true });
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('takes $LIBTORCH first, laid out as a pytorch.org distribution', () => {
    const dir = fakeDistribution();
    try {
      process.env.LIBTORCH = dir;
      const found = libtorch.findTorchCmakeDir();
      expect(found).toEqual({ dir: path.join(dir, 'share', 'cmake', 'Torch'), source: '$LIBTORCH' });
      const torch = libtorch.describeTorch(found.dir);
      expect(torch.prefix).toBe(dir);
      expect(torch.libDir).toBe(path.join(dir, 'lib'));
      expect(torch.includeDirs).toEqual([path.join(dir, 'include'), path.join(dir, 'include', 'torch', 'csrc', 'api', 'include')]);
      expect(torch.cuda).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a $LIBTORCH that is not a distribution, naming the file it looked for', () => {
    process.env.LIBTORCH = '/nonexistent/libtorch';
    expect(() => libtorch.findTorchCmakeDir()).toThrow('/nonexistent/libtorch/share/cmake/Torch/TorchConfig.cmake does not exist');
  });

  it('npm install stops with that message before building anything', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'install.js'), '--build-only'], {
      env: { ...process.env, LIBTORCH: '/nonexistent/libtorch', TORCH_NODE_NO_APT: '1' },
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('LIBTORCH=/nonexistent/libtorch is not an unpacked libtorch distribution');
    expect(r.stdout).not.toContain('cmake-js');
  });
});
