// The lab's training and evaluation loops, shared by every exercise (Python original: lab4_common.py).
import * as torch from 'torch-node';

const { nn } = torch;
type Tensor = torch.Tensor;
type Loader = Iterable<[Tensor, Tensor]> & { length: number };

export interface EpochStats {
  loss: number;
  acc: number;
}

/** An extra loss term computed from the model (L1 / L2 over model.parameters()). */
export type Penalty = (model: torch.nn.Module) => Tensor;

/** One epoch of the learning curves. train/test figures are measured in eval mode after the epoch;
 *  fitLoss is the mean loss the optimizer saw during it (with dropout active and any penalty added). */
export interface EpochRecord {
  epoch: number;
  fitLoss: number;
  trainLoss: number;
  trainAcc: number;
  testLoss: number;
  testAcc: number;
  lr: number;
}

// def train_epoch(model, loader, criterion, optimizer, penalty=None):
export function trainEpoch(
  model: torch.nn.Module,
  loader: Loader,
  criterion: torch.nn.Module,
  optimizer: torch.optim.Optimizer<{ lr?: number }>,
  penalty?: Penalty,
  device: string = 'cpu',
): EpochStats {
  model.train();
  let lossSum = 0;
  let correct = 0;
  let total = 0;
  for (let [images, labels] of loader) {
    images = images.to(device);
    labels = labels.to(device);
    optimizer.zeroGrad();
    const outputs = model.forward(images);
    let loss = criterion.forward(outputs, labels);
    if (penalty) loss = loss.add(penalty(model));
    loss.backward();
    optimizer.step();
    lossSum += (loss.item() as number) * labels.size(0);
    correct += outputs.argmax(1).eq(labels).sum().item() as number;
    total += labels.size(0);
  }
  return { loss: lossSum / total, acc: correct / total };
}

// def evaluate(model, loader, criterion):
export function evaluate(model: torch.nn.Module, loader: Loader, criterion: torch.nn.Module, device: string = 'cpu'): EpochStats {
  model.eval();
  let lossSum = 0;
  let correct = 0;
  let total = 0;
  torch.noGrad(() => {
    for (let [images, labels] of loader) {
      images = images.to(device);
      labels = labels.to(device);
      const outputs = model.forward(images);
      lossSum += (criterion.forward(outputs, labels).item() as number) * labels.size(0);
      correct += outputs.argmax(1).eq(labels).sum().item() as number;
      total += labels.size(0);
    }
  });
  return { loss: lossSum / total, acc: correct / total };
}

export interface FitOptions {
  epochs: number;
  optimizer: torch.optim.Optimizer<{ lr?: number }>;
  scheduler?: { step(): void };
  penalty?: Penalty;
  device?: string;
  onEpoch?: (record: EpochRecord) => void;
  /** Measure the curves with another module and loaders (e.g. on cached features) instead. */
  evaluateWith?: { model: torch.nn.Module; trainLoader: Loader; testLoader: Loader };
}

/** Trains for `epochs`, evaluating on the test set after each one; returns the per-epoch history. */
export function fit(model: torch.nn.Module, trainLoader: Loader, testLoader: Loader, opts: FitOptions): EpochRecord[] {
  const criterion = new nn.CrossEntropyLoss();
  const device = opts.device ?? 'cpu';
  const history: EpochRecord[] = [];
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const lr = opts.optimizer.paramGroups[0].lr;
    const fitted = trainEpoch(model, trainLoader, criterion, opts.optimizer, opts.penalty, device);
    const ev = opts.evaluateWith ?? { model, trainLoader, testLoader };
    const train = evaluate(ev.model, ev.trainLoader, criterion, device);
    const test = evaluate(ev.model, ev.testLoader, criterion, device);
    opts.scheduler?.step();
    const record = { epoch, fitLoss: fitted.loss, trainLoss: train.loss, trainAcc: train.acc, testLoss: test.loss, testAcc: test.acc, lr };
    history.push(record);
    opts.onEpoch?.(record);
  }
  return history;
}

// Python's sum(term(p) for p in model.parameters())
function sumOverParameters(model: torch.nn.Module, term: (p: Tensor) => Tensor): Tensor {
  let sum: Tensor | null = null;
  for (const p of model.parameters()) sum = sum === null ? term(p) : sum.add(term(p));
  return sum!;
}

// L2: lambda * sum(p.pow(2).sum() for p in model.parameters())
export function l2Penalty(lambda: number): Penalty {
  return (model) => sumOverParameters(model, (p) => p.pow(2).sum()).mul(lambda);
}

// L1: lambda * sum(p.abs().sum() for p in model.parameters())
export function l1Penalty(lambda: number): Penalty {
  return (model) => sumOverParameters(model, (p) => p.abs().sum()).mul(lambda);
}
