// Live-tensor accounting for leak tests: tensors not yet freed (by dispose() or the GC) in this thread.
import { native } from './native';

export interface MemoryStats {
  /** Tensors whose native memory is still held. */
  liveTensors: number;
  /**
   * Bytes of the storages they hold, each storage once however many wrappers hold it (views, aliases,
   * each read of `p.grad`), for as long as one of them is live: a view counts its whole storage.
   */
  liveBytes: number;
  /**
   * Collected small results kept for reuse by the next elementwise ops of their dtype and size (each
   * new result of another op frees one of its kind, the next GC the rest): not live, and not in
   * liveTensors or liveBytes.
   */
  recycledTensors: number;
  /** Results written into a recycled tensor instead of a new one, since the thread began (a count that only grows). */
  reusedTensors: number;
}

export function memoryStats(): MemoryStats {
  return native.memoryStats();
}
