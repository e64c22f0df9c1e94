// The CNN of pytorch/examples' MNIST example (mnist/main.py: two 3x3 convolutions, max-pool, dropout,
// 9216-128-10; Adadelta lr 1.0, StepLR gamma 0.7 after each epoch, 64 images per step) trained
// data-parallel with DistributedDataParallel on the first 1024 training digits of Lab 4's data:
//   npm run build:ts && npx torch-node-run --nproc-per-node 2 dist/examples/ddp/mnist.js [epochs]
// Unlike E1 (train.ts beside it), a step computes far longer (about 140 ms for 64 images on one core)
// than it communicates (4.8 MB of gradients, of which DDP all-reduces the 9216-128-10 layers' bucket
// while the convolutions' backward still runs), so a second process nearly halves the time.
// Each rank reads its share of every epoch (DistributedSampler, 64 / world size images per step) and
// rank 0 evaluates on 1000 test digits. Python original: mnist.py beside it.
import * as torch from 'torch-node';
import { labData } from '../lab4/data';

const { nn, optim } = torch;
const F = nn.functional;
const dist = torch.distributed;
const { DataLoader, DistributedSampler } = torch.utils.data;

export class Net extends nn.Module {
  conv1 = new nn.Conv2d(1, 32, 3, 1);
  conv2 = new nn.Conv2d(32, 64, 3, 1);
  dropout1 = new nn.Dropout(0.25);
  dropout2 = new nn.Dropout(0.5);
  fc1 = new nn.Linear(9216, 128);
  fc2 = new nn.Linear(128, 10);

  override forward(x: torch.Tensor): torch.Tensor {
    x = F.relu(this.conv1.forward(x));
    x = F.relu(this.conv2.forward(x));
    x = F.maxPool2d(x, 2);
    x = this.dropout1.forward(x);
    x = torch.flatten(x, 1);
    x = F.relu(this.fc1.forward(x));
    x = this.dropout2.forward(x);
    return F.logSoftmax(this.fc2.forward(x), 1);
  }
}

export function main(epochs = 3): void {
  dist.initProcessGroup('gloo'); //                        env:// from torch-node-run's RANK, WORLD_SIZE, MASTER_*
  const rank = dist.getRank();
  const worldSize = dist.getWorldSize();
  torch.manualSeed(0);
  const { trainSet, testSet } = labData({ trainSize: 1024, testSize: 1000 });
  const model = new nn.parallel.DistributedDataParallel(new Net()); // rank 0's weights on every rank
  const optimizer = new optim.Adadelta(model.parameters(), { lr: 1.0 });
  const scheduler = new optim.lr_scheduler.StepLR(optimizer, { stepSize: 1, gamma: 0.7 });
  const sampler = new DistributedSampler(trainSet, { shuffle: true, seed: 0 });
  const loader = new DataLoader(trainSet, { batchSize: 64 / worldSize, sampler });
  const t0 = Date.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    sampler.setEpoch(epoch);
    model.train();
    let loss = 0;
    let batches = 0;
    for (const [x, y] of loader) {
      optimizer.zeroGrad();
      const l = F.nllLoss(model.forward(x), y);
      l.backward(); //                                     gradients all-reduced (averaged) during backward
      optimizer.step();
      loss += l.item() as number;
      batches++;
    }
    scheduler.step();
    if (rank === 0) console.log(`epoch ${epoch + 1}: rank 0 train loss ${(loss / batches).toFixed(4)}`);
  }
  const seconds = (Date.now() - t0) / 1000;
  if (rank === 0) {
    model.eval();
    const correct = torch.noGrad(() => {
      let n = 0;
      for (const [x, y] of new DataLoader(testSet, { batchSize: 250 })) n += model.forward(x).argmax(1).eq(y).sum().item() as number;
      return n;
    });
    console.log(`${worldSize} processes, ${epochs} epochs in ${seconds.toFixed(2)} s: test accuracy ${((100 * correct) / testSet.length).toFixed(1)}%`);
  }
  dist.destroyProcessGroup();
}

if (require.main === module) main(process.argv[2] ? Number(process.argv[2]) : 3);
