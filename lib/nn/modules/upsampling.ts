// torch.nn.Upsample, nn.UpsamplingNearest2d and nn.UpsamplingBilinear2d
// (torch/nn/modules/upsampling.py, PyTorch 1.13), over F.interpolate.
import { Tensor } from '../../tensor';
import { Module } from '../module';
import * as F from '../functional';
import type { InterpolateMode } from '../functional';
import * as v from '../../validate';
import { inputArg, pyFloat, tupleRepr } from './utils';

const MODES = ['nearest', 'linear', 'bilinear', 'bicubic', 'trilinear', 'area', 'nearest-exact'] as const;

export interface UpsampleOptions {
  size?: number | number[] | null;
  scaleFactor?: number | number[] | null;
  mode?: InterpolateMode;
  alignCorners?: boolean | null;
  recomputeScaleFactor?: boolean | null;
}

/** `nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None)`. */
export class Upsample extends Module {
  readonly name: string;
  readonly size: number | number[] | null;
  readonly scaleFactor: number | number[] | null;
  readonly mode: InterpolateMode;
  readonly alignCorners: boolean | null;
  readonly recomputeScaleFactor: boolean | null;

  constructor(size?: number | number[] | null | UpsampleOptions, ...rest: unknown[]);
  constructor(...args: unknown[]) {
    super();
    const call = `nn.${new.target.name}`;
    const a = v.bindArgs(call, ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor'], args);
    this.name = new.target.name;
    if (a.size === undefined || a.size === null) this.size = null;
    else this.size = Array.isArray(a.size) ? v.ints(call, 'size', a.size, 0) : v.int(call, 'size', a.size, 0);
    // Python: a tuple becomes floats; a falsy factor (None or 0) is None.
    if (Array.isArray(a.scaleFactor)) this.scaleFactor = v.numbers(call, 'scale_factor', a.scaleFactor);
    else this.scaleFactor = a.scaleFactor === undefined || a.scaleFactor === null || a.scaleFactor === 0 ? null : v.number(call, 'scale_factor', a.scaleFactor);
    this.mode = a.mode === undefined ? 'nearest' : v.oneOf(call, 'mode', a.mode, MODES);
    this.alignCorners = a.alignCorners === undefined || a.alignCorners === null ? null : v.bool(call, 'align_corners', a.alignCorners);
    this.recomputeScaleFactor = a.recomputeScaleFactor === undefined || a.recomputeScaleFactor === null ? null : v.bool(call, 'recompute_scale_factor', a.recomputeScaleFactor);
  }

  override forward(input: Tensor): Tensor {
    return F.interpolate(inputArg(`nn.${this._getName()}`, input), this.size, this.scaleFactor, this.mode, this.alignCorners, { recomputeScaleFactor: this.recomputeScaleFactor });
  }

  override extraRepr(): string {
    let info: string;
    if (this.scaleFactor !== null) {
      const s = this.scaleFactor;
      info = 'scale_factor=' + (Array.isArray(s) ? (s.length === 1 ? `(${pyFloat(s[0])},)` : `(${s.map(pyFloat).join(', ')})`) : pyFloat(s));
    } else {
      info = 'size=' + (this.size === null ? 'None' : tupleRepr(this.size));
    }
    return `${info}, mode=${this.mode}`;
  }
}

type Size2 = number | [number, number];

/** `nn.UpsamplingNearest2d(size=None, scale_factor=None)`: Upsample with mode 'nearest'. */
export class UpsamplingNearest2d extends Upsample {
  constructor(size?: Size2 | null | { size?: Size2 | null; scaleFactor?: number | [number, number] | null }, scaleFactor?: number | [number, number] | null);
  constructor(...args: unknown[]) {
    const a = v.bindArgs('nn.UpsamplingNearest2d', ['size', 'scaleFactor'], args);
    super({ size: a.size as Size2, scaleFactor: a.scaleFactor as number, mode: 'nearest' });
  }
}

/** `nn.UpsamplingBilinear2d(size=None, scale_factor=None)`: Upsample with mode 'bilinear' and align_corners. */
export class UpsamplingBilinear2d extends Upsample {
  constructor(size?: Size2 | null | { size?: Size2 | null; scaleFactor?: number | [number, number] | null }, scaleFactor?: number | [number, number] | null);
  constructor(...args: unknown[]) {
    const a = v.bindArgs('nn.UpsamplingBilinear2d', ['size', 'scaleFactor'], args);
    super({ size: a.size as Size2, scaleFactor: a.scaleFactor as number, mode: 'bilinear', alignCorners: true });
  }
}
