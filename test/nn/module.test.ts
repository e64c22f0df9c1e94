import { describe, it, expect } from 'vitest';
import * as util from 'node:util';
import * as torch from '../../lib';
import { fixture } from './nn_fixtures';

const { nn } = torch;
const tree = fixture('tree');

// The same network as test/fixtures/gen_nn.py's Net.
class Net extends nn.Module {
  conv = new nn.Conv2d(1, 4, 3, { padding: 1 });
  bn = new nn.BatchNorm2d(4);
  pool = new nn.MaxPool2d(2);
  flat = new nn.Flatten();
  fc1 = new nn.Linear(4 * 4 * 4, 16);
  drop = new nn.Dropout({ p: 0.25 });
  fc2 = new nn.Linear(16, 10);

  override forward(x: torch.Tensor): torch.Tensor {
    x = this.pool.forward(this.bn.forward(this.conv.forward(x)).relu());
    return this.fc2.forward(this.drop.forward(this.fc1.forward(this.flat.forward(x)).relu()));
  }
}

const keys = (it: Iterable<[string, unknown]>) => [...it].map(([k]) => k);

// The values of test/fixtures/gen_nn.py's SETATTR_VALUES, under the same labels.
const setattr = fixture('setattr');
const VALUES: Record<string, () => unknown> = {
  float32: () => torch.zeros(3, 2),
  float64: () => torch.zeros(3, 2, { dtype: torch.float64 }),
  float16: () => torch.zeros(3, 2, { dtype: torch.float16 }),
  bfloat16: () => torch.zeros(3, 2, { dtype: torch.bfloat16 }),
  int64: () => torch.zeros(3, 2, { dtype: torch.int64 }),
  int32: () => torch.zeros(3, 2, { dtype: torch.int32 }),
  int16: () => torch.zeros(3, 2, { dtype: torch.int16 }),
  int8: () => torch.zeros(3, 2, { dtype: torch.int8 }),
  uint8: () => torch.zeros(3, 2, { dtype: torch.uint8 }),
  bool: () => torch.zeros(3, 2, { dtype: torch.bool }),
  int: () => 1,
  float: () => 1.5,
  str: () => 's',
  true: () => true,
  list: () => [1],
  dict: () => ({ a: 1 }),
};

/** Python's `setattr(m, name, value)`: null when accepted, else the TypeError's message. */
function assignError(m: object, name: string, value: unknown): string | null {
  try {
    (m as Record<string, unknown>)[name] = value;
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
  return null;
}

const members = (m: torch.nn.Module) => ({
  named_parameters: keys(m.namedParameters()),
  named_buffers: keys(m.namedBuffers()),
  named_children: keys(m.namedChildren()),
  state_dict_keys: [...m.stateDict().keys()],
  repr: String(m),
});

describe('nn.Module tree', () => {
  it('registers class fields in assignment order: traversal, stateDict keys and repr as PyTorch', () => {
    const net = new Net();
    expect(String(net)).toBe(tree.net.repr);
    expect(util.inspect(net)).toBe(tree.net.repr);
    expect([...net.stateDict().keys()]).toEqual(tree.net.state_dict_keys);
    expect(keys(net.namedParameters())).toEqual(tree.net.named_parameters);
    expect(keys(net.namedBuffers())).toEqual(tree.net.named_buffers);
    expect(keys(net.namedModules())).toEqual(tree.net.named_modules);
    expect(keys(net.namedChildren())).toEqual(tree.net.named_children);
    expect([...net.children()][0]).toBe(net.conv);
    expect([...net.modules()].length).toBe(8);
    expect(new Map(net.namedParameters()).get('fc1.weight')).toBe(net.fc1.weight);
    expect(net.forward(torch.randn(2, 1, 8, 8)).shape).toEqual([2, 10]);
  });

  it('registers attributes assigned in the constructor, registerModule/registerBuffer, and nested containers', () => {
    const holder = new nn.Module();
    holder.registerModule('layers', new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU(), new nn.Tanh()]));
    holder.addModule('heads', new nn.ModuleDict({ act: new nn.Sigmoid(), lin: new nn.Linear(3, 1) }));
    holder.registerBuffer('scale', torch.ones(2));
    holder.registerBuffer('cache', torch.zeros(2), false);
    expect(String(holder)).toBe(tree.holder.repr);
    expect([...holder.stateDict().keys()]).toEqual(tree.holder.state_dict_keys);
    expect(keys(holder.namedBuffers())).toEqual(tree.holder.named_buffers);
    expect(keys(holder.namedParameters())).toEqual(tree.holder.named_parameters);
    expect((holder as any).scale.tolist()).toEqual([1, 1]);
    const withOpts = new nn.Module();
    withOpts.registerModule('layers', new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU(), new nn.Tanh()]));
    withOpts.addModule('heads', new nn.ModuleDict({ act: new nn.Sigmoid(), lin: new nn.Linear(3, 1) }));
    withOpts.registerBuffer('scale', torch.ones(2), {});
    withOpts.registerBuffer('cache', torch.zeros(2), { persistent: false });
    expect([...withOpts.stateDict().keys()]).toEqual(tree.holder.state_dict_keys);
    expect(keys(withOpts.namedBuffers())).toEqual(tree.holder.named_buffers);

    class Custom extends nn.Module {
      a = new nn.Linear(1, 1);
      w: torch.nn.Parameter;
      constructor() {
        super();
        this.w = new nn.Parameter(torch.zeros(3));
        (this as any).b = new nn.Linear(1, 1);
        this.a = new nn.Linear(1, 2); // reassigning keeps the first position, as Python's dict
      }
    }
    expect(keys(new Custom().namedParameters())).toEqual(['w', 'a.weight', 'a.bias', 'b.weight', 'b.bias']);
  });

  it('de-duplicates shared parameters in iteration but not in stateDict, as PyTorch', () => {
    const shared = new nn.Linear(2, 2);
    const m = new nn.Module();
    m.addModule('x', shared);
    m.addModule('y', shared);
    expect(keys(m.namedParameters())).toEqual(['x.weight', 'x.bias']);
    expect([...m.stateDict().keys()]).toEqual(['x.weight', 'x.bias', 'y.weight', 'y.bias']);
    expect(String(m)).toBe('Module(\n  (x): Linear(in_features=2, out_features=2, bias=True)\n  (y): Linear(in_features=2, out_features=2, bias=True)\n)');
  });

  it('stateDict values are detached and share storage; loadStateDict copies (Map or object)', () => {
    const a = new Net();
    const b = new Net();
    const sd = a.stateDict();
    expect(sd.get('fc1.weight')!.requiresGrad).toBe(false);
    expect(sd.get('fc1.weight')).not.toBe(a.fc1.weight);
    expect(b.loadStateDict(Object.fromEntries(sd))).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.fc2.weight.equal(a.fc2.weight)).toBe(true);
    expect(b.fc2.weight.requiresGrad).toBe(true);
    const x = torch.randn(3, 1, 8, 8);
    a.eval();
    b.eval();
    expect(b.forward(x).allclose(a.forward(x))).toBe(true);
    torch.noGrad(() => sd.get('fc2.bias')!.fill_(7)); // shares storage with the parameter
    expect(a.fc2.bias!.tolist()).toEqual(new Array(10).fill(7));
    b.loadStateDict(sd);
    expect(b.forward(x).allclose(a.forward(x))).toBe(true);
  });

  it('loadStateDict reports errors with PyTorch text', () => {
    const sd = new Net().stateDict();
    const missing = new Map([...sd].filter(([k]) => !k.startsWith('fc2.')));
    const extra = new Map(sd);
    extra.set('fc3.weight', torch.zeros(1));
    extra.set('bn.extra', torch.zeros(1));
    const wrong = new Map(sd);
    wrong.set('fc1.weight', torch.zeros(16, 63));
    wrong.set('conv.bias', torch.zeros(5));
    const both = new Map([...extra].filter(([k]) => k !== 'conv.weight'));
    const message = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as Error).message; } return null; };
    expect(message(() => new Net().loadStateDict(missing))).toBe(tree.load.missing_strict);
    expect(message(() => new Net().loadStateDict(extra))).toBe(tree.load.unexpected_strict);
    expect(message(() => new Net().loadStateDict(both))).toBe(tree.load.both_strict);
    expect(message(() => new Net().loadStateDict(wrong))).toBe(tree.load.size_mismatch_strict);
    expect(message(() => new Net().loadStateDict(wrong, { strict: false }))).toBe(tree.load.size_mismatch_nonstrict);
    const r = new Net().loadStateDict(both, false);
    expect(r).toEqual({ missingKeys: tree.load.both_nonstrict.missing, unexpectedKeys: tree.load.both_nonstrict.unexpected });
    expect(() => new Net().loadStateDict([1, 2] as never)).toThrow('nn.Module.load_state_dict: state_dict must be a Map or an object of tensors');
    expect(() => new Net().loadStateDict({ 'fc1.weight': 3 } as never)).toThrow("state_dict['fc1.weight'] must be a Tensor, got 3");
  });

  it('train()/eval() switch every submodule and return this; Dropout follows the mode', () => {
    const net = new Net();
    expect(net.eval()).toBe(net);
    expect([...net.modules()].every((m) => !m.training)).toBe(true);
    const x = torch.ones(1, 64);
    expect(net.drop.forward(x).equal(x)).toBe(true);
    net.train();
    expect([...net.modules()].every((m) => m.training)).toBe(true);
    expect(net.drop.forward(torch.ones(1000)).eq(0).any().item()).toBe(true);
  });

  it('zeroGrad zeroes or drops gradients; requiresGrad_ freezes', () => {
    const net = new Net();
    net.forward(torch.randn(2, 1, 8, 8)).sum().backward();
    expect(net.fc1.weight.grad!.abs().sum().item()).toBeGreaterThan(0);
    net.zeroGrad();
    expect(net.fc1.weight.grad!.abs().sum().item()).toBe(0);
    net.zeroGrad({ setToNone: true });
    expect(net.fc1.weight.grad).toBeNull();
    expect(net.requiresGrad_(false)).toBe(net);
    expect([...net.parameters()].some((p) => p.requiresGrad)).toBe(false);
    for (const p of net.parameters()) p.requiresGrad = true;
    expect(net.fc2.bias!.requiresGrad).toBe(true);
    expect(() => net.zeroGrad({ set_to_none: true } as never)).toThrow("did you mean 'setToNone'?");
  });

  it('to(dtype) / double() / float() convert in place, keeping the parameter objects', () => {
    const net = new Net();
    const w = net.fc1.weight;
    expect(net.to(torch.float64)).toBe(net);
    expect(net.fc1.weight).toBe(w);
    expect(w.dtype).toBe(torch.float64);
    expect(net.bn.num_batches_tracked!.dtype).toBe(torch.int64);
    expect(net.forward(torch.randn(2, 1, 8, 8, { dtype: torch.float64 })).dtype).toBe(torch.float64);
    net.float();
    expect(w.dtype).toBe(torch.float32);
    expect(net.cpu()).toBe(net);
    expect(() => net.to(torch.int64)).toThrow('nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=torch.int64');
    // (an integer is a CUDA device index, as in Python: net.to(42) means cuda:42)
    expect(() => net.to(1.5 as never)).toThrow('nn.Module.to: device must be a device, a dtype or a Tensor, got 1.5');
  });

  it('apply visits children first; getSubmodule; forward must be defined', () => {
    const net = new Net();
    const seen: string[] = [];
    net.apply((m) => seen.push(m.constructor.name));
    expect(seen).toEqual(['Conv2d', 'BatchNorm2d', 'MaxPool2d', 'Flatten', 'Linear', 'Dropout', 'Linear', 'Net']);
    expect(net.getSubmodule('fc2')).toBe(net.fc2);
    expect(() => net.getSubmodule('fc9')).toThrow('Net has no attribute `fc9`');
    expect(() => new nn.Module().forward(1)).toThrow('Module [Module] is missing the required "forward" function');
  });

  it('assignment keeps a registered name to its kind, with Python\'s TypeError otherwise', () => {
    const lin = new nn.Linear(2, 3);
    const weight = lin.weight;
    for (const [label, make] of Object.entries(VALUES)) {
      expect(assignError(lin, 'weight', make()), `parameter ${label}`).toBe(setattr.parameter[label]);
      expect(assignError(new Net(), 'fc1', make()), `child ${label}`).toBe(setattr.child[label]);
      expect(assignError(new nn.BatchNorm1d(3), 'running_mean', make()), `buffer ${label}`).toBe(setattr.buffer[label]);
    }
    expect(lin.weight).toBe(weight);
    expect(keys(lin.namedParameters())).toEqual(['weight', 'bias']);
    expect(assignError(new nn.Linear(2, 3, { bias: false }), 'bias', torch.zeros(3))).toBe(setattr.none_bias);
    // JS only: undefined is no None; a module's name lacks Python's module path (torch.nn.modules.linear.Linear).
    expect(assignError(lin, 'bias', undefined)).toBe("cannot assign 'undefined' as parameter 'bias' (torch.nn.Parameter or None expected)");
    expect(assignError(lin, 'bias', new nn.Linear(1, 1))).toBe("cannot assign 'Linear' as parameter 'bias' (torch.nn.Parameter or None expected)");

    const seq = new nn.Sequential(new nn.ReLU(), new nn.Tanh());
    expect(assignError(new nn.Sequential(new nn.ReLU()), '0', torch.zeros(1))).toBe(setattr.sequential_item);
    expect(assignError(seq, '-1', 5)).toBe(setattr.sequential_setitem);
    seq[0] = null as never;
    expect(members(seq)).toEqual(setattr.sequential_none);
  });

  it('assignment moves names between parameters, buffers and children as Python\'s __setattr__', () => {
    const lin = new nn.Linear(2, 3) as any;
    lin.weight = null;
    expect(members(lin)).toEqual(setattr.weight_none);
    lin.weight = new nn.Parameter(torch.zeros(3, 2));
    expect(members(lin)).toEqual(setattr.weight_again);
    delete lin.bias;
    lin.bias = torch.zeros(3);
    expect(members(lin)).toEqual(setattr.bias_deleted);

    const bn = new nn.BatchNorm1d(3) as any;
    bn.running_mean = torch.ones(3);
    expect(members(bn)).toEqual(setattr.buffer_replaced);
    expect(bn.running_mean.tolist()).toEqual([1, 1, 1]);
    bn.running_mean = null;
    bn.running_var = new nn.Parameter(torch.ones(3));
    expect(members(bn)).toEqual(setattr.buffer_none_then_parameter);

    const net = new Net() as any;
    net.fc1 = null;
    net.conv = new nn.Parameter(torch.zeros(2));
    net.pool = new nn.Linear(1, 1);
    expect(members(net)).toEqual(setattr.children_changed);

    const plain = new nn.Module() as any;
    plain.a = 1;
    plain.p = new nn.Parameter(torch.zeros(1));
    plain.a = new nn.Parameter(torch.zeros(2));
    plain.registerParameter('q', null);
    expect(members(plain)).toEqual(setattr.plain_then_parameter);
    expect(assignError(plain, 'q', torch.zeros(1))).toBe(setattr.registered_none);
  });

  it('rejects bad registrations', () => {
    const m = new nn.Module();
    expect(() => m.registerBuffer('a.b', torch.zeros(1))).toThrow('buffer name can\'t contain "."');
    expect(() => m.registerBuffer('a', [1] as never)).toThrow('nn.Module.register_buffer: tensor must be a Tensor');
    expect(() => m.registerBuffer('a', torch.zeros(1), { persistent: 0 as never })).toThrow('nn.Module.register_buffer: persistent must be a boolean');
    expect(() => m.registerBuffer('a', torch.zeros(1), { persist: false } as never)).toThrow(/nn\.Module\.register_buffer: unknown option 'persist'/);
    expect(() => m.registerBuffer('a', torch.zeros(1), 'no' as never)).toThrow(/nn\.Module\.register_buffer: options must be an options object/);
    expect(() => m.registerParameter('p', torch.zeros(1) as never)).toThrow('nn.Module.register_parameter: p must be an nn.Parameter or null');
    expect(() => m.addModule('', new nn.ReLU())).toThrow("module name can't be empty string");
    expect(() => m.addModule('x', {} as never)).toThrow('nn.Module.add_module: module must be an nn.Module or null');
    m.registerBuffer('buf', null);
    expect([...m.buffers()]).toEqual([]);
    expect(() => m.registerBuffer('training', torch.zeros(1))).toThrow("attribute 'training' already exists");
  });
});

// getParameter, getBuffer, get/setExtraState, bfloat16, type: against test/fixtures/gen_nn_module_extra.py
describe('nn.Module: getParameter, getBuffer, extra state, bfloat16, type', () => {
  const fx = fixture('module_extra');
  const { nn } = torch;
  class Extra extends nn.Module {
    lin = new nn.Linear(2, 2);
    count = 3;
    override getExtraState(): unknown { return { count: this.count }; }
    override setExtraState(state: unknown): void { this.count = (state as { count: number }).count; }
  }
  const z = (): Map<string, torch.Tensor> => new Map([['lin.weight', torch.zeros(2, 2)], ['lin.bias', torch.zeros(2)]]);
  const keys = (r: torch.nn.IncompatibleKeys) => ({ missing: r.missingKeys, unexpected: r.unexpectedKeys });

  it('a module with getExtraState adds _extra_state to its state dict; loadStateDict gives it to setExtraState', () => {
    const m = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new Extra());
    expect([...m.stateDict().keys()]).toEqual(fx.keys);
    expect(m.stateDict().get('2._extra_state')).toEqual(fx.extra_state);
    const e = new Extra();
    const sd = z() as Map<string, unknown>;
    sd.set('_extra_state', { count: 5 });
    expect([keys(e.loadStateDict(sd as Map<string, torch.Tensor>)), e.count]).toEqual(fx.load);
    const l = new Map<string, unknown>([['weight', torch.zeros(2, 2)], ['bias', torch.zeros(2)], ['_extra_state', 1]]);
    expect(keys(new nn.Linear(2, 2).loadStateDict(l as Map<string, torch.Tensor>, false))).toEqual(fx.load_unexpected);
    expect(keys(new Extra().loadStateDict(z(), false))).toEqual(fx.load_missing);
  });

  it('getBuffer and getParameter by dotted path, with Python\'s errors', () => {
    const m = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2), new Extra());
    expect([m.getBuffer('1.running_mean').shape, m.getParameter('0.weight').shape]).toEqual(fx.get);
    expect(m.getParameter('0.weight')).toBe((m as unknown as { 0: torch.nn.Conv2d })[0].weight);
    const errs = [() => m.getBuffer('1.weight'), () => m.getParameter('1.running_mean'), () => m.getBuffer('1.nothing'), () => m.getParameter('5.weight'),
      () => new nn.Module().getExtraState(), () => new nn.Module().setExtraState(1)];
    errs.forEach((f, i) => expect(f).toThrow(fx.errors[i][1]));
  });

  it('bfloat16() casts the floating-point tensors, type(dtype) every tensor', () => {
    const dtypes = (m: torch.nn.Module) => Object.fromEntries([...m.stateDict()].map(([k, t]) => [k, String(t.dtype)]));
    expect(dtypes(new nn.Sequential(new nn.Linear(2, 2), new nn.BatchNorm1d(2)).bfloat16())).toEqual(fx.bfloat16);
    expect(dtypes(new nn.Sequential(new nn.Linear(2, 2), new nn.BatchNorm1d(2)).type(torch.float64))).toEqual(fx.type);
  });
});
