// The JS side of test/fixtures/gen_serialization.py's describe(): the same JSON shape, computed
// from what torch.load returned here, so fixture files compare with toEqual.
import * as torch from '../../lib';
import { native } from '../../lib/native';

type Desc = unknown;

/** Python's description with what JS cannot tell apart folded: tuple → list, float → number. */
export function normalize(d: Desc): Desc {
  if (Array.isArray(d)) return d.map(normalize);
  if (d === null || typeof d !== 'object') return d;
  const o = d as Record<string, unknown>;
  if ('tuple' in o) return { list: normalize(o.tuple) };
  if ('float' in o) return o.float;
  return Object.fromEntries(Object.entries(o).map(([k, val]) => [k, normalize(val)]));
}

export function describe(x: unknown, storages = new Map<number, number>()): Desc {
  if (x instanceof torch.Tensor) {
    const empty = x.numel() === 0;
    const key = empty ? -storages.size - 1 : (native.storageKey(x) as number);
    if (!storages.has(key)) storages.set(key, storages.size);
    const flat = Array.from(x.toTypedArray() as ArrayLike<number | bigint>, (e) => (x.dtype === torch.bool ? e !== 0 : Number(e)));
    return {
      tensor: {
        dtype: x.dtype.name, shape: x.shape, stride: x.stride(), offset: native.storageOffset(x),
        storage: storages.get(key), values: flat, requires_grad: x.requiresGrad,
      },
    };
  }
  if (x instanceof Map) return { dict: [...x].map(([k, val]) => [describe(k, storages), describe(val, storages)]) };
  if (Array.isArray(x)) return { list: x.map((e) => describe(e, storages)) };
  if (x instanceof Uint8Array) return { bytes: [...x] };
  if (x instanceof torch.DType) return { dtype: x.name };
  if (typeof x === 'bigint') return { bigint: String(x) };
  if (x !== null && typeof x === 'object') return { dict: Object.entries(x).map(([k, val]) => [k, describe(val, storages)]) };
  return x;
}
