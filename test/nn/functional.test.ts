import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';
import { loadCases, checkCase, resolve, Case } from './fixture_cases';

const F = torch.nn.functional;

/** Calls F[c.fn] as the fixture recorded it: positional args, then the options object if any. */
function callF(c: Case, tensors: Record<string, torch.Tensor>): torch.Tensor {
  const fn = (F as unknown as Record<string, (...a: unknown[]) => torch.Tensor>)[c.fn];
  expect(fn, `F.${c.fn} exists`).toBeTypeOf('function');
  const args = c.args.map((a) => resolve(a, tensors));
  const kwargs = Object.fromEntries(Object.entries(c.kwargs).map(([k, a]) => [k, resolve(a, tensors)]));
  const out = Object.keys(kwargs).length ? fn(...args, kwargs) : fn(...args);
  return c.pick === null ? out : (out as unknown as torch.Tensor[])[c.pick];
}

function parity(area: string): void {
  for (const c of loadCases(area)) it(`${c.name} matches PyTorch`, () => checkCase(c, (t) => callF(c, t)));
}

describe('F.interpolate', () => {
  parity('interpolate');

  it('gives the requested shapes', () => {
    const x = torch.randn(2, 3, 10, 8);
    expect(F.interpolate(x, { size: 224, mode: 'bilinear' }).shape).toEqual([2, 3, 224, 224]);
    expect(F.interpolate(x, [5, 4]).shape).toEqual([2, 3, 5, 4]);
    expect(F.interpolate(x, { scaleFactor: 0.5, mode: 'bilinear', antialias: true }).shape).toEqual([2, 3, 5, 4]);
  });

  it('rejects bad arguments with errors naming F.interpolate', () => {
    const x = torch.randn(1, 1, 4, 4);
    expect(() => F.interpolate(torch.randn(4, 4), { size: 2 })).toThrow(/F\.interpolate: Only 3D, 4D and 5D input Tensors supported \(got 2D\)/);
    expect(() => F.interpolate(torch.randn(1, 2, 4), { size: 2, mode: 'bilinear' })).toThrow(/F\.interpolate: Got 3D input, but bilinear mode needs 4D input/);
    expect(() => F.interpolate(x, {})).toThrow(/exactly one of size or scale_factor/);
    expect(() => F.interpolate(x, { size: 2, scaleFactor: 2 })).toThrow(/exactly one of size or scale_factor/);
    expect(() => F.interpolate(x, { size: [2, 2, 2] })).toThrow(RangeError);
    expect(() => F.interpolate(x, { size: 0 })).toThrow(/size must be a positive integer, got 0/);
    expect(() => F.interpolate(x, { scaleFactor: -1 })).toThrow(/scale_factor must be a positive number/);
    expect(() => F.interpolate(x, { size: 2, mode: 'cubic' as never })).toThrow(/mode must be one of/);
    expect(() => F.interpolate(x, { size: 2, alignCorners: true })).toThrow(/align_corners can only be set/);
    expect(() => F.interpolate(x, { size: 2, antialias: true })).toThrow(/antialias is only supported/);
    expect(() => F.interpolate(x, { size: 2, recomputeScaleFactor: true })).toThrow(/not meaningful with an explicit size/);
    expect(() => F.interpolate(x, { size: 2, align_corners: true } as never)).toThrow(/did you mean 'alignCorners'/);
    expect(() => F.interpolate('x' as never, { size: 2 })).toThrow(/F\.interpolate: input must be a Tensor/);
  });
});

describe('F activations', () => {
  parity('activations');
});

describe('F.dropout', () => {
  parity('dropout');
});

describe('F layers: linear, conv2d, pooling, batchNorm', () => {
  parity('layers');
});

describe('F losses', () => {
  parity('losses');
});

describe('F shapes and options', () => {
  it('dropout with training false returns the input values for any p', () => {
    const x = torch.randn(5, 5);
    expect(F.dropout(x, 0.9, false).equal(x)).toBe(true);
    expect(F.dropout(x, { p: 0.9, training: false }).equal(x)).toBe(true);
  });

  it('dropout keeps about 1-p of the elements, scaled by 1/(1-p)', () => {
    torch.manualSeed(0);
    const y = F.dropout(torch.ones(100, 100), 0.25);
    const kept = y.ne(0).sum().item() as number;
    expect(kept).toBeGreaterThan(7200);
    expect(kept).toBeLessThan(7800);
    expect(y.max().item()).toBeCloseTo(1 / 0.75, 5);
  });

  it('softmax takes a dtype', () => {
    expect(F.softmax(torch.randn(2, 3), 1, { dtype: torch.float64 }).dtype).toBe(torch.float64);
    expect(F.logSoftmax(torch.randn(2, 3), { dim: 0, dtype: torch.float64 }).dtype).toBe(torch.float64);
  });

  it('gives PyTorch output shapes for layers and pooling', () => {
    const x = torch.randn(2, 3, 32, 32);
    expect(F.conv2d(x, torch.randn(8, 3, 5, 5), null, { padding: 2 }).shape).toEqual([2, 8, 32, 32]);
    expect(F.conv2d(x, torch.randn(8, 3, 3, 3), { stride: 2 }).shape).toEqual([2, 8, 15, 15]);
    expect(F.maxPool2d(x, 2).shape).toEqual([2, 3, 16, 16]);
    expect(F.maxPool2d(x, { kernelSize: 3, stride: 2 }).shape).toEqual([2, 3, 15, 15]);
    const [out, idx] = F.maxPool2d(x, { kernelSize: 2, returnIndices: true });
    expect(out.shape).toEqual([2, 3, 16, 16]);
    expect(idx.dtype).toBe(torch.int64);
    expect(F.avgPool2d(x, 3, 1, { padding: 1 }).shape).toEqual([2, 3, 32, 32]);
    expect(F.adaptiveAvgPool2d(x, [6, 6]).shape).toEqual([2, 3, 6, 6]);
    expect(F.linear(torch.randn(7, 4), torch.randn(3, 4)).shape).toEqual([7, 3]);
    expect(F.crossEntropy(torch.randn(4, 10), torch.tensor([1n, 2n, 3n, 4n]), { reduction: 'none' }).shape).toEqual([4]);
  });

  it('inplace activations return the input tensor itself', () => {
    const x = torch.randn(3);
    expect(F.relu(x, { inplace: true })).toBe(x);
    expect(F.leakyRelu(x, 0.1, { inplace: true })).toBe(x);
    expect(F.dropout(x, 0.5, true, { inplace: true })).toBe(x);
  });
});

describe('F bad arguments', () => {
  const x = torch.randn(2, 3, 4, 4);
  it('names the F.* call and the argument', () => {
    expect(() => F.relu(3 as never)).toThrow(/F\.relu: input must be a Tensor, got 3/);
    expect(() => F.leakyRelu(x, 'a' as never)).toThrow(/F\.leaky_relu: negative_slope must be a number/);
    expect(() => F.softmax(x, 'a' as never)).toThrow(/F\.softmax: dim must be an integer/);
    expect(() => F.logSoftmax(x, 1.5)).toThrow(/F\.log_softmax: dim must be an integer, got 1.5/);
    expect(() => F.dropout(x, 1.5)).toThrow(/F\.dropout: dropout probability has to be between 0 and 1, but got 1.5/);
    expect(() => F.dropout(x, { p: 0.5, trainig: true } as never)).toThrow(/F\.dropout: unknown option 'trainig'/);
    expect(() => F.dropout(x, 0.5, { p: 0.2 })).toThrow(/F\.dropout: got multiple values for argument 'p'/);
    expect(() => F.dropout2d(torch.randn(3, 4, 4), 2)).toThrow(/F\.dropout2d: dropout probability has to be between 0 and 1, but got 2/);
    expect(() => F.linear(torch.randn(2, 4), 'w' as never)).toThrow(/F\.linear: weight must be a Tensor/);
    expect(() => F.conv2d(x, torch.randn(3, 3, 3))).toThrow(/F\.conv2d: weight must be a 4-D tensor/);
    expect(() => F.conv2d(x, torch.randn(2, 3, 3, 3), null, { stride: 0 })).toThrow(/F\.conv2d: stride must be a positive integer, got 0/);
    expect(() => F.conv2d(x, torch.randn(2, 3, 3, 3), null, { padding: 'full' as never })).toThrow(/F\.conv2d: padding must be one of 'same', 'valid'/);
    expect(() => F.conv2d(x, torch.randn(2, 3, 3, 3), null, { groups: 0 })).toThrow(/F\.conv2d: groups must be a positive integer/);
    expect(() => F.maxPool2d(x, {})).toThrow(/F\.max_pool2d: kernel_size must be given/);
    expect(() => F.maxPool2d(x, [2, 2, 2] as never)).toThrow(/F\.max_pool2d: kernel_size must be a number or a list of 1 or 2 numbers/);
    expect(() => F.avgPool2d(x, 2, { padding: -1 })).toThrow(/F\.avg_pool2d: padding must be a non-negative integer, got -1/);
    expect(() => F.adaptiveAvgPool2d(torch.randn(4), 2)).toThrow(/F\.adaptive_avg_pool2d: input must be a 3-D or 4-D tensor/);
    expect(() => F.batchNorm(x, null, null)).toThrow(/F\.batch_norm: running_mean and running_var must be Tensors when training is false/);
    expect(() => F.batchNorm(torch.randn(1, 3), null, null, { training: true })).toThrow(/F\.batch_norm: expected more than 1 value per channel when training/);
    expect(() => F.batchNorm(x, torch.zeros(3), torch.ones(3), { eps: 0 })).toThrow(/F\.batch_norm: eps must be a positive number/);
    const logits = torch.randn(4, 5);
    const y = torch.tensor([1n, 0n, 4n, 2n]);
    expect(() => F.crossEntropy(logits, [1, 0] as never)).toThrow(/F\.cross_entropy: target must be a Tensor/);
    expect(() => F.crossEntropy(logits, y, { reduction: 'avg' as never })).toThrow(/F\.cross_entropy: reduction must be one of 'none', 'mean', 'sum', got "avg"/);
    expect(() => F.crossEntropy(logits, y, { labelSmoothing: 1.5 })).toThrow(/F\.cross_entropy: label_smoothing must be a number in \[0, 1\]/);
    expect(() => F.crossEntropy(logits, y, { ignore_index: 1 } as never)).toThrow(/did you mean 'ignoreIndex'/);
    expect(() => F.nllLoss(logits, y, { weight: 'w' as never })).toThrow(/F\.nll_loss: weight must be a Tensor/);
    expect(() => F.mseLoss(logits, y, { reduction: 'all' as never })).toThrow(/F\.mse_loss: reduction must be one of/);
    expect(() => F.binaryCrossEntropy(torch.rand(3), torch.rand(4))).toThrow(/F\.binary_cross_entropy: target size \(\[4\]\) must be the same as input size \(\[3\]\)/);
    expect(() => F.binaryCrossEntropyWithLogits(torch.rand(3), torch.rand(3, 1))).toThrow(/F\.binary_cross_entropy_with_logits: target size/);
  });

  it('turns libtorch errors into TorchError instead of crashing', () => {
    const logits = torch.randn(4, 5);
    // libtorch raises c10::IndexError for a class index out of range: a RangeError here.
    expect(() => F.crossEntropy(logits, torch.tensor([1n, 0n, 9n, 2n]))).toThrow(/Target 9 is out of bounds/);
    expect(() => F.crossEntropy(logits, torch.tensor([1, 0, 3, 2]))).toThrow(torch.TorchError);
    expect(() => F.linear(torch.randn(2, 4), torch.randn(3, 5))).toThrow(torch.TorchError);
    expect(() => F.conv2d(x, torch.randn(2, 5, 3, 3))).toThrow(torch.TorchError);
  });
});

describe('F functions ported from torch/nn/functional.py (values and gradients: test/opinfo)', () => {
  const x = torch.tensor([[-1.5, 0.5], [2, -0.25]]);
  it('take every Python parameter positionally or by name', () => {
    expect(F.elu(x, 2).tolist()).toEqual(F.elu(x, { alpha: 2 }).tolist());
    expect(F.hardtanh(x, -0.5, 0.5).tolist()).toEqual([[-0.5, 0.5], [0.5, -0.25]]);
    expect(F.hardtanh(x, { maxVal: 0.5 }).tolist()).toEqual([[-1, 0.5], [0.5, -0.25]]);
    const y = x.clone();
    expect(F.relu6(y, true)).toBe(y);
    expect(F.maxPool1d(torch.arange(6).view(1, 1, 6).float(), 2, { returnIndices: true })[1].tolist()).toEqual([[[1, 3, 5]]]);
    expect(F.pad(x, [1, 0], 'constant', 9).tolist()).toEqual([[9, -1.5, 0.5], [9, 2, -0.25]]);
  });
  it('reject what Python rejects, naming the F call', () => {
    expect(() => F.threshold(x, 1)).toThrow(/F\.threshold: missing required argument 'value'/);
    expect(() => F.elu(x, { alhpa: 1 } as never)).toThrow(/F\.elu: unknown option 'alhpa'/);
    expect(() => F.glu(torch.tensor(1))).toThrow(/F\.glu: glu does not support scalars/);
    expect(() => F.multiMarginLoss(x, torch.tensor([0n, 1n]), 3)).toThrow(/only p == 1 and p == 2 supported/);
    expect(() => F.maxUnpool1d(x.view(1, 2, 2), torch.zeros(1, 2, 2, { dtype: torch.int64 }), 2, { outputSize: [9] })).toThrow(/invalid output_size/);
  });
});

// in-place activations, one_hot, conv_tbc, the *_with_indices pools, lp_pool, upsample, affine_grid,
// gumbel_softmax: against test/fixtures/gen_nn_functional_extra.py
describe('F: the rest of torch.nn.functional 1.13', () => {
  type Enc = { shape: number[]; data: number[] };
  const fx = JSON.parse(fs.readFileSync(path.join(__dirname, '../fixtures/nn/functional_extra.json'), 'utf8'));
  const same = (t: torch.Tensor, e: Enc, what: string, tol = 1e-5): void => {
    expect(t.shape, what).toEqual(e.shape);
    const got = Array.from(t.detach().double().toTypedArray() as Float64Array);
    got.forEach((g, i) => expect(Math.abs(g - e.data[i]), `${what}[${i}]: ${g} vs ${e.data[i]}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(e.data[i]))));
  };
  const x = torch.arange(24).float().sin().reshape(2, 3, 4).mul(3);
  const img = torch.arange(2 * 3 * 5 * 6).float().cos().reshape(2, 3, 5, 6);
  const vol = torch.arange(2 * 4 * 4 * 4).float().sin().reshape(1, 2, 4, 4, 4);
  const G = F as unknown as Record<string, (...a: unknown[]) => torch.Tensor & torch.Tensor[]>;

  it('the in-place activations change their input and return it', () => {
    const calls: Record<string, (y: torch.Tensor) => torch.Tensor> = {
      relu_: (y) => G.relu_(y), elu_: (y) => G.elu_(y, 0.5), selu_: (y) => G.selu_(y), celu_: (y) => G.celu_(y, 2),
      leaky_relu_: (y) => G.leakyRelu_(y, 0.2), hardtanh_: (y) => G.hardtanh_(y, -1.5, 0.5),
      rrelu_: (y) => G.rrelu_(y, 0.1, 0.3), threshold_: (y) => G.threshold_(y, 0.5, -7),
    };
    expect(Object.keys(calls)).toEqual(Object.keys(fx.inplace));
    for (const [name, f] of Object.entries(calls)) {
      const y = x.clone();
      expect(f(y) === y, name).toBe(fx.inplace[name].same);
      same(y, fx.inplace[name].out, name);
    }
  });

  it('one_hot, conv_tbc, lp_pool1d/2d, upsample', () => {
    same(F.oneHot(torch.tensor([0n, 2n, 1n, 3n])), fx.one_hot[0], 'one_hot');
    same(F.oneHot(torch.tensor([[0n, 2n], [1n, 1n]]), 4), fx.one_hot[1], 'one_hot(4)');
    const w = torch.arange(18).float().cos().reshape(3, 3, 2);
    same(F.convTbc(torch.arange(30).float().sin().reshape(5, 2, 3), w, torch.tensor([0.5, -1]), 1), fx.conv_tbc, 'conv_tbc');
    same(F.lpPool1d(x.abs(), 2, 2), fx.lp_pool1d, 'lp_pool1d');
    same(F.lpPool2d(img.abs(), 3, [2, 3], { stride: 1, ceilMode: true }), fx.lp_pool2d, 'lp_pool2d');
    same(F.upsample(img, { size: [7, 8], mode: 'bilinear', alignCorners: true }), fx.upsample, 'upsample');
  });

  it('the *_with_indices pools give the pool and its indices', () => {
    const runs: Record<string, () => torch.Tensor[]> = {
      max_pool1d_with_indices: () => G.maxPool1dWithIndices(x, 2),
      max_pool2d_with_indices: () => G.maxPool2dWithIndices(img, 2, 1, 1),
      max_pool3d_with_indices: () => G.maxPool3dWithIndices(vol, 2),
      adaptive_max_pool1d_with_indices: () => G.adaptiveMaxPool1dWithIndices(x, 3),
      adaptive_max_pool2d_with_indices: () => G.adaptiveMaxPool2dWithIndices(img, [2, null]),
      adaptive_max_pool3d_with_indices: () => G.adaptiveMaxPool3dWithIndices(vol, 2),
      fractional_max_pool2d_with_indices: () => { torch.manualSeed(3); return G.fractionalMaxPool2dWithIndices(img, 2, { outputSize: [3, 3] }); },
    };
    expect(Object.keys(runs)).toEqual(Object.keys(fx.pools));
    for (const [name, run] of Object.entries(runs)) {
      const [values, indices] = run();
      same(values, fx.pools[name][0], `${name} values`);
      same(indices, fx.pools[name][1], `${name} indices`);
    }
  });

  it('affine_grid and its errors', () => {
    const theta = torch.tensor([[[1, 0.2, -0.1], [0.1, 0.9, 0.3]], [[0.5, 0, 0], [0, 0.5, 0]]]);
    same(F.affineGrid(theta, [2, 3, 4, 5], { alignCorners: false }), fx.affine_grid[0], 'affine_grid');
    same(F.affineGrid(theta, [2, 3, 4, 5], true), fx.affine_grid[1], 'affine_grid align_corners');
    same(F.affineGrid(torch.arange(12).float().cos().reshape(1, 3, 4), [1, 1, 2, 3, 4], false), fx.affine_grid[2], 'affine_grid 3-D');
    const e = fx.affine_grid_errors;
    expect(() => F.affineGrid(theta.long(), [2, 3, 4, 5], false)).toThrow(e.int[1]);
    expect(() => F.affineGrid(theta, [2, 3, 4, 5, 6], false)).toThrow(e.shape[1]);
    expect(() => F.affineGrid(theta, [2, 3, 4], false)).toThrow(e.size[1]);
    expect(() => F.affineGrid(theta, [2, 3, 0, 5], false)).toThrow(e.empty[1]);
  });

  it('gumbel_softmax draws Python\'s noise under the seed; hard passes the soft gradient through', () => {
    const logits = torch.arange(12).float().sin().reshape(3, 4).requiresGrad_();
    torch.manualSeed(11);
    const soft = F.gumbelSoftmax(logits, { tau: 0.5 });
    const hard = F.gumbelSoftmax(logits, { hard: true, dim: 0 });
    hard.mul(torch.arange(12).float().reshape(3, 4)).sum().backward();
    same(soft, fx.gumbel_softmax.soft, 'soft');
    same(hard, fx.gumbel_softmax.hard, 'hard');
    same(logits.grad!, fx.gumbel_softmax.grad, 'grad', 1e-4);
  });
});
