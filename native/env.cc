#include "env.h"
#include "errors.h"

namespace torchnode {

void InitEnv(Napi::Env env, Napi::Object exports) {
  auto* data = new EnvData(v8::Isolate::GetCurrent());
  env.SetInstanceData(data);  // deleted (with its tensors) when the environment is torn down

  // lib/errors.ts hands over its TorchError class once, before any other call.
  Def(env, exports, "setErrorClass", [](const Napi::CallbackInfo& info) -> Napi::Value {
    if (!info[0].IsFunction()) ThrowTypeError(info.Env(), "setErrorClass: expected a class");
    EnvData::Get(info.Env())->torchError = Napi::Persistent(info[0].As<Napi::Function>());
    return info.Env().Undefined();
  });
}

}  // namespace torchnode
