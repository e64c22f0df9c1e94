// Module entry: the per-environment state first, then every area's Init (see registry.h).
#include <napi.h>
#include "env.h"
#include "registry.h"

namespace torchnode {

std::vector<AreaInit>& Areas() {
  static std::vector<AreaInit> areas;
  return areas;
}

void InitTensorHolder(Napi::Env env, Napi::Object exports);

}  // namespace torchnode

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  torchnode::InitEnv(env, exports);
  torchnode::InitTensorHolder(env, exports);  // before the areas: they wrap tensors
  for (auto init : torchnode::Areas()) init(env, exports);
  return exports;
}

NODE_API_MODULE(torch_node, Init)
