// nn.Module's backward hooks (register_full_backward_hook, the legacy register_backward_hook), the
// global hooks of torch.nn.modules.module, the state-dict hooks and nn.Softmax/LogSoftmax/Softmin's
// implicit dim, against Python PyTorch 1.13 (test/fixtures/gen_nn_module_hooks.py writes
// test/fixtures/nn/module_backward_hooks.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as torch from '../../lib';
import { dec, expectClose, type Enc } from './utils/nn_utils_fixture';

const { nn } = torch;
const F = nn.functional;
const H = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'nn', 'module_backward_hooks.json'), 'utf8'));
type G = (torch.Tensor | null)[];
interface Call { gi: (Enc | null)[]; go: (Enc | null)[] }

function linear(): torch.nn.Linear {
  torch.manualSeed(0);
  return new nn.Linear(4, 3);
}

function expectGrads(actual: G, expected: (Enc | null)[], what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  expected.forEach((e, i) => {
    if (e === null) expect(actual[i], `${what}[${i}]`).toBeNull();
    else expectClose(actual[i], e, `${what}[${i}]`);
  });
}

function expectCalls(calls: { gi: G; go: G }[], expected: Call[]): void {
  expect(calls.length).toBe(expected.length);
  calls.forEach((c, k) => {
    expectGrads(c.gi, expected[k].gi, `call ${k} grad_input`);
    expectGrads(c.go, expected[k].go, `call ${k} grad_output`);
  });
}

const x0 = (): torch.Tensor => dec(H.x);
const wOut = dec(H.w_out);

describe('nn.Module.registerFullBackwardHook', () => {
  it.each(['full_record', 'full_double'])('%s: the hook sees grad_input and grad_output; a returned gradInput replaces it', (name) => {
    const exp = H[name];
    const m = linear();
    const calls: { gi: G; go: G }[] = [];
    m.registerFullBackwardHook((_mod, gi, go) => {
      calls.push({ gi, go });
      return name === 'full_double' ? [gi[0]!.mul(2)] : undefined;
    });
    const x = x0().requiresGrad_(true);
    const y = m.forward(x);
    expect(y.gradFn!.name()).toBe(exp.y_grad_fn);
    y.mul(wOut).sum().backward();
    expectCalls(calls, exp.calls);
    expectClose(x.grad, exp.x_grad, 'x.grad');
    expectClose(m.weight.grad, exp.weight_grad, 'weight.grad');
    expectClose(m.bias!.grad, exp.bias_grad, 'bias.grad');
  });

  it('null for non-tensor arguments and outputs without a gradient; zeros for inputs that got none, as Python', () => {
    class Two extends nn.Module {
      forward(a: torch.Tensor, b: torch.Tensor, c: number): torch.Tensor[] {
        return [a.mul(b).mul(c), b.mul(3)];
      }
    }
    const m = new Two();
    const calls: { gi: G; go: G }[] = [];
    m.registerFullBackwardHook((_mod, gi, go) => { calls.push({ gi, go }); });
    const a = x0().requiresGrad_(true);
    const b = dec(H.two_b);
    (m.forward(a, b, 2.5) as torch.Tensor[])[0].sum().backward();
    const a2 = x0().requiresGrad_(true);
    const b2 = dec(H.two_b).requiresGrad_(true);
    (m.forward(a2, b2, 2.5) as torch.Tensor[])[0].sum().backward();
    expectCalls(calls, H.two.calls);
    expectClose(a.grad, H.two.a_grad, 'a.grad');
    expectClose(b2.grad, H.two.b2_grad, 'b2.grad');
  });

  it('runs from the output node when no input requires grad', () => {
    const m = linear();
    const calls: { gi: G; go: G }[] = [];
    m.registerFullBackwardHook((_mod, gi, go) => { calls.push({ gi, go }); });
    m.forward(x0()).mul(wOut).sum().backward();
    expectCalls(calls, H.no_input_grad.calls);
    expectClose(m.weight.grad, H.no_input_grad.weight_grad, 'weight.grad');
    // Returning gradients there is an error, as in Python.
    m.registerFullBackwardHook((_mod, gi) => [gi[0]]);
    m.registerFullBackwardHook(() => [torch.ones(2, 4)]);
    expect(() => m.forward(x0()).sum().backward()).toThrow('Backward hook for Modules where no input requires gradient should always return None');
  });

  it('a hook that throws makes backward throw its error; a wrong number of gradients is an error', () => {
    const m = linear();
    const h = m.registerFullBackwardHook(() => { throw new RangeError('from the hook'); });
    expect(() => m.forward(x0().requiresGrad_(true)).sum().backward()).toThrow('from the hook');
    h.remove();
    m.registerFullBackwardHook((_mod, gi) => [gi[0], gi[0]]);
    expect(() => m.forward(x0().requiresGrad_(true)).sum().backward()).toThrow('Backward hook returned an invalid number of grad_input, got 2, but expected 1');
  });

  it('a removed hook no longer runs; forward and the caller see views', () => {
    const m = linear();
    let n = 0;
    const h = m.registerFullBackwardHook(() => { n++; });
    const x = x0().requiresGrad_(true);
    m.forward(x).sum().backward();
    h.remove();
    m.forward(x).sum().backward();
    expect(n).toBe(1);
    expect(linear().registerFullBackwardHook(() => undefined)).toBeInstanceOf(torch.utils.hooks.RemovableHandle);
  });
});

describe('nn.Module.registerBackwardHook (legacy)', () => {
  it("sees the gradients of the output's grad_fn and may replace them", () => {
    const m = linear();
    const calls: { gi: G; go: G }[] = [];
    m.registerBackwardHook((_mod, gi, go) => {
      calls.push({ gi, go });
      return [gi[0]!.mul(3), gi[1], gi[2]];
    });
    const x = x0().requiresGrad_(true);
    m.forward(x).mul(wOut).sum().backward();
    expectCalls(calls, H.legacy.calls);
    expectClose(x.grad, H.legacy.x_grad, 'x.grad');
    expectClose(m.bias!.grad, H.legacy.bias_grad, 'bias.grad');
    expectClose(m.weight.grad, H.legacy.weight_grad, 'weight.grad');
    expect(() => m.registerFullBackwardHook(() => undefined)).toThrow(H.mixed_error);
  });

  it('checks what the hook returns, as Python', () => {
    const m = linear();
    m.registerBackwardHook(() => [null]);
    expect(() => m.forward(x0().requiresGrad_(true)).sum().backward()).toThrow('has returned an incorrect number of values (got 1, but expected 3)');
    const m2 = linear();
    m2.registerBackwardHook((_mod, gi) => [gi[0], gi[1]!.sum(), gi[2]]);
    expect(() => m2.forward(x0().requiresGrad_(true)).sum().backward()).toThrow('has changed the size of value');
  });
});

describe('torch.nn.modules.module global hooks', () => {
  it('run before the modules\' own, in Python\'s order; removed, they stop', () => {
    const mm = nn.modules.module;
    torch.manualSeed(1);
    const seq = new nn.Sequential(new nn.Linear(4, 5), new nn.ReLU(), new nn.Linear(5, 3));
    const order: string[] = [];
    const name = (m: torch.nn.Module): string => m.constructor.name;
    const hs = [
      mm.registerModuleForwardPreHook((m) => { order.push('gpre ' + name(m)); }),
      mm.registerModuleForwardHook((m) => { order.push('gfwd ' + name(m)); }),
      mm.registerModuleFullBackwardHook((m, gi) => { order.push(`gbwd ${name(m)} ${JSON.stringify(gi.map((e) => (e === null ? null : e.shape)))}`.replace(/,/g, ', ')); }),
      seq.at(0).registerForwardPreHook(() => { order.push('pre 0'); }),
      seq.at(2).registerForwardHook(() => { order.push('fwd 2'); }),
      seq.at(2).registerFullBackwardHook(() => { order.push('bwd 2'); }),
    ];
    const x = x0().requiresGrad_(true);
    try {
      (seq.forward(x) as torch.Tensor).mul(wOut).sum().backward();
    } finally {
      for (const h of hs) h.remove();
    }
    expect(order).toEqual(H.global_order);
    expectClose(x.grad, H.global_x_grad, 'x.grad');
    order.length = 0;
    seq.forward(x0());
    expect(order).toEqual(H.global_after_remove);
    expect(() => mm.registerModuleBackwardHook(() => undefined)).toThrow(H.global_mixed_error);
  });
});

describe('state-dict hooks', () => {
  it('_registerStateDictHook edits the state dict; the metadata records versions', () => {
    const m = linear();
    m._registerStateDictHook((_mod, sd, prefix) => { sd.set(prefix + 'extra', torch.ones(1)); });
    const sd = new nn.Sequential(m).stateDict();
    expect([...sd.keys()]).toEqual(H.sd_hook_keys);
    expect(Object.fromEntries((sd as unknown as { _metadata: Map<string, unknown> })._metadata)).toEqual(H.sd_metadata);
  });

  it('load pre-hooks change the copied state dict, post-hooks the key lists; strict judges the edited lists', () => {
    const target = linear();
    const seen: unknown[] = [];
    target._registerLoadStateDictPreHook((sd: unknown, prefix: unknown, _meta: unknown, strict: unknown) => {
      const m = sd as Map<string, torch.Tensor>;
      seen.push([prefix, [...m.keys()].sort(), strict]);
      if (m.has(`${prefix}old_weight`)) {
        m.set(`${prefix}weight`, m.get(`${prefix}old_weight`)!);
        m.delete(`${prefix}old_weight`);
      }
    });
    target.registerLoadStateDictPostHook((_mod, keys) => {
      seen.push(['post', [...keys.missingKeys], [...keys.unexpectedKeys]]);
      keys.missingKeys.length = 0;
    });
    const wrap = new nn.Sequential(target);
    const src = new Map([['0.old_weight', dec(H.load_hooks.src_weight)], ['0.junk', torch.zeros(1)]]);
    try {
      wrap.loadStateDict(src);
    } catch (e) {
      seen.push(['error', (e as Error).message]);
    }
    const res = wrap.loadStateDict(src, false);
    expect(seen).toEqual(H.load_hooks.seen);
    expect([res.missingKeys, res.unexpectedKeys]).toEqual(H.load_hooks.result);
    expectClose(target.weight, H.load_hooks.weight, 'weight');
    expect([...src.keys()]).toEqual(['0.old_weight', '0.junk']);
  });

  it('a post-hook that returns a value is an error', () => {
    const m = linear();
    m.registerLoadStateDictPostHook(() => 1);
    expect(() => m.loadStateDict(m.stateDict())).toThrow('are not');
  });
});

describe('nn.Softmax / LogSoftmax / Softmin with dim=None', () => {
  afterEach(() => vi.restoreAllMocks());

  it("pick Python's implicit dim (0 for 0-, 1- and 3-d inputs, else 1) and warn", () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let nd = 0; nd <= 4; nd++) {
      const c = H.softmax[String(nd)];
      const x = dec(c.x);
      expectClose(new nn.Softmax().forward(x), c.softmax, `Softmax ${nd}-d`);
      expectClose(new nn.LogSoftmax().forward(x), c.log_softmax, `LogSoftmax ${nd}-d`);
      expectClose(new nn.Softmin().forward(x), c.softmin, `Softmin ${nd}-d`);
      expectClose(F.softmax(x), c.F_softmax, `F.softmax ${nd}-d`);
    }
    expect([new nn.Softmax(), new nn.LogSoftmax(), new nn.Softmin(), new nn.Softmax({ dim: 1 })].map(String)).toEqual(H.softmax.repr);
    // Each once per process, as Python's default warning filter shows them once per call site.
    const messages = new Set(warn.mock.calls.map((c) => String(c[0])));
    for (const m of H.softmax.warnings) expect(messages.has(m), m).toBe(true);
  });
});

describe('keyword calls of forward', () => {
  it('forward({ input }) is Python\'s m(input=x); hooks see the positional arguments only, as Python', () => {
    const m = linear();
    const seen: number[] = [];
    m.registerForwardPreHook((_mod, input) => { seen.push(input.length); });
    const y = m.forward({ input: x0() });
    expect(seen).toEqual([0]);
    y.mul(wOut).sum().backward();
    expectClose(m.weight.grad, H.full_record.weight_grad, 'weight.grad');
  });
});

describe("nn.utils.spectral_norm's state-dict hooks", () => {
  it('records its version in the metadata and loads a version-0 state dict (no weight_v) as Python', () => {
    const S = H.spectral_norm;
    torch.manualSeed(3);
    const sn = nn.utils.spectralNorm(new nn.Linear(4, 3));
    const sd = sn.stateDict();
    expect([...sd.keys()]).toEqual(S.keys);
    expect(Object.fromEntries((sd as unknown as { _metadata: Map<string, unknown> })._metadata)).toEqual(S.metadata);
    torch.manualSeed(5);
    const fresh = nn.utils.spectralNorm(new nn.Linear(4, 3));
    const old = new Map(Object.entries(S.old as Record<string, Enc>).map(([k, e]) => [k, dec(e)]));
    fresh.loadStateDict(old);
    expect(old.has('weight')).toBe(true);
    expectClose(fresh.weight_v as torch.Tensor, S.weight_v, 'weight_v', 1e-4);
    fresh.eval();
    expectClose(fresh.forward(x0()), S.eval_out, 'eval output', 1e-4);
    // Removed, it takes its hooks along.
    nn.utils.removeSpectralNorm(fresh);
    expect(fresh._stateDictHooks.size + fresh._loadStateDictPreHooks.size).toBe(0);
  });
});
