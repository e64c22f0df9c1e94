// Reads test/fixtures/nn/nn_utils.json (test/fixtures/gen_nn_utils.py, Python PyTorch 1.13).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';
import * as torch from '../../../lib';

export interface Enc { shape: number[]; data: (number | string)[] }

export const U = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'nn', 'nn_utils.json'), 'utf8'));

const num = (x: number | string): number => (typeof x === 'number' ? x : x === 'inf' ? Infinity : x === '-inf' ? -Infinity : NaN);

export function dec(e: Enc): torch.Tensor {
  return torch.fromTypedArray(Float32Array.from(e.data.map(num)), e.shape);
}

/** Same shape; |a - e| <= tol * max(1, |e|) elementwise; inf and nan where Python has them. */
export function expectClose(actual: torch.Tensor | null | undefined, expected: Enc, what: string, tol = 1e-5): void {
  expect(actual, `${what}: missing`).toBeInstanceOf(torch.Tensor);
  expect(actual!.shape, `${what}: shape`).toEqual(expected.shape);
  const a = Array.from(actual!.detach().float().toTypedArray() as Float32Array);
  const e = expected.data.map(num);
  for (let i = 0; i < e.length; i++) {
    if (Number.isNaN(e[i]) || !Number.isFinite(e[i])) {
      expect(Object.is(a[i], e[i]) || (Number.isNaN(a[i]) && Number.isNaN(e[i])), `${what}[${i}]: ${a[i]} vs ${e[i]}`).toBe(true);
    } else if (!(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
      expect.fail(`${what}[${i}]: ${a[i]} vs Python's ${e[i]}`);
    }
  }
}

/** nn.Linear(4, 3) with the fixture's weights. */
export function linear43(): torch.nn.Linear {
  const m = new torch.nn.Linear(4, 3);
  torch.noGrad(() => {
    m.weight.copy_(dec(U.linear43.weight));
    m.bias!.copy_(dec(U.linear43.bias));
  });
  return m;
}

export function conv1d(): torch.nn.Conv1d {
  const m = new torch.nn.Conv1d(2, 3, 3);
  torch.noGrad(() => {
    m.weight.copy_(dec(U.conv1d.weight));
    m.bias!.copy_(dec(U.conv1d.bias));
  });
  return m;
}

export function convTranspose2d(): torch.nn.ConvTranspose2d {
  const m = new torch.nn.ConvTranspose2d(2, 3, 2, { bias: false });
  torch.noGrad(() => m.weight.copy_(dec(U.convt2d.weight)));
  return m;
}
