// The base of the leaf layers that wrap libtorch's own torch::nn modules (native/modules.cc), and the
// argument and repr helpers they share.
import { native } from '../../native';
import { Tensor, tensorArg } from '../../tensor';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as v from '../../validate';

export { pyFloat, pyRepr } from '../../_repr';

/** One integer or a list of `n` integers for a spatial argument (Python's `_pair`). */
export function spatial(call: string, name: string, x: unknown, n: number, min: number): number[] {
  if (Array.isArray(x)) {
    if (x.length !== n) throw new RangeError(`${call}: ${name} must be an integer or a list of ${n} integers, got an array of length ${x.length}`);
    return v.ints(call, name, x, min);
  }
  return new Array(n).fill(v.int(call, name, x, min));
}

/**
 * A layer that holds a libtorch module. Its parameters and buffers are registered on this object as
 * the very tensors the native forward reads (same TensorImpl), so in-place updates (optimizer steps,
 * loadStateDict) are seen by forward, and a reassigned `layer.weight` is handed to it on each call.
 */
export abstract class NativeLeaf extends Module {
  declare private readonly _handle: unknown;
  declare private readonly _slotNames: string[];

  /** Creates the libtorch module (kind and arguments as native/modules.cc's nnCreate). */
  protected _create(kind: string, ...args: unknown[]): void {
    const handle = native.nnCreate(kind, ...args);
    const [params, buffers] = native.nnTensors(handle) as [[string, Tensor | null][], [string, Tensor | null][]];
    Object.defineProperty(this, '_handle', { value: handle, enumerable: false });
    Object.defineProperty(this, '_slotNames', { value: [...params, ...buffers].map(([n]) => n), enumerable: false });
    for (const [name, t] of params) this.registerParameter(name, t === null ? null : Parameter.adopt(t));
    for (const [name, t] of buffers) this.registerBuffer(name, t);
  }

  override forward(input: Tensor): Tensor {
    tensorArg(`nn.${this._getName()}.forward`, 'input', input);
    const self = this as unknown as Record<string, Tensor | null>;
    return native.nnForward(this._handle, input, this.training, this._slotNames.map((n) => self[n] ?? null));
  }
}
