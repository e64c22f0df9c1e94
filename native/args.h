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

inline at::Tensor& T(const Napi::CallbackInfo& info, size_t i) { return Unwrap(info.Env(), info[i]); }

inline c10::optional<at::Tensor> OptT(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Unwrap(info.Env(), info[i]);
}

inline double Num(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

inline int64_t Int(const Napi::CallbackInfo& info, size_t i) {
  if (info[i].IsBigInt()) {
    bool lossless;
    return info[i].As<Napi::BigInt>().Int64Value(&lossless);
  }
  if (!info[i].IsNumber()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be an integer");
  return info[i].As<Napi::Number>().Int64Value();
}

inline bool Bool(const Napi::CallbackInfo& info, size_t i) { return info[i].ToBoolean().Value(); }

inline std::string Str(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsString()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be a string");
  return info[i].As<Napi::String>().Utf8Value();
}

inline std::vector<int64_t> Ints(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be an array of integers");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<int64_t> out(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsNumber()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be an array of integers");
    out[k] = v.As<Napi::Number>().Int64Value();
  }
  return out;
}

inline std::vector<at::Tensor> Tensors(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be an array of Tensors");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<at::Tensor> out;
  out.reserve(a.Length());
  for (uint32_t k = 0; k < a.Length(); k++) out.push_back(Unwrap(info.Env(), a.Get(k)));
  return out;
}

// A scalar from a JS number, boolean or bigint; numbers that are integers stay integral so that
// int tensors keep their dtype (PyTorch: `int_tensor + 1` is int, `int_tensor + 1.5` is float).
inline c10::Scalar Scal(const Napi::CallbackInfo& info, size_t i) {
  Napi::Value v = info[i];
  if (v.IsBoolean()) return c10::Scalar(v.As<Napi::Boolean>().Value());
  if (v.IsBigInt()) {
    bool lossless;
    return c10::Scalar(static_cast<int64_t>(v.As<Napi::BigInt>().Int64Value(&lossless)));
  }
  if (!v.IsNumber()) ThrowTypeError(info.Env(), "argument " + std::to_string(i) + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (std::nearbyint(d) == d && std::fabs(d) < 9007199254740992.0) return c10::Scalar(static_cast<int64_t>(d));
  return c10::Scalar(d);
}

inline c10::ScalarType Dtype(const Napi::CallbackInfo& info, size_t i) {
  return static_cast<c10::ScalarType>(Int(info, i));
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

inline Napi::Value Out(const Napi::CallbackInfo& info, at::Tensor t) { return Wrap(info.Env(), std::move(t)); }

inline Napi::Value OutList(const Napi::CallbackInfo& info, const std::vector<at::Tensor>& ts) {
  Napi::Array a = Napi::Array::New(info.Env(), ts.size());
  for (size_t k = 0; k < ts.size(); k++) a.Set(static_cast<uint32_t>(k), Wrap(info.Env(), ts[k]));
  return a;
}

}  // namespace torchnode
