// torch.nn.functional (`const F = nn.functional`). Defaults, argument checks and the choice of ATen
// op live here, as in Python's torch/nn/functional.py; native/functional.cc only calls the op.
// Python positional parameters stay positional; keyword parameters are a trailing options object.
import { native } from '../native';
import { Tensor, tensorArg } from '../tensor';
import { argError } from '../errors';
import * as v from '../validate';

type Pair = number | [number, number];

/** A spatial size for 2-D ops: one value for both dims or one per dim, as Python's `_pair`. */
function pair(call: string, name: string, x: unknown, check: (call: string, name: string, x: unknown) => number): [number, number] {
  if (Array.isArray(x)) {
    if (x.length !== 2) throw argError(call, name, 'a number or a list of 2 numbers', x, 'range');
    return [check(call, `${name}[0]`, x[0]), check(call, `${name}[1]`, x[1])];
  }
  const n = check(call, name, x);
  return [n, n];
}

const positiveInt = (call: string, name: string, x: unknown): number => v.int(call, name, x, 1);
const positiveNumber = (call: string, name: string, x: unknown): number => {
  const n = v.finite(call, name, x);
  if (!(n > 0)) throw argError(call, name, 'a positive number', x, 'range');
  return n;
};

function tensorOfDim(call: string, name: string, x: unknown, dims: number[], layout: string): Tensor {
  const t = tensorArg(call, name, x);
  if (!dims.includes(t.dim())) throw new RangeError(`${call}: ${name} must be a ${dims.join('-D or ')}-D tensor ${layout}, got a ${t.dim()}-D tensor`);
  return t;
}

// ---------------------------------------------------------------- interpolate

export type InterpolateMode = 'nearest' | 'bilinear' | 'bicubic' | 'area';
export interface InterpolateOptions {
  size?: Pair;
  scaleFactor?: number | [number, number];
  mode?: InterpolateMode;
  alignCorners?: boolean;
  recomputeScaleFactor?: boolean;
  antialias?: boolean;
}
const INTERPOLATE_OPTIONS = ['size', 'scaleFactor', 'mode', 'alignCorners', 'recomputeScaleFactor', 'antialias'] as const;

/**
 * F.interpolate(input, { size | scaleFactor, mode, alignCorners, recomputeScaleFactor, antialias }),
 * or F.interpolate(input, size, { ...options }). Input is (N, C, H, W): 2-D spatial modes only.
 */
export function interpolate(input: Tensor, sizeOrOpts?: Pair | InterpolateOptions, opts?: InterpolateOptions): Tensor {
  const call = 'F.interpolate';
  let o: Record<string, unknown>;
  if (v.isPlainObject(sizeOrOpts)) {
    o = v.options(call, sizeOrOpts);
  } else {
    o = { ...v.options(call, opts) };
    if (sizeOrOpts !== undefined && sizeOrOpts !== null) {
      if (o.size !== undefined) throw new TypeError(`${call}: size was given both positionally and as an option`);
      o.size = sizeOrOpts;
    }
  }
  v.knownOptions(call, o, INTERPOLATE_OPTIONS);
  const x = tensorOfDim(call, 'input', input, [4], '(N, C, H, W); only 2-D spatial interpolation is supported');
  const mode = o.mode === undefined ? 'nearest' : v.oneOf(call, 'mode', o.mode, ['nearest', 'bilinear', 'bicubic', 'area'] as const);
  const interpolating = mode === 'bilinear' || mode === 'bicubic';

  let alignCorners = false;
  if (o.alignCorners !== undefined && o.alignCorners !== null) {
    alignCorners = v.bool(call, 'align_corners', o.alignCorners);
    if (!interpolating) throw new TypeError(`${call}: align_corners can only be set with the interpolating modes 'bilinear' and 'bicubic', got mode '${mode}'`);
  }
  const antialias = o.antialias === undefined ? false : v.bool(call, 'antialias', o.antialias);
  if (antialias && !interpolating) throw new TypeError(`${call}: antialias is only supported for the 'bilinear' and 'bicubic' modes, got mode '${mode}'`);

  const hasSize = o.size !== undefined && o.size !== null;
  const hasScale = o.scaleFactor !== undefined && o.scaleFactor !== null;
  if (hasSize === hasScale) throw new TypeError(`${call}: exactly one of size or scale_factor must be given`);
  let recompute = o.recomputeScaleFactor === undefined || o.recomputeScaleFactor === null ? false : v.bool(call, 'recompute_scale_factor', o.recomputeScaleFactor);
  if (recompute && hasSize) throw new TypeError(`${call}: recompute_scale_factor is not meaningful with an explicit size`);
  // 'area' is adaptive average pooling: it needs an output size (Python recomputes it too).
  if (mode === 'area') recompute = true;

  let size: [number, number] | null = hasSize ? pair(call, 'size', o.size, positiveInt) : null;
  let scales: [number, number] | null = hasScale ? pair(call, 'scale_factor', o.scaleFactor, positiveNumber) : null;
  if (scales && recompute) {
    // Python: the output size is floor(in * scale) and the kernel then derives the scale from it.
    const [h, w] = x.shape.slice(2);
    size = [Math.floor(h * scales[0]), Math.floor(w * scales[1])];
    scales = null;
  }
  switch (mode) {
    case 'nearest': return native.upsampleNearest2d(x, size, scales);
    case 'bilinear': return native.upsampleBilinear2d(x, size, alignCorners, scales, antialias);
    case 'bicubic': return native.upsampleBicubic2d(x, size, alignCorners, scales, antialias);
    case 'area': return native.adaptiveAvgPool2d(x, size);
  }
}
