// torch.distributed: thin bindings over libtorch's c10d (stores, ProcessGroupGloo, the collectives'
// Work, and the Reducer/Logger and helpers Python's DistributedDataParallel uses). lib/distributed
// holds the policy (store layout, defaults, validation); here are only conversions.
//
// Compiled only where the libtorch was built with c10d and the Gloo headers (Debian: libgloo-dev)
// are present; otherwise distAvailable() says so and nothing else is defined.
#include <napi.h>
#include "args.h"
#include "registry.h"

#include <torch/version.h>

// Written against 1.13's c10d; libtorch 2.x's differences (a ProcessGroup that dispatches to Backends,
// the Reducer's constructor) are guarded where they occur (checked with 2.13).
#if defined(USE_DISTRIBUTED) && __has_include(<torch/csrc/distributed/c10d/ProcessGroup.hpp>)
#define TORCH_NODE_DIST 1
#else
#define TORCH_NODE_DIST 0
#endif
#if TORCH_NODE_DIST && defined(USE_C10D_GLOO) && __has_include(<gloo/config.h>)
#define TORCH_NODE_GLOO 1
#else
#define TORCH_NODE_GLOO 0
#endif
#if TORCH_NODE_DIST && defined(USE_C10D_NCCL) && defined(TORCH_NODE_CUDA) && __has_include(<nccl.h>)
#define TORCH_NODE_NCCL 1
#else
#define TORCH_NODE_NCCL 0
#endif

#if TORCH_NODE_DIST
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/HashStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/comm.hpp>
#include <torch/csrc/distributed/c10d/logger.hpp>
#include <torch/csrc/distributed/c10d/reducer.hpp>
#include <torch/csrc/autograd/custom_function.h>
#include <ATen/ATen.h>
#endif
#if TORCH_NODE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#if TORCH_NODE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace torchnode {
namespace {

using Info = const Napi::CallbackInfo&;

#if TORCH_NODE_DIST

struct StoreHolder {
  c10::intrusive_ptr<c10d::Store> store;
};
struct GroupHolder {
  c10::intrusive_ptr<c10d::ProcessGroup> pg;
};
struct WorkHolder {
  c10::intrusive_ptr<c10d::Work> work;
};
struct ReducerHolder {
  std::shared_ptr<c10d::Reducer> reducer;
  std::shared_ptr<c10d::Logger> logger;
};

c10::intrusive_ptr<c10d::Store>& StoreOf(Info info, size_t i) { return GetHandle<StoreHolder>(info, i, "a Store handle")->store; }
c10::intrusive_ptr<c10d::ProcessGroup>& GroupOf(Info info, size_t i) { return GetHandle<GroupHolder>(info, i, "a ProcessGroup handle")->pg; }
c10::intrusive_ptr<c10d::Work>& WorkOf(Info info, size_t i) { return GetHandle<WorkHolder>(info, i, "a Work handle")->work; }
ReducerHolder& ReducerOf(Info info, size_t i) { return *GetHandle<ReducerHolder>(info, i, "a Reducer handle"); }

Napi::Value NewStore(Napi::Env env, c10::intrusive_ptr<c10d::Store> s) {
  return NewHandle(env, new StoreHolder{std::move(s)}, [](Napi::Env, StoreHolder* p) { delete p; });
}
Napi::Value NewGroup(Napi::Env env, c10::intrusive_ptr<c10d::ProcessGroup> pg) {
  return NewHandle(env, new GroupHolder{std::move(pg)}, [](Napi::Env, GroupHolder* p) { delete p; });
}
Napi::Value NewWork(Napi::Env env, c10::intrusive_ptr<c10d::Work> w) {
  return NewHandle(env, new WorkHolder{std::move(w)}, [](Napi::Env, WorkHolder* p) { delete p; });
}

std::chrono::milliseconds Ms(Info info, size_t i) { return std::chrono::milliseconds(Int(info, i)); }

std::vector<std::vector<at::Tensor>> TensorLists(Info info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array of arrays of Tensors");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<std::vector<at::Tensor>> out;
  for (uint32_t k = 0, n = a.Length(); k < n; k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsArray()) ThrowTypeError(info.Env(), ArgName(i) + "[" + std::to_string(k) + "] must be an array of Tensors");
    Napi::Array b = v.As<Napi::Array>();
    std::vector<at::Tensor> list;
    for (uint32_t j = 0, m = b.Length(); j < m; j++) list.push_back(Unwrap(info.Env(), b.Get(j)));
    out.push_back(std::move(list));
  }
  return out;
}

std::vector<std::string> Strings(Info info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array of strings");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<std::string> out;
  for (uint32_t k = 0, n = a.Length(); k < n; k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsString()) ThrowTypeError(info.Env(), ArgName(i) + "[" + std::to_string(k) + "] must be a string");
    out.push_back(v.As<Napi::String>().Utf8Value());
  }
  return out;
}

std::vector<bool> Bools(Info info, size_t i) {
  if (!info[i].IsArray()) ThrowTypeError(info.Env(), ArgName(i) + " must be an array of booleans");
  Napi::Array a = info[i].As<Napi::Array>();
  std::vector<bool> out;
  // each element must be a boolean: a hole fails at once, so `new Array(2 ** 32 - 1)` is no 4-billion-step loop
  for (uint32_t k = 0, n = a.Length(); k < n; k++) {
    Napi::Value v = a.Get(k);
    if (!v.IsBoolean()) ThrowTypeError(info.Env(), ArgName(i) + "[" + std::to_string(k) + "] must be a boolean");
    out.push_back(v.As<Napi::Boolean>().Value());
  }
  return out;
}

std::vector<size_t> Sizes(Napi::Env env, Napi::Value v, const std::string& what) {
  if (!v.IsArray()) ThrowTypeError(env, what + " must be an array of integers");
  Napi::Array a = v.As<Napi::Array>();
  std::vector<size_t> out;
  for (uint32_t k = 0, n = a.Length(); k < n; k++) {
    int64_t x = IntOf(env, a.Get(k), what);
    if (x < 0) ThrowRangeError(env, what + " must be non-negative");
    out.push_back(static_cast<size_t>(x));
  }
  return out;
}

// A ReduceOp from its code (lib/distributed ReduceOp: c10d's RedOpType numbering).
c10d::ReduceOp Op(Info info, size_t i) {
  int64_t code = Int(info, i);
  if (code < 0 || code > 7) ThrowRangeError(info.Env(), ArgName(i) + ": " + std::to_string(code) + " is not a ReduceOp");
  return c10d::ReduceOp(static_cast<c10d::ReduceOp::RedOpType>(code));
}

Napi::Value Bytes(Napi::Env env, const std::vector<uint8_t>& v) {
  return Napi::Buffer<uint8_t>::Copy(env, v.data(), v.size());
}
std::vector<uint8_t> BytesOf(Info info, size_t i) {
  if (!info[i].IsBuffer()) ThrowTypeError(info.Env(), ArgName(i) + " must be a Buffer");
  auto b = info[i].As<Napi::Buffer<uint8_t>>();
  return std::vector<uint8_t>(b.Data(), b.Data() + b.Length());
}

Napi::Array SizeLists(Napi::Env env, const std::vector<std::vector<size_t>>& lists) {
  Napi::Array a = Napi::Array::New(env, lists.size());
  for (size_t k = 0; k < lists.size(); k++) {
    Napi::Array b = Napi::Array::New(env, lists[k].size());
    for (size_t j = 0; j < lists[k].size(); j++) b.Set(static_cast<uint32_t>(j), Napi::Number::New(env, static_cast<double>(lists[k][j])));
    a.Set(static_cast<uint32_t>(k), b);
  }
  return a;
}

// Waits for a Work on libuv's thread pool, so that `await work` leaves the event loop free.
class WaitWorker : public Napi::AsyncWorker {
 public:
  WaitWorker(Napi::Env env, c10::intrusive_ptr<c10d::Work> work)
      : Napi::AsyncWorker(env, "torch-node:distributed"), deferred_(Napi::Promise::Deferred::New(env)), work_(std::move(work)) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override {
    try {
      work_->wait();
    } catch (const c10::Error& e) {
      message_ = e.what_without_backtrace();
    } catch (const std::exception& e) {
      message_ = e.what();
    }
    if (!message_.empty()) SetError(message_);
  }
  void OnOK() override {
    work_.reset();
    deferred_.Resolve(Env().Undefined());
  }
  void OnError(const Napi::Error&) override {
    work_.reset();
    deferred_.Reject(TorchErrorValue(Env(), message_));
  }

 private:
  Napi::Promise::Deferred deferred_;
  c10::intrusive_ptr<c10d::Work> work_;
  std::string message_;
};

#if TORCH_VERSION_MAJOR >= 2
// 2.x's ProcessGroup is a front over one Backend per device type; the group's default backend is
// the one its rank-wide calls (sequence numbers, monitored barrier) and getBackendName() use.
c10::intrusive_ptr<c10d::ProcessGroup> Front(const c10::intrusive_ptr<c10d::Store>& store, int rank, int size, c10d::ProcessGroup::BackendType type,
                                             const c10::intrusive_ptr<c10d::Backend>& backend, std::initializer_list<c10::DeviceType> devices) {
  auto pg = c10::make_intrusive<c10d::ProcessGroup>(store, rank, size);
  pg->setDefaultBackend(type);
  for (c10::DeviceType d : devices) pg->setBackend(d, type, backend);
  return pg;
}
#endif

#if TORCH_NODE_GLOO
// As Python's ProcessGroupGloo(store, rank, size, timeout) binding: the interfaces named by
// GLOO_SOCKET_IFNAME, else the device for this machine's hostname (loopback when it does not resolve).
c10::intrusive_ptr<c10d::ProcessGroup> NewGloo(const c10::intrusive_ptr<c10d::Store>& store, int rank, int size, std::chrono::milliseconds timeout) {
  auto options = c10d::ProcessGroupGloo::Options::create();
  const char* ifname = std::getenv("GLOO_SOCKET_IFNAME");
  if (ifname && std::strlen(ifname) > 1) {
    std::string all(ifname);
    size_t start = 0;
    while (start <= all.size()) {
      size_t end = all.find(',', start);
      if (end == std::string::npos) end = all.size();
      if (end > start) options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(all.substr(start, end - start)));
      start = end + 1;
    }
  } else {
    options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
  }
  options->timeout = timeout;
  options->threads = static_cast<int>(options->devices.size() * 2);
#if TORCH_VERSION_MAJOR >= 2
  // 2.x: ProcessGroupGloo is a Backend, and the ProcessGroup in front dispatches to it by device
  // (Gloo takes CPU and CUDA tensors), as Python 2.x's _new_process_group_helper builds it: the
  // backend's keys under PrefixStore("cpu/") (so `cpu//key`) in the group's store.
  auto backend = c10::make_intrusive<c10d::ProcessGroupGloo>(c10::make_intrusive<c10d::PrefixStore>("cpu/", store), rank, size, options);
  return Front(store, rank, size, c10d::ProcessGroup::BackendType::GLOO, backend, {c10::DeviceType::CPU, c10::DeviceType::CUDA});
#else
  return c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, size, options);
#endif
}
#endif

// ProcessGroup::setSequenceNumberForGroup, where the libtorch has it: 2.14 dropped it (every rank's
// sequence numbers start at 0, and Python no longer calls it), so there the call is none.
template <typename PG>
auto SetSequenceNumber(PG& pg, int) -> decltype(pg.setSequenceNumberForGroup()) {
  pg.setSequenceNumberForGroup();
}
template <typename PG>
void SetSequenceNumber(PG&, long) {}

// c10d::Reducer as Python's DDP makes it. Its constructor changed within 2.x: 2.13's has no
// per-bucket size limits (Python's DDP still computes them, and its binding drops them) and takes
// skip_all_reduce_unused_params, use_python_reducer and bucket_bytes_cap_list, given here as DDP's
// defaults (false, false, [] = the Reducer's own bucket sizes when it rebuilds). The form this
// libtorch has is chosen at compile time (R is a template parameter so the other forms are not
// compiled); 1.13 takes the first. A 2.x between them may have another form: the addon still
// builds there, and DDP alone says so when it makes its Reducer.
template <typename R = c10d::Reducer>
std::shared_ptr<R> NewReducer(std::vector<at::Tensor> params, std::vector<std::vector<size_t>> buckets, std::vector<size_t> perBucketLimits,
                              c10::intrusive_ptr<c10d::ProcessGroup> pg, std::vector<bool> expectSparse, int64_t bucketBytesCap, bool findUnused,
                              bool gradientAsBucketView, int64_t firstBucketBytesCap) {
  using Names = std::unordered_map<size_t, std::string>;
  if constexpr (std::is_constructible_v<R, std::vector<at::Tensor>, std::vector<std::vector<size_t>>, std::vector<size_t>,
                                        c10::intrusive_ptr<c10d::ProcessGroup>, std::vector<bool>, int64_t, bool, bool, Names, int64_t>) {
    return std::make_shared<R>(std::move(params), std::move(buckets), std::move(perBucketLimits), std::move(pg), std::move(expectSparse), bucketBytesCap,
                               findUnused, gradientAsBucketView, Names(), firstBucketBytesCap);
  } else if constexpr (std::is_constructible_v<R, std::vector<at::Tensor>, std::vector<std::vector<size_t>>, c10::intrusive_ptr<c10d::ProcessGroup>,
                                               std::vector<bool>, int64_t, bool, bool, Names, int64_t, bool, bool, std::vector<int64_t>>) {
    return std::make_shared<R>(std::move(params), std::move(buckets), std::move(pg), std::move(expectSparse), bucketBytesCap, findUnused,
                               gradientAsBucketView, Names(), firstBucketBytesCap, /*skip_all_reduce_unused_params=*/false,
                               /*use_python_reducer=*/false, /*bucket_bytes_cap_list=*/std::vector<int64_t>());
  } else {
    throw std::runtime_error("DistributedDataParallel: the c10d::Reducer constructor of libtorch " TORCH_VERSION
                             " is neither 1.13's nor 2.13's, the two forms torch-node is written for");
  }
}

// ---- SyncBatchNorm's autograd function (torch/nn/modules/_functions.py, 1.13)
// torch-node has no JS-defined autograd functions, and this one's backward must all-reduce in the
// middle of backward, so it is libtorch's torch::autograd::Function, here. The five batch-norm
// kernels Python calls are CUDA-only in libtorch 1.13 (Python's SyncBatchNorm refuses CPU input);
// for CPU tensors (Gloo) the same arithmetic is written with ATen ops below, and a CUDA tensor takes
// libtorch's kernels as in Python.

// The input's shape with every dim but the channels (dim 1) set to 1: a per-channel [C] vector as
// an input-shaped broadcast.
at::Tensor PerChannel(const at::Tensor& v, const at::Tensor& input) {
  std::vector<int64_t> shape(input.dim(), 1);
  shape[1] = v.size(0);
  return v.view(shape);
}
std::vector<int64_t> NonChannelDims(const at::Tensor& input) {
  std::vector<int64_t> dims{0};
  for (int64_t d = 2; d < input.dim(); d++) dims.push_back(d);
  return dims;
}

// batch_norm_stats: per-channel mean and 1/sqrt(biased var + eps)
std::tuple<at::Tensor, at::Tensor> BatchNormStats(const at::Tensor& input, double eps) {
  if (input.is_cuda()) return at::batch_norm_stats(input, eps);
  auto vm = at::var_mean(input, NonChannelDims(input), /*unbiased=*/false);
  return {std::get<1>(vm), (std::get<0>(vm) + eps).rsqrt()};
}

// batch_norm_gather_stats_with_counts: the rank statistics combined (Chan et al.'s parallel
// variance, as the CUDA kernel), the running statistics updated with the unbiased variance.
std::tuple<at::Tensor, at::Tensor> GatherStatsWithCounts(const at::Tensor& input, const at::Tensor& meanAll, const at::Tensor& invstdAll,
                                                         const at::Tensor& runningMean, const at::Tensor& runningVar, double momentum, double eps,
                                                         const at::Tensor& counts) {
  if (input.is_cuda()) return at::batch_norm_gather_stats_with_counts(input, meanAll, invstdAll, runningMean, runningVar, momentum, eps, counts);
  at::Tensor c = counts.to(meanAll.scalar_type()).unsqueeze(1);
  at::Tensor n = c.sum();
  at::Tensor mean = (meanAll * c).sum(0) / n;
  at::Tensor m2 = ((invstdAll.pow(-2) - eps) * c).sum(0) + ((meanAll - mean).pow(2) * c).sum(0);
  at::Tensor invstd = (m2 / n + eps).rsqrt();
  if (runningMean.defined()) runningMean.mul_(1 - momentum).add_((mean * momentum).to(runningMean.scalar_type()));
  if (runningVar.defined()) runningVar.mul_(1 - momentum).add_((m2 / (n - 1) * momentum).to(runningVar.scalar_type()));
  return {mean, invstd};
}

// batch_norm_elemt: (x - mean) * invstd * weight + bias
at::Tensor BatchNormElemt(const at::Tensor& input, const at::Tensor& weight, const at::Tensor& bias, const at::Tensor& mean, const at::Tensor& invstd,
                          double eps) {
  if (input.is_cuda()) return at::batch_norm_elemt(input, weight, bias, mean, invstd, eps);
  at::Tensor out = (input - PerChannel(mean, input)) * PerChannel(invstd, input);
  if (weight.defined()) out.mul_(PerChannel(weight, input));
  if (bias.defined()) out.add_(PerChannel(bias, input));
  return out;
}

// batch_norm_backward_reduce: sum_dy, sum_dy_xmu and the local weight/bias gradients
std::tuple<at::Tensor, at::Tensor, at::Tensor, at::Tensor> BackwardReduce(const at::Tensor& dy, const at::Tensor& input, const at::Tensor& mean,
                                                                          const at::Tensor& invstd, const at::Tensor& weight, bool inputG, bool weightG,
                                                                          bool biasG) {
  if (input.is_cuda()) return at::batch_norm_backward_reduce(dy, input, mean, invstd, weight, inputG, weightG, biasG);
  auto dims = NonChannelDims(input);
  at::Tensor sumDy = dy.sum(dims);
  at::Tensor sumDyXmu = (dy * (input - PerChannel(mean, input))).sum(dims);
  at::Tensor gradWeight = weightG ? sumDyXmu * invstd : at::Tensor();
  at::Tensor gradBias = biasG ? sumDy : at::Tensor();
  return {sumDy, sumDyXmu, gradWeight, gradBias};
}

// batch_norm_backward_elemt: the input gradient from the group-wide sums
at::Tensor BackwardElemt(const at::Tensor& dy, const at::Tensor& input, const at::Tensor& mean, const at::Tensor& invstd, const at::Tensor& weight,
                         const at::Tensor& sumDy, const at::Tensor& sumDyXmu, const at::Tensor& count) {
  if (input.is_cuda()) return at::batch_norm_backward_elemt(dy, input, mean, invstd, weight, sumDy, sumDyXmu, count);
  at::Tensor n = count.sum().to(sumDy.scalar_type());
  at::Tensor factor1 = invstd * invstd * (sumDyXmu / n);
  at::Tensor factor2 = weight.defined() ? weight * invstd : invstd;
  return (dy - PerChannel(sumDy / n, input) - (input - PerChannel(mean, input)) * PerChannel(factor1, input)) * PerChannel(factor2, input);
}

struct SyncBatchNormFunction : public torch::autograd::Function<SyncBatchNormFunction> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, at::Tensor input, at::Tensor weight, at::Tensor bias, at::Tensor runningMean,
                            at::Tensor runningVar, double eps, double momentum, c10::intrusive_ptr<c10d::ProcessGroup> pg, int64_t worldSize) {
    if (!input.is_contiguous(at::MemoryFormat::ChannelsLast)) input = input.contiguous();
    if (weight.defined()) weight = weight.contiguous();
    const int64_t channels = input.size(1);
    at::Tensor combined;
    if (input.numel() > 0) {
      auto stats = BatchNormStats(input, eps);
      at::Tensor count = at::full({1}, input.numel() / channels, std::get<0>(stats).options());
      combined = at::cat({std::get<0>(stats), std::get<1>(stats), count}, 0);  // C, C, 1 -> 2C + 1
    } else {
      // an empty input still takes part in the all_gather; its zero count drops it below
      combined = at::zeros({2 * channels + 1}, input.options());
    }
    // all_gather, not all_reduce: the counts may differ across ranks
    at::Tensor gathered;
    if (pg->getBackendName() == "nccl") {
      gathered = at::empty({worldSize * combined.numel()}, combined.options());
      pg->_allgather_base(gathered, combined)->wait();
      gathered = gathered.view({worldSize, combined.numel()});
    } else {
      std::vector<std::vector<at::Tensor>> outputs(1);
      for (int64_t r = 0; r < worldSize; r++) outputs[0].push_back(at::empty_like(combined));
      std::vector<at::Tensor> inputs{combined};
      pg->allgather(outputs, inputs)->wait();
      gathered = at::stack(outputs[0], 0);
    }
    auto parts = at::split(gathered, channels, 1);  // W x C, W x C, W x 1
    at::Tensor mask = parts[2].squeeze(-1) >= 1;    // drop the empty inputs' statistics
    at::Tensor countAll = parts[2].index({mask});
    auto global = GatherStatsWithCounts(input, parts[0].index({mask}), parts[1].index({mask}), runningMean, runningVar, momentum, eps, countAll.view(-1));
    ctx->save_for_backward({input, weight, std::get<0>(global), std::get<1>(global), countAll.to(at::kInt)});
    ctx->saved_data["process_group"] = c10::IValue::make_capsule(pg);
    if (input.numel() > 0) return BatchNormElemt(input, weight, bias, std::get<0>(global), std::get<1>(global), eps);
    return at::empty_like(input);
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list gradOutputs) {
    at::Tensor gradOutput = gradOutputs[0];
    if (!gradOutput.is_contiguous(at::MemoryFormat::ChannelsLast)) gradOutput = gradOutput.contiguous();
    auto saved = ctx->get_saved_variables();
    const at::Tensor &input = saved[0], &weight = saved[1], &mean = saved[2], &invstd = saved[3], &count = saved[4];
    auto pg = c10::static_intrusive_pointer_cast<c10d::ProcessGroup>(ctx->saved_data["process_group"].toCapsule());
    c10d::AllreduceOptions sum;
    sum.reduceOp = c10d::ReduceOp::SUM;
    at::Tensor gradInput, gradWeight, gradBias;
    const int64_t channels = input.size(1);
    if (input.numel() > 0) {
      auto r = BackwardReduce(gradOutput, input, mean, invstd, weight, ctx->needs_input_grad(0), ctx->needs_input_grad(1), ctx->needs_input_grad(2));
      if (ctx->needs_input_grad(0)) {
        std::vector<at::Tensor> combined{at::cat({std::get<0>(r), std::get<1>(r)}, 0)};
        pg->allreduce(combined, sum)->wait();
        auto sums = at::split(combined[0], channels);
        gradInput = BackwardElemt(gradOutput, input, mean, invstd, weight, sums[0], sums[1], count);
      }
      // the weight and bias gradients stay local: DistributedDataParallel all-reduces them
      if (weight.defined() && ctx->needs_input_grad(1)) gradWeight = std::get<2>(r);
      if (weight.defined() && ctx->needs_input_grad(2)) gradBias = std::get<3>(r);
    } else if (ctx->needs_input_grad(0)) {
      // no gradient here (the engine reads undefined as zeros), but the peers wait for this all_reduce
      std::vector<at::Tensor> combined{at::zeros({2 * channels}, input.options())};
      pg->allreduce(combined, sum)->wait();
    }
    return {gradInput, gradWeight, gradBias, at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor(), at::Tensor()};
  }
};

#endif  // TORCH_NODE_DIST

void InitDistributed(Napi::Env env, Napi::Object exports) {
  // distAvailable() -> { distributed, gloo, nccl }: what this build of the addon can do
  Def(env, exports, "distAvailable", [](Info info) -> Napi::Value {
    Napi::Object o = Napi::Object::New(info.Env());
    o.Set("distributed", Napi::Boolean::New(info.Env(), TORCH_NODE_DIST));
    o.Set("gloo", Napi::Boolean::New(info.Env(), TORCH_NODE_GLOO));
    o.Set("nccl", Napi::Boolean::New(info.Env(), TORCH_NODE_NCCL));
#ifdef TORCH_NODE_CUDA
    o.Set("cuda", Napi::Boolean::New(info.Env(), true));
#else
    o.Set("cuda", Napi::Boolean::New(info.Env(), false));
#endif
    return o;
  });
#if TORCH_NODE_DIST
  // ---- stores
  // distTCPStore(host, port, numWorkers | null, isServer, timeoutMs, waitWorkers, multiTenant)
  Def(env, exports, "distTCPStore", [](Info info) -> Napi::Value {
    c10d::TCPStoreOptions opts;
    opts.port = static_cast<std::uint16_t>(Int(info, 1));
    if (!info[2].IsNull() && !info[2].IsUndefined()) opts.numWorkers = static_cast<std::size_t>(Int(info, 2));
    opts.isServer = Bool(info, 3);
    opts.timeout = Ms(info, 4);
    opts.waitWorkers = Bool(info, 5);
    opts.multiTenant = Bool(info, 6);
    return NewStore(info.Env(), c10::make_intrusive<c10d::TCPStore>(Str(info, 0), opts));
  });
  Def(env, exports, "distFileStore", [](Info info) -> Napi::Value {
    return NewStore(info.Env(), c10::make_intrusive<c10d::FileStore>(Str(info, 0), static_cast<int>(Int(info, 1))));
  });
  Def(env, exports, "distHashStore", [](Info info) -> Napi::Value { return NewStore(info.Env(), c10::make_intrusive<c10d::HashStore>()); });
  // distPrefixStore(prefix, store): keys become `${prefix}/${key}`
  Def(env, exports, "distPrefixStore", [](Info info) -> Napi::Value {
    return NewStore(info.Env(), c10::make_intrusive<c10d::PrefixStore>(Str(info, 0), StoreOf(info, 1)));
  });
  Def(env, exports, "distStoreSet", [](Info info) -> Napi::Value {
    StoreOf(info, 0)->set(Str(info, 1), BytesOf(info, 2));
    return info.Env().Undefined();
  });
  Def(env, exports, "distStoreGet", [](Info info) -> Napi::Value { return Bytes(info.Env(), StoreOf(info, 0)->get(Str(info, 1))); });
  Def(env, exports, "distStoreAdd", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(StoreOf(info, 0)->add(Str(info, 1), Int(info, 2))));
  });
  Def(env, exports, "distStoreCompareSet", [](Info info) -> Napi::Value {
    return Bytes(info.Env(), StoreOf(info, 0)->compareSet(Str(info, 1), BytesOf(info, 2), BytesOf(info, 3)));
  });
  // distStoreWait(store, keys, timeoutMs | null)
  Def(env, exports, "distStoreWait", [](Info info) -> Napi::Value {
    auto& s = StoreOf(info, 0);
    if (info[2].IsNull() || info[2].IsUndefined()) s->wait(Strings(info, 1));
    else s->wait(Strings(info, 1), Ms(info, 2));
    return info.Env().Undefined();
  });
  Def(env, exports, "distStoreCheck", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), StoreOf(info, 0)->check(Strings(info, 1))); });
  Def(env, exports, "distStoreDeleteKey", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), StoreOf(info, 0)->deleteKey(Str(info, 1))); });
  Def(env, exports, "distStoreNumKeys", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(StoreOf(info, 0)->getNumKeys()));
  });
  Def(env, exports, "distStoreSetTimeout", [](Info info) -> Napi::Value {
    StoreOf(info, 0)->setTimeout(Ms(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "distStoreTimeout", [](Info info) -> Napi::Value {
    return Napi::Number::New(info.Env(), static_cast<double>(StoreOf(info, 0)->getTimeout().count()));
  });
  // distTCPStorePort(store) -> the port a TCPStore listens on / connects to (null for another store)
  Def(env, exports, "distTCPStorePort", [](Info info) -> Napi::Value {
    auto* tcp = dynamic_cast<c10d::TCPStore*>(StoreOf(info, 0).get());
    if (!tcp) return info.Env().Null();
    return Napi::Number::New(info.Env(), tcp->getPort());
  });

  // ---- process groups
#if TORCH_NODE_GLOO
  // distProcessGroupGloo(store, rank, size, timeoutMs)
  Def(env, exports, "distProcessGroupGloo", [](Info info) -> Napi::Value {
    return NewGroup(info.Env(), NewGloo(StoreOf(info, 0), static_cast<int>(Int(info, 1)), static_cast<int>(Int(info, 2)), Ms(info, 3)));
  });
#endif
#if TORCH_NODE_NCCL
  // distProcessGroupNCCL(store, rank, size, timeoutMs)
  Def(env, exports, "distProcessGroupNCCL", [](Info info) -> Napi::Value {
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->is_high_priority_stream = false;
    options->timeout = Ms(info, 3);
    auto& store = StoreOf(info, 0);
    int rank = static_cast<int>(Int(info, 1)), size = static_cast<int>(Int(info, 2));
#if TORCH_VERSION_MAJOR >= 2
    // 2.x: a Backend behind a ProcessGroup, for CUDA tensors only (as Python 2.x's "nccl" group)
    auto backend = c10::make_intrusive<c10d::ProcessGroupNCCL>(c10::make_intrusive<c10d::PrefixStore>("cuda/", store), rank, size, options);
    return NewGroup(info.Env(), Front(store, rank, size, c10d::ProcessGroup::BackendType::NCCL, backend, {c10::DeviceType::CUDA}));
#else
    return NewGroup(info.Env(), c10::make_intrusive<c10d::ProcessGroupNCCL>(store, rank, size, options));
#endif
  });
#endif
  Def(env, exports, "distGroupRank", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), GroupOf(info, 0)->getRank()); });
  Def(env, exports, "distGroupSize", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), GroupOf(info, 0)->getSize()); });
  Def(env, exports, "distGroupBackendName", [](Info info) -> Napi::Value { return Napi::String::New(info.Env(), GroupOf(info, 0)->getBackendName()); });
  // distGroupSetSequenceNumber(pg): rank 0 draws the group's sequence number, the others read it (init_process_group does it)
  Def(env, exports, "distGroupSetSequenceNumber", [](Info info) -> Napi::Value {
    SetSequenceNumber(*GroupOf(info, 0), 0);
    return info.Env().Undefined();
  });

  // ---- collectives: each returns a Work handle
  // distAllreduce(pg, tensors, op)
  Def(env, exports, "distAllreduce", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    c10d::AllreduceOptions o;
    o.reduceOp = Op(info, 2);
    return NewWork(info.Env(), GroupOf(info, 0)->allreduce(tensors, o));
  });
  // distAllreduceCoalesced(pg, tensors, op)
  Def(env, exports, "distAllreduceCoalesced", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    c10d::AllreduceCoalescedOptions o;
    o.reduceOp = Op(info, 2);
    return NewWork(info.Env(), GroupOf(info, 0)->allreduce_coalesced(tensors, o));
  });
  // distBroadcast(pg, tensors, rootRank)
  Def(env, exports, "distBroadcast", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    c10d::BroadcastOptions o;
    o.rootRank = Int(info, 2);
    o.rootTensor = 0;
    return NewWork(info.Env(), GroupOf(info, 0)->broadcast(tensors, o));
  });
  // distReduce(pg, tensors, rootRank, op)
  Def(env, exports, "distReduce", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    c10d::ReduceOptions o;
    o.rootRank = Int(info, 2);
    o.rootTensor = 0;
    o.reduceOp = Op(info, 3);
    return NewWork(info.Env(), GroupOf(info, 0)->reduce(tensors, o));
  });
  // distAllgather(pg, outputLists, inputs)
  Def(env, exports, "distAllgather", [](Info info) -> Napi::Value {
    auto outputs = TensorLists(info, 1);
    auto inputs = Tensors(info, 2);
    return NewWork(info.Env(), GroupOf(info, 0)->allgather(outputs, inputs));
  });
  // distGather(pg, outputLists, inputs, rootRank)
  Def(env, exports, "distGather", [](Info info) -> Napi::Value {
    auto outputs = TensorLists(info, 1);
    auto inputs = Tensors(info, 2);
    c10d::GatherOptions o;
    o.rootRank = Int(info, 3);
    return NewWork(info.Env(), GroupOf(info, 0)->gather(outputs, inputs, o));
  });
  // distScatter(pg, outputs, inputLists, rootRank)
  Def(env, exports, "distScatter", [](Info info) -> Napi::Value {
    auto outputs = Tensors(info, 1);
    auto inputs = TensorLists(info, 2);
    c10d::ScatterOptions o;
    o.rootRank = Int(info, 3);
    return NewWork(info.Env(), GroupOf(info, 0)->scatter(outputs, inputs, o));
  });
  // distReduceScatter(pg, outputs, inputLists, op)
  Def(env, exports, "distReduceScatter", [](Info info) -> Napi::Value {
    auto outputs = Tensors(info, 1);
    auto inputs = TensorLists(info, 2);
    c10d::ReduceScatterOptions o;
    o.reduceOp = Op(info, 3);
    return NewWork(info.Env(), GroupOf(info, 0)->reduce_scatter(outputs, inputs, o));
  });
  // distAlltoallBase(pg, output, input, outputSplits, inputSplits)
  Def(env, exports, "distAlltoallBase", [](Info info) -> Napi::Value {
    at::Tensor out = T(info, 1);
    at::Tensor in = T(info, 2);
    auto outSplits = Ints(info, 3);
    auto inSplits = Ints(info, 4);
    return NewWork(info.Env(), GroupOf(info, 0)->alltoall_base(out, in, outSplits, inSplits));
  });
  // distAlltoall(pg, outputs, inputs)
  Def(env, exports, "distAlltoall", [](Info info) -> Napi::Value {
    auto outputs = Tensors(info, 1);
    auto inputs = Tensors(info, 2);
    return NewWork(info.Env(), GroupOf(info, 0)->alltoall(outputs, inputs));
  });
  // distBarrier(pg)
  Def(env, exports, "distBarrier", [](Info info) -> Napi::Value {
    c10d::BarrierOptions o;
    return NewWork(info.Env(), GroupOf(info, 0)->barrier(o));
  });
  // distMonitoredBarrier(pg, timeoutMs, waitAllRanks): Gloo's barrier that names the ranks that did not arrive
  Def(env, exports, "distMonitoredBarrier", [](Info info) -> Napi::Value {
    c10d::BarrierOptions o;
    o.timeout = Ms(info, 1);
    GroupOf(info, 0)->monitoredBarrier(o, Bool(info, 2));
    return info.Env().Undefined();
  });
  // distSend(pg, tensors, dstRank, tag) / distRecv(pg, tensors, srcRank, tag) / distRecvAnysource(pg, tensors, tag)
  Def(env, exports, "distSend", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    return NewWork(info.Env(), GroupOf(info, 0)->send(tensors, static_cast<int>(Int(info, 2)), static_cast<int>(Int(info, 3))));
  });
  Def(env, exports, "distRecv", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    return NewWork(info.Env(), GroupOf(info, 0)->recv(tensors, static_cast<int>(Int(info, 2)), static_cast<int>(Int(info, 3))));
  });
  Def(env, exports, "distRecvAnysource", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    return NewWork(info.Env(), GroupOf(info, 0)->recvAnysource(tensors, static_cast<int>(Int(info, 2))));
  });

  // ---- Work
  // distWorkWait(work, timeoutMs | null) -> true; throws the collective's error
  Def(env, exports, "distWorkWait", [](Info info) -> Napi::Value {
    auto& w = WorkOf(info, 0);
    bool done = (info[1].IsNull() || info[1].IsUndefined()) ? w->wait() : w->wait(Ms(info, 1));
    return Napi::Boolean::New(info.Env(), done);
  });
  // distWorkWaitAsync(work) -> Promise<void>, waiting on the thread pool
  Def(env, exports, "distWorkWaitAsync", [](Info info) -> Napi::Value {
    auto* worker = new WaitWorker(info.Env(), WorkOf(info, 0));
    Napi::Promise p = worker->Promise();
    worker->Queue();
    return p;
  });
  Def(env, exports, "distWorkIsCompleted", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), WorkOf(info, 0)->isCompleted()); });
  Def(env, exports, "distWorkIsSuccess", [](Info info) -> Napi::Value { return Napi::Boolean::New(info.Env(), WorkOf(info, 0)->isSuccess()); });
  Def(env, exports, "distWorkSourceRank", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), WorkOf(info, 0)->sourceRank()); });

  // ---- what DistributedDataParallel uses
  // distBroadcastCoalesced(pg, tensors, bufferSize, srcRank)
  Def(env, exports, "distBroadcastCoalesced", [](Info info) -> Napi::Value {
    auto tensors = Tensors(info, 1);
    c10d::broadcast_coalesced(GroupOf(info, 0), tensors, static_cast<size_t>(Int(info, 2)), static_cast<int>(Int(info, 3)));
    return info.Env().Undefined();
  });
  // distVerifyParams(pg, params): the same number, shapes and strides of parameters on every rank
  Def(env, exports, "distVerifyParams", [](Info info) -> Napi::Value {
    c10d::verify_params_across_processes(GroupOf(info, 0), Tensors(info, 1), c10::nullopt);
    return info.Env().Undefined();
  });
  // distComputeBucketAssignment(tensors, sizeLimits, expectSparse) -> [bucketIndices, perBucketLimits]
  Def(env, exports, "distComputeBucketAssignment", [](Info info) -> Napi::Value {
    auto result = c10d::compute_bucket_assignment_by_size(Tensors(info, 0), Sizes(info.Env(), info[1], "bucket size limits"), Bools(info, 2));
    Napi::Array out = Napi::Array::New(info.Env(), 2);
    out.Set(0u, SizeLists(info.Env(), std::get<0>(result)));
    // the limits as bigints: DDP's "no limit" is sys.maxsize, beyond a double's integers
    const auto& limits = std::get<1>(result);
    Napi::Array l = Napi::Array::New(info.Env(), limits.size());
    for (size_t k = 0; k < limits.size(); k++) l.Set(static_cast<uint32_t>(k), Napi::BigInt::New(info.Env(), static_cast<uint64_t>(limits[k])));
    out.Set(1u, l);
    return out;
  });
  // distReducerNew(params, bucketIndices, perBucketLimits, pg, expectSparse, bucketBytesCap, findUnused,
  //                gradientAsBucketView, firstBucketBytesCap, moduleName, broadcastBuffers, hasSyncBn, staticGraph)
  Def(env, exports, "distReducerNew", [](Info info) -> Napi::Value {
    Napi::Env e = info.Env();
    std::vector<std::vector<size_t>> buckets;
    if (!info[1].IsArray()) ThrowTypeError(e, "bucket indices must be an array");
    Napi::Array b = info[1].As<Napi::Array>();
    for (uint32_t k = 0; k < b.Length(); k++) buckets.push_back(Sizes(e, b.Get(k), "bucket indices"));
    auto* h = new ReducerHolder();
    try {
      h->reducer = NewReducer(Tensors(info, 0), std::move(buckets), Sizes(e, info[2], "bucket size limits"), GroupOf(info, 3), Bools(info, 4),
                              Int(info, 5), Bool(info, 6), Bool(info, 7), Int(info, 8));
      h->logger = std::make_shared<c10d::Logger>(h->reducer);
      h->reducer->set_logger(h->logger);
      h->logger->set_construction_data_and_log(Str(info, 9), {}, -1, Bool(info, 10), Bool(info, 11), Bool(info, 12));
    } catch (...) {
      delete h;
      throw;
    }
    return NewHandle(e, h, [](Napi::Env, ReducerHolder* p) {
      try {
        delete p;
      } catch (...) {
      }
    });
  });
  Def(env, exports, "distReducerPrepareForForward", [](Info info) -> Napi::Value {
    auto& h = ReducerOf(info, 0);
    h.logger->set_runtime_stats_and_log();
    h.reducer->prepare_for_forward();
    return info.Env().Undefined();
  });
  // distReducerPrepareForBackward(r, outputs): outputs are searched for unused parameters (findUnusedParameters)
  Def(env, exports, "distReducerPrepareForBackward", [](Info info) -> Napi::Value {
    ReducerOf(info, 0).reducer->prepare_for_backward(Tensors(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "distReducerRebuildBuckets", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), ReducerOf(info, 0).reducer->rebuild_buckets());
  });
  Def(env, exports, "distReducerSetStaticGraph", [](Info info) -> Napi::Value {
    auto& h = ReducerOf(info, 0);
    h.reducer->set_static_graph();
    h.logger->set_static_graph();
    return info.Env().Undefined();
  });
  // distReducerLoggingData(r) -> { key: string | number }: the Logger's DDPLoggingData (Python's
  // DDP._get_ddp_logging_data: strs_map and ints_map in one dict), e.g. the rebuilt buckets' sizes
  Def(env, exports, "distReducerLoggingData", [](Info info) -> Napi::Value {
    const at::DDPLoggingData data = ReducerOf(info, 0).logger->get_ddp_logging_data();
    Napi::Object o = Napi::Object::New(info.Env());
    for (const auto& kv : data.strs_map) o.Set(kv.first, kv.second);
    for (const auto& kv : data.ints_map) o.Set(kv.first, Napi::Number::New(info.Env(), static_cast<double>(kv.second)));
    return o;
  });

  // distSyncBatchNorm(input, weight, bias, runningMean, runningVar, eps, momentum, pg, worldSize)
  Def(env, exports, "distSyncBatchNorm", [](Info info) -> Napi::Value {
    auto opt = [&](size_t i) { return OptT(info, i).value_or(at::Tensor()); };
    return Out(info, SyncBatchNormFunction::apply(T(info, 0), opt(1), opt(2), opt(3), opt(4), Num(info, 5), Num(info, 6), GroupOf(info, 7), Int(info, 8)));
  });
#endif  // TORCH_NODE_DIST
}

}  // namespace

TORCH_NODE_AREA(InitDistributed);

}  // namespace torchnode
