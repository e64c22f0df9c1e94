// torch.backends.cudnn (torch/backends/cudnn/__init__.py): isAvailable(), version() and the switches
// enabled, benchmark, deterministic, allowTf32, which Python's module exposes as properties that read
// and write ATen's global Context (native/backends.cc). `import torch.backends.cudnn as cudnn;
// cudnn.benchmark = True` is `const cudnn = torch.backends.cudnn; cudnn.benchmark = true`.
import { native } from '../native';
import * as v from '../validate';

type Flag = 'enabled' | 'benchmark' | 'deterministic' | 'allowTf32';

function get(name: Flag): boolean {
  return (native.cudnnFlags() as Record<Flag, boolean>)[name];
}

function set(name: Flag, value: unknown): void {
  native.setCudnnFlag(name, v.bool(`torch.backends.cudnn.${v.pythonName(name)}`, v.pythonName(name), value));
}

export const cudnn = {
  /** torch.backends.cudnn.is_available(): whether libtorch was built with cuDNN. */
  isAvailable(): boolean {
    return (native.backendsBuild() as { cudnn: boolean }).cudnn;
  },
  /** torch.backends.cudnn.version(): cuDNN's version number (8700 for 8.7.0), or null without cuDNN. */
  version(): number | null {
    return native.cudnnVersion() as number | null;
  },
  get enabled(): boolean { return get('enabled'); },
  set enabled(value: boolean) { set('enabled', value); },
  get benchmark(): boolean { return get('benchmark'); },
  set benchmark(value: boolean) { set('benchmark', value); },
  get deterministic(): boolean { return get('deterministic'); },
  set deterministic(value: boolean) { set('deterministic', value); },
  get allowTf32(): boolean { return get('allowTf32'); },
  set allowTf32(value: boolean) { set('allowTf32', value); },
};
