// torch.nn.utils.clip_grad (torch/nn/utils/clip_grad.py, PyTorch 1.13): clip_grad_norm_,
// clip_grad_norm (deprecated), clip_grad_value_, with Python's ops in Python's order.
import { Tensor } from '../../tensor';
import { tensor } from '../../creation';
import { norm } from '../../functional';
import { stack, max, clamp } from '../../functions';
import * as v from '../../validate';
import { tensorOrTensors, pyFloat } from './_args';

export interface ClipGradNormOptions {
  maxNorm?: number;
  normType?: number | string;
  errorIfNonfinite?: boolean;
  /** PyTorch 2.x's option; accepted, the result is the same either way. */
  foreach?: boolean | null;
}

function clipGradNormImpl(call: string, args: unknown[]): Tensor {
  const a = v.bindArgs(call, ['parameters', 'maxNorm', 'normType', 'errorIfNonfinite'], args, ['foreach']);
  if (a.parameters === undefined) throw new TypeError(`${call}: missing required argument 'parameters'`);
  if (a.maxNorm === undefined) throw new TypeError(`${call}: missing required argument 'max_norm'`);
  const parameters = tensorOrTensors(call, 'parameters', a.parameters);
  const maxNorm = pyFloat(call, 'max_norm', a.maxNorm);
  const normType = a.normType === undefined ? 2.0 : pyFloat(call, 'norm_type', a.normType);
  const errorIfNonfinite = a.errorIfNonfinite === undefined ? false : v.bool(call, 'error_if_nonfinite', a.errorIfNonfinite);
  if (a.foreach !== undefined && a.foreach !== null) v.bool(call, 'foreach', a.foreach);
  const grads: Tensor[] = [];
  for (const p of parameters) {
    const g = p.grad;
    if (g !== null) grads.push(g);
  }
  if (grads.length === 0) return tensor(0.0);
  const device = grads[0].device;
  let totalNorm: Tensor;
  if (normType === Infinity) {
    const norms = grads.map((g) => g.detach().abs().max().to(device));
    totalNorm = norms.length === 1 ? norms[0] : max(stack(norms));
  } else {
    totalNorm = norm(stack(grads.map((g) => norm(g.detach(), normType).to(device))), normType);
  }
  if (errorIfNonfinite && totalNorm.isnan().logicalOr(totalNorm.isinf()).item()) {
    throw new Error(
      `The total norm of order ${pyRepr(normType)} for gradients from \`parameters\` is non-finite, so it cannot be clipped. ` +
        'To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`',
    );
  }
  // Python's `max_norm / (total_norm + 1e-6)` is Tensor.__rdiv__: reciprocal() * max_norm.
  const clipCoef = totalNorm.add(1e-6).reciprocal().mul(maxNorm);
  const clipCoefClamped = clamp(clipCoef, { max: 1.0 });
  for (const g of grads) g.detach().mul_(clipCoefClamped.to(g.device));
  return totalNorm;
}

/** Python's repr of a float. */
function pyRepr(x: number): string {
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Number.isNaN(x)) return 'nan';
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/**
 * `clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False)`: scales the
 * gradients of `parameters` (a Tensor or an iterable of them) in place so that their total norm, as if
 * concatenated into one vector, is at most `maxNorm`. `normType` may be `Infinity` or `'inf'`.
 * Returns the total norm before clipping.
 */
export function clipGradNorm_(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number | ClipGradNormOptions,
  normType?: number | string | ClipGradNormOptions,
  errorIfNonfinite?: boolean | ClipGradNormOptions,
  opts?: ClipGradNormOptions,
): Tensor;
export function clipGradNorm_(...args: unknown[]): Tensor {
  return clipGradNormImpl('nn.utils.clip_grad_norm_', args);
}

/** `clip_grad_norm(...)`: deprecated in favor of `clipGradNorm_`, which it calls after a warning. */
export function clipGradNorm(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number | ClipGradNormOptions,
  normType?: number | string | ClipGradNormOptions,
  errorIfNonfinite?: boolean | ClipGradNormOptions,
  opts?: ClipGradNormOptions,
): Tensor;
export function clipGradNorm(...args: unknown[]): Tensor {
  const call = 'nn.utils.clip_grad_norm';
  process.emitWarning('torch.nn.utils.clip_grad_norm is now deprecated in favor of torch.nn.utils.clip_grad_norm_.', 'UserWarning');
  return clipGradNormImpl(call, args);
}

/**
 * `clip_grad_value_(parameters, clip_value)`: clamps every gradient of `parameters` in place to
 * [-clipValue, clipValue].
 */
export function clipGradValue_(parameters: Tensor | Iterable<Tensor>, clipValue: number | { clipValue?: number; foreach?: boolean | null }, opts?: { clipValue?: number; foreach?: boolean | null }): void;
export function clipGradValue_(...args: unknown[]): void {
  const call = 'nn.utils.clip_grad_value_';
  const a = v.bindArgs(call, ['parameters', 'clipValue'], args, ['foreach']);
  if (a.parameters === undefined) throw new TypeError(`${call}: missing required argument 'parameters'`);
  if (a.clipValue === undefined) throw new TypeError(`${call}: missing required argument 'clip_value'`);
  const parameters = tensorOrTensors(call, 'parameters', a.parameters);
  const clipValue = pyFloat(call, 'clip_value', a.clipValue);
  if (a.foreach !== undefined && a.foreach !== null) v.bool(call, 'foreach', a.foreach);
  for (const p of parameters) {
    const g = p.grad;
    if (g !== null) g.data.clamp_(-clipValue, clipValue);
  }
}
