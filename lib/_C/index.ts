// torch._C: the generated op layer (lib/_C/generated, written by scripts/codegen/generate.js from the
// schemas of the linked libtorch). Its Tensor methods are installed here on Tensor.prototype, beside
// the hand-written ones, which keep their place.
import { Tensor } from '../tensor';
import { OPS } from './generated/ops';
import { opMethod } from './arg_parser';
import * as _nn from './generated/nn';
import { native } from '../native';
import * as v from '../validate';

for (const [name, op] of Object.entries(OPS.Tensor)) {
  if (name in Tensor.prototype) continue;
  if (op.property) {
    const read = opMethod(name, op);
    Object.defineProperty(Tensor.prototype, name, { get(this: Tensor) { return read.call(this); }, configurable: true });
  } else Object.defineProperty(Tensor.prototype, name, { value: opMethod(name, op), writable: true, configurable: true });
}

export { _nn };

/**
 * torch-node's own switch, no Python twin: whether small ops without autograd (elementwise ops, relu,
 * full sum/mean, mm and matmul of two matrices) call their CPU kernels directly into recycled results
 * (native/ops_direct.h), or, when false, go through libtorch's dispatcher like every other op. On by
 * default; the results are the same either way (test/tensor/direct_path.test.ts), only the speed
 * differs. Per thread: a worker_thread has its own switch.
 */
export function _setDirectOps(enabled: boolean): void {
  native.setDirectOps(v.bool('torch._C._setDirectOps', 'enabled', enabled));
}
export function _getDirectOps(): boolean {
  return native.getDirectOps();
}
