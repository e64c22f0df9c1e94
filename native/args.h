// Argument readers for the bindings. lib/ has validated every argument already (names, ranges,
// types); these only convert, and throw a JS TypeError rather than crash if something slipped by.
#pragma once
#include <ATen/core/Tensor.h>
#include <c10/core/Scalar.h>
#include <c10/core/ScalarType.h>
#include <c10/core/Device.h>
#include <napi.h>
#include <cmath>
#include <optional>
#include <string>
#include <vector>
#include "errors.h"
#include "tensor_holder.h"

namespace torchnode {

inline std::string ArgName(size_t i) { return "argument " + std::to_string(i); }

inline at::Tensor& T(const Napi::CallbackInfo& info, size_t i) {
  TensorHolder* h = TryHolder(info[i]);
  if (h && h->tensor.defined()) return h->tensor;
  return Unwrap(info.Env(), info[i], ArgName(i).c_str());  // throws, naming the argument
}

inline c10::optional<at::Tensor> OptT(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return T(info, i);
}

inline double Num(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) ThrowTypeError(info.Env(), ArgName(i) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

// An int64 from a JS integer or bigint. NaN, Infinity, fractions and values beyond int64 are
// rejected here: napi would silently turn them into 0 or a saturated value. A bigint in
// [2^63, 2^64) keeps its bit pattern: seeds are uint64 (manualSeed casts back).
inline int64_t IntOf(Napi::Env env, Napi::Value v, const std::string& what) {
  if (v.IsBigInt()) {
    bool lossless;
    int64_t x = v.As<Napi::BigInt>().Int64Value(&lossless);
    if (lossless) return x;
    uint64_t u = v.As<Napi::BigInt>().Uint64Value(&lossless);
    if (!lossless) ThrowRangeError(env, what + " is out of the int64 range");
    return static_cast<int64_t>(u);
  }
  if (!v.IsNumber()) ThrowTypeError(env, what + " must be an integer");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || std::trunc(d) != d) ThrowTypeError(env, what + " must be an integer");
  if (d >= 9223372036854775808.0 || d < -9223372036854775808.0) ThrowRangeError(env, what + " is out of the int64 range");
  return static_cast<int64_t>(d);
}

inline int64_t Int(const Napi::CallbackInfo& info, size_t i) { return IntOf(info.Env(), info[i], ArgName(i)); }

inline bool Bool(const Napi::CallbackInfo& info, size_t i) { return info[i].ToBoolean().Value(); }

inline std::string Str(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsString()) ThrowTypeError(info.Env(), ArgName(i) + " must be a string");
  return info[i].As<Napi::String>().Utf8Value();
}

// Elements are read one by one (no up-front allocation of Length()): a sparse `new Array(2 ** 32 - 1)`
// fails at its first hole instead of asking for 32 GB.
inline std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array of integers");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<int64_t> out;
  for (uint32_t k = 0, n = a.Length(); k < n; k++) out.push_back(IntOf(info.Env(), a.Get(k), ArgName(i) + "[" + std::to_string(k) + "]"));
  return out;
}

inline Napi::Array Arr(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array");
  return info[i].As<Napi::Array>();
}

inline std::vector<std::string> Strs(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array of strings");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<std::string> out;
  for (uint32_t k = 0, n = a.Length(); k < n; k++) {
    Napi::Value x = a.Get(k);
    if (!x.IsString()) ThrowTypeError(info.Env(), ArgName(i) + "[" + std::to_string(k) + "] must be a string");
    out.push_back(x.As<Napi::String>().Utf8Value());
  }
  return out;
}

inline std::vector<at::Tensor> Tensors(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array of Tensors");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<at::Tensor> out;
  for (uint32_t k = 0, n = a.Length(); k < n; k++) out.push_back(Unwrap(info.Env(), a.Get(k)));
  return out;
}

// A scalar from a JS number, boolean or bigint; numbers that are integers stay integral so that
// int tensors keep their dtype (PyTorch: `int_tensor + 1` is int, `int_tensor + 1.5` is float).
inline c10::Scalar Scal(const Napi::CallbackInfo& info, size_t i) {
  Napi::Value v = info[i];
  if (v.IsBoolean()) return c10::Scalar(v.As<Napi::Boolean>().Value());
  if (v.IsBigInt()) return c10::Scalar(IntOf(info.Env(), v, ArgName(i)));
  if (!v.IsNumber()) ThrowTypeError(info.Env(), ArgName(i) + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (std::nearbyint(d) == d && std::fabs(d) < 9007199254740992.0) return c10::Scalar(static_cast<int64_t>(d));
  return c10::Scalar(d);
}

// A dtype code (lib/dtype.ts `DType.code`, libtorch's ScalarType numbering).
inline c10::ScalarType Dtype(const Napi::CallbackInfo& info, size_t i) {
  int64_t code = Int(info, i);
  if (code < 0 || code >= static_cast<int64_t>(c10::ScalarType::NumOptions) || code == static_cast<int64_t>(c10::ScalarType::Undefined)) {
    ThrowRangeError(info.Env(), ArgName(i) + ": " + std::to_string(code) + " is not a dtype code");
  }
  return static_cast<c10::ScalarType>(code);
}

inline c10::optional<c10::ScalarType> OptDtype(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Dtype(info, i);
}

inline c10::Device Dev(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::Device(c10::kCPU);
  return c10::Device(Str(info, i));
}

inline c10::optional<int64_t> OptInt(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Int(info, i);
}

// Handles: a native object owned by a JS External (a generator, a module, an optimizer). Each kind
// carries its own type tag, so a handle of one kind passed where another is expected is refused
// instead of reinterpreted (that was a segfault for raw native calls).
template <typename T>
const napi_type_tag* HandleTag() {
  static const napi_type_tag tag = {reinterpret_cast<uint64_t>(&tag), 0x746f7263682d6e64ull};
  return &tag;
}

template <typename T, typename Finalizer>
Napi::External<T> NewHandle(Napi::Env env, T* object, Finalizer finalize) {
  Napi::External<T> handle = Napi::External<T>::New(env, object, finalize);
  handle.TypeTag(HandleTag<T>());
  return handle;
}

// The object behind a handle made by NewHandle<T>; a TypeError naming `what` for anything else.
template <typename T>
T* GetHandle(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsExternal() || !info[i].As<Napi::External<T>>().CheckTypeTag(HandleTag<T>())) {
    ThrowTypeError(info.Env(), ArgName(i) + " must be " + what);
  }
  return info[i].As<Napi::External<T>>().Data();
}

inline Napi::Value Out(const Napi::CallbackInfo& info, at::Tensor t) { return WrapResult(info, std::move(t)); }

inline Napi::Value OutList(const Napi::CallbackInfo& info, const std::vector<at::Tensor>& ts) {
  Napi::Array a = Napi::Array::New(info.Env(), ts.size());
  for (size_t k = 0; k < ts.size(); k++) a.Set(static_cast<uint32_t>(k), Wrap(info.Env(), ts[k]));
  return a;
}

}  // namespace torchnode
