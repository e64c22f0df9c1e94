#!/usr/bin/env node
// torch.distributed with world size 1, for scripts/device-check.sh: initProcessGroup(backend) through a
// file:// rendezvous, allReduce and broadcast of a tensor on `device`, and one DistributedDataParallel
// step of a Linear whose gradients must equal those of the bare module (one rank: the average is its own).
// Prints one JSON object: each check with ok, detail and ms.
//   node scripts/device_check_dist.js <compiled lib dir> <nccl|gloo> <cuda|cpu>
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const [libDir, backend, device] = process.argv.slice(2);
const torch = require(path.resolve(libDir));
const dist = torch.distributed;
const checks = [];
const result = {
  backend, device,
  available: { distributed: dist.isAvailable(), gloo: dist.isGlooAvailable(), nccl: dist.isNcclAvailable(), cuda: torch.cuda.isAvailable() },
  checks,
};

function check(name, f) {
  const t0 = performance.now();
  try {
    const detail = f();
    checks.push({ name, ok: true, detail, ms: performance.now() - t0 });
  } catch (e) {
    checks.push({ name, ok: false, detail: String(e && e.message ? e.message : e).split('\n')[0], ms: performance.now() - t0 });
  }
}

function same(a, b, what) {
  const x = a.detach().cpu().flatten().tolist();
  const y = b.detach().cpu().flatten().tolist();
  const bad = x.findIndex((v, i) => !(Math.abs(v - y[i]) <= 1e-6 + 1e-5 * Math.abs(y[i])));
  if (x.length !== y.length || bad >= 0) throw new Error(`${what}: got ${JSON.stringify(x)}, expected ${JSON.stringify(y)}`);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'device-check-dist-'));
check('initProcessGroup', () => {
  dist.initProcessGroup(backend, { initMethod: `file://${path.join(dir, 'rendezvous')}`, rank: 0, worldSize: 1, timeout: 60_000 });
  return `${dist.getBackend()} rank ${dist.getRank()} of ${dist.getWorldSize()}`;
});
if (dist.isInitialized()) {
  check('allReduce SUM', () => {
    const t = torch.tensor([1, 2, 3.5], { device });
    dist.allReduce(t);
    same(t, torch.tensor([1, 2, 3.5]), 'allReduce');
    return String(t.device);
  });
  check('allReduce MAX, asyncOp', () => {
    const t = torch.tensor([[1, -2], [3, 4]], { device });
    dist.allReduce(t, { op: dist.ReduceOp.MAX, asyncOp: true }).wait();
    same(t, torch.tensor([[1, -2], [3, 4]]), 'allReduce MAX');
  });
  check('broadcast', () => {
    const t = torch.arange(6, { device }).float();
    dist.broadcast(t, 0);
    same(t, torch.arange(6).float(), 'broadcast');
  });
  check('DistributedDataParallel step', () => {
    torch.manualSeed(0);
    const model = new torch.nn.Linear(4, 3).to(device);
    const x = torch.randn(8, 4).to(device);
    const y = torch.randn(8, 3).to(device);
    torch.nn.functional.mseLoss(model.forward(x), y).backward();
    const expected = [...model.parameters()].map((p) => p.grad.clone());
    model.zeroGrad();
    const ddp = new torch.nn.parallel.DistributedDataParallel(model);
    const opt = new torch.optim.SGD(ddp.parameters(), { lr: 0.1 });
    torch.nn.functional.mseLoss(ddp.forward(x), y).backward();
    [...model.parameters()].forEach((p, i) => same(p.grad, expected[i], `gradient ${i}`));
    const before = model.weight.detach().clone();
    opt.step();
    same(model.weight, before.sub(expected[0].mul(0.1)), 'weight after SGD step');
    return `${expected.length} gradients equal the bare module's; weights on ${model.weight.device}`;
  });
  check('destroyProcessGroup', () => dist.destroyProcessGroup());
}
fs.rmSync(dir, { recursive: true, force: true });
result.ok = checks.length > 1 && checks.every((c) => c.ok);
console.log(JSON.stringify(result));
process.exit(result.ok ? 0 : 1);
