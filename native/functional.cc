// torch.nn.functional: one native function per ATen op that F.* calls. lib/nn/functional.ts holds
// the defaults, the argument checks and the choice of op (as Python's functional.py does).
#include <ATen/ATen.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;

c10::optional<std::vector<int64_t>> OptInts(Info info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Ints(info, i);
}

c10::optional<std::vector<double>> OptNums(Info info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be an array of numbers");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<double> out(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsNumber()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be an array of numbers");
    out[k] = v.As<Napi::Number>().DoubleValue();
  }
  return out;
}

// The `.vec` overloads take exactly one of an output size or per-dim scale factors, like Python's
// torch._C._nn.upsample_* calls in F.interpolate.
at::OptionalIntArrayRef SizeRef(const c10::optional<std::vector<int64_t>>& v) {
  return v ? at::OptionalIntArrayRef(*v) : at::OptionalIntArrayRef(c10::nullopt);
}
c10::optional<at::ArrayRef<double>> ScaleRef(const c10::optional<std::vector<double>>& v) {
  return v ? c10::optional<at::ArrayRef<double>>(*v) : c10::nullopt;
}

}  // namespace

void InitFunctional(Napi::Env env, Napi::Object exports) {
  // upsampleNearest2d(input, outputSize?, scaleFactors?)
  Def(env, exports, "upsampleNearest2d", [](Info info) {
    auto size = OptInts(info, 1);
    auto scales = OptNums(info, 2);
    return Out(info, at::upsample_nearest2d(T(info, 0), SizeRef(size), ScaleRef(scales)));
  });
  // upsampleBilinear2d(input, outputSize?, alignCorners, scaleFactors?, antialias)
  Def(env, exports, "upsampleBilinear2d", [](Info info) {
    auto size = OptInts(info, 1);
    auto scales = OptNums(info, 3);
    if (Bool(info, 4)) return Out(info, at::_upsample_bilinear2d_aa(T(info, 0), SizeRef(size), Bool(info, 2), ScaleRef(scales)));
    return Out(info, at::upsample_bilinear2d(T(info, 0), SizeRef(size), Bool(info, 2), ScaleRef(scales)));
  });
  // upsampleBicubic2d(input, outputSize?, alignCorners, scaleFactors?, antialias)
  Def(env, exports, "upsampleBicubic2d", [](Info info) {
    auto size = OptInts(info, 1);
    auto scales = OptNums(info, 3);
    if (Bool(info, 4)) return Out(info, at::_upsample_bicubic2d_aa(T(info, 0), SizeRef(size), Bool(info, 2), ScaleRef(scales)));
    return Out(info, at::upsample_bicubic2d(T(info, 0), SizeRef(size), Bool(info, 2), ScaleRef(scales)));
  });
  Def(env, exports, "adaptiveAvgPool2d", [](Info info) { return Out(info, at::adaptive_avg_pool2d(T(info, 0), Ints(info, 1))); });
}

TORCH_NODE_AREA(InitFunctional);

}  // namespace torchnode
