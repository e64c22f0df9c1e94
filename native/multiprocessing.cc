// Handing tensors between worker threads without copying their data (torch.multiprocessing's
// reductions, for threads). Python's DataLoader workers move a batch's storage into shared memory and
// rebuild a tensor over it in the main process; worker_threads share one address space, so a tensor
// here is parked in a process-wide table under a number, and the thread that receives the number
// takes it out: the same at::Tensor (same storage, no copy), now wrapped in that thread's JS
// environment. A number that is not in the table (never given, already taken, forged) is an error,
// not a crash. The table is deliberately process-wide (it is how threads meet), guarded by a mutex.
#include <ATen/ATen.h>
#include <atomic>
#include <mutex>
#include <unordered_map>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

struct SharedTable {
  std::mutex mutex;
  std::unordered_map<int64_t, at::Tensor> tensors;
  int64_t next = 1;
};

SharedTable& Table() {
  static SharedTable* table = new SharedTable();  // never destroyed: threads may outlive static destruction
  return *table;
}

int64_t IdArg(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsNumber()) ThrowTypeError(info.Env(), "a shared tensor id must be a number");
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!(d >= 1 && d <= 9007199254740991.0) || static_cast<double>(static_cast<int64_t>(d)) != d) {
    ThrowRangeError(info.Env(), "a shared tensor id must be a positive integer");
  }
  return static_cast<int64_t>(d);
}

}  // namespace

void InitMultiprocessing(Napi::Env env, Napi::Object exports) {
  // shareTensor(t): parks t (the tensor itself, sharing its storage) and returns its number.
  Def(env, exports, "shareTensor", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    SharedTable& table = Table();
    std::lock_guard<std::mutex> lock(table.mutex);
    int64_t id = table.next++;
    table.tensors.emplace(id, t);
    return Napi::Number::New(info.Env(), static_cast<double>(id));
  });
  // adoptTensor(id): takes the parked tensor out of the table, wrapped for the calling thread.
  Def(env, exports, "adoptTensor", [](const Napi::CallbackInfo& info) -> Napi::Value {
    int64_t id = IdArg(info, 0);
    at::Tensor t;
    {
      SharedTable& table = Table();
      std::lock_guard<std::mutex> lock(table.mutex);
      auto it = table.tensors.find(id);
      if (it == table.tensors.end()) ThrowRangeError(info.Env(), "no shared tensor has id " + std::to_string(id) + " (never shared, or already adopted or released)");
      t = std::move(it->second);
      table.tensors.erase(it);
    }
    return Out(info, std::move(t));
  });
  // releaseSharedTensor(id): drops a parked tensor nobody will adopt; false if it was not there.
  Def(env, exports, "releaseSharedTensor", [](const Napi::CallbackInfo& info) -> Napi::Value {
    int64_t id = IdArg(info, 0);
    SharedTable& table = Table();
    std::lock_guard<std::mutex> lock(table.mutex);
    return Napi::Boolean::New(info.Env(), table.tensors.erase(id) > 0);
  });
  // sharedTensorCount(): how many tensors are parked (a leak check for tests).
  Def(env, exports, "sharedTensorCount", [](const Napi::CallbackInfo& info) -> Napi::Value {
    SharedTable& table = Table();
    std::lock_guard<std::mutex> lock(table.mutex);
    return Napi::Number::New(info.Env(), static_cast<double>(table.tensors.size()));
  });
  // dataPtr(t): the address of t's first element, as a bigint (tests check that no copy was made).
  Def(env, exports, "tensorDataPtr", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::BigInt::New(info.Env(), static_cast<uint64_t>(reinterpret_cast<uintptr_t>(T(info, 0).data_ptr())));
  });
}

TORCH_NODE_AREA(InitMultiprocessing);

}  // namespace torchnode
