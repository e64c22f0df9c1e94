// TorchScript (lib/jit): torch.jit.load / save and a loaded module's methods, slots and modes.
// This is the only unit that includes <torch/script.h> (about 30 s and 1 GB to compile).
//
// Values cross as IValues. JS → IValue follows the method's schema, so a JS number becomes the
// argument's int or float; where the schema says Any (or nothing), the value's own kind decides.
// IValue → JS: tensors as Tensors, ints as numbers (bigints beyond 2^53), tuples as frozen arrays,
// dicts with str keys as plain objects and others as Maps (as torch.load gives them). Submodules are
// reached through jitChildren, not as values.
//
// torch.jit.trace runs a torch-node module's forward under libtorch's tracer: the ops it dispatches are
// recorded (the direct path of ops_direct.h is off while the Tracer key is set), and its parameters and
// buffers, registered on a new torch::jit::Module that mirrors the JS module tree, become attribute reads.
//
// forwardAsync / runMethodAsync run the method on libuv's thread pool: the arguments are converted to
// IValues (which hold their tensors) on the main thread before, the result is wrapped on it after.
#include <torch/script.h>
#include <torch/csrc/jit/serialization/python_print.h>
#include <torch/csrc/jit/frontend/tracer.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <sstream>
#include <string>
#include <vector>
#include "args.h"
#include "env.h"
#include "registry.h"

namespace torchnode {
namespace {

using torch::jit::Module;

Module& Mod(const Napi::CallbackInfo& info, size_t i) { return *GetHandle<Module>(info, i, "a ScriptModule handle"); }

Napi::Value ModuleHandle(Napi::Env env, const Module& m) {
  return NewHandle(env, new Module(m), [](Napi::Env, Module* p) { delete p; });
}

// A torch::jit::load source over a copy of a JS Buffer's bytes.
class BytesAdapter : public caffe2::serialize::ReadAdapterInterface {
 public:
  BytesAdapter(const char* data, size_t n) : bytes_(data, n) {}
  size_t size() const override { return bytes_.size(); }
  size_t read(uint64_t pos, void* buf, size_t n, const char*) const override {
    if (pos >= bytes_.size()) return 0;
    n = std::min<size_t>(n, bytes_.size() - pos);
    std::memcpy(buf, bytes_.data() + pos, n);
    return n;
  }

 private:
  std::string bytes_;
};

// ---- JS → IValue

const char* KindOf(Napi::Value v) {
  if (TryHolder(v)) return "a Tensor";
  if (v.IsNull() || v.IsUndefined()) return "None";
  if (v.IsBoolean()) return "a boolean";
  if (v.IsNumber() || v.IsBigInt()) return "a number";
  if (v.IsString()) return "a string";
  if (v.IsArray()) return "an array";
  return "an object";
}

[[noreturn]] void Expected(Napi::Env env, const std::string& what, const c10::TypePtr& type, Napi::Value v) {
  ThrowTypeError(env, what + " must be of type " + type->annotation_str() + ", got " + KindOf(v));
}

bool IsTuple(Napi::Value v) {
  return v.IsArray() && v.As<Napi::Object>().Get("constructor").StrictEquals(v.Env().Global().Get("Array")) &&
         v.Env().Global().Get("Object").As<Napi::Object>().Get("isFrozen").As<Napi::Function>().Call({v}).ToBoolean();
}

c10::IValue ToIValue(Napi::Env env, Napi::Value v, const c10::TypePtr& type, const std::string& what);

// A value whose schema type says nothing (Any): tensors, booleans, numbers (integers as int),
// strings, None, arrays (a frozen array is a tuple), Maps and plain objects as dicts.
c10::IValue Infer(Napi::Env env, Napi::Value v, const std::string& what) {
  if (TensorHolder* h = TryHolder(v)) {
    if (!h->tensor.defined()) ThrowTypeError(env, what + " is a disposed Tensor");
    return h->tensor;
  }
  if (v.IsNull() || v.IsUndefined()) return c10::IValue();
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value();
  if (v.IsBigInt()) return IntOf(env, v, what);
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    if (std::nearbyint(d) == d && std::fabs(d) < 9007199254740992.0) return static_cast<int64_t>(d);
    return d;
  }
  if (v.IsString()) return v.As<Napi::String>().Utf8Value();
  if (v.IsArray()) {
    Napi::Array a = v.As<Napi::Array>();
    std::vector<c10::IValue> items;
    for (uint32_t k = 0, n = a.Length(); k < n; k++) items.push_back(Infer(env, a.Get(k), what + "[" + std::to_string(k) + "]"));
    if (IsTuple(v)) return c10::ivalue::Tuple::create(std::move(items));
    c10::TypePtr elem = items.empty() ? c10::TensorType::get() : items[0].type();
    for (const auto& x : items) {
      auto u = c10::unifyTypes(elem, x.type());
      if (!u) ThrowTypeError(env, what + ": a list's elements must be of one type");
      elem = *u;
    }
    c10::impl::GenericList list(elem);
    for (auto& x : items) list.push_back(std::move(x));
    return list;
  }
  ThrowTypeError(env, what + ": cannot convert " + KindOf(v) + " to a TorchScript value whose type the schema does not give");
}

c10::IValue ToDict(Napi::Env env, Napi::Value v, const c10::DictTypePtr& type, const std::string& what) {
  c10::impl::GenericDict dict(type->getKeyType(), type->getValueType());
  auto put = [&](Napi::Value k, Napi::Value x) {
    c10::IValue key = ToIValue(env, k, type->getKeyType(), what + " key");
    std::string at = key.isString() ? "['" + key.toStringRef() + "']" : "[" + k.ToString().Utf8Value() + "]";
    dict.insert_or_assign(std::move(key), ToIValue(env, x, type->getValueType(), what + at));
  };
  if (v.IsObject() && v.As<Napi::Object>().InstanceOf(env.Global().Get("Map").As<Napi::Function>())) {
    Napi::Array entries = env.Global().Get("Array").As<Napi::Object>().Get("from").As<Napi::Function>().Call({v}).As<Napi::Array>();
    for (uint32_t k = 0, n = entries.Length(); k < n; k++) {
      Napi::Array e = entries.Get(k).As<Napi::Array>();
      put(e.Get(0u), e.Get(1u));
    }
  } else if (v.IsObject() && !v.IsArray() && !TryHolder(v)) {
    Napi::Object o = v.As<Napi::Object>();
    Napi::Array keys = o.GetPropertyNames();
    for (uint32_t k = 0, n = keys.Length(); k < n; k++) put(keys.Get(k), o.Get(keys.Get(k)));
  } else {
    Expected(env, what, type, v);
  }
  return dict;
}

c10::IValue ToIValue(Napi::Env env, Napi::Value v, const c10::TypePtr& type, const std::string& what) {
  switch (type->kind()) {
    case c10::TypeKind::TensorType: {
      TensorHolder* h = TryHolder(v);
      if (!h) Expected(env, what, type, v);
      if (!h->tensor.defined()) ThrowTypeError(env, what + " is a disposed Tensor");
      return h->tensor;
    }
    case c10::TypeKind::IntType:
      if (!v.IsNumber() && !v.IsBigInt()) Expected(env, what, type, v);
      return IntOf(env, v, what);
    case c10::TypeKind::FloatType:
      if (v.IsBigInt()) return static_cast<double>(IntOf(env, v, what));
      if (!v.IsNumber()) Expected(env, what, type, v);
      return v.As<Napi::Number>().DoubleValue();
    case c10::TypeKind::NumberType:
      if (!v.IsNumber() && !v.IsBigInt()) Expected(env, what, type, v);
      return Infer(env, v, what);
    case c10::TypeKind::BoolType:
      if (!v.IsBoolean()) Expected(env, what, type, v);
      return v.As<Napi::Boolean>().Value();
    case c10::TypeKind::StringType:
      if (!v.IsString()) Expected(env, what, type, v);
      return v.As<Napi::String>().Utf8Value();
    case c10::TypeKind::NoneType:
      if (!v.IsNull() && !v.IsUndefined()) Expected(env, what, type, v);
      return c10::IValue();
    case c10::TypeKind::OptionalType:
      if (v.IsNull() || v.IsUndefined()) return c10::IValue();
      return ToIValue(env, v, type->expectRef<c10::OptionalType>().getElementType(), what);
    case c10::TypeKind::DeviceObjType:
      if (!v.IsString()) Expected(env, what, type, v);
      return c10::Device(v.As<Napi::String>().Utf8Value());
    case c10::TypeKind::ListType: {
      if (!v.IsArray()) Expected(env, what, type, v);
      const c10::TypePtr& elem = type->expectRef<c10::ListType>().getElementType();
      Napi::Array a = v.As<Napi::Array>();
      c10::impl::GenericList list(elem);
      for (uint32_t k = 0, n = a.Length(); k < n; k++) list.push_back(ToIValue(env, a.Get(k), elem, what + "[" + std::to_string(k) + "]"));
      return list;
    }
    case c10::TypeKind::TupleType: {
      const auto& elems = type->expectRef<c10::TupleType>().elements();
      if (!v.IsArray() || v.As<Napi::Array>().Length() != elems.size()) {
        ThrowTypeError(env, what + " must be a tuple (an array) of " + std::to_string(elems.size()) + " elements, " + type->annotation_str() + ", got " +
                                (v.IsArray() ? "an array of " + std::to_string(v.As<Napi::Array>().Length()) : std::string(KindOf(v))));
      }
      Napi::Array a = v.As<Napi::Array>();
      std::vector<c10::IValue> items;
      for (uint32_t k = 0; k < elems.size(); k++) items.push_back(ToIValue(env, a.Get(k), elems[k], what + "[" + std::to_string(k) + "]"));
      return c10::ivalue::Tuple::create(std::move(items));
    }
    case c10::TypeKind::DictType:
      return ToDict(env, v, type->expect<c10::DictType>(), what);
    default:
      return Infer(env, v, what);
  }
}

bool IsPlainObject(Napi::Env env, Napi::Value v) {
  if (!v.IsObject() || v.IsArray() || v.IsFunction() || TryHolder(v)) return false;
  Napi::Value proto = env.Global().Get("Object").As<Napi::Object>().Get("getPrototypeOf").As<Napi::Function>().Call({v});
  return proto.IsNull() || proto.StrictEquals(env.Global().Get("Object").As<Napi::Object>().Get("prototype"));
}

// Python's name of an argument given in camelCase (stepSize -> step_size).
std::string SnakeCase(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z' && !out.empty()) out += '_', out += static_cast<char>(c - 'A' + 'a');
    else out += c;
  }
  return out;
}

struct CallArgs {
  std::vector<c10::IValue> args;  // they hold the input tensors until the call ends
  torch::jit::Kwargs kwargs;
};

// The method's arguments from a JS array, typed by its schema (argument 0 is self). A trailing plain
// object is Python's keyword arguments (names as in the schema, or in camelCase) unless the schema
// takes a dict (or anything) at its position. Extra arguments are converted by their own kind: the
// schema check (Function::operator()) then reports their number, and missing or unknown names.
CallArgs Args(Napi::Env env, const torch::jit::Method& method, Napi::Value jsArgs) {
  if (!jsArgs.IsArray()) ThrowTypeError(env, "arguments must be an array");
  const auto& schema = method.function().getSchema().arguments();
  Napi::Array a = jsArgs.As<Napi::Array>();
  uint32_t n = a.Length();
  CallArgs out;
  if (n > 0 && IsPlainObject(env, a.Get(n - 1))) {
    const c10::TypePtr* at = n < schema.size() ? &schema[n].type() : nullptr;
    bool positional = at && ((*at)->kind() == c10::TypeKind::DictType || (*at)->kind() == c10::TypeKind::AnyType ||
                             ((*at)->kind() == c10::TypeKind::OptionalType && (*at)->expectRef<c10::OptionalType>().getElementType()->kind() == c10::TypeKind::DictType));
    if (!positional) {
      Napi::Object kw = a.Get(--n).As<Napi::Object>();
      Napi::Array keys = kw.GetPropertyNames();
      for (uint32_t k = 0; k < keys.Length(); k++) {
        std::string key = keys.Get(k).As<Napi::String>().Utf8Value();
        std::string name = key;
        auto found = std::find_if(schema.begin() + 1, schema.end(), [&](const c10::Argument& arg) { return arg.name() == key; });
        if (found == schema.end()) {
          name = SnakeCase(key);
          found = std::find_if(schema.begin() + 1, schema.end(), [&](const c10::Argument& arg) { return arg.name() == name; });
        }
        if (found == schema.end()) {
          std::string names;
          for (size_t i = 1; i < schema.size(); i++) names += (i > 1 ? ", " : "") + schema[i].name();
          ThrowTypeError(env, "got an unexpected keyword argument '" + key + "'; its arguments: " + names);
        }
        // libtorch's schema check asserts (an internal error) on a name also given by position
        if (static_cast<uint32_t>(found - schema.begin()) <= n) ThrowTypeError(env, "got multiple values for argument '" + name + "'");
        out.kwargs[name] = ToIValue(env, kw.Get(keys.Get(k)), found->type(), "argument '" + name + "'");
      }
    }
  }
  for (uint32_t k = 0; k < n; k++) {
    if (k + 1 < schema.size()) {
      out.args.push_back(ToIValue(env, a.Get(k), schema[k + 1].type(), "argument '" + schema[k + 1].name() + "' (position " + std::to_string(k) + ")"));
    } else {
      out.args.push_back(Infer(env, a.Get(k), "argument " + std::to_string(k)));
    }
  }
  return out;
}

// ---- IValue → JS

Napi::Value FromIValue(Napi::Env env, const c10::IValue& x) {
  if (x.isNone()) return env.Null();
  if (x.isTensor()) {
    const at::Tensor& t = x.toTensor();
    return t.defined() ? Wrap(env, t) : env.Null();
  }
  if (x.isBool()) return Napi::Boolean::New(env, x.toBool());
  if (x.isInt()) {
    int64_t i = x.toInt();
    if (i > 9007199254740991LL || i < -9007199254740991LL) return Napi::BigInt::New(env, i);
    return Napi::Number::New(env, static_cast<double>(i));
  }
  if (x.isDouble()) return Napi::Number::New(env, x.toDouble());
  if (x.isString()) return Napi::String::New(env, x.toStringRef());
  if (x.isDevice()) return Napi::String::New(env, x.toDevice().str());
  if (x.isList()) {
    auto items = x.toListRef();
    Napi::Array a = Napi::Array::New(env, items.size());
    for (size_t k = 0; k < items.size(); k++) a.Set(static_cast<uint32_t>(k), FromIValue(env, items[k]));
    return a;
  }
  if (x.isTuple()) {
    const auto& items = x.toTupleRef().elements();
    Napi::Array a = Napi::Array::New(env, items.size());
    for (size_t k = 0; k < items.size(); k++) a.Set(static_cast<uint32_t>(k), FromIValue(env, items[k]));
    env.Global().Get("Object").As<Napi::Object>().Get("freeze").As<Napi::Function>().Call({a});
    return a;
  }
  if (x.isGenericDict()) {
    auto dict = x.toGenericDict();
    if (dict.keyType()->kind() == c10::TypeKind::StringType) {
      Napi::Object o = Napi::Object::New(env);
      // defineProperty, not Set: a key "__proto__" stays a key
      for (const auto& e : dict) {
        o.DefineProperty(Napi::PropertyDescriptor::Value(Napi::String::New(env, e.key().toStringRef()), FromIValue(env, e.value()), napi_default_jsproperty));
      }
      return o;
    }
    Napi::Object m = env.Global().Get("Map").As<Napi::Function>().New({});
    Napi::Function set = m.Get("set").As<Napi::Function>();
    for (const auto& e : dict) set.Call(m, {FromIValue(env, e.key()), FromIValue(env, e.value())});
    return m;
  }
  ThrowTypeError(env, "a TorchScript value of type " + x.type()->annotation_str() + " has no JavaScript equivalent");
}

Napi::Array NamedTensors(Napi::Env env, const std::vector<std::pair<std::string, at::Tensor>>& items) {
  Napi::Array a = Napi::Array::New(env, items.size());
  for (size_t k = 0; k < items.size(); k++) {
    Napi::Array e = Napi::Array::New(env, 2);
    e.Set(0u, Napi::String::New(env, items[k].first));
    e.Set(1u, Wrap(env, items[k].second));
    a.Set(static_cast<uint32_t>(k), e);
  }
  return a;
}

// ---- async calls

class RunWorker : public Napi::AsyncWorker {
 public:
  RunWorker(Napi::Env env, torch::jit::Method method, CallArgs args)
      : Napi::AsyncWorker(env, "torch-node:jit"),
        deferred_(Napi::Promise::Deferred::New(env)),
        method_(std::move(method)),
        args_(std::move(args)),
        grad_(at::GradMode::is_enabled()) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      at::AutoGradMode mode(grad_);  // grad mode is per thread: the caller's
      result_ = method_(std::move(args_.args), args_.kwargs);
    } catch (const c10::Error& e) {
      message_ = e.what_without_backtrace();
    } catch (const std::exception& e) {
      message_ = e.what();
    }
    if (!message_.empty()) SetError(message_);
  }

  // Neither may throw: an exception here would be uncaught in the event loop.
  void OnOK() override {
    Napi::Env env = Env();
    try {
      deferred_.Resolve(FromIValue(env, result_));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
    result_ = c10::IValue();
  }

  void OnError(const Napi::Error&) override { deferred_.Reject(TorchErrorValue(Env(), message_)); }

 private:
  Napi::Promise::Deferred deferred_;
  torch::jit::Method method_;  // holds the module
  CallArgs args_;
  c10::IValue result_;
  std::string message_;
  bool grad_;
};

// torch.jit.load on libuv's thread pool: the file is read and the module built off the event loop.
class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, std::string path, std::shared_ptr<BytesAdapter> bytes, c10::optional<c10::Device> device)
      : Napi::AsyncWorker(env, "torch-node:jit-load"),
        deferred_(Napi::Promise::Deferred::New(env)),
        path_(std::move(path)),
        bytes_(std::move(bytes)),
        device_(device) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      module_ = bytes_ ? torch::jit::load(bytes_, device_) : torch::jit::load(path_, device_);
    } catch (const c10::Error& e) {
      SetError(e.what_without_backtrace());
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }

  void OnOK() override { deferred_.Resolve(ModuleHandle(Env(), *module_)); }
  void OnError(const Napi::Error& e) override { deferred_.Reject(TorchErrorValue(Env(), e.Message())); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_;
  std::shared_ptr<BytesAdapter> bytes_;
  c10::optional<c10::Device> device_;
  c10::optional<Module> module_;
};

// ---- tracing

// A torch::jit::Module mirroring a JS module: spec = { name, training, parameters: [[name, Tensor]],
// buffers: [[name, Tensor]], children: [[name, spec]] }, built by lib/jit/_trace.ts from a validated
// module. The tensors are the JS module's own, so the tracer maps each use of one to its attribute.
Module MirrorModule(Napi::Env env, Napi::Value specValue, const std::shared_ptr<torch::jit::CompilationUnit>& cu) {
  auto bad = [&](const std::string& what) { ThrowTypeError(env, "jitTrace: the module spec's " + what); };
  if (!specValue.IsObject()) bad("entries must be objects");
  Napi::Object spec = specValue.As<Napi::Object>();
  if (!spec.Get("name").IsString()) bad("name must be a string");
  Module m(c10::QualifiedName("__torch__." + spec.Get("name").As<Napi::String>().Utf8Value()), cu, /*shouldMangle=*/true);
  m.register_attribute("training", c10::BoolType::get(), spec.Get("training").ToBoolean().Value());
  auto each = [&](const char* key, auto f) {
    Napi::Value list = spec.Get(key);
    if (!list.IsArray()) bad(std::string(key) + " must be an array of [name, value] pairs");
    Napi::Array items = list.As<Napi::Array>();
    for (uint32_t k = 0; k < items.Length(); k++) {
      Napi::Value item = items.Get(k);
      if (!item.IsArray() || !item.As<Napi::Array>().Get(0u).IsString()) bad(std::string(key) + " must be an array of [name, value] pairs");
      f(item.As<Napi::Array>().Get(0u).As<Napi::String>().Utf8Value(), item.As<Napi::Array>().Get(1u));
    }
  };
  each("parameters", [&](const std::string& name, Napi::Value t) { m.register_parameter(name, Unwrap(env, t, "a parameter"), false); });
  each("buffers", [&](const std::string& name, Napi::Value t) { m.register_buffer(name, Unwrap(env, t, "a buffer")); });
  each("children", [&](const std::string& name, Napi::Value c) { m.register_module(name, MirrorModule(env, c, cu)); });
  return m;
}

// A traced function's output: a Tensor, or (nested) arrays of them as tuples.
c10::IValue TraceOutput(Napi::Env env, Napi::Value v) {
  if (TryHolder(v)) return Unwrap(env, v, "an output");
  if (v.IsArray()) {
    Napi::Array a = v.As<Napi::Array>();
    std::vector<c10::IValue> items;
    for (uint32_t k = 0; k < a.Length(); k++) items.push_back(TraceOutput(env, a.Get(k)));
    return c10::ivalue::Tuple::create(std::move(items));
  }
  ThrowTypeError(env, std::string("torch.jit.trace: the traced forward returned ") + KindOf(v) +
                          "; only Tensors and (nested) arrays of Tensors can be traced");
}


void InitJit(Napi::Env env, Napi::Object exports) {
  // jitLoad(pathOrBuffer, device | null) -> module handle
  Def(env, exports, "jitLoad", [](const Napi::CallbackInfo& info) -> Napi::Value {
    c10::optional<c10::Device> device;
    if (!info[1].IsNull() && !info[1].IsUndefined()) device = c10::Device(Str(info, 1));
    if (info[0].IsBuffer()) {
      auto buf = info[0].As<Napi::Buffer<char>>();
      return ModuleHandle(info.Env(), torch::jit::load(std::make_shared<BytesAdapter>(buf.Data(), buf.Length()), device));
    }
    return ModuleHandle(info.Env(), torch::jit::load(Str(info, 0), device));
  });
  // jitLoadAsync(pathOrBuffer, device | null) -> Promise of a module handle; rejects with libtorch's message
  Def(env, exports, "jitLoadAsync", [](const Napi::CallbackInfo& info) -> Napi::Value {
    c10::optional<c10::Device> device;
    if (!info[1].IsNull() && !info[1].IsUndefined()) device = c10::Device(Str(info, 1));
    std::shared_ptr<BytesAdapter> bytes;
    std::string path;
    if (info[0].IsBuffer()) {
      auto buf = info[0].As<Napi::Buffer<char>>();
      bytes = std::make_shared<BytesAdapter>(buf.Data(), buf.Length());
    } else {
      path = Str(info, 0);
    }
    auto* worker = new LoadWorker(info.Env(), std::move(path), std::move(bytes), device);
    Napi::Promise promise = worker->Promise();
    worker->Queue();
    return promise;
  });
  // jitSaveBytes(m): the module's file, as torch.jit.save writes it (lib/jit writes it atomically)
  Def(env, exports, "jitSaveBytes", [](const Napi::CallbackInfo& info) -> Napi::Value {
    std::ostringstream out;
    Mod(info, 0).save(out);
    std::string bytes = out.str();
    return Napi::Buffer<char>::Copy(info.Env(), bytes.data(), bytes.size());
  });
  // jitTypeName(m): the class's base name (Python's original_name)
  Def(env, exports, "jitTypeName", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::String::New(info.Env(), Mod(info, 0).type()->name()->name());
  });
  // jitMethods(m): the names of the module's methods, in the class's order
  Def(env, exports, "jitMethods", [](const Napi::CallbackInfo& info) -> Napi::Value {
    auto methods = Mod(info, 0).get_methods();
    Napi::Array a = Napi::Array::New(info.Env(), methods.size());
    for (size_t k = 0; k < methods.size(); k++) a.Set(static_cast<uint32_t>(k), Napi::String::New(info.Env(), methods[k].name()));
    return a;
  });
  // jitSchema(m, name): the method's schema, as `forward(__torch__.Net self, Tensor x) -> Tensor`
  Def(env, exports, "jitSchema", [](const Napi::CallbackInfo& info) -> Napi::Value {
    std::ostringstream s;
    s << Mod(info, 0).get_method(Str(info, 1)).function().getSchema();
    return Napi::String::New(info.Env(), s.str());
  });
  // jitCode(m, name): the method's TorchScript source as Python's `m.code` / `m.<name>.code` print it
  Def(env, exports, "jitCode", [](const Napi::CallbackInfo& info) -> Napi::Value {
    auto method = Mod(info, 0).get_method(Str(info, 1));
    std::vector<c10::IValue> constants;
    torch::jit::PrintDepsTable deps;
    torch::jit::PythonPrint pp(constants, deps);
    pp.printMethod(method.function());
    return Napi::String::New(info.Env(), pp.str());
  });
  // jitRun(m, name, args[]) -> the method's result
  Def(env, exports, "jitRun", [](const Napi::CallbackInfo& info) -> Napi::Value {
    auto method = Mod(info, 0).get_method(Str(info, 1));
    CallArgs args = Args(info.Env(), method, info[2]);
    return FromIValue(info.Env(), method(std::move(args.args), args.kwargs));
  });
  // jitRunAsync(m, name, args[]) -> Promise of the result, run on libuv's thread pool
  Def(env, exports, "jitRunAsync", [](const Napi::CallbackInfo& info) -> Napi::Value {
    auto method = Mod(info, 0).get_method(Str(info, 1));
    auto args = Args(info.Env(), method, info[2]);
    auto* worker = new RunWorker(info.Env(), std::move(method), std::move(args));
    Napi::Promise promise = worker->Promise();
    worker->Queue();
    return promise;
  });
  // jitTrace(spec, run, inputs[], strict, argumentNames[]) -> module handle with a traced `forward`;
  // run(tensors[]) calls the JS module's forward on the tracer's input tensors and returns its output.
  Def(env, exports, "jitTrace", [](const Napi::CallbackInfo& info) -> Napi::Value {
    Napi::Env env = info.Env();
    if (!info[1].IsFunction()) ThrowTypeError(env, "jitTrace: run must be a function");
    Napi::Array jsInputs = Arr(info, 2);
    std::vector<std::string> names = Strs(info, 4);
    Module m = MirrorModule(env, info[0], std::make_shared<torch::jit::CompilationUnit>());
    Napi::Function run = info[1].As<Napi::Function>();
    torch::jit::Stack inputs;
    for (uint32_t k = 0; k < jsInputs.Length(); k++) inputs.emplace_back(Unwrap(env, jsInputs.Get(k), "an example input"));
    auto traced = torch::jit::tracer::trace(
        std::move(inputs),
        [&](torch::jit::Stack in) -> torch::jit::Stack {
          Napi::Array args = Napi::Array::New(env, in.size());
          for (size_t k = 0; k < in.size(); k++) args.Set(static_cast<uint32_t>(k), Wrap(env, in[k].toTensor()));
          return {TraceOutput(env, run.Call({args}))};
        },
        [](const torch::autograd::Variable&) { return std::string(); }, Bool(info, 3), /*force_outplace=*/false, &m, names);
    auto fn = m._ivalue()->compilation_unit()->create_function(c10::QualifiedName(*m.type()->name(), "forward"), traced.first->graph);
    m.type()->addMethod(fn);
    return ModuleHandle(env, m);
  });
  // jitTracePushScope(name) / jitTracePopScope(): a submodule's scope while jitTrace records (Python's
  // TracingState.push_scope / pop_scope); the tracer turns each scope into a call of that submodule's method.
  Def(env, exports, "jitTracePushScope", [](const Napi::CallbackInfo& info) -> Napi::Value {
    if (const auto& state = torch::jit::tracer::getTracingState()) state->graph->push_scope(Str(info, 0));
    return info.Env().Undefined();
  });
  Def(env, exports, "jitTracePopScope", [](const Napi::CallbackInfo& info) -> Napi::Value {
    if (const auto& state = torch::jit::tracer::getTracingState()) state->graph->pop_scope();
    return info.Env().Undefined();
  });
  // jitParameters(m) / jitBuffers(m): the module's own [name, tensor] pairs (the slots' tensors themselves)
  Def(env, exports, "jitParameters", [](const Napi::CallbackInfo& info) -> Napi::Value {
    std::vector<std::pair<std::string, at::Tensor>> items;
    for (const auto& p : Mod(info, 0).named_parameters(/*recurse=*/false)) items.emplace_back(p.name, p.value);
    return NamedTensors(info.Env(), items);
  });
  Def(env, exports, "jitBuffers", [](const Napi::CallbackInfo& info) -> Napi::Value {
    std::vector<std::pair<std::string, at::Tensor>> items;
    for (const auto& b : Mod(info, 0).named_buffers(/*recurse=*/false)) items.emplace_back(b.name, b.value);
    return NamedTensors(info.Env(), items);
  });
  // jitChildren(m): [[name, module handle], ...]
  Def(env, exports, "jitChildren", [](const Napi::CallbackInfo& info) -> Napi::Value {
    std::vector<std::pair<std::string, Module>> items;
    for (const auto& c : Mod(info, 0).named_children()) items.emplace_back(c.name, c.value);
    Napi::Array a = Napi::Array::New(info.Env(), items.size());
    for (size_t k = 0; k < items.size(); k++) {
      Napi::Array e = Napi::Array::New(info.Env(), 2);
      e.Set(0u, Napi::String::New(info.Env(), items[k].first));
      e.Set(1u, ModuleHandle(info.Env(), items[k].second));
      a.Set(static_cast<uint32_t>(k), e);
    }
    return a;
  });
  // jitAttributeNames(m): the names of the module's own attributes, in slot order
  Def(env, exports, "jitAttributeNames", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const auto& type = Mod(info, 0).type();
    Napi::Array a = Napi::Array::New(info.Env(), type->numAttributes());
    for (size_t k = 0; k < type->numAttributes(); k++) a.Set(static_cast<uint32_t>(k), Napi::String::New(info.Env(), type->getAttributeName(k)));
    return a;
  });
  // jitGetAttr(m, name)
  Def(env, exports, "jitGetAttr", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return FromIValue(info.Env(), Mod(info, 0).attr(Str(info, 1)));
  });
  // jitSetAttr(m, name, value): the value converted to the attribute's declared type
  Def(env, exports, "jitSetAttr", [](const Napi::CallbackInfo& info) -> Napi::Value {
    Module& m = Mod(info, 0);
    std::string name = Str(info, 1);
    auto slot = m.type()->findAttributeSlot(name);
    if (!slot) ThrowTypeError(info.Env(), "the module has no attribute '" + name + "'");
    const c10::TypePtr& type = m.type()->getAttribute(*slot);
    if (type->kind() == c10::TypeKind::ClassType) ThrowTypeError(info.Env(), "cannot assign to the submodule attribute '" + name + "'");
    m.setattr(name, ToIValue(info.Env(), info[2], type, "'" + name + "'"));
    return info.Env().Undefined();
  });
}

}  // namespace

TORCH_NODE_AREA(InitJit);

}  // namespace torchnode
