// SparseAdam, and SGD and Adagrad on sparse gradients: an embedding table looked up with
// F.embedding(sparse=True) (a sparse COO gradient), against test/fixtures/gen_optim.py's "sparse" runs.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { isSparse } from '../../lib/optim/optimizer';
import { expectClose, expectStateLikePython, camel, fixture, SparseCase } from './problem';

const { optim } = torch;
const F = torch.nn.functional;
const S = fixture.sparse;

type AnyOptimizer = torch.optim.Optimizer<{ lr?: number }>;

function run(c: SparseCase, opt?: (E: torch.Tensor) => AnyOptimizer): { E: torch.Tensor; opt: AnyOptimizer } {
  const E = torch.tensor(S.E0).requiresGrad_(true);
  const C = torch.tensor(S.C);
  const Y = torch.tensor(S.Y);
  const Ctor = optim[c.optimizer as 'SparseAdam'] as unknown as new (params: unknown, options: unknown) => AnyOptimizer;
  const o = opt ? opt(E) : new Ctor([E], camel(c.options));
  for (let step = 0; step < S.steps; step++) {
    o.zeroGrad();
    const idx = torch.tensor(S.idx[step % S.idx.length], { dtype: torch.int64 });
    F.embedding(idx, E, { sparse: true }).mul(C).sum(-1).sub(Y).pow(2).mean().backward();
    expect(isSparse(E.grad!), 'the gradient is sparse').toBe(true);
    o.step();
    expectClose(E.tolist(), c.trace[step], `${c.name} step ${step + 1}`);
  }
  return { E, opt: o };
}

describe('optim.SparseAdam and sparse gradients: parity with PyTorch, step by step', () => {
  for (const c of S.cases) {
    it(`${c.name} (${c.optimizer})`, () => {
      const { opt } = run(c);
      expectStateLikePython(c, opt);
    });
  }

  it('takes Python positional arguments: SparseAdam(params, lr, betas, eps, *, maximize)', () => {
    const c = S.cases.find((x) => x.name === 'sparse_adam_all')!;
    run(c, (E) => new optim.SparseAdam([E], 0.02, [0.8, 0.9], 1e-4) as AnyOptimizer);
    const m = S.cases.find((x) => x.name === 'sparse_adam_maximize')!;
    run(m, (E) => new optim.SparseAdam({ params: [E], lr: 0.02, maximize: true }) as AnyOptimizer);
  });

  it("rejects what Python's SparseAdam rejects", () => {
    const W = torch.zeros(3, 2).requiresGrad_(true);
    expect(() => new optim.SparseAdam([W], { lr: 0 })).toThrow('optim.SparseAdam: lr must be a positive number, got 0');
    expect(() => new optim.SparseAdam([W], { eps: 0 })).toThrow('optim.SparseAdam: eps must be a positive number, got 0');
    const sparseParam = torch.zeros(3, 2).toSparse();
    expect(() => new optim.SparseAdam([W, sparseParam])).toThrow('optim.SparseAdam: Sparse params at indices [1]: SparseAdam requires dense parameter tensors');
    expect(() => new optim.SparseAdam([{ params: [W] }, { params: [sparseParam] }])).toThrow('Sparse params at indices [[1, 0]]');
    W.sum().backward();
    expect(() => new optim.SparseAdam([W]).step()).toThrow('SparseAdam does not support dense gradients, please consider Adam instead');
    const E = torch.zeros(4, 2).requiresGrad_(true);
    F.embedding(torch.tensor([1, 2], { dtype: torch.int64 }), E, { sparse: true }).sum().backward();
    expect(() => new optim.Adam([E]).step()).toThrow('Adam does not support sparse gradients, please consider SparseAdam instead');
    expect(() => new optim.Adagrad([E], { weightDecay: 0.1 }).step()).toThrow('weight_decay option is not compatible with sparse gradients');
  });
});
