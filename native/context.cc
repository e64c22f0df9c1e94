// ATen's global Context and the thread-local modes that torch/__init__.py and torch.autograd set
// through torch._C: deterministic algorithms, float32 matmul precision, flush-denormal, warn-always,
// inter-op threads, anomaly mode, inference mode. lib/_init.ts, lib/threads.ts and lib/autograd.ts validate.
#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <c10/util/Exception.h>
#include <torch/csrc/autograd/anomaly_mode.h>
#include <torch/version.h>
#include <memory>
#include <vector>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {
using Info = const Napi::CallbackInfo&;

// libtorch 2.x renamed the namespace of the warn-always switch: 1.13's c10::Warning (a namespace there)
// is c10::WarningUtils in 2.x (2.13's c10/util/Exception.h), where c10::Warning is the warning class.
#if TORCH_VERSION_MAJOR >= 2
namespace warn_always = c10::WarningUtils;
#else
namespace warn_always = c10::Warning;
#endif
}  // namespace

void InitContext(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "setDeterministicAlgorithms", [](Info info) -> Napi::Value {
    at::globalContext().setDeterministicAlgorithms(Bool(info, 0), Bool(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "deterministicAlgorithms", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), at::globalContext().deterministicAlgorithms());
  });
  Def(env, exports, "deterministicAlgorithmsWarnOnly", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), at::globalContext().deterministicAlgorithmsWarnOnly());
  });
  // 'highest' | 'high' | 'medium' (lib checked), as Python's torch.set_float32_matmul_precision
  Def(env, exports, "setFloat32MatmulPrecision", [](Info info) -> Napi::Value {
    at::globalContext().setFloat32MatmulPrecision(Str(info, 0));
    return info.Env().Undefined();
  });
  Def(env, exports, "float32MatmulPrecision", [](Info info) -> Napi::Value {
    switch (at::globalContext().float32MatmulPrecision()) {
      case at::Float32MatmulPrecision::HIGH: return Napi::String::New(info.Env(), "high");
      case at::Float32MatmulPrecision::MEDIUM: return Napi::String::New(info.Env(), "medium");
      default: return Napi::String::New(info.Env(), "highest");
    }
  });
  Def(env, exports, "setFlushDenormal", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), at::globalContext().setFlushDenormal(Bool(info, 0)));
  });
  Def(env, exports, "setWarnAlways", [](Info info) -> Napi::Value {
    warn_always::set_warnAlways(Bool(info, 0));
    return info.Env().Undefined();
  });
  Def(env, exports, "warnAlways", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), warn_always::get_warnAlways()); });
  Def(env, exports, "setNumInteropThreads", [](Info info) -> Napi::Value {
    at::set_num_interop_threads(static_cast<int>(Int(info, 0)));
    return info.Env().Undefined();
  });
  Def(env, exports, "getNumInteropThreads", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), at::get_num_interop_threads()); });
  Def(env, exports, "setAnomalyEnabled", [](Info info) -> Napi::Value {
    torch::autograd::AnomalyMode::set_enabled(Bool(info, 0), Bool(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "anomalyEnabled", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), torch::autograd::AnomalyMode::is_enabled()); });
  Def(env, exports, "anomalyCheckNan", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), torch::autograd::AnomalyMode::should_check_nan());
  });

  // Inference mode is a RAII guard over thread-local state (c10::InferenceMode), as Python's
  // torch._C._InferenceMode object is: enterInferenceMode(mode) pushes one, exitInferenceMode pops it;
  // lib pairs them around its callback. The stack is this environment's (its JS thread's).
  auto guards = std::make_shared<std::vector<std::unique_ptr<c10::InferenceMode>>>();
  env.AddCleanupHook([guards]() {
    while (!guards->empty()) guards->pop_back();
  });
  Def(env, exports, "enterInferenceMode", [guards](Info info) -> Napi::Value {
    guards->push_back(std::make_unique<c10::InferenceMode>(Bool(info, 0)));
    return info.Env().Undefined();
  });
  Def(env, exports, "exitInferenceMode", [guards](Info info) -> Napi::Value {
    if (!guards->empty()) guards->pop_back();
    return info.Env().Undefined();
  });
  Def(env, exports, "isInferenceModeEnabled", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), c10::InferenceMode::is_enabled());
  });
}

TORCH_NODE_AREA(InitContext);

}  // namespace torchnode
