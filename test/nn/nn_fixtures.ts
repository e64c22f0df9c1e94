// Reads test/fixtures/nn/*.json (written by test/fixtures/gen_nn.py with Python PyTorch) and compares
// torch-node results with them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../lib';
import { expectValuesClose } from './fixture_cases';

export interface Enc { shape: number[]; data: number[] }

export function fixture<T = any>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'nn', `${name}.json`), 'utf8'));
}

export function dec(e: Enc): torch.Tensor {
  return torch.fromTypedArray(Float32Array.from(e.data), e.shape);
}

/** |actual - expected| <= tol * max(1, |expected|) elementwise, same shape. */
export function expectClose(actual: torch.Tensor | null, expected: Enc, what: string, tol = 1e-5): void {
  expect(actual, `${what}: missing`).not.toBeNull();
  expect(actual!.shape, `${what}: shape`).toEqual(expected.shape);
  expectValuesClose(Array.from(actual!.detach().float().toTypedArray(), Number), expected.data, what, tol);
}

export interface LayerCase {
  name: string;
  params: Record<string, Enc>;
  input: Enc;
  output: Enc;
  grad_output: Enc;
  input_grad: Enc;
  param_grads: Record<string, Enc>;
  repr: string;
}

/**
 * Runs one case of layers.json: loads Python's fixed weights into the layer, runs forward, and
 * backpropagates sum(output * grad_output); compares output, input and parameter gradients and the repr.
 */
export function checkLayerCase(c: LayerCase, layer: torch.nn.Module, train = true): void {
  layer.train(train);
  const params = new Map(layer.namedParameters());
  expect([...params.keys()]).toEqual(Object.keys(c.params));
  torch.noGrad(() => {
    for (const [k, e] of Object.entries(c.params)) params.get(k)!.copy_(dec(e));
  });
  const x = dec(c.input).requiresGrad_(true);
  const y = layer.forward(x) as torch.Tensor;
  expectClose(y, c.output, `${c.name} output`);
  y.mul(dec(c.grad_output)).sum().backward();
  expectClose(x.grad, c.input_grad, `${c.name} input grad`);
  for (const [k, e] of Object.entries(c.param_grads)) expectClose(params.get(k)!.grad, e, `${c.name} ${k} grad`);
  expect(String(layer)).toBe(c.repr);
}

export function layerCase(name: string): LayerCase {
  const c = fixture<LayerCase[]>('layers').find((x) => x.name === name);
  if (!c) throw new Error(`no layer case ${name} in layers.json`);
  return c;
}
