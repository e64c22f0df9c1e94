# One Python rank (torch 1.13, the same libtorch) in a Gloo group with Node ranks
# (test/distributed/interop.test.ts). Mirrors test/distributed/_worker.cjs: the same scenarios, the same
# data, one `RESULT {...}` JSON line. Rank, world size and the store come from the environment
# (RANK, WORLD_SIZE, MASTER_ADDR, MASTER_PORT), as torchrun sets them.
import json
import math
import sys
from datetime import timedelta

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

TIMEOUT = timedelta(milliseconds=20000)
out = {}


def lst(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def interop():
    dist.init_process_group("gloo", timeout=TIMEOUT)
    r = dist.get_rank()
    t = torch.tensor([r + 1.0, 10.0 * (r + 1)])
    dist.all_reduce(t)
    out["allReduce"] = lst(t)
    b = torch.full([2], r + 0.5)
    dist.broadcast(b, 1)
    out["broadcast"] = lst(b)
    g = [torch.zeros(1), torch.zeros(1)]
    dist.all_gather(g, torch.tensor([r * 3.0]))
    out["allGather"] = [lst(x) for x in g]
    dist.barrier()
    dist.destroy_process_group()


def data():
    n = 16
    x = torch.tensor([[math.sin(0.37 * (12 * i + j)) + 0.1 * j for j in range(12)] for i in range(n)], dtype=torch.float32)
    y = torch.tensor([(7 * i) % 4 for i in range(n)], dtype=torch.int64)
    return x, y, n


def train(xs, ys, adam):
    torch.manual_seed(0)
    model = nn.parallel.DistributedDataParallel(nn.Sequential(nn.Linear(12, 16), nn.ReLU(), nn.Linear(16, 4)))
    opt = torch.optim.Adam(model.parameters(), lr=0.01) if adam else torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.5)
    for _ in range(5):
        opt.zero_grad()
        F.cross_entropy(model(xs), ys).backward()
        opt.step()
    return {"params": {name: lst(p) for name, p in model.module.named_parameters()}}


def ddp():
    x, y, n = data()
    dist.init_process_group("gloo", timeout=TIMEOUT)
    r, w = dist.get_rank(), dist.get_world_size()
    per = n // w
    xs, ys = x[r * per:(r + 1) * per], y[r * per:(r + 1) * per]
    out["plain"] = train(xs, ys, False)
    out["adam"] = train(xs, ys, True)
    dist.destroy_process_group()


{"interop": interop, "ddp": ddp}[sys.argv[1]]()
print("RESULT " + json.dumps(out), flush=True)
