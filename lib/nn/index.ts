// torch.nn: `const { nn } = torch`. A plain list of exports, one area per line.
export { Module } from './module';
export type { StateDict, IncompatibleKeys } from './module';
export { Parameter } from './parameter';
export { Linear, Identity, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax, Dropout, Dropout2d, BatchNorm1d, BatchNorm2d, Flatten, Sequential, ModuleList, ModuleDict } from './modules';
export * as init from './init';
// Every layer of torch.nn.modules (the line above keeps the names it had before).
export * from './modules';
// torch.nn.modules as a package too, with its module submodule (Python's path to the global hooks:
// `torch.nn.modules.module.register_module_forward_hook`) and the files of its layers, the paths by which
// Python names a class (`torch.serialization.safe_globals([torch.nn.modules.linear.Linear])`, as the
// word_language_model example of pytorch/examples does). utils.ts and lazy.ts, whose exports are
// torch-node's helpers more than Python's, are left out.
import * as _modules from './modules';
import * as _module from './modules/module';
import * as activation from './modules/activation';
import * as adaptive from './modules/adaptive';
import * as batchnorm from './modules/batchnorm';
import * as channelshuffle from './modules/channelshuffle';
import * as container from './modules/container';
import * as conv from './modules/conv';
import * as distance from './modules/distance';
import * as dropout from './modules/dropout';
import * as flatten from './modules/flatten';
import * as fold from './modules/fold';
import * as instancenorm from './modules/instancenorm';
import * as linear from './modules/linear';
import * as loss from './modules/loss';
import * as normalization from './modules/normalization';
import * as padding from './modules/padding';
import * as pixelshuffle from './modules/pixelshuffle';
import * as pooling from './modules/pooling';
import * as rnn from './modules/rnn';
import * as sparse from './modules/sparse';
import * as transformer from './modules/transformer';
import * as upsampling from './modules/upsampling';
// Python's private bases (_ConvNd, _NormBase) stay out: abstract, they check no argument.
const layers = <T extends object>(ns: T): Readonly<Omit<T, `_${string}`>> =>
  Object.freeze(Object.fromEntries(Object.entries(ns).filter(([k]) => !k.startsWith('_')))) as Omit<T, `_${string}`>;
export const modules = Object.freeze({
  ..._modules, module: _module, activation: layers(activation), adaptive: layers(adaptive), batchnorm: layers(batchnorm),
  channelshuffle: layers(channelshuffle), container: layers(container), conv: layers(conv), distance: layers(distance),
  dropout: layers(dropout), flatten: layers(flatten), fold: layers(fold), instancenorm: layers(instancenorm), linear: layers(linear),
  loss: layers(loss), normalization: layers(normalization), padding: layers(padding), pixelshuffle: layers(pixelshuffle),
  pooling: layers(pooling), rnn: layers(rnn), sparse: layers(sparse), transformer: layers(transformer), upsampling: layers(upsampling),
});
export * as functional from './functional';
export * as parallel from './parallel';
export { DataParallel } from './parallel';
export * as utils from './utils';
