// torch.cuda.set_device / current_device: the current CUDA device of the calling thread, through the
// CUDA DeviceGuardImpl that a CUDA libtorch registers (so no CUDA header is needed here, and a CPU-only
// libtorch answers with libtorch's error). lib/cuda.ts validates and gives Python's errors first.
#include <c10/core/Device.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {
using Info = const Napi::CallbackInfo&;
}  // namespace

void InitCudaDevice(Napi::Env env, Napi::Object exports) {
  // (index): index >= 0, checked against the device count by lib
  Def(env, exports, "cudaSetDevice", [](Info info) -> Napi::Value {
    const auto* impl = c10::impl::getDeviceGuardImpl(c10::DeviceType::CUDA);
    impl->setDevice(c10::Device(c10::DeviceType::CUDA, static_cast<c10::DeviceIndex>(Int(info, 0))));
    return info.Env().Undefined();
  });
  Def(env, exports, "cudaCurrentDevice", [](Info info) -> Napi::Value {
    const auto* impl = c10::impl::getDeviceGuardImpl(c10::DeviceType::CUDA);
    return Napi::Number::New(info.Env(), impl->getDevice().index());
  });
}

TORCH_NODE_AREA(InitCudaDevice);

}  // namespace torchnode
