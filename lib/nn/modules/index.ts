// The layers of torch.nn.modules.
export { Linear, Identity } from './linear';
export { Conv2d } from './conv';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './pooling';
export { ReLU, LeakyReLU, Sigmoid, Tanh, Softmax, LogSoftmax } from './activation';
export { Dropout, Dropout2d } from './dropout';
export { BatchNorm1d, BatchNorm2d } from './batchnorm';
export { Flatten } from './flatten';
export { Sequential, ModuleList, ModuleDict } from './container';
