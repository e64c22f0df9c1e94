// torch.nn: `const { nn } = torch`. A plain list of exports, one area per line.
export { Module } from './module';
export type { StateDict, IncompatibleKeys } from './module';
export { Parameter } from './parameter';
export { Linear, Identity, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax, Dropout, Dropout2d, BatchNorm1d, BatchNorm2d, Flatten, Sequential, ModuleList, ModuleDict } from './modules';
export * as init from './init';
// Every layer of torch.nn.modules (the line above keeps the names it had before).
export * from './modules';
// torch.nn.modules as a package too, with its module submodule (Python's path to the global hooks:
// `torch.nn.modules.module.register_module_forward_hook`).
import * as _modules from './modules';
import * as _module from './modules/module';
export const modules = Object.freeze({ ..._modules, module: _module });
export * as functional from './functional';
export * as parallel from './parallel';
export * as utils from './utils';
