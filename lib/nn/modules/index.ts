// The layers of torch.nn.modules.
export * from './linear';
export { Conv2d } from './conv';
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from './pooling';
export * from './activation';
export * from './dropout';
export { BatchNorm1d, BatchNorm2d } from './batchnorm';
export * from './flatten';
export * from './container';
export * from './loss';
export * from './sparse';
export * from './distance';
export * from './fold';
export * from './pixelshuffle';
export * from './channelshuffle';
export * from './upsampling';
