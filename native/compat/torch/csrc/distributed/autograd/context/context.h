// Stand-in for a header that Debian's libtorch-dev 1.13 does not ship (it has no
// torch/csrc/distributed/autograd/), included by c10d/reducer.hpp. The Reducer only holds a
// shared_ptr to a distributed-autograd context and names its GradCallback type; declaring the two
// names gives the Reducer its real layout (a shared_ptr and a std::function have the same layout
// whatever their target). native/distributed.cc never touches the context. The build puts this
// directory after every other include directory (-idirafter), so a libtorch that ships the real
// header uses it instead.
#pragma once
#include <ATen/core/Tensor.h>
#include <functional>
#include <memory>

namespace torch {
namespace distributed {
namespace autograd {

class DistAutogradContext {
 public:
  using GradCallback = std::function<bool(at::Tensor&)>;
};
using ContextPtr = std::shared_ptr<DistAutogradContext>;

}  // namespace autograd
}  // namespace distributed
}  // namespace torch
