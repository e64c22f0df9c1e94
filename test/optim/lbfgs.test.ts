// LBFGS with a closure, with and without the strong-Wolfe line search, against
// test/fixtures/gen_optim.py's "lbfgs" runs: the parameters, the returned loss and the number of
// closure calls after every step(closure), and the state Python keeps (with its tensors and floats).
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { camel, expectClose, expectStateValue, fixture, problem, LBFGSCase } from './problem';

const { optim } = torch;
const L = fixture.lbfgs;

function run(c: LBFGSCase, make?: (p: torch.Tensor[]) => torch.optim.LBFGS) {
  const p = problem();
  const opt = make ? make([p.W, p.b]) : new optim.LBFGS([p.W, p.b], camel(c.options));
  let evals = 0;
  const closure = () => {
    evals++;
    opt.zeroGrad();
    const loss = p.x.matmul(p.W.t()).add(p.b).tanh().sub(p.y).pow(2).mean();
    loss.backward();
    return loss;
  };
  c.trace.forEach((expected, step) => {
    const loss = opt.step(closure);
    const what = `${c.name} step ${step + 1}`;
    expectClose(p.W.tolist(), expected.W, `${what} W`);
    expectClose(p.b.tolist(), expected.b, `${what} b`);
    expectClose((loss as torch.Tensor).item(), [expected.loss], `${what} loss`);
    expect(evals, `${what} closure calls`).toBe(expected.evals);
  });
  return { p, opt };
}

describe('optim.LBFGS: parity with torch.optim.LBFGS, step(closure) by step', () => {
  for (const c of L.cases) {
    it(c.name, () => {
      const { p, opt } = run(c);
      const s = opt.stateDict().state.get(0)!;
      const e = c.state;
      expect(Object.keys(s), `${c.name} state keys`).toEqual(e.keys);
      expect([s.func_evals, s.n_iter], `${c.name} func_evals, n_iter`).toEqual([e.func_evals, e.n_iter]);
      expect(s.t instanceof torch.Tensor ? 'tensor' : 'float', `${c.name} t is Python's kind`).toBe(e.t_kind === 'int' ? 'float' : e.t_kind);
      expectStateValue(s.t, e.t, `${c.name} t`);
      expect(s.H_diag instanceof torch.Tensor ? 'tensor' : 'int', `${c.name} H_diag is Python's kind`).toBe(e.H_diag_kind);
      expectStateValue(s.H_diag, e.H_diag, `${c.name} H_diag`);
      expectClose(s.prev_loss, [e.prev_loss], `${c.name} prev_loss`);
      expectClose((s.d as torch.Tensor).tolist(), e.d, `${c.name} d`);
      expect(s.old_dirs.length, `${c.name} history`).toBe(e.old_dirs);
      expectStateValue(s.ro, e.ro.length ? e.ro : [], `${c.name} ro`);
      if (e.al.length) expectStateValue(s.al, e.al, `${c.name} al`);
      expect(opt.stateDict().param_groups, `${c.name} param_groups`).toEqual(c.param_groups);
      expect(String(opt), `${c.name} repr`).toBe(c.repr);
      expect(p.W.grad).not.toBeNull();
    });
  }

  it('takes Python positional arguments: LBFGS(params, lr, max_iter, max_eval, tolerance_grad, tolerance_change, history_size, line_search_fn)', () => {
    run(L.cases.find((c) => c.name === 'lbfgs_strong_wolfe_history')!, (ps) => new optim.LBFGS(ps, 0.8, 7, null, 1e-7, 1e-9, 3, 'strong_wolfe'));
  });

  it('resumes from its state dict (lists of tensors, tensor and float scalars) to the unbroken run', () => {
    const c = L.cases.find((x) => x.name === 'lbfgs_strong_wolfe')!;
    const p = problem();
    const first = new optim.LBFGS([p.W, p.b], camel(c.options));
    const closure = () => { first.zeroGrad(); const l = p.x.matmul(p.W.t()).add(p.b).tanh().sub(p.y).pow(2).mean(); l.backward(); return l; };
    for (let i = 0; i < 3; i++) first.step(closure);
    const second = new optim.LBFGS([p.W, p.b], camel(c.options));
    second.loadStateDict(first.stateDict());
    const closure2 = () => { second.zeroGrad(); const l = p.x.matmul(p.W.t()).add(p.b).tanh().sub(p.y).pow(2).mean(); l.backward(); return l; };
    for (let i = 3; i < L.steps; i++) {
      second.step(closure2);
      expectClose(p.W.tolist(), c.trace[i].W, `resumed step ${i + 1} W`);
    }
  });

  it('rejects what Python rejects', () => {
    const p = problem();
    expect(() => new optim.LBFGS([{ params: [p.W] }, { params: [p.b] }])).toThrow("optim.LBFGS: LBFGS doesn't support per-parameter options (parameter groups)");
    expect(() => new optim.LBFGS([p.W], { lineSearchFn: 'armijo' as never })).toThrow("optim.LBFGS: line_search_fn must be one of 'strong_wolfe'");
    expect(() => new optim.LBFGS([p.W]).step()).toThrow('optim.LBFGS.step: closure must be a function');
    expect(new optim.LBFGS([p.W], { maxIter: 8 }).defaults.maxEval).toBe(10);
  });
});
