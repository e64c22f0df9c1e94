// torchvision.ops: the layers the classification models are built from.
export { Conv2dNormActivation, SqueezeExcitation, MLP, Permute } from './misc';
export { StochasticDepth, stochasticDepth } from './stochastic_depth';
