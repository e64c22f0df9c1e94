// torch.nn.init (torch/nn/init.py): the same formulas on the same default generator as Python, so
// the same numbers after the same torch.manualSeed. In place, under no_grad; each returns the tensor.
import { Tensor, tensorArg } from '../tensor';
import { noGrad } from '../autograd';
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
