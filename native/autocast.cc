// Automatic mixed precision: the thread-local autocast state of at::autocast (ATen/autocast_mode.h),
// which torch/__init__.py exposes through torch._C and torch.autocast sets on entering and leaving a
// region. Enabling a device's autocast puts its dispatch key in thread-local state, so ops reach
// autocast's kernels (native/ops_direct.h's direct path and native/dispatch.cc's below-autograd call
// step aside then). lib/amp/autocast_mode.ts validates and holds the policy; these are plain calls.
#include <ATen/autocast_mode.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include <torch/version.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {
using Info = const Napi::CallbackInfo&;

// libtorch 2.4 keyed the state by device type and deprecated the per-device names of 1.13
// (is_cpu_enabled, get_autocast_gpu_dtype, ...), which 2.x keeps as deprecated inline wrappers.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
bool IsEnabled(c10::DeviceType d) { return at::autocast::is_autocast_enabled(d); }
void SetEnabled(c10::DeviceType d, bool on) { at::autocast::set_autocast_enabled(d, on); }
at::ScalarType GetDtype(c10::DeviceType d) { return at::autocast::get_autocast_dtype(d); }
void SetDtype(c10::DeviceType d, at::ScalarType t) { at::autocast::set_autocast_dtype(d, t); }
#else
bool IsEnabled(c10::DeviceType d) { return d == c10::DeviceType::CPU ? at::autocast::is_cpu_enabled() : at::autocast::is_enabled(); }
void SetEnabled(c10::DeviceType d, bool on) {
  if (d == c10::DeviceType::CPU) at::autocast::set_cpu_enabled(on); else at::autocast::set_enabled(on);
}
at::ScalarType GetDtype(c10::DeviceType d) {
  return d == c10::DeviceType::CPU ? at::autocast::get_autocast_cpu_dtype() : at::autocast::get_autocast_gpu_dtype();
}
void SetDtype(c10::DeviceType d, at::ScalarType t) {
  if (d == c10::DeviceType::CPU) at::autocast::set_autocast_cpu_dtype(t); else at::autocast::set_autocast_gpu_dtype(t);
}
#endif

// The JS side names the device by a boolean, `cpu`: Python's torch._C has a cpu and a gpu (CUDA)
// function for each, and nothing else in 1.13.
c10::DeviceType DeviceOf(Info info, size_t i) { return Bool(info, i) ? c10::DeviceType::CPU : c10::DeviceType::CUDA; }
}  // namespace

void InitAutocast(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "isAutocastEnabled", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), IsEnabled(DeviceOf(info, 0)));
  });
  Def(env, exports, "setAutocastEnabled", [](Info info) -> Napi::Value {
    SetEnabled(DeviceOf(info, 0), Bool(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "getAutocastDtype", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<int>(GetDtype(DeviceOf(info, 0))));
  });
  // 1.13 refuses any CPU dtype but bfloat16 here (a c10::Error, as in Python).
  Def(env, exports, "setAutocastDtype", [](Info info) -> Napi::Value {
    SetDtype(DeviceOf(info, 0), Dtype(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "clearAutocastCache", [](Info info) -> Napi::Value {
    at::autocast::clear_cache();
    return info.Env().Undefined();
  });
  Def(env, exports, "autocastIncrementNesting", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), at::autocast::increment_nesting());
  });
  Def(env, exports, "autocastDecrementNesting", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), at::autocast::decrement_nesting());
  });
  Def(env, exports, "isAutocastCacheEnabled", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), at::autocast::is_autocast_cache_enabled());
  });
  Def(env, exports, "setAutocastCacheEnabled", [](Info info) -> Napi::Value {
    at::autocast::set_autocast_cache_enabled(Bool(info, 0));
    return info.Env().Undefined();
  });
  // torch.cuda.is_bf16_supported (compute capability >= 8 and CUDA >= 11) for torch.autocast('cuda',
  // dtype=bfloat16)'s check. The CUDA hooks are reachable from a CPU build; the capability test is the
  // one behind supportsBFloat16ConvolutionWithCuDNNv8 (major >= 8), which also needs cuDNN: every CUDA
  // libtorch distribution has it. Called by lib only where CUDA is available.
  Def(env, exports, "cudaIsBf16Supported", [](Info info) -> Napi::Value {
    const at::CUDAHooksInterface& hooks = at::detail::getCUDAHooks();
    return Napi::Boolean::New(info.Env(), hooks.versionCUDART() >= 11000 && hooks.supportsBFloat16ConvolutionWithCuDNNv8());
  });
}

TORCH_NODE_AREA(InitAutocast);

}  // namespace torchnode
