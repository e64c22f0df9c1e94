// torch.backends (torch/backends/*): the cuDNN switches of ATen's global Context that Python's
// torch.backends.cudnn properties read and set through torch._C (_get/_set_cudnn_enabled, _benchmark,
// _deterministic, _allow_tf32), and the build facts behind the is_available() of cudnn, mkl, mkldnn
// and openmp. lib/backends validates.
#include <ATen/Context.h>
#include <ATen/detail/CUDAHooksInterface.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {
using Info = const Napi::CallbackInfo&;
}  // namespace

void InitBackends(Napi::Env env, Napi::Object exports) {
  // { enabled, benchmark, deterministic, allowTf32 }: the four cuDNN switches at once
  Def(env, exports, "cudnnFlags", [](Info info) -> Napi::Value {
    auto& ctx = at::globalContext();
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("enabled", ctx.userEnabledCuDNN());
    o.Set("benchmark", ctx.benchmarkCuDNN());
    o.Set("deterministic", ctx.deterministicCuDNN());
    o.Set("allowTf32", ctx.allowTF32CuDNN());
    return o;
  });
  // (name, value): name is one of the four keys above (lib checked)
  Def(env, exports, "setCudnnFlag", [](Info info) -> Napi::Value {
    auto& ctx = at::globalContext();
    const std::string name = Str(info, 0);
    const bool value = Bool(info, 1);
    if (name == "enabled") ctx.setUserEnabledCuDNN(value);
    else if (name == "benchmark") ctx.setBenchmarkCuDNN(value);
    else if (name == "deterministic") ctx.setDeterministicCuDNN(value);
    else ctx.setAllowTF32CuDNN(value);
    return info.Env().Undefined();
  });
  // the cuDNN version libtorch was built with, or null without cuDNN (its hooks throw then)
  Def(env, exports, "cudnnVersion", [](Info info) -> Napi::Value {
    const auto& hooks = at::detail::getCUDAHooks();
    if (!hooks.hasCuDNN()) return info.Env().Null();
    return Napi::Number::New(info.Env(), static_cast<double>(hooks.versionCuDNN()));
  });
  Def(env, exports, "backendsBuild", [](Info info) -> Napi::Value {
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("cudnn", at::detail::getCUDAHooks().hasCuDNN());
    o.Set("mkl", at::hasMKL());
    o.Set("mkldnn", at::hasMKLDNN());
    o.Set("openmp", at::hasOpenMP());
    return o;
  });
}

TORCH_NODE_AREA(InitBackends);

}  // namespace torchnode
