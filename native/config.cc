// Process-level settings: seeds, threads, CUDA availability, and what libtorch this is.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <ATen/Version.h>
#include <ATen/Context.h>
#include <c10/core/DefaultDtype.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>
#include <torch/version.h>
#include <torch/cuda.h>
#include "args.h"
#include "env.h"
#include "registry.h"

namespace torchnode {

using Info = const Napi::CallbackInfo&;

void InitConfig(Napi::Env env, Napi::Object exports) {
  // Same default generator as Python's torch.manual_seed (it also seeds every CUDA device); a
  // DataLoader worker's own one there (env.h).
  Def(env, exports, "manualSeed", [](Info info) -> Napi::Value {
    uint64_t seed = static_cast<uint64_t>(Int(info, 0));
    {
      const auto& own = EnvGenerator(info.Env());
      at::Generator gen = own ? *own : at::detail::getDefaultCPUGenerator();
      std::lock_guard<std::mutex> lock(gen.mutex());
      gen.set_current_seed(seed);
    }
    if (torch::cuda::is_available()) torch::cuda::manual_seed_all(seed);
    return info.Env().Undefined();
  });
  // torch.cuda.manual_seed(_all): the CUDA generators only. Without CUDA, Python queues the seed for
  // a lazy init that never comes; here there is nothing to seed either.
  Def(env, exports, "cudaManualSeed", [](Info info) -> Napi::Value {
    uint64_t seed = static_cast<uint64_t>(Int(info, 0));
    if (torch::cuda::is_available()) {
      if (Bool(info, 1)) torch::cuda::manual_seed_all(seed); else torch::cuda::manual_seed(seed);
    }
    return info.Env().Undefined();
  });
  // torch.set_default_dtype / get_default_dtype. libtorch keeps the default dtype in one variable for
  // the whole process, as Python does: every worker thread that loaded the addon sees a change made by
  // any of them. lib/dtype.ts allows only floating types, as Python does.
  Def(env, exports, "setDefaultDtype", [](Info info) -> Napi::Value {
    c10::set_default_dtype(caffe2::TypeMeta::fromScalarType(Dtype(info, 0)));
    return info.Env().Undefined();
  });
  Def(env, exports, "getDefaultDtype", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<int>(c10::typeMetaToScalarType(c10::get_default_dtype())));
  });
  Def(env, exports, "setNumThreads", [](Info info) -> Napi::Value {
    at::set_num_threads(static_cast<int>(Int(info, 0)));
    return info.Env().Undefined();
  });
  Def(env, exports, "getNumThreads", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), at::get_num_threads()); });
  // Whether this libtorch has CUDA at all: Python's "Torch not compiled with CUDA enabled" case.
  Def(env, exports, "cudaCompiled", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA));
  });
  Def(env, exports, "cudaIsAvailable", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), torch::cuda::is_available()); });
  Def(env, exports, "cudaDeviceCount", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(torch::cuda::device_count()));
  });
  Def(env, exports, "cudaSynchronize", [](Info info) -> Napi::Value {
    if (torch::cuda::is_available()) torch::cuda::synchronize();
    return info.Env().Undefined();
  });
  Def(env, exports, "buildInfo", [](Info info) -> Napi::Value {
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("libtorchVersion", TORCH_VERSION);
    o.Set("parallelInfo", at::get_parallel_info());
    o.Set("showConfig", at::show_config());
    return o;
  });
}

TORCH_NODE_AREA(InitConfig);

}  // namespace torchnode
