// torch.distributions: `const { Normal, klDivergence, constraints } = torch.distributions`.
export { Distribution, ExponentialFamily } from './distribution';
export type { Shape } from './distribution';
export { Bernoulli } from './bernoulli';
export { Beta } from './beta';
export { Binomial } from './binomial';
export { Categorical } from './categorical';
export { Dirichlet } from './dirichlet';
export { Exponential } from './exponential';
export { Gamma } from './gamma';
export { Independent } from './independent';
export { Laplace } from './laplace';
export { LogNormal } from './log_normal';
export { MultivariateNormal } from './multivariate_normal';
export { Normal } from './normal';
export { OneHotCategorical } from './one_hot_categorical';
export { Poisson } from './poisson';
export { TransformedDistribution } from './transformed_distribution';
export { Uniform } from './uniform';
export { klDivergence, registerKl } from './kl';
export * as constraints from './constraints';
export * as transforms from './transforms';
// Python exports the transform classes at the top level of torch.distributions too.
export { Transform, ComposeTransform, IndependentTransform, ExpTransform, PowerTransform, SigmoidTransform, SoftplusTransform, TanhTransform, AbsTransform, AffineTransform, identityTransform } from './transforms';
export * as utils from './utils';
