// torch.nn: `const { nn } = torch`. A plain list of exports, one area per line.
export { Module } from './module';
export type { StateDict, IncompatibleKeys } from './module';
export { Parameter } from './parameter';
export { Linear, Identity, Conv2d, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax, Dropout, Dropout2d, BatchNorm1d, BatchNorm2d, Flatten, Sequential, ModuleList, ModuleDict } from './modules';
export * as init from './init';
export { CrossEntropyLoss, NLLLoss, MSELoss, L1Loss, BCELoss, BCEWithLogitsLoss } from './modules/loss';
export * as functional from './functional';
