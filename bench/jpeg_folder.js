// The ImageFolder of the 'loader-jpeg-*' benchmark (bench/workloads.js and bench/workloads.py read
// it): 96 JPEG files of 256x256 in 2 class folders, made once per machine from seeded noise (smooth
// blobs plus grain, so that they compress as photographs do, 15-25 KB each), written by
// torchvision.io.writeJpeg at quality 90. Made in a scratch folder and renamed into place, so that a
// half-written folder is never read.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N_PER_CLASS = 48;
const SIZE = 256;

function jpegFolderPath() {
  return process.env.TORCH_NODE_BENCH_JPEG_DIR || path.join(os.tmpdir(), 'torch-node-bench-jpeg-v1');
}

function ensureJpegFolder() {
  const dir = jpegFolderPath();
  if (fs.existsSync(dir)) return dir;
  const torch = require('../dist/lib');
  const { io } = require('../dist/lib/vision');
  const F = torch.nn.functional;
  const tmp = fs.mkdtempSync(`${dir}.tmp-`);
  for (let c = 0; c < 2; c++) {
    const classDir = path.join(tmp, `class${c}`);
    fs.mkdirSync(classDir);
    for (let i = 0; i < N_PER_CLASS; i++) {
      const g = new torch.Generator().manualSeed(1000 * c + i);
      const blobs = F.interpolate(torch.rand([1, 3, 8, 8], { generator: g }), { size: [SIZE, SIZE], mode: 'bilinear', alignCorners: false });
      const grain = torch.rand([1, 3, SIZE, SIZE], { generator: g }).mul(0.15);
      const img = blobs.mul(0.85).add(grain).mul(255).clamp(0, 255).to(torch.uint8).squeeze(0);
      io.writeJpeg(img, path.join(classDir, `img${String(i).padStart(3, '0')}.jpg`), 90);
    }
  }
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process made it first
    if (!fs.existsSync(dir)) throw e;
  }
  return dir;
}

module.exports = { ensureJpegFolder, jpegFolderPath };
