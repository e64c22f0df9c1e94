import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { fixture, makeOptimizer, problem, runSteps } from './problem';

const { optim } = torch;
const caseNamed = (name: string) => fixture.cases.find((c) => c.name === name)!;

describe('optim.Optimizer: params and param groups', () => {
  it('takes any iterable of Tensors, as model.parameters() returns', () => {
    const p = problem();
    function* parameters() { yield p.W; yield p.b; }
    const opt = new optim.SGD(parameters(), { lr: 0.1 });
    expect(opt.paramGroups.length).toBe(1);
    expect(opt.paramGroups[0].params).toEqual([p.W, p.b]);
  });

  it('rejects what Python rejects, with its messages', () => {
    const p = problem();
    expect(() => new optim.SGD([], 0.1)).toThrow('optim.SGD: optimizer got an empty parameter list');
    expect(() => new optim.SGD(p.W as never, 0.1)).toThrow('params argument given to the optimizer should be an iterable of Tensors or dicts, but got a Tensor');
    expect(() => new optim.SGD([p.W, 3] as never, 0.1)).toThrow('optim.SGD: optimizer can only optimize Tensors, but params[1] is number');
    expect(() => new optim.SGD([p.W.mul(2)], 0.1)).toThrow("optim.SGD: can't optimize a non-leaf Tensor");
    expect(() => new optim.SGD([{ params: [p.W] }, { params: [p.W, p.b] }], 0.1)).toThrow('some parameters appear in more than one parameter group');
    expect(() => new optim.SGD(42 as never, 0.1)).toThrow(TypeError);
    expect(() => new optim.Adam([{ params: [p.W], weight_decay: 1 }] as never)).toThrow("optim.Adam: params[0]: unknown option 'weight_decay' (did you mean 'weightDecay'?)");
  });

  it('reads and writes every hyperparameter of a group, as Python param_groups[i][key]', () => {
    const p = problem();
    const opt = new optim.SGD([{ params: [p.W] }, { params: [p.b], lr: 0.01, momentum: 0.5 }], { lr: 0.1, momentum: 0.9 });
    const [g0, g1] = opt.paramGroups;
    expect([g0.lr, g0.momentum, g1.lr, g1.momentum, g1.dampening, g1.weightDecay, g1.nesterov]).toEqual([0.1, 0.9, 0.01, 0.5, 0, 0, false]);
    g1.momentum = 0.25;
    g1.weightDecay = 0.5;
    expect([g1.momentum, g1.weightDecay, g1.lr]).toEqual([0.25, 0.5, 0.01]);
    expect(opt.stateDict().param_groups[1]).toEqual({ lr: 0.01, momentum: 0.25, dampening: 0, weight_decay: 0.5, nesterov: false, maximize: false, foreach: null, differentiable: false, params: [1] });
  });

  it('a written weight decay changes the step (step() reads the group options)', () => {
    const a = problem();
    const b = problem();
    const oa = new optim.SGD([a.W, a.b], 0.1);
    const ob = new optim.SGD([b.W, b.b], 0.1);
    ob.paramGroups[0].weightDecay = 0.1;
    const c = caseNamed('sgd_weight_decay');
    runSteps(c, ob, b, 0, fixture.steps);
    runSteps(caseNamed('sgd'), oa, a, 0, fixture.steps);
  });
});

describe('optim.Optimizer.zeroGrad and step', () => {
  it('zeroes the gradients by default (PyTorch 1.13) and sets them to null with setToNone', () => {
    const p = problem();
    const opt = new optim.SGD([p.W, p.b], 0.1);
    p.x.matmul(p.W.t()).add(p.b).sum().backward();
    opt.zeroGrad();
    expect(p.W.grad!.tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
    opt.zeroGrad({ setToNone: true });
    expect(p.W.grad).toBeNull();
    p.x.matmul(p.W.t()).add(p.b).sum().backward();
    opt.zeroGrad(true);
    expect(p.b.grad).toBeNull();
    expect(() => opt.zeroGrad({ set_to_none: true } as never)).toThrow("unknown option 'set_to_none'");
  });

  it('skips parameters without a gradient (frozen ones), as PyTorch does', () => {
    const p = problem(true);
    const opt = new optim.Adam([p.W, p.b], { lr: 0.1 });
    p.x.matmul(p.W.t()).add(p.b).sum().backward();
    expect(p.b.grad).toBeNull();
    opt.step();
    expect(p.b.tolist()).toEqual(fixture.b0.map(Math.fround));
    expect(p.W.tolist()).not.toEqual(fixture.W0.map((r) => r.map(Math.fround)));
    expect([...opt.stateDict().state.keys()]).toEqual([0]);
  });

  it('step(closure) re-evaluates the loss with grad enabled and returns it', () => {
    const c = caseNamed('rmsprop_momentum');
    const p = problem();
    const opt = makeOptimizer(c, p);
    for (let s = 0; s < fixture.steps; s++) {
      const loss = torch.noGrad(() => opt.step(() => {
        opt.zeroGrad();
        const l = p.x.matmul(p.W.t()).add(p.b).sub(p.y).pow(2).mean();
        l.backward();
        return l;
      }));
      expect(loss).toBeInstanceOf(torch.Tensor);
      expect(p.W.tolist().flat()).toEqual(c.trace[s].W.map(Math.fround));
    }
    expect(() => opt.step(42 as never)).toThrow('closure must be a function');
  });
});

describe('optim.Optimizer.stateDict / loadStateDict', () => {
  // Ten steps, a state dict, a fresh optimizer (other hyperparameters) over the same parameters: the
  // next ten steps must still be Python's.
  for (const name of ['sgd_all', 'sgd_lr_change', 'adam_all', 'adam_groups', 'adamw_amsgrad', 'rmsprop_all', 'adagrad_groups']) {
    it(`resumes ${name} exactly`, () => {
      const c = caseNamed(name);
      const p = problem(c.extra.frozen);
      const first = makeOptimizer(c, p);
      runSteps(c, first, p, 0, 12);
      const sd = first.stateDict();
      const fresh = makeOptimizer({ ...c, options: { ...c.options, lr: 0.5 }, extra: { ...c.extra, lr_at: undefined } }, p);
      fresh.loadStateDict(sd);
      expect(fresh.paramGroups.map((g) => g.lr)).toEqual(first.paramGroups.map((g) => g.lr));
      first.step(); // moves the first optimizer's state: the loaded one must be a copy
      torch.noGrad(() => { p.W.copy_(torch.tensor(c.trace[11].W).view(2, 3)); p.b.copy_(torch.tensor(c.trace[11].b)); });
      runSteps(c, fresh, p, 12, fixture.steps);
    });
  }

  it('accepts the layout of older torch-node files: ids as string keys, step a number', () => {
    const c = caseNamed('adam');
    const p = problem();
    const first = makeOptimizer(c, p);
    runSteps(c, first, p, 0, 5);
    const sd = first.stateDict();
    const state = Object.fromEntries([...sd.state].map(([i, s]) => [String(i), { ...s, step: (s.step as torch.Tensor).item() }]));
    const fresh = new optim.Adam([p.W, p.b], { lr: 0.05 });
    fresh.loadStateDict({ state, param_groups: sd.param_groups });
    runSteps(c, fresh, p, 5, fixture.steps);
  });

  it('exposes the state per parameter, as optimizer.state[p]', () => {
    const p = problem();
    const opt = new optim.SGD([p.W, p.b], { lr: 0.1, momentum: 0.9 });
    expect(opt.state.size).toBe(0);
    p.x.matmul(p.W.t()).sum().backward();
    opt.step();
    expect([...opt.state.keys()]).toEqual([p.W]);
    expect((opt.state.get(p.W)!.momentum_buffer as torch.Tensor).shape).toEqual([2, 3]);
  });

  it('rejects a state dict that does not fit, and leaves the optimizer as it was', () => {
    const p = problem();
    const opt = new optim.Adam([p.W, p.b], { lr: 0.05 });
    const two = new optim.Adam([{ params: [p.W] }, { params: [p.b] }]).stateDict();
    expect(() => opt.loadStateDict(two)).toThrow('loaded state dict has a different number of parameter groups');
    const one = new optim.Adam([p.W]).stateDict();
    expect(() => opt.loadStateDict(one)).toThrow("loaded state dict contains a parameter group that doesn't match the size of optimizer's group");
    const bad = opt.stateDict();
    bad.param_groups[0].lr = -3;
    expect(() => opt.loadStateDict(bad)).toThrow('param_groups[0].lr must be a non-negative number, got -3');
    expect(() => opt.loadStateDict({} as never)).toThrow(TypeError);
    const misread = opt.stateDict();
    misread.state = new Map([[7, {}]]);
    expect(() => opt.loadStateDict(misread)).toThrow('state has an entry for parameter id 7, which no param group lists');
    expect(() => opt.loadStateDict({ ...misread, state: { x: {} } })).toThrow("state has an entry for parameter id 'x', which no param group lists");
    const flags = opt.stateDict();
    flags.param_groups[0].maximize = 'yes';
    expect(() => opt.loadStateDict(flags)).toThrow('optim.Adam.load_state_dict: param_groups[0].maximize must be a boolean');
    expect(opt.paramGroups[0].lr).toBe(0.05);
  });

  it("loads a state dict from before the flags (maximize, foreach, ...) with Python's __setstate__ defaults", () => {
    const p = problem();
    const opt = new optim.Adam([p.W, p.b], { lr: 0.05, maximize: true });
    const sd = opt.stateDict();
    for (const k of ['maximize', 'foreach', 'capturable', 'differentiable', 'fused']) delete sd.param_groups[0][k];
    opt.loadStateDict(sd);
    expect(opt.paramGroups[0]).toMatchObject({ maximize: false, foreach: null, capturable: false, differentiable: false, fused: false, lr: 0.05 });
  });
});

describe('optim.Optimizer: keyword form and addParamGroup', () => {
  it('new optim.SGD({ params, lr, momentum }) is SGD(params=..., lr=..., momentum=...)', () => {
    const c = caseNamed('sgd_momentum');
    const p = problem();
    runSteps(c, new optim.SGD({ params: [p.W, p.b], lr: 0.1, momentum: 0.9 }), p, 0, fixture.steps);
  });

  it('addParamGroup adds a group that steps with its own options, as Python add_param_group', () => {
    const c = caseNamed('adam_groups');
    const p = problem();
    const opt = new optim.Adam([p.W], { lr: 0.05 });
    opt.addParamGroup({ params: [p.b], lr: 0.1, betas: [0.5, 0.6], amsgrad: true });
    expect(opt.paramGroups.length).toBe(2);
    expect([opt.paramGroups[1].eps, opt.paramGroups[1].lr]).toEqual([1e-8, 0.1]);
    runSteps(c, opt, p, 0, fixture.steps);
    expect(() => opt.addParamGroup({ params: [p.W] })).toThrow('some parameters appear in more than one parameter group');
    expect(() => opt.addParamGroup({ params: [torch.zeros(2)], lr: -1 })).toThrow('lr must be a non-negative number, got -1');
    // Python's Adagrad makes its state in the constructor: a later group's parameter has none, and
    // stepping it fails (a KeyError there).
    const adagrad = new optim.Adagrad([p.W]);
    adagrad.addParamGroup({ params: [p.b] });
    p.b.grad = torch.onesLike(p.b);
    expect(() => adagrad.step()).toThrow("optim.Adagrad.step: a parameter has no state 'sum'");
  });
});

describe("optim.Optimizer.loadStateDict of Python's own state_dict()", () => {
  const MID = 10;
  const decode = (x: unknown): unknown =>
    x !== null && typeof x === 'object' && 'shape' in (x as object) ? torch.tensor((x as { data: number[] }).data).view((x as { shape: number[] }).shape) : x;
  // Python's dict taken before step 10 (tensors, step as a float tensor's value, maximize/foreach keys),
  // loaded into a fresh optimizer made with another lr: steps 10..20 must be Python's.
  for (const c of fixture.cases) {
    it(c.name, () => {
      const p = problem(c.extra.frozen);
      torch.noGrad(() => { p.W.copy_(torch.tensor(c.trace[MID - 1].W).view(2, 3)); p.b.copy_(torch.tensor(c.trace[MID - 1].b)); });
      const opt = makeOptimizer({ ...c, options: { ...c.options, lr: 0.77 } }, p);
      const state = Object.fromEntries(Object.entries(c.mid_state.state).map(([i, s]) => [i, Object.fromEntries(Object.entries(s).map(([k, x]) => [k, decode(x)]))]));
      opt.loadStateDict({ state, param_groups: c.mid_state.param_groups } as never);
      runSteps(c, opt, p, MID, fixture.steps);
    });
  }
});
