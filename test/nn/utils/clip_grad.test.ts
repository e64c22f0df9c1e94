// nn.utils.clip_grad against Python PyTorch 1.13 (test/fixtures/gen_nn_utils.py).
import { describe, it, expect } from 'vitest';
import * as torch from '../../../lib';
import { U, dec, expectClose } from './nn_utils_fixture';

const { nn } = torch;

/** Three parameters with the fixture's gradients and a fourth without a gradient, as the generator makes them. */
function paramsWithGrads(): torch.Tensor[] {
  const grads = U.grads.map(dec);
  const ps = grads.map((g: torch.Tensor) => torch.zerosLike(g).requiresGrad_(true));
  ps.forEach((p: torch.Tensor, i: number) => (p.grad = grads[i]));
  ps.push(torch.zeros(3).requiresGrad_(true));
  return ps;
}

describe('nn.utils.clip_grad matches PyTorch 1.13', () => {
  it('clipGradNorm_ for norm types 2, 1, 3.5, inf, 0.5 and 0, clipped or not, returns the total norm', () => {
    for (const c of U.clip_grad_norm) {
      const ps = paramsWithGrads();
      const what = `max_norm=${c.max_norm} norm_type=${c.norm_type}`;
      const total = nn.utils.clipGradNorm_(ps, c.max_norm, c.norm_type);
      expectClose(total, c.total, `${what} total`);
      for (let i = 0; i < 3; i++) expectClose(ps[i].grad, c.grads[i], `${what} grad ${i}`);
      expect(ps[3].grad).toBeNull();
    }
    // options form, Infinity as a number, a generator of parameters
    const c = U.clip_grad_norm.find((x: { norm_type: unknown }) => x.norm_type === 'inf');
    const ps = paramsWithGrads();
    const total = nn.utils.clipGradNorm_((function* () { yield* ps; })(), { maxNorm: c.max_norm, normType: Infinity, foreach: true });
    expectClose(total, c.total, 'options form total');
    expectClose(ps[0].grad, c.grads[0], 'options form grad');
  });

  it('clipGradNorm_ of one tensor, of no gradients, and of non-finite gradients', () => {
    const p = torch.zeros(3, 4).requiresGrad_(true);
    p.grad = dec(U.grads[0]);
    expectClose(nn.utils.clipGradNorm_(p, 0.7), U.clip_grad_norm_single.total, 'single total');
    expectClose(p.grad, U.clip_grad_norm_single.grad, 'single grad');
    const none = nn.utils.clipGradNorm_([torch.zeros(2).requiresGrad_(true)], 1);
    expect(none.item()).toBe(0);
    expect(none.shape).toEqual([]);

    let ps = paramsWithGrads();
    ps[1].grad!.indexPut_([2], NaN);
    expect(() => nn.utils.clipGradNorm_(ps, 1.0, 2, true)).toThrow(U.clip_nonfinite_error);
    expect(() => nn.utils.clipGradNorm_(ps, 1.0, { errorIfNonfinite: true })).toThrow(U.clip_nonfinite_error);

    ps = paramsWithGrads();
    ps[1].grad!.indexPut_([2], Infinity);
    expectClose(nn.utils.clipGradNorm_(ps, 1.0), U.clip_inf_nonfinite.total, 'inf total');
    for (let i = 0; i < 3; i++) expectClose(ps[i].grad, U.clip_inf_nonfinite.grads[i], `inf grad ${i}`);
  });

  it('clipGradValue_ clamps in place', () => {
    const ps = paramsWithGrads();
    nn.utils.clipGradValue_(ps, 0.4);
    for (let i = 0; i < 3; i++) expectClose(ps[i].grad, U.clip_grad_value[i], `grad ${i}`);
    expect(ps[3].grad).toBeNull();
  });

  it('checks its arguments', () => {
    expect(() => nn.utils.clipGradNorm_(3 as never, 1)).toThrow(/clip_grad_norm_: parameters must be a Tensor or an iterable of Tensors/);
    expect(() => nn.utils.clipGradNorm_([torch.zeros(1), 'x'] as never, 1)).toThrow(/parameters\[1\] must be a Tensor/);
    expect(() => nn.utils.clipGradNorm_([], 'x' as never)).toThrow(/could not convert string to float/);
    expect(() => nn.utils.clipGradNorm_([], 1, { norm_type: 2 } as never)).toThrow(/unknown option 'norm_type' \(did you mean 'normType'\?\)/);
    expect(() => nn.utils.clipGradValue_([], {} as never)).toThrow(/missing required argument 'clip_value'/);
  });
});
