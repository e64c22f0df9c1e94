// Elementwise ops straight to their CPU kernels. When every input is a plain contiguous CPU tensor,
// no autograd is involved and no mode (inference, autocast) is active, libtorch's dispatcher would
// only pass the call through its autograd layer to the CPU kernel; the direct call (at::cpu::add_out
// and friends, the same structured kernel) skips that. The result goes into a recycled tensor of its
// dtype and size when the bin has one (recycle.h), else into a new one as at::add would make it.
// Results are identical to the dispatched call's: same dtype (computed as the op computes it), same
// shape, and contiguous, as TensorIterator makes them from contiguous inputs.
#pragma once
#include <ATen/core/Tensor.h>
#include <ATen/native/TypeProperties.h>
#include <c10/core/GradMode.h>
#include <c10/core/impl/LocalDispatchKeySet.h>
#include <initializer_list>
#include <torch/version.h>
#include "args.h"
#include "recycle.h"

namespace torchnode {

// How an op's result dtype follows from its inputs' common dtype.
// Float: integers and bool promote to the default dtype; Bool: comparisons.
enum class ResultDtype { Common, Float, Bool };

// True when no mode (inference, autocast, ...) is active: the dispatcher would apply it.
inline bool NoMode() {
  const c10::impl::PODLocalDispatchKeySet& tls = c10::impl::raw_local_dispatch_key_set;
  return tls.included_ == 0 && tls.excluded_ == 0;
}

// True when this input can go straight to a CPU kernel: a plain contiguous CPU tensor that needs no
// autograd (`grad`: GradMode is on).
inline bool DirectInput(const at::Tensor& t, bool grad) {
  c10::TensorImpl* impl = t.unsafeGetTensorImpl();
  if (!impl->is_cpu() || impl->layout() != c10::kStrided || impl->is_inference() || !impl->is_contiguous()) return false;
  // libtorch 2.x has no DispatchKey::Named (not in 2.13's c10/core/DispatchKey.h): named tensors no
  // longer have a dispatch key there.
#if TORCH_VERSION_MAJOR >= 2
  if (impl->key_set().has_any(c10::DispatchKeySet({c10::DispatchKey::Conjugate, c10::DispatchKey::Negative}))) return false;
#else
  if (impl->key_set().has_any(c10::DispatchKeySet({c10::DispatchKey::Conjugate, c10::DispatchKey::Negative, c10::DispatchKey::Named}))) return false;
#endif
  return !(grad && impl->requires_grad());
}

// True when this input needs nothing of an autograd kernel: a plain CPU tensor (PlainCPUKeys) without
// autograd state (no grad, no forward-mode tangent, no hooks).
inline bool NoAutogradInput(const at::Tensor& t) {
  c10::TensorImpl* impl = t.unsafeGetTensorImpl();
  return impl->key_set() == PlainCPUKeys() && !impl->autograd_meta();
}

// This environment when the direct path may be taken: it is on (RecycleBin::directOps) and no mode
// is active; nullptr when the op must be dispatched.
inline EnvData* DirectEnv(const Napi::CallbackInfo& info) {
  if (!NoMode()) return nullptr;
  EnvData* env = EnvData::Get(info.Env());
  return env->recycled.directOps ? env : nullptr;
}

// This environment when an elementwise op's inputs can go straight to the CPU kernel (see above), else
// nullptr. A 0-dim tensor (a wrapped JS number) may broadcast against the others, other shapes must be equal.
inline EnvData* Direct(const Napi::CallbackInfo& info, std::initializer_list<const at::Tensor*> inputs) {
  bool grad = c10::GradMode::is_enabled();
  const at::Tensor* shaped = nullptr;
  for (const at::Tensor* t : inputs) {
    if (!DirectInput(*t, grad)) return nullptr;
    if (t->dim() == 0) continue;
    if (shaped && shaped->sizes() != t->sizes()) return nullptr;
    shaped = t;
  }
  return DirectEnv(info);
}

inline at::ScalarType DirectDtype(at::ScalarType common, ResultDtype rule) {
  if (rule == ResultDtype::Bool) return at::kBool;
  if (rule == ResultDtype::Float && c10::isIntegralType(common, /*includeBool=*/true)) return c10::typeMetaToScalarType(c10::get_default_dtype());
  return common;
}

// The result of a direct op with these inputs: `into(out)` fills a recycled tensor, `fresh()` makes one.
template <typename Into, typename Fresh>
Napi::Value DirectResult(const Napi::CallbackInfo& info, EnvData* env, at::ScalarType dtype, at::IntArrayRef sizes, Into into, Fresh fresh) {
  if (TensorHolder* h = TakeRecycled(env, dtype, sizes)) {
    try {
      into(h->tensor);
    } catch (...) {
      Discard(h);
      throw;
    }
    return Rewrap(info.Env(), env, h);
  }
  return Out(info, fresh());
}

}  // namespace torchnode
