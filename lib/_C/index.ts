// torch._C: the generated op layer (lib/_C/generated, written by scripts/codegen/generate.js from the
// schemas of the linked libtorch). Its Tensor methods are installed here on Tensor.prototype, beside
// the hand-written ones, which keep their place.
import { Tensor } from '../tensor';
import { OPS } from './generated/ops';
import { opMethod } from './arg_parser';
import * as _nn from './generated/nn';

for (const [name, op] of Object.entries(OPS.Tensor)) {
  if (!(name in Tensor.prototype)) Object.defineProperty(Tensor.prototype, name, { value: opMethod(name, op), writable: true, configurable: true });
}

export { _nn };
