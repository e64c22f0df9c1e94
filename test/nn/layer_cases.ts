// Runs the cases that test/fixtures/gen_nn_layers.py wrote with Python PyTorch (layers_*.json): the
// same module built in JS under the same seed gives Python's initial weights, repr and state-dict
// keys; with Python's parameters loaded it gives Python's output, indices, input and parameter
// gradients, updated buffers, and eval output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as torch from '../../lib';
import { expectValuesClose } from './fixture_cases';

interface Enc { shape: number[]; dtype: 'float32' | 'int64'; data: number[] }
interface LayerFixture {
  name: string;
  repr_init: string;
  keys_init: string[];
  state_init?: Record<string, Enc>;
  params?: Record<string, Enc>;
  inputs: Enc[];
  output: Enc;
  indices?: Enc;
  grad_output: Enc;
  input_grads: (Enc | null)[];
  param_grads: Record<string, Enc>;
  state_after: Record<string, Enc>;
  repr: string;
  eval_output?: Enc;
}

export interface Maker {
  make: () => torch.nn.Module;
  /** How to call the module when it takes more than its inputs (output_size, ...). */
  forward?: (m: torch.nn.Module, inputs: torch.Tensor[]) => unknown;
}

function dec(e: Enc): torch.Tensor {
  if (e.dtype === 'int64') return torch.fromTypedArray(BigInt64Array.from(e.data, (x) => BigInt(x)), e.shape);
  return torch.fromTypedArray(Float32Array.from(e.data), e.shape);
}

function close(actual: torch.Tensor | null | undefined, expected: Enc, what: string, tol = 1e-5): void {
  expect(actual, `${what}: missing`).toBeTruthy();
  expect(actual!.shape, `${what}: shape`).toEqual(expected.shape);
  if (expected.dtype === 'int64') {
    expect(actual!.dtype, `${what}: dtype`).toBe(torch.int64);
    expect(Array.from(actual!.toTypedArray() as BigInt64Array, Number), what).toEqual(expected.data);
    return;
  }
  expectValuesClose(Array.from(actual!.detach().float().toTypedArray(), Number), expected.data, what, tol);
}

export function loadLayerCases(file: string): LayerFixture[] {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'nn', `${file}.json`), 'utf8'));
}

function runCase(c: LayerFixture, maker: Maker): void {
  torch.manualSeed(0);
  const m = maker.make();
  expect(String(m), 'repr before forward').toBe(c.repr_init);
  expect([...m.stateDict().keys()], 'state dict keys').toEqual(c.keys_init);
  if (c.state_init) {
    const sd = m.stateDict();
    for (const [k, e] of Object.entries(c.state_init)) close(sd.get(k), e, `${c.name}: initial ${k}`, 1e-6);
  }
  const params = new Map(m.namedParameters());
  if (c.params) {
    expect([...params.keys()]).toEqual(Object.keys(c.params));
    torch.noGrad(() => {
      for (const [k, e] of Object.entries(c.params!)) params.get(k)!.copy_(dec(e));
    });
  }
  const xs = c.inputs.map((e) => (e.dtype === 'float32' ? dec(e).requiresGrad_(true) : dec(e)));
  m.train();
  torch.manualSeed(2);
  const r = maker.forward ? maker.forward(m, xs) : m.forward(...xs);
  let y: torch.Tensor;
  if (c.indices) {
    expect(Array.isArray(r), `${c.name}: returns [output, indices]`).toBe(true);
    const [out, idx] = r as [torch.Tensor, torch.Tensor];
    close(idx, c.indices, `${c.name}: indices`);
    y = out;
  } else {
    y = r as torch.Tensor;
  }
  close(y, c.output, `${c.name}: output`);
  y.mul(dec(c.grad_output)).sum().backward();
  c.input_grads.forEach((g, i) => {
    if (g) close(xs[i].grad, g, `${c.name}: input ${i} grad`);
  });
  const after = new Map(m.namedParameters());
  expect([...after.keys()]).toEqual(Object.keys(c.param_grads));
  for (const [k, g] of Object.entries(c.param_grads)) close(after.get(k)!.grad, g, `${c.name}: ${k} grad`);
  const sd = m.stateDict();
  expect([...sd.keys()], 'state dict keys after forward').toEqual(Object.keys(c.state_after));
  for (const [k, e] of Object.entries(c.state_after)) close(sd.get(k), e, `${c.name}: ${k} after forward`);
  expect(String(m), 'repr after forward').toBe(c.repr);
  if (c.eval_output) {
    m.eval();
    const ye = torch.noGrad(() => (maker.forward ? maker.forward(m, xs) : m.forward(...xs))) as torch.Tensor;
    close(ye, c.eval_output, `${c.name}: eval output`);
  }
}

/** One `it` per fixture case; a case without a maker (or a maker without a case) fails. */
export function describeLayerCases(file: string, makers: Record<string, Maker | (() => torch.nn.Module)>): void {
  const cases = loadLayerCases(file);
  describe(`${file}: against PyTorch`, () => {
    it('has a JS maker for every Python case and no other', () => {
      expect(Object.keys(makers).sort()).toEqual(cases.map((c) => c.name).sort());
    });
    for (const c of cases) {
      const mk = makers[c.name];
      it(c.name, () => {
        expect(mk, `no maker for ${c.name}`).toBeDefined();
        runCase(c, typeof mk === 'function' ? { make: mk } : mk);
      });
    }
  });
}
