// torch.utils.data
export { Dataset, TensorDataset, Subset, ConcatDataset, randomSplit } from './dataset';
export type { MapDataset } from './dataset';
export { Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler } from './sampler';
export type { RandomSamplerOptions } from './sampler';
export { DataLoader } from './dataloader';
export type { DataLoaderOptions } from './dataloader';
export { defaultCollate } from './_utils/collate';
export type { Collated } from './_utils/collate';
export { cacheOutputs } from './cached_outputs';
export type { CacheOutputsOptions } from './cached_outputs';
export { defaultConvert } from './_utils/collate';
export { getWorkerInfo, WorkerInfo } from './_utils/worker';
export { DistributedSampler } from './distributed';
// torch.utils.data.distributed as Python's imagenet example spells it: torch.utils.data.distributed.DistributedSampler
export * as distributed from './distributed';
export type { DistributedSamplerOptions } from './distributed';
