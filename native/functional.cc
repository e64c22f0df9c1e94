// torch.nn.functional: one native function per ATen op that F.* calls. lib/nn/functional.ts holds
// the defaults, the argument checks and the choice of op (as Python's functional.py does).
#include <ATen/ATen.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;

// at::dropout and at::feature_dropout take no generator: they draw from libtorch's process-wide one.
// In an environment with a default generator of its own (a DataLoader worker, env.h) this runs their
// CPU algorithm (ATen's Dropout.cpp, _dropout_impl: bernoulli_(1 - p) noise, divided by 1 - p,
// multiplied in) with that generator, so a worker draws Python's worker-process mask.
at::Tensor DropoutWith(const at::Generator& gen, at::Tensor input, double p, bool train, bool feature, bool inplace) {
  TORCH_CHECK(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got ", p);
  if (p == 0 || !train || input.numel() == 0) return input;
  if (p == 1) return inplace ? input.mul_(at::zeros({}, input.options())) : input.mul(at::zeros({}, input.options()));
  at::Tensor noise;
  if (feature) {
    TORCH_CHECK(input.dim() >= 2, "Feature dropout requires at least 2 dimensions in the input");
    std::vector<int64_t> sizes(input.dim(), 1);
    sizes[0] = input.size(0);
    sizes[1] = input.size(1);
    noise = at::empty(sizes, input.options());
  } else {
    noise = at::empty_like(input, at::MemoryFormat::Contiguous);
  }
  noise.bernoulli_(1 - p, gen);
  noise.div_(1 - p);
  return inplace ? input.mul_(noise) : input.mul(noise);
}

at::Tensor Dropout(Info info, bool feature, bool inplace) {
  at::Tensor& x = T(info, 0);
  double p = Num(info, 1);
  bool train = Bool(info, 2);
  if (const auto& own = EnvGenerator(info.Env())) return DropoutWith(*own, x, p, train, feature, inplace);
  if (feature) return inplace ? at::feature_dropout_(x, p, train) : at::feature_dropout(x, p, train);
  return inplace ? at::dropout_(x, p, train) : at::dropout(x, p, train);
}

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

  // ---- activations (relu, sigmoid, tanh, softmax live in ops.cc)
  Def(env, exports, "leakyRelu", [](Info info) { return Out(info, at::leaky_relu(T(info, 0), Scal(info, 1))); });
  Def(env, exports, "leakyRelu_", [](Info info) -> Napi::Value { at::leaky_relu_(T(info, 0), Scal(info, 1)); return info[0]; });

  // ---- dropout(input, p, train): the same kernels and default generator as Python's F.dropout
  Def(env, exports, "dropout", [](Info info) { return Out(info, Dropout(info, false, false)); });
  Def(env, exports, "dropout_", [](Info info) -> Napi::Value { Dropout(info, false, true); return info[0]; });
  Def(env, exports, "featureDropout", [](Info info) { return Out(info, Dropout(info, true, false)); });
  Def(env, exports, "featureDropout_", [](Info info) -> Napi::Value { Dropout(info, true, true); return info[0]; });

  // ---- layers
  Def(env, exports, "linear", [](Info info) { return Out(info, at::linear(T(info, 0), T(info, 1), OptT(info, 2))); });
  // conv2d(input, weight, bias?, stride, padding (ints or 'same'/'valid'), dilation, groups)
  Def(env, exports, "conv2d", [](Info info) {
    if (info[4].IsString()) {
      return Out(info, at::conv2d(T(info, 0), T(info, 1), OptT(info, 2), Ints(info, 3), Str(info, 4), Ints(info, 5), Int(info, 6)));
    }
    return Out(info, at::conv2d(T(info, 0), T(info, 1), OptT(info, 2), Ints(info, 3), Ints(info, 4), Ints(info, 5), Int(info, 6)));
  });
  // maxPool2d(input, kernel, stride, padding, dilation, ceilMode, returnIndices)
  Def(env, exports, "maxPool2d", [](Info info) {
    if (Bool(info, 6)) {
      auto r = at::max_pool2d_with_indices(T(info, 0), Ints(info, 1), Ints(info, 2), Ints(info, 3), Ints(info, 4), Bool(info, 5));
      return OutList(info, {std::get<0>(r), std::get<1>(r)});
    }
    return Out(info, at::max_pool2d(T(info, 0), Ints(info, 1), Ints(info, 2), Ints(info, 3), Ints(info, 4), Bool(info, 5)));
  });
  // avgPool2d(input, kernel, stride, padding, ceilMode, countIncludePad, divisorOverride?)
  Def(env, exports, "avgPool2d", [](Info info) {
    return Out(info, at::avg_pool2d(T(info, 0), Ints(info, 1), Ints(info, 2), Ints(info, 3), Bool(info, 4), Bool(info, 5), OptInt(info, 6)));
  });
  // batchNorm(input, weight?, bias?, runningMean?, runningVar?, training, momentum, eps): updates the
  // running statistics in place when training, as torch.batch_norm does.
  Def(env, exports, "batchNorm", [](Info info) {
    return Out(info, at::batch_norm(T(info, 0), OptT(info, 1), OptT(info, 2), OptT(info, 3), OptT(info, 4), Bool(info, 5), Num(info, 6),
                                    Num(info, 7), /*cudnn_enabled=*/true));
  });

  // ---- losses; `reduction` is at::Reduction's code (0 none, 1 mean, 2 sum)
  Def(env, exports, "crossEntropyLoss", [](Info info) {
    return Out(info, at::cross_entropy_loss(T(info, 0), T(info, 1), OptT(info, 2), Int(info, 3), Int(info, 4), Num(info, 5)));
  });
  Def(env, exports, "nllLoss", [](Info info) { return Out(info, at::nll_loss_nd(T(info, 0), T(info, 1), OptT(info, 2), Int(info, 3), Int(info, 4))); });
  Def(env, exports, "mseLoss", [](Info info) { return Out(info, at::mse_loss(T(info, 0), T(info, 1), Int(info, 2))); });
  Def(env, exports, "l1Loss", [](Info info) { return Out(info, at::l1_loss(T(info, 0), T(info, 1), Int(info, 2))); });
  Def(env, exports, "binaryCrossEntropy", [](Info info) { return Out(info, at::binary_cross_entropy(T(info, 0), T(info, 1), OptT(info, 2), Int(info, 3))); });
  Def(env, exports, "binaryCrossEntropyWithLogits", [](Info info) {
    return Out(info, at::binary_cross_entropy_with_logits(T(info, 0), T(info, 1), OptT(info, 2), OptT(info, 3), Int(info, 4)));
  });
  Def(env, exports, "broadcastTensors", [](Info info) { return OutList(info, at::broadcast_tensors(Tensors(info, 0))); });
}

TORCH_NODE_AREA(InitFunctional);

}  // namespace torchnode
