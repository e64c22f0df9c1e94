# Per-op cost of `a.add(b)` on 10-element float tensors in Python PyTorch: bench/ops.js runs this
# between its own Node runs and compares. CPU time of this process (not wall time), so that other
# load on the machine counts less. Prints one line: JSON {"ns_per_op": ..., "torch": ...}.
import json
import sys
import time

import torch

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
torch.set_num_threads(1)
a = torch.rand(10)
b = torch.rand(10)
for _ in range(n // 10):
    a.add(b)
t0 = time.process_time_ns()
for _ in range(n):
    a.add(b)
t1 = time.process_time_ns()
print(json.dumps({"ns_per_op": (t1 - t0) / n, "torch": torch.__version__}))
