#include "tensor_holder.h"
#include <ATen/core/Tensor.h>
#include "errors.h"
#include "recycle.h"

namespace torchnode {

namespace {

// Marks objects made by Wrap(): a foreign object with two internal fields must not be taken for ours.
// V8 stores only aligned pointers in internal fields.
alignas(8) const char kTag = 0;

// Below this much unreported external memory V8 is not told (each report is a call into the heap).
constexpr int64_t kReportThreshold = 256 * 1024;

// A storage is counted by the wrapper that brings it in: a fresh result owns its storage alone, a
// view (select, narrow, a parameter's alias) shares one that is already counted. Counting views too
// made V8 see megabytes of new external memory per row of a big tensor and collect after every few.
int64_t BytesOf(const at::Tensor& t) {
  if (!t.defined() || !t.has_storage()) return 0;
  const c10::Storage& storage = t.storage();
  if (storage.use_count() > 1) return 0;
  return static_cast<int64_t>(storage.nbytes());
}

void Link(EnvData* env, TensorHolder* h) {
  h->prev = nullptr;
  h->next = env->live;
  if (env->live) env->live->prev = h;
  env->live = h;
}

void Unlink(EnvData* env, TensorHolder* h) {
  if (h->prev) h->prev->next = h->next; else env->live = h->next;
  if (h->next) h->next->prev = h->prev;
}

void Account(EnvData* env, int64_t delta) {
  env->liveBytes += delta;
  env->unreportedBytes += delta;
}

// Forgets a holder's tensor in the counters (on dispose or collection, whichever comes first).
void Forget(TensorHolder* h) {
  if (!h->tensor.defined()) return;
  Account(h->env, -h->bytes);
  h->env->liveCount--;
  h->bytes = 0;
}

void ReportExternalMemory(EnvData* env) {
  if (env->unreportedBytes > kReportThreshold || env->unreportedBytes < -kReportThreshold) {
    env->isolate->AdjustAmountOfExternalAllocatedMemory(env->unreportedBytes);
    env->unreportedBytes = 0;
  }
}

// Runs inside the GC (first pass): it may free native memory but must not call into V8 beyond Reset.
void OnCollected(const v8::WeakCallbackInfo<TensorHolder>& info) {
  TensorHolder* h = info.GetParameter();
  h->self.Reset();
  Forget(h);
  Unlink(h->env, h);
  if (!Recycle(h->env, h)) delete h;
}

// Frees what the recycle bin kept from the last GC and no op has reused since.
void OnGCPrologue(v8::Isolate*, v8::GCType, v8::GCCallbackFlags, void* data) { EmptyRecycleBin(static_cast<EnvData*>(data)); }

}  // namespace

EnvData::EnvData(v8::Isolate* isolate) : isolate(isolate) {
  // Added here and removed in the destructor, so the two always pair: V8 removes a callback that was
  // never added by writing past the end of its list (a worker terminated while it loaded the addon,
  // after its EnvData was made but before a later Init added the callback, corrupted the heap so).
  isolate->AddGCPrologueCallback(OnGCPrologue, this);
}

EnvData::~EnvData() {
  // The environment is going away (process exit or worker termination): the GC will not run the
  // callbacks of what is left, so free it here while the isolate still exists.
  while (live) {
    TensorHolder* h = live;
    Unlink(this, h);
    h->self.Reset();
    delete h;
  }
  EmptyRecycleBin(this);
  isolate->RemoveGCPrologueCallback(OnGCPrologue, this);
  tensorTemplate.Reset();
}

Napi::Value Rewrap(Napi::Env env, EnvData* data, TensorHolder* h) {
  v8::Isolate* isolate = data->isolate;
  v8::Local<v8::Object> obj;
  // Empty only when JS execution is being terminated (worker.terminate()): no object can be made.
  if (!data->tensorTemplate.Get(isolate)->NewInstance(isolate->GetCurrentContext()).ToLocal(&obj)) {
    delete h;
    throw Napi::Error();
  }
  h->env = data;
  h->bytes = BytesOf(h->tensor);
  obj->SetAlignedPointerInInternalField(0, h);
  obj->SetAlignedPointerInInternalField(1, const_cast<char*>(&kTag));
  h->self.Reset(isolate, obj);
  h->self.SetWeak(h, OnCollected, v8::WeakCallbackType::kParameter);
  Link(data, h);
  data->liveCount++;
  Account(data, h->bytes);
  ReportExternalMemory(data);
  return Napi::Value(env, FromV8(obj));
}

Napi::Value Wrap(Napi::Env env, at::Tensor tensor) {
  EnvData* data = EnvData::Get(env);
  uint64_t key = RecycleKey(tensor);
  TensorHolder* h = TakeHolder(data, key);
  if (!h) h = new TensorHolder();
  h->tensor = std::move(tensor);  // frees the dead tensor the holder had, if any (recycle.h)
  h->recycleKey = key;
  return Rewrap(env, data, h);
}

void Discard(TensorHolder* h) { delete h; }

TensorHolder* TryHolder(napi_value v) {
  v8::Local<v8::Value> value = ToV8(v);
  if (!value->IsObject()) return nullptr;
  v8::Local<v8::Object> obj = value.As<v8::Object>();
  if (obj->InternalFieldCount() != 2) return nullptr;
  if (obj->GetAlignedPointerFromInternalField(1) != &kTag) return nullptr;
  return static_cast<TensorHolder*>(obj->GetAlignedPointerFromInternalField(0));
}

at::Tensor& Unwrap(Napi::Env env, napi_value v, const char* what) {
  TensorHolder* h = TryHolder(v);
  if (!h) ThrowTypeError(env, std::string(what) + " must be a Tensor");
  if (!h->tensor.defined()) ThrowTypeError(env, std::string(what) + " is a disposed Tensor: its memory was freed by dispose()");
  return h->tensor;
}

void Release(TensorHolder* h) {
  Forget(h);
  h->tensor = at::Tensor();
  h->recycleKey = 0;
}

void InitTensorHolder(Napi::Env env, Napi::Object exports) {
  EnvData* data = EnvData::Get(env);
  v8::Isolate* isolate = data->isolate;
  v8::Local<v8::FunctionTemplate> tmpl = v8::FunctionTemplate::New(isolate);
  tmpl->SetClassName(v8::String::NewFromUtf8Literal(isolate, "Tensor"));
  tmpl->InstanceTemplate()->SetInternalFieldCount(2);
  v8::Local<v8::Function> ctor;
  // Empty only when the worker loading the addon is being terminated.
  if (!tmpl->GetFunction(isolate->GetCurrentContext()).ToLocal(&ctor)) throw Napi::Error();
  data->tensorTemplate.Reset(isolate, tmpl->InstanceTemplate());
  // lib/tensor.ts puts its Tensor class on this constructor's prototype chain.
  exports.Set("NativeTensor", Napi::Value(env, FromV8(ctor)));

  Def(env, exports, "dispose", [](const Napi::CallbackInfo& info) -> Napi::Value {
    TensorHolder* h = TryHolder(info[0]);
    if (!h) ThrowTypeError(info.Env(), "dispose: not a Tensor");
    Release(h);
    return info.Env().Undefined();
  });
  Def(env, exports, "isDisposed", [](const Napi::CallbackInfo& info) -> Napi::Value {
    TensorHolder* h = TryHolder(info[0]);
    return Napi::Boolean::New(info.Env(), !h || !h->tensor.defined());
  });
  Def(env, exports, "isTensor", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), TryHolder(info[0]) != nullptr);
  });
  Def(env, exports, "memoryStats", [](const Napi::CallbackInfo& info) -> Napi::Value {
    EnvData* d = EnvData::Get(info.Env());
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("liveTensors", Napi::Number::New(info.Env(), static_cast<double>(d->liveCount)));
    o.Set("liveBytes", Napi::Number::New(info.Env(), static_cast<double>(d->liveBytes)));
    o.Set("recycledTensors", Napi::Number::New(info.Env(), static_cast<double>(d->recycled.count)));
    return o;
  });
}

}  // namespace torchnode
