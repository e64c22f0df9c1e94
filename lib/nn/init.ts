// torch.nn.init (torch/nn/init.py): the same formulas on the same default generator as Python, so
// the same numbers after the same torch.manualSeed. In place, under no_grad; each returns the tensor.
import { Tensor, tensorArg } from '../tensor';
import { noGrad } from '../autograd';
import { tensor as tensorOf, eye as eyeOf, randperm } from '../creation';
import { float64 } from '../dtype';
import * as linalg from '../linalg';
import * as v from '../validate';

type Nonlinearity = 'linear' | 'conv1d' | 'conv2d' | 'conv3d' | 'conv_transpose1d' | 'conv_transpose2d' | 'conv_transpose3d' | 'sigmoid' | 'tanh' | 'relu' | 'leaky_relu' | 'selu';
type FanMode = 'fan_in' | 'fan_out';

const LINEAR_FNS = ['linear', 'conv1d', 'conv2d', 'conv3d', 'conv_transpose1d', 'conv_transpose2d', 'conv_transpose3d'];

/** `calculate_gain(nonlinearity, param=None)`: the recommended gain for a nonlinearity. */
export function calculateGain(nonlinearity: Nonlinearity, param?: number | null): number {
  const call = 'nn.init.calculate_gain';
  v.str(call, 'nonlinearity', nonlinearity);
  if (LINEAR_FNS.includes(nonlinearity) || nonlinearity === 'sigmoid') return 1;
  if (nonlinearity === 'tanh') return 5.0 / 3;
  if (nonlinearity === 'relu') return Math.sqrt(2.0);
  if (nonlinearity === 'leaky_relu') {
    const slope = param === undefined || param === null ? 0.01 : v.number(call, 'param', param);
    return Math.sqrt(2.0 / (1 + slope ** 2));
  }
  if (nonlinearity === 'selu') return 3.0 / 4;
  throw new RangeError(`${call}: Unsupported nonlinearity ${nonlinearity}`);
}

function fanInAndOut(call: string, t: Tensor): [number, number] {
  const shape = t.shape;
  if (shape.length < 2) throw new RangeError(`${call}: Fan in and fan out can not be computed for tensor with fewer than 2 dimensions`);
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return [shape[1] * receptive, shape[0] * receptive];
}

function correctFan(call: string, t: Tensor, mode: unknown): number {
  if (mode !== 'fan_in' && mode !== 'fan_out') throw new RangeError(`${call}: Mode ${String(mode)} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = fanInAndOut(call, t);
  return mode === 'fan_in' ? fanIn : fanOut;
}

function uniformIn(t: Tensor, a: number, b: number): Tensor {
  return noGrad(() => t.uniform_(a, b));
}

function normalIn(t: Tensor, mean: number, std: number): Tensor {
  return noGrad(() => t.normal_(mean, std));
}

/** `uniform_(tensor, a=0., b=1.)`. */
export function uniform_(tensor: Tensor, a?: number | { a?: number; b?: number }, b?: number): Tensor {
  const call = 'nn.init.uniform_';
  tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['a', 'b'], [a, b]);
  return uniformIn(tensor, o.a === undefined ? 0 : v.finite(call, 'a', o.a), o.b === undefined ? 1 : v.finite(call, 'b', o.b));
}

/** `normal_(tensor, mean=0., std=1.)`. */
export function normal_(tensor: Tensor, mean?: number | { mean?: number; std?: number }, std?: number): Tensor {
  const call = 'nn.init.normal_';
  tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['mean', 'std'], [mean, std]);
  return normalIn(tensor, o.mean === undefined ? 0 : v.finite(call, 'mean', o.mean), o.std === undefined ? 1 : v.finite(call, 'std', o.std));
}

/** `constant_(tensor, val)`. */
export function constant_(tensor: Tensor, val: number): Tensor {
  const call = 'nn.init.constant_';
  tensorArg(call, 'tensor', tensor);
  const x = v.number(call, 'val', val);
  return noGrad(() => tensor.fill_(x));
}

export function zeros_(tensor: Tensor): Tensor {
  tensorArg('nn.init.zeros_', 'tensor', tensor);
  return noGrad(() => tensor.zero_());
}

export function ones_(tensor: Tensor): Tensor {
  tensorArg('nn.init.ones_', 'tensor', tensor);
  return noGrad(() => tensor.fill_(1));
}

/** `xavier_uniform_(tensor, gain=1.)`: U(-a, a) with a = gain·sqrt(6 / (fan_in + fan_out)). */
export function xavierUniform_(tensor: Tensor, gain: number | { gain?: number } = 1): Tensor {
  const call = 'nn.init.xavier_uniform_';
  tensorArg(call, 'tensor', tensor);
  const g = v.finite(call, 'gain', v.bindArgs(call, ['gain'], [gain]).gain ?? 1);
  const [fanIn, fanOut] = fanInAndOut(call, tensor);
  const a = Math.sqrt(3.0) * g * Math.sqrt(2.0 / (fanIn + fanOut));
  return uniformIn(tensor, -a, a);
}

/** `xavier_normal_(tensor, gain=1.)`: N(0, std²) with std = gain·sqrt(2 / (fan_in + fan_out)). */
export function xavierNormal_(tensor: Tensor, gain: number | { gain?: number } = 1): Tensor {
  const call = 'nn.init.xavier_normal_';
  tensorArg(call, 'tensor', tensor);
  const g = v.finite(call, 'gain', v.bindArgs(call, ['gain'], [gain]).gain ?? 1);
  const [fanIn, fanOut] = fanInAndOut(call, tensor);
  return normalIn(tensor, 0, g * Math.sqrt(2.0 / (fanIn + fanOut)));
}

interface KaimingOptions {
  a?: number;
  mode?: FanMode;
  nonlinearity?: Nonlinearity;
}

function kaimingStd(call: string, tensor: Tensor, args: unknown[]): number | null {
  tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['a', 'mode', 'nonlinearity'], args);
  const a = o.a === undefined ? 0 : v.number(call, 'a', o.a);
  const mode = o.mode === undefined ? 'fan_in' : o.mode;
  const nonlinearity = (o.nonlinearity === undefined ? 'leaky_relu' : o.nonlinearity) as Nonlinearity;
  // PyTorch warns and leaves a tensor with a zero-size dim alone.
  if (tensor.shape.includes(0)) return null;
  const fan = correctFan(call, tensor, mode);
  return calculateGain(nonlinearity, a) / Math.sqrt(fan);
}

/** `kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`. */
export function kaimingUniform_(tensor: Tensor, a?: number | KaimingOptions, mode?: FanMode, nonlinearity?: Nonlinearity): Tensor {
  const std = kaimingStd('nn.init.kaiming_uniform_', tensor, [a, mode, nonlinearity]);
  if (std === null) return tensor;
  const bound = Math.sqrt(3.0) * std;
  return uniformIn(tensor, -bound, bound);
}

/** `kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`. */
export function kaimingNormal_(tensor: Tensor, a?: number | KaimingOptions, mode?: FanMode, nonlinearity?: Nonlinearity): Tensor {
  const std = kaimingStd('nn.init.kaiming_normal_', tensor, [a, mode, nonlinearity]);
  if (std === null) return tensor;
  return normalIn(tensor, 0, std);
}

/** Python's math.erf, from libtorch's (C's) erf on a float64 scalar. */
function erf(x: number): number {
  return tensorOf([x], { dtype: float64 }).erf().item() as number;
}

/**
 * `trunc_normal_(tensor, mean=0., std=1., a=-2., b=2.)`: N(mean, std²) cut to [a, b], by Python's
 * method (uniform_ between the normal cdf at a and b, erfinv_, scale, shift, clamp), so Python's draws.
 */
export function truncNormal_(tensor: Tensor, mean?: number | { mean?: number; std?: number; a?: number; b?: number }, std?: number, a?: number, b?: number): Tensor {
  const call = 'nn.init.trunc_normal_';
  tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['mean', 'std', 'a', 'b'], [mean, std, a, b]);
  const m = o.mean === undefined ? 0 : v.finite(call, 'mean', o.mean);
  const s = o.std === undefined ? 1 : v.finite(call, 'std', o.std);
  const lo = o.a === undefined ? -2 : v.number(call, 'a', o.a);
  const hi = o.b === undefined ? 2 : v.number(call, 'b', o.b);
  if (m < lo - 2 * s || m > hi + 2 * s) {
    process.emitWarning('mean is more than 2 std from [a, b] in nn.init.trunc_normal_. The distribution of values may be incorrect.', 'UserWarning');
  }
  const normCdf = (x: number): number => (1 + erf(x / Math.sqrt(2))) / 2;
  return noGrad(() => {
    const l = normCdf((lo - m) / s);
    const u = normCdf((hi - m) / s);
    tensor.uniform_(2 * l - 1, 2 * u - 1);
    tensor.erfinv_();
    tensor.mul_(s * Math.sqrt(2));
    tensor.add_(m);
    tensor.clamp_(lo, hi);
    return tensor;
  });
}

/** `eye_(tensor)`: the identity matrix in a 2-d tensor (as many inputs preserved as possible in a Linear). */
export function eye_(tensor: Tensor): Tensor {
  const call = 'nn.init.eye_';
  tensorArg(call, 'tensor', tensor);
  if (tensor.dim() !== 2) throw new RangeError(`${call}: Only tensors with 2 dimensions are supported`);
  const [rows, cols] = tensor.shape;
  return noGrad(() => tensor.copy_(eyeOf(rows, cols, { dtype: tensor.dtype, device: tensor.device })));
}

/** `dirac_(tensor, groups=1)`: the Dirac delta in a 3-, 4- or 5-d conv weight, per group of output channels. */
export function dirac_(tensor: Tensor, groups: number | { groups?: number } = 1): Tensor {
  const call = 'nn.init.dirac_';
  tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['groups'], [groups]);
  const g = o.groups === undefined ? 1 : v.int(call, 'groups', o.groups, 1);
  const dims = tensor.dim();
  if (dims < 3 || dims > 5) throw new RangeError(`${call}: Only tensors with 3, 4, or 5 dimensions are supported`);
  const sizes = tensor.shape;
  if (sizes[0] % g !== 0) throw new RangeError(`${call}: dim 0 must be divisible by groups`);
  const outPerGroup = sizes[0] / g;
  const minDim = Math.min(outPerGroup, sizes[1]);
  const centre = sizes.slice(2).map((n) => Math.floor(n / 2));
  return noGrad(() => {
    tensor.zero_();
    for (let i = 0; i < g; i++) for (let d = 0; d < minDim; d++) tensor.indexPut_([i * outPerGroup + d, d, ...centre], 1);
    return tensor;
  });
}

/**
 * `orthogonal_(tensor, gain=1)`: a (semi-)orthogonal matrix (trailing dims flattened), Saxe et al.: the
 * Q of the QR of a standard normal draw, its columns signed by diag(R), as Python draws it.
 */
export function orthogonal_(tensor: Tensor, gain: number | { gain?: number } = 1): Tensor {
  const call = 'nn.init.orthogonal_';
  tensorArg(call, 'tensor', tensor);
  const g = v.finite(call, 'gain', v.bindArgs(call, ['gain'], [gain]).gain ?? 1);
  if (tensor.dim() < 2) throw new RangeError(`${call}: Only tensors with 2 or more dimensions are supported`);
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.shape[0];
  const cols = tensor.numel() / rows;
  const flattened = tensor.new(rows, cols).normal_(0, 1);
  if (rows < cols) flattened.t_();
  const [q, r] = linalg.qr(flattened) as unknown as [Tensor, Tensor];
  q.mul_(r.diag(0).sign());
  if (rows < cols) q.t_();
  return noGrad(() => {
    tensor.viewAs(q).copy_(q);
    tensor.mul_(g);
    return tensor;
  });
}

/**
 * `sparse_(tensor, sparsity, std=0.01)`: N(0, std²) in a 2-d tensor with ceil(sparsity·rows) zeros per
 * column, at rows drawn by randperm column after column, as Python.
 */
export function sparse_(tensor: Tensor, sparsity: number | { sparsity: number; std?: number }, std?: number | { std?: number }): Tensor {
  const call = 'nn.init.sparse_';
  tensorArg(call, 'tensor', tensor);
  const o = v.bindArgs(call, ['sparsity', 'std'], [sparsity, std]);
  if (o.sparsity === undefined) throw new TypeError(`${call}: missing required argument 'sparsity'`);
  const frac = v.finite(call, 'sparsity', o.sparsity);
  const s = o.std === undefined ? 0.01 : v.finite(call, 'std', o.std);
  if (tensor.dim() !== 2) throw new RangeError(`${call}: Only tensors with 2 dimensions are supported`);
  const [rows, cols] = tensor.shape;
  const numZeros = Math.ceil(frac * rows);
  return noGrad(() => {
    tensor.normal_(0, s);
    for (let c = 0; c < cols; c++) tensor.indexPut_([randperm(rows).slice(0, 0, numZeros), c], 0);
    return tensor;
  });
}

/** Python's _make_deprecate: the old name without the underscore warns, then calls the new one. */
function deprecated<A extends unknown[]>(oldName: string, fn: (...args: A) => Tensor): (...args: A) => Tensor {
  return (...args: A) => {
    process.emitWarning(`nn.init.${oldName} is now deprecated in favor of nn.init.${oldName}_.`, 'UserWarning');
    return fn(...args);
  };
}
export const uniform = deprecated('uniform', uniform_);
export const normal = deprecated('normal', normal_);
export const constant = deprecated('constant', constant_);
export const eye = deprecated('eye', eye_);
export const dirac = deprecated('dirac', dirac_);
export const xavierUniform = deprecated('xavier_uniform', xavierUniform_);
export const xavierNormal = deprecated('xavier_normal', xavierNormal_);
export const kaimingUniform = deprecated('kaiming_uniform', kaimingUniform_);
export const kaimingNormal = deprecated('kaiming_normal', kaimingNormal_);
export const orthogonal = deprecated('orthogonal', orthogonal_);
export const sparse = deprecated('sparse', sparse_);
