// torch.nn.utils: `nn.utils.rnn.packPaddedSequence`, ... One area per line.
export * as rnn from './rnn';
export { clipGradNorm_, clipGradNorm, clipGradValue_ } from './clip_grad';
export { parametersToVector, vectorToParameters } from './convert_parameters';
export { weightNorm, removeWeightNorm, WeightNorm } from './weight_norm';
export { spectralNorm, removeSpectralNorm, SpectralNorm } from './spectral_norm';
export { fuseConvBnEval, fuseConvBnWeights, fuseLinearBnEval, fuseLinearBnWeights } from './fusion';
export * as stateless from './stateless';
export * as parametrize from './parametrize';
export * as parametrizations from './parametrizations';
export { convertConv2dWeightMemoryFormat } from './memory_format';
export * as prune from './prune';
export { skipInit } from './init';
// the submodules by name, as Python's torch.nn.utils.fusion, ... (spectral_norm / weight_norm are the functions, as in Python)
export * as clipGrad from './clip_grad';
export * as convertParameters from './convert_parameters';
export * as fusion from './fusion';
export * as memoryFormat from './memory_format';
export * as init from './init';
