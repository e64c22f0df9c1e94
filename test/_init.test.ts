// torch/__init__.py's global settings (lib/_init.ts), torch.inference_mode (lib/autograd.ts) and the
// inter-op thread count (lib/threads.ts) against Python 1.13 (test/fixtures/gen_init.py).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../lib';

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/init/init.json'), 'utf8'));
const det = (): unknown[] => [torch.areDeterministicAlgorithmsEnabled(), torch.isDeterministicAlgorithmsWarnOnlyEnabled(), torch.getDeterministicDebugMode()];

describe('torch/__init__.py settings', () => {
  it('deterministic algorithms and their debug mode', () => {
    expect(det()).toEqual(fx.deterministic.initial);
    for (const mode of ['warn', 'error', 'default', 1, 2, 0]) {
      torch.setDeterministicDebugMode(mode);
      expect(det(), String(mode)).toEqual(fx.deterministic[String(mode)]);
    }
    torch.useDeterministicAlgorithms(true, { warnOnly: true });
    expect(det()).toEqual(fx.deterministic.use_true_warn_only);
    torch.useDeterministicAlgorithms(true);
    expect(det()).toEqual(fx.deterministic.use_true);
    torch.useDeterministicAlgorithms(false);
    expect(det()).toEqual(fx.deterministic.use_false);
    // Python's RuntimeErrors for a bad value are RangeErrors here, its TypeError a TypeError
    const e = fx.deterministic_errors;
    expect(() => torch.setDeterministicDebugMode('bad')).toThrow(new RangeError(`torch.set_deterministic_debug_mode: ${e.bad[1]}`));
    expect(() => torch.setDeterministicDebugMode(3)).toThrow(new RangeError(`torch.set_deterministic_debug_mode: ${e['3'][1]}`));
    expect(e['1.5'][0]).toBe('TypeError');
    expect(() => torch.setDeterministicDebugMode(1.5)).toThrow(/^torch\.set_deterministic_debug_mode: debug_mode must be a string or an integer, got 1\.5/);
    expect(() => torch.useDeterministicAlgorithms(1 as never)).toThrow(TypeError);
    expect(() => torch.useDeterministicAlgorithms(true, { warn_only: true } as never)).toThrow(/unknown option 'warn_only' \(did you mean 'warnOnly'\?\)/);
    expect(det()).toEqual(fx.deterministic.use_false);
  });

  it('float32 matmul precision: an unknown name leaves it as it was', () => {
    expect(torch.getFloat32MatmulPrecision()).toBe(fx.float32_matmul_precision.initial);
    for (const p of ['high', 'medium', 'bad', 'highest']) {
      torch.setFloat32MatmulPrecision(p);
      expect(torch.getFloat32MatmulPrecision(), p).toBe(fx.float32_matmul_precision[p]);
    }
    expect(() => torch.setFloat32MatmulPrecision(1 as never)).toThrow(TypeError);
    // libtorch 1.13's own warning for this crashed (Python's call too); lib/_init.ts warns instead
    torch.setFloat32MatmulPrecision('x'.repeat(1000));
    expect(torch.getFloat32MatmulPrecision()).toBe(fx.float32_matmul_precision.highest);
  });

  it('warn-always and flush-denormal', () => {
    const warn = [torch.isWarnAlwaysEnabled()];
    torch.setWarnAlways(true);
    warn.push(torch.isWarnAlwaysEnabled());
    torch.setWarnAlways(false);
    expect([...warn, torch.isWarnAlwaysEnabled()]).toEqual(fx.warn_always);
    const denormal = () => torch.tensor([1e-300], { dtype: torch.float64 }).mul(1e-20).tolist();
    expect(torch.setFlushDenormal(true)).toBe(fx.flush_denormal.supported);
    try {
      expect(denormal()).toEqual(fx.flush_denormal.flushed);
    } finally {
      torch.setFlushDenormal(false);
    }
    expect(denormal()).toEqual(fx.flush_denormal.kept);
  });

  it('anomaly mode: a nan gradient is an error naming its node; checkNan false lets it through', () => {
    const flags = () => [torch.isAnomalyEnabled(), torch.isAnomalyCheckNanEnabled()];
    const nanGrad = () => {
      const a = torch.tensor([-1], { requiresGrad: true });
      a.sqrt().mul(0).sum().backward();
      return String((a.grad as torch.Tensor).tolist()).replace('NaN', 'nan');
    };
    const seen = [flags()];
    torch.setAnomalyEnabled(true);
    try {
      seen.push(flags());
      expect(nanGrad).toThrow(new torch.TorchError(fx.anomaly.nan_error[1]));
      torch.setAnomalyEnabled(true, { checkNan: false });
      seen.push(flags());
      expect(`[${nanGrad()}]`).toBe(fx.anomaly.grad_without_check);
    } finally {
      torch.setAnomalyEnabled(false);
    }
    seen.push(flags());
    expect(seen).toEqual(fx.anomaly.flags);
    expect(() => torch.setAnomalyEnabled(1 as never)).toThrow(TypeError);
  });
});

describe('torch.autograd.detect_anomaly and set_detect_anomaly', () => {
  it('turn anomaly mode on for a callback (warning as Python does) or until set back', async () => {
    const da = fx.detect_anomaly;
    const flags = () => [torch.isAnomalyEnabled(), torch.isAnomalyCheckNanEnabled()];
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    let inside: unknown[] = [];
    let insideNoCheck: unknown[] = [];
    try {
      torch.autograd.detectAnomaly(() => {
        inside = flags();
        expect(() => torch.tensor([-1], { requiresGrad: true }).sqrt().mul(0).sum().backward()).toThrow(new torch.TorchError(da.error[1]));
      });
      torch.autograd.detectAnomaly({ checkNan: false }, () => { insideNoCheck = flags(); });
      await new Promise((resolve) => setImmediate(resolve)); // process 'warning' events come on a later tick
    } finally {
      process.off('warning', onWarning);
    }
    expect([inside, insideNoCheck]).toEqual([da.inside, da.inside_no_check]);
    torch.autograd.setDetectAnomaly(true, false);
    expect(flags()).toEqual(da.set);
    torch.autograd.setDetectAnomaly(false);
    expect(flags()).toEqual(da.after);
    expect(torch.autograd.setDetectAnomaly(true, { checkNan: false }, () => flags())).toEqual(da.set);
    expect(flags()).toEqual(da.after);
    expect(() => torch.autograd.detectAnomaly({ check_nan: false } as never, () => 0)).toThrow(/unknown option 'check_nan'/);
    expect(() => torch.autograd.setDetectAnomaly(1 as never)).toThrow(/^torch\.autograd\.set_detect_anomaly: mode must be/);
    expect(warnings.filter((w) => w === da.warning)).toHaveLength(2);
  });
});

describe('torch.set_default_tensor_type', () => {
  it('sets the default dtype from a floating point type or its name; refuses the others as Python does', () => {
    const dtt = fx.default_tensor_type;
    try {
      for (const [name, t] of [['DoubleTensor', torch.DoubleTensor], ['torch.HalfTensor', 'torch.HalfTensor'], ['FloatTensor', torch.FloatTensor]] as const) {
        torch.setDefaultTensorType(t);
        expect([String(torch.getDefaultDtype()), String(torch.tensor([1.5]).dtype)], name).toEqual(dtt[name]);
      }
    } finally {
      torch.setDefaultDtype(torch.float32);
    }
    expect(() => torch.setDefaultTensorType(torch.LongTensor)).toThrow(new TypeError(dtt.LongTensor[1]));
    if (!torch.cuda.isAvailable()) expect(() => torch.setDefaultTensorType('torch.cuda.FloatTensor')).toThrow(new TypeError(dtt['torch.cuda.FloatTensor'][1]));
    expect(() => torch.setDefaultTensorType(torch.float64 as never)).toThrow(/^torch\.set_default_tensor_type: t must be a tensor type/);
    expect(() => torch.setDefaultTensorType('bad')).toThrow(TypeError);
  });
});

describe('torch.inference_mode', () => {
  it("makes inference tensors without autograd, nests, and restores the mode; Python's errors after", () => {
    const inf = fx.inference_mode;
    expect(torch.isInferenceModeEnabled()).toBe(inf.outside);
    let nested: unknown[] = [];
    const x = torch.inferenceMode(() => {
      const y = torch.ones(2);
      expect([torch.isInferenceModeEnabled(), torch.isGradEnabled(), y.isInference()]).toEqual(inf.inside);
      nested = torch.inferenceMode(false, () => [torch.isInferenceModeEnabled(), torch.isGradEnabled(), torch.ones(1).isInference()]);
      return y;
    });
    expect(nested).toEqual(inf.nested_false);
    expect([torch.isInferenceModeEnabled(), torch.isGradEnabled(), x.isInference()]).toEqual(inf.after);
    expect(() => x.add_(1)).toThrow(new torch.TorchError(inf.inplace_error[1]));
    expect(() => torch.ones(2, { requiresGrad: true }).mul(x).sum().backward()).toThrow(new torch.TorchError(inf.backward_error[1]));
    // a throwing callback leaves the mode as it was
    expect(() => torch.inferenceMode(() => { throw new Error('boom'); })).toThrow('boom');
    expect(torch.isInferenceModeEnabled()).toBe(false);
    expect(() => torch.inferenceMode(1 as never, () => 0)).toThrow(/^torch\.inference_mode: mode must be/);
    expect(() => torch.inferenceMode(true, undefined as never)).toThrow(/^torch\.inference_mode: fn must be/);
  });
});

describe('torch.set_num_interop_threads', () => {
  it('sets the count once, then refuses as libtorch does', () => {
    expect(() => torch.setNumInteropThreads(0)).toThrow(RangeError);
    torch.setNumInteropThreads(3);
    expect(torch.getNumInteropThreads()).toBe(3);
    expect(() => torch.setNumInteropThreads(2)).toThrow(/cannot set number of interop threads after parallel work has started or set_num_interop_threads called/);
  });
});
