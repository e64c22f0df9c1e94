// One benchmark workload in torch-node, timed in this process; prints one JSON line:
//   { name, times: [seconds per iteration...], peakRssMb }
// Run by bench/run.js, alternating with bench/workloads.py (the same workloads in Python PyTorch).
//   node bench/workloads.js <workload> <iterations> [cpu|cuda]
'use strict';
const torch = require('../dist/lib');
const { models } = require('../dist/lib/vision');

const { nn, optim } = torch;
const [name, itersArg, device = 'cpu', warmupArg] = process.argv.slice(2);
const iterations = Number(itersArg || 5);
const warmups = Number(warmupArg || 1);

const sync = () => { if (device === 'cuda') torch.cuda.synchronize(); };

function mlp() {
  return new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 512), new nn.ReLU(), new nn.Linear(512, 128), new nn.ReLU(), new nn.Linear(128, 10)).to(device);
}

function trainStep(model, optimizer, criterion, x, y) {
  optimizer.zeroGrad();
  const loss = criterion.forward(model.forward(x), y);
  loss.backward();
  optimizer.step();
  return loss;
}

// Frozen AlexNet with a new 10-class head, as in the lab's exercise 3.
function frozenAlexNet() {
  const cnn = models.alexnet();
  for (const p of cnn.parameters()) p.requiresGrad = false;
  cnn.classifier[6] = new nn.Linear(4096, 10);
  return cnn.to(device);
}

// One epoch over 200 images whose `frozen` outputs torch.utils.data.cacheOutputs computed once
// (that cost is not timed); only `trainable` runs each epoch, in training mode.
function cachedEpoch(frozen, trainable) {
  const images = new torch.utils.data.TensorDataset(torch.rand(200, 3, 224, 224), torch.randint(10, [200]));
  const features = torch.utils.data.cacheOutputs(new nn.Sequential(...frozen), images, { device });
  const loader = new torch.utils.data.DataLoader(features, { batchSize: 32, shuffle: true });
  const optimizer = new optim.Adam(trainable.parameters(), { lr: 1e-4 });
  const criterion = new nn.CrossEntropyLoss();
  return () => {
    trainable.train();
    for (const [xb, yb] of loader) trainStep(trainable, optimizer, criterion, xb.to(device), yb.to(device));
    sync();
  };
}

// DataLoader: 64 items of bench/loader_dataset.js, batch 16, shuffled, persistent workers (started
// in the warm-up); one torch thread in the main thread too, as in each worker (Python sets 1 there).
function loaderEpoch(numWorkers) {
  const { ExpensiveDataset } = require('./loader_dataset');
  torch.setNumThreads(1);
  const loader = new torch.utils.data.DataLoader(new ExpensiveDataset(64), { batchSize: 16, shuffle: true, numWorkers, persistentWorkers: numWorkers > 0 });
  return () => {
    let n = 0;
    for (const [x] of loader) n += x.shape[0];
    if (n !== 64) throw new Error(`loader gave ${n} items`);
  };
}

// DataLoader over real files: an epoch of the 96 JPEGs of bench/jpeg_folder.js through an ImageFolder,
// batch 16, shuffled, persistent workers; one torch thread, as loaderEpoch. Two pipelines:
// - 'imagenet': the ImageNet training transforms (decode, RandomResizedCrop(224), flip, ToTensor,
//   Normalize);
// - 'augment': torchvision's reference recipe for its v2 classification weights
//   (references/classification/presets.py ClassificationPresetTrain with auto_augment_policy='ta_wide'
//   and random_erase_prob=0.1): the above with TrivialAugmentWide and RandomErasing, an expensive
//   per-item transform.
function loaderJpegEpoch(numWorkers, pipeline) {
  const { datasets, transforms: T } = require('../dist/lib/vision');
  torch.setNumThreads(1);
  const normalize = T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]);
  const transform = pipeline === 'augment'
    ? T.Compose([T.RandomResizedCrop(224, { interpolation: 'bilinear' }), T.RandomHorizontalFlip(0.5), T.TrivialAugmentWide({ interpolation: 'bilinear' }), T.PILToTensor(), T.ConvertImageDtype(torch.float), normalize, T.RandomErasing({ p: 0.1 })])
    : T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), normalize]);
  const folder = new datasets.ImageFolder(require('./jpeg_folder').ensureJpegFolder(), { transform });
  const loader = new torch.utils.data.DataLoader(folder, { batchSize: 16, shuffle: true, numWorkers, persistentWorkers: numWorkers > 0 });
  return () => {
    let n = 0;
    for (const [x] of loader) n += x.shape[0];
    if (n !== folder.length) throw new Error(`loader gave ${n} items`);
  };
}

const workloads = {
  'loader-0': () => loaderEpoch(0),
  'loader-2': () => loaderEpoch(2),
  'loader-jpeg-0': () => loaderJpegEpoch(0, 'imagenet'),
  'loader-jpeg-2': () => loaderJpegEpoch(2, 'imagenet'),
  'loader-augment-0': () => loaderJpegEpoch(0, 'augment'),
  'loader-augment-2': () => loaderJpegEpoch(2, 'augment'),
  // a.add(b) on 10-element tensors; one iteration = 100k calls
  add() {
    const a = torch.rand(10), b = torch.rand(10);
    return () => { for (let i = 0; i < 100000; i++) a.add(b); };
  },
  // exercise 1 training step: 784-512-128-10 MLP, batch 32, Adam
  'e1-step'() {
    const model = mlp();
    const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4 });
    const criterion = new nn.CrossEntropyLoss();
    const x = torch.rand(32, 1, 28, 28, { device }), y = torch.randint(10, [32], { device });
    return () => { trainStep(model, optimizer, criterion, x, y); sync(); };
  },
  // the whole exercise-1 run: 40 epochs over 200 images in batches of 32
  'e1-run'() {
    const x = torch.rand(200, 1, 28, 28, { device }), y = torch.randint(10, [200], { device });
    const batches = [];
    for (let i = 0; i < 200; i += 32) batches.push([x.narrow(0, i, Math.min(32, 200 - i)), y.narrow(0, i, Math.min(32, 200 - i))]);
    return () => {
      const model = mlp();
      const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4 });
      const criterion = new nn.CrossEntropyLoss();
      for (let epoch = 0; epoch < 40; epoch++) for (const [xb, yb] of batches) trainStep(model, optimizer, criterion, xb, yb);
      sync();
    };
  },
  // AlexNet eval forward, batch 8, 224x224
  'alexnet-fwd'() {
    const model = models.alexnet().to(device).eval();
    const x = torch.rand(8, 3, 224, 224, { device });
    return () => { torch.noGrad(() => model.forward(x)); sync(); };
  },
  // one fine-tuning epoch over 200 images, recomputing the frozen features for every batch
  'finetune-naive'() {
    const cnn = frozenAlexNet();
    const optimizer = new optim.Adam(cnn.parameters(), { lr: 1e-4 });
    const criterion = new nn.CrossEntropyLoss();
    const x = torch.rand(200, 3, 224, 224), y = torch.randint(10, [200]);
    return () => {
      cnn.train();
      for (let i = 0; i < 200; i += 32) {
        const n = Math.min(32, 200 - i);
        trainStep(cnn, optimizer, criterion, x.narrow(0, i, n).to(device), y.narrow(0, i, n).to(device));
      }
      sync();
    };
  },
  // the same epoch on features cached once by torch.utils.data.cacheOutputs (cache cost excluded)
  'finetune-cached'() {
    const cnn = frozenAlexNet();
    return cachedEpoch([cnn.features, cnn.avgpool, new nn.Flatten()], cnn.classifier);
  },
  // the deepest cache: classifier[0..5] in eval mode too (its Dropout off), so only classifier[6] runs
  'finetune-cached-head'() {
    const cnn = frozenAlexNet();
    const head = [0, 1, 2, 3, 4, 5].map((i) => cnn.classifier[i]);
    return cachedEpoch([cnn.features, cnn.avgpool, new nn.Flatten(), ...head], cnn.classifier[6]);
  },
};

if (!workloads[name]) {
  console.error(`unknown workload '${name}'; known: ${Object.keys(workloads).join(', ')}`);
  process.exit(2);
}
torch.manualSeed(0);
const run = workloads[name]();
for (let i = 0; i < warmups; i++) run();
const times = [];
for (let i = 0; i < iterations; i++) {
  const t0 = process.hrtime.bigint();
  run();
  times.push(Number(process.hrtime.bigint() - t0) / 1e9);
}
console.log(JSON.stringify({ name, times, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
