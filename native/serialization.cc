// Storage-level helpers for torch.load / torch.save (lib/serialization): a .pth file stores whole
// storages and rebuilds each tensor as a strided view into one, so that views and tensors that share
// a storage stay sharing. Bounds are checked in TypeScript before asStrided is called.
//
// torch.saveAsync / torch.loadAsync do their file work on libuv's thread pool with libtorch's own zip
// reader and writer (caffe2::serialize::PyTorchStream*, what Python's torch.save and torch.load use):
// the pickle is made and read in TypeScript, the storages' bytes never touch the event loop.
#include <ATen/ATen.h>
#include <caffe2/serialize/inline_container.h>
#include <fcntl.h>
#include <unistd.h>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>
#include "args.h"
#include "registry.h"

namespace torchnode {
namespace {

// Runs `work` on libuv's thread pool and settles a Promise: `done` makes the value on the main thread.
class FileWorker : public Napi::AsyncWorker {
 public:
  FileWorker(Napi::Env env, std::function<void()> work, std::function<Napi::Value(Napi::Env)> done)
      : Napi::AsyncWorker(env, "torch-node:serialization"), deferred_(Napi::Promise::Deferred::New(env)), work_(std::move(work)), done_(std::move(done)) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override {
    try {
      work_();
    } catch (const c10::Error& e) {
      SetError(e.what_without_backtrace());
    } catch (const std::exception& e) {
      SetError(e.what());
    }
  }
  void OnOK() override {
    try {
      deferred_.Resolve(done_(Env()));
    } catch (const Napi::Error& e) {
      deferred_.Reject(e.Value());
    }
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(TorchErrorValue(Env(), e.Message())); }

 private:
  Napi::Promise::Deferred deferred_;
  std::function<void()> work_;
  std::function<Napi::Value(Napi::Env)> done_;
};

// A record to write: bytes from JS (the pickle) or a tensor whose whole storage is the record.
struct Record {
  std::string name;
  std::string bytes;
  at::Tensor tensor;
  bool whole = false;
};

}  // namespace

void InitSerialization(Napi::Env env, Napi::Object exports) {
  // asStrided(t, size, stride, storageOffset): torch.as_strided, a view into t's storage.
  Def(env, exports, "asStrided", [](const Napi::CallbackInfo& info) {
    return Out(info, at::as_strided(T(info, 0), Ints(info, 1), Ints(info, 2), Int(info, 3)));
  });
  // bytesView(t): an ArrayBuffer over a contiguous CPU tensor's own memory (no copy), which keeps the
  // tensor's storage alive until it is collected. torch.load reads storages from the file straight
  // into their tensors through it.
  Def(env, exports, "bytesView", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    if (!t.device().is_cpu() || !t.is_contiguous()) ThrowTypeError(info.Env(), "bytesView: the tensor must be contiguous and on the CPU");
    const size_t nbytes = static_cast<size_t>(t.numel()) * t.element_size();
    if (nbytes == 0) return Napi::ArrayBuffer::New(info.Env(), 0);
    return Napi::ArrayBuffer::New(info.Env(), t.data_ptr(), nbytes, [](Napi::Env, void*, at::Tensor* keep) { delete keep; }, new at::Tensor(t));
  });
  // storageKey(t): a number that is equal for tensors sharing one storage (the StorageImpl address).
  Def(env, exports, "storageKey", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    auto key = reinterpret_cast<std::uintptr_t>(t.storage().unsafeGetStorageImpl());
    return Napi::Number::New(info.Env(), static_cast<double>(key));
  });
  // storageNbytes(t): the byte size of the whole storage under t.
  Def(env, exports, "storageNbytes", [](const Napi::CallbackInfo& info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(T(info, 0).storage().nbytes()));
  });
  // storageBytes(t): a copy of the whole storage under t (every byte, not only t's elements), on the CPU.
  Def(env, exports, "storageBytes", [](const Napi::CallbackInfo& info) -> Napi::Value {
    const at::Tensor& t = T(info, 0);
    const int64_t itemsize = static_cast<int64_t>(t.element_size());
    const int64_t numel = static_cast<int64_t>(t.storage().nbytes()) / itemsize;
    at::Tensor whole = at::empty({0}, t.options().requires_grad(false));
    whole.set_(t.storage(), 0, {numel}, {1});
    whole = whole.to(at::kCPU);
    const size_t nbytes = static_cast<size_t>(numel * itemsize);
    Napi::ArrayBuffer buf = Napi::ArrayBuffer::New(info.Env(), nbytes);
    if (nbytes) std::memcpy(buf.Data(), whole.data_ptr(), nbytes);
    return buf;
  });
  // writeArchiveAsync(path, names[], datas[], wholes[]) -> Promise: writes the zip archive at path (whose
  // base name, less its extension, names the archive's top folder, as Python's torch.save does): per
  // record a Buffer's bytes, or a tensor's elements (contiguous), or its whole storage when wholes[k];
  // then "version" and the zip directory; flushed to the disk.
  Def(env, exports, "writeArchiveAsync", [](const Napi::CallbackInfo& info) -> Napi::Value {
    auto records = std::make_shared<std::vector<Record>>();
    std::string path = Str(info, 0);
    std::vector<std::string> names = Strs(info, 1);
    Napi::Array datas = Arr(info, 2);
    Napi::Array wholes = Arr(info, 3);
    if (datas.Length() != names.size() || wholes.Length() != names.size()) ThrowTypeError(info.Env(), "writeArchiveAsync: names, datas and wholes must have the same length");
    for (uint32_t k = 0; k < names.size(); k++) {
      Record r{names[k], {}, {}, wholes.Get(k).ToBoolean().Value()};
      Napi::Value d = datas.Get(k);
      if (d.IsBuffer()) r.bytes.assign(d.As<Napi::Buffer<char>>().Data(), d.As<Napi::Buffer<char>>().Length());
      else r.tensor = Unwrap(info.Env(), d, "a record");
      records->push_back(std::move(r));
    }
    auto* worker = new FileWorker(
        info.Env(),
        [records, path]() {
          {
            caffe2::serialize::PyTorchStreamWriter writer(path);
            for (const Record& r : *records) {
              if (!r.tensor.defined()) {
                writer.writeRecord(r.name, r.bytes.data(), r.bytes.size());
                continue;
              }
              at::Tensor data;
              if (r.whole) {
                const int64_t numel = static_cast<int64_t>(r.tensor.storage().nbytes()) / static_cast<int64_t>(r.tensor.element_size());
                data = at::empty({0}, r.tensor.options().requires_grad(false));
                data.set_(r.tensor.storage(), 0, {numel}, {1});
                data = data.to(at::kCPU);
              } else {
                data = r.tensor.detach().to(at::kCPU).contiguous();
              }
              writer.writeRecord(r.name, data.data_ptr(), static_cast<size_t>(data.numel()) * data.element_size());
            }
            writer.writeEndOfFile();
          }
          int fd = ::open(path.c_str(), O_RDONLY);
          if (fd < 0 || ::fsync(fd) != 0) {
            if (fd >= 0) ::close(fd);
            throw std::runtime_error("could not flush " + path + " to the disk");
          }
          ::close(fd);
        },
        [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
    Napi::Promise promise = worker->Promise();
    worker->Queue();
    return promise;
  });
  // readArchiveAsync(path) -> Promise of [[name, uint8 tensor of the record's bytes], ...], every
  // record of a zip archive (names without the top folder), read on the thread pool.
  Def(env, exports, "readArchiveAsync", [](const Napi::CallbackInfo& info) -> Napi::Value {
    auto records = std::make_shared<std::vector<std::pair<std::string, at::Tensor>>>();
    std::string path = Str(info, 0);
    auto* worker = new FileWorker(
        info.Env(),
        [records, path]() {
          caffe2::serialize::PyTorchStreamReader reader(path);
          for (const std::string& name : reader.getAllRecords()) {
            auto record = reader.getRecord(name);
            const size_t n = std::get<1>(record);
            at::Storage storage(at::Storage::use_byte_size_t(), n, std::move(std::get<0>(record)), nullptr, false);
            at::Tensor t = at::empty({0}, at::kByte);
            t.set_(storage, 0, {static_cast<int64_t>(n)}, {1});
            records->emplace_back(name, std::move(t));
          }
        },
        [records](Napi::Env env) -> Napi::Value {
          Napi::Array a = Napi::Array::New(env, records->size());
          for (size_t k = 0; k < records->size(); k++) {
            Napi::Array e = Napi::Array::New(env, 2);
            e.Set(0u, Napi::String::New(env, (*records)[k].first));
            e.Set(1u, Wrap(env, (*records)[k].second));
            a.Set(static_cast<uint32_t>(k), e);
          }
          records->clear();
          return a;
        });
    Napi::Promise promise = worker->Promise();
    worker->Queue();
    return promise;
  });
}

TORCH_NODE_AREA(InitSerialization);

}  // namespace torchnode
