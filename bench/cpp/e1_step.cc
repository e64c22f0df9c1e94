// Exercise-1 training step (784-512-128-10 MLP, batch 32, Adam lr 1e-4) in C++ libtorch: the floor
// that torch-node and Python both sit on. Prints the same JSON line as bench/workloads.js.
//   e1_step <iterations>
#include <torch/torch.h>
#include <sys/resource.h>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  int iterations = argc > 1 ? std::stoi(argv[1]) : 200;
  torch::manual_seed(0);
  torch::nn::Sequential model(torch::nn::Flatten(), torch::nn::Linear(784, 512), torch::nn::ReLU(),
                              torch::nn::Linear(512, 128), torch::nn::ReLU(), torch::nn::Linear(128, 10));
  torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-4));
  torch::nn::CrossEntropyLoss criterion;
  auto x = torch::rand({32, 1, 28, 28});
  auto y = torch::randint(10, {32});
  auto step = [&] {
    optimizer.zero_grad();
    auto loss = criterion(model->forward(x), y);
    loss.backward();
    optimizer.step();
  };
  step();
  std::vector<double> times;
  for (int i = 0; i < iterations; i++) {
    auto t0 = std::chrono::steady_clock::now();
    step();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  std::printf("{\"name\":\"e1-step\",\"times\":[");
  for (size_t i = 0; i < times.size(); i++) std::printf("%s%.9f", i ? "," : "", times[i]);
  std::printf("],\"peakRssMb\":%.1f}\n", ru.ru_maxrss / 1024.0);
  return 0;
}
