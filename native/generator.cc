// torch.Generator: a CPU random generator object of its own, and the random ops that take one
// (`generator=` in Python). DataLoader's RandomSampler and random_split draw from these exactly as
// Python does, so the same seed gives the same order. A generator is a Napi::External that owns an
// at::Generator (a small, rarely made object: the per-result cost of CONTRIBUTING.md's "Per-call cost" does not
// apply).
#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include "args.h"
#include "env.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;

at::Generator& Gen(Info info, size_t i) {
  return *GetHandle<at::Generator>(info, i, "a torch.Generator");
}

// A generator argument that may be null/undefined: then the environment's default (env.h).
c10::optional<at::Generator> OptGen(Info info, size_t i) {
  if (info[i].IsUndefined() || info[i].IsNull()) return EnvGenerator(info.Env());
  return Gen(info, i);
}

// The same, for the calls that act on the generator itself (torch.default_generator's handle is null).
at::Generator GenOrDefault(Info info, size_t i) {
  auto gen = OptGen(info, i);
  return gen ? *gen : at::detail::getDefaultCPUGenerator();
}

uint64_t Seed(Info info, size_t i) {
  if (info[i].IsBigInt()) {
    bool lossless;
    return info[i].As<Napi::BigInt>().Uint64Value(&lossless);
  }
  return static_cast<uint64_t>(Int(info, i));
}

}  // namespace

void InitGenerator(Napi::Env env, Napi::Object exports) {
  // torch.Generator(): a fresh CPU generator with libtorch's default seed (67280421310721), as Python.
  Def(env, exports, "generatorNew", [](Info info) -> Napi::Value {
    auto* gen = new at::Generator(at::make_generator<at::CPUGeneratorImpl>());
    return NewHandle(info.Env(), gen, [](Napi::Env, at::Generator* g) { delete g; });
  });
  // A DataLoader worker stands for a Python worker process, whose default generator is its own: from
  // here on this environment's random ops, torch.manual_seed, initial_seed and get/set_rng_state use
  // a generator of its own (libtorch's default seed until seeded). Other threads keep sharing the
  // process-wide one, as threads in one Python process do.
  Def(env, exports, "useOwnDefaultGenerator", [](Info info) -> Napi::Value {
    EnvData::Get(info.Env())->defaultGenerator = at::make_generator<at::CPUGeneratorImpl>();
    return info.Env().Undefined();
  });
  Def(env, exports, "generatorManualSeed", [](Info info) -> Napi::Value {
    at::Generator& gen = Gen(info, 0);
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_current_seed(Seed(info, 1));
    return info.Env().Undefined();
  });
  Def(env, exports, "generatorInitialSeed", [](Info info) -> Napi::Value {
    return Napi::BigInt::New(info.Env(), GenOrDefault(info, 0).current_seed());
  });
  // generator.seed(): a non-deterministic 64-bit seed, set and returned (a bigint).
  Def(env, exports, "generatorSeed", [](Info info) -> Napi::Value {
    at::Generator gen = GenOrDefault(info, 0);
    std::lock_guard<std::mutex> lock(gen.mutex());
    return Napi::BigInt::New(info.Env(), gen.seed());
  });
  // generator.get_state(): a uint8 tensor holding a copy of the whole state (CPUGeneratorImplState).
  Def(env, exports, "generatorGetState", [](Info info) {
    at::Generator gen = GenOrDefault(info, 0);
    std::lock_guard<std::mutex> lock(gen.mutex());
    return Out(info, gen.get_state());
  });
  // generator.set_state(state): libtorch checks the dtype, contiguity and size, as for Python.
  Def(env, exports, "generatorSetState", [](Info info) -> Napi::Value {
    at::Generator gen = GenOrDefault(info, 0);
    const at::Tensor& state = T(info, 1);
    std::lock_guard<std::mutex> lock(gen.mutex());
    gen.set_state(state);
    return info.Env().Undefined();
  });
  // torch.empty((), dtype=torch.int64).random_(generator=g).item(): a non-negative int64, as a bigint.
  Def(env, exports, "randomInt64", [](Info info) -> Napi::Value {
    auto gen = OptGen(info, 0);
    int64_t value = at::empty({}, at::kLong).random_(gen).item<int64_t>();
    return Napi::BigInt::New(info.Env(), value);
  });
  Def(env, exports, "randpermGen", [](Info info) {
    return Out(info, at::randperm(Int(info, 0), OptGen(info, 1), at::TensorOptions().dtype(at::kLong)));
  });
  // randintGen(low, high, sizes, generator): int64, as torch.randint(low, high, size, generator=g).
  Def(env, exports, "randintGen", [](Info info) {
    return Out(info, at::randint(Int(info, 0), Int(info, 1), Ints(info, 2), OptGen(info, 3), at::TensorOptions().dtype(at::kLong)));
  });
}

TORCH_NODE_AREA(InitGenerator);

}  // namespace torchnode
