// Autograd hooks that run JS: tensor hooks (Python's `Tensor.register_hook`), post-hooks on a tensor's
// grad_fn (Python's `grad_fn.register_hook`) and BackwardHookFunction (torch/nn/modules/_functions.py),
// the identity Function whose node carries an nn.Module's full backward hooks (lib/utils/hooks.ts BackwardHook).
//
// A hook is a JS function kept in lib/utils/hooks.ts's table under an id; the C++ hook holds the id
// only, so a node freed on any thread, or after its environment is gone, touches no JS value. The
// engine runs a CPU graph's nodes on the thread that called backward (the JS thread); CUDA nodes run
// on its device threads, where no JS can be called: a hook reached there is an error, not a crash.
#include <ATen/ATen.h>
#include <torch/csrc/autograd/function.h>
#include <torch/csrc/autograd/function_hook.h>
#include <torch/csrc/autograd/variable.h>
#include <torch/version.h>
#include <c10/core/GradMode.h>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;
using torch::autograd::variable_list;

// One per environment: the dispatcher lib/utils/hooks.ts registers, and the ids of freed hooks.
struct HookEnv {
  napi_env env = nullptr;
  std::thread::id thread;
  bool alive = true;  // false once the environment is torn down (read and written on its thread only)
  Napi::FunctionReference dispatch;  // dispatch(id, gradInputs, gradOutputs) -> array | undefined
  std::mutex mutex;
  std::vector<int64_t> released;  // ids of hooks whose node is gone: lib drops their functions
};

Napi::Array ToJs(Napi::Env env, const variable_list& vs) {
  Napi::Array a = Napi::Array::New(env, vs.size());
  for (size_t k = 0; k < vs.size(); k++) a.Set(static_cast<uint32_t>(k), vs[k].defined() ? Wrap(env, vs[k]) : env.Null());
  return a;
}

class JsPostHook : public torch::autograd::FunctionPostHook {
 public:
  JsPostHook(std::shared_ptr<HookEnv> he, int64_t id) : he_(std::move(he)), id_(id) {}
  ~JsPostHook() override {
    std::lock_guard<std::mutex> lock(he_->mutex);
    he_->released.push_back(id_);
  }

  // outputs: the node's results (grads w.r.t. its inputs); inputs: the grads it received.
  variable_list operator()(const variable_list& outputs, const variable_list& inputs) override {
    TORCH_CHECK(std::this_thread::get_id() == he_->thread && he_->alive,
                "a backward hook written in JS was reached on one of autograd's device threads (CUDA "
                "tensors): torch-node runs module backward hooks and grad_fn hooks for CPU tensors only");
    Napi::Env env(he_->env);
    Napi::HandleScope scope(env);
    Napi::Value r = he_->dispatch.Call({Napi::Number::New(env, static_cast<double>(id_)), ToJs(env, outputs), ToJs(env, inputs)});
    if (r.IsUndefined() || r.IsNull()) return outputs;
    // lib/utils/hooks.ts has checked the result's length and elements.
    Napi::Array a = r.As<Napi::Array>();
    TORCH_CHECK(a.Length() == outputs.size(), "hook returned ", a.Length(), " gradients, expected ", outputs.size());
    variable_list res(outputs.size());
    for (uint32_t k = 0; k < a.Length(); k++) {
      Napi::Value x = a.Get(k);
      if (!x.IsNull() && !x.IsUndefined()) res[k] = Unwrap(env, x, "a hook's gradient");
    }
    return res;
  }

 private:
  std::shared_ptr<HookEnv> he_;
  int64_t id_;
};

// Reports its hook's id as released when the tensor's hook list drops the lambda that owns it.
struct HookRelease {
  HookRelease(std::shared_ptr<HookEnv> he, int64_t id) : he(std::move(he)), id(id) {}
  ~HookRelease() {
    std::lock_guard<std::mutex> lock(he->mutex);
    he->released.push_back(id);
  }
  std::shared_ptr<HookEnv> he;
  int64_t id;
};

// BackwardHookFunction's backward: the identity, with the grads it did not receive made zeros of their
// output's shape first (a Python autograd.Function's materialize_grads, which this Function keeps).
struct BackwardHookFunctionBackward : public torch::autograd::Node {
  std::vector<std::pair<std::vector<int64_t>, at::TensorOptions>> outputInfo;
  std::string name() const override { return "BackwardHookFunctionBackward"; }
  variable_list apply(variable_list&& grads) override {
    for (size_t k = 0; k < grads.size(); k++) {
      if (!grads[k].defined()) grads[k] = at::zeros(outputInfo[k].first, outputInfo[k].second);
    }
    return std::move(grads);
  }
};

// Python's Function._wrap_outputs for an input returned as is: a view of it made without grad mode.
at::Tensor ViewAsSelfNoGrad(const at::Tensor& t) {
  c10::AutoFwGradMode fw(false);
  at::AutoGradMode grad(false);
  return t.view_as(t);
}

}  // namespace

void InitAutogradHooks(Napi::Env env, Napi::Object exports) {
  auto he = std::make_shared<HookEnv>();
  he->env = env;
  he->thread = std::this_thread::get_id();
  env.AddCleanupHook([he]() {
    he->alive = false;
    he->dispatch.Reset();
  });

  Def(env, exports, "setHookDispatcher", [he](Info info) -> Napi::Value {
    if (!info[0].IsFunction()) ThrowTypeError(info.Env(), "setHookDispatcher: expected a function");
    he->dispatch = Napi::Persistent(info[0].As<Napi::Function>());
    return info.Env().Undefined();
  });
  // The ids of hooks whose node has been freed since the last call.
  Def(env, exports, "releasedHooks", [he](Info info) -> Napi::Value {
    std::vector<int64_t> ids;
    {
      std::lock_guard<std::mutex> lock(he->mutex);
      ids.swap(he->released);
    }
    Napi::Array a = Napi::Array::New(info.Env(), ids.size());
    for (size_t k = 0; k < ids.size(); k++) a.Set(static_cast<uint32_t>(k), Napi::Number::New(info.Env(), static_cast<double>(ids[k])));
    return a;
  });
  // gradFnRegisterHook(tensor, id): a post-hook on tensor.grad_fn (it has one: lib checked).
  Def(env, exports, "gradFnRegisterHook", [he](Info info) -> Napi::Value {
    const auto& fn = T(info, 0).grad_fn();
    if (!fn) ThrowTypeError(info.Env(), "grad_fn.register_hook: the tensor has no grad_fn");
    int64_t id = Int(info, 1);
    fn->add_post_hook(std::make_unique<JsPostHook>(he, id));
    return info.Env().Undefined();
  });
  // tensorRegisterHook(tensor, id): Python's Tensor._backward_hooks, registered once per tensor (lib
  // keeps the dict of hooks): a pre-hook on the gradient of the tensor (its grad_fn's input, or a
  // leaf's accumulator), called as dispatch(id, [grad], []), whose result replaces the gradient.
  Def(env, exports, "tensorRegisterHook", [he](Info info) -> Napi::Value {
    at::Tensor t = T(info, 0);
    auto release = std::make_shared<HookRelease>(he, Int(info, 1));
    t.register_hook([release](const at::Tensor& grad) -> at::Tensor {
      const auto& h = release->he;
      TORCH_CHECK(std::this_thread::get_id() == h->thread && h->alive,
                  "a tensor hook written in JS was reached on one of autograd's device threads (CUDA tensors): "
                  "torch-node runs Tensor.register_hook hooks for CPU tensors only");
      Napi::Env env(h->env);
      Napi::HandleScope scope(env);
      Napi::Value r = h->dispatch.Call({Napi::Number::New(env, static_cast<double>(release->id)), ToJs(env, {grad}), Napi::Array::New(env, 0)});
      if (r.IsUndefined() || r.IsNull()) return at::Tensor();
      Napi::Value g = r.As<Napi::Array>().Get(0u);  // lib has checked it: one tensor, or null to keep the gradient
      return g.IsNull() || g.IsUndefined() ? at::Tensor() : Unwrap(env, g, "a hook's gradient");
    });
    return info.Env().Undefined();
  });
  // backwardHookFunction(tensors): BackwardHookFunction.apply(*tensors) (lib calls it only with grad
  // mode on and some tensor requiring grad): views of the tensors; those of tensors that require grad
  // share one BackwardHookFunctionBackward node, the others are non-differentiable.
  Def(env, exports, "backwardHookFunction", [](Info info) -> Napi::Value {
    std::vector<at::Tensor> inputs = Tensors(info, 0);
    // libtorch 2.x holds autograd nodes in c10::intrusive_ptr (Edge::function; 2.13's node.h), and
    // deleteNode, 1.13's deleter for shared_ptr<Node>, is gone.
#if TORCH_VERSION_MAJOR >= 2
    auto node = c10::make_intrusive<BackwardHookFunctionBackward>();
#else
    auto node = std::shared_ptr<BackwardHookFunctionBackward>(new BackwardHookFunctionBackward(), torch::autograd::deleteNode);
#endif
    node->set_next_edges(torch::autograd::collect_next_edges(inputs));
    std::vector<at::Tensor> outputs;
    for (const auto& t : inputs) {
      at::Tensor out = ViewAsSelfNoGrad(t);
      node->outputInfo.emplace_back(t.sizes().vec(), t.options());
      if (t.requires_grad()) {
        uint32_t nr = node->add_input_metadata(out);
        torch::autograd::impl::set_gradient_edge(out, {node, nr});
      } else {
        node->add_input_metadata(torch::autograd::Node::undefined_input());
      }
      outputs.push_back(out);
    }
    return OutList(info, outputs);
  });
}

TORCH_NODE_AREA(InitAutogradHooks);

}  // namespace torchnode
