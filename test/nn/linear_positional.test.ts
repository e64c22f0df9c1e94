// nn.Linear(in_features, out_features, bias, device, dtype): all five positional as in Python
// (mnist_forward_forward's Layer(nn.Linear) passes them on so). Against Python 1.13 (misc.json).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';

const f = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'examples_port', 'misc.json'), 'utf8'));

describe('nn.Linear with positional device and dtype', () => {
  it("makes Python's layer", () => {
    torch.manualSeed(0);
    const lin = new torch.nn.Linear(3, 2, false, null, torch.float64);
    expect(String(lin.weight.dtype)).toBe(f.linear.dtype);
    expect(lin.bias === null).toBe(f.linear.bias);
    expect(lin.weight.tolist()).toEqual(f.linear.weight);
    expect(String(lin)).toBe(f.linear.repr);
  });
  it('works for a subclass passing its arguments on', () => {
    class Layer extends torch.nn.Linear {
      constructor(i: number, o: number, bias = true, device = null, dtype = null) { super(i, o, bias, device, dtype); }
    }
    expect(new Layer(4, 3).weight.shape).toEqual([3, 4]);
  });
  it('still names a bad or doubled argument', () => {
    expect(() => new torch.nn.Linear(3, 2, true, null, null, { bias: false })).toThrow(/nn\.Linear: got multiple values for argument 'bias'/);
    expect(() => new torch.nn.Linear(3, 2, true, null, torch.int64)).toThrow(/nn\.Linear: dtype must be a floating-point or complex dtype/);
  });
});
