// The DataLoader benchmark's dataset (bench/workloads.js 'loader-*'; bench/workloads.py has its twin):
// each item is an image drawn from a generator seeded with its index, then an expensive transform
// (blurs, a gamma curve, normalization) on a 3x192x192 float image. A CommonJS module, so the
// DataLoader's worker threads rebuild it by its class name.
'use strict';
const path = require('node:path');
const torch = require(path.join(__dirname, '..', 'dist', 'lib'));
const F = torch.nn.functional;

class ExpensiveDataset {
  constructor(n, size = 192) {
    this.n = n;
    this.size = size;
  }
  get length() {
    return this.n;
  }
  getItem(i) {
    const g = new torch.Generator().manualSeed(i);
    let x = torch.normal(0.5, 0.25, [1, 3, this.size, this.size], { generator: g });
    for (let k = 0; k < 6; k++) x = F.avgPool2d(x, 3, { stride: 1, padding: 1 });
    x = x.clamp(0, 1).pow(0.8);
    x = x.sub(0.45).div(0.225).squeeze(0);
    return [x, i % 10];
  }
}

module.exports = { ExpensiveDataset };
