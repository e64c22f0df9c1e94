// Storage-level helpers for torch.load / torch.save (lib/serialization): a .pth file stores whole
// storages and rebuilds each tensor as a strided view into one, so that views and tensors that share
// a storage stay sharing. Bounds are checked in TypeScript before asStrided is called.
#include <ATen/ATen.h>
#include <cstdint>
#include <cstring>
#include "args.h"
#include "registry.h"

namespace torchnode {

void InitSerialization(Napi::Env env, Napi::Object exports) {
  // asStrided(t, size, stride, storageOffset): torch.as_strided, a view into t's storage.
  Def(env, exports, "asStrided", [](const Napi::CallbackInfo& info) {
    return Out(info, at::as_strided(T(info, 0), Ints(info, 1), Ints(info, 2), Int(info, 3)));
  });
  // bytesView(t): an ArrayBuffer over a contiguous CPU tensor's own memory (no copy), which keeps the
  // tensor's storage alive until it is collected. torch.load reads storages from the file straight
  // into their tensors through it.
  Def(env, exports, "bytesView", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    if (!t.device().is_cpu() || !t.is_contiguous()) ThrowTypeError(info.Env(), "bytesView: the tensor must be contiguous and on the CPU");
    const size_t nbytes = static_cast<size_t>(t.numel()) * t.element_size();
    if (nbytes == 0) return Napi::ArrayBuffer::New(info.Env(), 0);
    return Napi::ArrayBuffer::New(info.Env(), t.data_ptr(), nbytes, [](Napi::Env, void*, at::Tensor* keep) { delete keep; }, new at::Tensor(t));
  });
  // storageKey(t): a number that is equal for tensors sharing one storage (the StorageImpl address).
  Def(env, exports, "storageKey", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    auto key = reinterpret_cast<std::uintptr_t>(t.storage().unsafeGetStorageImpl());
    return Napi::Number::New(info.Env(), static_cast<double>(key));
  });
  // storageBytes(t): a copy of the whole storage under t (every byte, not only t's elements), on the CPU.
  Def(env, exports, "storageBytes", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    const int64_t itemsize = static_cast<int64_t>(t.element_size());
    const int64_t numel = static_cast<int64_t>(t.storage().nbytes()) / itemsize;
    at::Tensor whole = at::empty({0}, t.options().requires_grad(false));
    whole.set_(t.storage(), 0, {numel}, {1});
    whole = whole.to(at::kCPU);
    const size_t nbytes = static_cast<size_t>(numel * itemsize);
    Napi::ArrayBuffer buf = Napi::ArrayBuffer::New(info.Env(), nbytes);
    if (nbytes) std::memcpy(buf.Data(), whole.data_ptr(), nbytes);
    return buf;
  });
}

TORCH_NODE_AREA(InitSerialization);

}  // namespace torchnode
