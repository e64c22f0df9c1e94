#include "recycle.h"
#include <ATen/ATen.h>
#include <c10/core/CPUAllocator.h>
#include <torch/version.h>
#include "env.h"
#include "tensor_holder.h"

namespace torchnode {

namespace {

// Only small results are kept: for big ones the op itself dwarfs the allocation.
constexpr size_t kMaxBytes = 16 * 1024;
// Bounds on what the bin holds between two GCs (the same results were alive just before the first).
constexpr int64_t kMaxCount = 1 << 18;
constexpr int64_t kMaxBinBytes = 32 << 20;

uint64_t Key(at::ScalarType dtype, size_t nbytes) { return (static_cast<uint64_t>(dtype) << 32) | nbytes; }
size_t BytesOfKey(uint64_t key) { return key & 0xffffffffu; }

// A tensor that can become any contiguous result of this dtype and byte size: no one else holds it,
// its storage or a view of it, it carries no autograd state or names, its sizes may be set (not a
// `.data`-style alias), and its memory came from the CPU allocator (not a borrowed buffer).
bool Reusable(const at::Tensor& t, at::ScalarType dtype, size_t nbytes) {
  if (!t.defined() || t.use_count() != 1 || t.weak_use_count() != 1 || t.scalar_type() != dtype) return false;
  c10::TensorImpl* impl = t.unsafeGetTensorImpl();
  if (impl->key_set() != PlainCPUKeys() || impl->autograd_meta()) return false;
  // libtorch 2.x's TensorImpl has no named-tensor metadata (no has_named_tensor_meta in 2.13).
#if TORCH_VERSION_MAJOR < 2
  if (impl->has_named_tensor_meta()) return false;
#endif
  if (impl->is_wrapped_number() || impl->storage_offset() != 0 || !impl->is_contiguous() || !impl->allow_tensor_metadata_change()) return false;
  const c10::Storage& s = impl->storage();
  if (s.nbytes() != nbytes || static_cast<size_t>(impl->numel()) * impl->itemsize() != nbytes) return false;
  return s.use_count() == 1 && s.resizable() && s.allocator() == c10::GetCPUAllocator() &&
         s.data_ptr().get_deleter() == c10::GetCPUAllocator()->raw_deleter();
}

// The bin of a key; the GC collects runs of same-sized results and ops repeat, so the last bin is
// remembered. Null when there is none and `make` is false.
std::vector<TensorHolder*>* BinOf(RecycleBin& r, uint64_t key, bool make) {
  if (key != r.lastKey || !r.lastBin) {
    auto it = r.bins.find(key);
    if (it == r.bins.end() && !make) return nullptr;
    r.lastBin = it == r.bins.end() ? &r.bins[key] : &it->second;
    r.lastKey = key;
  }
  return r.lastBin;
}

TensorHolder* Pop(RecycleBin& r, std::vector<TensorHolder*>& bin) {
  TensorHolder* h = bin.back();
  bin.pop_back();
  r.count--;
  r.bytes -= static_cast<int64_t>(BytesOfKey(h->recycleKey));
  return h;
}

}  // namespace

c10::DispatchKeySet PlainCPUKeys() {
  static const c10::DispatchKeySet keys = [] {
    c10::InferenceMode off(false);
    return at::empty({0}).key_set();
  }();
  return keys;
}

uint64_t RecycleKey(const at::Tensor& t) {
  // A result of autograd (or a leaf that requires grad) is never reusable: its autograd state stays.
  if (!t.defined() || !t.is_cpu() || !t.has_storage() || t.requires_grad()) return 0;
  size_t nbytes = t.storage().nbytes();
  return nbytes == 0 || nbytes > kMaxBytes ? 0 : Key(t.scalar_type(), nbytes);
}

bool Recycle(EnvData* env, TensorHolder* h) {
  RecycleBin& r = env->recycled;
  if (h->recycleKey == 0 || r.count >= kMaxCount || r.bytes + static_cast<int64_t>(BytesOfKey(h->recycleKey)) > kMaxBinBytes) return false;
  BinOf(r, h->recycleKey, true)->push_back(h);
  r.count++;
  r.bytes += static_cast<int64_t>(BytesOfKey(h->recycleKey));
  return true;
}

TensorHolder* TakeRecycled(EnvData* env, at::ScalarType dtype, at::IntArrayRef sizes) {
  RecycleBin& r = env->recycled;
  if (r.count == 0) return nullptr;
  size_t numel = 1;
  for (int64_t s : sizes) numel *= static_cast<size_t>(s);
  size_t nbytes = numel * c10::elementSize(dtype);
  std::vector<TensorHolder*>* bin = BinOf(r, Key(dtype, nbytes), false);
  while (bin && !bin->empty()) {
    TensorHolder* h = Pop(r, *bin);
    if (Reusable(h->tensor, dtype, nbytes)) {
      if (h->tensor.sizes() != sizes) h->tensor.unsafeGetTensorImpl()->set_sizes_contiguous(sizes);
      r.reused++;
      return h;
    }
    delete h;  // a view or a grad of it outlived its JS object
  }
  return nullptr;
}

TensorHolder* TakeHolder(EnvData* env, uint64_t key) {
  RecycleBin& r = env->recycled;
  if (key == 0 || r.count == 0) return nullptr;
  std::vector<TensorHolder*>* bin = BinOf(r, key, false);
  return bin && !bin->empty() ? Pop(r, *bin) : nullptr;
}

void EmptyRecycleBin(EnvData* env) {
  for (auto& bin : env->recycled.bins) {
    for (TensorHolder* h : bin.second) delete h;
  }
  env->recycled.bins.clear();
  env->recycled.count = 0;
  env->recycled.bytes = 0;
  env->recycled.lastBin = nullptr;
}

}  // namespace torchnode
