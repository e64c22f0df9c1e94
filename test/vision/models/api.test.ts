// torchvision.models' registry and Weights API (list_models, get_model, get_model_weights, get_weight),
// and weights loading from torchvision's cache, against Python torchvision 0.14 (test/fixtures/gen_models.py).
import { describe, it, expect } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from '../../../lib';
import { models } from '../../../lib/vision';
import { largeFixture } from '../../helpers/fixtures';
import { Inception as GoogLeNetInception } from '../../../lib/vision/models/googlenet';

// Python's torchvision.models.list_models() 0.14, without the detection, segmentation, video, optical-flow,
// quantized and MaxViT/MViT/Swin-V2/S3D builders.
const CLASSIFICATION = [
  'alexnet', 'convnext_base', 'convnext_large', 'convnext_small', 'convnext_tiny', 'densenet121', 'densenet161', 'densenet169',
  'densenet201', 'efficientnet_b0', 'efficientnet_b1', 'efficientnet_b2', 'efficientnet_b3', 'efficientnet_b4', 'efficientnet_b5',
  'efficientnet_b6', 'efficientnet_b7', 'efficientnet_v2_l', 'efficientnet_v2_m', 'efficientnet_v2_s', 'googlenet', 'inception_v3',
  'mnasnet0_5', 'mnasnet0_75', 'mnasnet1_0', 'mnasnet1_3', 'mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small',
  'regnet_x_16gf', 'regnet_x_1_6gf', 'regnet_x_32gf', 'regnet_x_3_2gf', 'regnet_x_400mf', 'regnet_x_800mf', 'regnet_x_8gf',
  'regnet_y_128gf', 'regnet_y_16gf', 'regnet_y_1_6gf', 'regnet_y_32gf', 'regnet_y_3_2gf', 'regnet_y_400mf', 'regnet_y_800mf',
  'regnet_y_8gf', 'resnet101', 'resnet152', 'resnet18', 'resnet34', 'resnet50', 'resnext101_32x8d', 'resnext101_64x4d',
  'resnext50_32x4d', 'shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'shufflenet_v2_x1_5', 'shufflenet_v2_x2_0', 'squeezenet1_0',
  'squeezenet1_1', 'swin_b', 'swin_s', 'swin_t', 'vgg11', 'vgg11_bn', 'vgg13', 'vgg13_bn', 'vgg16', 'vgg16_bn', 'vgg19',
  'vgg19_bn', 'vit_b_16', 'vit_b_32', 'vit_h_14', 'vit_l_16', 'vit_l_32', 'wide_resnet101_2', 'wide_resnet50_2',
];

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

const count = (m: torch.nn.Module) => [...m.parameters()].reduce((n, p) => n + p.numel(), 0);

describe('vision.models registry and weights', () => {
  it("listModels() gives torchvision 0.14's classification builders, sorted", () => {
    expect(models.listModels()).toEqual(CLASSIFICATION);
  });

  it('getModelWeights / getWeight / DEFAULT / repr as torchvision', () => {
    expect(models.getModelWeights('ResNet50')).toBe(models.ResNet50_Weights);
    expect(models.getModelWeights(models.resnet50)).toBe(models.ResNet50_Weights);
    expect(models.ResNet50_Weights.DEFAULT).toBe(models.ResNet50_Weights.IMAGENET1K_V2);
    const w = models.getWeight('ResNet50_Weights.IMAGENET1K_V2');
    expect(w).toBe(models.ResNet50_Weights.IMAGENET1K_V2);
    expect(String(w)).toBe('ResNet50_Weights.IMAGENET1K_V2');
    expect(w.url).toBe('https://download.pytorch.org/models/resnet50-11ad3fa6.pth');
    expect(w.preprocessing).toEqual({ cropSize: 224, resizeSize: 232, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], interpolation: 'bilinear' });
    expect(String(models.ViT_H_14_Weights.DEFAULT)).toBe('ViT_H_14_Weights.IMAGENET1K_SWAG_E2E_V1');
    expect(models.ViT_H_14_Weights.DEFAULT.preprocessing.interpolation).toBe('bicubic');
    expect(models.VGG16_Weights.IMAGENET1K_FEATURES.meta.categories).toBeNull();
    expect(() => models.getWeight('ResNet50_Weights')).toThrow(/Invalid weight name provided/);
    expect(() => models.getModel('resnet5')).toThrow(/Unknown model resnet5/);
  });

  it("a built model has the parameter count of its weights' meta (torchvision's num_params)", () => {
    for (const name of ['resnet18', 'squeezenet1_1', 'mobilenet_v3_small', 'shufflenet_v2_x0_5', 'mnasnet0_5', 'regnet_x_400mf']) {
      const e = models.getModelWeights(name);
      expect([name, count(models.getModel(name))]).toEqual([name, e.DEFAULT.meta.numParams]);
    }
  });

  it('rejects weights of another model, and a num_classes the weights cannot have', () => {
    expect(() => models.resnet18({ weights: models.ResNet50_Weights.IMAGENET1K_V1 })).toThrow(/expected ResNet18_Weights but received ResNet50_Weights/);
    expect(() => models.resnet18({ weights: 'IMAGENET1K_V1', numClasses: 10 })).toThrow(/The parameter 'num_classes' expected value 1000 but got 10 instead/);
    expect(() => models.resnext50_32x4d({ groups: 8 })).toThrow(/The parameter 'groups' expected value 32 but got 8 instead/);
    expect(() => models.resnet18({ num_classes: 10 } as never)).toThrow(/did you mean 'numClasses'/);
  });

  it('rejects a block that is not a class, and channel counts that are not numbers (found by the fuzzer)', () => {
    const arrow = (() => new torch.nn.Identity()) as never;
    expect(() => new models.inception.InceptionB(8, arrow)).toThrow(/^models\.inception: conv_block must be a class \(an nn\.Module constructor\), got a function/);
    expect(() => new GoogLeNetInception(8, 1, 1, 1, 1, 1, 1, arrow)).toThrow(/^models\.googlenet\.Inception: conv_block must be a class/);
    expect(() => models.mobilenetv3.InvertedResidualConfig.adjustChannels('16' as never, 1)).toThrow(/^models\.mobilenetv3\.InvertedResidualConfig\.adjust_channels: channels must be a number, got "16"/);
    expect(models.mobilenetv3.InvertedResidualConfig.adjustChannels(16n as never, 1)).toBe(16);
    expect(() => new models.swin_transformer.PatchMerging(Symbol('x') as never)).toThrow(/^models\.swin_transformer\.PatchMerging: dim must be/);
    expect(models.mobilenetv3.InvertedResidualConfig.adjustChannels(16, 0.75)).toBe(16);
  });

  const sd = largeFixture('models', 'squeezenet1_1_sd.pth');
  const fx = largeFixture('models', 'squeezenet1_1.json');
  it.skipIf(!sd || !fx)("loads weights from torchvision's cache ($TORCH_HOME/hub/checkpoints) and gives Python's logits", () => {
    withTorchHome((home) => {
      const dir = path.join(home, 'hub', 'checkpoints');
      fs.mkdirSync(dir, { recursive: true });
      fs.symlinkSync(sd!, path.join(dir, 'squeezenet1_1-b8a52dc0.pth'));
      torch.manualSeed(123); // the random init is replaced by the checkpoint
      const m = models.getModel('squeezenet1_1', { weights: 'DEFAULT' }).eval();
      const py = torch.load(sd!) as Record<string, torch.Tensor>;
      for (const [k, t] of m.stateDict()) expect([k, t.equal(py[k])]).toEqual([k, true]);
      const expected = JSON.parse(fs.readFileSync(fx!, 'utf8'));
      torch.manualSeed(1);
      const out = torch.noGrad(() => m.forward(torch.rand(expected.input))) as torch.Tensor;
      expect(out.sub(torch.tensor(expected.logits).reshape(out.shape)).abs().max().item()).toBeLessThan(1e-4);
      expect(() => models.squeezenet1_1({ pretrained: true, weights: 'DEFAULT' })).toThrow(/pass either pretrained or weights/);
    });
  });

  it('googlenet and inception_v3 return (logits, aux) in training with aux_logits, logits in eval', () => {
    torch.manualSeed(0);
    const g = models.googlenet({ numClasses: 5, initWeights: false });
    const out = g.forward(torch.rand(2, 3, 64, 64)) as models.GoogLeNetOutputs;
    expect([out.logits.shape, out.auxLogits2!.shape, out.auxLogits1!.shape]).toEqual([[2, 5], [2, 5], [2, 5]]);
    expect((torch.noGrad(() => g.eval().forward(torch.rand(1, 3, 64, 64))) as torch.Tensor).shape).toEqual([1, 5]);
  });
});
