import { describe, it, expect } from 'vitest';
import * as torch from '../../lib';
import { expectClose, fixture } from './nn_fixtures';

const { nn } = torch;
const { init } = nn;
const f = fixture('init');

describe('nn.init', () => {
  it('draws the same numbers as Python under the same seed', () => {
    torch.manualSeed(42);
    const w = torch.empty(4, 6);
    const c = torch.empty(3, 2, 3, 3);
    const steps: [string, () => torch.Tensor][] = [
      ['uniform_', () => init.uniform_(w, -1, 2)],
      ['normal_', () => init.normal_(w, { mean: 0.5, std: 2 })],
      ['xavier_uniform_', () => init.xavierUniform_(w, { gain: 1.5 })],
      ['xavier_normal_', () => init.xavierNormal_(c)],
      ['kaiming_uniform_', () => init.kaimingUniform_(c, Math.sqrt(5))],
      ['kaiming_normal_', () => init.kaimingNormal_(w, { mode: 'fan_out', nonlinearity: 'relu' })],
      ['kaiming_uniform_default', () => init.kaimingUniform_(w)],
      ['constant_', () => init.constant_(w, 0.25)],
    ];
    steps.forEach(([name, run], i) => {
      const [ename, expected] = f.init_sequence[i];
      expect(ename).toBe(name);
      const out = run();
      expectClose(out, expected, name, 1e-6);
    });
  });

  it('works in place on parameters that require grad, and returns the tensor', () => {
    const l = new nn.Linear(3, 2);
    expect(init.zeros_(l.weight)).toBe(l.weight);
    expect(l.weight.abs().sum().item()).toBe(0);
    init.ones_(l.bias!);
    expect(l.bias!.tolist()).toEqual([1, 1]);
    expect(l.weight.requiresGrad).toBe(true);
    expect(l.weight.isLeaf).toBe(true);
  });

  it('calculateGain matches Python', () => {
    for (const [name, gain] of Object.entries(f.gains)) {
      if (name === 'leaky_relu_0.2') expect(init.calculateGain('leaky_relu', 0.2)).toBeCloseTo(gain as number, 12);
      else expect(init.calculateGain(name as never)).toBeCloseTo(gain as number, 12);
    }
  });

  it('rejects bad arguments as PyTorch', () => {
    expect(() => init.calculateGain('swish' as never)).toThrow('nn.init.calculate_gain: Unsupported nonlinearity swish');
    expect(() => init.xavierUniform_(torch.empty(3))).toThrow('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
    expect(() => init.kaimingNormal_(torch.empty(3, 3), { mode: 'fan_avg' as never })).toThrow('Mode fan_avg not supported, please use one of fan_in, fan_out');
    expect(() => init.uniform_([1, 2] as never)).toThrow('nn.init.uniform_: tensor must be a Tensor');
    expect(() => init.normal_(torch.empty(2), { sd: 1 } as never)).toThrow("nn.init.normal_: unknown option 'sd'");
    expect(() => init.constant_(torch.empty(2), 'x' as never)).toThrow('nn.init.constant_: val must be a number');
  });
});

// trunc_normal_, eye_, dirac_, orthogonal_, sparse_ and the deprecated names, against test/fixtures/gen_nn_init.py
const more = fixture('init_more');
const asEnc = (x: { shape: number[]; values: number[] }) => ({ shape: x.shape, data: x.values });

describe('nn.init: trunc_normal_, orthogonal_, sparse_, eye_, dirac_', () => {
  it('draws the same numbers as Python under the same seed', () => {
    torch.manualSeed(7);
    const w = torch.empty(4, 6);
    const c = torch.empty(6, 4, 3, 3);
    const tall = torch.empty(6, 3);
    const c3 = torch.empty(3, 2, 5);
    const c5 = torch.empty(2, 2, 3, 2, 3);
    const steps: [string, () => torch.Tensor][] = [
      ['trunc_normal_', () => init.truncNormal_(w)],
      ['trunc_normal_args', () => init.truncNormal_(w, 0.5, 0.2, -1, 0.8)],
      ['orthogonal_', () => init.orthogonal_(w)],
      ['orthogonal_tall', () => init.orthogonal_(tall, { gain: 2 })],
      ['orthogonal_conv', () => init.orthogonal_(c)],
      ['sparse_', () => init.sparse_(w, 0.5)],
      ['sparse_std', () => init.sparse_(tall, 0.3, { std: 2 })],
      ['eye_', () => init.eye_(w)],
      ['dirac_groups', () => init.dirac_(c, 2)],
      ['dirac_3d', () => init.dirac_(c3)],
      ['dirac_5d', () => init.dirac_(c5)],
      ['after', () => torch.rand(3)],
    ];
    expect(steps.map(([n]) => n)).toEqual(more.sequence.map(([n]: [string]) => n));
    steps.forEach(([name, run], i) => expectClose(run(), asEnc(more.sequence[i][1]), name, 1e-5));
  });

  it('the deprecated names warn as Python, and Python\'s errors', () => {
    const warnings: string[] = [];
    const emit = process.emitWarning;
    process.emitWarning = ((m: string | Error) => warnings.push(String(m))) as typeof process.emitWarning;
    try {
      init.xavierUniform(torch.empty(2, 3));
      init.truncNormal_(torch.empty(2, 3), { mean: 10 });
    } finally {
      process.emitWarning = emit;
    }
    expect(warnings).toEqual(more.warnings);
    expect(() => init.eye_(torch.empty(2, 2, 2))).toThrow(`nn.init.eye_: ${more.errors.eye_[1]}`);
    expect(() => init.dirac_(torch.empty(2, 2))).toThrow(`nn.init.dirac_: ${more.errors.dirac_[1]}`);
    expect(() => init.dirac_(torch.empty(3, 2, 3), 2)).toThrow(`nn.init.dirac_: ${more.errors.dirac_groups[1]}`);
    expect(() => init.orthogonal_(torch.empty(3))).toThrow(`nn.init.orthogonal_: ${more.errors.orthogonal_[1]}`);
    expect(() => init.sparse_(torch.empty(3), 0.1)).toThrow(`nn.init.sparse_: ${more.errors.sparse_[1]}`);
    expect(() => init.sparse_(torch.empty(3, 3), 'x' as never)).toThrow('nn.init.sparse_: sparsity must be');
  });
});
