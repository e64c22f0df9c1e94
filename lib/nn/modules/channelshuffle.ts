// torch.nn.ChannelShuffle (torch/nn/modules/channelshuffle.py, PyTorch 1.13).
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import * as v from '../../validate';
import { inputArg } from './utils';

/** `nn.ChannelShuffle(groups)`: (N, g·c, ...) → the channels of the g groups interleaved. */
export class ChannelShuffle extends Module {
  readonly groups: number;

  constructor(groups: number | { groups: number });
  constructor(...args: unknown[]) {
    super();
    const a = v.bindArgs('nn.ChannelShuffle', ['groups'], args);
    this.groups = v.int('nn.ChannelShuffle', 'groups', a.groups, 1);
  }

  override forward(input: Tensor): Tensor {
    return F.channelShuffle(inputArg('nn.ChannelShuffle', input), this.groups);
  }

  override extraRepr(): string {
    return `groups=${this.groups}`;
  }
}
