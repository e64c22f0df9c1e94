// Helpers the torchvision models share: torch.nn's activations and LayerNorm under the names the model
// files use, layer factories (Python's norm_layer / activation_layer callables, functools.partial), and
// nn.init.trunc_normal_ as they call it.
import * as nn from '../../nn';
import { Tensor } from '../../tensor';
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

/** `nn.init.trunc_normal_(tensor, mean=0, std=1, a=-2, b=2)`, positional, as the model files call it. */
export function truncNormal_(t: Tensor, mean = 0, std = 1, a = -2, b = 2): Tensor {
  return nn.init.truncNormal_(t, mean, std, a, b);
}
