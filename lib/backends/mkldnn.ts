// torch.backends.mkldnn (torch/backends/mkldnn/__init__.py): whether libtorch was built with it (torch._C.has_mkldnn).
import { native } from '../native';

/** torch.backends.mkldnn.is_available() */
export function isAvailable(): boolean {
  return (native.backendsBuild() as { mkldnn: boolean }).mkldnn;
}
