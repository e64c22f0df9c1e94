// torch-node: `import * as torch from 'torch-node'`, mirroring Python's `import torch`.
export { TorchError, NotImplementedError } from './errors';
export { DType, uint8, int8, int16, int32, int64, float16, float32, float64, bool, bfloat16, complex32, complex64, complex128, float, double, half, long, int, short, chalf, cfloat, cdouble, getDefaultDtype, setDefaultDtype } from './dtype';
export { Device, device } from './device';
export { Tensor, isTensor } from './tensor';
export { FloatTensor, DoubleTensor, HalfTensor, BFloat16Tensor, LongTensor, IntTensor, ShortTensor, CharTensor, ByteTensor, BoolTensor, sparseCooTensor } from './tensor_new';
export type { LegacyTensorType, LegacyArgs } from './tensor_new';
export { slice, Slice } from './_indexing';
export type { IndexSpec } from './_indexing';
export { setPrintoptions } from './_tensor_str';
export { finfo, iinfo, pi, e, inf, nan } from './type_info';
export type { PrintOptions } from './_tensor_str';
export type { Scalar, TensorOrScalar, NestedArray, ValuesIndices, Complex } from './tensor';
export * from './creation';
export * from './functions';
// torch/functional.py
export { alignTensors, atleast1d, atleast2d, atleast3d, blockDiag, broadcastShapes, broadcastTensors, cartesianProd, cdist, chainMatmul, einsum, lu, meshgrid, norm, split, stft, tensordot, unique, uniqueConsecutive } from './functional';
export type { Subscripts, StftOptions, UniqueOptions, UniqueConsecutiveOptions, NormOrder, NormOptions, LuResult } from './functional';
export { svdLowrank, pcaLowrank } from './_lowrank';
export { lobpcg } from './_lobpcg';
export type { LobpcgOptions, LOBPCGTracker, LOBPCGMethod, LOBPCG } from './_lobpcg';
// every other operator Python binds as torch.X, generated from the linked libtorch's schemas
export * from './_C/generated/torch';
export * as linalg from './linalg';
export * as fft from './fft';
export * as special from './special';
export * as masked from './masked';
export * as _C from './_C';
export { Layout, MemoryFormat, strided, sparse_coo, sparse_csr, sparse_csc, sparse_bsr, sparse_bsc, _mkldnn, contiguous_format, preserve_format, channels_last, channels_last_3d } from './_C/layout';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled, inferenceMode, isInferenceModeEnabled, autograd } from './autograd';
export { manualSeed, initialSeed, seed, getRngState, setRngState } from './random';
export { setNumThreads, getNumThreads, setNumInteropThreads, getNumInteropThreads } from './threads';
// torch/__init__.py's global settings
export { useDeterministicAlgorithms, areDeterministicAlgorithmsEnabled, isDeterministicAlgorithmsWarnOnlyEnabled, setDeterministicDebugMode, getDeterministicDebugMode, setFloat32MatmulPrecision, getFloat32MatmulPrecision, setWarnAlways, isWarnAlwaysEnabled, setFlushDenormal, setAnomalyEnabled, isAnomalyEnabled, isAnomalyCheckNanEnabled, setDefaultTensorType } from './_init';
export { memoryStats } from './memory';
export type { MemoryStats } from './memory';
export * as cuda from './cuda';
export * as backends from './backends';
export * as cpu from './cpu';
// torch.autocast (torch/amp/autocast_mode.py) and the autocast state functions of torch._C
export { autocast, isAutocastEnabled, setAutocastEnabled, isAutocastCpuEnabled, setAutocastCpuEnabled, getAutocastGpuDtype, getAutocastCpuDtype, setAutocastGpuDtype, setAutocastCpuDtype, clearAutocastCache, autocastIncrementNesting, autocastDecrementNesting, isAutocastCacheEnabled, setAutocastCacheEnabled } from './amp/autocast_mode';
export type { AutocastOptions } from './amp/autocast_mode';
export * as amp from './amp';
export * as nn from './nn';
export { load, loadAsync, save, saveAsync } from './serialization';
export * as serialization from './serialization';
export * as utils from './utils';
export { Generator, defaultGenerator } from './generator';
export { config } from './config';
export type { Config } from './config';
export * as optim from './optim';
export * as hub from './hub';
export * as jit from './jit';
export * as distributions from './distributions';
export * as distributed from './distributed';
export * as multiprocessing from './multiprocessing';
