// torch-node: `import * as torch from 'torch-node'`, mirroring Python's `import torch`.
export { TorchError } from './errors';
export { DType, uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16, float, double, half, long, int, short, getDefaultDtype, setDefaultDtype } from './dtype';
export { Device, device } from './device';
export { Tensor, isTensor } from './tensor';
export type { Scalar, TensorOrScalar, NestedArray } from './tensor';
export * from './creation';
export * from './functions';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled, autograd } from './autograd';
export { manualSeed, initialSeed } from './random';
export { setNumThreads, getNumThreads } from './threads';
export { memoryStats } from './memory';
export type { MemoryStats } from './memory';
export * as cuda from './cuda';
