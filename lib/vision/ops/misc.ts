// torchvision.ops.misc (torchvision 0.14): Conv2dNormActivation, SqueezeExcitation, MLP, Permute.
import * as nn from '../../nn';
import { Tensor, tensorArg } from '../../tensor';
import * as v from '../../validate';
import { LayerFactory, makeLayer } from '../models/_layers';

type Pair = number | [number, number];

export interface Conv2dNormActivationOptions {
  kernelSize?: Pair;
  stride?: Pair;
  padding?: Pair | null;
  groups?: number;
  normLayer?: LayerFactory | null;
  activationLayer?: LayerFactory | null;
  dilation?: Pair;
  inplace?: boolean | null;
  bias?: boolean | null;
}

const CNA_ARGS = ['inChannels', 'outChannels', 'kernelSize', 'stride', 'padding', 'groups', 'normLayer', 'activationLayer', 'dilation', 'inplace', 'bias'];

/**
 * `Conv2dNormActivation(in_channels, out_channels, kernel_size=3, stride=1, padding=None, groups=1,
 * norm_layer=nn.BatchNorm2d, activation_layer=nn.ReLU, dilation=1, inplace=True, bias=None)`: a
 * Sequential of the convolution, the norm and the activation.
 */
export class Conv2dNormActivation extends nn.Sequential {
  declare outChannels: number;

  constructor(inChannels: number, outChannels: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'ops.Conv2dNormActivation';
    const a = v.bindArgs(call, CNA_ARGS, args);
    const inC = v.int(call, 'in_channels', a.inChannels, 1);
    const outC = v.int(call, 'out_channels', a.outChannels, 1);
    const kernelSize = (a.kernelSize ?? 3) as Pair;
    const stride = (a.stride ?? 1) as Pair;
    const dilation = (a.dilation ?? 1) as Pair;
    let padding = a.padding as Pair | null | undefined;
    if (padding === undefined || padding === null) {
      if (typeof kernelSize === 'number' && typeof dilation === 'number') padding = Math.floor((kernelSize - 1) / 2) * dilation;
      else {
        const k = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
        const d = typeof dilation === 'number' ? [dilation, dilation] : dilation;
        padding = [Math.floor((k[0] - 1) / 2) * d[0], Math.floor((k[1] - 1) / 2) * d[1]];
      }
    }
    const normLayer = a.normLayer === undefined ? nn.BatchNorm2d : (a.normLayer as LayerFactory | null);
    const activationLayer = a.activationLayer === undefined ? nn.ReLU : (a.activationLayer as LayerFactory | null);
    if (normLayer !== null) v.func(call, 'norm_layer', normLayer);
    if (activationLayer !== null) v.func(call, 'activation_layer', activationLayer);
    const inplace = a.inplace === undefined ? true : a.inplace === null ? null : v.bool(call, 'inplace', a.inplace);
    const bias = a.bias === undefined || a.bias === null ? normLayer === null : v.bool(call, 'bias', a.bias);
    const layers: nn.Module[] = [
      new nn.Conv2d(inC, outC, kernelSize, stride, padding, { dilation, groups: a.groups ?? 1, bias }),
    ];
    if (normLayer !== null) layers.push(makeLayer(normLayer, outC));
    if (activationLayer !== null) layers.push(inplace === null ? makeLayer(activationLayer) : makeLayer(activationLayer, { inplace }));
    super(...layers);
    Object.defineProperty(this, 'outChannels', { value: outC, enumerable: false, writable: true });
  }
}

/**
 * `SqueezeExcitation(input_channels, squeeze_channels, activation=nn.ReLU, scale_activation=nn.Sigmoid)`:
 * the block of "Squeeze-and-Excitation Networks" (eq. 3).
 */
export class SqueezeExcitation extends nn.Module {
  avgpool: nn.Module;
  fc1: nn.Conv2d;
  fc2: nn.Conv2d;
  activation: nn.Module;
  scale_activation: nn.Module;

  constructor(inputChannels: number, squeezeChannels: number, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = 'ops.SqueezeExcitation';
    const a = v.bindArgs(call, ['inputChannels', 'squeezeChannels', 'activation', 'scaleActivation'], args);
    const inC = v.int(call, 'input_channels', a.inputChannels, 1);
    const sq = v.int(call, 'squeeze_channels', a.squeezeChannels, 1);
    const act = (a.activation ?? nn.ReLU) as LayerFactory;
    const scale = (a.scaleActivation ?? nn.Sigmoid) as LayerFactory;
    v.func(call, 'activation', act);
    v.func(call, 'scale_activation', scale);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.fc1 = new nn.Conv2d(inC, sq, 1);
    this.fc2 = new nn.Conv2d(sq, inC, 1);
    this.activation = makeLayer(act);
    this.scale_activation = makeLayer(scale);
  }

  protected _scale(input: Tensor): Tensor {
    let scale = this.avgpool.forward(input);
    scale = this.fc1.forward(scale);
    scale = this.activation.forward(scale);
    scale = this.fc2.forward(scale);
    return this.scale_activation.forward(scale);
  }

  override forward(input: Tensor): Tensor {
    return this._scale(input).mul(input);
  }
}

/**
 * `MLP(in_channels, hidden_channels, norm_layer=None, activation_layer=nn.ReLU, inplace=None... )`:
 * Linear (+ norm) + activation + Dropout for each hidden size, then Linear + Dropout.
 */
export class MLP extends nn.Sequential {
  constructor(inChannels: number, hiddenChannels: number[], ...rest: unknown[]);
  constructor(...args: unknown[]) {
    const call = 'ops.MLP';
    const a = v.bindArgs(call, ['inChannels', 'hiddenChannels', 'normLayer', 'activationLayer', 'inplace', 'bias', 'dropout'], args);
    const inC = v.int(call, 'in_channels', a.inChannels, 1);
    if (!Array.isArray(a.hiddenChannels) || a.hiddenChannels.length === 0) throw new TypeError(`${call}: hidden_channels must be a non-empty list of integers, got ${String(a.hiddenChannels)}`);
    const hidden = v.ints(call, 'hidden_channels', a.hiddenChannels, 1);
    const normLayer = (a.normLayer ?? null) as LayerFactory | null;
    const activationLayer = (a.activationLayer === undefined ? nn.ReLU : a.activationLayer) as LayerFactory;
    const inplace = a.inplace === undefined ? true : a.inplace === null ? null : v.bool(call, 'inplace', a.inplace);
    const bias = a.bias === undefined ? true : v.bool(call, 'bias', a.bias);
    const dropout = a.dropout === undefined ? 0 : v.inRange(call, 'dropout', a.dropout, 0, 1);
    const params = inplace === null ? {} : { inplace };
    const layers: nn.Module[] = [];
    let inDim = inC;
    for (const h of hidden.slice(0, -1)) {
      layers.push(new nn.Linear(inDim, h, { bias }));
      if (normLayer !== null) layers.push(makeLayer(normLayer, h));
      layers.push(makeLayer(activationLayer, params));
      layers.push(new nn.Dropout(dropout, params.inplace));
      inDim = h;
    }
    layers.push(new nn.Linear(inDim, hidden[hidden.length - 1], { bias }));
    layers.push(new nn.Dropout(dropout, params.inplace));
    super(...layers);
  }
}

/** `Permute(dims)`: `torch.permute(x, dims)`. */
export class Permute extends nn.Module {
  readonly dims: number[];
  constructor(dims: number[]) {
    super();
    this.dims = v.ints('ops.Permute', 'dims', dims);
  }
  override forward(x: Tensor): Tensor {
    return tensorArg('ops.Permute.forward', 'x', x).permute(...this.dims);
  }
}
