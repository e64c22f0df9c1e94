// The least-squares problem of test/fixtures/gen_optim.py, run here with torch-node's optimizers so
// that every step can be compared with Python's (test/fixtures/optim/optimizers.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';
import { isSparse } from '../../lib/optim/optimizer';

export interface OptimCase {
  name: string;
  optimizer: string;
  options: Record<string, unknown>;
  extra: { groups?: Record<string, unknown>; frozen?: boolean; lr_at?: Record<string, number> };
  trace: { W: number[]; b: number[] }[];
  state: Record<string, Record<string, StateValue>>;
  param_groups: Record<string, unknown>[];
  repr: string;
  /** Python's whole state_dict() before step `mid`, tensors as { shape, data }. */
  mid_state: { state: Record<string, Record<string, unknown>>; param_groups: Record<string, unknown>[] };
}

/** A state value as gen_optim.py's encode_state writes it: a number, null, a 0-dim tensor or a tensor's values. */
export type StateValue = number | null | { tensor: number } | number[] | StateValue[];

export interface SparseCase {
  name: string;
  optimizer: string;
  options: Record<string, unknown>;
  trace: number[][];
  state: Record<string, Record<string, StateValue>>;
  param_groups: Record<string, unknown>[];
  repr: string;
}
export interface LBFGSCase {
  name: string;
  options: Record<string, unknown>;
  trace: { W: number[]; b: number[]; loss: number; evals: number }[];
  state: {
    func_evals: number; n_iter: number; t: StateValue; t_kind: string; H_diag: StateValue; H_diag_kind: string; prev_loss: number;
    d: number[]; old_dirs: number; ro: StateValue[]; al: StateValue[]; keys: string[];
  };
  param_groups: Record<string, unknown>[];
  repr: string;
}

export const fixture: {
  W0: number[][]; b0: number[]; X: number[][]; Y: number[][]; steps: number; cases: OptimCase[];
  sparse: { E0: number[][]; idx: number[][][]; C: number[][]; Y: number[][]; steps: number; cases: SparseCase[] };
  lbfgs: { steps: number; cases: LBFGSCase[] };
} = JSON.parse(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'optim', 'optimizers.json'), 'utf8'),
);

export function casesOf(kind: OptimCase['optimizer']): OptimCase[] {
  return fixture.cases.filter((c) => c.optimizer === kind);
}

/** Python's option names → ours: weight_decay → weightDecay. */
export function camel(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
}

export function problem(frozen = false) {
  return {
    W: torch.tensor(fixture.W0).requiresGrad_(true),
    b: torch.tensor(fixture.b0).requiresGrad_(!frozen),
    x: torch.tensor(fixture.X),
    y: torch.tensor(fixture.Y),
  };
}

type AnyOptimizer = torch.optim.Optimizer<{ lr?: number }>;
type OptimizerCtor = new (params: unknown, ...args: unknown[]) => AnyOptimizer;

/** The optimizer a case describes, over the problem's parameters (the bias in its own group if asked). */
export function makeOptimizer(c: OptimCase, p: ReturnType<typeof problem>): AnyOptimizer {
  const Ctor = torch.optim[c.optimizer] as unknown as OptimizerCtor;
  const params = c.extra.groups ? [{ params: [p.W] }, { params: [p.b], ...camel(c.extra.groups) }] : [p.W, p.b];
  return new Ctor(params, camel(c.options));
}

/** One training step as gen_optim.py does it. */
export function trainStep(opt: AnyOptimizer, p: ReturnType<typeof problem>): void {
  opt.zeroGrad();
  p.x.matmul(p.W.t()).add(p.b).sub(p.y).pow(2).mean().backward();
  opt.step();
}

/** Runs steps [from, to) of a case, writing lr where the case does. */
export function runSteps(c: OptimCase, opt: AnyOptimizer, p: ReturnType<typeof problem>, from: number, to: number, check = true): void {
  for (let step = from; step < to; step++) {
    const lr = c.extra.lr_at?.[String(step)];
    if (lr !== undefined) opt.paramGroups[0].lr = lr;
    trainStep(opt, p);
    if (check) {
      expectClose(p.W.tolist() as number[][], c.trace[step].W, `${c.name} step ${step + 1} W`);
      expectClose(p.b.tolist() as number[], c.trace[step].b, `${c.name} step ${step + 1} b`);
    }
  }
}

/** Elementwise within 1e-5, relative 1e-5 for values above 1. */
export function expectClose(actual: unknown, expected: number[], what: string, tol = 1e-5): void {
  const a = (Array.isArray(actual) ? actual.flat(Infinity) : [actual]) as number[];
  expect(a.length, what).toBe(expected.length);
  a.forEach((x, i) => {
    if (!(Math.abs(x - expected[i]) <= tol * Math.max(1, Math.abs(expected[i])))) {
      expect.fail(`${what}[${i}]: ${x} differs from PyTorch's ${expected[i]}`);
    }
  });
}

/** One state value against Python's (gen_optim.py's encode_state). */
export function expectStateValue(got: unknown, expected: StateValue, what: string): void {
  if (expected === null) {
    expect(got, what).toBeNull();
  } else if (typeof expected === 'number') {
    expect(typeof got, `${what} is a number (a Python int or float)`).toBe('number');
    expect(got, what).toBe(expected);
  } else if (Array.isArray(expected) && expected.length > 0 && typeof expected[0] !== 'number') {
    expect(Array.isArray(got), `${what} is a list`).toBe(true);
    expect((got as unknown[]).length, `${what} length`).toBe(expected.length);
    expected.forEach((e, i) => expectStateValue((got as unknown[])[i], e, `${what}[${i}]`));
  } else if (Array.isArray(expected)) {
    expect(got instanceof torch.Tensor, `${what} is a tensor`).toBe(true);
    const t = got as torch.Tensor;
    expectClose((isSparse(t) ? t.toDense() : t).tolist(), expected as number[], what);
  } else {
    // Python 1.13 keeps step (Adam-family), eta, mu, mu_product as float32 0-dim tensors.
    expect(got instanceof torch.Tensor, `${what} is a 0-dim tensor`).toBe(true);
    expect([(got as torch.Tensor).dtype, (got as torch.Tensor).shape], what).toEqual([torch.float32, []]);
    expectClose((got as torch.Tensor).item(), [expected.tensor], what);
  }
}

/** The optimizer's stateDict() against Python's: the same entries, keys and values. */
export function expectStateLikePython(c: { name: string; state: Record<string, Record<string, StateValue>>; param_groups: Record<string, unknown>[]; repr: string }, opt: AnyOptimizer): void {
  const sd = opt.stateDict();
  expect([...sd.state.keys()].map(String).sort(), `${c.name} state entries`).toEqual(Object.keys(c.state).sort());
  for (const [i, expected] of Object.entries(c.state)) {
    const ours = sd.state.get(Number(i)) ?? {};
    expect(Object.keys(ours).sort(), `${c.name} state[${i}] keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectStateValue(ours[key], value, `${c.name} state[${i}].${key}`);
  }
  sd.param_groups.forEach((g, gi) => {
    expect(Object.keys(g).sort(), `${c.name} param_groups[${gi}] keys`).toEqual(Object.keys(c.param_groups[gi]).sort());
    for (const [key, value] of Object.entries(g)) expect(value, `${c.name} param_groups[${gi}].${key}`).toEqual(c.param_groups[gi][key]);
  });
  expect(String(opt), `${c.name} repr`).toBe(c.repr);
}

/** A whole case: every step, then the final state. */
export function checkCase(c: OptimCase): void {
  const p = problem(c.extra.frozen);
  const opt = makeOptimizer(c, p);
  runSteps(c, opt, p, 0, fixture.steps);
  expectStateLikePython(c, opt);
}

/**
 * A dense contiguous float parameter is stepped by a fused native pass (native/fused_optim.cc), a
 * strided one by the optimizer's ops. The fused pass must round as libtorch's kernels do (multiply-adds
 * fused where their AVX2 code fuses them), so after ten steps on the same gradients the parameter and
 * the state tensors `keys` must be the op path's bit for bit.
 */
export function expectFusedAsOpPath(Ctor: new (params: torch.Tensor[], options: Record<string, unknown>) => AnyOptimizer, keys: string[], configs: [Record<string, unknown>, torch.DType][]): void {
  for (const [options, dtype] of configs) {
    const gen = new torch.Generator().manualSeed(7);
    const init = torch.randn([300, 70], { dtype, generator: gen });
    const fused = init.clone().requiresGrad_(true);
    const strided = init.t().contiguous().t().requiresGrad_(true);
    expect(strided.isContiguous()).toBe(false);
    const a = new Ctor([fused], options);
    const b = new Ctor([strided], options);
    for (let step = 0; step < 10; step++) {
      const g = torch.randn([300, 70], { dtype, generator: gen });
      fused.grad = g.clone();
      strided.grad = g.t().contiguous().t();
      a.step();
      b.step();
    }
    const what = `${JSON.stringify(options)} ${dtype}`;
    expect(fused.detach().equal(strided.detach()), `${what}: param`).toBe(true);
    for (const key of keys) expect((a.state.get(fused)![key] as torch.Tensor).equal(b.state.get(strided)![key] as torch.Tensor), `${what}: ${key}`).toBe(true);
  }
}
