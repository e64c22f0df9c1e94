// Every binding runs inside Guarded(): a libtorch exception escaping into node-addon-api would call
// std::terminate, so each one becomes a JS error here, without libtorch's C++ backtrace.
#pragma once
#include <napi.h>
#include <c10/util/Exception.h>
#include <string>

namespace torchnode {

// A JS TorchError carrying libtorch's message (a Promise's rejection value, or what ThrowTorchError throws).
Napi::Value TorchErrorValue(Napi::Env env, const std::string& message);
[[noreturn]] void ThrowTorchError(Napi::Env env, const std::string& message);
[[noreturn]] void ThrowTypeError(Napi::Env env, const std::string& message);
[[noreturn]] void ThrowRangeError(Napi::Env env, const std::string& message);

template <typename F>
Napi::Value Guarded(const Napi::CallbackInfo& info, F& f) {
  Napi::Env env = info.Env();
  try {
    return f(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const c10::IndexError& e) {
    ThrowRangeError(env, e.what_without_backtrace());
  } catch (const c10::TypeError& e) {
    ThrowTypeError(env, e.what_without_backtrace());
  } catch (const c10::Error& e) {
    ThrowTorchError(env, e.what_without_backtrace());
  } catch (const std::bad_alloc&) {
    ThrowTorchError(env, "out of memory");
  } catch (const std::exception& e) {
    ThrowTorchError(env, e.what());
  }
}

// Defines exports[name] as a guarded native function.
template <typename F>
void Def(Napi::Env env, Napi::Object exports, const char* name, F f) {
  exports.Set(name, Napi::Function::New(
                        env, [f](const Napi::CallbackInfo& info) mutable { return Guarded(info, f); }, name));
}

}  // namespace torchnode
