// torchvision.models
export { AlexNet, AlexNet_Weights, alexnet } from './alexnet';
export type { AlexNetOptions } from './alexnet';
export { Weights } from './_api';
export type { WeightsEnum, WeightsMeta, PresetTransforms } from './_api';
