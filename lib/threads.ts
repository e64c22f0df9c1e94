// torch.set_num_threads / torch.get_num_threads (libtorch's intra-op pool), and the inter-op pool's
// torch.set_num_interop_threads / torch.get_num_interop_threads.
import { native } from './native';
import * as v from './validate';

// libtorch starts every thread it is asked for at once: a huge count would hang the process
// creating them (and the native side takes a C int), so the count is bounded well above any machine.
const MAX_THREADS = 1024;

export function setNumThreads(n: number): void {
  const nthreads = v.int('torch.set_num_threads', 'nthreads', n, 1);
  if (nthreads > MAX_THREADS) throw new RangeError(`torch.set_num_threads: nthreads must be at most ${MAX_THREADS}, got ${nthreads}`);
  native.setNumThreads(nthreads);
}
export function getNumThreads(): number {
  return native.getNumThreads();
}
/** Once inter-op work has run, or after a first call, libtorch refuses a new count (a TorchError), as in Python. */
export function setNumInteropThreads(n: number): void {
  const nthreads = v.int('torch.set_num_interop_threads', 'nthreads', n, 1);
  if (nthreads > MAX_THREADS) throw new RangeError(`torch.set_num_interop_threads: nthreads must be at most ${MAX_THREADS}, got ${nthreads}`);
  native.setNumInteropThreads(nthreads);
}
export function getNumInteropThreads(): number {
  return native.getNumInteropThreads();
}
