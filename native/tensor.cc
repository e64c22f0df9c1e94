// Tensor creation, properties and conversions (torch.tensor, torch.zeros, x.shape, x.item(), x.to()).
#include <ATen/ATen.h>
#include <cstring>
#include "args.h"
#include "env.h"
#include "registry.h"

namespace torchnode {

namespace {

at::TensorOptions Opts(const Napi::CallbackInfo& info, size_t dtypeArg, size_t deviceArg) {
  return at::TensorOptions().dtype(Dtype(info, dtypeArg)).device(Dev(info, deviceArg));
}

Napi::Value Shape(Napi::Env env, at::IntArrayRef sizes) {
  Napi::Array a = Napi::Array::New(env, sizes.size());
  for (size_t k = 0; k < sizes.size(); k++) a.Set(static_cast<uint32_t>(k), Napi::Number::New(env, static_cast<double>(sizes[k])));
  return a;
}

// x.item(): an integer beyond 2^53 - 1 in magnitude (only int64 holds one) comes back as a bigint,
// exactly; smaller ones as numbers, so counts and indices stay plain numbers.
Napi::Value ScalarToJs(Napi::Env env, const at::Tensor& t) {
  constexpr int64_t kMaxSafe = (int64_t{1} << 53) - 1;
  at::Scalar s = t.item();
  if (s.isBoolean()) return Napi::Boolean::New(env, s.toBool());
  if (s.isIntegral(false)) {
    int64_t v = s.toLong();
    if (v > kMaxSafe || v < -kMaxSafe) return Napi::BigInt::New(env, v);
    return Napi::Number::New(env, static_cast<double>(v));
  }
  return Napi::Number::New(env, s.toDouble());
}

}  // namespace

void InitTensor(Napi::Env env, Napi::Object exports) {
  // fromBuffer(typedArray, shape, dtype): copies the typed array's bytes into a new CPU tensor.
  // setData(t, src): Python's `t.data = src` — t keeps its identity (and autograd leaf status) and
  // takes src's storage, dtype and device. Module.to() and cuda() use it, as PyTorch does.
  Def(env, exports, "setData", [](const Napi::CallbackInfo& info) -> Napi::Value {
    T(info, 0).set_data(T(info, 1));
    Recount(TryHolder(info[0]));
    return info.Env().Undefined();
  });
  Def(env, exports, "fromBuffer", [](const Napi::CallbackInfo& info) -> Napi::Value {
    Napi::TypedArray src = info[0].As<Napi::TypedArray>();
    at::Tensor t = at::empty(Ints(info, 1), at::TensorOptions().dtype(Dtype(info, 2)));
    size_t nbytes = t.numel() * t.element_size();
    if (nbytes != src.ByteLength()) ThrowRangeError(info.Env(), "fromBuffer: data has " + std::to_string(src.ByteLength()) + " bytes, shape needs " + std::to_string(nbytes));
    if (nbytes) std::memcpy(t.data_ptr(), static_cast<uint8_t*>(src.ArrayBuffer().Data()) + src.ByteOffset(), nbytes);
    return Out(info, t);
  });
  // toBuffer(t): the elements, contiguous and on the CPU, as a new ArrayBuffer. A lazily conjugated
  // or negated view (x.conj(), x.conj().imag) is materialized: its memory holds the values unflipped.
  Def(env, exports, "toBuffer", [](const Napi::CallbackInfo& info) -> Napi::Value {
    // An efficient zero tensor (the gradient some backwards give, e.g. sgn's on real inputs) has no
    // memory behind it: its elements are zeros of its size.
    at::Tensor src = T(info, 0);
    if (src._is_zerotensor()) src = at::zeros(src.sizes(), src.options().device(at::kCPU));
    at::Tensor t = src.detach().to(at::kCPU).resolve_conj().resolve_neg().contiguous();
    size_t nbytes = t.numel() * t.element_size();
    Napi::ArrayBuffer buf = Napi::ArrayBuffer::New(info.Env(), nbytes);
    if (nbytes) std::memcpy(buf.Data(), t.data_ptr(), nbytes);
    return buf;
  });

  Def(env, exports, "empty", [](const Napi::CallbackInfo& info) { return Out(info, at::empty(Ints(info, 0), Opts(info, 1, 2))); });
  Def(env, exports, "zeros", [](const Napi::CallbackInfo& info) { return Out(info, at::zeros(Ints(info, 0), Opts(info, 1, 2))); });
  Def(env, exports, "ones", [](const Napi::CallbackInfo& info) { return Out(info, at::ones(Ints(info, 0), Opts(info, 1, 2))); });
  Def(env, exports, "full", [](const Napi::CallbackInfo& info) { return Out(info, at::full(Ints(info, 0), Scal(info, 1), Opts(info, 2, 3))); });
  // The random ones draw from the environment's default generator (env.h).
  Def(env, exports, "rand", [](const Napi::CallbackInfo& info) { return Out(info, at::rand(Ints(info, 0), EnvGenerator(info.Env()), Opts(info, 1, 2))); });
  Def(env, exports, "randn", [](const Napi::CallbackInfo& info) { return Out(info, at::randn(Ints(info, 0), EnvGenerator(info.Env()), Opts(info, 1, 2))); });
  Def(env, exports, "randint", [](const Napi::CallbackInfo& info) {
    return Out(info, at::randint(Int(info, 0), Int(info, 1), Ints(info, 2), EnvGenerator(info.Env()), Opts(info, 3, 4)));
  });
  Def(env, exports, "randperm", [](const Napi::CallbackInfo& info) { return Out(info, at::randperm(Int(info, 0), EnvGenerator(info.Env()), Opts(info, 1, 2))); });
  Def(env, exports, "arange", [](const Napi::CallbackInfo& info) {
    return Out(info, at::arange(Scal(info, 0), Scal(info, 1), Scal(info, 2), Opts(info, 3, 4)));
  });
  Def(env, exports, "linspace", [](const Napi::CallbackInfo& info) {
    return Out(info, at::linspace(Scal(info, 0), Scal(info, 1), Int(info, 2), Opts(info, 3, 4)));
  });
  Def(env, exports, "eye", [](const Napi::CallbackInfo& info) { return Out(info, at::eye(Int(info, 0), Int(info, 1), Opts(info, 2, 3))); });

  Def(env, exports, "shape", [](const Napi::CallbackInfo& info) { return Shape(info.Env(), T(info, 0).sizes()); });
  Def(env, exports, "stride", [](const Napi::CallbackInfo& info) { return Shape(info.Env(), T(info, 0).strides()); });
  Def(env, exports, "dtype", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<int>(T(info, 0).scalar_type()));
  });
  Def(env, exports, "device", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::String::New(info.Env(), T(info, 0).device().str());
  });
  Def(env, exports, "dim", [](const Napi::CallbackInfo& info) -> Napi::Value { return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).dim())); });
  Def(env, exports, "numel", [](const Napi::CallbackInfo& info) -> Napi::Value { return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).numel())); });
  Def(env, exports, "item", [](const Napi::CallbackInfo& info) { return ScalarToJs(info.Env(), T(info, 0)); });
  // isContiguous(t, memoryFormat?): Python's is_contiguous(memory_format=...), a c10::MemoryFormat code
  Def(env, exports, "isContiguous", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    const bool c = info.Length() > 1 ? t.is_contiguous(static_cast<at::MemoryFormat>(Int(info, 1))) : t.is_contiguous();
    return Napi::Boolean::New(info.Env(), c);
  });
  Def(env, exports, "storageOffset", [](const Napi::CallbackInfo& info) -> Napi::Value { return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).storage_offset())); });

  // to(t, dtype | null, device | null, copy)
  Def(env, exports, "to", [](const Napi::CallbackInfo& info) {
    at::Tensor& t = T(info, 0);
    at::ScalarType dtype = info[1].IsNull() || info[1].IsUndefined() ? t.scalar_type() : Dtype(info, 1);
    at::Device device = info[2].IsNull() || info[2].IsUndefined() ? t.device() : Dev(info, 2);
    return Out(info, t.to(device, dtype, /*non_blocking=*/false, /*copy=*/Bool(info, 3)));
  });
  Def(env, exports, "clone", [](const Napi::CallbackInfo& info) { return Out(info, T(info, 0).clone()); });
  Def(env, exports, "detach", [](const Napi::CallbackInfo& info) { return Out(info, T(info, 0).detach()); });
  Def(env, exports, "detach_", [](const Napi::CallbackInfo& info) -> Napi::Value { T(info, 0).detach_(); return info[0]; });
  // Python's `x.data`: shares the storage but, unlike detach(), not the version counter, so autograd
  // does not see in-place changes made through it.
  Def(env, exports, "variableData", [](const Napi::CallbackInfo& info) { return Out(info, T(info, 0).variable_data()); });
  Def(env, exports, "contiguous", [](const Napi::CallbackInfo& info) { return Out(info, T(info, 0).contiguous()); });
}

TORCH_NODE_AREA(InitTensor);

}  // namespace torchnode
