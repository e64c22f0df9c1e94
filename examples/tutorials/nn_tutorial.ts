// "What is torch.nn really?" (pytorch/tutorials), line by line from nn_tutorial.py beside this file
// (which says how it is adapted from the tutorial: offline digits, seeded, fewer epochs, the losses
// returned). Under the same seed both print the same losses.
// Run: node dist/examples/tutorials/nn_tutorial.js
import * as torch from 'torch-node';
import { datasets } from 'torch-node/vision';

const { nn, optim } = torch;
const F = nn.functional;
const { DataLoader, TensorDataset } = torch.utils.data;
type Tensor = torch.Tensor;
type Batch = [Tensor, Tensor];
type Opt = torch.optim.SGD;

export function loadDigits(nTrain: number, nValid: number): [Tensor, Tensor, Tensor, Tensor] {
  // The tutorial: ((x_train, y_train), (x_valid, y_valid), _) = pickle.load(f, encoding="latin-1")
  const train = new datasets.MNISTDigits({ train: true });
  const valid = new datasets.MNISTDigits({ train: false });
  const first = (t: Tensor, n: number) => t.index(torch.slice(0, n));
  const xTrain = first(train.data, nTrain).reshape(-1, 784).to(torch.float32).div(255);
  const xValid = first(valid.data, nValid).reshape(-1, 784).to(torch.float32).div(255);
  return [xTrain, first(train.targets, nTrain), xValid, first(valid.targets, nValid)];
}

// class Lambda(nn.Module)
class Lambda extends nn.Module {
  func: (x: Tensor) => Tensor;
  constructor(func: (x: Tensor) => Tensor) {
    super();
    this.func = func;
  }
  override forward(x: Tensor): Tensor {
    return this.func(x);
  }
}

// class WrappedDataLoader
class WrappedDataLoader implements Iterable<Batch> {
  constructor(readonly dl: Iterable<Batch> & { length: number }, readonly func: (x: Tensor, y: Tensor) => Batch) {}
  get length(): number {
    return this.dl.length;
  }
  *[Symbol.iterator](): Iterator<Batch> {
    for (const b of this.dl) yield this.func(...b);
  }
}

type Loader = Iterable<Batch> & { length: number };
export interface FitRecord { train: number[]; valid: number[] }

export function main({ epochs = 2, nTrain = 2000, nValid = 500, verbose = true } = {}): Record<string, unknown> {
  const log = verbose ? (...a: unknown[]) => console.log(...a.map((x) => (x instanceof torch.Tensor ? String(x) : x))) : () => {};
  const rec: Record<string, unknown> = {}; // added: what the parity test compares
  torch.manualSeed(0);

  const [xTrain, yTrain, xValid, yValid] = loadDigits(nTrain, nValid);
  const [n] = xTrain.shape;
  log(xTrain, yTrain);
  log(xTrain.shape);
  log(yTrain.min(), yTrain.max());

  // Neural net from scratch (without torch.nn)
  const weights = torch.randn(784, 10).div(Math.sqrt(784));
  weights.requiresGrad_();
  const bias = torch.zeros(10, { requiresGrad: true });

  const logSoftmax = (x: Tensor) => x.sub(x.exp().sum(-1).log().unsqueeze(-1));

  let model: (xb: Tensor) => Tensor = (xb) => logSoftmax(xb.matmul(weights).add(bias));

  const bs = 64; // batch size

  let xb = xTrain.index(torch.slice(0, bs)); // a mini-batch from x
  const preds = model(xb); // predictions
  log(preds.get(0), preds.shape);

  // -input[range(target.shape[0]), target].mean()
  const nll = (input: Tensor, target: Tensor) => input.index(torch.arange(target.shape[0]), target).mean().neg();

  let lossFunc = nll;

  let yb = yTrain.index(torch.slice(0, bs));
  log(lossFunc(preds, yb));
  rec.scratch_initial_loss = lossFunc(preds, yb).item();

  const accuracy = (out: Tensor, yb: Tensor) => torch.argmax(out, { dim: 1 }).eq(yb).float().mean();

  log(accuracy(preds, yb));

  let lr = 0.5; // learning rate

  const scratchLosses: number[] = (rec.scratch_losses = []);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      const startI = i * bs;
      const endI = startI + bs;
      xb = xTrain.index(torch.slice(startI, endI));
      yb = yTrain.index(torch.slice(startI, endI));
      const pred = model(xb);
      const loss = lossFunc(pred, yb);
      scratchLosses.push(loss.item() as number); // added

      loss.backward();
      torch.noGrad(() => {
        weights.sub_(weights.grad!.mul(lr)); // weights -= weights.grad * lr
        bias.sub_(bias.grad!.mul(lr));
        weights.grad!.zero_();
        bias.grad!.zero_();
      });
    }
  }

  log(lossFunc(model(xb), yb), accuracy(model(xb), yb));
  rec.scratch_final = [lossFunc(model(xb), yb).item(), accuracy(model(xb), yb).item()];

  // Using torch.nn.functional
  lossFunc = F.crossEntropy;

  model = (xb) => xb.matmul(weights).add(bias);

  log(lossFunc(model(xb), yb), accuracy(model(xb), yb));
  rec.functional = [lossFunc(model(xb), yb).item(), accuracy(model(xb), yb).item()];

  // Refactor using nn.Module
  class MnistLogistic extends nn.Module {
    weights = new nn.Parameter(torch.randn(784, 10).div(Math.sqrt(784)));
    bias = new nn.Parameter(torch.zeros(10));

    override forward(xb: Tensor): Tensor {
      return xb.matmul(this.weights).add(this.bias);
    }
  }

  let net: torch.nn.Module = new MnistLogistic();
  log(lossFunc(net.forward(xb), yb));
  rec.module_initial_loss = lossFunc(net.forward(xb), yb).item();

  const fitByHand = (): number[] => {
    const losses: number[] = []; // added
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
        const startI = i * bs;
        const endI = startI + bs;
        const xb = xTrain.index(torch.slice(startI, endI));
        const yb = yTrain.index(torch.slice(startI, endI));
        const pred = net.forward(xb);
        const loss = lossFunc(pred, yb);
        losses.push(loss.item() as number); // added

        loss.backward();
        torch.noGrad(() => {
          for (const p of net.parameters()) p.sub_(p.grad!.mul(lr)); // p -= p.grad * lr
          net.zeroGrad();
        });
      }
    }
    return losses;
  };

  rec.module_losses = fitByHand();
  log(lossFunc(net.forward(xb), yb));
  rec.module_final_loss = lossFunc(net.forward(xb), yb).item();

  // Refactor using nn.Linear
  class MnistLogisticLinear extends nn.Module {
    lin = new nn.Linear(784, 10);

    override forward(xb: Tensor): Tensor {
      return this.lin.forward(xb);
    }
  }

  net = new MnistLogisticLinear();
  log(lossFunc(net.forward(xb), yb));
  rec.linear_initial_loss = lossFunc(net.forward(xb), yb).item();
  rec.linear_losses = fitByHand();
  log(lossFunc(net.forward(xb), yb));
  rec.linear_final_loss = lossFunc(net.forward(xb), yb).item();

  // Refactor using torch.optim
  const getModel = (): [torch.nn.Module, Opt] => {
    const model = new MnistLogisticLinear();
    return [model, new optim.SGD(model.parameters(), { lr })];
  };

  let opt: Opt;
  [net, opt] = getModel();
  log(lossFunc(net.forward(xb), yb));
  rec.optim_initial_loss = lossFunc(net.forward(xb), yb).item();

  const optimLosses: number[] = (rec.optim_losses = []);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      const startI = i * bs;
      const endI = startI + bs;
      xb = xTrain.index(torch.slice(startI, endI));
      yb = yTrain.index(torch.slice(startI, endI));
      const pred = net.forward(xb);
      const loss = lossFunc(pred, yb);
      optimLosses.push(loss.item() as number); // added

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  log(lossFunc(net.forward(xb), yb));
  rec.optim_final_loss = lossFunc(net.forward(xb), yb).item();

  // Refactor using Dataset
  let trainDs = new TensorDataset(xTrain, yTrain);
  [net, opt] = getModel();

  const datasetLosses: number[] = (rec.dataset_losses = []);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      // xb, yb = train_ds[i * bs: i * bs + bs]: torch-node's TensorDataset.getItem takes an integer
      // index only, so the slice is taken from its tensors.
      [xb, yb] = trainDs.tensors.map((t) => t.index(torch.slice(i * bs, i * bs + bs)));
      const pred = net.forward(xb);
      const loss = lossFunc(pred, yb);
      datasetLosses.push(loss.item() as number); // added

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  log(lossFunc(net.forward(xb), yb));
  rec.dataset_final_loss = lossFunc(net.forward(xb), yb).item();

  // Refactor using DataLoader
  trainDs = new TensorDataset(xTrain, yTrain);
  let trainDl: Loader = new DataLoader(trainDs, { batchSize: bs }) as unknown as Loader;

  [net, opt] = getModel();

  const dataloaderLosses: number[] = (rec.dataloader_losses = []);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for ([xb, yb] of trainDl) {
      const pred = net.forward(xb);
      const loss = lossFunc(pred, yb);
      dataloaderLosses.push(loss.item() as number); // added

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  log(lossFunc(net.forward(xb), yb));
  rec.dataloader_final_loss = lossFunc(net.forward(xb), yb).item();

  // Add validation
  trainDs = new TensorDataset(xTrain, yTrain);
  trainDl = new DataLoader(trainDs, { batchSize: bs, shuffle: true }) as unknown as Loader;

  const validDs = new TensorDataset(xValid, yValid);
  let validDl: Loader = new DataLoader(validDs, { batchSize: bs * 2 }) as unknown as Loader;

  [net, opt] = getModel();

  const validationLosses: number[] = (rec.validation_losses = []);
  const validationValid: number[] = (rec.validation_valid_loss = []);
  for (let epoch = 0; epoch < epochs; epoch++) {
    net.train();
    for (const [xb, yb] of trainDl) {
      const pred = net.forward(xb);
      const loss = lossFunc(pred, yb);
      validationLosses.push(loss.item() as number); // added

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }

    net.eval();
    // valid_loss = sum(loss_func(model(xb), yb) for xb, yb in valid_dl)
    const validLoss = torch.noGrad(() => {
      let s: Tensor | null = null;
      for (const [xb, yb] of validDl) {
        const l = lossFunc(net.forward(xb), yb);
        s = s === null ? l : s.add(l);
      }
      return s!;
    });

    log(epoch, validLoss.div(validDl.length));
    validationValid.push(validLoss.div(validDl.length).item() as number);
  }

  // Create fit() and get_data()
  const lossBatch = (model: torch.nn.Module, lossFunc: (a: Tensor, b: Tensor) => Tensor, xb: Tensor, yb: Tensor, opt?: Opt): [number, number] => {
    const loss = lossFunc(model.forward(xb), yb);

    if (opt !== undefined) {
      loss.backward();
      opt.step();
      opt.zeroGrad();
    }

    return [loss.item() as number, xb.length];
  };

  const fit = (epochs: number, model: torch.nn.Module, lossFunc: (a: Tensor, b: Tensor) => Tensor, opt: Opt, trainDl: Loader, validDl: Loader): FitRecord => {
    const trainLosses: number[] = [];
    const valLosses: number[] = []; // added
    for (let epoch = 0; epoch < epochs; epoch++) {
      model.train();
      for (const [xb, yb] of trainDl) {
        trainLosses.push(lossBatch(model, lossFunc, xb, yb, opt)[0]); // added: the push
      }

      model.eval();
      const [losses, nums] = torch.noGrad(() => {
        const r = [...validDl].map(([xb, yb]) => lossBatch(model, lossFunc, xb, yb));
        return [r.map((x) => x[0]), r.map((x) => x[1])];
      });
      // np.sum(np.multiply(losses, nums)) / np.sum(nums)
      const valLoss = losses.reduce((s, l, i) => s + l * nums[i], 0) / nums.reduce((s, k) => s + k, 0);

      log(epoch, valLoss);
      valLosses.push(valLoss); // added
    }
    return { train: trainLosses, valid: valLosses }; // added
  };

  const getData = (trainDs: torch.utils.data.TensorDataset, validDs: torch.utils.data.TensorDataset, bs: number): [Loader, Loader] => [
    new DataLoader(trainDs, { batchSize: bs, shuffle: true }) as unknown as Loader,
    new DataLoader(validDs, { batchSize: bs * 2 }) as unknown as Loader,
  ];

  [trainDl, validDl] = getData(trainDs, validDs, bs);
  [net, opt] = getModel();
  rec.fit = fit(epochs, net, lossFunc, opt, trainDl, validDl);

  // Switch to CNN
  class MnistCNN extends nn.Module {
    conv1 = new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 });
    conv2 = new nn.Conv2d(16, 16, { kernelSize: 3, stride: 2, padding: 1 });
    conv3 = new nn.Conv2d(16, 10, { kernelSize: 3, stride: 2, padding: 1 });

    override forward(xb: Tensor): Tensor {
      xb = xb.view(-1, 1, 28, 28);
      xb = F.relu(this.conv1.forward(xb));
      xb = F.relu(this.conv2.forward(xb));
      xb = F.relu(this.conv3.forward(xb));
      xb = F.avgPool2d(xb, 4);
      return xb.view(-1, xb.size(1));
    }
  }

  lr = 0.1;

  net = new MnistCNN();
  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });

  rec.cnn = fit(epochs, net, lossFunc, opt, trainDl, validDl);

  // Using nn.Sequential
  const preprocess = (x: Tensor) => x.view(-1, 1, 28, 28);

  net = new nn.Sequential(
    new Lambda(preprocess),
    new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 10, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.AvgPool2d(4),
    new Lambda((x) => x.view(x.size(0), -1)),
  );

  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });

  rec.sequential = fit(epochs, net, lossFunc, opt, trainDl, validDl);

  // Wrapping DataLoader
  let preprocessXY = (x: Tensor, y: Tensor): Batch => [x.view(-1, 1, 28, 28), y];

  [trainDl, validDl] = getData(trainDs, validDs, bs);
  trainDl = new WrappedDataLoader(trainDl, preprocessXY);
  validDl = new WrappedDataLoader(validDl, preprocessXY);

  net = new nn.Sequential(
    new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 10, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.AdaptiveAvgPool2d(1),
    new Lambda((x) => x.view(x.size(0), -1)),
  );

  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });

  rec.wrapped = fit(epochs, net, lossFunc, opt, trainDl, validDl);

  // Using your GPU (here the CPU: no GPU is assumed)
  const dev = torch.cuda.isAvailable() && process.env.TUTORIAL_CUDA ? torch.device('cuda') : torch.device('cpu');

  preprocessXY = (x, y) => [x.view(-1, 1, 28, 28).to(dev), y.to(dev)];

  [trainDl, validDl] = getData(trainDs, validDs, bs);
  trainDl = new WrappedDataLoader(trainDl, preprocessXY);
  validDl = new WrappedDataLoader(validDl, preprocessXY);

  net.to(dev);
  opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });

  rec.device = fit(epochs, net, lossFunc, opt, trainDl, validDl);
  return rec;
}

if (require.main === module) main();
