// torch.nn.utils.parametrize against Python PyTorch 1.13 (test/fixtures/gen_nn_parametrize.py writes
// test/fixtures/nn/parametrize.json): the class swap and its repr, the state-dict keys, forward and
// gradients through the parametrization, chaining, assignment through rightInverse, cached and removal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '../../../lib';
import { dec, expectClose } from './nn_utils_fixture';

const { nn } = torch;
const P = nn.utils.parametrize;
const D = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'nn', 'parametrize.json'), 'utf8'));

let forwards = 0;
class Symmetric extends nn.Module {
  forward(X: torch.Tensor): torch.Tensor {
    forwards++;
    return X.triu().add(X.triu(1).transpose(-1, -2));
  }
  rightInverse(A: torch.Tensor): torch.Tensor {
    return A.triu();
  }
}
class Scale extends nn.Module {
  forward(X: torch.Tensor): torch.Tensor {
    return X.mul(2);
  }
  rightInverse(A: torch.Tensor): torch.Tensor {
    return A.div(2);
  }
}

type PM = torch.nn.Linear & { parametrizations: torch.nn.ModuleDict };

describe('nn.utils.parametrize', () => {
  it('registerParametrization, chaining, assignment and removeParametrizations as Python', () => {
    torch.manualSeed(0);
    const m = new nn.Linear(3, 3) as PM;
    P.registerParametrization(m, 'weight', new Symmetric());
    expect(String(m)).toBe(D.repr);
    expect([...m.stateDict().keys()]).toEqual(D.keys);
    const original = (m.parametrizations.get('weight') as unknown as { original: torch.Tensor }).original;
    expect(original).toBeInstanceOf(nn.Parameter);
    expectClose(original, D.original, 'original');
    expectClose(m.weight, D.weight, 'weight');
    const y = m.forward(dec(D.x));
    expectClose(y, D.y, 'forward');
    y.sum().backward();
    expectClose(original.grad, D.original_grad, 'original.grad');
    P.registerParametrization(m, 'weight', new Scale());
    expect(String(m)).toBe(D.repr2);
    expectClose(m.weight, D.weight2, 'weight after Scale');
    torch.noGrad(() => { m.weight = dec(D.a) as torch.nn.Parameter; });
    expectClose(original, D.original_after_set, 'original after assignment');
    expectClose(m.weight, D.weight_after_set, 'weight after assignment');
    expect([P.isParametrized(m), P.isParametrized(m, 'weight'), P.isParametrized(m, 'bias')]).toEqual(D.is);
    expect(P.typeBeforeParametrizations(m)).toBe(nn.Linear);
    P.removeParametrizations(m, 'weight');
    expect(String(m)).toBe(D.repr_removed);
    expect(m.constructor).toBe(nn.Linear);
    expect([...m.stateDict().keys()]).toEqual(D.keys_removed);
    expect(m.weight).toBeInstanceOf(nn.Parameter);
    expectClose(m.weight, D.weight_removed, 'weight after removal');
    expect(() => P.removeParametrizations(m, 'weight')).toThrow('does not have a parametrization on weight');
  });

  it('leaveParametrized: false keeps the original; only this module is changed', () => {
    torch.manualSeed(0);
    const m = new nn.Linear(3, 3);
    const other = new nn.Linear(3, 3);
    P.registerParametrization(m, 'weight', new Symmetric());
    expect(other.constructor).toBe(nn.Linear);
    expect(Object.getOwnPropertyDescriptor(nn.Linear.prototype, 'weight')).toBeUndefined();
    P.removeParametrizations(m, 'weight', { leaveParametrized: false });
    expectClose(m.weight, D.weight_unparametrized, 'weight');
  });

  it('cached computes each parametrized tensor once inside the callback', () => {
    const m = new nn.Linear(3, 3) as PM;
    P.registerParametrization(m, 'weight', new Symmetric());
    forwards = 0;
    const w = P.cached(() => [m.weight, m.weight]);
    expect(forwards).toBe(1);
    expect(w[0]).toBe(w[1]);
    void m.weight;
    expect(forwards).toBe(2);
    expect(() => P.registerParametrization(m, 'nope', new Symmetric())).toThrow("does not have a parameter, a buffer, or a parametrized element with name 'nope'");
  });
});
