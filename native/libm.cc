// C's libm for the Python-float arithmetic PyTorch's Python code does: `x ** y` on floats and
// math.cos / math.log / math.exp are libm's pow, cos, log and exp in CPython, where JS's Math is V8's
// own implementation, which rounds differently in the last bit (2026-12-03, against Python 3.11:
// 0.999 ** k and 0.9 ** k for k = 1..5000 differed in 964 of 10000, math.cos in 174 of 5000,
// math.exp in 502 of 5000). lib/_pymath.ts calls these where lib/optim follows torch/optim's floats.
#include <cmath>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {
using Info = const Napi::CallbackInfo&;
}  // namespace

void InitLibm(Napi::Env env, Napi::Object exports) {
  Def(env, exports, "libmPow", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), std::pow(Num(info, 0), Num(info, 1))); });
  Def(env, exports, "libmCos", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), std::cos(Num(info, 0))); });
  Def(env, exports, "libmLog", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), std::log(Num(info, 0))); });
  Def(env, exports, "libmExp", [](Info info) -> Napi::Value { return Napi::Number::New(info.Env(), std::exp(Num(info, 0))); });
}

TORCH_NODE_AREA(InitLibm);

}  // namespace torchnode
