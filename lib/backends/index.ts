// torch.backends: `torch.backends.cudnn.benchmark = true`, `torch.backends.mps.isAvailable()`, ...
export { cudnn } from './cudnn';
export * as mps from './mps';
export * as mkl from './mkl';
export * as mkldnn from './mkldnn';
export * as openmp from './openmp';
