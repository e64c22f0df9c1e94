// torch.set_num_threads / torch.get_num_threads (libtorch's intra-op pool).
import { native } from './native';
import * as v from './validate';

export function setNumThreads(n: number): void {
  native.setNumThreads(v.int('torch.set_num_threads', 'nthreads', n, 1));
}
export function getNumThreads(): number {
  return native.getNumThreads();
}
