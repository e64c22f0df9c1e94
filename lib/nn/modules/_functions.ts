// torch/nn/modules/_functions.py (1.13): the SyncBatchNorm autograd function. Its forward all-gathers
// every rank's (mean, invstd, count) and normalizes with the group's statistics; its backward
// all-reduces sum(dy) and sum(dy * (x - mean)) for the input gradient. Both run in libtorch
// (native/distributed.cc: a torch::autograd::Function, since the all-reduce happens inside backward).
// Python runs it on CUDA tensors only; torch-node also on CPU tensors with Gloo (the CUDA-only batch-norm
// kernels it calls are written with ATen ops for the CPU there).
import { native } from '../../native';
import { Tensor } from '../../tensor';
import { ProcessGroup, _nativeGroup } from '../../distributed/distributed_c10d';

export const SyncBatchNorm = {
  /** `SyncBatchNorm.apply(input, weight, bias, running_mean, running_var, eps, momentum, process_group, world_size)` */
  apply(input: Tensor, weight: Tensor | null, bias: Tensor | null, runningMean: Tensor | null, runningVar: Tensor | null, eps: number, momentum: number, processGroup: ProcessGroup, worldSize: number): Tensor {
    return native.distSyncBatchNorm(input, weight, bias, runningMean, runningVar, eps, momentum, _nativeGroup(processGroup), worldSize);
  },
};
