// torch/cuda/amp/common.py: whether mixed precision certainly cannot run here. Python also counts an
// installed torch_xla; torch-node has no XLA, so this is "no CUDA".
import { isAvailable } from '../../cuda';

export function ampDefinitelyNotAvailable(): boolean {
  return !isAvailable();
}
