// Python's root= keyword of the datasets (lib/vision/datasets/vision.ts rootKeyword): the dcgan example's
// dset.ImageFolder(root=..., transform=...), dset.MNIST(root=..., ...), dset.CIFAR10(root=..., ...).
// ImageFolder over a small folder against Python's torchvision 0.14, run at test time.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { datasets, transforms, utils } from '../../../lib/vision';
import { hasPythonTorch } from '../../helpers/fixtures';

const PYTHON = `
import json, sys
from torchvision import datasets, transforms
ds = datasets.ImageFolder(root=sys.argv[1], transform=transforms.ToTensor())
print(json.dumps([repr(ds), ds.classes, ds.targets, list(ds[3][0].shape), ds[3][1]]))
`;

describe('datasets with root as an option', () => {
  it.skipIf(!hasPythonTorch())('ImageFolder({ root, transform }) is Python\'s ImageFolder(root=..., transform=...)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'root-kw-'));
    try {
      torch.manualSeed(0);
      for (const c of ['cat', 'dog']) {
        fs.mkdirSync(path.join(dir, c));
        for (let i = 0; i < 2; i++) utils.saveImage(torch.rand(3, 4, 5), path.join(dir, c, `${i}.png`));
      }
      const r = spawnSync('/usr/bin/python3', ['-c', PYTHON, dir], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      const [repr, classes, targets, shape, target] = JSON.parse(r.stdout);
      const ds = new datasets.ImageFolder({ root: dir, transform: transforms.ToTensor() });
      const [x, y] = ds.getItem(3) as [torch.Tensor, number];
      expect([String(ds), ds.classes, ds.targets, x.shape, y]).toEqual([repr, classes, targets, shape, target]);
      expect(new datasets.DatasetFolder({ root: dir, loader: (p: string) => p, extensions: ['.png'] }).length).toBe(targets.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('MNIST and CIFAR10 take the root from the options (their missing-data error shows it was read)', () => {
    expect(() => new datasets.MNIST({ root: '/nonexistent-h49', train: false })).toThrow(/Dataset not found in \/nonexistent-h49\/MNIST\/raw/);
    expect(() => new datasets.CIFAR10({ root: '/nonexistent-h49', download: false })).toThrow(/CIFAR10: Dataset not found or corrupted/);
    expect(() => new datasets.MNIST({ root: 3 } as never)).toThrow(/MNIST: root must be a directory path \(string\), got 3/);
  });
});
