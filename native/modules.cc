// torch.nn leaf layers: each one holds libtorch's own torch::nn module (so initialisation, buffers
// and forward are libtorch's) behind a JS External. lib/nn/modules/*.ts owns the module tree, the
// options and their defaults; it receives the module's tensors as JS objects of the very same
// TensorImpls, and hands them back on each forward, so that a reassigned `layer.weight` is used.
#include <torch/nn.h>
#include <functional>
#include <memory>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;
namespace nn = torch::nn;

struct NativeModule {
  std::shared_ptr<nn::Module> module;
  std::function<at::Tensor(const at::Tensor&)> forward;
  // Pointers to the impl's member tensors that its forward reads: parameters first, then buffers,
  // in PyTorch's registration order. The impl lives as long as `module`.
  std::vector<std::pair<std::string, at::Tensor*>> params;
  std::vector<std::pair<std::string, at::Tensor*>> buffers;
};

template <size_t D>
torch::ExpandingArray<D> Arr(Info info, size_t i) {
  std::vector<int64_t> v = Ints(info, i);
  if (v.size() != D) ThrowRangeError(info.Env(), "argument " + std::to_string(i) + " must have " + std::to_string(D) + " elements");
  return torch::ExpandingArray<D>(at::IntArrayRef(v));
}

template <typename Holder>
NativeModule* Make(Holder holder) {
  auto* m = new NativeModule();
  auto impl = holder.ptr();
  m->module = impl;
  m->forward = [raw = impl.get()](const at::Tensor& x) { return raw->forward(x); };
  return m;
}

NativeModule* Create(Info info) {
  const std::string kind = Str(info, 0);
  if (kind == "Linear") {
    auto l = nn::Linear(nn::LinearOptions(Int(info, 1), Int(info, 2)).bias(Bool(info, 3)));
    NativeModule* m = Make(l);
    m->params = {{"weight", &l->weight}, {"bias", &l->bias}};
    return m;
  }
  if (kind == "Conv2d") {
    // Conv2d(in, out, kernel[2], stride[2], padding[2] | 'same' | 'valid', dilation[2], groups, bias, paddingMode)
    nn::Conv2dOptions o(Int(info, 1), Int(info, 2), Arr<2>(info, 3));
    o.stride(Arr<2>(info, 4)).dilation(Arr<2>(info, 6)).groups(Int(info, 7)).bias(Bool(info, 8));
    if (info[5].IsString()) {
      if (Str(info, 5) == "same") o.padding(torch::kSame); else o.padding(torch::kValid);
    } else {
      o.padding(Arr<2>(info, 5));
    }
    const std::string mode = Str(info, 9);
    if (mode == "zeros") o.padding_mode(torch::kZeros);
    else if (mode == "reflect") o.padding_mode(torch::kReflect);
    else if (mode == "replicate") o.padding_mode(torch::kReplicate);
    else o.padding_mode(torch::kCircular);
    auto c = nn::Conv2d(o);
    NativeModule* m = Make(c);
    m->params = {{"weight", &c->weight}, {"bias", &c->bias}};
    return m;
  }
  if (kind == "MaxPool2d") {
    // MaxPool2d(kernel[2], stride[2], padding[2], dilation[2], ceilMode)
    return Make(nn::MaxPool2d(nn::MaxPool2dOptions(Arr<2>(info, 1)).stride(Arr<2>(info, 2)).padding(Arr<2>(info, 3)).dilation(Arr<2>(info, 4)).ceil_mode(Bool(info, 5))));
  }
  if (kind == "AvgPool2d") {
    // AvgPool2d(kernel[2], stride[2], padding[2], ceilMode, countIncludePad, divisorOverride | null)
    return Make(nn::AvgPool2d(nn::AvgPool2dOptions(Arr<2>(info, 1)).stride(Arr<2>(info, 2)).padding(Arr<2>(info, 3)).ceil_mode(Bool(info, 4)).count_include_pad(Bool(info, 5)).divisor_override(OptInt(info, 6))));
  }
  if (kind == "AdaptiveAvgPool2d") {
    // AdaptiveAvgPool2d([h | null, w | null])
    Napi::Array a = info[1].As<Napi::Array>();
    std::vector<c10::optional<int64_t>> size;
    for (uint32_t k = 0; k < 2; k++) {
      Napi::Value e = a.Get(k);
      size.push_back(e.IsNull() ? c10::optional<int64_t>() : c10::optional<int64_t>(e.As<Napi::Number>().Int64Value()));
    }
    torch::ExpandingArrayWithOptionalElem<2> out(0);
    (*out)[0] = size[0];
    (*out)[1] = size[1];
    return Make(nn::AdaptiveAvgPool2d(nn::AdaptiveAvgPool2dOptions(out)));
  }
  if (kind == "ReLU") return Make(nn::ReLU(nn::ReLUOptions(Bool(info, 1))));
  if (kind == "LeakyReLU") return Make(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(Num(info, 1)).inplace(Bool(info, 2))));
  if (kind == "Sigmoid") return Make(nn::Sigmoid());
  if (kind == "Tanh") return Make(nn::Tanh());
  if (kind == "Softmax") return Make(nn::Softmax(nn::SoftmaxOptions(Int(info, 1))));
  if (kind == "LogSoftmax") return Make(nn::LogSoftmax(nn::LogSoftmaxOptions(Int(info, 1))));
  if (kind == "Dropout") return Make(nn::Dropout(nn::DropoutOptions(Num(info, 1)).inplace(Bool(info, 2))));
  if (kind == "Dropout2d") return Make(nn::Dropout2d(nn::Dropout2dOptions(Num(info, 1)).inplace(Bool(info, 2))));
  if (kind == "Flatten") return Make(nn::Flatten(nn::FlattenOptions().start_dim(Int(info, 1)).end_dim(Int(info, 2))));
  if (kind == "BatchNorm1d" || kind == "BatchNorm2d") {
    // BatchNormNd(numFeatures, eps, momentum | null, affine, trackRunningStats)
    nn::BatchNormOptions o(Int(info, 1));
    o.eps(Num(info, 2)).affine(Bool(info, 4)).track_running_stats(Bool(info, 5));
    o.momentum(info[3].IsNull() ? c10::optional<double>() : c10::optional<double>(Num(info, 3)));
    auto fill = [](NativeModule* m, auto& impl) {
      m->params = {{"weight", &impl.weight}, {"bias", &impl.bias}};
      m->buffers = {{"running_mean", &impl.running_mean}, {"running_var", &impl.running_var}, {"num_batches_tracked", &impl.num_batches_tracked}};
      return m;
    };
    if (kind == "BatchNorm1d") {
      auto b = nn::BatchNorm1d(o);
      return fill(Make(b), *b);
    }
    auto b = nn::BatchNorm2d(o);
    return fill(Make(b), *b);
  }
  ThrowTypeError(info.Env(), "nnCreate: unknown module kind " + kind);
}

NativeModule* Get(Info info, size_t i) {
  return GetHandle<NativeModule>(info, i, "a native module handle");
}

Napi::Value TensorOrNull(Napi::Env env, const at::Tensor& t) {
  return t.defined() ? Wrap(env, t) : env.Null();
}

}  // namespace

void InitModules(Napi::Env env, Napi::Object exports) {
  // setData(t, src): Python's `t.data = src` — t keeps its identity (and autograd leaf status) and
  // takes src's storage, dtype and device. Module.to() and cuda() use it, as PyTorch does.
  Def(env, exports, "setData", [](Info info) -> Napi::Value {
    T(info, 0).set_data(T(info, 1));
    Recount(TryHolder(info[0]));
    return info.Env().Undefined();
  });

  // nnCreate(kind, ...options) → handle: a new libtorch module, initialised by libtorch.
  Def(env, exports, "nnCreate", [](Info info) -> Napi::Value {
    NativeModule* m = Create(info);
    return NewHandle(info.Env(), m, [](Napi::Env, NativeModule* p) { delete p; });
  });

  // nnTensors(handle) → [[name, tensor | null], ...] for the parameters, then the same for the
  // buffers: new JS objects of the module's own tensors.
  Def(env, exports, "nnTensors", [](Info info) -> Napi::Value {
    NativeModule* m = Get(info, 0);
    Napi::Env e = info.Env();
    auto list = [&](const std::vector<std::pair<std::string, at::Tensor*>>& slots) {
      Napi::Array a = Napi::Array::New(e, slots.size());
      for (size_t k = 0; k < slots.size(); k++) {
        Napi::Array pair = Napi::Array::New(e, 2);
        pair.Set(0u, Napi::String::New(e, slots[k].first));
        pair.Set(1u, TensorOrNull(e, *slots[k].second));
        a.Set(static_cast<uint32_t>(k), pair);
      }
      return a;
    };
    Napi::Array out = Napi::Array::New(e, 2);
    out.Set(0u, list(m->params));
    out.Set(1u, list(m->buffers));
    return out;
  });

  // nnForward(handle, input, training, tensors): tensors are the module's current parameters then
  // buffers (null for none), in nnTensors' order; any that JS replaced are put into the module first.
  Def(env, exports, "nnForward", [](Info info) -> Napi::Value {
    NativeModule* m = Get(info, 0);
    at::Tensor& x = T(info, 1);
    Napi::Array slots = info[3].As<Napi::Array>();
    size_t n = m->params.size() + m->buffers.size();
    if (slots.Length() != n) ThrowRangeError(info.Env(), "nnForward: expected " + std::to_string(n) + " tensors");
    for (size_t k = 0; k < n; k++) {
      at::Tensor* slot = k < m->params.size() ? m->params[k].second : m->buffers[k - m->params.size()].second;
      Napi::Value v = slots.Get(static_cast<uint32_t>(k));
      if (v.IsNull() || v.IsUndefined()) {
        *slot = at::Tensor();
        continue;
      }
      at::Tensor& t = Unwrap(info.Env(), v, "module tensor");
      if (t.unsafeGetTensorImpl() != slot->unsafeGetTensorImpl()) *slot = t;
    }
    m->module->train(Bool(info, 2));
    return Out(info, m->forward(x));
  });
}

TORCH_NODE_AREA(InitModules);

}  // namespace torchnode
