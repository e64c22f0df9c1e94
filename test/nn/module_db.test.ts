// PyTorch 1.13's ModuleInfo database (module_db, 38 modules) replayed against torch-node from the
// fixture test/fixtures/gen_module_db.py writes ($TORCH_NODE_FIXTURES/module_db.json): each sample's
// module is built from the same constructor arguments (Python's keyword names in camelCase as a
// trailing options object), its initial state dict is compared with Python's (same seed) and then
// replaced by it, and the forward's outputs, the gradients of the sum of its floating outputs with
// respect to the inputs and parameters, and the state dict after the forward are compared.
// A sample where Python raises must raise in torch-node too. The pass rate is printed; the modules of
// the convolution/pooling/normalization area must all pass, and the whole database stays at or above
// its floor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '../../lib';

type Enc = [number[], 'float32' | 'int64' | 'bool', number[]];
interface Sample {
  desc: string;
  training: boolean;
  unencodable?: string;
  ctor_args?: unknown[];
  ctor_kwargs?: Record<string, unknown>;
  fwd_args?: unknown[];
  fwd_kwargs?: Record<string, unknown>;
  repr?: string;
  state_init?: Record<string, Enc> | null;
  error?: string;
  outputs?: Enc[];
  input_grads?: (Enc | null)[];
  param_grads?: Record<string, Enc | null>;
  state_after?: Record<string, Enc>;
}
interface ModuleEntry { name: string; samples: Sample[] }

const FIXTURE = path.join(process.env.TORCH_NODE_FIXTURES || '/tmp/torch-node-fixtures', 'module_db.json');
const hasFixture = fs.existsSync(FIXTURE);

// The modules of torch/nn/modules/{conv,pooling,batchnorm}.py in module_db: every sample must pass.
const AREA = new Set([
  'AdaptiveAvgPool2d', 'AvgPool1d', 'BatchNorm2d', 'BatchNorm3d', 'Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d',
  'ConvTranspose2d', 'ConvTranspose3d', 'LazyConv1d', 'LazyConv2d', 'LazyConv3d', 'LazyConvTranspose1d',
  'LazyConvTranspose2d', 'LazyConvTranspose3d', 'MaxPool2d',
]);
// Passing samples of the whole database: all 456 (Linear's `m(input=x)` is `m.forward({ input: x })`).
const FLOOR = 456;

function dec(e: Enc): torch.Tensor {
  const [shape, dtype, data] = e;
  if (dtype === 'int64') return torch.fromTypedArray(BigInt64Array.from(data, (x) => BigInt(x)), shape);
  if (dtype === 'bool') return torch.fromTypedArray(Uint8Array.from(data), shape).bool();
  return torch.fromTypedArray(Float32Array.from(data), shape);
}

const camel = (k: string): string => k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Decodes an argument; tensors that require grad are collected in Python's traversal order. */
function decode(v: unknown, grads: torch.Tensor[]): unknown {
  if (Array.isArray(v)) return v.map((x) => decode(x, grads));
  if (v !== null && typeof v === 'object' && 't' in v) {
    const { t, rg } = v as { t: Enc; rg: boolean };
    const x = dec(t);
    if (rg) {
      x.requiresGrad_(true);
      grads.push(x);
    }
    return x;
  }
  return v;
}

function kwargs(o: Record<string, unknown> | undefined, grads: torch.Tensor[]): Record<string, unknown> | null {
  if (!o || Object.keys(o).length === 0) return null;
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [camel(k), decode(x, grads)]));
}

function flatten(v: unknown): torch.Tensor[] {
  if (v instanceof torch.Tensor) return [v];
  if (Array.isArray(v)) return v.flatMap(flatten);
  return [];
}

function worst(actual: torch.Tensor, e: Enc, what: string, tol: number): string | null {
  if (JSON.stringify(actual.shape) !== JSON.stringify(e[0])) return `${what}: shape ${JSON.stringify(actual.shape)} vs ${JSON.stringify(e[0])}`;
  const got = Array.from(actual.detach().double().toTypedArray() as Float64Array);
  for (let i = 0; i < got.length; i++) {
    const exp = e[2][i];
    if (!(Math.abs(got[i] - exp) <= tol * Math.max(1, Math.abs(exp)))) return `${what}: element ${i} is ${got[i]}, Python ${exp}`;
  }
  return null;
}

/** Runs one sample; returns null when it matches Python, else the first difference. */
function runSample(name: string, s: Sample): string | null {
  const cls = (torch.nn as unknown as Record<string, new (...a: unknown[]) => torch.nn.Module>)[name];
  if (!cls) return `nn.${name} is not exported`;
  const none: torch.Tensor[] = [];
  const ctorKw = kwargs(s.ctor_kwargs, none);
  const ctorArgs = decode(s.ctor_args, none) as unknown[];
  torch.manualSeed(0);
  const m = ctorKw ? new cls(...ctorArgs, ctorKw) : new cls(...ctorArgs);
  m.train(s.training);
  if (String(m) !== s.repr) return `repr ${JSON.stringify(String(m))}, Python ${JSON.stringify(s.repr)}`;
  if (s.state_init) {
    const sd = m.stateDict();
    const keys = JSON.stringify([...sd.keys()]);
    if (keys !== JSON.stringify(Object.keys(s.state_init))) return `state dict keys ${keys}`;
    for (const [k, e] of Object.entries(s.state_init)) {
      const d = worst(sd.get(k)!, e, `initial ${k}`, 1e-6);
      if (d) return d;
    }
    m.loadStateDict(new Map(Object.entries(s.state_init).map(([k, e]) => [k, dec(e)])));
  }
  const inputs: torch.Tensor[] = [];
  const args = decode(s.fwd_args, inputs) as unknown[];
  const fkw = kwargs(s.fwd_kwargs, inputs);
  torch.manualSeed(1);
  let out: unknown;
  try {
    out = fkw ? (m.forward as (...a: unknown[]) => unknown)(...args, fkw) : (m.forward as (...a: unknown[]) => unknown)(...args);
  } catch (e) {
    if (s.error) return null;
    return `forward threw ${(e as Error).message.split('\n')[0]}`;
  }
  if (s.error) return `Python raised (${s.error.split('\n')[0]}), torch-node did not`;
  const outs = flatten(out);
  if (outs.length !== s.outputs!.length) return `${outs.length} output tensors, Python ${s.outputs!.length}`;
  for (let i = 0; i < outs.length; i++) {
    const d = worst(outs[i], s.outputs![i], `output ${i}`, 1e-4);
    if (d) return d;
  }
  if (s.input_grads) {
    const floats = outs.filter((o) => o.isFloatingPoint() && o.requiresGrad);
    floats.map((o) => o.sum()).reduce((a, b) => a.add(b)).backward();
    for (let i = 0; i < s.input_grads.length; i++) {
      const e = s.input_grads[i];
      if (e === null) continue;
      const g = inputs[i]?.grad;
      if (!g) return `no gradient for input ${i}`;
      const d = worst(g, e, `input ${i} grad`, 1e-4);
      if (d) return d;
    }
    const params = new Map(m.namedParameters());
    for (const [k, e] of Object.entries(s.param_grads ?? {})) {
      if (e === null) continue;
      const g = params.get(k)?.grad;
      if (!g) return `no gradient for ${k}`;
      const d = worst(g, e, `${k} grad`, 1e-4);
      if (d) return d;
    }
  }
  const sd = m.stateDict();
  for (const [k, e] of Object.entries(s.state_after ?? {})) {
    const t = sd.get(k);
    if (!t) return `no ${k} in the state dict after the forward`;
    const d = worst(t, e, `${k} after the forward`, 1e-5);
    if (d) return d;
  }
  return null;
}

describe('ModuleInfo (module_db of PyTorch 1.13)', () => {
  it.skipIf(!hasFixture)('replays every encodable sample; the conv/pooling/batchnorm modules all pass, the whole database stays at its floor', () => {
    const db: ModuleEntry[] = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    let run = 0;
    let passed = 0;
    let unencodable = 0;
    const failures: string[] = [];
    const areaFailures: string[] = [];
    const perModule: string[] = [];
    for (const { name, samples } of db) {
      let ok = 0;
      let n = 0;
      samples.forEach((s, i) => {
        if (s.unencodable) {
          unencodable++;
          return;
        }
        n++;
        let why: string | null;
        try {
          why = runSample(name, s);
        } catch (e) {
          why = `threw ${(e as Error).message.split('\n')[0]}`;
        }
        if (why === null) ok++;
        else {
          const line = `${name}[${i}${s.desc ? ` ${s.desc}` : ''}${s.training ? '' : ' eval'}]: ${why}`;
          failures.push(line);
          if (AREA.has(name)) areaFailures.push(line);
        }
      });
      run += n;
      passed += ok;
      perModule.push(`${name} ${ok}/${n}`);
    }
    console.log(`module_db: ${passed}/${run} samples pass (${((100 * passed) / run).toFixed(1)}%), ${unencodable} unencodable; ${perModule.join(', ')}`);
    if (failures.length) console.log(`first failures:\n  ${failures.slice(0, 40).join('\n  ')}`);
    expect(areaFailures).toEqual([]);
    expect(passed).toBeGreaterThanOrEqual(FLOOR);
  }, 600_000);
});
