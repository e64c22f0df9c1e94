// torch.nn.PixelShuffle and nn.PixelUnshuffle (torch/nn/modules/pixelshuffle.py, PyTorch 1.13).
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { inputArg } from './utils';

/** `nn.PixelShuffle(upscale_factor)`: (*, C r², H, W) → (*, C, H r, W r). */
export class PixelShuffle extends Module {
  readonly upscaleFactor: number;

  constructor(upscaleFactor: number | { upscaleFactor: number });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.PixelShuffle', ['upscaleFactor'], args);
    this.upscaleFactor = v.int('nn.PixelShuffle', 'upscale_factor', a.upscaleFactor, 1);
  }

  override forward(input: Tensor): Tensor {
    return F.pixelShuffle(inputArg('nn.PixelShuffle', input), this.upscaleFactor);
  }

  override extraRepr(): string {
    return `upscale_factor=${this.upscaleFactor}`;
  }
}

/** `nn.PixelUnshuffle(downscale_factor)`: (*, C, H r, W r) → (*, C r², H, W). */
export class PixelUnshuffle extends Module {
  readonly downscaleFactor: number;

  constructor(downscaleFactor: number | { downscaleFactor: number });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.PixelUnshuffle', ['downscaleFactor'], args);
    this.downscaleFactor = v.int('nn.PixelUnshuffle', 'downscale_factor', a.downscaleFactor, 1);
  }

  override forward(input: Tensor): Tensor {
    return F.pixelUnshuffle(inputArg('nn.PixelUnshuffle', input), this.downscaleFactor);
  }

  override extraRepr(): string {
    return `downscale_factor=${this.downscaleFactor}`;
  }
}
