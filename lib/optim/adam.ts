// torch.optim.Adam and AdamW (torch/optim/adam.py, adamw.py, PyTorch 1.13). A dense, contiguous CPU
// float32/float64 parameter is stepped by one fused native pass (native/fused_optim.cc: the same
// update in the same order, rounded alike); any other (complex, strided, CUDA, `differentiable`,
// `capturable`) by _single_tensor_adam(w)'s ops, ported below.
import { native } from '../native';
import { Tensor } from '../tensor';
import { tensor, zeros } from '../creation';
import { float32 } from '../dtype';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import {
  Optimizer, OptimizerSpec, ParamGroup, ParamState, Params, nonNegative, betas, flag, isSparse,
  FOREACH, MAXIMIZE, CAPTURABLE, DIFFERENTIABLE, FUSED,
  noState,
} from './optimizer';
import { pow } from '../_pymath';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  foreach?: boolean | null;
  maximize?: boolean;
  capturable?: boolean;
  differentiable?: boolean;
  fused?: boolean;
}
export interface AdamWOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
  foreach?: boolean | null;
  capturable?: boolean;
}

const ADAM_POSITIONAL = ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad'];
const adamOptions = (weightDecay: number) => [
  { name: 'lr', default: 1e-3, check: nonNegative, float: true },
  { name: 'betas', default: [0.9, 0.999], check: betas, float: true },
  { name: 'eps', default: 1e-8, check: nonNegative, float: true },
  { name: 'weightDecay', default: weightDecay, check: nonNegative, float: weightDecay !== 0 },
  { name: 'amsgrad', default: false, check: flag },
];

const adamSpec: OptimizerSpec = {
  call: 'optim.Adam',
  name: 'Adam',
  options: [...adamOptions(0), MAXIMIZE, FOREACH, CAPTURABLE, DIFFERENTIABLE, FUSED],
  positional: ADAM_POSITIONAL,
  tensorState: ['step'],
  differentiable: true,
};
const adamwSpec: OptimizerSpec = {
  call: 'optim.AdamW',
  name: 'AdamW',
  options: [...adamOptions(1e-2), FOREACH, MAXIMIZE, CAPTURABLE],
  positional: ADAM_POSITIONAL,
  tensorState: ['step'],
};

interface AdamGroup {
  params: Tensor[];
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  capturable: boolean;
  differentiable?: boolean;
}

/**
 * Python's step() for one group of Adam (decoupled false) or AdamW (true): state made on a
 * parameter's first gradient, then the update, fused where it can be.
 */
function adamGroup(opt: Optimizer<{ lr?: number }>, name: string, group: AdamGroup, decoupled: boolean): void {
  const { lr, eps, weightDecay, amsgrad, maximize, capturable } = group;
  const [beta1, beta2] = group.betas;
  const differentiable = group.differentiable === true;
  const params: Tensor[] = [];
  const grads: Tensor[] = [];
  const states: ParamState[] = [];
  for (const p of group.params) {
    const g = p.grad;
    if (g === null) continue;
    let state = opt.state.get(p);
    if (noState(state)) {
      if (isSparse(g)) throw sparseError(name, decoupled);
      state = {
        step: capturable || (opt.defaults as Record<string, unknown>).fused === true ? zeros([1], { dtype: float32, device: p.device }) : tensor(0, { dtype: float32 }),
        exp_avg: aten('zeros_like')(p),
        exp_avg_sq: aten('zeros_like')(p),
      };
      if (amsgrad) state.max_exp_avg_sq = aten('zeros_like')(p);
      opt.state.set(p, state);
    }
    if (amsgrad && !(state.max_exp_avg_sq instanceof Tensor)) throw new TorchError(`optim.${name}.step: the state of a parameter has no 'max_exp_avg_sq' (amsgrad was turned on after its first step): KeyError in Python`);
    params.push(p);
    grads.push(g);
    states.push(state);
  }
  if (params.length === 0) return;
  let left: number[] | undefined = params.map((_p, i) => i);
  if (!differentiable && !capturable) {
    left = native.fusedAdam(
      params, grads, states.map((s) => s.exp_avg), states.map((s) => s.exp_avg_sq), amsgrad ? states.map((s) => s.max_exp_avg_sq) : null,
      states.map((s) => s.step), lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, decoupled,
    ) as number[] | undefined;
  }
  if (left === undefined) return;
  for (const i of left) if (isSparse(grads[i])) throw sparseError(name, decoupled);
  for (const i of left) {
    const s = states[i];
    const o = { lr, beta1, beta2, eps, weightDecay, amsgrad, maximize, capturable, differentiable };
    if (decoupled) singleTensorAdamW(params[i], grads[i], s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq, s.step, o);
    else singleTensorAdam(params[i], grads[i], s.exp_avg, s.exp_avg_sq, s.max_exp_avg_sq, s.step, o);
  }
}

function sparseError(name: string, decoupled: boolean): Error {
  return new TorchError(decoupled ? `${name} does not support sparse gradients` : `${name} does not support sparse gradients, please consider SparseAdam instead`);
}

interface AdamArgs {
  lr: number; beta1: number; beta2: number; eps: number; weightDecay: number;
  amsgrad: boolean; maximize: boolean; capturable: boolean; differentiable: boolean;
}

function checkCapturable(param: Tensor, step: Tensor): void {
  if (!(param.isCuda && step.isCuda)) throw new TorchError('If capturable=True, params and state_steps must be CUDA tensors.');
}

const viewAsReal = (t: Tensor): Tensor => aten('view_as_real')(t);

/** The update with tensor bias corrections (Python's capturable/differentiable branch). */
function tensorBiasCorrected(param: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | undefined, step: Tensor, o: AdamArgs): void {
  const biasCorrection1 = aten('pow.Scalar')(o.beta1, step).neg().add(1) as Tensor;
  const biasCorrection2 = aten('pow.Scalar')(o.beta2, step).neg().add(1) as Tensor;
  const stepSizeNeg = biasCorrection1.reciprocal().mul(o.lr).neg();
  const biasCorrection2Sqrt = biasCorrection2.sqrt();
  let source = expAvgSq;
  if (o.amsgrad) {
    const current = o.differentiable ? maxExpAvgSq!.clone() : maxExpAvgSq!;
    maxExpAvgSq!.copy_(aten('maximum')(current, expAvgSq));
    source = maxExpAvgSq!;
  }
  const denom = source.sqrt().div(biasCorrection2Sqrt.mul(stepSizeNeg)).add_(stepSizeNeg.reciprocal().mul(o.eps));
  param.addcdiv_(expAvg, denom);
}

/** The update with Python-float bias corrections from the step count. */
function floatBiasCorrected(param: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | undefined, step: number, o: AdamArgs): void {
  const biasCorrection1 = 1 - pow(o.beta1, step);
  const biasCorrection2 = 1 - pow(o.beta2, step);
  const stepSize = o.lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
  let source = expAvgSq;
  if (o.amsgrad) {
    maxExpAvgSq!.copy_(aten('maximum')(maxExpAvgSq, expAvgSq));
    source = maxExpAvgSq!;
  }
  const denom = source.sqrt().div(biasCorrection2Sqrt).add_(o.eps);
  param.addcdiv_(expAvg, denom, { value: -stepSize });
}

/** torch/optim/adam.py's _single_tensor_adam for one parameter. */
export function singleTensorAdam(param: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | undefined, stepT: Tensor, o: AdamArgs): void {
  if (o.maximize) grad = grad.neg();
  if (o.capturable) checkCapturable(param, stepT);
  stepT.add_(1);
  if (o.weightDecay !== 0) grad = grad.add(param, { alpha: o.weightDecay });
  if (param.dtype.isComplex) {
    grad = viewAsReal(grad);
    expAvg = viewAsReal(expAvg);
    expAvgSq = viewAsReal(expAvgSq);
    param = viewAsReal(param);
  }
  expAvg.mul_(o.beta1).add_(grad, { alpha: 1 - o.beta1 });
  expAvgSq.mul_(o.beta2).addcmul_(grad, grad.conj(), { value: 1 - o.beta2 });
  if (o.capturable || o.differentiable) tensorBiasCorrected(param, expAvg, expAvgSq, maxExpAvgSq, stepT, o);
  else floatBiasCorrected(param, expAvg, expAvgSq, maxExpAvgSq, stepT.item() as number, o);
}

/** torch/optim/adamw.py's _single_tensor_adamw for one parameter. */
export function singleTensorAdamW(param: Tensor, grad: Tensor, expAvg: Tensor, expAvgSq: Tensor, maxExpAvgSq: Tensor | undefined, stepT: Tensor, o: AdamArgs): void {
  if (o.maximize) grad = grad.neg();
  if (o.capturable) checkCapturable(param, stepT);
  if (param.dtype.isComplex) {
    grad = viewAsReal(grad);
    expAvg = viewAsReal(expAvg);
    expAvgSq = viewAsReal(expAvgSq);
    param = viewAsReal(param);
  }
  stepT.add_(1);
  param.mul_(1 - o.lr * o.weightDecay);
  expAvg.mul_(o.beta1).add_(grad, { alpha: 1 - o.beta1 });
  expAvgSq.mul_(o.beta2).addcmul_(grad, grad, { value: 1 - o.beta2 });
  if (o.capturable) tensorBiasCorrected(param, expAvg, expAvgSq, maxExpAvgSq, stepT, { ...o, differentiable: false });
  else floatBiasCorrected(param, expAvg, expAvgSq, maxExpAvgSq, stepT.item() as number, o);
}

/**
 * torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False, *,
 * foreach=None, maximize=False, capturable=False, differentiable=False, fused=False): L2 weight decay
 * added to the gradient.
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(params: Params<AdamOptions>, options?: AdamOptions);
  /** Every argument by keyword: `new Adam({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<AdamOptions> } & AdamOptions);
  constructor(params: Params<AdamOptions>, lr: number, options?: Omit<AdamOptions, 'lr'>);
  constructor(params: Params<AdamOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean, options?: AdamOptions);
  constructor(params: Params<AdamOptions> | ({ params: Params<AdamOptions> } & AdamOptions), ...args: unknown[]) {
    super(adamSpec, params, args);
    if (this.defaults.fused) {
      if (this.defaults.differentiable) throw new TorchError('optim.Adam: `fused` cannot be `differentiable`');
      if (!this.paramGroups.every((g) => g.params.every((p) => p.isCuda && p.isFloatingPoint()))) {
        throw new TorchError('optim.Adam: FusedAdam requires all the params to be CUDA, floating point');
      }
    }
  }

  protected _updateGroup(group: ParamGroup<AdamOptions>): void {
    adamGroup(this, 'Adam', group, false);
  }
}

/**
 * torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False, *,
 * maximize=False, foreach=None, capturable=False): decoupled weight decay.
 */
export class AdamW extends Optimizer<AdamWOptions> {
  constructor(params: Params<AdamWOptions>, options?: AdamWOptions);
  /** Every argument by keyword: `new AdamW({ params: model.parameters(), lr: 0.1 })`. */
  constructor(options: { params: Params<AdamWOptions> } & AdamWOptions);
  constructor(params: Params<AdamWOptions>, lr: number, options?: Omit<AdamWOptions, 'lr'>);
  constructor(params: Params<AdamWOptions>, lr: number, betas?: [number, number], eps?: number, weightDecay?: number, amsgrad?: boolean, options?: AdamWOptions);
  constructor(params: Params<AdamWOptions> | ({ params: Params<AdamWOptions> } & AdamWOptions), ...args: unknown[]) {
    super(adamwSpec, params, args);
  }

  protected _updateGroup(group: ParamGroup<AdamWOptions>): void {
    adamGroup(this, 'AdamW', group, true);
  }
}
