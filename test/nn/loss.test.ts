import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';
import { loadCases, checkCase, resolve, decode, expectClose, Encoded } from './fixture_cases';
import { checkModuleCase, moduleFixture } from './module_cases';

const { nn } = torch;

// The F.* loss fixtures double as module fixtures: the same options given to the constructor.
const MODULE_OF: Record<string, new (opts?: Record<string, unknown>) => torch.nn.Module> = {
  crossEntropy: nn.CrossEntropyLoss as never,
  nllLoss: nn.NLLLoss as never,
  mseLoss: nn.MSELoss as never,
  l1Loss: nn.L1Loss as never,
  binaryCrossEntropy: nn.BCELoss as never,
  binaryCrossEntropyWithLogits: nn.BCEWithLogitsLoss as never,
};

describe('loss modules match PyTorch', () => {
  for (const c of loadCases('losses')) {
    const Cls = MODULE_OF[c.fn];
    it(`${Cls.name} (${c.name})`, () => {
      checkCase(c, (t) => {
        const opts = Object.fromEntries(Object.entries(c.kwargs).map(([k, a]) => [k, resolve(a, t)]));
        // A third positional argument of F.* is the weight; the constructor takes it first.
        if (c.args.length > 2) opts.weight = resolve(c.args[2], t);
        const criterion = new Cls(opts);
        return criterion.forward(resolve(c.args[0], t), resolve(c.args[1], t));
      });
    });
  }
});

interface ModuleCase { cls: string; kwargs: Record<string, unknown>; repr: string; stateDict: Record<string, Encoded>; buffers: string[] }
const moduleCases: ModuleCase[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'functional', 'loss_modules.json'), 'utf8')).cases;

describe('loss module repr and buffers match PyTorch', () => {
  for (const m of moduleCases) {
    it(`${m.cls}(${Object.keys(m.kwargs).join(', ')})`, () => {
      const opts = Object.fromEntries(Object.entries(m.kwargs).map(([k, x]) => [k, typeof x === 'object' ? decode(x as Encoded) : x]));
      const criterion = new (nn as unknown as Record<string, new (o: unknown) => torch.nn.Module>)[m.cls](opts);
      expect(String(criterion)).toBe(m.repr);
      expect([...criterion.namedBuffers()].map(([k]) => k)).toEqual(m.buffers);
      expect([...criterion.parameters()]).toEqual([]);
      const sd = criterion.stateDict();
      expect([...sd.keys()]).toEqual(Object.keys(m.stateDict));
      for (const [k, e] of Object.entries(m.stateDict)) expectClose(sd.get(k)!, e, `stateDict ${k}`);
    });
  }
});

describe('loss module API', () => {
  const w = torch.tensor([1, 2, 0.5]);

  it('takes the weight positionally or as an option, and keeps its options', () => {
    const a = new nn.CrossEntropyLoss(w, { labelSmoothing: 0.1 });
    expect(a.weight).toBe(w);
    expect(a.labelSmoothing).toBe(0.1);
    expect(a.ignoreIndex).toBe(-100);
    expect(a.reduction).toBe('mean');
    const b = new nn.BCEWithLogitsLoss({ posWeight: w, reduction: 'sum' });
    expect(b.posWeight).toBe(w);
    expect(b.weight).toBeNull();
    expect(new nn.NLLLoss().weight).toBeNull();
  });

  it('moves the weight buffer with the module', () => {
    const criterion = new nn.CrossEntropyLoss({ weight: w }).double();
    expect(criterion.weight!.dtype).toBe(torch.float64);
    const out = criterion.forward(torch.randn(2, 3, { dtype: torch.float64 }), torch.tensor([0n, 2n]));
    expect(out.dtype).toBe(torch.float64);
    expect(out.shape).toEqual([]);
  });

  it('drives a training step: the loss of a linear model goes down', () => {
    torch.manualSeed(0);
    const model = new nn.Linear(4, 3);
    const criterion = new nn.CrossEntropyLoss();
    const x = torch.randn(16, 4);
    const y = x.argmax(1).remainder(3);
    const first = criterion.forward(model.forward(x), y);
    for (let i = 0; i < 20; i++) {
      model.zeroGrad();
      criterion.forward(model.forward(x), y).backward();
      torch.noGrad(() => { for (const p of model.parameters()) p.sub_(p.grad!.mul(0.5)); });
    }
    const last = criterion.forward(model.forward(x), y);
    expect(last.item()).toBeLessThan((first.item() as number) * 0.8);
  });

  it('rejects bad constructor arguments naming the nn.* class', () => {
    expect(() => new nn.CrossEntropyLoss({ reduction: 'avg' as never })).toThrow(/nn\.CrossEntropyLoss: reduction must be one of 'none', 'mean', 'sum'/);
    expect(() => new nn.CrossEntropyLoss({ labelSmoothing: -0.1 })).toThrow(/nn\.CrossEntropyLoss: label_smoothing must be a number in \[0, 1\]/);
    expect(() => new nn.CrossEntropyLoss({ ignoreIndex: 0.5 })).toThrow(/nn\.CrossEntropyLoss: ignore_index must be an integer/);
    expect(() => new nn.NLLLoss([1, 2] as never)).toThrow(/nn\.NLLLoss: weight must be a Tensor/);
    expect(() => new nn.BCELoss(w, { weight: w })).toThrow(/nn\.BCELoss: got multiple values for argument 'weight'/);
    expect(() => new nn.MSELoss({ size_average: true } as never)).toThrow(/nn\.MSELoss: unknown option 'size_average'/);
    expect(() => new nn.L1Loss('sum' as never)).toThrow('nn.L1Loss: size_average must be a boolean, got "sum"');
    expect(() => new nn.L1Loss(null, null, 'sum', true as never)).toThrow('nn.L1Loss: takes at most 3 positional arguments but 4 were given');
    expect(() => new nn.BCEWithLogitsLoss({ pos_weight: w } as never)).toThrow(/did you mean 'posWeight'/);
    expect(() => new nn.BCEWithLogitsLoss({ posWeight: 3 as never })).toThrow(/nn\.BCEWithLogitsLoss: pos_weight must be a Tensor/);
  });

  it('reports bad forward inputs as errors, not crashes', () => {
    expect(() => new nn.MSELoss().forward(torch.randn(3), 'y' as never)).toThrow(/nn\.MSELoss\.forward: target must be a Tensor/);
    expect(() => new nn.BCELoss().forward(torch.rand(3), torch.rand(2))).toThrow(/target size/);
    expect(() => new nn.CrossEntropyLoss().forward(torch.randn(2, 3), torch.tensor([0n, 5n]))).toThrow(/out of bounds/);
  });
});

describe('every loss of torch.nn 1.13 (fixtures from gen_nn_modules.py)', () => {
  for (const c of moduleFixture('loss')) {
    it(`${c.cls} (${c.name})`, () => checkModuleCase(c));
  }

  it('maps the deprecated size_average/reduce and validates its arguments as PyTorch', () => {
    expect(new nn.L1Loss({ sizeAverage: false }).reduction).toBe('sum');
    expect(new nn.MSELoss(null, false).reduction).toBe('none');
    expect(new nn.NLLLoss(null, { reduce: true, sizeAverage: true }).reduction).toBe('mean');
    expect(new nn.CrossEntropyLoss({ labelSmoothing: 0.1 }).labelSmoothing).toBe(0.1);
    expect(() => new nn.L1Loss({ reduction: 'avg' as never })).toThrow("nn.L1Loss: reduction must be one of 'none', 'mean', 'sum'");
    expect(() => new nn.KLDivLoss({ reduction: 'batch' as never })).toThrow("nn.KLDivLoss: reduction must be one of 'none', 'batchmean', 'sum', 'mean'");
    expect(() => new nn.MultiMarginLoss(3 as never)).toThrow('nn.MultiMarginLoss: only p == 1 and p == 2 supported');
    expect(() => new nn.MultiMarginLoss({ weight: torch.ones(2, 2) })).toThrow('nn.MultiMarginLoss: weight must be one-dimensional');
    expect(() => new nn.TripletMarginWithDistanceLoss({ margin: 0 })).toThrow('nn.TripletMarginWithDistanceLoss: margin must be greater than 0');
    expect(() => new nn.TripletMarginWithDistanceLoss({ distanceFunction: 3 as never })).toThrow('distance_function must be a function or an nn.Module');
    expect(() => new nn.CrossEntropyLoss({ label_smoothing: 0.1 } as never)).toThrow("unknown option 'label_smoothing' (did you mean 'labelSmoothing'?)");
    expect(() => new nn.HuberLoss({ delta: 0 })).toThrow('nn.HuberLoss: delta must be a positive number');
    expect(() => new nn.CTCLoss(-1)).toThrow('nn.CTCLoss: blank must be a non-negative integer');
    expect(() => new nn.GaussianNLLLoss(true as never)).toThrow('nn.GaussianNLLLoss: takes 0 positional arguments but 1 was given');
    expect(() => new nn.BCELoss().forward(torch.rand(3), [1, 0, 1] as never)).toThrow('nn.BCELoss.forward: target must be a Tensor');
  });
});
