// Lab 4's exercise 1 (examples/lab4/ex1.ts: the 784-512-128-10 MLP, Adam lr 1e-4, the first 200
// MNIST digits, 40 epochs) trained data-parallel with DistributedDataParallel:
//   npm run build:ts && npx torch-node-run --nproc-per-node 2 dist/examples/ddp/train.js [epochs]
// Each rank reads its half of every epoch (DistributedSampler, 16 images per step: 32 together, the
// lab's batch), DDP averages the gradients during backward, and rank 0 evaluates on the 2000 test
// digits. Python original: train.py beside it (torchrun --nproc_per_node 2 examples/ddp/train.py).
import * as torch from 'torch-node';
import { labData } from '../lab4/data';
import { Net } from '../lab4/ex1';

const { nn, optim } = torch;
const dist = torch.distributed;
const { DataLoader, DistributedSampler } = torch.utils.data;

export function main(epochs = 40): void {
  dist.initProcessGroup('gloo'); //                        env:// from torch-node-run's RANK, WORLD_SIZE, MASTER_*
  const rank = dist.getRank();
  const worldSize = dist.getWorldSize();
  torch.manualSeed(0);
  const { trainSet, testSet } = labData();
  const model = new nn.parallel.DistributedDataParallel(new Net()); // rank 0's weights on every rank
  const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4 });
  const criterion = new nn.CrossEntropyLoss();
  const sampler = new DistributedSampler(trainSet, { shuffle: true, seed: 0 });
  const loader = new DataLoader(trainSet, { batchSize: 32 / worldSize, sampler });
  const t0 = Date.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    sampler.setEpoch(epoch);
    model.train();
    let loss = 0;
    let batches = 0;
    for (const [x, y] of loader) {
      optimizer.zeroGrad();
      const l = criterion.forward(model.forward(x), y);
      l.backward(); //                                     gradients all-reduced (averaged) when this returns
      optimizer.step();
      loss += l.item() as number;
      batches++;
    }
    if (rank === 0 && (epoch % 10 === 9 || epoch === epochs - 1)) console.log(`epoch ${epoch + 1}: rank 0 train loss ${(loss / batches).toFixed(4)}`);
  }
  const seconds = (Date.now() - t0) / 1000;
  if (rank === 0) {
    model.eval();
    const accuracy = (set: typeof testSet) =>
      torch.noGrad(() => {
        let correct = 0;
        for (const [x, y] of new DataLoader(set, { batchSize: 256 })) correct += model.forward(x).argmax(1).eq(y).sum().item() as number;
        return correct / set.length;
      });
    console.log(`${worldSize} processes, ${epochs} epochs in ${seconds.toFixed(2)} s: train accuracy ${(100 * accuracy(trainSet)).toFixed(1)}%, test accuracy ${(100 * accuracy(testSet)).toFixed(1)}%`);
  }
  dist.destroyProcessGroup();
}

if (require.main === module) main(process.argv[2] ? Number(process.argv[2]) : 40);
