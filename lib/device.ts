// torch.device('cuda:0') and the device strings the addon speaks.
import { argError, TorchError } from './errors';
import { native } from './native';

export class Device {
  readonly type: 'cpu' | 'cuda' | 'meta';
  readonly index: number | null;
  /** torch.device('cuda:1'), torch.device('cuda', 1), or torch.device(1): an integer is a CUDA index, as in Python. */
  constructor(spec: string | number | Device, index?: number | null) {
    if (spec instanceof Device) {
      this.type = spec.type;
      this.index = spec.index;
      return;
    }
    if (typeof spec === 'number') {
      this.type = 'cuda';
      this.index = deviceIndex(spec);
      Object.freeze(this);
      return;
    }
    // 'meta': tensors with a shape, dtype and strides but no data (Python's device='meta')
    const m = typeof spec === 'string' ? /^(cpu|cuda|meta)(?::(\d+))?$/.exec(spec) : null;
    if (!m) throw argError('torch.device', 'device', "'cpu', 'cuda', 'cuda:N' or 'meta'", spec);
    this.type = m[1] as 'cpu' | 'cuda' | 'meta';
    const given = index === undefined || index === null ? null : deviceIndex(index);
    if (given !== null && m[2] !== undefined) throw new TorchError(`torch.device: type (string) must not include an index because index was passed explicitly: ${spec}`);
    this.index = m[2] !== undefined ? Number(m[2]) : given;
    Object.freeze(this);
  }
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `device(type='${this.type}'${this.index === null ? '' : `, index=${this.index}`})`;
  }
  equals(other: Device | string): boolean {
    return String(this) === String(toDevice(other));
  }
}

/** A device, its string ('cuda:0'), or an integer: a CUDA device index, as Python reads one. */
export type DeviceLike = Device | string | number;

export function device(spec: DeviceLike, index?: number | null): Device {
  return new Device(spec, index);
}

function deviceIndex(i: number): number {
  if (!Number.isInteger(i)) throw argError('torch.device', 'index', 'an integer', i);
  if (i < 0) throw new TorchError('torch.device: Device index must not be negative');
  return i;
}

export function toDevice(spec: DeviceLike): Device {
  return spec instanceof Device ? spec : new Device(spec);
}

/**
 * Python's check before it makes a tensor on a CUDA device (torch.cuda._lazy_init): a libtorch built
 * without CUDA says so, instead of the dispatcher's "Could not run 'aten::empty_strided' ...".
 */
export function checkCuda(call: string, d: Device): void {
  if (d.type === 'cuda' && !native.cudaCompiled()) throw new TorchError(`${call}: Torch not compiled with CUDA enabled`);
}
