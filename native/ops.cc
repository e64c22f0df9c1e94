// Tensor math, shape ops, reductions and comparisons: one native function per PyTorch op.
// A second operand may be a Tensor or a JS number (a Scalar), as in PyTorch.
#include <ATen/ATen.h>
#include <ATen/ScalarOps.h>
#include <ATen/ops/add_cpu_dispatch.h>
#include <ATen/ops/clamp_min_cpu_dispatch.h>
#include <ATen/ops/cos_cpu_dispatch.h>
#include <ATen/ops/div_cpu_dispatch.h>
#include <ATen/ops/eq_cpu_dispatch.h>
#include <ATen/ops/exp_cpu_dispatch.h>
#include <ATen/ops/ge_cpu_dispatch.h>
#include <ATen/ops/gt_cpu_dispatch.h>
#include <ATen/ops/le_cpu_dispatch.h>
#include <ATen/ops/log_cpu_dispatch.h>
#include <ATen/ops/lt_cpu_dispatch.h>
#include <ATen/ops/mean_cpu_dispatch.h>
#include <ATen/ops/mm_cpu_dispatch.h>
#include <ATen/ops/mul_cpu_dispatch.h>
#include <ATen/ops/ne_cpu_dispatch.h>
#include <ATen/ops/neg_cpu_dispatch.h>
#include <ATen/ops/rsqrt_cpu_dispatch.h>
#include <ATen/ops/sigmoid_cpu_dispatch.h>
#include <ATen/ops/sin_cpu_dispatch.h>
#include <ATen/ops/sqrt_cpu_dispatch.h>
#include <ATen/ops/sub_cpu_dispatch.h>
#include <ATen/ops/sum_cpu_dispatch.h>
#include <ATen/ops/tanh_cpu_dispatch.h>
#include "args.h"
#include "ops_direct.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;

// The holder of a binary op's right-hand side (argument 1) when it is a Tensor, nullptr when it is a
// number; a disposed Tensor is a TypeError.
TensorHolder* OtherTensor(Info info) {
  TensorHolder* h = TryHolder(info[1]);
  if (h && !h->tensor.defined()) ThrowTypeError(info.Env(), "other is a disposed Tensor");
  return h;
}

// Binary op with a tensor-or-scalar right-hand side.
template <typename WithTensor, typename WithScalar>
Napi::Value Binary(Info info, WithTensor wt, WithScalar ws) {
  at::Tensor& a = T(info, 0);
  if (TensorHolder* h = OtherTensor(info)) return Out(info, wt(a, h->tensor));
  return Out(info, ws(a, Scal(info, 1)));
}

// A JS number as Python passes it to add/sub/mul/div: a 0-dim "wrapped number" tensor (it takes part in
// type promotion as a scalar). Calling the Tensor overload also gives Python's grad_fn names
// (AddBackward0, not the Scalar overload's AddBackward1) and one dispatch instead of two.
inline at::Tensor Wrapped(Info info, size_t i) { return at::native::wrapped_scalar_tensor(Scal(info, i)); }

// Binary elementwise op (add/sub/mul/div, comparisons) with a Tensor or a JS number (Wrapped) on the
// right: `into(out, a, b)` is the op's direct CPU kernel (ops_direct.h), `call(a, b)` the dispatched one.
template <typename Into, typename Call>
Napi::Value Elementwise(Info info, ResultDtype rule, Into into, Call call) {
  at::Tensor& a = T(info, 0);
  TensorHolder* h = OtherTensor(info);
  at::Tensor wrapped = h ? at::Tensor() : Wrapped(info, 1);
  const at::Tensor& b = h ? h->tensor : wrapped;
  if (EnvData* env = Direct(info, {&a, &b})) {
    // Inputs of one dtype promote to it; the full rule weighs dims and wrapped numbers.
    at::ScalarType common = a.scalar_type() == b.scalar_type() ? a.scalar_type() : at::native::result_type(a, b);
    at::ScalarType dtype = DirectDtype(common, rule);
    return DirectResult(info, env, dtype, a.dim() ? a.sizes() : b.sizes(), [&](at::Tensor& out) { into(out, a, b); }, [&] { return call(a, b); });
  }
  return Out(info, call(a, b));
}

// Unary elementwise op on `a`: `into(out, a)` is its direct CPU kernel, `call(a)` the dispatched one.
template <typename Into, typename Call>
Napi::Value Unary(Info info, const at::Tensor& a, ResultDtype rule, Into into, Call call) {
  if (EnvData* env = Direct(info, {&a})) {
    return DirectResult(info, env, DirectDtype(a.scalar_type(), rule), a.sizes(), [&](at::Tensor& out) { into(out, a); }, [&] { return call(a); });
  }
  return Out(info, call(a));
}

// A reduction over every dim (no dim given) to a 0-dim result of `dtype`, as at::sum(self, dtype) and
// at::mean(self, dtype) reduce: over the empty dim list. `into(out, all)` is the op's CPU kernel
// (structured: it reads the result dtype off `out`), `call()` the dispatched op.
template <typename Into, typename Call>
Napi::Value ReduceAll(Info info, const at::Tensor& a, at::ScalarType dtype, Into into, Call call) {
  if (EnvData* env = Direct(info, {&a})) {
    return DirectResult(info, env, dtype, {}, [&](at::Tensor& out) { into(out, at::IntArrayRef{}); }, [&] {
      at::Tensor out = at::empty({}, a.options().dtype(dtype));
      into(out, at::IntArrayRef{});
      return out;
    });
  }
  return Out(info, call());
}

// a.mm(b): two matrices of one dtype go straight to mm's CPU kernel; other dtypes get the dispatched
// call's error.
Napi::Value MatrixProduct(Info info, const at::Tensor& a, const at::Tensor& b) {
  bool grad = c10::GradMode::is_enabled();
  bool direct = a.dim() == 2 && b.dim() == 2 && a.scalar_type() == b.scalar_type() && DirectInput(a, grad) && DirectInput(b, grad);
  if (EnvData* env = direct ? DirectEnv(info) : nullptr) {
    return DirectResult(info, env, a.scalar_type(), {a.size(0), b.size(1)}, [&](at::Tensor& out) { at::cpu::mm_out(out, a, b); },
                        [&] { return at::cpu::mm(a, b); });
  }
  return Out(info, at::mm(a, b));
}

// Optional dim list: undefined/null means "all dims".
c10::optional<std::vector<int64_t>> OptDims(Info info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return c10::nullopt;
  return Ints(info, i);
}

Napi::Value Pair(Info info, const std::tuple<at::Tensor, at::Tensor>& r) {
  return OutList(info, {std::get<0>(r), std::get<1>(r)});
}

}  // namespace

void InitOps(Napi::Env env, Napi::Object exports) {
  // ---- arithmetic: add(a, b, alpha) etc.
  Def(env, exports, "add", [](Info info) {
    at::Scalar alpha = info[2].IsUndefined() ? at::Scalar(1) : Scal(info, 2);
    return Elementwise(info, ResultDtype::Common, [&](at::Tensor& out, const at::Tensor& a, const at::Tensor& b) { at::cpu::add_out(out, a, b, alpha); },
                      [&](const at::Tensor& a, const at::Tensor& b) { return at::add(a, b, alpha); });
  });
  Def(env, exports, "sub", [](Info info) {
    at::Scalar alpha = info[2].IsUndefined() ? at::Scalar(1) : Scal(info, 2);
    return Elementwise(info, ResultDtype::Common, [&](at::Tensor& out, const at::Tensor& a, const at::Tensor& b) { at::cpu::sub_out(out, a, b, alpha); },
                      [&](const at::Tensor& a, const at::Tensor& b) { return at::sub(a, b, alpha); });
  });
  Def(env, exports, "mul", [](Info info) {
    return Elementwise(info, ResultDtype::Common, [](at::Tensor& out, const at::Tensor& a, const at::Tensor& b) { at::cpu::mul_out(out, a, b); },
                      [](const at::Tensor& a, const at::Tensor& b) { return at::mul(a, b); });
  });
  Def(env, exports, "div", [](Info info) {
    c10::optional<c10::string_view> mode;
    std::string m;
    if (info[2].IsString()) { m = Str(info, 2); mode = m; }
    // True division promotes integers to float; with a rounding mode they stay integers. Without a
    // mode it is div.Tensor (DivBackward0), not div.Tensor_mode, as Python calls it.
    if (!mode) {
      return Elementwise(info, ResultDtype::Float, [](at::Tensor& out, const at::Tensor& a, const at::Tensor& b) { at::cpu::div_out(out, a, b); },
                        [](const at::Tensor& a, const at::Tensor& b) { return at::div(a, b); });
    }
    return Elementwise(info, ResultDtype::Common, [&](at::Tensor& out, const at::Tensor& a, const at::Tensor& b) { at::cpu::div_out(out, a, b, mode); },
                      [&](const at::Tensor& a, const at::Tensor& b) { return at::div(a, b, mode); });
  });
  Def(env, exports, "pow", [](Info info) {
    return Binary(info, [](const at::Tensor& a, const at::Tensor& b) { return at::pow(a, b); },
                  [](const at::Tensor& a, const at::Scalar& b) { return at::pow(a, b); });
  });
  Def(env, exports, "remainder", [](Info info) {
    return Binary(info, [](const at::Tensor& a, const at::Tensor& b) { return at::remainder(a, b); },
                  [](const at::Tensor& a, const at::Scalar& b) { return at::remainder(a, b); });
  });
  Def(env, exports, "maximum", [](Info info) { return Out(info, at::maximum(T(info, 0), T(info, 1))); });
  Def(env, exports, "minimum", [](Info info) { return Out(info, at::minimum(T(info, 0), T(info, 1))); });

  // Unary ops with a direct CPU kernel; Float: integer inputs give a default-dtype result.
#define DIRECT_UNARY(name, op, rule)                                                                                          \
  Def(env, exports, name, [](Info info) {                                                                                  \
    return Unary(info, T(info, 0), ResultDtype::rule, [](at::Tensor& out, const at::Tensor& a) { at::cpu::op##_out(out, a); }, \
                 [](const at::Tensor& a) { return at::op(a); });                                                       \
  })
  DIRECT_UNARY("neg", neg, Common);
  DIRECT_UNARY("exp", exp, Float);
  DIRECT_UNARY("log", log, Float);
  DIRECT_UNARY("sqrt", sqrt, Float);
  DIRECT_UNARY("rsqrt", rsqrt, Float);
  DIRECT_UNARY("sigmoid", sigmoid, Float);
  DIRECT_UNARY("tanh", tanh, Float);
  DIRECT_UNARY("sin", sin, Float);
  DIRECT_UNARY("cos", cos, Float);
#undef DIRECT_UNARY

  // at::relu is clamp_min(self, 0) after refusing bool, whose error the dispatched call gives.
  Def(env, exports, "relu", [](Info info) {
    at::Tensor& a = T(info, 0);
    if (a.scalar_type() == at::kBool) return Out(info, at::relu(a));
    return Unary(info, a, ResultDtype::Common, [](at::Tensor& out, const at::Tensor& a) { at::cpu::clamp_min_out(out, a, 0); },
                 [](const at::Tensor& a) { return at::relu(a); });
  });

#define UNARY(name, call) Def(env, exports, name, [](Info info) { return Out(info, call(T(info, 0))); })
  UNARY("abs", at::abs);
  UNARY("sign", at::sign);
  UNARY("floor", at::floor);
  UNARY("ceil", at::ceil);
  UNARY("round", at::round);
  UNARY("logicalNot", at::logical_not);
  UNARY("isnan", at::isnan);
  UNARY("t", at::t);
#undef UNARY

  Def(env, exports, "clamp", [](Info info) {
    c10::optional<at::Scalar> lo, hi;
    if (!info[1].IsUndefined() && !info[1].IsNull()) lo = Scal(info, 1);
    if (!info[2].IsUndefined() && !info[2].IsNull()) hi = Scal(info, 2);
    return Out(info, at::clamp(T(info, 0), lo, hi));
  });
  Def(env, exports, "softmax", [](Info info) { return Out(info, at::softmax(T(info, 0), Int(info, 1), OptDtype(info, 2))); });
  Def(env, exports, "logSoftmax", [](Info info) { return Out(info, at::log_softmax(T(info, 0), Int(info, 1), OptDtype(info, 2))); });
  // matmul of two matrices is mm (as at::matmul decides); mm's kernel checks their sizes itself.
  Def(env, exports, "matmul", [](Info info) {
    at::Tensor& a = T(info, 0);
    at::Tensor& b = T(info, 1);
    if (a.dim() == 2 && b.dim() == 2) return MatrixProduct(info, a, b);
    return Out(info, at::matmul(a, b));
  });
  Def(env, exports, "mm", [](Info info) { return MatrixProduct(info, T(info, 0), T(info, 1)); });
  Def(env, exports, "bmm", [](Info info) { return Out(info, at::bmm(T(info, 0), T(info, 1))); });

  // ---- shape ops
  Def(env, exports, "view", [](Info info) { return Out(info, T(info, 0).view(Ints(info, 1))); });
  Def(env, exports, "reshape", [](Info info) { return Out(info, T(info, 0).reshape(Ints(info, 1))); });
  Def(env, exports, "flatten", [](Info info) { return Out(info, T(info, 0).flatten(Int(info, 1), Int(info, 2))); });
  Def(env, exports, "squeeze", [](Info info) {
    return Out(info, info[1].IsUndefined() ? T(info, 0).squeeze() : T(info, 0).squeeze(Int(info, 1)));
  });
  Def(env, exports, "unsqueeze", [](Info info) { return Out(info, T(info, 0).unsqueeze(Int(info, 1))); });
  Def(env, exports, "permute", [](Info info) { return Out(info, T(info, 0).permute(Ints(info, 1))); });
  Def(env, exports, "transpose", [](Info info) { return Out(info, T(info, 0).transpose(Int(info, 1), Int(info, 2))); });
  Def(env, exports, "expand", [](Info info) { return Out(info, T(info, 0).expand(Ints(info, 1))); });
  Def(env, exports, "repeat", [](Info info) { return Out(info, T(info, 0).repeat(Ints(info, 1))); });
  Def(env, exports, "cat", [](Info info) { return Out(info, at::cat(Tensors(info, 0), Int(info, 1))); });
  Def(env, exports, "stack", [](Info info) { return Out(info, at::stack(Tensors(info, 0), Int(info, 1))); });
  Def(env, exports, "chunk", [](Info info) { return OutList(info, T(info, 0).chunk(Int(info, 1), Int(info, 2))); });
  Def(env, exports, "narrow", [](Info info) { return Out(info, T(info, 0).narrow(Int(info, 1), Int(info, 2), Int(info, 3))); });
  Def(env, exports, "select", [](Info info) { return Out(info, T(info, 0).select(Int(info, 1), Int(info, 2))); });
  Def(env, exports, "slice", [](Info info) {
    return Out(info, T(info, 0).slice(Int(info, 1), OptInt(info, 2), OptInt(info, 3), Int(info, 4)));
  });
  Def(env, exports, "indexSelect", [](Info info) { return Out(info, T(info, 0).index_select(Int(info, 1), T(info, 2))); });
  Def(env, exports, "index", [](Info info) { return Out(info, T(info, 0).index({T(info, 1)})); });
  Def(env, exports, "gather", [](Info info) { return Out(info, T(info, 0).gather(Int(info, 1), T(info, 2))); });
  Def(env, exports, "where", [](Info info) {
    at::Tensor& cond = T(info, 0);
    TensorHolder* a = TryHolder(info[1]);
    TensorHolder* b = TryHolder(info[2]);
    if (a && b) return Out(info, at::where(cond, Unwrap(info.Env(), info[1]), Unwrap(info.Env(), info[2])));
    if (a) return Out(info, at::where(cond, Unwrap(info.Env(), info[1]), Scal(info, 2)));
    if (b) return Out(info, at::where(cond, Scal(info, 1), Unwrap(info.Env(), info[2])));
    return Out(info, at::where(cond, Scal(info, 1), Scal(info, 2)));
  });
  Def(env, exports, "maskedFill", [](Info info) {
    if (TryHolder(info[2])) return Out(info, T(info, 0).masked_fill(T(info, 1), T(info, 2)));
    return Out(info, T(info, 0).masked_fill(T(info, 1), Scal(info, 2)));
  });

  // ---- reductions: (t, dims | null, keepdim, ...)
  Def(env, exports, "sum", [](Info info) {
    at::Tensor& a = T(info, 0);
    auto dims = OptDims(info, 1);
    auto dtype = OptDtype(info, 3);
    if (dims) return Out(info, at::sum(a, *dims, Bool(info, 2), dtype));
    // Integers and bool sum to int64.
    at::ScalarType result = dtype.value_or(c10::isIntegralType(a.scalar_type(), true) ? at::kLong : a.scalar_type());
    return ReduceAll(info, a, result, [&](at::Tensor& out, at::IntArrayRef all) { at::cpu::sum_out(out, a, all, false, dtype); },
                     [&] { return at::sum(a, dtype); });
  });
  Def(env, exports, "mean", [](Info info) {
    at::Tensor& a = T(info, 0);
    auto dims = OptDims(info, 1);
    auto dtype = OptDtype(info, 3);
    if (dims) return Out(info, at::mean(a, *dims, Bool(info, 2), dtype));
    // Only a floating dtype has a mean; the dispatched call gives the error for the others.
    at::ScalarType result = dtype.value_or(a.scalar_type());
    if (!c10::isFloatingType(result)) return Out(info, at::mean(a, dtype));
    return ReduceAll(info, a, result, [&](at::Tensor& out, at::IntArrayRef all) { at::cpu::mean_out(out, a, all, false, dtype); },
                     [&] { return at::mean(a, dtype); });
  });
  Def(env, exports, "prod", [](Info info) {
    if (info[1].IsUndefined() || info[1].IsNull()) return Out(info, at::prod(T(info, 0)));
    return Out(info, at::prod(T(info, 0), Int(info, 1), Bool(info, 2)));
  });
  Def(env, exports, "max", [](Info info) {
    if (info[1].IsUndefined() || info[1].IsNull()) return Out(info, at::max(T(info, 0)));
    return Pair(info, at::max(T(info, 0), Int(info, 1), Bool(info, 2)));
  });
  Def(env, exports, "min", [](Info info) {
    if (info[1].IsUndefined() || info[1].IsNull()) return Out(info, at::min(T(info, 0)));
    return Pair(info, at::min(T(info, 0), Int(info, 1), Bool(info, 2)));
  });
  Def(env, exports, "argmax", [](Info info) { return Out(info, at::argmax(T(info, 0), OptInt(info, 1), Bool(info, 2))); });
  Def(env, exports, "argmin", [](Info info) { return Out(info, at::argmin(T(info, 0), OptInt(info, 1), Bool(info, 2))); });
  // std/var(t, dims | null, correction, keepdim): the correction overload (a bare int64_t would convert
  // to the `bool unbiased` one, making every correction 1)
  Def(env, exports, "std", [](Info info) {
    auto dims = OptDims(info, 1);
    return Out(info, at::std(T(info, 0), dims ? at::OptionalIntArrayRef(*dims) : c10::nullopt, c10::optional<int64_t>(Int(info, 2)), Bool(info, 3)));
  });
  Def(env, exports, "var", [](Info info) {
    auto dims = OptDims(info, 1);
    return Out(info, at::var(T(info, 0), dims ? at::OptionalIntArrayRef(*dims) : c10::nullopt, c10::optional<int64_t>(Int(info, 2)), Bool(info, 3)));
  });
  Def(env, exports, "all", [](Info info) {
    if (info[1].IsUndefined() || info[1].IsNull()) return Out(info, at::all(T(info, 0)));
    return Out(info, at::all(T(info, 0), Int(info, 1), Bool(info, 2)));
  });
  Def(env, exports, "any", [](Info info) {
    if (info[1].IsUndefined() || info[1].IsNull()) return Out(info, at::any(T(info, 0)));
    return Out(info, at::any(T(info, 0), Int(info, 1), Bool(info, 2)));
  });

  // ---- comparisons
#define COMPARE(name, fn)                                                                                              \
  Def(env, exports, name, [](Info info) {                                                                              \
    return Elementwise(info, ResultDtype::Bool, [](at::Tensor& out, const at::Tensor& a, const at::Tensor& b) { at::cpu::fn##_out(out, a, b); }, \
                       [](const at::Tensor& a, const at::Tensor& b) { return at::fn(a, b); });                        \
  })
  COMPARE("eq", eq);
  COMPARE("ne", ne);
  COMPARE("lt", lt);
  COMPARE("le", le);
  COMPARE("gt", gt);
  COMPARE("ge", ge);
#undef COMPARE
  Def(env, exports, "isclose", [](Info info) {
    return Out(info, at::isclose(T(info, 0), T(info, 1), Num(info, 2), Num(info, 3), Bool(info, 4)));
  });
  Def(env, exports, "allclose", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), at::allclose(T(info, 0), T(info, 1), Num(info, 2), Num(info, 3), Bool(info, 4)));
  });
  Def(env, exports, "equal", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), at::equal(T(info, 0), T(info, 1))); });

  // ---- in-place: each returns its first argument's wrapper, as PyTorch returns self
  Def(env, exports, "add_", [](Info info) -> Napi::Value {
    at::Scalar alpha = info[2].IsUndefined() ? at::Scalar(1) : Scal(info, 2);
    if (TryHolder(info[1])) T(info, 0).add_(T(info, 1), alpha); else T(info, 0).add_(Wrapped(info, 1), alpha);
    return info[0];
  });
  Def(env, exports, "sub_", [](Info info) -> Napi::Value {
    at::Scalar alpha = info[2].IsUndefined() ? at::Scalar(1) : Scal(info, 2);
    if (TryHolder(info[1])) T(info, 0).sub_(T(info, 1), alpha); else T(info, 0).sub_(Wrapped(info, 1), alpha);
    return info[0];
  });
  Def(env, exports, "mul_", [](Info info) -> Napi::Value {
    if (TryHolder(info[1])) T(info, 0).mul_(T(info, 1)); else T(info, 0).mul_(Wrapped(info, 1));
    return info[0];
  });
  Def(env, exports, "div_", [](Info info) -> Napi::Value {
    if (TryHolder(info[1])) T(info, 0).div_(T(info, 1)); else T(info, 0).div_(Wrapped(info, 1));
    return info[0];
  });
  Def(env, exports, "zero_", [](Info info) -> Napi::Value { T(info, 0).zero_(); return info[0]; });
  Def(env, exports, "fill_", [](Info info) -> Napi::Value { T(info, 0).fill_(Scal(info, 1)); return info[0]; });
  Def(env, exports, "copy_", [](Info info) -> Napi::Value { T(info, 0).copy_(T(info, 1)); return info[0]; });
  Def(env, exports, "clamp_", [](Info info) -> Napi::Value {
    c10::optional<at::Scalar> lo, hi;
    if (!info[1].IsUndefined() && !info[1].IsNull()) lo = Scal(info, 1);
    if (!info[2].IsUndefined() && !info[2].IsNull()) hi = Scal(info, 2);
    T(info, 0).clamp_(lo, hi);
    return info[0];
  });
  Def(env, exports, "uniform_", [](Info info) -> Napi::Value { T(info, 0).uniform_(Num(info, 1), Num(info, 2), EnvGenerator(info.Env())); return info[0]; });
  Def(env, exports, "normal_", [](Info info) -> Napi::Value { T(info, 0).normal_(Num(info, 1), Num(info, 2), EnvGenerator(info.Env())); return info[0]; });
  Def(env, exports, "relu_", [](Info info) -> Napi::Value { T(info, 0).relu_(); return info[0]; });

  // torch._C._setDirectOps / _getDirectOps: the direct path's switch, per environment (ops_direct.h).
  Def(env, exports, "setDirectOps", [](Info info) -> Napi::Value {
    EnvData::Get(info.Env())->recycled.directOps = Bool(info, 0);
    return info.Env().Undefined();
  });
  Def(env, exports, "getDirectOps", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), EnvData::Get(info.Env())->recycled.directOps);
  });
}

TORCH_NODE_AREA(InitOps);

}  // namespace torchnode
