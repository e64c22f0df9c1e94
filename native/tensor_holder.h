// The JS Tensor wrapper. Each result of an op is a V8 object with two internal fields (holder, tag)
// whose lifetime is tracked by a phantom weak handle: its callback runs inside the garbage collector
// itself, so native memory is released even in a synchronous training loop that never yields to the
// event loop (N-API finalizers wait for the loop). A GC-tracked napi wrapper per result made small ops
// slower than Python (CONTRIBUTING.md, "Per-call cost"); a bare V8 object with a weak handle is a
// fraction of that cost.
#pragma once
#include <ATen/core/Tensor.h>
#include <napi.h>
#include <v8.h>
#include "env.h"

namespace torchnode {

struct TensorHolder {
  at::Tensor tensor;            // undefined once disposed
  v8::Global<v8::Object> self;  // weak
  EnvData* env = nullptr;
  TensorHolder* prev = nullptr;
  TensorHolder* next = nullptr;
  c10::StorageImpl* counted = nullptr;  // the storage it counts in liveBytes, null when none
  int64_t bytes = 0;            // its storage's bytes when it counts it alone
  uint64_t recycleKey = 0;      // its bin in the recycle bin (recycle.h), 0 for none
  uint64_t gcEpoch = 0;         // env->gcCount when it was counted alone (tensor_holder.cc, ReportExternalMemory)
  bool alone = false;           // counts `counted` by itself, not in env->storages (tensor_holder.cc)
};

// Wraps a tensor in a new JS Tensor object.
Napi::Value Wrap(Napi::Env env, at::Tensor tensor);
// The result of a call: Python returns an argument's own object when an op returns that argument's
// tensor itself (`x.to(x.dtype) is x`, likewise x.contiguous() of a contiguous x, x.float() of a
// float x, x.flatten() of a 1-d x), and this returns the JS argument then; else Wrap(t).
Napi::Value WrapResult(const Napi::CallbackInfo& info, at::Tensor t);
// Wraps a holder that no JS object owns (one from the recycle bin, its recycleKey still right) in a
// new JS Tensor object.
Napi::Value Rewrap(Napi::Env env, EnvData* data, TensorHolder* holder);
// Frees a holder that no JS object owns.
void Discard(TensorHolder* holder);
// The tensor behind a JS Tensor; throws a JS TypeError naming `what` if v is not a live Tensor.
at::Tensor& Unwrap(Napi::Env env, napi_value v, const char* what = "argument");
// Same, or nullptr when v is not a Tensor object (for tensor-or-number arguments).
TensorHolder* TryHolder(napi_value v);
// Releases a holder's tensor now (dispose()).
void Release(TensorHolder* holder);
// Moves a live holder's accounting to its tensor's current storage and size. A binding that changes
// a wrapped tensor's storage in place (set_data, set_, resize_) calls it: wrapping counts a storage
// as it is then.
void Recount(TensorHolder* holder);

inline v8::Local<v8::Value> ToV8(napi_value v) {
  v8::Local<v8::Value> local;
  static_assert(sizeof(local) == sizeof(v), "napi_value is a v8::Local");
  memcpy(static_cast<void*>(&local), &v, sizeof(v));
  return local;
}
inline napi_value FromV8(v8::Local<v8::Value> local) {
  napi_value v;
  memcpy(static_cast<void*>(&v), &local, sizeof(local));
  return v;
}

void InitTensorHolder(Napi::Env env, Napi::Object exports);

}  // namespace torchnode
