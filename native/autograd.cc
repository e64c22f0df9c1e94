// Autograd: requires_grad, grad, backward, torch.autograd.grad and the grad-mode switch.
#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/variable.h>
#include "args.h"
#include "registry.h"

namespace torchnode {

using Info = const Napi::CallbackInfo&;

void InitAutograd(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "requiresGrad", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), T(info, 0).requires_grad()); });
  Def(env, exports, "setRequiresGrad", [](Info info) -> Napi::Value {
    T(info, 0).set_requires_grad(Bool(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "isLeaf", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), T(info, 0).is_leaf()); });
  Def(env, exports, "grad", [](Info info) -> Napi::Value {
    const at::Tensor& g = T(info, 0).grad();
    if (!g.defined()) return info.Env().Null();
    return Out(info, g);
  });
  Def(env, exports, "setGrad", [](Info info) -> Napi::Value {
    auto g = OptT(info, 1);
    T(info, 0).mutable_grad() = g ? *g : at::Tensor();
    return info.Env().Undefined();
  });
  Def(env, exports, "gradFn", [](Info info) -> Napi::Value {
    const auto& fn = T(info, 0).grad_fn();
    if (!fn) return info.Env().Null();
    return Napi::String::New(info.Env(), fn->name());
  });
  Def(env, exports, "retainGrad", [](Info info) -> Napi::Value {
    T(info, 0).retain_grad();
    return info.Env().Undefined();
  });
  // backward(t, gradient | null, retainGraph, createGraph)
  Def(env, exports, "backward", [](Info info) -> Napi::Value {
    auto g = OptT(info, 1);
    c10::optional<bool> retain;
    if (!info[2].IsUndefined() && !info[2].IsNull()) retain = Bool(info, 2);
    T(info, 0).backward(g ? *g : at::Tensor(), retain, Bool(info, 3));
    return info.Env().Undefined();
  });
  // autogradGrad(outputs, inputs, gradOutputs | null, retainGraph | null, createGraph, allowUnused)
  Def(env, exports, "autogradGrad", [](Info info) -> Napi::Value {
    std::vector<at::Tensor> gradOutputs;
    if (info[2].IsArray()) gradOutputs = Tensors(info, 2);
    c10::optional<bool> retain;
    if (!info[3].IsUndefined() && !info[3].IsNull()) retain = Bool(info, 3);
    auto grads = torch::autograd::grad(Tensors(info, 0), Tensors(info, 1), gradOutputs, retain, Bool(info, 4), Bool(info, 5));
    Napi::Array out = Napi::Array::New(info.Env(), grads.size());
    for (size_t k = 0; k < grads.size(); k++) {
      out.Set(static_cast<uint32_t>(k), grads[k].defined() ? Out(info, grads[k]) : info.Env().Null());
    }
    return out;
  });
  Def(env, exports, "isGradEnabled", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), at::GradMode::is_enabled()); });
  Def(env, exports, "setGradEnabled", [](Info info) -> Napi::Value {
    at::GradMode::set_enabled(Bool(info, 0));
    return info.Env().Undefined();
  });
}

TORCH_NODE_AREA(InitAutograd);

}  // namespace torchnode
