// Each area (.cc file) registers its Init here at load time with TORCH_NODE_AREA(InitX); the module
// entry calls them all. The list holds plain function pointers, no JS state.
#pragma once
#include <napi.h>
#include <vector>

namespace torchnode {

using AreaInit = void (*)(Napi::Env env, Napi::Object exports);

std::vector<AreaInit>& Areas();

struct AreaRegistrar {
  explicit AreaRegistrar(AreaInit init) { Areas().push_back(init); }
};

}  // namespace torchnode

#define TORCH_NODE_AREA(init) static ::torchnode::AreaRegistrar init##_registrar(init)
