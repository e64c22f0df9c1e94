// Fine-tuning with a frozen feature extractor recomputes the same features every epoch (Python's
// naive loop does too). cacheOutputs runs the frozen part once over a dataset and returns a
// TensorDataset of (features, target) to train the head on: the same training, minus the repeated
// forward passes through the frozen layers.
import { Tensor } from '../../tensor';
import { cat } from '../../functions';
import { noGrad } from '../../autograd';
import { argError } from '../../errors';
import { Module } from '../../nn/module';
import * as v from '../../validate';
import { MapDataset, TensorDataset, datasetArg } from './dataset';
import { DataLoader } from './dataloader';

export interface CacheOutputsOptions {
  /** Images per forward pass (memory vs speed); default 64. */
  batchSize?: number;
  /** Where to run the frozen part ('cpu' or 'cuda'); the cached outputs come back to the CPU. */
  device?: string;
}

/**
 * torch.utils.data.cacheOutputs(frozen, dataset): item i of the result is [frozen(x_i), y_i] for item
 * [x_i, y_i] of `dataset`, computed once, in eval mode and without autograd.
 *
 * Only valid when `frozen`'s output for an input never changes during training: every parameter of it
 * must have requiresGrad = false (checked), and it must behave the same in train and eval mode (no
 * Dropout or BatchNorm inside it — keep those in the head that trains).
 *
 *   const frozen = new nn.Sequential(cnn.features, cnn.avgpool, new nn.Flatten());
 *   const features = torch.utils.data.cacheOutputs(frozen, trainSet);
 *   for (const [x, y] of new DataLoader(features, { batchSize: 32, shuffle: true })) ... cnn.classifier.forward(x)
 */
export function cacheOutputs(frozen: Module, dataset: MapDataset<readonly unknown[]>, opts?: CacheOutputsOptions): TensorDataset {
  const call = 'torch.utils.data.cacheOutputs';
  if (!(frozen instanceof Module)) throw argError(call, 'module', 'an nn.Module', frozen);
  datasetArg(call, 'dataset', dataset);
  const o = v.options(call, opts);
  v.knownOptions(call, o, ['batchSize', 'device']);
  const batchSize = o.batchSize === undefined ? 64 : v.int(call, 'batchSize', o.batchSize, 1);
  const device = o.device === undefined ? 'cpu' : v.str(call, 'device', o.device);
  for (const [name, p] of frozen.namedParameters()) {
    if (p.requiresGrad) throw new TypeError(`${call}: parameter '${name}' requires grad; cache only a frozen part of the network (set requiresGrad = false on its parameters)`);
  }
  const wasTraining = frozen.training;
  frozen.eval();
  const outputs: Tensor[] = [];
  const targets: Tensor[] = [];
  try {
    noGrad(() => {
      for (const batch of new DataLoader(dataset, { batchSize })) {
        const [x, y] = batch as unknown as [Tensor, Tensor];
        if (!(x instanceof Tensor) || !(y instanceof Tensor)) throw new TypeError(`${call}: dataset items must be [input, target] pairs of tensors or numbers`);
        outputs.push((frozen.forward(x.to(device)) as Tensor).to('cpu'));
        targets.push(y);
      }
    });
  } finally {
    frozen.train(wasTraining);
  }
  return new TensorDataset(cat(outputs, 0), cat(targets, 0));
}
