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

void Account(EnvData* env, int64_t delta) { env->liveBytes += delta; }

// liveBytes (and the external memory V8 is told of) counts each storage once, while at least one
// live wrapper of this environment holds it. Counting per wrapper made every read of a big gradient
// look like a new allocation of its size; counting a storage only with the wrapper that brought it
// in lost it when that wrapper died before a view of it.
//
// A wrapper whose tensor and storage nothing else references when it is made (a fresh result: almost
// every wrapper) counts its storage alone, at no cost beyond two reference counts read. Any other
// (a view, an alias, `p.grad`, a module's parameter) is counted in env->storages, per storage: the
// first adds its bytes, the last to go takes them out. Before such a lookup, the wrappers made alone
// since the last one join the table (Table), so a storage they share with the new one is found
// there: each wrapper enters it at most once, and loops of small ops never touch it.

// Counts a holder's storage in env->storages, as one more wrapper of it.
void CountShared(EnvData* env, TensorHolder* h, const c10::Storage& storage, int64_t nbytes) {
  StorageCount& count = env->storages.try_emplace(storage.unsafeGetStorageImpl(), storage).first->second;
  if (count.live++ == 0) {
    count.bytes = nbytes;
    Account(env, nbytes);
  } else if (count.bytes != nbytes) {  // resized in place since it was counted
    Account(env, nbytes - count.bytes);
    count.bytes = nbytes;
  }
  h->counted = storage.unsafeGetStorageImpl();
  h->alone = false;
}

void UncountStorage(EnvData* env, TensorHolder* h) {
  if (!h->counted) return;
  if (h->alone) {
    Account(env, -h->bytes);
    if (h->gcEpoch == env->gcCount) env->freshBytes -= h->bytes;
  } else {
    auto it = env->storages.find(h->counted);
    if (it != env->storages.end() && --it->second.live == 0) {
      Account(env, -it->second.bytes);
      env->storages.erase(it);
    }
  }
  h->counted = nullptr;
  h->alone = false;
}

// Moves the holders that count alone and were wrapped since the last call (they are first in
// env->live, newest first) into env->storages.
void Table(EnvData* env) {
  for (TensorHolder* h = env->live; h && h != env->tabled; h = h->next) {
    if (!h->alone) continue;
    UncountStorage(env, h);
    const c10::Storage& storage = h->tensor.unsafeGetTensorImpl()->unsafe_storage();
    if (storage) CountShared(env, h, storage, static_cast<int64_t>(storage.nbytes()));
  }
  env->tabled = env->live;
}

// `fresh`: h was just linked at the head of env->live, where a holder may count alone (in the part
// Table has passed, none does).
void CountStorage(EnvData* env, TensorHolder* h, bool fresh) {
  const c10::Storage& storage = h->tensor.unsafeGetTensorImpl()->unsafe_storage();
  if (!storage) return;  // no storage (sparse, nested)
  const int64_t nbytes = static_cast<int64_t>(storage.nbytes());
  if (fresh && h->tensor.use_count() == 1 && storage.use_count() == 1) {
    // No other tensor references the storage, so no other wrapper holds it.
    h->counted = storage.unsafeGetStorageImpl();
    h->alone = true;
    h->bytes = nbytes;
    h->gcEpoch = env->gcCount;
    Account(env, nbytes);
    env->freshBytes += nbytes;
    env->bytesSinceGC += nbytes;
    return;
  }
  Table(env);
  CountShared(env, h, storage, nbytes);
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
  if (env->tabled == h) env->tabled = h->next;
}

// Forgets a holder's tensor in the counters (on dispose or collection, whichever comes first).
void Forget(TensorHolder* h) {
  if (!h->tensor.defined()) return;
  UncountStorage(h->env, h);
  h->env->liveCount--;
}

// What V8 is told of: the bytes held by wrappers that have lived through a GC, at a quarter of their
// size. V8 counts external memory grown since its last full GC against its old generation's
// headroom, which for a small JS heap is some 9 MB: the items of a DataLoader batch (442 KB each in
// bench/loader_dataset.js) outlive two of Rewrap's scavenges, get promoted, and once dead only a full
// GC frees them, so V8 ran a concurrent mark-compact every ~10 items, 15-25% of the CPU time of
// bench/workloads.js 'loader-0' and 'loader-2' (per-thread CPU, 3-epoch runs: 23 full GCs and
// 860-910 ms of CPU per epoch at full size, 8-9 and ~700 ms at a quarter). A full GC then comes
// after some 36 MB of such garbage, and V8's hard limit (64 MB above the last full GC's level)
// after 256 MB. Fresh results are not reported at all: Rewrap's own trigger
// (kBytesPerScavenge) bounds them, and reporting them counted dead young garbage as growth.
constexpr int64_t kReportScale = 4;

void ReportExternalMemory(EnvData* env) {
  const int64_t delta = (env->liveBytes - env->freshBytes) / kReportScale - env->reportedBytes;
  if (delta > kReportThreshold || delta < -kReportThreshold) {
    env->isolate->AdjustAmountOfExternalAllocatedMemory(delta);
    env->reportedBytes += delta;
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
void OnGCPrologue(v8::Isolate*, v8::GCType, v8::GCCallbackFlags, void* data) {
  auto* env = static_cast<EnvData*>(data);
  env->wrapsSinceGC = 0;
  env->bytesSinceGC = 0;
  env->freshBytes = 0;  // what is not collected now has lived through a GC: reported from now on
  env->gcCount++;
  EmptyRecycleBin(env);
}

// A result that JS drops is freed when V8's next scavenge finds its wrapper dead, and V8 scavenges
// when its young generation (up to 16 MB of JS objects) fills: some 80,000 small-op results, or a
// few hundred MB of batch-sized ones, wait dead in between. Their memory is cold by then, so
// allocating and freeing cost several times what Python's immediate frees cost, and glibc keeps the
// heap that the piles grew. After this many wrappers, or this many bytes of fresh results, Rewrap
// asks for a scavenge itself (measured in bench/ops.js: a 10-element add 1.62 -> 0.84 us, atan2
// 2.27 -> 2.04 us). A scavenge costs what survives it, and few wrappers do.
constexpr int64_t kWrapsPerScavenge = 4096;
constexpr int64_t kBytesPerScavenge = 32 << 20;

}  // namespace

EnvData::EnvData(v8::Isolate* isolate) : isolate(isolate) {
  // Added here and removed in the destructor, so the two always pair: V8 removes a callback that was
  // never added by writing past the end of its list (a worker terminated while it loaded the addon,
  // after its EnvData was made but before a later Init added the callback, corrupted the heap so).
  isolate->AddGCPrologueCallback(OnGCPrologue, this);
  // Lets Rewrap request scavenges. Its one other effect: contexts made from now on (vm's) get V8's
  // `gc` function, as under `node --expose-gc`.
  static const char kExposeGC[] = "--expose-gc";
  v8::V8::SetFlagsFromString(kExposeGC, sizeof(kExposeGC) - 1);
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
  if (++data->wrapsSinceGC > kWrapsPerScavenge || data->bytesSinceGC > kBytesPerScavenge) {
    // V8's only call for a minor GC; it needs the --expose-gc flag, which EnvData sets.
    isolate->RequestGarbageCollectionForTesting(v8::Isolate::kMinorGarbageCollection);
  }
  v8::Local<v8::Object> obj;
  // Empty only when JS execution is being terminated (worker.terminate()): no object can be made.
  if (!data->tensorTemplate.Get(isolate)->NewInstance(isolate->GetCurrentContext()).ToLocal(&obj)) {
    delete h;
    throw Napi::Error();
  }
  h->env = data;
  obj->SetAlignedPointerInInternalField(0, h);
  obj->SetAlignedPointerInInternalField(1, const_cast<char*>(&kTag));
  h->self.Reset(isolate, obj);
  h->self.SetWeak(h, OnCollected, v8::WeakCallbackType::kParameter);
  Link(data, h);
  data->liveCount++;
  if (h->tensor.defined()) CountStorage(data, h, true);
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

Napi::Value WrapResult(const Napi::CallbackInfo& info, at::Tensor t) {
  // A fresh result has no other reference; an argument's tensor has its wrapper's too.
  if (t.defined() && t.use_count() > 1) {
    for (size_t i = 0; i < info.Length(); i++) {
      TensorHolder* h = TryHolder(info[i]);
      if (h && h->tensor.unsafeGetTensorImpl() == t.unsafeGetTensorImpl()) return info[i];
    }
  }
  return Wrap(info.Env(), std::move(t));
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

void Recount(TensorHolder* h) {
  if (!h->tensor.defined()) return;
  UncountStorage(h->env, h);
  CountStorage(h->env, h, false);
  ReportExternalMemory(h->env);
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
  Def(env, exports, "memoryStats", [](const Napi::CallbackInfo& info) -> Napi::Value {
    EnvData* d = EnvData::Get(info.Env());
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("liveTensors", Napi::Number::New(info.Env(), static_cast<double>(d->liveCount)));
    o.Set("liveBytes", Napi::Number::New(info.Env(), static_cast<double>(d->liveBytes)));
    o.Set("recycledTensors", Napi::Number::New(info.Env(), static_cast<double>(d->recycled.count)));
    o.Set("reusedTensors", Napi::Number::New(info.Env(), static_cast<double>(d->recycled.reused)));
    return o;
  });
}

}  // namespace torchnode
