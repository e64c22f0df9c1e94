// torch.optim's hot loops (lib/optim): Python's zero_grad over every parameter in one call, and the
// whole Adam/AdamW or Adadelta update of a parameter in one pass over its elements, as PyTorch 2.x's
// fused Adam does, where the op-by-op update (lib/optim/adam.ts, torch/optim/adam.py's
// _single_tensor_adam) makes about ten passes and four temporaries. lib/optim decides the options and
// owns the state; here the loop only runs what it was given, and tells which parameters it left to the
// op path.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/TensorImpl.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;

// A dense, contiguous CPU tensor of `dtype` with `numel` elements, that ops would write in place.
bool Plain(const at::Tensor& t, at::ScalarType dtype, int64_t numel) {
  return t.defined() && t.layout() == at::kStrided && t.device().is_cpu() && t.scalar_type() == dtype && t.numel() == numel &&
         t.is_contiguous() && !t.is_conj() && !t.is_neg();
}

// The step counter Python 1.13 keeps: a one-element float32 CPU tensor, incremented in place.
bool PlainStep(const at::Tensor& t) {
  return t.defined() && t.layout() == at::kStrided && t.device().is_cpu() && t.scalar_type() == at::kFloat && t.numel() == 1 && t.is_contiguous();
}

// Whether a parameter's tensors can take a fused pass: the parameter, its gradient and its state
// tensors all Plain in the parameter's float32/float64 type, and each state tensor's storage apart
// from the others' and from the parameter's and the gradient's (the pass writes them in place).
bool Fusable(const at::Tensor& p, const at::Tensor& grad, std::initializer_list<const at::Tensor*> states) {
  at::ScalarType dt = p.scalar_type();
  int64_t numel = p.numel();
  if (!(dt == at::kFloat || dt == at::kDouble) || !Plain(p, dt, numel) || !Plain(grad, dt, numel)) return false;
  std::vector<const void*> seen{p.data_ptr(), grad.data_ptr()};
  for (const at::Tensor* t : states) {
    if (!Plain(*t, dt, numel) || std::find(seen.begin(), seen.end(), t->data_ptr()) != seen.end()) return false;
    seen.push_back(t->data_ptr());
  }
  return true;
}

// Calls step(i) for each of n parameters that `fusable(i)`; returns the indices of the others
// (undefined when there are none), which lib/optim steps op by op.
template <typename FusableFn, typename Step>
Napi::Value ForEachFused(Napi::Env env, size_t n, FusableFn fusable, Step step) {
  Napi::Array left = Napi::Array::New(env);
  uint32_t nLeft = 0;
  for (size_t i = 0; i < n; i++) {
    if (fusable(i)) step(i);
    else left.Set(nLeft++, Napi::Number::New(env, static_cast<double>(i)));
  }
  return nLeft == 0 ? env.Undefined() : static_cast<Napi::Value>(left);
}

// libtorch's CPU kernels on x86-64 run as AVX2 code when the CPU has AVX2 and FMA (unless
// ATEN_CPU_CAPABILITY=default), and there the compiler fused every a + b * c into one
// multiply-add, rounded once; elsewhere they round the product and the sum apart. A fused optimizer
// loop that is to round as Python does follows the same choice.
bool LibtorchFusesMultiplyAdd() {
#if defined(__GNUC__) && defined(__x86_64__)
  const char* cap = std::getenv("ATEN_CPU_CAPABILITY");
  if (cap != nullptr && std::strcmp(cap, "default") == 0) return false;
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

// c + a * b, as libtorch's kernels compute it (above).
template <bool kFma, typename T>
inline T MulAdd(T a, T b, T c) {
  if constexpr (kFma) return std::fma(a, b, c);
  else return c + a * b;
}

// Body::Run<kFma, kFlags...>(begin, end, args...) over [0, n) in libtorch's thread pool; the kFma
// instance is compiled for AVX2 and FMA and runs only where LibtorchFusesMultiplyAdd. Flags are
// template arguments so that every variant of a loop has no branch and GCC vectorizes it (with
// run-time flags Adam's loop stayed scalar: 4.6 ns per element instead of 0.85).
template <typename Body, bool... kFlags, typename... Args>
void RangePlain(int64_t begin, int64_t end, Args... args) {
  Body::template Run<false, kFlags...>(begin, end, args...);
}

template <typename Body, bool... kFlags, typename... Args>
#if defined(__GNUC__) && defined(__x86_64__)
__attribute__((target("avx2,fma")))
#endif
void RangeFma(int64_t begin, int64_t end, Args... args) {
  Body::template Run<true, kFlags...>(begin, end, args...);
}

template <typename Body, bool... kFlags, typename... Args>
void ParallelFused(bool fma, int64_t n, Args... args) {
  at::parallel_for(0, n, at::internal::GRAIN_SIZE, [&](int64_t begin, int64_t end) {
    if (fma) RangeFma<Body, kFlags...>(begin, end, args...);
    else RangePlain<Body, kFlags...>(begin, end, args...);
  });
}

struct AdamArgs {
  double lr, beta1, beta2, eps, weightDecay;
  bool amsgrad, maximize, decoupled;
};

// One parameter's Adam (decoupled=false) or AdamW (true) step, in the order of _single_tensor_adam(w)'s
// ops and in the parameter's type, each scalar rounded to that type as the op would round it:
//   grad = -grad if maximize;  Adam: grad = grad + weight_decay * param;  AdamW: param *= 1 - lr * weight_decay
//   exp_avg = exp_avg * beta1 + (1 - beta1) * grad;  exp_avg_sq = exp_avg_sq * beta2 + (1 - beta2) * grad * grad
//   amsgrad: max_exp_avg_sq = max(max_exp_avg_sq, exp_avg_sq)
//   param = param + -step_size * exp_avg / (sqrt(exp_avg_sq or max_exp_avg_sq) / sqrt(bias_correction2) + eps)
// k = {beta1, 1 - beta1, beta2, 1 - beta2, weight_decay, 1 - lr * weight_decay, eps, sqrt(bias_correction2), -step_size}.
struct AdamBody {
  template <bool kFma, bool kAmsgrad, bool kMaximize, bool kCoupledDecay, bool kDecoupledDecay, typename T>
  __attribute__((always_inline)) static inline void Run(int64_t begin, int64_t end, T* p, const T* g, T* m, T* v, T* vmax, const T* k) {
    const T b1 = k[0], omb1 = k[1], b2 = k[2], omb2 = k[3], wd = k[4], decay = k[5], eps = k[6], bc2 = k[7], negStep = k[8];
    for (int64_t i = begin; i < end; i++) {
      T grad = kMaximize ? -g[i] : g[i];
      T param = p[i];
      if (kCoupledDecay) grad = MulAdd<kFma>(wd, param, grad);
      if (kDecoupledDecay) param = param * decay;
      T mi = MulAdd<kFma>(omb1, grad, m[i] * b1);
      T vi = MulAdd<kFma>(omb2 * grad, grad, v[i] * b2);
      m[i] = mi;
      v[i] = vi;
      T src = vi;
      if (kAmsgrad) {
        src = std::max(vmax[i], vi);
        vmax[i] = src;
      }
      T denom = std::sqrt(src) / bc2;
      denom = denom + eps;
      p[i] = param + negStep * mi / denom;
    }
  }
};

// AdamBody over a parameter, with a's flags turned into template arguments.
template <typename T, bool... kFlags>
void AdamDispatch(T* p, const T* g, T* m, T* v, T* vmax, int64_t n, const AdamArgs& a, double stepSize, double bc2Sqrt, bool fma) {
  constexpr size_t kSet = sizeof...(kFlags);
  if constexpr (kSet == 4) {
    const T k[9] = {static_cast<T>(a.beta1), static_cast<T>(1 - a.beta1), static_cast<T>(a.beta2), static_cast<T>(1 - a.beta2),
                    static_cast<T>(a.weightDecay), static_cast<T>(1 - a.lr * a.weightDecay), static_cast<T>(a.eps), static_cast<T>(bc2Sqrt),
                    static_cast<T>(-stepSize)};
    ParallelFused<AdamBody, kFlags...>(fma, n, p, g, m, v, vmax, static_cast<const T*>(k));
  } else {
    const bool flags[4] = {a.amsgrad, a.maximize, !a.decoupled && a.weightDecay != 0, a.decoupled};
    if (flags[kSet]) AdamDispatch<T, kFlags..., true>(p, g, m, v, vmax, n, a, stepSize, bc2Sqrt, fma);
    else AdamDispatch<T, kFlags..., false>(p, g, m, v, vmax, n, a, stepSize, bc2Sqrt, fma);
  }
}

// Adam/AdamW over a param group's parameters that have gradients:
//   fusedAdam(params, grads, expAvgs, expAvgSqs, maxExpAvgSqs | null, steps, lr, beta1, beta2, eps,
//             weightDecay, amsgrad, maximize, decoupled)
// Each parameter whose tensors are all dense, contiguous, CPU, of one float32/float64 type (step a
// one-element float32 tensor) is stepped here, its step counter included; the indices of the others
// come back (undefined when there are none) for lib/optim to step op by op.
Napi::Value FusedAdam(Info info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> params = Tensors(info, 0), grads = Tensors(info, 1), expAvgs = Tensors(info, 2), expAvgSqs = Tensors(info, 3);
  bool hasMax = !(info[4].IsNull() || info[4].IsUndefined());
  std::vector<at::Tensor> maxes = hasMax ? Tensors(info, 4) : std::vector<at::Tensor>();
  std::vector<at::Tensor> steps = Tensors(info, 5);
  AdamArgs a{Num(info, 6), Num(info, 7), Num(info, 8), Num(info, 9), Num(info, 10), Bool(info, 11), Bool(info, 12), Bool(info, 13)};
  bool fma = LibtorchFusesMultiplyAdd();
  size_t n = params.size();
  if (grads.size() != n || expAvgs.size() != n || expAvgSqs.size() != n || steps.size() != n || (a.amsgrad && maxes.size() != n)) {
    ThrowTypeError(env, "fusedAdam: the tensor lists differ in length");
  }
  auto fusable = [&](size_t i) {
    return PlainStep(steps[i]) && (a.amsgrad ? Fusable(params[i], grads[i], {&expAvgs[i], &expAvgSqs[i], &maxes[i]})
                                             : Fusable(params[i], grads[i], {&expAvgs[i], &expAvgSqs[i]}));
  };
  return ForEachFused(env, n, fusable, [&](size_t i) {
    const at::Tensor& p = params[i];
    // step_t += 1; step = step_t.item(): the float32 counter, read back as a Python float.
    float* stepPtr = steps[i].data_ptr<float>();
    *stepPtr = *stepPtr + 1.0f;
    steps[i].unsafeGetTensorImpl()->bump_version();
    double step = static_cast<double>(*stepPtr);
    double bc1 = 1 - std::pow(a.beta1, step);
    double bc2 = 1 - std::pow(a.beta2, step);
    double stepSize = a.lr / bc1;
    double bc2Sqrt = std::sqrt(bc2);
    if (p.scalar_type() == at::kFloat) {
      AdamDispatch<float>(p.data_ptr<float>(), grads[i].data_ptr<float>(), expAvgs[i].data_ptr<float>(), expAvgSqs[i].data_ptr<float>(),
                          a.amsgrad ? maxes[i].data_ptr<float>() : nullptr, p.numel(), a, stepSize, bc2Sqrt, fma);
    } else {
      AdamDispatch<double>(p.data_ptr<double>(), grads[i].data_ptr<double>(), expAvgs[i].data_ptr<double>(), expAvgSqs[i].data_ptr<double>(),
                           a.amsgrad ? maxes[i].data_ptr<double>() : nullptr, p.numel(), a, stepSize, bc2Sqrt, fma);
    }
    // What the in-place ops would have done to autograd's version counters.
    for (const at::Tensor* t : std::initializer_list<const at::Tensor*>{&p, &expAvgs[i], &expAvgSqs[i]}) t->unsafeGetTensorImpl()->bump_version();
    if (a.amsgrad) maxes[i].unsafeGetTensorImpl()->bump_version();
  });
}

// One parameter's Adadelta step, in the order of _single_tensor_adadelta's ops and in the parameter's
// type, where the op path makes eleven passes and three temporaries:
//   grad = -grad if maximize;  grad = grad + weight_decay * param
//   square_avg = square_avg * rho + (1 - rho) * grad * grad
//   delta = sqrt(acc_delta + eps) / sqrt(square_avg + eps) * grad
//   acc_delta = acc_delta * rho + (1 - rho) * delta * delta;  param = param + -lr * delta
// k = {rho, 1 - rho, eps, weight_decay, -lr}.
struct AdadeltaBody {
  template <bool kFma, bool kMaximize, bool kDecay, typename T>
  __attribute__((always_inline)) static inline void Run(int64_t begin, int64_t end, T* p, const T* g, T* sq, T* acc, const T* k) {
    const T rho = k[0], omr = k[1], eps = k[2], wd = k[3], negLr = k[4];
    for (int64_t i = begin; i < end; i++) {
      T grad = kMaximize ? -g[i] : g[i];
      if (kDecay) grad = MulAdd<kFma>(wd, p[i], grad);
      T s = MulAdd<kFma>(omr * grad, grad, sq[i] * rho);
      sq[i] = s;
      T delta = std::sqrt(acc[i] + eps) / std::sqrt(s + eps) * grad;
      acc[i] = MulAdd<kFma>(omr * delta, delta, acc[i] * rho);
      p[i] = MulAdd<kFma>(negLr, delta, p[i]);
    }
  }
};

template <typename T>
void AdadeltaDispatch(T* p, const T* g, T* sq, T* acc, int64_t n, double lr, double rho, double eps, double weightDecay, bool maximize, bool fma) {
  const T k[5] = {static_cast<T>(rho), static_cast<T>(1 - rho), static_cast<T>(eps), static_cast<T>(weightDecay), static_cast<T>(-lr)};
  const T* kp = k;
  bool decay = weightDecay != 0;
  if (maximize && decay) ParallelFused<AdadeltaBody, true, true>(fma, n, p, g, sq, acc, kp);
  else if (maximize) ParallelFused<AdadeltaBody, true, false>(fma, n, p, g, sq, acc, kp);
  else if (decay) ParallelFused<AdadeltaBody, false, true>(fma, n, p, g, sq, acc, kp);
  else ParallelFused<AdadeltaBody, false, false>(fma, n, p, g, sq, acc, kp);
}

// fusedAdadelta(params, grads, squareAvgs, accDeltas, lr, rho, eps, weightDecay, maximize): as
// fusedAdam, the parameters it cannot step (indices, or undefined) are left to lib/optim's op path.
Napi::Value FusedAdadelta(Info info) {
  Napi::Env env = info.Env();
  std::vector<at::Tensor> params = Tensors(info, 0), grads = Tensors(info, 1), squareAvgs = Tensors(info, 2), accDeltas = Tensors(info, 3);
  double lr = Num(info, 4), rho = Num(info, 5), eps = Num(info, 6), weightDecay = Num(info, 7);
  bool maximize = Bool(info, 8);
  bool fma = LibtorchFusesMultiplyAdd();
  size_t n = params.size();
  if (grads.size() != n || squareAvgs.size() != n || accDeltas.size() != n) ThrowTypeError(env, "fusedAdadelta: the tensor lists differ in length");
  auto fusable = [&](size_t i) { return Fusable(params[i], grads[i], {&squareAvgs[i], &accDeltas[i]}); };
  return ForEachFused(env, n, fusable, [&](size_t i) {
    const at::Tensor& p = params[i];
    if (p.scalar_type() == at::kFloat) {
      AdadeltaDispatch<float>(p.data_ptr<float>(), grads[i].data_ptr<float>(), squareAvgs[i].data_ptr<float>(), accDeltas[i].data_ptr<float>(), p.numel(), lr,
                              rho, eps, weightDecay, maximize, fma);
    } else {
      AdadeltaDispatch<double>(p.data_ptr<double>(), grads[i].data_ptr<double>(), squareAvgs[i].data_ptr<double>(), accDeltas[i].data_ptr<double>(), p.numel(),
                               lr, rho, eps, weightDecay, maximize, fma);
    }
    for (const at::Tensor* t : std::initializer_list<const at::Tensor*>{&p, &squareAvgs[i], &accDeltas[i]}) t->unsafeGetTensorImpl()->bump_version();
  });
}

}  // namespace

void InitFusedOptim(Napi::Env env, Napi::Object exports) {
  // fusedZeroGrad(params, setToNone): Python's Optimizer.zero_grad over a list of parameters.
  Def(env, exports, "fusedZeroGrad", [](Info info) -> Napi::Value {
    bool setToNone = Bool(info, 1);
    for (at::Tensor& p : Tensors(info, 0)) {
      at::Tensor& g = p.mutable_grad();
      if (!g.defined()) continue;
      if (setToNone) {
        g = at::Tensor();
      } else {
        if (g.grad_fn()) g.detach_();
        else g.requires_grad_(false);
        g.zero_();
      }
    }
    return info.Env().Undefined();
  });
  // fusedIsSparse(t): Python's t.is_sparse (the sparse COO layout).
  Def(env, exports, "fusedIsSparse", [](Info info) -> Napi::Value {
    return Napi::Boolean::New(info.Env(), T(info, 0).layout() == at::kSparse);
  });
  Def(env, exports, "fusedAdam", [](Info info) -> Napi::Value { return FusedAdam(info); });
  Def(env, exports, "fusedAdadelta", [](Info info) -> Napi::Value { return FusedAdadelta(info); });
}

TORCH_NODE_AREA(InitFusedOptim);

}  // namespace torchnode
