#include "errors.h"
#include "env.h"

namespace torchnode {

Napi::Value TorchErrorValue(Napi::Env env, const std::string& message) {
  EnvData* data = EnvData::Get(env);
  if (data && !data->torchError.IsEmpty()) return data->torchError.New({Napi::String::New(env, message)});
  return Napi::Error::New(env, message).Value();
}

[[noreturn]] void ThrowTorchError(Napi::Env env, const std::string& message) {
  throw Napi::Error(env, TorchErrorValue(env, message));
}

[[noreturn]] void ThrowTypeError(Napi::Env env, const std::string& message) {
  throw Napi::TypeError::New(env, message);
}

[[noreturn]] void ThrowRangeError(Napi::Env env, const std::string& message) {
  throw Napi::RangeError::New(env, message);
}

}  // namespace torchnode
