// lib/_C/arg_parser.ts binds a call without an options object on a shorter path (callPositional) than
// one with options. A trailing empty options object `{}` binds the same call on the general path: each
// call below must give the same result (or the same error) both ways, over the parameter kinds the
// short path checks itself (Tensor, Scalar, int, float, bool, optional ones) and those it leaves to
// the general checks, in-place results, named tuples, dtype results, left-out and null arguments.
import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';

const a = torch.tensor([[1.5, -2, 0.25], [0.5, 3, -1]]);
const b = torch.tensor([[2, 1, -3], [0.5, -0.5, 4]]);
const c = torch.tensor([[1, 2, 3], [4, 5, 6]]);
const t = (): torch.Tensor => a.clone();

type Call = [string, (options: object[]) => unknown];
const any = (x: unknown): Record<string, (...y: unknown[]) => unknown> => x as Record<string, (...y: unknown[]) => unknown>;
const CALLS: Call[] = [
  ['a.atan2(b)', (o) => any(a).atan2(b, ...o)],
  ['torch.atan2(a, b)', (o) => any(torch).atan2(a, b, ...o)],
  ['a.hypot(b)', (o) => any(a).hypot(b, ...o)],
  ['x.atan2_(b) (returns x)', (o) => { const x = t(); return [any(x).atan2_(b, ...o) === x, x]; }],
  ['a.lerp(b, 0.5) (Scalar weight)', (o) => any(a).lerp(b, 0.5, ...o)],
  ['a.lerp(b, c) (Tensor weight)', (o) => any(a).lerp(b, c, ...o)],
  ['a.lerp(b, torch.tensor(0.25))', (o) => any(a).lerp(b, torch.tensor(0.25), ...o)],
  ['torch.addcmul(a, b, c)', (o) => any(torch).addcmul(a, b, c, ...o)],
  ['a.fmod(2)', (o) => any(a).fmod(2, ...o)],
  ['a.fmod(2n)', (o) => any(a).fmod(2n, ...o)],
  ['a.fmod(torch.tensor(2.0))', (o) => any(a).fmod(torch.tensor(2.0), ...o)],
  ['a.clampMin(true)', (o) => any(a).clampMin(true, ...o)],
  ['torch.trueDivide(2, a) (a number for a tensor)', (o) => any(torch).trueDivide(2, a, ...o)],
  ['a.nanToNum(null, 1.0)', (o) => any(torch.tensor([NaN, Infinity, 1])).nanToNum(null, 1.0, ...o)],
  ['a.nanToNum(undefined, 7) (a hole in the middle)', (o) => any(torch.tensor([NaN, Infinity, 1])).nanToNum(undefined, 7, ...o)],
  ['a.nanToNum(0, 1, -1)', (o) => any(torch.tensor([NaN, Infinity, -Infinity])).nanToNum(0, 1, -1, ...o)],
  ['a.roll(1) (one int for int[1])', (o) => any(a).roll(1, ...o)],
  ['a.roll([1], [1])', (o) => any(a).roll([1], [1], ...o)],
  ['a.diff(1, 0, null, b) (four arguments)', (o) => any(a).diff(1, 0, null, b, ...o)],
  ['a.diff(1, 1, 2) (an int for a Tensor?: an error)', (o) => any(a).diff(1, 1, 2, ...o)],
  ['a.renorm(2, 0, 1)', (o) => any(a).renorm(2, 0, 1, ...o)],
  ['a.renorm(torch.tensor(2), 0, torch.tensor(1.5)) (0-dim tensors for Scalars)', (o) => any(a).renorm(torch.tensor(2), 0, torch.tensor(1.5), ...o)],
  ['a.indexFill(1, idx, -1)', (o) => any(a).indexFill(1, torch.tensor([0n, 2n]), -1, ...o)],
  ['torch.kthvalue(a, 2) (named tuple)', (o) => { const r = any(torch).kthvalue(a, 2, ...o) as torch.Tensor[] & { values: torch.Tensor }; return [r, r.values]; }],
  ['torch.kthvalue(a, 1, 0, true)', (o) => any(torch).kthvalue(a, 1, 0, true, ...o)],
  ['torch.resultType(a, 2)', (o) => any(torch).resultType(a, 2, ...o)],
  ['torch.resultType(2, 2.5)', (o) => any(torch).resultType(2, 2.5, ...o)],
  ['torch.frexp(a)', (o) => any(torch).frexp(a, ...o)],
  ['a.atan2("x") (error)', (o) => any(a).atan2('x', ...o)],
  ['a.atan2() (error)', (o) => any(a).atan2(...o)],
  ['a.atan2(b, c) (error)', (o) => any(a).atan2(b, c, ...o)],
  ['torch.kthvalue(a) (error)', (o) => any(torch).kthvalue(a, ...o)],
  ['a.lerp(b, "x") (error)', (o) => any(a).lerp(b, 'x', ...o)],
  ['a.atan2(torch.zeros(5)) (libtorch error)', (o) => any(a).atan2(torch.zeros(5), ...o)],
];

function summary(x: unknown): unknown {
  if (x instanceof torch.Tensor) return { dtype: x.dtype.name, shape: x.shape, values: x.tolist() };
  if (x instanceof torch.DType) return `dtype ${x.name}`;
  if (Array.isArray(x)) return x.map(summary);
  return x;
}

function outcome(f: (options: object[]) => unknown, options: object[]): unknown {
  try {
    return summary(f(options));
  } catch (e) {
    return `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

describe('a call without options binds as the same call with {} does', () => {
  it.each(CALLS)('%s', (_name, f) => {
    expect(outcome(f, [])).toEqual(outcome(f, [{}]));
  });

  it('the calls cover results and errors', () => {
    const errors = CALLS.map(([, f]) => outcome(f, [])).filter((o) => typeof o === 'string' && /^\w*Error: /.test(o));
    expect(errors.length).toBe(7);
  });
});
