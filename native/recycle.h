// Recycling of small results. Op-heavy JS code (`a.add(b).mul(c)`) makes results that die young; the GC
// collects them in batches of thousands, and freeing each one's TensorImpl, StorageImpl and data
// through glibc's slow paths (its per-size caches hold 7 chunks), then allocating fresh ones for the
// next ops, was about a third of a small op's time. A collected small CPU tensor that nothing else
// references goes into this bin instead, keyed by dtype and byte size, and the next elementwise op
// with a result of that dtype and size writes into it (ops_direct.h). What is still unused when the
// next GC starts is freed then: the bin holds at most one GC cycle's worth of dead results.
#pragma once
#include <ATen/core/Tensor.h>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace torchnode {

struct EnvData;
struct TensorHolder;

struct RecycleBin {
  std::unordered_map<uint64_t, std::vector<TensorHolder*>> bins;  // RecycleKey → holders
  int64_t count = 0;
  int64_t bytes = 0;     // of their storages
  int64_t reused = 0;    // results written into a recycled tensor, since the environment began
  uint64_t lastKey = 0;  // the GC collects runs of same-sized results: the last bin saves a lookup
  std::vector<TensorHolder*>* lastBin = nullptr;
  // Whether small ops take the direct path (ops_direct.h), the one that writes into this bin; off
  // (torch._C._setDirectOps(false)), every op goes through the dispatcher.
  bool directOps = true;
};

// The dispatch keys of a plain dense CPU tensor made outside inference mode (CPU, ADInplaceOrView,
// AutogradCPU): a result made in inference mode, a quantized, sparse or conjugate one has others.
c10::DispatchKeySet PlainCPUKeys();

// The bin a tensor goes to when it is collected, from its dtype and storage size; 0 for one that is
// never kept (not on the CPU, too big). Taken when the tensor is wrapped, while its memory is in the
// cache: the collection itself then touches only the holder.
uint64_t RecycleKey(const at::Tensor& t);
// Keeps a collected holder (its JS object is gone) for reuse; false when it has no bin or the bin is full.
bool Recycle(EnvData* env, TensorHolder* h);
// A recycled holder whose tensor has this dtype and sizes (set here, contiguous), or nullptr. Whether
// the tensor may really be reused (no one else holds it or its storage) is checked here.
TensorHolder* TakeRecycled(EnvData* env, at::ScalarType dtype, at::IntArrayRef sizes);
// A holder from the bin of this key whose dead tensor the caller replaces with a new result of the
// same dtype and size, or nullptr. Results of ops that cannot reuse a tensor (anything dispatched)
// free one of their kind each this way, as Python frees each result before the next op allocates:
// glibc's per-size caches then serve every allocation, instead of the GC's batch of thousands of
// frees overflowing them (and the bin holding on to garbage until the next GC).
TensorHolder* TakeHolder(EnvData* env, uint64_t key);
// Frees everything in the bin.
void EmptyRecycleBin(EnvData* env);

}  // namespace torchnode
