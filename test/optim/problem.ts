// The least-squares problem of test/fixtures/gen_optim.py, run here with torch-node's optimizers so
// that every step can be compared with Python's (test/fixtures/optim/optimizers.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';

export interface OptimCase {
  name: string;
  optimizer: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad';
  options: Record<string, unknown>;
  extra: { groups?: Record<string, unknown>; frozen?: boolean; lr_at?: Record<string, number> };
  trace: { W: number[]; b: number[] }[];
  state: Record<string, Record<string, number | number[]>>;
  param_groups: Record<string, unknown>[];
  repr: string;
  /** Python's whole state_dict() before step `mid`, tensors as { shape, data }. */
  mid_state: { state: Record<string, Record<string, unknown>>; param_groups: Record<string, unknown>[] };
}

export const fixture: { W0: number[][]; b0: number[]; X: number[][]; Y: number[][]; steps: number; cases: OptimCase[] } = JSON.parse(
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

/** The optimizer's stateDict() against Python's: the same entries, keys and values. */
export function expectStateLikePython(c: OptimCase, opt: AnyOptimizer): void {
  const sd = opt.stateDict();
  expect([...sd.state.keys()].map(String).sort(), `${c.name} state entries`).toEqual(Object.keys(c.state).filter((k) => Object.keys(c.state[k]).length > 0).sort());
  for (const [i, expected] of Object.entries(c.state)) {
    const ours = sd.state.get(Number(i)) ?? {};
    expect(Object.keys(ours).sort(), `${c.name} state[${i}] keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      const got = ours[key];
      if (key === 'step') {
        // Python 1.13 keeps step as a float32 scalar tensor ({ shape: [] } in mid_state) or an int.
        const pythonTensor = typeof c.mid_state.state[i]?.step === 'object';
        expect(got instanceof torch.Tensor, `${c.name} state[${i}].step is a tensor`).toBe(pythonTensor);
        if (got instanceof torch.Tensor) expect([got.dtype, got.shape], `${c.name} state[${i}].step`).toEqual([torch.float32, []]);
        expect(got instanceof torch.Tensor ? got.item() : got, `${c.name} state[${i}].step`).toBe(value);
      } else expectClose((got as torch.Tensor).tolist(), value as number[], `${c.name} state[${i}].${key}`);
    }
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
