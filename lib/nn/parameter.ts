// torch.nn.Parameter: a Tensor that a Module registers as a parameter when assigned to it.
// The addon makes every tensor object; a Parameter is such an object whose prototype is
// Parameter.prototype, so it is a Tensor everywhere (ops, optimizers, the native forward).
import { native } from '../native';
import { Tensor, tensorArg } from '../tensor';
import { empty } from '../creation';
import * as v from '../validate';

export class Parameter extends Tensor {
  /**
   * `nn.Parameter(data, requires_grad=True)`. As in Python, the parameter shares `data`'s storage
   * but is a tensor of its own (a detached alias), so `data.requires_grad` is left as it was.
   */
  constructor(data?: Tensor | null, requiresGrad: boolean = true) {
    super();
    const call = 'nn.Parameter';
    const src = data === undefined || data === null ? empty(0) : tensorArg(call, 'data', data);
    v.bool(call, 'requires_grad', requiresGrad);
    const p: Tensor = native.detach(src);
    native.setRequiresGrad(p, requiresGrad);
    Object.setPrototypeOf(p, new.target.prototype);
    return p as Parameter;
  }

  /** Turns a tensor object that the addon made (a native layer's weight) into a Parameter, in place. */
  static adopt(t: Tensor): Parameter {
    Object.setPrototypeOf(t, Parameter.prototype);
    return t as Parameter;
  }

  override toString(): string {
    return 'Parameter containing:\n' + super.toString();
  }
}

export function isParameter(x: unknown): x is Parameter {
  return x instanceof Parameter;
}

// console.log(param) prints the Parameter's repr, not the bare tensor's (a symbol-named method
// cannot be declared `override` in the class body).
Object.defineProperty(Parameter.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value(this: Parameter) {
    return this.toString();
  },
});
