// The direct path (native/ops_direct.h: small ops without autograd call their CPU kernels straight into
// recycled results) against the dispatcher, which torch._C._setDirectOps(false) makes every op go
// through: over the whole elementwise dtype matrix (fixtures/tensor/elementwise.json), with the
// matrix's inputs and with edge values (negatives, zeros, overflow), each case's result must be the
// dispatched call's bit for bit — bytes, dtype, shape, strides — or the same error, on fresh results
// and on recycled ones.
import { describe, it, expect, afterEach } from 'vitest';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as torch from '../../lib';
import { native } from '../../lib/native';
import { elementwiseCases, evaluateElementwise, ELEMENTWISE_VALUES, ElementwiseCase } from './fixture';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const cases = elementwiseCases();
// NaN from log/sqrt of negatives, inf from exp and from division by zero, integer division by zero
// (an error), fractions that integer dtypes truncate and uint8 wraps.
const EDGES = { E: [[-1.75, 0.3, 7.2], [2.5e-3, -0, 123.4]], R: [[0.7, -3.1, 0], [1e-3, 2.0, -8.9]] };

type Outcome = { error: string } | { dtype: string; shape: number[]; stride: number[]; bytes: string };

function outcome(c: ElementwiseCase, values: typeof EDGES): Outcome {
  let r: unknown;
  try {
    r = evaluateElementwise(c, values);
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
  const t = r as torch.Tensor;
  return { dtype: t.dtype.name, shape: t.shape, stride: t.stride(), bytes: Buffer.from(native.toBuffer(t)).toString('hex') };
}

const outcomes = (values: typeof EDGES): Outcome[] => cases.map((c) => outcome(c, values));

afterEach(() => torch._C._setDirectOps(true));

describe.each([
  ['the matrix inputs', ELEMENTWISE_VALUES],
  ['edge values', EDGES],
] as const)('direct ops on %s are bit-identical to the dispatched ops', (_name, values) => {
  it('on fresh and on recycled results, for every dtype, with the same errors', () => {
    expect(cases.length).toBe(1460);
    torch._C._setDirectOps(false);
    const dispatched = outcomes(values);
    torch._C._setDirectOps(true);
    gc();
    gc(); // the second one empties the bin of what the first kept
    expect(torch.memoryStats().recycledTensors).toBe(0);
    const fresh = outcomes(values);
    outcomes(values);
    gc();
    const reused = torch.memoryStats().reusedTensors;
    const recycled = outcomes(values);
    // many results were written into recycled tensors (about half: 690-740 of the 1460 cases, as
    // the GCs that the wrappers made trigger fall; the rest are errors, reductions and matmuls, or
    // found the bin just emptied)
    expect(torch.memoryStats().reusedTensors - reused).toBeGreaterThan(cases.length / 3);
    // every case that differs, each with both outcomes
    const differ = (run: Outcome[], kind: string) =>
      cases.flatMap((c, i) => (JSON.stringify(run[i]) === JSON.stringify(dispatched[i]) ? [] : [`${c.js} with E: ${c.dtype} (${kind}): ${JSON.stringify(run[i])}, dispatched: ${JSON.stringify(dispatched[i])}`]));
    expect([...differ(fresh, 'fresh result'), ...differ(recycled, 'recycled result')]).toEqual([]);
    expect(dispatched.filter((o) => 'error' in o).length).toBeLessThan(cases.length / 2);
  });
});

describe('torch._C._setDirectOps', () => {
  it('is on by default, and takes only a boolean', () => {
    expect(torch._C._getDirectOps()).toBe(true);
    torch._C._setDirectOps(false);
    expect(torch._C._getDirectOps()).toBe(false);
    expect(() => torch._C._setDirectOps(0 as unknown as boolean)).toThrow('torch._C._setDirectOps: enabled must be a boolean');
  });

  it('off, an op takes nothing from the direct path: recycled results whose views outlived them stay in the bin', () => {
    // A direct op looks through its bin for a reusable result and frees each one a view still holds;
    // a dispatched op's result frees one result of its kind. 37 float64s: a size only this test makes.
    const a = torch.rand(37, { dtype: torch.float64 });
    const run = (direct: boolean): number => {
      const views = Array.from({ length: 20 }, () => a.add(1).view(37));
      gc();
      torch._C._setDirectOps(direct);
      const before = torch.memoryStats().recycledTensors;
      const r = a.add(1);
      const taken = before - torch.memoryStats().recycledTensors;
      expect(r.tolist()).toEqual(a.tolist().map((x) => x + 1));
      expect(views.every((v) => v.shape[0] === 37)).toBe(true);
      torch._C._setDirectOps(true);
      return taken;
    };
    expect(run(true)).toBe(20);
    expect(run(false)).toBe(1);
  });
});
