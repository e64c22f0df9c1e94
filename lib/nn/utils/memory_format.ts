// torch.nn.utils.memory_format (torch/nn/utils/memory_format.py, PyTorch 1.13).
import { MemoryFormat } from '../../_C/layout';
import { argError } from '../../errors';
import { Module } from '../module';
import { Conv2d, ConvTranspose2d } from '../modules/conv';
import { moduleArg } from './_hooks';

/**
 * `convert_conv2d_weight_memory_format(module, memory_format)`: the weight of every Conv2d and
 * ConvTranspose2d in `module` (itself included) is stored in `memoryFormat` (e.g. `torch.channels_last`),
 * the same Parameter object with new data. Returns the module.
 */
export function convertConv2dWeightMemoryFormat<T extends Module>(module: T, memoryFormat: MemoryFormat): T {
  const call = 'nn.utils.convert_conv2d_weight_memory_format';
  moduleArg(call, module);
  if (!(memoryFormat instanceof MemoryFormat)) throw argError(call, 'memory_format', 'a torch.memory_format', memoryFormat);
  const convert = (m: Module): void => {
    if (m instanceof Conv2d || m instanceof ConvTranspose2d) {
      // Python's contiguous(memory_format=...); here Tensor.to does it (same copy, same strides)
      const weightData = m.weight.detach().clone().to({ memoryFormat });
      m.weight.data = weightData.resize_(weightData.shape, { memoryFormat });
    }
    for (const child of m.children()) convert(child);
  };
  convert(module);
  return module;
}
