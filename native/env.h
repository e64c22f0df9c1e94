// Per-environment state (one per main thread or worker thread): no statics hold JS state, so the
// addon loads in several worker_threads at once.
#pragma once
#include <napi.h>
#include <v8.h>
#include <ATen/core/Generator.h>
#include <c10/core/Storage.h>
#include <c10/util/Optional.h>
#include <cstdint>
#include <unordered_map>
#include "recycle.h"

namespace torchnode {

struct TensorHolder;

// A storage that several wrappers of this environment may share (tensor_holder.cc): liveBytes
// counts it once, however many wrappers (views, aliases, each read of `p.grad`) hold it.
struct StorageCount {
  explicit StorageCount(const c10::Storage& s) : storage(s.getWeakStorageImpl()) {}
  // Keeps the StorageImpl's address from being reused by a new storage while it is a key here (its
  // data is freed as usual when the last strong reference goes).
  c10::weak_intrusive_ptr<c10::StorageImpl> storage;
  int64_t live = 0;   // wrappers counted here
  int64_t bytes = 0;  // what liveBytes counts for it
};
using StorageCounts = std::unordered_map<c10::StorageImpl*, StorageCount>;

struct EnvData {
  v8::Isolate* isolate;
  v8::Global<v8::ObjectTemplate> tensorTemplate;  // makes the JS objects that wrap a TensorHolder
  Napi::FunctionReference torchError;      // lib/errors.ts TorchError, registered at load
  TensorHolder* live = nullptr;            // intrusive list of every wrapper of this env
  int64_t liveCount = 0;
  int64_t liveBytes = 0;                   // of the storages live wrappers hold, each once
  StorageCounts storages;                  // the shared ones (tensor_holder.cc)
  TensorHolder* tabled = nullptr;          // `live` from here on has no holder that counts alone
  int64_t freshBytes = 0;                  // of liveBytes, those of results counted alone since the last GC
  int64_t reportedBytes = 0;               // the external memory told to V8 (tensor_holder.cc)
  uint64_t gcCount = 0;                    // GCs of the isolate so far
  RecycleBin recycled;                     // collected small results kept for reuse (recycle.h)
  int64_t wrapsSinceGC = 0;                // wrappers made since the isolate's last GC (tensor_holder.cc)
  int64_t bytesSinceGC = 0;                // the bytes of the fresh results among them
  // A DataLoader worker's own default CPU generator (Python seeds each worker *process*'s default
  // generator with base_seed + id); unset elsewhere, where libtorch's process-wide one is the default.
  c10::optional<at::Generator> defaultGenerator;

  static EnvData* Get(Napi::Env env) { return env.GetInstanceData<EnvData>(); }
  explicit EnvData(v8::Isolate* isolate);  // starts emptying `recycled` at each GC of the isolate
  ~EnvData();
};

// The generator for a random op called without one: this environment's own where it has one,
// nullopt (libtorch's process-wide default) elsewhere.
inline const c10::optional<at::Generator>& EnvGenerator(Napi::Env env) { return EnvData::Get(env)->defaultGenerator; }

void InitEnv(Napi::Env env, Napi::Object exports);

}  // namespace torchnode
