// Runs the module cases of test/fixtures/nn/modules_<area>.json (written by test/fixtures/gen_nn_modules.py
// with Python PyTorch): builds the module as the case names it (class, positional args, camelCase
// options) after torch.manualSeed(seed), and compares its repr, state-dict keys and initial
// parameters with Python's, then forward outputs and the gradients of sum(output[0] * grad_out).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';
import { decode as decodeFinite, expectClose as expectCloseFinite, Encoded } from './fixture_cases';

const { nn } = torch;
const F = nn.functional;

export interface ModuleCase {
  name: string;
  cls: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  factory: string | null;
  seed: number;
  train: boolean;
  repr: string;
  state_keys: string[];
  params: Record<string, Encoded>;
  inputs?: Encoded[];
  fwd?: number[];
  fwd_kwargs?: Record<string, unknown>;
  fwd_seed?: number | null;
  outputs?: (Encoded | null)[];
  grad_out?: Encoded;
  input_grads?: (Encoded | null)[];
  param_grads?: Record<string, Encoded>;
}

export function moduleFixture<T = ModuleCase[]>(area: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'nn', `modules_${area}.json`), 'utf8'));
}

const NON_FINITE: Record<string, number> = { inf: Infinity, '-inf': -Infinity, nan: NaN };

/** The generator writes inf and nan as strings (JSON has neither). */
function finite(e: Encoded): Encoded {
  return e.data.some((x) => typeof x === 'string') ? { ...e, data: e.data.map((x) => (typeof x === 'string' ? NON_FINITE[x] : x)) } : e;
}

export function decode(e: Encoded): torch.Tensor {
  return decodeFinite(finite(e));
}

/** expectClose, with inf matching inf of the same sign. */
export function expectClose(actual: torch.Tensor, expected: Encoded, what: string, tol = 1e-5): void {
  const e = finite(expected);
  const inf = e.data.map((x) => !Number.isFinite(x));
  if (!inf.some(Boolean)) return expectCloseFinite(actual, e, what, tol);
  const got = Array.from(actual.detach().toTypedArray(), Number);
  inf.forEach((isInf, i) => { if (isInf) expect(Object.is(got[i], e.data[i]) || (Number.isNaN(got[i]) && Number.isNaN(e.data[i])), `${what}: element ${i}`).toBe(true); });
  expectCloseFinite(actual, { ...e, data: e.data.map((x, i) => (inf[i] ? got[i] : x)) }, what, tol);
}

/** The functions the generator names with {"__fn": name}. */
const FNS: Record<string, unknown> = {
  cosine_distance: (a: torch.Tensor, b: torch.Tensor) => F.cosineSimilarity(a, b).neg().add(1),
  relu: F.relu,
  gelu: F.gelu,
};

/** A JSON spec value as TS: tensors, modules, functions. */
export function specValue(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(specValue);
  if (a !== null && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if ('__t' in o) return decode(o.__t as Encoded);
    if ('__module' in o) return buildModule(o.__module as { cls: string; args: unknown[]; kwargs: Record<string, unknown> });
    if ('__fn' in o) return FNS[o.__fn as string];
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, specValue(x)]));
  }
  return a;
}

type Ctor = (new (...args: unknown[]) => torch.nn.Module) & { fromPretrained?: (...args: unknown[]) => torch.nn.Module };

export function buildModule(spec: { cls: string; args: unknown[]; kwargs: Record<string, unknown>; factory?: string | null }): torch.nn.Module {
  const Cls = (nn as unknown as Record<string, Ctor>)[spec.cls];
  if (typeof Cls !== 'function') throw new Error(`nn.${spec.cls} is missing`);
  const args = spec.args.map(specValue);
  const kwargs = specValue(spec.kwargs) as Record<string, unknown>;
  const all = Object.keys(kwargs).length > 0 ? [...args, kwargs] : args;
  if (spec.factory === 'from_pretrained') return Cls.fromPretrained!(...all);
  return new Cls(...all);
}

/** Builds the case's module under its seed and checks repr, state-dict keys and initial parameters. */
export function checkInit(c: ModuleCase): torch.nn.Module {
  torch.manualSeed(c.seed);
  const m = buildModule(c);
  m.train(c.train);
  expect(String(m), `${c.name}: repr`).toBe(c.repr);
  expect([...m.stateDict().keys()], `${c.name}: state dict keys`).toEqual(c.state_keys);
  const params = new Map(m.namedParameters());
  expect([...params.keys()], `${c.name}: parameter names`).toEqual(Object.keys(c.params));
  for (const [k, e] of Object.entries(c.params)) expectClose(params.get(k)!, e, `${c.name}: initial ${k}`, 1e-6);
  return m;
}

/** checkInit, then forward on the case's inputs and backward, compared with Python's. */
export function checkModuleCase(c: ModuleCase, tol = 1e-5): void {
  const m = checkInit(c);
  if (!c.inputs) return;
  const grads = c.input_grads ?? [];
  const xs = c.inputs.map((e, i) => (grads[i] ? decode(e).requiresGrad_(true) : decode(e)));
  const fwdKwargs = specValue(c.fwd_kwargs ?? {}) as Record<string, unknown>;
  const args: unknown[] = (c.fwd ?? xs.map((_, i) => i)).map((i) => xs[i]);
  if (Object.keys(fwdKwargs).length > 0) args.push(fwdKwargs);
  if (c.fwd_seed !== null && c.fwd_seed !== undefined) torch.manualSeed(c.fwd_seed);
  const y = (m.forward as (...a: unknown[]) => torch.Tensor | (torch.Tensor | null)[])(...args);
  const ys = Array.isArray(y) ? y : [y];
  expect(ys.length, `${c.name}: outputs`).toBe(c.outputs!.length);
  c.outputs!.forEach((e, i) => {
    if (e === null) expect(ys[i], `${c.name}: output ${i}`).toBeNull();
    else expectClose(ys[i]!, e, `${c.name}: output ${i}`, tol);
  });
  if (!c.grad_out) return;
  ys[0]!.mul(decode(c.grad_out)).sum().backward();
  grads.forEach((e, i) => {
    if (e) expectClose(xs[i].grad!, e, `${c.name}: grad of input ${i}`, tol);
  });
  const params = new Map(m.namedParameters());
  for (const [k, e] of Object.entries(c.param_grads ?? {})) {
    const g = params.get(k)!.grad;
    expect(g, `${c.name}: grad of ${k}`).not.toBeNull();
    expectClose(g!, e, `${c.name}: grad of ${k}`, tol);
  }
}
