// torch.backends.openmp (torch/backends/openmp/__init__.py): whether libtorch was built with it (torch._C.has_openmp).
import { native } from '../native';

/** torch.backends.openmp.is_available() */
export function isAvailable(): boolean {
  return (native.backendsBuild() as { openmp: boolean }).openmp;
}
