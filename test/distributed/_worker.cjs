// One rank of a torch.distributed test (test/distributed/*.test.ts start several): plain Node on the
// built package (dist/), so that a process starts in a fraction of a second. The rank, world size and
// store address come from torchrun's environment (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT).
//   node _worker.cjs <scenario>
// It prints one JSON line `RESULT {...}` with what it computed; the test checks the arithmetic.
'use strict';
const path = require('node:path');
const torch = require(path.resolve(__dirname, '../../dist/lib/index.js'));
const dist = torch.distributed;
const { nn, optim } = torch;

const scenario = process.argv[2];
const TIMEOUT = Number(process.env.DIST_TIMEOUT_MS || 20000);
const out = {};
const list = (t) => Array.from(t.toTypedArray(), Number);

function init() {
  dist.initProcessGroup('gloo', { timeout: TIMEOUT });
}

async function collectives() {
  init();
  const r = dist.getRank();
  const n = dist.getWorldSize();
  out.rank = r;
  out.worldSize = n;
  out.backend = dist.getBackend();

  for (const op of ['SUM', 'PRODUCT', 'MIN', 'MAX']) {
    const t = torch.tensor([r + 1, 2 * (r + 1), -(r + 1)]);
    dist.allReduce(t, { op: dist.ReduceOp[op] });
    out[`allReduce_${op}`] = list(t);
  }
  const ti = torch.tensor([r, 7], { dtype: torch.int64 });
  dist.allReduce(ti);
  out.allReduce_int64 = list(ti);

  const b = torch.full([3], r);
  dist.broadcast(b, n - 1);
  out.broadcast = list(b);

  const red = torch.tensor([r + 1, 10 * (r + 1)]);
  dist.reduce(red, 0);
  out.reduce = list(red);

  const gathered = Array.from({ length: n }, () => torch.zeros(2));
  dist.allGather(gathered, torch.tensor([r, 10 * r]));
  out.allGather = gathered.map(list);

  const into = torch.zeros(2 * n);
  dist.allGatherIntoTensor(into, torch.tensor([r, -r]));
  out.allGatherIntoTensor = list(into);

  const dst = n - 1;
  const gl = r === dst ? Array.from({ length: n }, () => torch.zeros(1)) : undefined;
  dist.gather(torch.tensor([r * r]), { gatherList: gl, dst });
  if (gl) out.gather = gl.map(list);

  const sc = torch.zeros(2);
  dist.scatter(sc, { scatterList: r === 0 ? Array.from({ length: n }, (_, i) => torch.full([2], 100 + i)) : undefined, src: 0 });
  out.scatter = list(sc);

  const rs = torch.zeros(2);
  dist.reduceScatter(rs, Array.from({ length: n }, (_, i) => torch.full([2], 10 * r + i)));
  out.reduceScatter = list(rs);

  const a2aOut = Array.from({ length: n }, () => torch.zeros(1));
  dist.allToAll(a2aOut, Array.from({ length: n }, (_, i) => torch.tensor([100 * r + i])));
  out.allToAll = a2aOut.map(list);

  const single = torch.zeros(n);
  dist.allToAllSingle(single, torch.tensor(Array.from({ length: n }, (_, i) => 100 * r + i)));
  out.allToAllSingle = list(single);

  // a ring with isend/irecv, then a blocking send/recv pair with recv from any source
  const incoming = torch.zeros(1);
  const sw = dist.isend(torch.tensor([r]), (r + 1) % n);
  const rw = dist.irecv(incoming, (r - 1 + n) % n);
  sw.wait();
  rw.wait();
  out.ring = list(incoming);
  if (r === 1) dist.send(torch.tensor([42]), 0, { tag: 3 });
  if (r === 0) {
    const got = torch.zeros(1);
    out.recvFrom = dist.recv(got, { tag: 3 });
    out.recvValue = list(got);
  }

  // `await work` leaves the event loop running: rank 0 counts timer ticks while rank 1 is late
  if (r === 1) await new Promise((res) => setTimeout(res, 400));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const at = torch.tensor([1]);
  const work = dist.allReduce(at, { asyncOp: true });
  await work;
  clearInterval(timer);
  out.asyncValue = list(at);
  out.asyncTicks = ticks;
  out.asyncCompleted = work.isCompleted();
  const bw = dist.barrier({ asyncOp: true });
  out.barrierWait = bw.wait();

  if (n >= 4) {
    const g = dist.newGroup([1, 3]);
    out.subRank = dist.getRank(g);
    out.subSize = dist.getWorldSize(g);
    const st = torch.tensor([r]);
    if (g !== dist.NON_GROUP_MEMBER) {
      dist.allReduce(st, { group: g });
      dist.broadcast(st, 3, { group: g });
    }
    out.subAllReduce = list(st);
  }
  dist.barrier();
  dist.destroyProcessGroup();
  out.initializedAfterDestroy = dist.isInitialized();
}

// ---- training: the Lab 4 MLP shape, small; the same data on every rank, each rank takes its slice

function data() {
  const N = 16;
  const x = torch.tensor(Array.from({ length: N }, (_, i) => Array.from({ length: 12 }, (_, j) => Math.sin(0.37 * (12 * i + j)) + 0.1 * j)));
  const y = torch.tensor(Array.from({ length: N }, (_, i) => (7 * i) % 4), { dtype: torch.int64 });
  return { x, y, N };
}

function mlp(unused) {
  torch.manualSeed(0);
  const m = new nn.Sequential(new nn.Linear(12, 16), new nn.ReLU(), new nn.Linear(16, 4));
  if (!unused) return m;
  class WithUnused extends nn.Module {
    constructor() {
      super();
      this.body = m;
      this.spare = new nn.Linear(12, 4); // never used in forward
    }
    forward(x) {
      return this.body.forward(x);
    }
  }
  return new WithUnused();
}

function train({ ddp, steps, noSync, unused, adam }) {
  const { x, y, N } = data();
  let model = mlp(unused);
  let xs = x;
  let ys = y;
  if (ddp) {
    const r = dist.getRank();
    const n = dist.getWorldSize();
    const per = N / n;
    xs = x.narrow(0, r * per, per);
    ys = y.narrow(0, r * per, per);
    model = new nn.parallel.DistributedDataParallel(model, { findUnusedParameters: !!unused });
  }
  const inner = ddp ? model.module : model;
  const snapshot = () => Object.fromEntries([...inner.namedParameters()].map(([name, p]) => [name, list(p.detach())]));
  const initial = snapshot();
  const opt = adam ? new optim.Adam(model.parameters(), { lr: 0.01 }) : new optim.SGD(model.parameters(), { lr: 0.2, momentum: 0.5 });
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    if (noSync) {
      const h = xs.shape[0] / 2;
      const step = (from) => nn.functional.crossEntropy(model.forward(xs.narrow(0, from, h)), ys.narrow(0, from, h)).mul(0.5).backward();
      if (ddp) model.noSync(() => step(0));
      else step(0);
      step(h);
    } else {
      nn.functional.crossEntropy(model.forward(xs), ys).backward();
    }
    opt.step();
  }
  const result = { initial, params: snapshot() };
  if (unused) result.spareGrad = inner.spare.weight.grad === null ? null : list(inner.spare.weight.grad);
  return result;
}

// the trainings in one process (one group for the DDP ones): plain SGD, Adam, noSync, findUnusedParameters
function trainAll(ddp) {
  if (ddp) init();
  out.plain = train({ ddp, steps: 5 });
  out.adam = train({ ddp, steps: 5, adam: true });
  out.noSync = train({ ddp, steps: 3, noSync: true });
  out.unused = train({ ddp, steps: 3, unused: true });
  if (ddp) dist.destroyProcessGroup();
}

// ---- examples/ddp/mnist.ts's CNN (2 convolutions, 9216-128-10), with its Adadelta and with SGD (Adadelta's
// step barely changes when every gradient is scaled, so it alone would not see a sum in place of a
// mean): its 4.8 MB of gradients
// fill two buckets once DDP rebuilds them after the first step (the 9216-128-10 layers, over the 1 MB
// first-bucket cap, then the convolutions), so steps 2 and 3 all-reduce one bucket while backward
// still runs. Dropout is off: each rank draws its own masks, so with it on no run equals another.

function cnnTrain(ddp, steps, sgd) {
  const { Net } = require(path.resolve(__dirname, '../../dist/examples/ddp/mnist.js'));
  const N = 8;
  const x = torch.tensor(Array.from({ length: N }, (_, i) => [Array.from({ length: 28 }, (_, r) => Array.from({ length: 28 }, (_, c) => 0.5 + 0.5 * Math.sin(0.11 * (i + 1) * r + 0.07 * c * (i % 3 + 1))))]));
  const y = torch.tensor(Array.from({ length: N }, (_, i) => (3 * i) % 10), { dtype: torch.int64 });
  torch.manualSeed(ddp ? dist.getRank() + 1 : 0); // DDP must broadcast rank 0's weights (rank 0 seeded as the reference)
  if (ddp && dist.getRank() === 0) torch.manualSeed(0);
  const net = new Net();
  net.dropout1.p = 0;
  net.dropout2.p = 0;
  let model = net;
  let xs = x;
  let ys = y;
  if (ddp) {
    const per = N / dist.getWorldSize();
    xs = x.narrow(0, dist.getRank() * per, per);
    ys = y.narrow(0, dist.getRank() * per, per);
    model = new nn.parallel.DistributedDataParallel(net);
  }
  const opt = sgd ? new optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.5 }) : new optim.Adadelta(model.parameters(), { lr: 1.0 });
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    nn.functional.nllLoss(model.forward(xs), ys).backward();
    opt.step();
  }
  if (ddp) out.ddpLogging = model._getDdpLoggingData();
  return net;
}

// the DDP run against one process on the combined batch, computed here too (without a group)
function cnn() {
  init();
  const trained = [cnnTrain(true, 3, false), cnnTrain(true, 3, true)];
  dist.destroyProcessGroup();
  torch.manualSeed(0);
  const initial = new (require(path.resolve(__dirname, '../../dist/examples/ddp/mnist.js')).Net)();
  const ps = (m) => Object.fromEntries([...m.namedParameters()].map(([name, p]) => [name, p.detach()]));
  for (const [i, which] of ['adadelta', 'sgd'].entries()) {
    const [a, b, c] = [ps(trained[i]), ps(cnnTrain(false, 3, which === 'sgd')), ps(initial)];
    out[which] = {
      maxDiff: Object.fromEntries(Object.keys(b).map((k) => [k, a[k].sub(b[k]).abs().max().item()])),
      moved: Object.fromEntries(Object.keys(b).map((k) => [k, b[k].sub(c[k]).abs().max().item()])),
    };
  }
}

// ---- SyncBatchNorm: the ranks' slices of one batch against BatchNorm on the whole of it

// rows [from, from + n) of an 8 x 3 x 5 batch and of the fixed output weights of the loss sum(y * g)
function bnData(from, n) {
  const x = torch.tensor(Array.from({ length: 8 }, (_, i) => Array.from({ length: 3 }, (_, c) => Array.from({ length: 5 }, (_, k) => Math.cos(0.7 * i + 1.3 * c + 0.4 * k) * (c + 1) + c))));
  const g = torch.tensor(Array.from({ length: 8 }, (_, i) => Array.from({ length: 3 }, (_, c) => Array.from({ length: 5 }, (_, k) => Math.sin(0.3 * i - 0.9 * c + 1.1 * k)))));
  return { x: x.narrow(0, from, n).clone().requiresGrad_(true), g: g.narrow(0, from, n) };
}

// Two training-mode steps of one layer on rows [from, from + n) (momentum null: the cumulative
// average; 0.1 otherwise), then one eval step. The loss sum(y * g) over all ranks is the one-process
// loss, so the input gradients are the one-process rows and the weight/bias gradients sum to its.
function bnSteps(layer, from, n, sumGrads) {
  torch.noGrad(() => {
    layer.weight.copy_(torch.tensor([1.5, -0.5, 2]));
    layer.bias.copy_(torch.tensor([0.1, 0.2, -0.3]));
  });
  const r = {};
  for (let step = 0; step < 2; step++) {
    const { x, g } = bnData(from, n);
    layer.weight.grad = null;
    layer.bias.grad = null;
    const y = layer.forward(x.mul(step + 1));
    y.mul(g).sum().backward();
    r[`out${step}`] = list(y.detach());
    // a rank without rows gets no gradients (None in Python too)
    r[`inputGrad${step}`] = x.grad === null ? [] : list(x.grad);
    const gw = layer.weight.grad === null ? torch.zeros(3) : layer.weight.grad.clone();
    const gb = layer.bias.grad === null ? torch.zeros(3) : layer.bias.grad.clone();
    if (sumGrads) {
      dist.allReduce(gw);
      dist.allReduce(gb);
    }
    r[`weightGrad${step}`] = list(gw);
    r[`biasGrad${step}`] = list(gb);
  }
  r.runningMean = list(layer.running_mean);
  r.runningVar = list(layer.running_var);
  r.numBatchesTracked = Number(layer.num_batches_tracked.item());
  layer.eval();
  r.evalOut = list(torch.noGrad(() => layer.forward(bnData(from, n).x)));
  return r;
}

function bnModel(sync) {
  torch.manualSeed(1);
  const m = new nn.Sequential(new nn.Linear(12, 16), new nn.BatchNorm1d(16), new nn.ReLU(), new nn.Linear(16, 4));
  return sync ? nn.SyncBatchNorm.convertSyncBatchnorm(m) : m;
}

// DDP training of a model with a BatchNorm1d (made SyncBatchNorm on the ranks), SGD, 4 steps
function bnTrain(ddp) {
  const { x, y, N } = data();
  let model = bnModel(ddp);
  let xs = x;
  let ys = y;
  if (ddp) {
    const per = N / dist.getWorldSize();
    xs = x.narrow(0, dist.getRank() * per, per);
    ys = y.narrow(0, dist.getRank() * per, per);
    model = new nn.parallel.DistributedDataParallel(model);
  }
  const inner = ddp ? model.module : model;
  const opt = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.5 });
  for (let s = 0; s < 4; s++) {
    opt.zeroGrad();
    nn.functional.crossEntropy(model.forward(xs), ys).backward();
    opt.step();
  }
  return Object.fromEntries([...inner.stateDict()].map(([k, t]) => [k, list(t.detach().reshape(-1))]));
}

function syncBn() {
  init();
  const r = dist.getRank();
  const split = [[0, 3], [3, 5]][r]; // uneven: 3 and 5 rows
  out.uneven = bnSteps(new nn.SyncBatchNorm(3), split[0], split[1], true);
  out.local = bnSteps(new nn.BatchNorm1d(3), split[0], split[1], false);
  out.cumulative = bnSteps(new nn.SyncBatchNorm(3, { momentum: null }), split[0], split[1], true);
  out.emptyRank = bnSteps(new nn.SyncBatchNorm(3), 0, r === 0 ? 8 : 0, true); // rank 1 has no rows
  out.ddp = bnTrain(true);
  dist.destroyProcessGroup();
}

function singleBn() {
  out.uneven = bnSteps(new nn.BatchNorm1d(3), 0, 8, false);
  out.cumulative = bnSteps(new nn.BatchNorm1d(3, { momentum: null }), 0, 8, false);
  out.ddp = bnTrain(false);
}

function interop() {
  // with a Python rank (test/distributed/_worker.py): the same collectives there
  init();
  const r = dist.getRank();
  const t = torch.tensor([r + 1, 10 * (r + 1)]);
  dist.allReduce(t);
  out.allReduce = list(t);
  const b = torch.full([2], r + 0.5);
  dist.broadcast(b, 1);
  out.broadcast = list(b);
  const g = [torch.zeros(1), torch.zeros(1)];
  dist.allGather(g, torch.tensor([r * 3]));
  out.allGather = g.map(list);
  dist.barrier();
  dist.destroyProcessGroup();
}

function killed() {
  // rank 1 is killed (SIGKILL) before the collective; rank 0 must fail, not hang
  init();
  const r = dist.getRank();
  if (r === 1) process.kill(process.pid, 'SIGKILL');
  const t0 = Date.now();
  try {
    dist.allReduce(torch.ones(4));
    out.error = null;
  } catch (e) {
    out.error = `${e.name}: ${e.message}`;
  }
  out.elapsedMs = Date.now() - t0;
}

function envDump() {
  out.env = Object.fromEntries(['RANK', 'LOCAL_RANK', 'WORLD_SIZE', 'LOCAL_WORLD_SIZE', 'GROUP_RANK', 'MASTER_ADDR', 'MASTER_PORT', 'TORCHELASTIC_RUN_ID'].map((k) => [k, process.env[k]]));
  init();
  const t = torch.tensor([dist.getRank()]);
  dist.allReduce(t);
  out.sum = list(t);
  dist.destroyProcessGroup();
}

function failing() {
  // rank 1 fails at once; the others would sleep two minutes
  init();
  if (dist.getRank() === 1) {
    console.error('rank 1: failing on purpose');
    process.exit(3);
  }
  dist.allReduce(torch.ones(1));
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120000);
}

const scenarios = {
  collectives,
  ddp: () => {
    init();
    out.plain = train({ ddp: true, steps: 5 });
    out.adam = train({ ddp: true, steps: 5, adam: true });
    dist.destroyProcessGroup();
  },
  ddpAll: () => trainAll(true),
  singleAll: () => trainAll(false),
  cnn,
  syncBn,
  singleBn,
  interop,
  killed,
  envDump,
  failing,
};

Promise.resolve()
  .then(() => scenarios[scenario]())
  .then(
    () => {
      process.stdout.write(`RESULT ${JSON.stringify(out)}\n`);
      process.exit(0);
    },
    (e) => {
      process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
      process.exit(1);
    },
  );
