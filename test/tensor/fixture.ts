// Reading the Python-made fixtures of test/fixtures/tensor (see test/fixtures/gen_tensor.py).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';

/**
 * A fixture's JSON. JSON.parse would round an integer beyond 2^53 (an int64 value Python wrote
 * exactly): those are read as strings like "9007199254740993n", which num() makes bigints.
 */
export function loadFixture<T = unknown>(name: string): T {
  const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tensor', `${name}.json`), 'utf8');
  return JSON.parse(text.replace(/(?<=[[,:])-?\d{16,}(?=[,\]}])/g, (m) => (Number.isSafeInteger(Number(m)) ? m : `"${m}n"`))) as T;
}

export type Encoded = { shape: number[]; dtype: string; data: (number | string | boolean)[] } | { python: number | boolean } | Encoded[];

export const num = (x: number | string | boolean): number | boolean | bigint =>
  x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : typeof x === 'string' && /^-?\d+n$/.test(x) ? BigInt(x.slice(0, -1)) : (x as number | boolean);

export function dtypeOf(name: string): torch.DType {
  const d = (torch as unknown as Record<string, torch.DType>)[name];
  if (!(d instanceof torch.DType)) throw new Error(`unknown dtype ${name}`);
  return d;
}

/** Builds a tensor from nested values exactly: staged in float64 (or the integer dtype itself). */
export function build(values: unknown, dtype: string): torch.Tensor {
  const d = dtypeOf(dtype);
  const convert = (x: unknown): unknown => (Array.isArray(x) ? x.map(convert) : typeof x === 'string' ? num(x) : x);
  const staged = d.isFloatingPoint ? torch.float64 : d;
  return torch.tensor(convert(values) as number[], { dtype: staged }).to(d);
}

function flatValues(t: torch.Tensor): (number | boolean | bigint)[] {
  const flat = t.numel() === 0 ? [] : (t.reshape(-1).tolist() as (number | boolean | bigint)[]);
  return flat;
}

/** Checks a result (tensor, boolean, number or list of tensors) against a Python-encoded one. */
export function expectMatches(actual: unknown, expected: Encoded, what: string, tol = { rtol: 1e-5, atol: 1e-6 }): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${what}: expected a list`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${what}: list length`).toBe(expected.length);
    expected.forEach((e, i) => expectMatches(list[i], e, `${what}[${i}]`, tol));
    return;
  }
  if ('python' in expected) {
    expect(actual, what).toBe(expected.python);
    return;
  }
  expect(actual instanceof torch.Tensor, `${what}: expected a Tensor, got ${String(actual)}`).toBe(true);
  const t = actual as torch.Tensor;
  expect(t.dtype.name, `${what}: dtype`).toBe(expected.dtype);
  expect(t.shape, `${what}: shape`).toEqual(expected.shape);
  const got = flatValues(t);
  const want = expected.data.map(num);
  expect(got.length, `${what}: numel`).toBe(want.length);
  const d = t.dtype;
  for (let i = 0; i < want.length; i++) {
    const a = got[i];
    const b = want[i];
    if (!d.isFloatingPoint || typeof b === 'boolean') {
      expect(a, `${what}: element ${i}`).toBe(b);
    } else if (Number.isNaN(b as number)) {
      expect(Number.isNaN(a as number), `${what}: element ${i} should be NaN, got ${a}`).toBe(true);
    } else {
      const tolerance = tol.atol + tol.rtol * Math.abs(b as number);
      const ok = a === b || Math.abs((a as number) - (b as number)) <= tolerance;
      expect(ok, `${what}: element ${i}: got ${a}, want ${b}`).toBe(true);
    }
  }
}

export interface Case { js: string; py: string; result: Encoded }
export interface OpsFixture { inputs: Record<string, { data: unknown; dtype: string }>; ops: Case[]; inPlace: Case[]; creation: Case[]; generated: Case[] }
let ops: OpsFixture | undefined;
export function opsFixture(): OpsFixture {
  return (ops ??= loadFixture<OpsFixture>('ops'));
}

/**
 * Evaluates a case's JS expression (the generator evaluated its Python twin) with `torch` and fresh
 * copies of the named inputs (A, B, I, ...) in scope.
 */
export function evaluate(js: string): unknown {
  const env: Record<string, torch.Tensor> = {};
  for (const [name, { data, dtype }] of Object.entries(opsFixture().inputs)) env[name] = build(data, dtype);
  const names = Object.keys(env);
  return new Function('torch', ...names, `return ${js};`)(torch, ...names.map((n) => env[n]));
}

/** A case of the elementwise dtype matrix (fixtures/tensor/elementwise.json, gen_tensor.py's DTYPES × ops). */
export interface ElementwiseCase { js: string; py: string; dtype: string; result: (Encoded & { stride: number[] }) | { error: string } }
export function elementwiseCases(): ElementwiseCase[] {
  return loadFixture<{ cases: ElementwiseCase[] }>('elementwise').cases;
}

/** The matrix's inputs E and R, 2x3 integer values that become tensors of the case's dtype. */
export const ELEMENTWISE_VALUES = { E: [[1, 0, 3], [2, 5, 1]], R: [[2, 1, 1], [4, 2, 3]] };

/** Evaluates a matrix case's JS expression with its inputs in scope (E and R: `values`, cast to the case's dtype). */
export function evaluateElementwise(c: ElementwiseCase, values: { E: unknown; R: unknown } = ELEMENTWISE_VALUES): unknown {
  const d = dtypeOf(c.dtype);
  const scope = {
    E: build(values.E, 'float64').to(d),
    R: build(values.R, 'float64').to(d),
    Z: torch.tensor(3n).to(d),
    F: build([[0.5, 2.0, 1.5], [4.0, 0.25, 3.0]], 'float32'),
    L: build([[2, 1, 3], [1, 4, 2]], 'int64'),
  };
  return new Function('torch', 'E', 'R', 'Z', 'F', 'L', `return ${c.js};`)(torch, scope.E, scope.R, scope.Z, scope.F, scope.L);
}
