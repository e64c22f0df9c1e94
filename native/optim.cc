// torch.optim: SGD, Adam, AdamW, RMSprop and Adagrad are libtorch's torch::optim classes. Each lives in
// a Napi::External held privately by its lib/optim object. lib/optim resolves every default and
// validates every value; here options are only copied in and out.
#include <ATen/ATen.h>
#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/rmsprop.h>
#include <torch/optim/sgd.h>
#include <memory>
#include <sstream>
#include <type_traits>
#include "args.h"
#include "registry.h"

namespace torchnode {

namespace {

using Info = const Napi::CallbackInfo&;
namespace optim = torch::optim;

enum class Kind { SGD, Adam, AdamW, RMSprop, Adagrad };

struct OptimHolder {
  Kind kind;
  std::shared_ptr<optim::Optimizer> opt;
};

Kind KindOf(Napi::Env env, const std::string& name) {
  if (name == "SGD") return Kind::SGD;
  if (name == "Adam") return Kind::Adam;
  if (name == "AdamW") return Kind::AdamW;
  if (name == "RMSprop") return Kind::RMSprop;
  if (name == "Adagrad") return Kind::Adagrad;
  ThrowTypeError(env, "unknown optimizer " + name);
}

OptimHolder& Holder(Info info, size_t i) {
  return *GetHandle<OptimHolder>(info, i, "an optimizer handle");
}

// The key libtorch's optimizers file a parameter's state under: a string of the TensorImpl address in
// 1.13, the address itself in later releases.
using StateMap = std::remove_reference_t<decltype(std::declval<optim::Optimizer&>().state())>;
// (A template, so that the branch that does not apply is discarded.)
template <typename Map = StateMap>
typename Map::key_type StateKey(const at::Tensor& p) {
  if constexpr (std::is_same_v<typename Map::key_type, std::string>) {
    std::ostringstream s;  // what c10::guts::to_string does
    s << p.unsafeGetTensorImpl();
    return s.str();
  } else {
    return p.unsafeGetTensorImpl();
  }
}

double NumOf(Napi::Object o, const char* key) { return o.Get(key).As<Napi::Number>().DoubleValue(); }
bool BoolOf(Napi::Object o, const char* key) { return o.Get(key).ToBoolean().Value(); }
std::tuple<double, double> BetasOf(Napi::Object o) {
  Napi::Array b = o.Get("betas").As<Napi::Array>();
  return {b.Get(0u).As<Napi::Number>().DoubleValue(), b.Get(1u).As<Napi::Number>().DoubleValue()};
}

// Group options from a JS object holding every option of the kind (camelCase, as lib/optim passes them).
std::unique_ptr<optim::OptimizerOptions> OptionsOf(Kind kind, Napi::Object o) {
  switch (kind) {
    case Kind::SGD:
      return std::make_unique<optim::SGDOptions>(optim::SGDOptions(NumOf(o, "lr"))
                                                     .momentum(NumOf(o, "momentum"))
                                                     .dampening(NumOf(o, "dampening"))
                                                     .weight_decay(NumOf(o, "weightDecay"))
                                                     .nesterov(BoolOf(o, "nesterov")));
    case Kind::Adam:
      return std::make_unique<optim::AdamOptions>(optim::AdamOptions(NumOf(o, "lr"))
                                                      .betas(BetasOf(o))
                                                      .eps(NumOf(o, "eps"))
                                                      .weight_decay(NumOf(o, "weightDecay"))
                                                      .amsgrad(BoolOf(o, "amsgrad")));
    case Kind::AdamW:
      return std::make_unique<optim::AdamWOptions>(optim::AdamWOptions(NumOf(o, "lr"))
                                                       .betas(BetasOf(o))
                                                       .eps(NumOf(o, "eps"))
                                                       .weight_decay(NumOf(o, "weightDecay"))
                                                       .amsgrad(BoolOf(o, "amsgrad")));
    case Kind::RMSprop:
      return std::make_unique<optim::RMSpropOptions>(optim::RMSpropOptions(NumOf(o, "lr"))
                                                         .alpha(NumOf(o, "alpha"))
                                                         .eps(NumOf(o, "eps"))
                                                         .weight_decay(NumOf(o, "weightDecay"))
                                                         .momentum(NumOf(o, "momentum"))
                                                         .centered(BoolOf(o, "centered")));
    case Kind::Adagrad:
      return std::make_unique<optim::AdagradOptions>(optim::AdagradOptions(NumOf(o, "lr"))
                                                         .lr_decay(NumOf(o, "lrDecay"))
                                                         .weight_decay(NumOf(o, "weightDecay"))
                                                         .initial_accumulator_value(NumOf(o, "initialAccumulatorValue"))
                                                         .eps(NumOf(o, "eps")));
  }
  return nullptr;
}

template <typename O>
O& As(optim::OptimizerOptions& o) { return static_cast<O&>(o); }

// One group's options as a JS object (camelCase keys, the same set OptionsOf reads).
Napi::Object OptionsToJs(Napi::Env env, Kind kind, optim::OptimizerOptions& o) {
  Napi::Object out = Napi::Object::New(env);
  auto num = [&](const char* k, double v) { out.Set(k, Napi::Number::New(env, v)); };
  auto flag = [&](const char* k, bool v) { out.Set(k, Napi::Boolean::New(env, v)); };
  auto betas = [&](const std::tuple<double, double>& b) {
    Napi::Array a = Napi::Array::New(env, 2);
    a.Set(0u, Napi::Number::New(env, std::get<0>(b)));
    a.Set(1u, Napi::Number::New(env, std::get<1>(b)));
    out.Set("betas", a);
  };
  switch (kind) {
    case Kind::SGD: {
      auto& s = As<optim::SGDOptions>(o);
      num("lr", s.lr()), num("momentum", s.momentum()), num("dampening", s.dampening());
      num("weightDecay", s.weight_decay()), flag("nesterov", s.nesterov());
      break;
    }
    case Kind::Adam: {
      auto& s = As<optim::AdamOptions>(o);
      num("lr", s.lr()), betas(s.betas()), num("eps", s.eps()), num("weightDecay", s.weight_decay()), flag("amsgrad", s.amsgrad());
      break;
    }
    case Kind::AdamW: {
      auto& s = As<optim::AdamWOptions>(o);
      num("lr", s.lr()), betas(s.betas()), num("eps", s.eps()), num("weightDecay", s.weight_decay()), flag("amsgrad", s.amsgrad());
      break;
    }
    case Kind::RMSprop: {
      auto& s = As<optim::RMSpropOptions>(o);
      num("lr", s.lr()), num("alpha", s.alpha()), num("eps", s.eps()), num("weightDecay", s.weight_decay());
      num("momentum", s.momentum()), flag("centered", s.centered());
      break;
    }
    case Kind::Adagrad: {
      auto& s = As<optim::AdagradOptions>(o);
      num("lr", s.lr()), num("lrDecay", s.lr_decay()), num("weightDecay", s.weight_decay());
      num("initialAccumulatorValue", s.initial_accumulator_value()), num("eps", s.eps());
      break;
    }
  }
  return out;
}

// ---- per-parameter state, in PyTorch's state_dict names (exp_avg, momentum_buffer, ...)

void SetIf(Napi::Env env, Napi::Object out, const char* key, const at::Tensor& t) {
  if (t.defined()) out.Set(key, Wrap(env, t));
}

Napi::Value StateToJs(Napi::Env env, Kind kind, optim::OptimizerParamState& st) {
  Napi::Object out = Napi::Object::New(env);
  auto step = [&](int64_t s) { out.Set("step", Napi::Number::New(env, static_cast<double>(s))); };
  switch (kind) {
    case Kind::SGD: {
      auto& s = static_cast<optim::SGDParamState&>(st);
      SetIf(env, out, "momentum_buffer", s.momentum_buffer());
      break;
    }
    case Kind::Adam: {
      auto& s = static_cast<optim::AdamParamState&>(st);
      step(s.step()), SetIf(env, out, "exp_avg", s.exp_avg()), SetIf(env, out, "exp_avg_sq", s.exp_avg_sq());
      SetIf(env, out, "max_exp_avg_sq", s.max_exp_avg_sq());
      break;
    }
    case Kind::AdamW: {
      auto& s = static_cast<optim::AdamWParamState&>(st);
      step(s.step()), SetIf(env, out, "exp_avg", s.exp_avg()), SetIf(env, out, "exp_avg_sq", s.exp_avg_sq());
      SetIf(env, out, "max_exp_avg_sq", s.max_exp_avg_sq());
      break;
    }
    case Kind::RMSprop: {
      auto& s = static_cast<optim::RMSpropParamState&>(st);
      step(s.step()), SetIf(env, out, "square_avg", s.square_avg());
      SetIf(env, out, "momentum_buffer", s.momentum_buffer()), SetIf(env, out, "grad_avg", s.grad_avg());
      break;
    }
    case Kind::Adagrad: {
      auto& s = static_cast<optim::AdagradParamState&>(st);
      step(s.step()), SetIf(env, out, "sum", s.sum());
      break;
    }
  }
  return out;
}

// A copy of state tensor `key` on the parameter's device and dtype (as Python's load_state_dict
// casts), or an undefined tensor when the key is absent.
at::Tensor StateTensor(Napi::Env env, Napi::Object o, const char* key, const at::Tensor& p) {
  Napi::Value v = o.Get(key);
  if (v.IsUndefined() || v.IsNull()) return at::Tensor();
  return Unwrap(env, v, key).to(p.options(), /*non_blocking=*/false, /*copy=*/true);
}

std::unique_ptr<optim::OptimizerParamState> StateFromJs(Napi::Env env, Kind kind, Napi::Object o, const at::Tensor& p) {
  int64_t step = o.Get("step").IsNumber() ? o.Get("step").As<Napi::Number>().Int64Value() : 0;
  switch (kind) {
    case Kind::SGD: {
      auto s = std::make_unique<optim::SGDParamState>();
      s->momentum_buffer(StateTensor(env, o, "momentum_buffer", p));
      return s;
    }
    case Kind::Adam: {
      auto s = std::make_unique<optim::AdamParamState>();
      s->step(step).exp_avg(StateTensor(env, o, "exp_avg", p)).exp_avg_sq(StateTensor(env, o, "exp_avg_sq", p));
      s->max_exp_avg_sq(StateTensor(env, o, "max_exp_avg_sq", p));
      return s;
    }
    case Kind::AdamW: {
      auto s = std::make_unique<optim::AdamWParamState>();
      s->step(step).exp_avg(StateTensor(env, o, "exp_avg", p)).exp_avg_sq(StateTensor(env, o, "exp_avg_sq", p));
      s->max_exp_avg_sq(StateTensor(env, o, "max_exp_avg_sq", p));
      return s;
    }
    case Kind::RMSprop: {
      auto s = std::make_unique<optim::RMSpropParamState>();
      s->step(step).square_avg(StateTensor(env, o, "square_avg", p));
      s->momentum_buffer(StateTensor(env, o, "momentum_buffer", p)).grad_avg(StateTensor(env, o, "grad_avg", p));
      return s;
    }
    case Kind::Adagrad: {
      auto s = std::make_unique<optim::AdagradParamState>();
      s->step(step).sum(StateTensor(env, o, "sum", p));
      return s;
    }
  }
  return nullptr;
}

optim::OptimizerParamGroup& Group(Info info, OptimHolder& h, size_t i) {
  int64_t g = Int(info, i);
  auto& groups = h.opt->param_groups();
  if (g < 0 || g >= static_cast<int64_t>(groups.size())) ThrowRangeError(info.Env(), "param group index out of range");
  return groups[g];
}

}  // namespace

void InitOptim(Napi::Env env, Napi::Object exports) {
  // optimCreate(kind, defaults, [{ params: Tensor[], options }]): options hold every option of the kind.
  Def(env, exports, "optimCreate", [](Info info) -> Napi::Value {
    Kind kind = KindOf(info.Env(), Str(info, 0));
    auto defaults = OptionsOf(kind, info[1].As<Napi::Object>());
    Napi::Array groupsJs = info[2].As<Napi::Array>();
    std::vector<optim::OptimizerParamGroup> groups;
    for (uint32_t g = 0; g < groupsJs.Length(); g++) {
      Napi::Object gj = groupsJs.Get(g).As<Napi::Object>();
      Napi::Array ps = gj.Get("params").As<Napi::Array>();
      std::vector<at::Tensor> params;
      for (uint32_t k = 0; k < ps.Length(); k++) params.push_back(Unwrap(info.Env(), ps.Get(k), "params"));
      groups.emplace_back(std::move(params), OptionsOf(kind, gj.Get("options").As<Napi::Object>()));
    }
    auto* h = new OptimHolder{kind, nullptr};
    switch (kind) {
      case Kind::SGD: h->opt = std::make_shared<optim::SGD>(groups, As<optim::SGDOptions>(*defaults)); break;
      case Kind::Adam: h->opt = std::make_shared<optim::Adam>(groups, As<optim::AdamOptions>(*defaults)); break;
      case Kind::AdamW: h->opt = std::make_shared<optim::AdamW>(groups, As<optim::AdamWOptions>(*defaults)); break;
      case Kind::RMSprop: h->opt = std::make_shared<optim::RMSprop>(groups, As<optim::RMSpropOptions>(*defaults)); break;
      case Kind::Adagrad: h->opt = std::make_shared<optim::Adagrad>(groups, As<optim::AdagradOptions>(*defaults)); break;
    }
    return NewHandle(info.Env(), h, [](Napi::Env, OptimHolder* p) { delete p; });
  });

  // optimAddParamGroup(h, params, options): options hold every option of the kind.
  Def(env, exports, "optimAddParamGroup", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    h.opt->add_param_group(optim::OptimizerParamGroup(Tensors(info, 1), OptionsOf(h.kind, info[2].As<Napi::Object>())));
    return info.Env().Undefined();
  });

  // optimStep(h): one step of libtorch's optimizer; lib/optim runs the closure itself.
  Def(env, exports, "optimStep", [](Info info) -> Napi::Value {
    Holder(info, 0).opt->step();
    return info.Env().Undefined();
  });

  // optimZeroGrad(h, setToNone): Python's Optimizer.zero_grad (libtorch 1.13's has no set_to_none).
  Def(env, exports, "optimZeroGrad", [](Info info) -> Napi::Value {
    bool setToNone = Bool(info, 1);
    for (auto& group : Holder(info, 0).opt->param_groups()) {
      for (auto& p : group.params()) {
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
    }
    return info.Env().Undefined();
  });

  Def(env, exports, "optimGetOptions", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    return OptionsToJs(info.Env(), h.kind, Group(info, h, 1).options());
  });
  // optimSetOptions(h, group, options): replaces the group's options (every option of the kind).
  Def(env, exports, "optimSetOptions", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    Group(info, h, 1).set_options(OptionsOf(h.kind, info[2].As<Napi::Object>()));
    return info.Env().Undefined();
  });
  // optimSetLr(h, group, lr): the schedulers' hot path.
  Def(env, exports, "optimSetLr", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    Group(info, h, 1).options().set_lr(Num(info, 2));
    return info.Env().Undefined();
  });
  Def(env, exports, "optimGetLr", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    return Napi::Number::New(info.Env(), Group(info, h, 1).options().get_lr());
  });

  // optimGetState(h): one entry per parameter, in group order: null or the state's own tensors.
  Def(env, exports, "optimGetState", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    Napi::Array out = Napi::Array::New(info.Env());
    uint32_t n = 0;
    for (auto& group : h.opt->param_groups()) {
      for (auto& p : group.params()) {
        auto it = h.opt->state().find(StateKey(p));
        out.Set(n++, it == h.opt->state().end() ? info.Env().Null() : StateToJs(info.Env(), h.kind, *it->second));
      }
    }
    return out;
  });
  // optimSetState(h, states): replaces every parameter's state (null erases it); tensors are copied.
  Def(env, exports, "optimSetState", [](Info info) -> Napi::Value {
    OptimHolder& h = Holder(info, 0);
    Napi::Array states = info[1].As<Napi::Array>();
    uint32_t n = 0;
    for (auto& group : h.opt->param_groups()) {
      for (auto& p : group.params()) {
        Napi::Value s = states.Get(n++);
        if (s.IsObject()) h.opt->state()[StateKey(p)] = StateFromJs(info.Env(), h.kind, s.As<Napi::Object>(), p);
        else h.opt->state().erase(StateKey(p));
      }
    }
    return info.Env().Undefined();
  });
}

TORCH_NODE_AREA(InitOptim);

}  // namespace torchnode
