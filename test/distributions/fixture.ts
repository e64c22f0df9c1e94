// Reads test/fixtures/distributions/cases.json (written by test/fixtures/gen_distributions.py with
// Python PyTorch) and rebuilds its distributions in torch-node from the recorded arguments.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';

const D = torch.distributions;

export type Num = number | 'nan' | 'inf' | '-inf';
export interface Encoded { shape: number[]; dtype: string; data: Num[]; grad?: boolean }
export interface Spec { family: string; args: unknown[]; kwargs: Record<string, unknown> }
export interface Case extends Spec {
  name: string;
  inputs: Record<string, Encoded>;
  batchShape: number[];
  eventShape: number[];
  support: string;
  repr: string;
  hasRsample: boolean;
  hasEnumerateSupport: boolean;
  props: Record<string, Encoded>;
  raises: string[];
  enumerateSupport?: Encoded;
  sample: { seed: number; shape: number[]; out: Encoded };
  logProb: { value: Encoded; out: Encoded; grads?: Record<string, Encoded> };
  cdf?: { value: Encoded; out: Encoded };
  icdf?: { value: Encoded; out: Encoded };
  rsample?: { seed: number; shape: number[]; out: Encoded; upstream: Encoded; grads?: Record<string, Encoded>; gradError?: string };
  expand?: { shape: number[]; batchShape: number[]; mean: Encoded | null; seed: number; sample: Encoded };
}
export interface KLCase { p: string; q: string; out: Encoded }
export interface ErrorCase extends Spec { name: string; inputs: Record<string, Encoded>; method: string | null; value: Encoded | null; message: string }
export interface TransformCase {
  name: string; spec: { tr: string; args?: unknown[]; inv?: boolean }; x: Encoded; y: Encoded; inverse: Encoded; ladj: Encoded | null;
  domain: string; codomain: string; bijective: boolean; forwardShape: number[]; repr: string; sign: number | Encoded | null;
}
export interface ConstraintCase { name: string; js: unknown[]; repr: string; eventDim: number; isDiscrete: boolean; value: Encoded; check: unknown }
export interface RegistryCase { name: string; registry: 'bijectTo' | 'transformTo'; js: unknown[]; repr: string; x: Encoded; y: Encoded; ladj: Encoded | null }
export interface Fixture {
  registry: RegistryCase[];
  transforms: TransformCase[];
  constraints: ConstraintCase[];
  cases: Case[];
  kl: KLCase[];
  errors: ErrorCase[];
  unvalidated: Spec & { inputs: Record<string, Encoded>; value: Encoded; logProb: Encoded };
}

export const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'distributions', 'cases.json'), 'utf8'));

export const num = (x: Num): number => (x === 'nan' ? NaN : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : x);

export function decode(e: Encoded): torch.Tensor {
  const data = e.data.map(num);
  switch (e.dtype) {
    case 'float32': return torch.tensor(data, { dtype: torch.float32 }).reshape(e.shape);
    case 'float64': return torch.tensor(data, { dtype: torch.float64 }).reshape(e.shape);
    case 'int64': return torch.tensor(data, { dtype: torch.int64 }).reshape(e.shape);
    default: throw new Error(`fixture dtype ${e.dtype} is not handled`);
  }
}

export function inputsOf(inputs: Record<string, Encoded>): Record<string, torch.Tensor> {
  const out: Record<string, torch.Tensor> = {};
  for (const [k, e] of Object.entries(inputs)) out[k] = e.grad ? decode(e).requiresGrad_(true) : decode(e);
  return out;
}

/** Builds the distribution a case describes: {t} tensors, {d} distributions, {tr} transforms. */
export function build(spec: Spec, tensors: Record<string, torch.Tensor>): torch.distributions.Distribution {
  const arg = (a: unknown): unknown => {
    if (Array.isArray(a)) return a.map(arg);
    if (a !== null && typeof a === 'object') {
      const o = a as Record<string, unknown>;
      if ('t' in o) return tensors[o.t as string];
      if ('d' in o) return build(o.d as Spec, tensors);
      if ('tr' in o) {
        const Tr = (D.transforms as unknown as Record<string, new (...x: unknown[]) => torch.distributions.Transform>)[o.tr as string];
        const tr = new Tr(...((o.args as unknown[] | undefined) ?? []).map(arg));
        return o.inv ? tr.inv : tr;
      }
    }
    return a;
  };
  const Cls = (D as unknown as Record<string, new (...x: unknown[]) => torch.distributions.Distribution>)[spec.family];
  const args = spec.args.map(arg);
  const kwargs = Object.fromEntries(Object.entries(spec.kwargs ?? {}).map(([k, v]) => [k, arg(v)]));
  return Object.keys(kwargs).length ? new Cls(...args, kwargs) : new Cls(...args);
}

/** |got - expected| <= tol * max(1, |expected|) elementwise (NaN matches NaN, infinities must match), same shape. */
export function expectClose(actual: torch.Tensor, expected: Encoded, what: string, tol = 1e-5): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  const got = Array.from(actual.detach().to(torch.float64).toTypedArray() as Float64Array);
  const want = expected.data.map(num);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < got.length; i++) {
    const g = got[i];
    const w = want[i];
    let err: number;
    if (Number.isNaN(w) || !Number.isFinite(w)) err = Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)) || g === w ? 0 : Infinity;
    else err = Math.abs(g - w) / Math.max(1, Math.abs(w));
    if (!(err <= worst)) { worst = err; at = i; }
  }
  expect(worst, `${what}: worst error at element ${at} (got ${got[at]}, expected ${want[at]})`).toBeLessThanOrEqual(tol);
}

/** How many elements equal Python's exactly (as float32 or float64 values written with 9 significant digits). */
export function exactCount(actual: torch.Tensor, expected: Encoded): [number, number] {
  const got = Array.from(actual.detach().to(torch.float64).toTypedArray() as Float64Array);
  const want = expected.data.map(num);
  const f32 = expected.dtype === 'float32';
  let same = 0;
  for (let i = 0; i < got.length; i++) {
    const g = f32 ? Math.fround(got[i]) : got[i];
    const w = f32 ? Math.fround(want[i]) : want[i];
    if (g === w || (Number.isNaN(g) && Number.isNaN(w))) same++;
  }
  return [same, got.length];
}
