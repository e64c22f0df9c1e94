// Reads the parity cases that test/fixtures/gen_functional.py wrote with Python PyTorch and runs them
// against torch-node: same inputs, same call, output and input gradients compared within 1e-5.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';

export interface Encoded { shape: number[]; dtype: string; data: number[]; grad?: boolean }
export type Arg = unknown;
export interface Case {
  name: string;
  fn: string;
  args: Arg[];
  kwargs: Record<string, Arg>;
  seed: number | null;
  pick: number | null;
  inputs: Record<string, Encoded>;
  out: Encoded;
  upstream?: Encoded;
  grads?: Record<string, Encoded>;
  mutated?: Record<string, Encoded>;
}

export function loadCases(area: string): Case[] {
  const file = path.join(__dirname, '..', 'fixtures', 'functional', `${area}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8')).cases;
}

export function decode(e: Encoded): torch.Tensor {
  switch (e.dtype) {
    case 'float32': return torch.fromTypedArray(Float32Array.from(e.data), e.shape);
    case 'float64': return torch.fromTypedArray(Float64Array.from(e.data), e.shape);
    case 'int64': return torch.fromTypedArray(BigInt64Array.from(e.data, (x) => BigInt(x)), e.shape);
    case 'bool': return torch.fromTypedArray(Uint8Array.from(e.data, Number), e.shape).bool();
    default: throw new Error(`fixture dtype ${e.dtype} is not handled`);
  }
}

/** Elementwise |actual - expected| <= tol * max(1, |expected|), with the same shape and dtype. */
export function expectClose(actual: torch.Tensor, expected: Encoded, what: string, tol = 1e-5): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  expect(actual.dtype.toString(), `${what}: dtype`).toContain(expected.dtype);
  expectValuesClose(Array.from(actual.detach().toTypedArray(), Number), expected.data, what, tol);
}

/** The elementwise check itself: the worst |got - expected| / max(1, |expected|) is at most tol. */
export function expectValuesClose(got: number[], expected: number[], what: string, tol: number): void {
  let worst = 0;
  let at = -1;
  for (let i = 0; i < got.length; i++) {
    const err = Math.abs(got[i] - expected[i]) / Math.max(1, Math.abs(expected[i]));
    if (!(err <= worst)) { worst = err; at = i; }
  }
  expect(worst, `${what}: worst error at element ${at} (got ${got[at]}, expected ${expected[at]})`).toBeLessThanOrEqual(tol);
}

/** The case's input tensors, leaves with requiresGrad where the case differentiates them. */
export function inputsOf(c: Case): Record<string, torch.Tensor> {
  const out: Record<string, torch.Tensor> = {};
  for (const [k, e] of Object.entries(c.inputs)) out[k] = e.grad ? decode(e).requiresGrad_(true) : decode(e);
  return out;
}

/** Replaces {t: name} references by the named tensor. */
export function resolve(a: Arg, tensors: Record<string, torch.Tensor>): unknown {
  if (a !== null && typeof a === 'object' && !Array.isArray(a) && 't' in (a as object)) return tensors[(a as { t: string }).t];
  return a;
}

/** Checks output, gradients (of sum(out * upstream)) and in-place updates against the fixture. */
export function checkCase(c: Case, run: (tensors: Record<string, torch.Tensor>) => torch.Tensor): void {
  const tensors = inputsOf(c);
  if (c.seed !== null) torch.manualSeed(c.seed);
  const out = run(tensors);
  expectClose(out, c.out, `${c.name}: output`);
  if (c.grads) {
    out.mul(decode(c.upstream!)).sum().backward();
    for (const [k, e] of Object.entries(c.grads)) {
      const g = tensors[k].grad;
      expect(g, `${c.name}: grad of ${k}`).not.toBeNull();
      expectClose(g!, e, `${c.name}: grad of ${k}`);
    }
  }
  for (const [k, e] of Object.entries(c.mutated ?? {})) expectClose(tensors[k], e, `${c.name}: ${k} after the call`);
}
