import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { models, transforms } from '../../../lib/vision';
import { ImageClassification } from '../../../lib/vision/transforms/_presets';
import { largeFixture, readFloat32 } from '../../helpers/fixtures';

const fixtures = path.join(__dirname, '../../fixtures/models');
const zipFile = largeFixture('alexnet', 'state_dict_zip.pth');
const legacyFile = largeFixture('alexnet', 'state_dict_legacy.pth');

function withTorchHome<T>(fn: (home: string) => T): T {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'torch-home-'));
  const prev = process.env.TORCH_HOME;
  process.env.TORCH_HOME = home;
  try {
    return fn(home);
  } finally {
    if (prev === undefined) delete process.env.TORCH_HOME; else process.env.TORCH_HOME = prev;
    fs.rmSync(home, { recursive: true, force: true });
  }
}

describe('vision.models.alexnet', () => {
  it("prints exactly as Python's print(torchvision.models.alexnet())", () => {
    expect(String(models.alexnet())).toBe(fs.readFileSync(path.join(fixtures, 'alexnet_repr.txt'), 'utf8'));
  });

  it("has torchvision's state-dict keys, shapes and parameter count", () => {
    const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'alexnet_keys.json'), 'utf8'));
    const sd = models.alexnet().stateDict();
    expect([...sd.entries()].map(([k, t]) => [k, t.shape])).toEqual(expected.keys);
    let n = 0;
    for (const p of models.alexnet().parameters()) n += p.numel();
    expect(n).toBe(expected.numParams);
  });

  it('maps a batch of 224x224 images to 1000 logits; numClasses changes the head', () => {
    const m = models.alexnet({ numClasses: 10 }).eval();
    const out = torch.noGrad(() => m.forward(torch.rand(2, 3, 224, 224)));
    expect(out.shape).toEqual([2, 10]);
    expect(String(m.classifier[6])).toBe("Linear(in_features=4096, out_features=10, bias=True)");
  });

  for (const [format, file] of [['zip', zipFile], ['legacy', legacyFile]] as const) {
    it.skipIf(!file)(`gives Python's eval logits within 1e-4 from a ${format}-format state dict`, () => {
      const m = models.alexnet();
      m.loadStateDict(torch.load(file!));
      m.eval();
      const x = torch.fromTypedArray(readFloat32(largeFixture('alexnet', 'input.bin')!), [2, 3, 224, 224]);
      const expected = torch.fromTypedArray(readFloat32(largeFixture('alexnet', 'logits.bin')!), [2, 1000]);
      const out = torch.noGrad(() => m.forward(x));
      const maxDiff = out.sub(expected).abs().max().item() as number;
      expect(maxDiff).toBeLessThan(1e-4);
    });
  }

  // One test per spelling: each builds and loads a 61M-parameter AlexNet, and one synchronous test doing
  // all three took 32 s on a loaded 2-core CI run, long enough for vitest's 60 s worker RPC timeout.
  const spellings: [string, () => torch.nn.Module][] = [
    ['{ pretrained: true }', () => models.alexnet({ pretrained: true })],
    ['{ weights: AlexNet_Weights.IMAGENET1K_V1 }', () => models.alexnet({ weights: models.AlexNet_Weights.IMAGENET1K_V1 })],
    ["{ weights: 'IMAGENET1K_V1' }", () => models.alexnet({ weights: 'IMAGENET1K_V1' })],
  ];
  for (const [spelling, build] of spellings) {
    it.skipIf(!zipFile)(`loads ${spelling} from torchvision's cache in $TORCH_HOME without a download`, () => {
      withTorchHome((home) => {
        const dir = path.join(home, 'hub', 'checkpoints');
        fs.mkdirSync(dir, { recursive: true });
        fs.symlinkSync(zipFile!, path.join(dir, 'alexnet-owt-7be5be79.pth'));
        const w = build().stateDict().get('classifier.6.bias')!;
        expect(w.equal((torch.load(zipFile!) as Record<string, torch.Tensor>)['classifier.6.bias'])).toBe(true);
      });
    });
  }

  it('says where to put the weights file when it is missing and cannot be downloaded', () => {
    withTorchHome((home) => {
      const url = 'http://127.0.0.1:9/alexnet-owt-7be5be79.pth';
      const weights = new models.Weights({ ...models.AlexNet_Weights.IMAGENET1K_V1, url, transforms: models.AlexNet_Weights.IMAGENET1K_V1.preprocessing });
      expect(() => models.alexnet({ weights, progress: false })).toThrow(path.join(home, 'hub', 'checkpoints', 'alexnet-owt-7be5be79.pth'));
    });
  });

  it('carries the ImageNet categories and preprocessing in its weights', () => {
    const w = models.AlexNet_Weights.IMAGENET1K_V1;
    expect(w.meta.categories).toHaveLength(1000);
    expect(w.meta.categories[0]).toBe('tench');
    expect(w.preprocessing.mean).toEqual([0.485, 0.456, 0.406]);
    expect(models.AlexNet_Weights.DEFAULT).toBe(w);
  });

  describe('weights.transforms(): the ImageClassification preset, as torchvision', () => {
    const fx = JSON.parse(fs.readFileSync(path.join(fixtures, 'presets.json'), 'utf8'));
    const image = torch.tensor(fx.image, { dtype: torch.uint8 }).reshape(3, 40, 50);
    type Case = { shape: number[]; sample: { shape: number[]; data: number[] }; sum: number };
    const expectCase = (out: torch.Tensor, c: Case) => {
      expect(out.dtype).toBe(torch.float32);
      expect(out.shape).toEqual(c.shape);
      const step = Array.from({ length: 14 }, (_, i) => i * 16);
      const idx = torch.tensor(step, { dtype: torch.int64 });
      const sample = out.indexSelect(-2, idx).indexSelect(-1, idx);
      expect(sample.shape).toEqual(c.sample.shape);
      expect(sample.sub(torch.tensor(c.sample.data).reshape(c.sample.shape)).abs().max().item()).toBeLessThan(1e-5);
      expect(Math.abs((out.double().sum().item() as number) - c.sum)).toBeLessThan(1e-3);
    };
    const preset = models.AlexNet_Weights.IMAGENET1K_V1.transforms();

    it('prints as torchvision', () => {
      expect(String(preset)).toBe(fx.repr);
      expect(preset.cropSize).toEqual([224]);
    });
    it('takes a uint8 [C, H, W] tensor', () => expectCase(preset(image), fx.uint8));
    it('takes a float [N, C, H, W] batch', () => expectCase(preset(torch.stack([image.float().div(255), image.float().mul(0.5).div(255)])), fx.batch));
    it('takes a PIL-like Image', () => {
      const pixels = new Uint8Array(image.permute(1, 2, 0).contiguous().toTypedArray() as Uint8Array);
      expectCase(preset(new transforms.Image(pixels, 50, 40, 'RGB')), fx.pil);
    });
    it('a custom preset: whole output and repr', () => {
      const small = ImageClassification({ cropSize: 8, resizeSize: 10, mean: [0.5, 0.25, 0.125], std: [0.25, 0.5, 2], interpolation: 'bicubic' });
      expect(String(small)).toBe(fx.small.repr);
      const out = small(image);
      expect(out.shape).toEqual(fx.small.out.shape);
      expect(out.sub(torch.tensor(fx.small.out.data).reshape(fx.small.out.shape)).abs().max().item()).toBeLessThan(1e-5);
    });
    it('rejects bad input with the call named', () => {
      expect(() => preset('img' as never)).toThrow(/F\.resize: img must be a PIL-like Image or a Tensor/);
      expect(() => preset(torch.ones(3, 40, 50, { dtype: torch.bool }))).toThrow(/ImageClassification: expected a uint8 or float image tensor/);
      expect(() => ImageClassification({} as never)).toThrow(/ImageClassification: crop_size must be an integer/);
      expect(() => ImageClassification({ cropSize: 8, crop_size: 8 } as never)).toThrow(/unknown option 'crop_size'/);
    });
  });

  it('rejects bad options with the call named', () => {
    expect(() => models.alexnet({ pretrained: true, weights: 'IMAGENET1K_V1' })).toThrow(/models.alexnet: pass either/);
    expect(() => models.alexnet({ weights: 'IMAGENET1K_V9' })).toThrow(/models.alexnet: weights must be one of 'IMAGENET1K_V1'/);
    expect(() => models.alexnet({ numClasses: 0 })).toThrow(/num_classes/);
    expect(() => models.alexnet({ num_classes: 10 } as never)).toThrow(/did you mean 'numClasses'/);
  });
});
