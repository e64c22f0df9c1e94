// torch.autocast, torch.cpu.amp.autocast, torch.cuda.amp.autocast and the autocast state functions
// (lib/amp/autocast_mode.ts, native/autocast.cc) against Python 1.13 (test/fixtures/gen_amp.py): the
// state each call and region leaves, the warnings and errors, and the dtypes and values of ops and a
// small model under autocast('cpu', bfloat16) on the same inputs and weights.
import { describe, it, expect, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as torch from '../../lib';
import { fx, load, ampNet, Fx } from './fixture';

const { nn } = torch;
const F = nn.functional;
const state = (): Record<string, unknown> => ({
  is_autocast_enabled: torch.isAutocastEnabled(),
  is_autocast_cpu_enabled: torch.isAutocastCpuEnabled(),
  gpu_dtype: String(torch.getAutocastGpuDtype()),
  cpu_dtype: String(torch.getAutocastCpuDtype()),
  cache_enabled: torch.isAutocastCacheEnabled(),
});

/** [warnings, error as [class, message] or null] of f(), as the fixture records Python's. */
function caught(f: () => unknown): [string[], [string, string] | null] {
  const warnings: string[] = [];
  const emit = process.emitWarning;
  process.emitWarning = ((m: string | Error) => warnings.push(String(m))) as typeof process.emitWarning;
  try {
    f();
    return [warnings, null];
  } catch (e) {
    return [warnings, [(e as Error).name, (e as Error).message]];
  } finally {
    process.emitWarning = emit;
  }
}

/** Python's result, bit for bit: the same kernels run on the same libtorch, in bfloat16 as in float32. */
function expectLike(got: torch.Tensor, want: Fx, label: string): void {
  expect(String(got.dtype), label).toBe(want.dtype);
  expect(got.shape, label).toEqual(want.shape);
  expect(got.detach().float().flatten().tolist(), label).toEqual(want.values);
}

afterEach(() => {
  // every test leaves autocast as it found it (off, default dtypes, cache on, nesting 0)
  expect(state()).toEqual(fx.state.initial);
  expect(torch.autocastIncrementNesting()).toBe(1);
  expect(torch.autocastDecrementNesting()).toBe(0);
});

describe.skipIf(!fx)('autocast state functions (torch._C)', () => {
  it('values after each set, nesting counts and errors as Python', () => {
    expect(state()).toEqual(fx.state.initial);
    torch.setAutocastCpuEnabled(true);
    torch.setAutocastEnabled(true);
    torch.setAutocastCacheEnabled(false);
    torch.setAutocastGpuDtype(torch.float64);
    expect(state()).toEqual(fx.state.set);
    torch.setAutocastCpuEnabled(false);
    torch.setAutocastEnabled(false);
    torch.setAutocastCacheEnabled(true);
    torch.setAutocastGpuDtype(torch.float16);
    expect(state()).toEqual(fx.state.reset);
    const n = [torch.autocastIncrementNesting(), torch.autocastIncrementNesting(), torch.autocastDecrementNesting(),
      torch.autocastDecrementNesting(), torch.autocastDecrementNesting(), torch.autocastIncrementNesting()];
    expect(n).toEqual(fx.state.nesting);
    const e = fx.state.errors;
    expect(e.set_cpu_dtype_float32[0]).toBe('RuntimeError');
    expect(() => torch.setAutocastCpuDtype(torch.float32)).toThrow(new torch.TorchError(e.set_cpu_dtype_float32[1]));
    expect(e.set_cpu_dtype_str[0]).toBe('TypeError');
    expect(() => torch.setAutocastCpuDtype('x' as never)).toThrow(/^torch\.set_autocast_cpu_dtype: dtype must be a torch\.dtype, got "x"$/);
    expect(e.set_cpu_enabled_int[0]).toBe('TypeError');
    expect(() => torch.setAutocastCpuEnabled(1 as never)).toThrow(/^torch\.set_autocast_cpu_enabled: enabled must be a boolean, got 1$/);
    expect(() => torch.setAutocastCacheEnabled(null as never)).toThrow(TypeError);
    expect(() => torch.setAutocastGpuDtype(6 as never)).toThrow(TypeError);
    expect(state()).toEqual(fx.state.after_errors);
    torch.clearAutocastCache();
  });

  it('the state inside nested regions, and restored on leaving them', () => {
    const inside: Record<string, unknown> = {};
    const r = torch.autocast('cpu', () => {
      inside.autocast_cpu = state();
      torch.autocast('cpu', { enabled: false }, () => {
        inside.nested_disabled = state();
        torch.cpu.amp.autocast({ cacheEnabled: false }, () => {
          inside.nested_cpu_amp_no_cache = state();
        });
      });
      inside.back = state();
      return 42;
    });
    inside.after = state();
    expect(r).toBe(42);
    expect(inside).toEqual(fx.inside);
  });

  it('the state is per thread, as Python\'s: a worker_thread has its own', async () => {
    const root = path.resolve(__dirname, '../..');
    const addon = [process.env.TORCH_NODE_ADDON ?? '', path.join(root, 'build', 'Release', 'torch_node.node'), path.join(root, 'build-gyp', 'Release', 'torch_node.node')].find((f) => f && fs.existsSync(f));
    // the worker loads the addon itself (workers cannot import the TypeScript sources)
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const native = require(workerData.addon);
      const a = native.rand([3, 4], 6, 'cpu'), b = native.rand([4, 2], 6, 'cpu');
      const before = [native.isAutocastEnabled(true), native.dtype(native.matmul(a, b))];
      native.setAutocastEnabled(true, true);
      const on = [native.isAutocastEnabled(true), native.dtype(native.matmul(a, b))];
      native.setAutocastEnabled(true, false);
      parentPort.postMessage({ before, on });`;
    torch.setAutocastCpuEnabled(true);
    try {
      const got = await new Promise((resolve, reject) => {
        const w = new Worker(source, { eval: true, workerData: { addon } });
        w.once('message', resolve);
        w.once('error', reject);
      });
      // float32 is code 6, bfloat16 15: off in the new thread while on here; turned on and off there,
      // still on here
      expect(got).toEqual({ before: [false, 6], on: [true, 15] });
      expect(torch.isAutocastCpuEnabled()).toBe(true);
      expect(torch.rand(3, 4).matmul(torch.rand(4, 2)).dtype).toBe(torch.bfloat16);
    } finally {
      torch.setAutocastCpuEnabled(false);
    }
  });

  it('a throwing callback leaves the region as __exit__ does', () => {
    expect(() => torch.autocast('cpu', () => { throw new RangeError('inside'); })).toThrow('inside');
    expect(state()).toEqual(fx.state.initial);
  });
});

describe.skipIf(!fx)('torch.autocast warnings and errors', () => {
  const m = fx?.messages;
  it("CPU with float16: warns, disables, then libtorch refuses the dtype on entering (Python's order)", () => {
    let ran = false;
    const [w, err] = caught(() => torch.autocast('cpu', { dtype: torch.float16 }, () => { ran = true; }));
    expect(w).toEqual(m.cpu_float16[0]);
    expect(err).toEqual(['TorchError', m.cpu_float16[1][1]]);
    expect(ran).toBe(false);
    expect(state()).toEqual(m.cpu_float16_state);
  });

  it("'cuda' without CUDA warns and runs the callback with autocast off", () => {
    const inside: unknown[] = [];
    const [w, err] = caught(() => torch.autocast('cuda', () => inside.push(state())));
    expect([w, err]).toEqual(m.cuda);
    expect(inside).toEqual([m.cuda_state]);
    expect(caught(() => torch.cuda.amp.autocast(() => 1))).toEqual(m.cuda_amp);
    expect(caught(() => torch.cpu.amp.autocast(() => 1))).toEqual(m.cpu_amp);
  });

  it('bfloat16 on CUDA asks the device, which fails without CUDA; unknown devices', () => {
    const [w1, e1] = caught(() => torch.autocast('cuda', { dtype: torch.bfloat16 }, () => 1));
    expect(w1).toEqual(m.cuda_bfloat16[0]);
    expect(e1?.[1]).toBe(`torch.cuda.is_bf16_supported: ${m.cuda_bfloat16[1][1]}`);
    const [w2, e2] = caught(() => torch.cuda.amp.autocast({ dtype: torch.bfloat16 }, () => 1));
    expect(w2).toEqual(m.cuda_amp_bfloat16[0]);
    expect(e2?.[1]).toBe(`torch.cuda.is_bf16_supported: ${m.cuda_amp_bfloat16[1][1]}`);
    const [w3, e3] = caught(() => torch.autocast('mps', () => 1));
    expect(w3).toEqual(m.mps[0]);
    expect(e3).toEqual(['RangeError', `torch.autocast: ${m.mps[1][1]}`]);
  });

  it('argument errors name the call and the argument', () => {
    expect(() => torch.autocast('cpu', { enabled: 1 as never }, () => 1)).toThrow(/^torch\.autocast: enabled must be a boolean, got 1$/);
    expect(() => torch.autocast('cpu', { cache_enabled: false } as never, () => 1)).toThrow(/unknown option 'cache_enabled' \(did you mean 'cacheEnabled'\?\)/);
    expect(() => torch.autocast('cpu', { dtype: 'bfloat16' as never }, () => 1)).toThrow(/^torch\.autocast: dtype must be a torch\.dtype/);
    expect(() => torch.autocast(3 as never, () => 1)).toThrow(/^torch\.autocast: device_type must be a string, got 3$/);
    expect(() => (torch.autocast as (...a: unknown[]) => unknown)('cpu')).toThrow(/^torch\.autocast: fn must be a function/);
    expect(() => (torch.autocast as (...a: unknown[]) => unknown)(() => 1)).toThrow(/missing 1 required positional argument: 'device_type'/);
    expect(() => torch.cpu.amp.autocast(true, torch.bfloat16, true, () => 1)).not.toThrow();
    expect(() => (torch.cpu.amp.autocast as (...a: unknown[]) => unknown)(true, torch.bfloat16, true, null, () => 1)).toThrow(/takes at most 3 positional arguments but 4 were given/);
  });
});

describe.skipIf(!fx)('ops and a model under autocast(cpu, bfloat16)', () => {
  const inp = fx?.inputs;
  const x = load(inp.x), a = load(inp.a), b = load(inp.b), c = load(inp.c), ba = load(inp.ba), bb = load(inp.bb), img = load(inp.img);
  const target = torch.tensor(inp.target, { dtype: torch.int64 });
  const net = ampNet();

  const ops = (): Record<string, torch.Tensor> => {
    const h = net.fc1.forward(x);
    return {
      matmul: a.matmul(b),
      mm: torch.mm(a, b),
      addmm: torch.addmm(c, a, b),
      bmm: torch.bmm(ba, bb),
      linear: F.linear(x, net.fc1.weight, net.fc1.bias),
      Linear: h,
      conv2d: F.conv2d(img, net.conv.weight, net.conv.bias),
      Conv2d: net.conv.forward(img),
      relu_of_bf16: F.relu(h),
      softmax: torch.softmax(a, 1),
      log_softmax_of_bf16: F.logSoftmax(net.fc2.forward(F.relu(h)), 1),
      sum: a.sum(),
      sum_of_bf16: h.sum(),
      add_mixed: a.matmul(b).add(c),
      mse_loss_of_bf16: F.mseLoss(net.fc2.forward(F.relu(h)), torch.zeros(4, 3)),
      cross_entropy: F.crossEntropy(net.fc2.forward(F.relu(h)), target),
      exp: a.exp(),
    };
  };

  it('dtypes and values as Python (bfloat16 on the lower-precision list, float32 on the fp32 list)', () => {
    const got = torch.autocast('cpu', { dtype: torch.bfloat16 }, ops);
    expect(Object.keys(got)).toEqual(Object.keys(fx.ops));
    for (const [k, t] of Object.entries(got)) expectLike(t, fx.ops[k], k);
    // and not what float32 gives: the region did cast
    expect(fx.ops.matmul.dtype).not.toBe(fx.ops_float32.matmul.dtype);
  });

  it('outside a region, and in an enabled: false one, float32 as Python', () => {
    for (const [k, t] of Object.entries(ops())) expectLike(t, fx.ops_float32[k], `outside ${k}`);
    for (const [k, t] of Object.entries(torch.autocast('cpu', { enabled: false }, ops))) expectLike(t, fx.ops_disabled[k], `disabled ${k}`);
  });

  it('nesting: disabled inside enabled, enabled again inside that, back out', () => {
    const nested: Record<string, torch.Tensor> = {};
    torch.autocast('cpu', () => {
      torch.autocast('cpu', { enabled: false }, () => {
        nested.disabled = a.matmul(b);
        torch.autocast('cpu', () => { nested.enabled_again = a.matmul(b); });
      });
      nested.back = a.matmul(b);
    });
    for (const [k, t] of Object.entries(nested)) expectLike(t, fx.nested[k], k);
  });

  it('the cast cache: a weight is cast once per outermost region, cleared on leaving it or by clearAutocastCache', () => {
    // an in-place change of the weight inside the region goes unseen while its cast is cached
    const cw = load(fx.cache_inputs.w), cx = load(fx.cache_inputs.x);
    const cacheCase = (kind: string): torch.Tensor[] => {
      const w = cw.clone().requiresGrad_();
      const ys: torch.Tensor[] = [];
      const bump = (): void => { torch.noGrad(() => w.add_(1.0)); };
      if (kind === 'cache') {
        torch.autocast('cpu', () => { ys.push(F.linear(cx, w)); bump(); ys.push(F.linear(cx, w)); });
      } else if (kind === 'no_cache') {
        torch.autocast('cpu', { cacheEnabled: false }, () => { ys.push(F.linear(cx, w)); bump(); ys.push(F.linear(cx, w)); });
      } else if (kind === 'nested') {
        torch.autocast('cpu', () => {
          torch.autocast('cpu', () => { ys.push(F.linear(cx, w)); });
          bump();
          ys.push(F.linear(cx, w));
        });
      } else {
        torch.autocast('cpu', () => { ys.push(F.linear(cx, w)); bump(); torch.clearAutocastCache(); ys.push(F.linear(cx, w)); });
      }
      torch.autocast('cpu', () => { ys.push(F.linear(cx, w)); });
      return ys;
    };
    for (const kind of ['cache', 'no_cache', 'nested', 'clear']) {
      const ys = cacheCase(kind);
      expect(ys.length).toBe(fx.cache[kind].length);
      ys.forEach((y, i) => expectLike(y, fx.cache[kind][i], `${kind}[${i}]`));
    }
    // the cases differ: a stale cast in 'cache' and 'nested', a fresh one in 'no_cache' and 'clear'
    expect(fx.cache.cache[1].values).toEqual(fx.cache.cache[0].values);
    expect(fx.cache.no_cache[1].values).not.toEqual(fx.cache.no_cache[0].values);
  });

  it('forward under autocast, backward outside: float32 grads, bit-identical to Python\'s', () => {
    net.zeroGrad();
    const loss = torch.autocast('cpu', () => F.crossEntropy(net.fc2.forward(F.relu(net.fc1.forward(x))), target));
    loss.backward();
    expectLike(loss, fx.backward.loss, 'loss');
    for (const [k, p] of net.namedParameters()) {
      if (p.grad === null) continue;
      expectLike(p.grad, fx.backward.grads[k], `${k}.grad`);
    }
    expect(new Set([...net.namedParameters()].filter(([, p]) => p.grad !== null).map(([k]) => k))).toEqual(new Set(Object.keys(fx.backward.grads)));
  });
});
