// torch.nn.utils.prune against Python PyTorch 1.13 (test/fixtures/gen_nn_prune.py writes
// test/fixtures/nn/prune.json): the same seed and calls give Python's masks (random ones included),
// weight_orig / weight_mask, pruned forward and gradients, and state after prune.remove.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '../../../lib';
import { expectClose } from './nn_utils_fixture';

const { nn } = torch;
const prune = nn.utils.prune;
const D = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'nn', 'prune.json'), 'utf8'));

type Enc = { shape: number[]; data: number[] };
function make(ctor: string): torch.nn.Module {
  const m = /^(\w+)\(([\d, ]+)\)$/.exec(ctor)!;
  const C = (nn as unknown as Record<string, new (...a: number[]) => torch.nn.Module>)[m[1]];
  return new C(...m[2].split(',').map(Number));
}

function call(m: torch.nn.Module, c: unknown[]): void {
  const [fn, name, ...args] = c as [string, string, ...unknown[]];
  const kw = args.length && typeof args[args.length - 1] === 'object' && !Array.isArray(args[args.length - 1]) ? (args.pop() as Record<string, number[][]>) : {};
  const opts = kw.importance_scores ? { importanceScores: torch.tensor(kw.importance_scores) } : undefined;
  switch (fn) {
    case 'random_unstructured': prune.randomUnstructured(m, name, args[0] as number); break;
    case 'l1_unstructured': prune.l1Unstructured(m, name, args[0] as number, opts); break;
    case 'random_structured': prune.randomStructured(m, name, args[0] as number, args[1] as number); break;
    case 'ln_structured': prune.lnStructured(m, name, args[0] as number, args[1] as number, args[2] as number, opts); break;
    case 'identity': prune.identity(m, name); break;
    case 'custom_from_mask': prune.customFromMask(m, name, torch.tensor(args[0] as number[][])); break;
    default: throw new Error(fn);
  }
}

function expectState(m: torch.nn.Module, expected: Record<string, Enc>, what: string): void {
  const sd = m.stateDict();
  expect([...sd.keys()], what).toEqual(Object.keys(expected));
  for (const [k, e] of Object.entries(expected)) expectClose(sd.get(k), e, `${what} ${k}`);
}

describe('nn.utils.prune', () => {
  const cases = Object.keys(D).filter((k) => !k.startsWith('global_'));
  it.each(cases)('%s as Python', (name) => {
    const c = D[name];
    torch.manualSeed(c.seed);
    const m = make(c.ctor) as torch.nn.Module & { weight: torch.Tensor; weight_orig: torch.Tensor };
    for (const cl of c.calls) call(m, [...cl]);
    expectState(m, c.state, 'state');
    expectClose(m.weight, c.weight, 'weight');
    expect(m.weight_orig).toBeInstanceOf(nn.Parameter);
    expect(m.weight).not.toBeInstanceOf(nn.Parameter);
    expect(prune.isPruned(m)).toBe(c.is_pruned);
    expect([...m.namedParameters()].map(([n]) => n)).toEqual(c.params);
    const x = torch.randn(...(c.x.shape as number[]));
    expectClose(x, c.x, 'x', 1e-7);
    const y = m.forward(x) as torch.Tensor;
    expectClose(y, c.y, 'y');
    y.sum().backward();
    expectClose(m.weight_orig.grad, c.grad, 'weight_orig.grad');
    prune.remove(m, 'weight');
    expectState(m, c.state_removed, 'state after remove');
    expect([...m.namedParameters()].map(([n]) => n)).toEqual(c.params_removed);
    expect(m.weight).toBeInstanceOf(nn.Parameter);
    expect(prune.isPruned(m)).toBe(c.is_pruned_removed);
  });

  it.each([['global_l1', prune.L1Unstructured], ['global_random', prune.RandomUnstructured]] as const)('%s: globalUnstructured as Python', (name, method) => {
    const c = D[name];
    torch.manualSeed(c.seed);
    const a = new nn.Linear(4, 3);
    const b = new nn.Conv2d(1, 2, 2);
    prune.globalUnstructured([[a, 'weight'], [b, 'weight'], [a, 'bias']], method, { amount: 9 });
    expectState(a, c.a, 'a');
    expectState(b, c.b, 'b');
  });

  it('the forward pre-hook recomputes weight from weight_orig and weight_mask before each forward', () => {
    const m = prune.customFromMask(new nn.Linear(2, 2), 'weight', torch.tensor([[1, 0], [0, 1]])) as torch.nn.Linear & { weight_orig: torch.Tensor };
    torch.noGrad(() => m.weight_orig.fill_(3));
    expect(m.weight.tolist()).not.toEqual([[3, 0], [0, 3]]);
    m.forward(torch.zeros(1, 2));
    expect(m.weight.tolist()).toEqual([[3, 0], [0, 3]]);
  });

  it('errors as Python', () => {
    const m = new nn.Linear(3, 2);
    expect(() => prune.remove(m, 'weight')).toThrow("Parameter 'weight' of module Linear(in_features=3, out_features=2, bias=True) has to be pruned before pruning can be removed");
    expect(() => prune.l1Unstructured(m, 'weight', -1)).toThrow('amount=-1 should either be a float in the range [0, 1] or a non-negative integer');
    expect(() => prune.l1Unstructured(m, 'weight', 1.5)).toThrow('amount=1.5 should either be a float in the range [0, 1] or a non-negative integer');
    expect(() => prune.l1Unstructured(m, 'weight', 7)).toThrow('amount=7 should be smaller than the number of parameters to prune=6');
    // Python's rollback re-registers weight after bias
    expect([[...m.namedParameters()].map(([n]) => n), [...m.stateDict().keys()], prune.isPruned(m)]).toEqual([['bias', 'weight'], ['bias', 'weight'], false]);
    expect(() => prune.randomStructured(m, 'bias', 1, 0)).toThrow('Structured pruning can only be applied to multidimensional tensors. Found tensor of shape torch.Size([2]) with 1 dims');
    expect(() => prune.globalUnstructured([[m, 'weight']], prune.RandomStructured as never, { amount: 1 })).toThrow('Only "unstructured" PRUNING_TYPE supported');
  });
});
