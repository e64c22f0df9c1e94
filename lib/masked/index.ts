// torch.masked: reductions and normalizations that ignore masked-out elements (lib/masked/_ops.ts).
export { sum, prod, cumsum, cumprod, amax, amin, argmax, argmin, mean, median, logsumexp, logaddexp, norm, variance as var, std, softmax, logSoftmax, softmin, normalize } from './_ops';
