// torch.nn.utils.fusion (torch/nn/utils/fusion.py, PyTorch 1.13): folds an eval-mode BatchNorm into the
// convolution or linear layer before it.
import { Tensor } from '../../tensor';
import { zerosLike, onesLike } from '../../creation';
import { Module } from '../module';
import { Parameter } from '../parameter';
import * as v from '../../validate';
import { argError } from '../../errors';
import { moduleArg, attr, setAttr } from './_hooks';
import { deepcopyModule } from '../_deepcopy';

const optT = (call: string, name: string, x: unknown): Tensor | null => {
  if (x === null || x === undefined) return null;
  if (!(x instanceof Tensor)) throw argError(call, name, 'a Tensor or null', x);
  return x;
};
const reqT = (call: string, name: string, x: unknown): Tensor => {
  if (!(x instanceof Tensor)) throw argError(call, name, 'a Tensor', x);
  return x;
};

/**
 * `fuse_conv_bn_weights(conv_w, conv_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b, transpose=False)`: the
 * weight and bias (new Parameters) of a convolution followed by an eval-mode batch norm.
 */
export function fuseConvBnWeights(
  convW: Tensor, convB: Tensor | null, bnRm: Tensor, bnRv: Tensor, bnEps: number, bnW: Tensor | null, bnB: Tensor | null, transpose?: boolean | { transpose?: boolean },
): [Parameter, Parameter];
export function fuseConvBnWeights(...args: unknown[]): [Parameter, Parameter] {
  const call = 'nn.utils.fuse_conv_bn_weights';
  const a = v.bindArgs(call, ['convW', 'convB', 'bnRm', 'bnRv', 'bnEps', 'bnW', 'bnB', 'transpose'], args);
  let convW = reqT(call, 'conv_w', a.convW);
  let convB = optT(call, 'conv_b', a.convB);
  const bnRm = reqT(call, 'bn_rm', a.bnRm);
  const bnRv = reqT(call, 'bn_rv', a.bnRv);
  const bnEps = v.number(call, 'bn_eps', a.bnEps);
  let bnW = optT(call, 'bn_w', a.bnW);
  let bnB = optT(call, 'bn_b', a.bnB);
  const transpose = a.transpose === undefined ? false : v.bool(call, 'transpose', a.transpose);
  if (convB === null) convB = zerosLike(bnRm);
  if (bnW === null) bnW = onesLike(bnRm);
  if (bnB === null) bnB = zerosLike(bnRm);
  const bnVarRsqrt = bnRv.add(bnEps).rsqrt();
  const ones = new Array<number>(Math.max(0, convW.dim() - 2)).fill(1);
  const shape = transpose ? [1, -1, ...ones] : [-1, 1, ...ones];
  convW = convW.mul(bnW.mul(bnVarRsqrt).reshape(shape));
  convB = convB.sub(bnRm).mul(bnVarRsqrt).mul(bnW).add(bnB);
  return [new Parameter(convW), new Parameter(convB)];
}

/**
 * `fuse_linear_bn_weights(linear_w, linear_b, bn_rm, bn_rv, bn_eps, bn_w, bn_b)`: the weight and bias
 * (new Parameters) of a linear layer followed by an eval-mode batch norm.
 */
export function fuseLinearBnWeights(linearW: Tensor, linearB: Tensor | null, bnRm: Tensor, bnRv: Tensor, bnEps: number, bnW: Tensor, bnB: Tensor): [Parameter, Parameter];
export function fuseLinearBnWeights(...args: unknown[]): [Parameter, Parameter] {
  const call = 'nn.utils.fuse_linear_bn_weights';
  const a = v.bindArgs(call, ['linearW', 'linearB', 'bnRm', 'bnRv', 'bnEps', 'bnW', 'bnB'], args);
  const linearW = reqT(call, 'linear_w', a.linearW);
  let linearB = optT(call, 'linear_b', a.linearB);
  const bnRm = reqT(call, 'bn_rm', a.bnRm);
  const bnRv = reqT(call, 'bn_rv', a.bnRv);
  const bnEps = v.number(call, 'bn_eps', a.bnEps);
  const bnW = reqT(call, 'bn_w', a.bnW);
  const bnB = reqT(call, 'bn_b', a.bnB);
  if (linearB === null) linearB = zerosLike(bnRm);
  const bnScale = bnW.mul(bnRv.add(bnEps).rsqrt());
  const fusedW = linearW.mul(bnScale.unsqueeze(-1));
  const fusedB = linearB.sub(bnRm).mul(bnScale).add(bnB);
  return [new Parameter(fusedW), new Parameter(fusedB)];
}

function evalPair(call: string, firstName: string, first: unknown, bn: unknown): [Module, Module] {
  const m = moduleArg(call, first, firstName);
  const b = moduleArg(call, bn, 'bn');
  if (m.training || b.training) throw new Error('Fusion only for eval!');
  return [m, b];
}

/**
 * `fuse_conv_bn_eval(conv, bn, transpose=False)`: a deep copy of the eval-mode convolution `conv` whose
 * weight and bias fold in the eval-mode batch norm `bn` that follows it.
 */
export function fuseConvBnEval<T extends Module>(conv: T, bn: Module, transpose?: boolean | { transpose?: boolean }): T;
export function fuseConvBnEval(...args: unknown[]): Module {
  const call = 'nn.utils.fuse_conv_bn_eval';
  const a = v.bindArgs(call, ['conv', 'bn', 'transpose'], args);
  const [conv, bn] = evalPair(call, 'conv', a.conv, a.bn);
  const transpose = a.transpose === undefined ? false : v.bool(call, 'transpose', a.transpose);
  const fused = deepcopyModule(conv);
  const [w, b] = fuseConvBnWeights(
    reqT(call, 'conv.weight', attr(fused, 'weight')), optT(call, 'conv.bias', attr(fused, 'bias')),
    reqT(call, 'bn.running_mean', attr(bn, 'running_mean')), reqT(call, 'bn.running_var', attr(bn, 'running_var')),
    v.number(call, 'bn.eps', attr(bn, 'eps')), optT(call, 'bn.weight', attr(bn, 'weight')), optT(call, 'bn.bias', attr(bn, 'bias')), transpose,
  );
  setAttr(fused, 'weight', w);
  setAttr(fused, 'bias', b);
  return fused;
}

/**
 * `fuse_linear_bn_eval(linear, bn)`: a deep copy of the eval-mode `linear` whose weight and bias fold
 * in the eval-mode batch norm `bn` that follows it.
 */
export function fuseLinearBnEval<T extends Module>(linear: T, bn: Module): T;
export function fuseLinearBnEval(...args: unknown[]): Module {
  const call = 'nn.utils.fuse_linear_bn_eval';
  const a = v.bindArgs(call, ['linear', 'bn'], args);
  const [linear, bn] = evalPair(call, 'linear', a.linear, a.bn);
  const fused = deepcopyModule(linear);
  const [w, b] = fuseLinearBnWeights(
    reqT(call, 'linear.weight', attr(fused, 'weight')), optT(call, 'linear.bias', attr(fused, 'bias')),
    reqT(call, 'bn.running_mean', attr(bn, 'running_mean')), reqT(call, 'bn.running_var', attr(bn, 'running_var')),
    v.number(call, 'bn.eps', attr(bn, 'eps')), reqT(call, 'bn.weight', attr(bn, 'weight')), reqT(call, 'bn.bias', attr(bn, 'bias')),
  );
  setAttr(fused, 'weight', w);
  setAttr(fused, 'bias', b);
  return fused;
}
