// Tensor properties Python reads off the TensorImpl rather than through an operator: x.layout (and
// the is_sparse/is_sparse_csr/is_mkldnn/is_quantized it implies), x.storage_offset(), x.data_ptr().
#include <ATen/core/Tensor.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

void InitTensorProps(Napi::Env env, Napi::Object exports) {
  // c10::Layout's code (lib/_C/layout.ts has the same order)
  Def(env, exports, "layout", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(static_cast<int8_t>(T(info, 0).layout())));
  });
  Def(env, exports, "isQuantized", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), T(info, 0).is_quantized());
  });
  // strided tensors only: libtorch throws for the others, as Python does
  Def(env, exports, "storageOffset", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).storage_offset()));
  });
  // a 64-bit address: a bigint, which the TS layer turns into a number where that is exact
  Def(env, exports, "dataPtr", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(T(info, 0).data_ptr())));
  });
}

TORCH_NODE_AREA(InitTensorProps);

}  // namespace torchnode
