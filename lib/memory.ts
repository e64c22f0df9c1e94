// Live-tensor accounting for leak tests: tensors not yet freed (by dispose() or the GC) in this thread.
import { native } from './native';

export interface MemoryStats {
  /** Tensors whose native memory is still held. */
  liveTensors: number;
  /** Bytes of the storages they hold (a view counts its whole storage). */
  liveBytes: number;
}

export function memoryStats(): MemoryStats {
  return native.memoryStats();
}
