// torch.device('cuda:0') and the device strings the addon speaks.
import { argError } from './errors';

export class Device {
  readonly type: 'cpu' | 'cuda';
  readonly index: number | null;
  constructor(spec: string | Device, index?: number) {
    if (spec instanceof Device) {
      this.type = spec.type;
      this.index = spec.index;
      return;
    }
    const m = typeof spec === 'string' ? /^(cpu|cuda)(?::(\d+))?$/.exec(spec) : null;
    if (!m) throw argError('torch.device', 'device', "'cpu', 'cuda' or 'cuda:N'", spec);
    this.type = m[1] as 'cpu' | 'cuda';
    this.index = m[2] !== undefined ? Number(m[2]) : index ?? null;
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

export type DeviceLike = Device | string;

export function device(spec: DeviceLike, index?: number): Device {
  return new Device(spec, index);
}

export function toDevice(spec: DeviceLike): Device {
  return spec instanceof Device ? spec : new Device(spec);
}
