// Helpers the torchvision models share: torch.nn's activations and LayerNorm under the names the model
// files use, layer factories (Python's norm_layer / activation_layer callables, functools.partial), and
// nn.init.trunc_normal_.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
import { tensor } from '../../creation';
import { float64 } from '../../dtype';
import { noGrad } from '../../autograd';
import * as functools from '../../functools';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctor = new (...args: any[]) => nn.Module;

export const { ReLU6, Hardswish, Hardsigmoid, SiLU, GELU, LayerNorm } = nn;

/** A norm or activation argument as torchvision takes it: a module class, or a function that makes one (functools.partial). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LayerFactory = Ctor | ((...args: any[]) => nn.Module);

/** Calls a LayerFactory as Python calls `norm_layer(num_features)`: `new` for a class, a plain call otherwise. */
export function makeLayer(f: LayerFactory, ...args: unknown[]): nn.Module {
  if (typeof f !== 'function') throw new TypeError(`a norm or activation layer must be an nn.Module class or a function that returns one, got ${f === null ? 'null' : typeof f}`);
  if (typeof f === 'function' && f.prototype instanceof nn.Module) return new (f as Ctor)(...args);
  return (f as (...a: unknown[]) => nn.Module)(...args);
}

/** functools.partial(cls, **kwargs) for a module class: `partial(nn.BatchNorm2d, { eps: 1e-3 })` (torch.save writes it as Python's). */
export function partial(f: LayerFactory, kwargs: Record<string, unknown>): LayerFactory {
  return functools.partial(f, [], kwargs);
}

/** Python's math.erf, from libtorch's (C's) erf on a float64 scalar. */
function erf(x: number): number {
  return tensor([x], { dtype: float64 }).erf().item() as number;
}

/**
 * `nn.init.trunc_normal_(tensor, mean=0, std=1, a=-2, b=2)` (torch.nn.init's own when it has it):
 * uniform_ on [2l-1, 2u-1] of the normal cdf at a and b, erfinv_, scale, shift, clamp — Python's draws.
 */
export function truncNormal_(t: Tensor, mean = 0, std = 1, a = -2, b = 2): Tensor {
  const own = (nn.init as unknown as Record<string, unknown>).truncNormal_ as ((t: Tensor, ...a: number[]) => Tensor) | undefined;
  if (own) return own(t, mean, std, a, b);
  const normCdf = (x: number) => (1 + erf(x / Math.sqrt(2))) / 2;
  return noGrad(() => {
    const l = normCdf((a - mean) / std);
    const u = normCdf((b - mean) / std);
    t.uniform_(2 * l - 1, 2 * u - 1);
    t.erfinv_();
    t.mul_(std * Math.sqrt(2));
    t.add_(mean);
    t.clamp_(a, b);
    return t;
  });
}
