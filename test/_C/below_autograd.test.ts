// Generated functional ops on inputs that need no autograd call their CPU kernel below the autograd
// layer (CallFunctional in native/dispatch.cc); torch._C._setDirectOps(false) sends them through the
// whole dispatcher. Both must give the same results bit for bit (bytes, dtype, shape, strides) or the
// same error, over the dtypes; and an input that needs autograd, inference mode and views must keep
// what the autograd layer gives them.
import { describe, it, expect, afterEach } from 'vitest';
import * as torch from '../../lib';
import { native } from '../../lib/native';

type T = torch.Tensor;
// Generated methods (lib/_C), not hand-written ones, with the three signatures that take the fast
// call: (Tensor), (Tensor, Tensor) and (Tensor, Scalar).
const OPS: Record<string, (a: T, b: T) => T> = {
  trunc: (a) => a.trunc(), frac: (a) => a.frac(), erf: (a) => a.erf(), digamma: (a) => a.digamma(),
  sgn: (a) => a.sgn(), bitwiseNot: (a) => a.bitwiseNot(), signbit: (a) => a.signbit(), expm1: (a) => a.expm1(),
  log1p: (a) => a.log1p(), angle: (a) => a.angle(), i0: (a) => a.i0(), sinc: (a) => a.sinc(), reciprocal: (a) => a.reciprocal(),
  atan2: (a, b) => a.atan2(b), hypot: (a, b) => a.hypot(b), fmod: (a, b) => a.fmod(b), bitwiseAnd: (a, b) => a.bitwiseAnd(b),
  logaddexp: (a, b) => a.logaddexp(b), copysign: (a, b) => a.copysign(b), floorDivide: (a, b) => a.floorDivide(b),
  xlogy: (a, b) => a.xlogy(b), nextafter: (a, b) => a.nextafter(b), heaviside: (a, b) => a.heaviside(b), fmax: (a, b) => a.fmax(b),
  gcd: (a, b) => a.gcd(b), bitwiseLeftShift: (a, b) => a.bitwiseLeftShift(b),
  fmodScalar: (a) => a.fmod(2), fmodFraction: (a) => a.fmod(0.75), bitwiseAndScalar: (a) => a.bitwiseAnd(6),
};
const DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int8, torch.int16, torch.int32, torch.int64, torch.uint8, torch.bool, torch.complex64];
// Negatives, zeros, fractions and values that overflow the small integer dtypes.
const A = [[-1.75, 0, 3.5], [250.5, -0.25, 7]];
const B = [[2, -3, 0.5], [0, 4.25, -1]];

function outcome(f: () => T): string {
  try {
    const r = f();
    return JSON.stringify({ dtype: r.dtype.name, shape: r.shape, stride: r.stride(), bytes: Buffer.from(native.toBuffer(r)).toString('hex') });
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

function outcomes(): string[] {
  return DTYPES.flatMap((dtype) => {
    const a = torch.tensor(A).to(dtype), b = torch.tensor(B).to(dtype), c = torch.tensor(B[1][2]).to(dtype);
    // a 0-dim second operand broadcasts, as a Python number does
    return Object.values(OPS).flatMap((op) => [outcome(() => op(a, b)), outcome(() => op(a, c))]);
  });
}

afterEach(() => torch._C._setDirectOps(true));

describe('generated ops below the autograd layer', () => {
  it('give the dispatched results bit for bit, with the same errors, for every dtype', () => {
    torch._C._setDirectOps(false);
    const dispatched = outcomes();
    torch._C._setDirectOps(true);
    const below = outcomes();
    const names = DTYPES.flatMap((d) => Object.keys(OPS).flatMap((n) => [`${n} ${d.name}`, `${n} ${d.name} (0-dim other)`]));
    const differ = names.filter((_, i) => below[i] !== dispatched[i]).map((n) => `${n}: ${below[names.indexOf(n)]} vs ${dispatched[names.indexOf(n)]}`);
    expect(differ).toEqual([]);
    // the matrix is mostly results, not errors
    expect(dispatched.filter((o) => o.startsWith('{')).length).toBeGreaterThan(dispatched.length / 2);
  });

  it('leave an input that requires grad to autograd: the graph and the gradients are kept', () => {
    const a = torch.tensor(A).requiresGrad_(), b = torch.tensor(B);
    const r = a.atan2(b);
    expect(r.gradFn?.name()).toBe('Atan2Backward0');
    r.sum().backward();
    const expected = b.div(a.detach().pow(2).add(b.pow(2)));
    expect(a.grad!.allclose(expected)).toBe(true);
    expect(torch.noGrad(() => a.atan2(b)).requiresGrad).toBe(false);
  });

  it('keep inference mode: results made in it are inference tensors', () => {
    const a = torch.tensor(A), b = torch.tensor(B);
    const r = torch.inferenceMode(() => a.hypot(b));
    expect(r.isInference()).toBe(true);
    expect(a.hypot(b).isInference()).toBe(false);
  });

  it('give results that own their memory', () => {
    const a = torch.tensor(A);
    a.trunc().fill_(9);
    a.atan2(a).fill_(9);
    expect(a.tolist()).toEqual(A);
  });
});
