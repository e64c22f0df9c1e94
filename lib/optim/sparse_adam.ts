// torch.optim.SparseAdam (torch/optim/sparse_adam.py and _functional.py's sparse_adam, PyTorch 1.13):
// Adam for sparse gradients (nn.Embedding(sparse=True)'s, or any sparse COO gradient), updating
// only the moments and parameters at the gradient's indices.
import { Tensor } from '../tensor';
import { aten } from '../_aten';
import { TorchError } from '../errors';
import * as v from '../validate';
import { Optimizer, OptimizerSpec, ParamGroup, Params, positive, betas, isSparse, MAXIMIZE, noState } from './optimizer';

export interface SparseAdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  maximize?: boolean;
}

const spec: OptimizerSpec = {
  call: 'optim.SparseAdam',
  name: 'SparseAdam',
  options: [
    { name: 'lr', default: 1e-3, check: positive, float: true },
    { name: 'betas', default: [0.9, 0.999], check: betas, float: true },
    { name: 'eps', default: 1e-8, check: positive, float: true },
    MAXIMIZE,
  ],
  positional: ['lr', 'betas', 'eps'],
};

/** The params as a list, with Python's check that none is itself a sparse tensor. */
function denseParams(params: unknown): unknown {
  if (params === null || typeof params !== 'object' || params instanceof Tensor || !(Symbol.iterator in params)) return params;
  const list = [...(params as Iterable<unknown>)];
  const sparse: (number | [number, number])[] = [];
  list.forEach((p, i) => {
    if (v.isPlainObject(p)) {
      const ps = p.params;
      if (ps !== null && typeof ps === 'object' && !(ps instanceof Tensor) && Symbol.iterator in ps) {
        const items = [...(ps as Iterable<unknown>)];
        items.forEach((q, j) => { if (q instanceof Tensor && isSparse(q)) sparse.push([i, j]); });
        p = { ...p, params: items };
        list[i] = p;
      }
    } else if (p instanceof Tensor && isSparse(p)) sparse.push(i);
  });
  if (sparse.length > 0) {
    const shown = sparse.map((s) => (Array.isArray(s) ? `[${s.join(', ')}]` : String(s))).join(', ');
    throw new RangeError(`optim.SparseAdam: Sparse params at indices [${shown}]: SparseAdam requires dense parameter tensors`);
  }
  return list;
}

/**
 * torch.optim.SparseAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, *, maximize=False). Each
 * gradient must be sparse; `step` is an int, as in Python 1.13.
 */
export class SparseAdam extends Optimizer<SparseAdamOptions> {
  constructor(params: Params<SparseAdamOptions>, options?: SparseAdamOptions);
  /** Every argument by keyword: `new SparseAdam({ params: embedding.parameters(), lr: 0.01 })`. */
  constructor(options: { params: Params<SparseAdamOptions> } & SparseAdamOptions);
  constructor(params: Params<SparseAdamOptions>, lr: number, options?: Omit<SparseAdamOptions, 'lr'>);
  constructor(params: Params<SparseAdamOptions>, lr: number, betas?: [number, number], eps?: number, options?: SparseAdamOptions);
  constructor(params: Params<SparseAdamOptions> | ({ params: Params<SparseAdamOptions> } & SparseAdamOptions), ...args: unknown[]) {
    const keywordForm = v.isPlainObject(params) && args.length === 0;
    super(
      spec,
      (keywordForm ? { ...(params as object), params: denseParams((params as { params: unknown }).params) } : denseParams(params)) as Params<SparseAdamOptions>,
      args,
    );
  }

  protected _updateGroup(group: ParamGroup<SparseAdamOptions>): void {
    const { lr, eps } = group;
    const [beta1, beta2] = group.betas;
    const maximize = group.maximize ?? false;
    const items: [Tensor, Tensor, Tensor, Tensor, number][] = [];
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      if (!isSparse(grad)) throw new TorchError('SparseAdam does not support dense gradients, please consider Adam instead');
      let state = this.state.get(p);
      if (noState(state)) {
        state = { step: 0, exp_avg: aten('zeros_like')(p), exp_avg_sq: aten('zeros_like')(p) };
        this.state.set(p, state);
      }
      state.step += 1;
      items.push([p, grad, state.exp_avg, state.exp_avg_sq, state.step]);
    }
    // torch/optim/_functional.py's sparse_adam
    for (const [param, g, expAvg, expAvgSq, step] of items) {
      const grad = (maximize ? g.neg() : g).coalesce();
      const gradIndices = grad._indices();
      const gradValues = grad._values();
      const size = grad.shape;
      const makeSparse = (values: Tensor): Tensor => {
        if (gradIndices.dim() === 0 || values.dim() === 0) return aten('zeros')(size, grad.dtype.code);
        return aten('sparse_coo_tensor.indices_size')(gradIndices, values, size);
      };
      const oldExpAvgValues = expAvg.sparseMask(grad)._values();
      const expAvgUpdateValues = gradValues.sub(oldExpAvgValues).mul_(1 - beta1);
      expAvg.add_(makeSparse(expAvgUpdateValues));
      const oldExpAvgSqValues = expAvgSq.sparseMask(grad)._values();
      const expAvgSqUpdateValues = gradValues.pow(2).sub_(oldExpAvgSqValues).mul_(1 - beta2);
      expAvgSq.add_(makeSparse(expAvgSqUpdateValues));
      const numer = expAvgUpdateValues.add_(oldExpAvgValues);
      expAvgSqUpdateValues.add_(oldExpAvgSqValues);
      const denom = expAvgSqUpdateValues.sqrt_().add_(eps);
      const biasCorrection1 = 1 - beta1 ** step;
      const biasCorrection2 = 1 - beta2 ** step;
      const stepSize = (lr * Math.sqrt(biasCorrection2)) / biasCorrection1;
      param.add_(makeSparse(numer.div_(denom).mul(-stepSize)));
    }
  }
}
