// torch.nn.Identity, Linear, Bilinear (torch/nn/modules/linear.py, PyTorch 1.13): TypeScript over
// F.linear / F.bilinear, initialised by nn.init in PyTorch's order (so the same weights after the
// same torch.manualSeed).
import { Tensor, tensorArg } from '../../tensor';
import { empty } from '../../creation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as F from '../functional';
import * as init from '../init';
import * as v from '../../validate';
import { FACTORY, FactoryKwargs, factoryKwargs, inputArg, pyRepr } from './utils';
import { UninitializedParameter, hasUninitializedParams, inferParameters, lazyLoadHook, warnLazy } from './lazy';
import { noGrad } from '../../autograd';

/** `nn.Identity()`: returns its input (any constructor arguments are ignored, as in PyTorch). */
export class Identity extends Module {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  constructor(..._args: unknown[]) {
    super();
  }

  override forward(input: Tensor): Tensor {
    return tensorArg('nn.Identity.forward', 'input', input);
  }
}

export interface LinearOptions extends FactoryKwargs {
  inFeatures?: number;
  outFeatures?: number;
  bias?: boolean;
}

/** `nn.Linear(in_features, out_features, bias=True, device=None, dtype=None)`: y = x Wᵀ + b. */
export class Linear extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  inFeatures: number;
  outFeatures: number;

  constructor(inFeatures: number | LinearOptions, outFeatures?: number | LinearOptions, bias?: boolean | LinearOptions, opts?: LinearOptions);
  constructor(inFeatures: number, outFeatures: number, bias: boolean, device?: FactoryKwargs['device'] | null, dtype?: FactoryKwargs['dtype'] | null, opts?: LinearOptions);
  constructor(...args: unknown[]) {
    super();
    const call = `nn.${new.target.name === 'NonDynamicallyQuantizableLinear' ? 'Linear' : new.target.name}`;
    // device and dtype may come positionally as in Python (a subclass passing its own
    // `(in_features, out_features, bias, device, dtype)` on, as mnist_forward_forward's Layer does).
    const a = v.bindArgs(call, ['inFeatures', 'outFeatures', 'bias', ...FACTORY], args);
    this.inFeatures = v.int(call, 'in_features', a.inFeatures, 0);
    this.outFeatures = v.int(call, 'out_features', a.outFeatures, 0);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    const fk = factoryKwargs(call, a);
    this.weight = new Parameter(empty([this.outFeatures, this.inFeatures], fk));
    if (bias) this.bias = new Parameter(empty([this.outFeatures], fk));
    else this.registerParameter('bias', null);
    this.resetParameters();
  }

  /** kaiming_uniform_(weight, a=√5), then bias ~ U(-1/√fan_in, 1/√fan_in), as PyTorch. */
  resetParameters(): void {
    init.kaimingUniform_(this.weight, Math.sqrt(5));
    if (this.bias !== null) {
      const fanIn = this.weight.shape[1];
      const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
      init.uniform_(this.bias, -bound, bound);
    }
  }

  override forward(input: Tensor): Tensor {
    return F.linear(inputArg('nn.Linear', input), this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyRepr(this.bias !== null)}`;
  }
}

type LoadArgs = [Map<string, Tensor>, string, string[], string[], string[]];

/**
 * `nn.LazyLinear(out_features, bias=True, device=None, dtype=None)`: a Linear whose in_features is the
 * last dim of its first input; it then becomes a Linear (Python's `cls_to_become`), initialised as one.
 */
export class LazyLinear extends Linear {
  static readonly clsToBecome = Linear;

  constructor(outFeatures: number | Omit<LinearOptions, 'inFeatures'>, bias?: boolean | Omit<LinearOptions, 'inFeatures'>, opts?: Omit<LinearOptions, 'inFeatures'>);
  constructor(...args: unknown[]) {
    const call = 'nn.LazyLinear';
    const a = v.bindArgs(call, ['outFeatures', 'bias'], args, FACTORY);
    const outFeatures = v.int(call, 'out_features', a.outFeatures, 0);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    const fk = factoryKwargs(call, a);
    super(0, 0, false);
    warnLazy();
    this.weight = new UninitializedParameter(fk);
    this.outFeatures = outFeatures;
    if (bias) this.bias = new UninitializedParameter(fk);
  }

  override resetParameters(): void {
    if (!hasUninitializedParams(this) && this.inFeatures !== 0) super.resetParameters();
  }

  hasUninitializedParams(): boolean {
    return hasUninitializedParams(this);
  }

  /** `initialize_parameters(input)`: in_features = input.shape[-1], then the shapes and Linear's init. */
  initializeParameters(input: unknown): void {
    if (!hasUninitializedParams(this)) return;
    const x = tensorArg('nn.LazyLinear.forward', 'input', input);
    if (x.dim() === 0) throw new RangeError('nn.LazyLinear.forward: input must have at least 1 dimension');
    noGrad(() => {
      this.inFeatures = x.shape[x.dim() - 1];
      (this.weight as unknown as UninitializedParameter).materialize([this.outFeatures, this.inFeatures]);
      if (this.bias !== null) (this.bias as unknown as UninitializedParameter).materialize([this.outFeatures]);
      this.resetParameters();
    });
  }

  override forward(input: Tensor): Tensor {
    inferParameters(this, Linear, [input]);
    return super.forward(input);
  }

  protected override _loadFromStateDict(...a: LoadArgs): void {
    if (hasUninitializedParams(this)) lazyLoadHook(this, a[0], a[1]);
    super._loadFromStateDict(...a);
  }
}

/**
 * `torch.nn.modules.linear.NonDynamicallyQuantizableLinear`: a Linear under another name, which
 * MultiheadAttention uses for its out_proj (it prints as NonDynamicallyQuantizableLinear).
 */
export class NonDynamicallyQuantizableLinear extends Linear {}

export interface BilinearOptions extends FactoryKwargs {
  in1Features?: number;
  in2Features?: number;
  outFeatures?: number;
  bias?: boolean;
}

/** `nn.Bilinear(in1_features, in2_features, out_features, bias=True, device=None, dtype=None)`: y = x1ᵀ A x2 + b. */
export class Bilinear extends Module {
  declare weight: Parameter;
  declare bias: Parameter | null;
  readonly in1Features: number;
  readonly in2Features: number;
  readonly outFeatures: number;

  constructor(in1Features: number | BilinearOptions, in2Features?: number | BilinearOptions, outFeatures?: number | BilinearOptions, bias?: boolean | BilinearOptions, opts?: BilinearOptions);
  constructor(...args: unknown[]) {
    super();
    const call = 'nn.Bilinear';
    const a = v.bindArgs(call, ['in1Features', 'in2Features', 'outFeatures', 'bias'], args, FACTORY);
    this.in1Features = v.int(call, 'in1_features', a.in1Features, 1);
    this.in2Features = v.int(call, 'in2_features', a.in2Features, 1);
    this.outFeatures = v.int(call, 'out_features', a.outFeatures, 1);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    const fk = factoryKwargs(call, a);
    this.weight = new Parameter(empty([this.outFeatures, this.in1Features, this.in2Features], fk));
    if (bias) this.bias = new Parameter(empty([this.outFeatures], fk));
    else this.registerParameter('bias', null);
    this.resetParameters();
  }

  /** weight and bias ~ U(-1/√in1_features, 1/√in1_features). */
  resetParameters(): void {
    const bound = 1 / Math.sqrt(this.weight.shape[1]);
    init.uniform_(this.weight, -bound, bound);
    if (this.bias !== null) init.uniform_(this.bias, -bound, bound);
  }

  override forward(input1: Tensor, input2: Tensor): Tensor {
    return F.bilinear(inputArg('nn.Bilinear', input1, 'input1'), inputArg('nn.Bilinear', input2, 'input2'), this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in1_features=${this.in1Features}, in2_features=${this.in2Features}, out_features=${this.outFeatures}, bias=${pyRepr(this.bias !== null)}`;
  }
}
