// Complex dtypes against Python (fixtures/tensor/complex.json, from gen_tensor.py): the dtype
// objects, fft results, real/imag views, toTypedArray/tolist/item and the repr.
import { describe, it, expect, afterEach } from 'vitest';
import * as torch from '../../lib';
import { opsFixture, loadFixture, build, expectMatches, Encoded, num } from './fixture';

interface Spec { re?: unknown; im?: unknown; dtype?: string; arange?: number; shape?: number[]; scale?: number; repr: string }
interface Fixture {
  cases: { js: string; py: string; result: Encoded & { dtype?: string; shape?: number[]; data?: (number | string)[] } }[];
  repr: Spec[];
  reprDefaultFloat64: string[];
  tolist: unknown;
  item: [number, number];
  tolist0d: [number, number];
  dtypes: Record<string, { isComplex: boolean; isFloatingPoint: boolean; isSigned: boolean; itemsize: number; str: string }>;
}
const fixture = loadFixture<Fixture>('complex');

function inputs(): Record<string, torch.Tensor> {
  const env: Record<string, torch.Tensor> = {};
  for (const [name, { data, dtype }] of Object.entries(opsFixture().inputs)) env[name] = build(data, dtype);
  env.C = torch.complex(env.A, env.P);
  env.W = torch.complex(env.D.t(), env.D.t().flip([0]));
  return env;
}

function evaluate(js: string): unknown {
  const env = inputs();
  return new Function('torch', ...Object.keys(env), `return ${js};`)(torch, ...Object.values(env));
}

/** [re, im] pairs, as the fixture writes Python's complex numbers. */
const pairs = (x: unknown): unknown => (Array.isArray(x) ? x.map(pairs) : [(x as torch.Complex).real, (x as torch.Complex).imag]);

describe('complex dtypes', () => {
  it.each(Object.entries(fixture.dtypes))('torch.%s', (name, want) => {
    const d = (torch as unknown as Record<string, torch.DType>)[name];
    expect(d).toBeInstanceOf(torch.DType);
    expect({ isComplex: d.isComplex, isFloatingPoint: d.isFloatingPoint, isSigned: d.isSigned, itemsize: d.itemsize, str: String(d) }).toEqual(want);
  });

  it('real dtypes are not complex', () => {
    expect([torch.float32, torch.float64, torch.int64, torch.bool].map((d) => d.isComplex)).toEqual([false, false, false, false]);
  });
});

describe('complex ops match PyTorch', () => {
  it.each(fixture.cases.map((c) => [c.js, c] as const))('%s', (js, c) => {
    const got = evaluate(js);
    const want = c.result;
    if (!('data' in want) || !want.dtype!.startsWith('complex')) return expectMatches(got, want, js);
    const t = got as torch.Tensor;
    expect(t.dtype.name, `${js}: dtype`).toBe(want.dtype);
    expect(t.shape, `${js}: shape`).toEqual(want.shape);
    const flat = Array.from(t.toTypedArray() as Float32Array | Float64Array);
    expect(flat.length).toBe(want.data!.length);
    const tol = t.dtype === torch.complex128 ? 1e-12 : 1e-5;
    want.data!.map(num).forEach((w, i) => {
      const ok = Object.is(flat[i], w) || Math.abs(flat[i] - (w as number)) <= tol * (1 + Math.abs(w as number));
      expect(ok, `${js}: part ${i}: got ${flat[i]}, want ${String(w)}`).toBe(true);
    });
  });

  it('real and imag are views that write through', () => {
    const c = torch.complex(torch.tensor([1, 2]), torch.tensor([3, 4]));
    c.real.fill_(7);
    c.imag.mul_(-1);
    expect(c.tolist()).toEqual([{ real: 7, imag: -3 }, { real: 7, imag: -4 }]);
    expect(() => torch.tensor([1.5]).imag).toThrow(/imag is not implemented for tensors with non-complex dtypes/);
  });
});

describe('complex elements in JS', () => {
  it('tolist() and item() give { real, imag } objects', () => {
    const c = inputs().C;
    expect(pairs(c.tolist())).toEqual(fixture.tolist);
    expect(pairs(c.select(0, 1).select(0, 2).item())).toEqual(fixture.item);
    expect(pairs(c.select(0, 0).select(0, 0).tolist())).toEqual(fixture.tolist0d);
    expect(() => c.item()).toThrow(/6 elements/);
  });

  it('toTypedArray() interleaves real and imaginary parts, conjugation resolved', () => {
    const c = torch.complex(torch.tensor([1, 2], { dtype: torch.float64 }), torch.tensor([3, 4], { dtype: torch.float64 }));
    expect(c.toTypedArray()).toEqual(new Float64Array([1, 3, 2, 4]));
    expect(c.conj().toTypedArray()).toEqual(new Float64Array([1, -3, 2, -4]));
    expect(c.to(torch.complex32).toTypedArray()).toEqual(new Float32Array([1, 3, 2, 4]));
  });
});

describe('complex repr matches Python', () => {
  afterEach(() => torch.setDefaultDtype(torch.float32));
  const make = (spec: Spec): torch.Tensor => {
    let t: torch.Tensor;
    if (spec.arange !== undefined) {
      const a = torch.arange(spec.arange, { dtype: torch.float64 }).mul(spec.scale!);
      t = torch.complex(a, a.flip([0]).mul(-2)).reshape(spec.shape!);
    } else t = torch.complex(build(spec.re, 'float64'), build(spec.im, 'float64'));
    return t.to((torch as unknown as Record<string, torch.DType>)[spec.dtype ?? 'complex64']);
  };
  it.each(fixture.repr.map((s) => [JSON.stringify({ ...s, repr: undefined }).slice(0, 90), s] as const))('%s', (_l, spec) => {
    expect(String(make(spec))).toBe(spec.repr);
  });
  it('the default complex dtype follows the default dtype', () => {
    torch.setDefaultDtype(torch.float64);
    const specs = [...fixture.repr.slice(0, 2), ...fixture.repr.slice(8, 10)];
    expect(specs.map((s) => String(make(s)))).toEqual(fixture.reprDefaultFloat64);
  });
});
