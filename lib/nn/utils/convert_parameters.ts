// torch.nn.utils.convert_parameters (torch/nn/utils/convert_parameters.py, PyTorch 1.13):
// parameters_to_vector and vector_to_parameters.
import { Tensor } from '../../tensor';
import { cat } from '../../functions';
import { slice } from '../../_indexing';
import * as v from '../../validate';
import { tensorOrTensors } from './_args';

/** Python's `_check_param_device`: -1 for the CPU, the CUDA index otherwise; all must agree. */
function checkParamDevice(param: Tensor, old: number | null): number {
  const here = param.isCuda ? param.device.index ?? 0 : -1;
  if (old === null) return here;
  if (here !== old) throw new TypeError('Found two parameters on different devices, this is currently not supported.');
  return old;
}

/** `parameters_to_vector(parameters)`: the parameters, each flattened with `view(-1)`, concatenated into one vector. */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  const call = 'nn.utils.parameters_to_vector';
  const params = tensorOrTensors(call, 'parameters', parameters);
  let device: number | null = null;
  const vec: Tensor[] = [];
  for (const p of params) {
    device = checkParamDevice(p, device);
    vec.push(p.view(-1));
  }
  return cat(vec);
}

/**
 * `vector_to_parameters(vec, parameters)`: the slices of `vec`, in order and reshaped like each
 * parameter, become the parameters' data (`param.data = vec[i:i+n].view_as(param).data`).
 */
export function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  const call = 'nn.utils.vector_to_parameters';
  if (!(vec instanceof Tensor)) throw new TypeError(`${call}: expected torch.Tensor, but got: ${v.isPlainObject(vec) ? 'dict' : vec === null ? 'NoneType' : typeof vec}`);
  const params = tensorOrTensors(call, 'parameters', parameters);
  let device: number | null = null;
  let pointer = 0;
  for (const p of params) {
    device = checkParamDevice(p, device);
    const n = p.numel();
    p.data = vec.index(slice(pointer, pointer + n)).viewAs(p).data;
    pointer += n;
  }
}
