// torch.cuda.amp.GradScaler (lib/cuda/amp/grad_scaler.ts) on a machine without CUDA, against Python
// 1.13 (test/fixtures/gen_amp.py): it warns and disables itself, then scale() returns its input,
// step() is optimizer.step(), update/unscale_/load_state_dict do nothing, get_scale() is 1.0 and
// state_dict() is {}. The enabled path needs CUDA (its kernels are CUDA-only in 1.13).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../../lib';

const { nn, optim } = torch;
const F = nn.functional;
const { GradScaler } = torch.cuda.amp;
const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/amp/amp.json'), 'utf8'));
interface Fx { dtype: string; shape: number[]; values: number[] }
const load = (f: Fx): torch.Tensor => torch.tensor(f.values).reshape(f.shape);

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

describe.skipIf(torch.cuda.isAvailable())('torch.cuda.amp.GradScaler without CUDA', () => {
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
    class Net extends nn.Module {
      conv = new nn.Conv2d(3, 4, 3);
      fc1 = new nn.Linear(6, 8);
      fc2 = new nn.Linear(8, 3);
    }
    const net = new Net();
    net.loadStateDict(Object.fromEntries(Object.entries(fx.params as Record<string, Fx>).map(([k, f]) => [k, load(f)])));
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
