# Per-op cost of one small op (default `a.add(b)`, 10-element float tensors) in Python PyTorch:
# bench/ops.js runs this between its own Node runs and compares. CPU time of this process (not wall
# time), so that other load on the machine counts less. Prints one line: JSON {"ns_per_op": ..., "torch": ...}.
#   python3 bench/ops.py [calls] [op]   (op: one of OPS, as in bench/ops.js)
import json
import sys
import time

import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
torch.set_num_threads(1)
a = torch.rand(10)
b = torch.rand(10)
m = torch.rand(10, 10)
OPS = {
    "add": lambda: a.add(b), "mul": lambda: a.mul(b), "sigmoid": lambda: a.sigmoid(),
    "relu": lambda: a.relu(), "gt": lambda: a.gt(b), "sum": lambda: a.sum(), "matmul": lambda: m.matmul(m),
    "abs": lambda: a.abs(), "atan2": lambda: a.atan2(b),
}
op = OPS[sys.argv[2] if len(sys.argv) > 2 else "add"]
for _ in range(n // 10):
    op()
t0 = time.process_time_ns()
for _ in range(n):
    op()
t1 = time.process_time_ns()
print(json.dumps({"ns_per_op": (t1 - t0) / n, "torch": torch.__version__}))
