// Lab 4 exercise 3 (examples/lab4/ex3.ts) on a few digits: loading the weights, freezing, the new head,
// the lab's transforms, and training on cached features.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from 'torch-node';
import { fineTuneAlexNet } from '../../examples/lab4/ex3';
import { labData } from '../../examples/lab4/data';
import { spawnSync } from 'node:child_process';
import { largeFixture } from '../helpers/fixtures';

// The offline case can only be checked where torchvision's download host does not resolve (CI, here).
const online = spawnSync('getent', ['hosts', 'download.pytorch.org'], { stdio: 'ignore' }).status === 0;

const weights = largeFixture('alexnet', 'state_dict_zip.pth');
const data = labData({ trainSize: 16, testSize: 8 });

describe('examples/lab4/ex3 fineTuneAlexNet', () => {
  it.skipIf(!weights)('fine-tunes only classifier[6] of an AlexNet loaded from a checkpoint', () => {
    torch.manualSeed(0);
    const epochs: number[] = [];
    const r = fineTuneAlexNet(data, { epochs: 2, weights: weights!, allowRandomInit: false, onEpoch: (rec) => epochs.push(rec.epoch) });
    expect(r.note).toBeUndefined();
    expect(r.config.pretrained).toBe(true);
    expect(epochs).toEqual([1, 2]);
    expect(r.history).toHaveLength(2);
    for (const h of r.history) {
      expect(Number.isFinite(h.fitLoss)).toBe(true);
      expect(h.trainAcc).toBeGreaterThanOrEqual(0);
      expect(h.testAcc).toBeLessThanOrEqual(1);
    }
  });

  it.skipIf(online)('without weights in the cache: fails unless random initialisation is allowed, then says so', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-home-'));
    const prev = process.env.TORCH_HOME;
    process.env.TORCH_HOME = home;
    try {
      // The error says where the file goes.
      expect(() => fineTuneAlexNet(data, { epochs: 1, allowRandomInit: false })).toThrow(path.join(home, 'hub', 'checkpoints', 'alexnet-owt-7be5be79.pth'));
      const r = fineTuneAlexNet(data, { epochs: 1, allowRandomInit: true });
      expect(r.note).toMatch(/ran from random initialisation/);
      expect(r.config.pretrained).toBe(false);
      expect(r.history).toHaveLength(1);
    } finally {
      if (prev === undefined) delete process.env.TORCH_HOME; else process.env.TORCH_HOME = prev;
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
