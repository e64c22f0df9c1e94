// Per-environment state (one per main thread or worker thread): no statics hold JS state, so the
// addon loads in several worker_threads at once.
#pragma once
#include <napi.h>
#include <v8.h>
#include <cstdint>
#include "recycle.h"

namespace torchnode {

struct TensorHolder;

struct EnvData {
  v8::Isolate* isolate;
  v8::Global<v8::ObjectTemplate> tensorTemplate;  // makes the JS objects that wrap a TensorHolder
  Napi::FunctionReference torchError;      // lib/errors.ts TorchError, registered at load
  TensorHolder* live = nullptr;            // intrusive list of every wrapper of this env
  int64_t liveCount = 0;
  int64_t liveBytes = 0;
  int64_t unreportedBytes = 0;             // external-memory delta not yet told to V8
  RecycleBin recycled;                     // collected small results kept for reuse (recycle.h)

  static EnvData* Get(Napi::Env env) { return env.GetInstanceData<EnvData>(); }
  explicit EnvData(v8::Isolate* isolate);  // starts emptying `recycled` at each GC of the isolate
  ~EnvData();
};

void InitEnv(Napi::Env env, Napi::Object exports);

}  // namespace torchnode
