// torch.nn.utils.parametrizations (orthogonal, spectral_norm) against Python PyTorch 1.13
// (test/fixtures/gen_nn_parametrizations.py writes test/fixtures/nn/parametrizations.json): the same
// seed gives Python's repr, state-dict keys and values, forward, gradients and SGD steps, eval mode,
// and assignment through right_inverse.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '../../../lib';
import { dec, expectClose } from './nn_utils_fixture';

const { nn } = torch;
const PZ = nn.utils.parametrizations;
const D = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'nn', 'parametrizations.json'), 'utf8'));

const camel = (s: string): string => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
function make(ctor: string): torch.nn.Module {
  const m = /^(\w+)\(([\d, ]+)\)$/.exec(ctor)!;
  const C = (nn as unknown as Record<string, new (...a: number[]) => torch.nn.Module>)[m[1]];
  return new C(...m[2].split(',').map(Number));
}
const TOL = 2e-5;

function expectState(m: torch.nn.Module, expected: Record<string, { shape: number[]; data: number[] }>, what: string): void {
  const sd = m.stateDict();
  expect([...sd.keys()], what).toEqual(Object.keys(expected));
  for (const [k, e] of Object.entries(expected)) expectClose(sd.get(k), e, `${what} ${k}`, TOL);
}

describe('nn.utils.parametrizations', () => {
  const cases = Object.keys(D).filter((k) => k.startsWith('orth_') || k.startsWith('sn_'));
  it.each(cases)('%s as Python', (name) => {
    const c = D[name];
    torch.manualSeed(c.seed);
    const m = make(c.ctor);
    const kw = Object.fromEntries(Object.entries(c.kw).map(([k, val]) => [camel(k), val]));
    const fn = c.fn === 'orthogonal' ? PZ.orthogonal : PZ.spectralNorm;
    expect(fn(m, kw)).toBe(m);
    expect(String(m)).toBe(c.repr);
    expectState(m, c.state, 'state');
    const w = (m as unknown as { weight: torch.Tensor }).weight;
    expectClose(w, c.weight, 'weight', TOL);
    const x = torch.randn(...(c.x.shape as number[]));
    expectClose(x, c.x, 'x', 1e-7);
    const opt = new torch.optim.SGD(m.parameters(), { lr: 0.1 });
    c.rounds.forEach((r: { y: never; grads: Record<string, never> }, i: number) => {
      opt.zeroGrad();
      const y = m.forward(x) as torch.Tensor;
      y.mul(y).sum().backward();
      expectClose(y, r.y, `round ${i} y`, TOL);
      const grads = new Map(m.namedParameters());
      expect([...grads.keys()]).toEqual(Object.keys(r.grads));
      for (const [n, g] of Object.entries(r.grads)) expectClose(grads.get(n)!.grad, g, `round ${i} ${n}.grad`, 1e-4);
      opt.step();
    });
    expectClose((m as unknown as { weight: torch.Tensor }).weight, c.weight_after, 'weight after steps', 1e-4);
    m.eval();
    expectClose(m.forward(x) as torch.Tensor, c.eval_y, 'eval y', 1e-4);
    expectState(m, c.state_after, 'state after');
  });

  it('assignment goes through right_inverse (a new base) as Python', () => {
    torch.manualSeed(10);
    const m = PZ.orthogonal(new nn.Linear(4, 4));
    const a = torch.randn(4, 4);
    expectClose(a, D.assign.a, 'a', 1e-7);
    torch.noGrad(() => { m.weight = a as torch.nn.Parameter; });
    expectClose(m.weight, D.assign.weight, 'weight', TOL);
    expectState(m, D.assign.state, 'state');
    torch.manualSeed(11);
    const m2 = PZ.orthogonal(new nn.Linear(3, 5));
    const q = dec(D.assign_tall.q);
    torch.randn(5, 3); // the draw Python's q came from
    torch.noGrad(() => { m2.weight = q as torch.nn.Parameter; });
    expectClose(m2.weight, D.assign_tall.weight, 'tall weight', TOL);
    expectState(m2, D.assign_tall.state, 'tall state');
  });

  it('errors as Python', () => {
    expect(() => PZ.orthogonal(new nn.Linear(3, 3), 'nope')).toThrow("has no parameter or buffer with name 'nope'");
    expect(() => PZ.orthogonal(new nn.Linear(3, 3), 'bias')).toThrow('Expected a matrix or batch of matrices. Got a tensor of 1 dimensions.');
    expect(() => PZ.orthogonal(new nn.Linear(3, 3), { orthogonalMap: 'qr' as never })).toThrow('orthogonal_map has to be one of "matrix_exp", "cayley", "householder". Got: qr');
    const m = PZ.orthogonal(new nn.Linear(3, 3), { useTrivialization: false });
    expect(() => torch.noGrad(() => { m.weight = torch.eye(3) as torch.nn.Parameter; })).toThrow('It is not possible to assign to the matrix exponential or the Cayley parametrizations when use_trivialization=False.');
    expect(() => PZ.spectralNorm(new nn.Linear(3, 3), { nPowerIterations: 0 })).toThrow('Expected n_power_iterations to be positive, but got n_power_iterations=0');
    expect(() => PZ.spectralNorm(new nn.Linear(3, 3), { dim: 2 })).toThrow('Dimension out of range (expected to be in range of [-2, 1] but got 2)');
  });
});
