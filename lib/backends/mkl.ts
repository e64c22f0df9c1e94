// torch.backends.mkl (torch/backends/mkl/__init__.py): whether libtorch was built with it (torch._C.has_mkl).
import { native } from '../native';

/** torch.backends.mkl.is_available() */
export function isAvailable(): boolean {
  return (native.backendsBuild() as { mkl: boolean }).mkl;
}
