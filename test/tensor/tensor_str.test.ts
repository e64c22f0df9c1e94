// Printing: String(x) / util.inspect(x) against Python's repr(x) (fixtures/tensor/repr.json).
import { describe, it, expect, afterEach } from 'vitest';
import * as util from 'node:util';
import * as torch from '../../lib';
import { formatFixed, formatExp } from '../../lib/_tensor_str';
import { loadFixture, build } from './fixture';

interface Spec {
  values?: unknown;
  empty?: number[];
  randn?: number[];
  seed?: number;
  arange?: number;
  shape?: number[];
  scale?: number;
  offset?: number;
  dtype?: string;
  requires_grad?: boolean;
  op?: string;
  repr: string;
}
const fixture = loadFixture<{ cases: Spec[]; withOptions: { options: Record<string, unknown>; case: number; repr: string }[] }>('repr');

const OPS: Record<string, (x: torch.Tensor) => torch.Tensor> = {
  add: (x) => x.add(1),
  mul: (x) => x.mul(2),
  sum: (x) => x.sum(),
  mean: (x) => x.mean(),
  exp: (x) => x.exp(),
  matmul: (x) => x.matmul(x),
  view: (x) => x.view(-1),
  relu: (x) => x.relu(),
  sigmoid: (x) => x.sigmoid(),
  sub: (x) => x.sub(1),
  div: (x) => x.div(2),
  divFloor: (x) => x.div(2, { roundingMode: 'floor' }),
  pow: (x) => x.pow(2),
  clamp: (x) => x.clamp(0, 1),
  where: (x) => torch.where(x.gt(1), x, 0),
  maskedFill: (x) => x.maskedFill(x.gt(1), 0),
  addAlpha: (x) => x.add(1, { alpha: 2 }),
  cloneAdd_: (x) => x.clone().add_(1),
  t: (x) => x.t(),
  expand: (x) => x.unsqueeze(0).expand(3, -1, -1),
};

function make(spec: Spec): torch.Tensor {
  const dtype = spec.dtype ?? 'float32';
  let t: torch.Tensor;
  if (spec.randn) {
    torch.manualSeed(spec.seed!);
    t = torch.randn(spec.randn, { dtype: torch.float64 }).mul(spec.scale!).to((torch as unknown as Record<string, torch.DType>)[dtype]);
  } else if (spec.empty) t = torch.zeros(spec.empty, { dtype: (torch as unknown as Record<string, torch.DType>)[dtype] });
  else if (spec.arange !== undefined) {
    t = torch.arange(spec.arange, { dtype: torch.float64 }).mul(spec.scale!).add(spec.offset ?? 0).reshape(spec.shape!);
    t = t.to((torch as unknown as Record<string, torch.DType>)[dtype]);
  } else t = build(spec.values, dtype);
  if (spec.requires_grad) t.requiresGrad_(true);
  return spec.op ? OPS[spec.op](t) : t;
}

function label(spec: Spec): string {
  return JSON.stringify({ ...spec, repr: undefined }).slice(0, 100);
}

describe('tensor repr (torch/_tensor_str.py)', () => {
  afterEach(() => torch.setPrintoptions({ profile: 'default' }));

  it.each(fixture.cases.map((c) => [label(c), c] as const))('%s', (_l, spec) => {
    const t = make(spec);
    expect(String(t)).toBe(spec.repr);
    expect(util.inspect(t)).toBe(spec.repr);
  });

  it('prints the README example', () => {
    expect(String(torch.tensor([[1.5, 2], [3, 4]]))).toBe('tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])');
  });

  it.each(fixture.withOptions.map((c, i) => [i, JSON.stringify(c.options), c] as const))('set_printoptions #%i %s', (_i, _o, c) => {
    const o = c.options as { precision?: number; threshold?: number; edgeitems?: number; linewidth?: number; sci_mode?: boolean };
    torch.setPrintoptions({ precision: o.precision, threshold: o.threshold, edgeitems: o.edgeitems, linewidth: o.linewidth, sciMode: o.sci_mode });
    expect(String(make(fixture.cases[c.case]))).toBe(c.repr);
  });

  it('prints a disposed tensor without throwing', () => {
    const t = torch.ones(2);
    t.dispose();
    expect(String(t)).toBe('tensor(<disposed>)');
    expect(util.inspect([t])).toBe('[ tensor(<disposed>) ]');
  });

  it('rounds exact ties to even like Python format()', () => {
    // '{:.4f}'.format(0.03125) == '0.0312', '{:.4e}'.format(1.03125) == '1.0312e+00', '{:.0f}'.format(2.5) == '2'
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect(formatFixed(0.09375, 4)).toBe('0.0938');
    expect(formatFixed(-2.5, 0)).toBe('-2');
    expect(formatFixed(3.5, 0)).toBe('4');
    expect(formatFixed(-0.00001, 4)).toBe('-0.0000');
    expect(formatExp(1.03125, 4)).toBe('1.0312e+00');
    expect(formatExp(123456, 4)).toBe('1.2346e+05');
    expect(formatExp(1e-100, 2)).toBe('1.00e-100');
    // From Python: '{:.2f}'.format(1e22), '{:.0f}'.format(2.0**70), '{:.4e}'.format(-0.0), '{:.3f}'.format(-1e-9),
    // '{:.2e}'.format(9.995), '{:.2f}'.format(0.125), '{:.2f}'.format(0.375)
    expect(formatFixed(1e22, 2)).toBe('10000000000000000000000.00');
    expect(formatFixed(2 ** 70, 0)).toBe('1180591620717411303424');
    expect(formatExp(-0, 4)).toBe('-0.0000e+00');
    expect(formatFixed(-1e-9, 3)).toBe('-0.000');
    expect(formatExp(9.995, 2)).toBe('9.99e+00');
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(0.375, 2)).toBe('0.38');
  });

  it('rejects bad print options, naming torch.set_printoptions', () => {
    expect(() => torch.setPrintoptions({ precision: -1 })).toThrow(/torch\.set_printoptions: precision must be a non-negative integer/);
    expect(() => torch.setPrintoptions({ profile: 'long' as 'full' })).toThrow(/torch\.set_printoptions: profile must be one of/);
    expect(() => torch.setPrintoptions({ sci_mode: true } as never)).toThrow(/unknown option 'sci_mode' \(did you mean 'sciMode'\?\)/);
  });
});
