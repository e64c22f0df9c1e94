// torch-node: `import * as torch from 'torch-node'`, mirroring Python's `import torch`.
export { TorchError } from './errors';
export { DType, uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16, complex32, complex64, complex128, float, double, half, long, int, short, chalf, cfloat, cdouble, getDefaultDtype, setDefaultDtype } from './dtype';
export { Device, device } from './device';
export { Tensor, isTensor } from './tensor';
export { slice, Slice } from './_indexing';
export type { IndexSpec } from './_indexing';
export { setPrintoptions } from './_tensor_str';
export type { PrintOptions } from './_tensor_str';
export type { Scalar, TensorOrScalar, NestedArray, ValuesIndices, Complex } from './tensor';
export * from './creation';
export * from './functions';
// torch/functional.py
export { alignTensors, atleast1d, atleast2d, atleast3d, blockDiag, broadcastShapes, broadcastTensors, cartesianProd, cdist, chainMatmul, einsum, lu, meshgrid, norm, split, stft, tensordot, unique, uniqueConsecutive } from './functional';
export type { Subscripts, StftOptions, UniqueOptions, UniqueConsecutiveOptions, NormOrder, NormOptions, LuResult } from './functional';
export { svdLowrank, pcaLowrank } from './_lowrank';
// every other operator Python binds as torch.X, generated from the linked libtorch's schemas
export * from './_C/generated/torch';
export * as linalg from './linalg';
export * as fft from './fft';
export * as special from './special';
export * as _C from './_C';
export { Layout, MemoryFormat, strided, sparse_coo, sparse_csr, contiguous_format, preserve_format, channels_last, channels_last_3d } from './_C/layout';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled, autograd } from './autograd';
export { manualSeed, initialSeed } from './random';
export { setNumThreads, getNumThreads } from './threads';
export { memoryStats } from './memory';
export type { MemoryStats } from './memory';
export * as cuda from './cuda';
export * as nn from './nn';
export { load, save } from './serialization';
export * as utils from './utils';
export { Generator, defaultGenerator } from './generator';
export { config } from './config';
export type { Config } from './config';
export * as optim from './optim';
export * as hub from './hub';
export * as distributions from './distributions';
