// Every ATen operator, called through libtorch's dispatcher by its schema: the native half of the
// generated op layer (scripts/codegen, lib/_C). The dispatcher holds the schema of every overload the
// linked libtorch registers, so the op surface follows the libtorch the addon is built against, 1.13
// or 2.x, without a line of C++ per op.
//
// opSchemas()            → every schema string ("aten::add.Tensor(Tensor self, Tensor other, *, Scalar
//                          alpha=1) -> Tensor"), for the generator.
// opHandle(name, overload) → a handle to one overload, or null when libtorch has none by that name.
// callOp(handle, ...args) → the boxed call. lib/_C has bound the arguments to the schema in its order
//                          and checked their JS types; undefined means "the schema's default". Each is
//                          converted by the schema's type. A result that is one of the call's mutated
//                          inputs (an in-place or out= op) comes back as undefined: the caller returns
//                          the JS object it passed, as Python returns `self`.
#include <ATen/ScalarOps.h>
#include <ATen/core/LegacyTypeDispatch.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/ivalue.h>
#include <ATen/core/jit_type.h>
#include <c10/core/Device.h>
#include "args.h"
#include "ops_direct.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;

// The schemas of most elementwise ops take one of these shapes; their calls skip the boxing (an
// IValue stack, and the kernels' unboxing wrappers) and take the dispatcher's typed path, as at::
// functions do. Names: the arguments (T tensor, S scalar), `_` for in place on the first one.
enum class Fast { None, T, TT, TS, T_, TT_, TS_ };

// A precondition that libtorch 1.13 leaves unchecked and whose kernel then reads past an input
// (Python segfaults on the same call); checked on the boxed stack before the call.
using Guard = void (*)(Napi::Env, const c10::FunctionSchema&, const torch::jit::Stack&);

struct Op {
  c10::OperatorHandle handle;
  // For each return: the index of the argument it aliases with a write (`Tensor(a!)`), or -1.
  std::vector<int> returnAliases;
  Fast fast = Fast::None;
  // A T, TT or TS op with a CPU kernel of its own whose result aliases nothing (not in-place, not a
  // view): CallFunctional may call that kernel below the autograd layer.
  bool belowAutograd = false;
  Guard guard = nullptr;
  // The `Generator? generator` argument, or -1: left None, it takes the environment's default (env.h).
  int generatorArg = -1;
};

// _weight_norm(v, g, dim) / _weight_norm_interface: the fused CPU kernel (dim first or last) reads
// v.size(dim) elements of g; an empty g was a segfault (test/fuzz.test.ts). More elements are read
// as Python reads them.
void WeightNormGuard(Napi::Env env, const c10::FunctionSchema& schema, const torch::jit::Stack& s) {
  const at::Tensor& v = s[0].toTensor();
  const at::Tensor& g = s[1].toTensor();
  const int64_t dim = s[2].toInt();
  if (v.dim() > 0 && (dim == 0 || dim == v.dim() - 1) && g.numel() < v.size(dim)) {
    ThrowRangeError(env, schema.name() + ": g must have at least v.size(" + std::to_string(dim) + ") = " + std::to_string(v.size(dim)) + " elements, got " + std::to_string(g.numel()));
  }
}

// to_sparse_bsr / to_sparse_bsc(self, int[2] blocksize): the conversion reads blocksize[0] and [1]
// whatever the list's length; [] was a segfault (test/fuzz.test.ts; Python too).
void BlocksizeGuard(Napi::Env env, const c10::FunctionSchema& schema, const torch::jit::Stack& s) {
  const size_t n = s[1].toIntList().size();
  if (n < 2) ThrowRangeError(env, schema.name() + ": blocksize must have 2 elements, got " + std::to_string(n));
}

// _stack(tensors, dim) / _stack.out: the CPU kernel reads tensors[0] of an empty list (a segfault,
// Python's too; found by test/fuzz.test.ts). aten::stack checks it with this message.
void StackGuard(Napi::Env env, const c10::FunctionSchema& schema, const torch::jit::Stack& s) {
  if (s[0].toListRef().empty()) ThrowRangeError(env, schema.name() + ": stack expects a non-empty TensorList");
}

Guard GuardFor(const c10::FunctionSchema& schema) {
  if (schema.name() == "aten::_weight_norm" || schema.name() == "aten::_weight_norm_interface") return WeightNormGuard;
  if (schema.name() == "aten::to_sparse_bsr" || schema.name() == "aten::to_sparse_bsc") return BlocksizeGuard;
  if (schema.name() == "aten::_stack") return StackGuard;
  return nullptr;
}

using TensorRef = const at::Tensor&;
using ScalarRef = const c10::Scalar&;

Fast FastKind(const c10::FunctionSchema& schema) {
  const auto& args = schema.arguments();
  const auto& rets = schema.returns();
  if (args.empty() || args.size() > 2 || rets.size() != 1 || schema.is_vararg() || schema.is_varret()) return Fast::None;
  auto is = [](const c10::Argument& a, c10::TypeKind k) { return a.real_type()->kind() == k && !a.default_value(); };
  const bool inPlace = args[0].alias_info() && args[0].alias_info()->isWrite();
  if (!is(args[0], c10::TypeKind::TensorType) || rets[0].type()->kind() != c10::TypeKind::TensorType) return Fast::None;
  if (inPlace != (rets[0].alias_info() && rets[0].alias_info()->isWrite())) return Fast::None;
  for (size_t i = 1; i < args.size(); i++) {
    if (args[i].alias_info()) return Fast::None;
  }
  if (args.size() == 1) return inPlace ? Fast::T_ : Fast::T;
  if (is(args[1], c10::TypeKind::TensorType)) return inPlace ? Fast::TT_ : Fast::TT;
  if (is(args[1], c10::TypeKind::NumberType)) return inPlace ? Fast::TS_ : Fast::TS;
  return Fast::None;
}

// Checks that the typed call's C++ signature is the kernel's: libtorch throws if not, and then the
// op keeps the boxed call.
Fast CheckedFastKind(const c10::OperatorHandle& handle) {
  try {
    switch (FastKind(handle.schema())) {
      case Fast::None: return Fast::None;
      case Fast::T: handle.typed<at::Tensor(TensorRef)>(); return Fast::T;
      case Fast::TT: handle.typed<at::Tensor(TensorRef, TensorRef)>(); return Fast::TT;
      case Fast::TS: handle.typed<at::Tensor(TensorRef, ScalarRef)>(); return Fast::TS;
      case Fast::T_: handle.typed<at::Tensor&(at::Tensor&)>(); return Fast::T_;
      case Fast::TT_: handle.typed<at::Tensor&(at::Tensor&, TensorRef)>(); return Fast::TT_;
      case Fast::TS_: handle.typed<at::Tensor&(at::Tensor&, ScalarRef)>(); return Fast::TS_;
    }
  } catch (const c10::Error&) {
  }
  return Fast::None;
}

// A functional op's autograd kernel, when no input needs autograd and no mode is active, only sets
// AutoDispatchBelowADInplaceOrView and calls the CPU kernel: this makes that call itself and saves the
// autograd layer, about 0.2 µs of a small op. The same switch as the direct path turns it off
// (torch._C._setDirectOps(false)); test/_C/below_autograd.test.ts checks that the results are the same.
template <typename... Args>
at::Tensor CallFunctional(const Napi::CallbackInfo& info, const Op* op, bool noAutograd, const Args&... args) {
  auto typed = op->handle.typed<at::Tensor(const Args&...)>();
  if (op->belowAutograd && noAutograd && DirectEnv(info)) {
    at::AutoDispatchBelowADInplaceOrView guard;
    return typed.redispatch(c10::DispatchKeySet(c10::DispatchKey::CPU), args...);
  }
  return typed.call(args...);
}

// Names an argument (or one element of a list argument) in an error message; built only on error.
struct Name {
  const c10::FunctionSchema& schema;
  const c10::Argument& arg;
  int64_t element = -1;
  std::string str() const {
    std::string op = schema.name() + (schema.overload_name().empty() ? "" : "." + schema.overload_name());
    return op + ": argument '" + arg.name() + "'" + (element >= 0 ? "[" + std::to_string(element) + "]" : "");
  }
  Name at(uint32_t k) const { return {schema, arg, static_cast<int64_t>(k)}; }
};

int64_t IntArg(Napi::Env env, Napi::Value v, const Name& name) {
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    if (std::trunc(d) == d && std::fabs(d) < 9223372036854775808.0) return static_cast<int64_t>(d);
  }
  return IntOf(env, v, name.str());  // bigints, and the error for anything else
}

double FloatArg(Napi::Env env, Napi::Value v, const Name& name) {
  if (!v.IsNumber()) ThrowTypeError(env, name.str() + " must be a number");
  return v.As<Napi::Number>().DoubleValue();
}

c10::IValue ToIValue(Napi::Env env, Napi::Value v, const c10::TypePtr& type, const Name& name);

// A number for a Tensor (lib/_C/arg_parser.ts passes one only where Python allows it: `torch.mul(2, x)`)
// is Python's 0-dim "wrapped number" tensor, which takes part in type promotion as a scalar.
at::Tensor TensorArg(Napi::Env env, Napi::Value v, const Name& name) {
  TensorHolder* h = TryHolder(v);
  if (h && h->tensor.defined()) return h->tensor;
  if (v.IsNumber() || v.IsBoolean() || v.IsBigInt()) {
    return at::native::wrapped_scalar_tensor(ToIValue(env, v, c10::NumberType::get(), name).toScalar());
  }
  return Unwrap(env, v, name.str().c_str());  // throws, naming the argument
}

c10::IValue ListToIValue(Napi::Env env, Napi::Value v, const c10::TypePtr& elem, const Name& name) {
  if (!v.IsArray()) ThrowTypeError(env, name.str() + " must be an array");
  Napi::Array a = v.As<Napi::Array>();
  const uint32_t n = a.Length();
  switch (elem->kind()) {
    case c10::TypeKind::IntType:
    case c10::TypeKind::SymIntType: {
      c10::List<int64_t> out;
      for (uint32_t k = 0; k < n; k++) out.push_back(IntArg(env, a.Get(k), name.at(k)));
      return out;
    }
    case c10::TypeKind::FloatType: {
      c10::List<double> out;
      for (uint32_t k = 0; k < n; k++) out.push_back(FloatArg(env, a.Get(k), name.at(k)));
      return out;
    }
    case c10::TypeKind::BoolType: {
      c10::List<bool> out;
      for (uint32_t k = 0; k < n; k++) out.push_back(a.Get(k).ToBoolean().Value());
      return out;
    }
    case c10::TypeKind::TensorType: {
      c10::List<at::Tensor> out;
      for (uint32_t k = 0; k < n; k++) out.push_back(TensorArg(env, a.Get(k), name.at(k)));
      return out;
    }
    case c10::TypeKind::OptionalType: {  // Tensor?[] (index, index_put_)
      c10::List<c10::optional<at::Tensor>> out;
      for (uint32_t k = 0; k < n; k++) {
        Napi::Value x = a.Get(k);
        if (x.IsNull() || x.IsUndefined()) out.push_back(c10::nullopt);
        else out.push_back(TensorArg(env, x, name.at(k)));
      }
      return out;
    }
    default: {
      c10::impl::GenericList out(elem);
      for (uint32_t k = 0; k < n; k++) out.push_back(ToIValue(env, a.Get(k), elem, name.at(k)));
      return out;
    }
  }
}

c10::IValue ToIValue(Napi::Env env, Napi::Value v, const c10::TypePtr& type, const Name& name) {
  switch (type->kind()) {
    case c10::TypeKind::OptionalType:
      if (v.IsNull() || v.IsUndefined()) return c10::IValue();
      return ToIValue(env, v, type->castRaw<c10::OptionalType>()->getElementType(), name);
    case c10::TypeKind::TensorType:
      return TensorArg(env, v, name);
    case c10::TypeKind::IntType:
      return IntArg(env, v, name);
    case c10::TypeKind::SymIntType:
      return c10::SymInt(IntArg(env, v, name));
    case c10::TypeKind::FloatType:
      return FloatArg(env, v, name);
    case c10::TypeKind::BoolType:
      if (!v.IsBoolean()) ThrowTypeError(env, name.str() + " must be a boolean");
      return v.As<Napi::Boolean>().Value();
    case c10::TypeKind::NumberType: {  // Scalar: an integral JS number stays an int, as Python's int
      if (v.IsBoolean()) return v.As<Napi::Boolean>().Value();
      if (v.IsBigInt()) return IntOf(env, v, name.str());
      double d = FloatArg(env, v, name);
      if (std::nearbyint(d) == d && std::fabs(d) < 9007199254740992.0) return static_cast<int64_t>(d);
      return d;
    }
    case c10::TypeKind::StringType:
      if (!v.IsString()) ThrowTypeError(env, name.str() + " must be a string");
      return v.As<Napi::String>().Utf8Value();
    case c10::TypeKind::ScalarTypeType:
    case c10::TypeKind::LayoutType:
    case c10::TypeKind::MemoryFormatType:
      return IntArg(env, v, name);  // the enum's code: lib/_C maps dtype, layout and memory format objects
    case c10::TypeKind::DeviceObjType:
      if (!v.IsString()) ThrowTypeError(env, name.str() + " must be a device string");
      return c10::Device(v.As<Napi::String>().Utf8Value());
    case c10::TypeKind::GeneratorType:
      if (!v.IsExternal() || !v.As<Napi::External<at::Generator>>().CheckTypeTag(HandleTag<at::Generator>())) {
        ThrowTypeError(env, name.str() + " must be a torch.Generator");
      }
      return *v.As<Napi::External<at::Generator>>().Data();
    case c10::TypeKind::ListType:
      return ListToIValue(env, v, type->castRaw<c10::ListType>()->getElementType(), name);
    default:
      ThrowTypeError(env, name.str() + ": arguments of type " + type->str() + " are not supported");
  }
}

// A result of the call `info` (moved out of the stack: a fresh tensor then has no other reference).
Napi::Value FromIValue(const Napi::CallbackInfo& info, c10::IValue v) {
  Napi::Env env = info.Env();
  if (v.isTensor()) {
    at::Tensor t = std::move(v).toTensor();
    if (!t.defined()) return env.Null();
    return WrapResult(info, std::move(t));
  }
  if (v.isNone()) return env.Null();
  if (v.isBool()) return Napi::Boolean::New(env, v.toBool());
  if (v.isInt()) {
    int64_t x = v.toInt();
    if (x > 9007199254740991LL || x < -9007199254740991LL) return Napi::BigInt::New(env, x);
    return Napi::Number::New(env, static_cast<double>(x));
  }
  if (v.isDouble()) return Napi::Number::New(env, v.toDouble());
  if (v.isString()) return Napi::String::New(env, v.toStringRef());
  if (v.isList() || v.isTuple()) {
    std::vector<c10::IValue> items = v.isList() ? v.toListRef().vec() : v.toTupleRef().elements().vec();
    Napi::Array a = Napi::Array::New(env, items.size());
    for (size_t k = 0; k < items.size(); k++) a.Set(static_cast<uint32_t>(k), FromIValue(info, std::move(items[k])));
    return a;
  }
  if (v.isDevice()) return Napi::String::New(env, v.toDevice().str());
  ThrowTypeError(env, "a result of type " + v.tagKind() + " cannot be returned to JS");
}

}  // namespace

void InitDispatch(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "opSchemas", [](Info info) -> Napi::Value {
    std::vector<c10::OperatorName> names = c10::Dispatcher::singleton().getAllOpNames();
    Napi::Array out = Napi::Array::New(info.Env());
    uint32_t k = 0;
    for (const c10::OperatorName& name : names) {
      c10::optional<c10::OperatorHandle> op = c10::Dispatcher::singleton().findSchema(name);
      if (!op) continue;  // registered by a kernel whose schema never came
      std::ostringstream s;
      s << op->schema();
      out.Set(k++, s.str());
    }
    return out;
  });

  Def(env, exports, "opHandle", [](Info info) -> Napi::Value {
    c10::optional<c10::OperatorHandle> handle = c10::Dispatcher::singleton().findSchema({Str(info, 0), Str(info, 1)});
    if (!handle) return info.Env().Null();
    const c10::FunctionSchema& schema = handle->schema();
    auto* op = new Op{*handle, {}, CheckedFastKind(*handle), false, GuardFor(schema)};
    const bool functional = (op->fast == Fast::T || op->fast == Fast::TT || op->fast == Fast::TS) && !schema.arguments()[0].alias_info() && !schema.returns()[0].alias_info();
    // Composite ops have no CPU kernel of their own: theirs (filled in from the alias key) would run
    // its parts without autograd's guard, and an op with only an autograd kernel would have none.
    op->belowAutograd = functional && handle->hasKernelForDispatchKey(c10::DispatchKey::CPU);
    for (const c10::Argument& ret : schema.returns()) {
      int alias = -1;
      if (ret.alias_info() && ret.alias_info()->isWrite()) {
        for (size_t i = 0; i < schema.arguments().size(); i++) {
          const c10::AliasInfo* a = schema.arguments()[i].alias_info();
          if (a && a->isWrite() && a->beforeSets() == ret.alias_info()->beforeSets()) alias = static_cast<int>(i);
        }
      }
      op->returnAliases.push_back(alias);
    }
    for (size_t i = 0; i < schema.arguments().size(); i++) {
      const c10::TypePtr& type = schema.arguments()[i].real_type();
      if (type->kind() == c10::TypeKind::OptionalType && type->castRaw<c10::OptionalType>()->getElementType()->kind() == c10::TypeKind::GeneratorType) {
        op->generatorArg = static_cast<int>(i);
      }
    }
    return NewHandle(info.Env(), op, [](Napi::Env, Op* o) { delete o; });
  });

  Def(env, exports, "callOp", [](Info info) -> Napi::Value {
    Napi::Env env = info.Env();
    Op* op = GetHandle<Op>(info, 0, "an operator handle");
    const c10::FunctionSchema& schema = op->handle.schema();
    const std::vector<c10::Argument>& args = schema.arguments();
    if (info.Length() - 1 > args.size()) ThrowTypeError(env, schema.name() + ": too many arguments");
    if (op->fast != Fast::None && info.Length() - 1 == args.size()) {
      at::Tensor self = TensorArg(env, info[1], Name{schema, args[0]});
      switch (op->fast) {
        case Fast::T: return WrapResult(info, CallFunctional(info, op, NoAutogradInput(self), self));
        case Fast::TT: {
          at::Tensor other = TensorArg(env, info[2], Name{schema, args[1]});
          return WrapResult(info, CallFunctional(info, op, NoAutogradInput(self) && NoAutogradInput(other), self, other));
        }
        case Fast::TS: return WrapResult(info, CallFunctional(info, op, NoAutogradInput(self), self, ToIValue(env, info[2], args[1].real_type(), Name{schema, args[1]}).toScalar()));
        case Fast::T_: op->handle.typed<at::Tensor&(at::Tensor&)>().call(self); return env.Undefined();
        case Fast::TT_: op->handle.typed<at::Tensor&(at::Tensor&, TensorRef)>().call(self, TensorArg(env, info[2], Name{schema, args[1]})); return env.Undefined();
        case Fast::TS_: op->handle.typed<at::Tensor&(at::Tensor&, ScalarRef)>().call(self, ToIValue(env, info[2], args[1].real_type(), Name{schema, args[1]}).toScalar()); return env.Undefined();
        case Fast::None: break;
      }
    }
    torch::jit::Stack stack;
    stack.reserve(args.size());
    for (size_t i = 0; i < args.size(); i++) {
      Napi::Value v = i + 1 < info.Length() ? info[i + 1] : env.Undefined();
      if (v.IsUndefined()) {
        if (!args[i].default_value()) ThrowTypeError(env, Name{schema, args[i]}.str() + " is required");
        stack.push_back(*args[i].default_value());
      } else {
        stack.push_back(ToIValue(env, v, args[i].real_type(), Name{schema, args[i]}));
      }
    }
    if (op->generatorArg >= 0 && stack[op->generatorArg].isNone()) {
      if (const auto& own = EnvGenerator(env)) stack[op->generatorArg] = *own;
    }
    if (op->guard) op->guard(env, schema, stack);
    op->handle.callBoxed(stack);
    const size_t n = stack.size();
    if (n == 1) return op->returnAliases[0] >= 0 ? env.Undefined() : FromIValue(info, std::move(stack[0]));
    Napi::Array out = Napi::Array::New(env, n);
    for (size_t k = 0; k < n; k++) {
      if (op->returnAliases[k] < 0) out.Set(static_cast<uint32_t>(k), FromIValue(info, std::move(stack[k])));
    }
    return n == 0 ? env.Undefined() : Napi::Value(out);
  });
}

TORCH_NODE_AREA(InitDispatch);

}  // namespace torchnode
