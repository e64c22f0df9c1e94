// torch.cuda.amp.GradScaler (lib/cuda/amp/grad_scaler.ts) on a machine without CUDA, against Python
// 1.13 (test/fixtures/gen_amp.py): it warns and disables itself, then scale() returns its input,
// step() is optimizer.step(), update/unscale_/load_state_dict do nothing, get_scale() is 1.0 and
// state_dict() is {}. The enabled path needs CUDA (its kernels are CUDA-only in 1.13); its checks and
// state dict, before any kernel, are compared with CUDA taken as available in both languages.
import { describe, it, expect, vi } from 'vitest';
import * as torch from '../../../lib';
import { fx, load, ampNet } from '../../amp/fixture';

// CUDA taken as available where a test asks, as gen_amp.py patches Python's amp_definitely_not_available
const amp = vi.hoisted(() => ({ takeCudaAsAvailable: false }));
vi.mock('../../../lib/cuda/amp/common', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../lib/cuda/amp/common')>();
  return { ampDefinitelyNotAvailable: () => !amp.takeCudaAsAvailable && actual.ampDefinitelyNotAvailable() };
});

const { nn, optim } = torch;
const F = nn.functional;
const { GradScaler } = torch.cuda.amp;

function warningsOf<T>(f: () => T): [string[], T] {
  const warnings: string[] = [];
  const emit = process.emitWarning;
  process.emitWarning = ((m: string | Error) => warnings.push(String(m))) as typeof process.emitWarning;
  try {
    const r = f();
    return [warnings, r];
  } finally {
    process.emitWarning = emit;
  }
}

describe.skipIf(torch.cuda.isAvailable() || !fx)('torch.cuda.amp.GradScaler without CUDA', () => {
  it('warns and disables itself, as Python; enabled: false is quiet', () => {
    const [w, s] = warningsOf(() => new GradScaler());
    expect([w, null]).toEqual(fx.messages.grad_scaler);
    expect(s.isEnabled()).toBe(false);
    const [w2] = warningsOf(() => new GradScaler({ enabled: false }));
    expect([w2, null]).toEqual(fx.messages.grad_scaler_disabled);
    // Python checks the factors only when enabled
    const [, s3] = warningsOf(() => new GradScaler(1024, 0.5, 2));
    expect(s3.isEnabled()).toBe(false);
  });

  it('disabled: every method as Python, and step() is the optimizer\'s step', () => {
    const g = fx.grad_scaler;
    const net = ampNet();
    const x = load(fx.inputs.x);
    const target = torch.tensor(fx.inputs.target, { dtype: torch.int64 });
    const loss = torch.autocast('cpu', () => F.crossEntropy(net.fc2.forward(F.relu(net.fc1.forward(x))), target));
    loss.backward();

    const opt = new optim.SGD(net.parameters(), { lr: 0.1 });
    const [, scaler] = warningsOf(() => new GradScaler({ initScale: 1024.0, growthInterval: 10 }));
    const list = [loss, loss];
    const got: Record<string, unknown> = {
      is_enabled: scaler.isEnabled(),
      get_scale: scaler.getScale(),
      state_dict: scaler.stateDict(),
      _get_growth_tracker: scaler._getGrowthTracker(),
      scale_is_input: scaler.scale(loss) === loss,
      scale_list_is_input: scaler.scale(list) === list,
      unscale_: scaler.unscale_(opt) ?? null,
      update: scaler.update() ?? null,
      update_new_scale: scaler.update(2.0) ?? null,
      load_state_dict: scaler.loadStateDict({}) ?? null,
    };
    let err: unknown;
    try {
      scaler.getGrowthFactor();
    } catch (e) {
      err = e;
    }
    expect(g.get_growth_factor[0]).toBe('AttributeError');
    expect((err as Error).message).toContain(g.get_growth_factor[1]);
    scaler.setGrowthFactor(3.0);
    got.get_growth_factor_after_set = scaler.getGrowthFactor();
    // Python's step() returned None, str() of it 'None'
    got.step = String(scaler.step(opt) ?? 'None');
    got.params_after_step = Object.fromEntries([...net.stateDict()].map(([k, t]) => [k, { dtype: String(t.dtype), shape: t.shape, values: t.flatten().tolist() }]));
    got.step_closure = scaler.step(opt, () => 7.0);
    got.get_scale_after = scaler.getScale();
    got.state_dict_after = scaler.stateDict();
    const { get_growth_factor: _attributeError, ...rest } = g; // checked above
    expect(got).toEqual(rest);
    // the step moved the weights (Python's values after it differ from the ones loaded)
    expect(g.params_after_step['fc1.weight'].values).not.toEqual(fx.params['fc1.weight'].values);
  });

  it('argument errors name the call and the argument', () => {
    expect(() => new GradScaler({ init_scale: 2 } as never)).toThrow(/unknown option 'init_scale' \(did you mean 'initScale'\?\)/);
    expect(() => new GradScaler('x' as never)).toThrow(/^torch\.cuda\.amp\.GradScaler: init_scale must be a number, got "x"$/);
    expect(() => new GradScaler({ growthInterval: 1.5 })).toThrow(/growth_interval must be an integer/);
    expect(() => new GradScaler({ enabled: 'yes' as never })).toThrow(/enabled must be a boolean/);
    const [, s] = warningsOf(() => new GradScaler());
    expect(() => s.step(null as never)).toThrow(/^torch\.cuda\.amp\.GradScaler\.step: optimizer must be an optimizer \(with step\(\)\), got null$/);
    expect(() => s.setGrowthInterval(0.5)).toThrow(TypeError);
  });
});

describe.skipIf(!fx)('torch.cuda.amp.GradScaler enabled, up to its CUDA kernels', () => {
  const e = fx?.grad_scaler_enabled;
  const enabled = <T>(f: () => T): T => {
    amp.takeCudaAsAvailable = true;
    try {
      return f();
    } finally {
      amp.takeCudaAsAvailable = false;
    }
  };
  // Python's AssertionError / ValueError / RuntimeError: the same text after the call's name
  const expectError = (f: () => unknown, want: [string, string], call: string): void => {
    let err: Error | undefined;
    try {
      f();
    } catch (x) {
      err = x as Error;
    }
    expect(err, `${call}: ${want.join(': ')}`).toBeInstanceOf(Error);
    if (want[1] !== '') expect(err?.message).toBe(`torch.cuda.amp.GradScaler${call}: ${want[1]}`);
  };

  it('checks, errors before scale(), state_dict and load_state_dict as Python', () => {
    expectError(() => enabled(() => new GradScaler({ growthFactor: 0.5 })), e.growth_factor, '');
    expectError(() => enabled(() => new GradScaler({ backoffFactor: 1.5 })), e.backoff_factor, '');
    const s = enabled(() => new GradScaler({ initScale: 1024.0, growthInterval: 10 }));
    expect(s.isEnabled()).toBe(e.is_enabled);
    expect(s.getScale()).toBe(e.get_scale);
    expect(s.stateDict()).toEqual(e.state_dict);
    expect([s.getGrowthFactor(), s.getBackoffFactor(), s.getGrowthInterval(), s._getGrowthTracker()]).toEqual(e.factors);
    const p = torch.zeros(3, { requiresGrad: true });
    const opt = new optim.SGD([p], { lr: 0.1 });
    expectError(() => s.unscale_(opt), e.unscale_, '.unscale_');
    expectError(() => s.step(opt), e.step, '.step');
    expectError(() => s.step(opt, { closure: () => 1.0 }), e.step_closure, '.step');
    expectError(() => s.update(), e.update, '.update');
    // a CPU tensor: Python's bare assert, a named error here
    expect(e.scale_cpu[0]).toBe('AssertionError');
    expect(() => s.scale(p)).toThrow(/^torch\.cuda\.amp\.GradScaler\.scale: outputs must be CUDA tensors, got one on cpu$/);
    expect(e.scale_list_cpu[0]).toBe('AssertionError');
    expect(() => s.scale([p])).toThrow(/outputs must be CUDA tensors/);
    expect(e.scale_number).toEqual(['ValueError', 'outputs must be a Tensor or an iterable of Tensors']);
    expect(() => s.scale([1])).toThrow(new TypeError(`torch.cuda.amp.GradScaler.scale: ${e.scale_number[1]}, got 1`));
    expectError(() => s.loadStateDict({}), e.load_empty, '.load_state_dict');
    s.loadStateDict({ scale: 8.0, growth_factor: 3.0, backoff_factor: 0.25, growth_interval: 5, _growth_tracker: 2 });
    expect([s.getScale(), s.stateDict(), s._getGrowthTracker()]).toEqual(e.loaded);
    s.setGrowthFactor(4.0);
    s.setBackoffFactor(0.125);
    s.setGrowthInterval(7);
    expect(s.stateDict()).toEqual(e.set);
    expect(() => s.loadStateDict({ scale: 8.0 })).toThrow(/state_dict has no 'growth_factor'/);
    expect(() => s.loadStateDict({ ...e.set, growth_interval: 'x' })).toThrow(/state_dict\['growth_interval'\] must be an integer/);
  });
});
