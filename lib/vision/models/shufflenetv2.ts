// torchvision.models.shufflenetv2 (torchvision 0.14): ShuffleNet V2 x0.5, x1.0, x1.5, x2.0.
import * as nn from '../../nn';
import { Tensor, tensorArg } from '../../tensor';
import { cat } from '../../functions';
import * as v from '../../validate';
import { WeightsEnum, buildModel, registerModel, weightsEnum } from './_api';
import { IMAGENET_CATEGORIES } from './_meta';
import { WEIGHTS, DEFAULTS } from './_weights';

/** `channel_shuffle(x, groups)`. */
export function channelShuffle(x: Tensor, groups: number): Tensor {
  tensorArg('models.shufflenetv2.channel_shuffle', 'x', x);
  v.int('models.shufflenetv2.channel_shuffle', 'groups', groups, 1);
  if (x.dim() !== 4) throw new RangeError(`models.shufflenetv2.channel_shuffle: x must be (N, C, H, W), got [${x.shape.join(', ')}]`);
  const [batchsize, numChannels, height, width] = x.shape;
  const channelsPerGroup = Math.floor(numChannels / groups);
  x = x.view(batchsize, groups, channelsPerGroup, height, width);
  x = x.transpose(1, 2).contiguous();
  return x.view(batchsize, -1, height, width);
}

export class InvertedResidual extends nn.Module {
  stride: number;
  branch1: nn.Sequential;
  branch2: nn.Sequential;

  constructor(inp: number, oup: number, stride: number) {
    super();
    if (!(stride >= 1 && stride <= 3)) throw new RangeError('illegal stride value');
    this.stride = stride;
    const branchFeatures = Math.floor(oup / 2);
    if (this.stride === 1 && inp !== branchFeatures << 1) {
      throw new RangeError(`Invalid combination of stride ${stride}, inp ${inp} and oup ${oup} values. If stride == 1 then inp should be equal to oup // 2 << 1.`);
    }
    if (this.stride > 1) {
      this.branch1 = new nn.Sequential(
        InvertedResidual.depthwiseConv(inp, inp, 3, this.stride, 1),
        new nn.BatchNorm2d(inp),
        new nn.Conv2d(inp, branchFeatures, { kernelSize: 1, stride: 1, padding: 0, bias: false }),
        new nn.BatchNorm2d(branchFeatures),
        new nn.ReLU({ inplace: true }),
      );
    } else {
      this.branch1 = new nn.Sequential();
    }
    this.branch2 = new nn.Sequential(
      new nn.Conv2d(this.stride > 1 ? inp : branchFeatures, branchFeatures, { kernelSize: 1, stride: 1, padding: 0, bias: false }),
      new nn.BatchNorm2d(branchFeatures),
      new nn.ReLU({ inplace: true }),
      InvertedResidual.depthwiseConv(branchFeatures, branchFeatures, 3, this.stride, 1),
      new nn.BatchNorm2d(branchFeatures),
      new nn.Conv2d(branchFeatures, branchFeatures, { kernelSize: 1, stride: 1, padding: 0, bias: false }),
      new nn.BatchNorm2d(branchFeatures),
      new nn.ReLU({ inplace: true }),
    );
  }

  static depthwiseConv(i: number, o: number, kernelSize: number, stride = 1, padding = 0, bias = false): nn.Conv2d {
    return new nn.Conv2d(i, o, kernelSize, stride, padding, { bias, groups: i });
  }

  override forward(x: Tensor): Tensor {
    let out: Tensor;
    if (this.stride === 1) {
      const [x1, x2] = x.chunk(2, 1);
      out = cat([x1, this.branch2.forward(x2)], 1);
    } else {
      out = cat([this.branch1.forward(x), this.branch2.forward(x)], 1);
    }
    return channelShuffle(out, 2);
  }
}

/** `ShuffleNetV2(stages_repeats, stages_out_channels, num_classes=1000, inverted_residual=InvertedResidual)`. */
export class ShuffleNetV2 extends nn.Module {
  declare private _stageOutChannels: number[];
  conv1: nn.Sequential;
  maxpool: nn.MaxPool2d;
  declare stage2: nn.Sequential;
  declare stage3: nn.Sequential;
  declare stage4: nn.Sequential;
  conv5: nn.Sequential;
  fc: nn.Linear;

  constructor(stagesRepeats: number[], stagesOutChannels: number[], ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'models.ShuffleNetV2';
    const a = v.bindArgs(call, ['stagesRepeats', 'stagesOutChannels', 'numClasses', 'invertedResidual'], args);
    if (!Array.isArray(a.stagesRepeats) || a.stagesRepeats.length !== 3) throw new RangeError('expected stages_repeats as list of 3 positive ints');
    if (!Array.isArray(a.stagesOutChannels) || a.stagesOutChannels.length !== 5) throw new RangeError('expected stages_out_channels as list of 5 positive ints');
    const repeats = v.ints(call, 'stages_repeats', a.stagesRepeats, 1);
    const outs = v.ints(call, 'stages_out_channels', a.stagesOutChannels, 1);
    const numClasses = v.int(call, 'num_classes', a.numClasses ?? 1000, 1);
    const invertedResidual = (a.invertedResidual ?? InvertedResidual) as typeof InvertedResidual;
    v.func(call, 'inverted_residual', invertedResidual);
    Object.defineProperty(this, '_stageOutChannels', { value: outs, enumerable: false });
    let inputChannels = 3;
    let outputChannels = outs[0];
    this.conv1 = new nn.Sequential(
      new nn.Conv2d(inputChannels, outputChannels, 3, 2, 1, { bias: false }),
      new nn.BatchNorm2d(outputChannels),
      new nn.ReLU({ inplace: true }),
    );
    inputChannels = outputChannels;
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    ['stage2', 'stage3', 'stage4'].forEach((name, s) => {
      outputChannels = outs[s + 1];
      const seq: nn.Module[] = [new invertedResidual(inputChannels, outputChannels, 2)];
      for (let i = 0; i < repeats[s] - 1; i++) seq.push(new invertedResidual(outputChannels, outputChannels, 1));
      (this as unknown as Record<string, nn.Module>)[name] = new nn.Sequential(...seq);
      inputChannels = outputChannels;
    });
    outputChannels = outs[outs.length - 1];
    this.conv5 = new nn.Sequential(
      new nn.Conv2d(inputChannels, outputChannels, 1, 1, 0, { bias: false }),
      new nn.BatchNorm2d(outputChannels),
      new nn.ReLU({ inplace: true }),
    );
    this.fc = new nn.Linear(outputChannels, numClasses);
  }

  override forward(x: Tensor): Tensor {
    x = this.conv1.forward(x);
    x = this.maxpool.forward(x);
    x = this.stage2.forward(x);
    x = this.stage3.forward(x);
    x = this.stage4.forward(x);
    x = this.conv5.forward(x);
    x = x.mean([2, 3]); // globalpool
    return this.fc.forward(x);
  }
}

const mk = (name: string): WeightsEnum => weightsEnum(name, WEIGHTS[name], DEFAULTS[name], IMAGENET_CATEGORIES);
export const ShuffleNet_V2_X0_5_Weights = mk('ShuffleNet_V2_X0_5_Weights');
export const ShuffleNet_V2_X1_0_Weights = mk('ShuffleNet_V2_X1_0_Weights');
export const ShuffleNet_V2_X1_5_Weights = mk('ShuffleNet_V2_X1_5_Weights');
export const ShuffleNet_V2_X2_0_Weights = mk('ShuffleNet_V2_X2_0_Weights');

export interface ShuffleNetV2BuilderOptions {
  pretrained?: boolean;
  weights?: import('./_api').Weights | string | null;
  progress?: boolean;
  numClasses?: number;
  invertedResidual?: typeof InvertedResidual;
}

function builder(name: string, enumName: string, e: WeightsEnum, outs: number[]) {
  const fn = (opts?: ShuffleNetV2BuilderOptions): ShuffleNetV2 =>
    buildModel(`models.${name}`, e, opts, ['numClasses', 'invertedResidual'], (kw) => new ShuffleNetV2([4, 8, 4], outs, kw));
  Object.defineProperty(fn, 'name', { value: name });
  registerModel(name, fn, e, enumName);
  return fn;
}

export const shufflenet_v2_x0_5 = builder('shufflenet_v2_x0_5', 'ShuffleNet_V2_X0_5_Weights', ShuffleNet_V2_X0_5_Weights, [24, 48, 96, 192, 1024]);
export const shufflenet_v2_x1_0 = builder('shufflenet_v2_x1_0', 'ShuffleNet_V2_X1_0_Weights', ShuffleNet_V2_X1_0_Weights, [24, 116, 232, 464, 1024]);
export const shufflenet_v2_x1_5 = builder('shufflenet_v2_x1_5', 'ShuffleNet_V2_X1_5_Weights', ShuffleNet_V2_X1_5_Weights, [24, 176, 352, 704, 1024]);
export const shufflenet_v2_x2_0 = builder('shufflenet_v2_x2_0', 'ShuffleNet_V2_X2_0_Weights', ShuffleNet_V2_X2_0_Weights, [24, 244, 488, 976, 2048]);
