// The torchvision 0.14 classification families against Python (test/fixtures/gen_models.py): under
// manualSeed(0) each builder gives Python's repr, state-dict keys/shapes/dtypes and parameter values
// (init parity: per-tensor sums and first values), and then, on torch.rand under manualSeed(1),
// Python's eval-mode logits.
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as torch from '../../../lib';
import { models } from '../../../lib/vision';
import { largeFixture } from '../../helpers/fixtures';

// The cases of gen_models.py (builder and kwargs are read from each fixture).
const CASES = [
  'resnet18', 'resnext50_32x4d', 'vgg11_bn', 'squeezenet1_0', 'squeezenet1_1',
  'densenet121', 'mobilenet_v2', 'mobilenet_v3_small', 'mobilenet_v3_large', 'shufflenet_v2_x0_5', 'mnasnet0_5',
  'mnasnet1_3', 'googlenet', 'inception_v3', 'efficientnet_b0', 'efficientnet_v2_s', 'regnet_y_400mf',
  'regnet_x_400mf', 'convnext_small_cfg', 'vit_small_cfg', 'vit_repr_cfg', 'swin_small_cfg',
];

/** The builder by name, or a model class with Python's kwargs (camelCased). */
function build(builder: string, kwargs: Record<string, unknown>): torch.nn.Module {
  const kw = camel(kwargs);
  if (builder === 'ConvNeXt') {
    const setting = (kw.blockSetting as [number, number | null, number][]).map(([i, o, n]) => new models.convnext.CNBlockConfig(i, o, n));
    return new models.ConvNeXt(setting, { ...kw, blockSetting: undefined });
  }
  if (builder === 'VisionTransformer') return new models.VisionTransformer(kw);
  if (builder === 'SwinTransformer') return new models.SwinTransformer(kw);
  return models.getModel(builder, kw);
}

interface Fixture {
  builder: string;
  kwargs: Record<string, unknown>;
  repr: string;
  keys: [string, number[], string][];
  stats: Record<string, { step: number; sum: number; abs: number; first: number[] }>;
  numParams: number;
  input: number[];
  inputSum: number;
  logits: number[];
}

const camel = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, val]) => [k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()), val]));

describe('vision.models families: parity with torchvision 0.14', () => {
  for (const name of CASES) {
    const file = largeFixture('models', `${name}.json`);
    it.skipIf(!file)(name, () => {
      const fx = JSON.parse(fs.readFileSync(file!, 'utf8')) as Fixture;
      torch.manualSeed(0);
      const model = build(fx.builder, fx.kwargs);
      expect(String(model)).toBe(fx.repr);
      const sd = model.stateDict();
      expect([...sd.entries()].map(([k, t]) => [k, t.shape, String(t.dtype).replace('torch.', '')])).toEqual(fx.keys);
      let n = 0;
      for (const p of model.parameters()) n += p.numel();
      expect(n).toBe(fx.numParams);
      const bad: string[] = [];
      for (const [k, t] of sd) {
        const s = fx.stats[k];
        const flat = t.flatten();
        const sum = flat.index(torch.slice(null, null, s.step)).double().sum().item() as number;
        const first = flat.index(torch.slice(0, 4)).double().tolist() as number[];
        const tol = 1e-6 * Math.max(1, s.abs);
        if (Math.abs(sum - s.sum) > tol || first.some((x, i) => Math.abs(x - s.first[i]) > 1e-6)) bad.push(`${k}: sum ${sum} vs ${s.sum}, first ${first} vs ${s.first}`);
      }
      expect(bad).toEqual([]);
      torch.manualSeed(1);
      const x = torch.rand(fx.input);
      expect(Math.abs((x.double().sum().item() as number) - fx.inputSum)).toBeLessThan(1e-6 * x.numel());
      model.eval();
      const out = torch.noGrad(() => model.forward(x)) as torch.Tensor;
      const expected = torch.tensor(fx.logits).reshape(out.shape);
      const scale = Math.max(1, expected.abs().max().item() as number);
      expect(out.sub(expected).abs().max().item() as number).toBeLessThan(1e-4 * scale);
    });
  }
});
