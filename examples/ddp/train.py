# Lab 4's exercise 1 trained with DistributedDataParallel: the Python original of train.ts (the same
# loop; `npm run bench -- --only ddp` times the two against each other).
#   torchrun --nproc_per_node 2 examples/ddp/train.py [epochs]
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lab4"))
from ex1 import Net  # noqa: E402
from lab4_common import lab_data  # noqa: E402


def main(epochs=40):
    dist.init_process_group("gloo")  # env:// from torchrun's RANK, WORLD_SIZE, MASTER_*
    rank = dist.get_rank()
    world_size = dist.get_world_size()
    torch.manual_seed(0)
    data = lab_data()
    train_set, test_set = data.train_set, data.test_set
    model = nn.parallel.DistributedDataParallel(Net())  # rank 0's weights on every rank
    optimizer = optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss()
    sampler = DistributedSampler(train_set, shuffle=True, seed=0)
    loader = DataLoader(train_set, batch_size=32 // world_size, sampler=sampler)
    t0 = time.time()
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        model.train()
        loss_sum = 0.0
        batches = 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = criterion(model(x), y)
            loss.backward()  # gradients all-reduced (averaged) when this returns
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
        if rank == 0 and (epoch % 10 == 9 or epoch == epochs - 1):
            print(f"epoch {epoch + 1}: rank 0 train loss {loss_sum / batches:.4f}")
    seconds = time.time() - t0
    if rank == 0:
        model.eval()

        def accuracy(dataset):
            with torch.no_grad():
                correct = sum((model(x).argmax(1) == y).sum().item() for x, y in DataLoader(dataset, batch_size=256))
            return correct / len(dataset)

        print(f"{world_size} processes, {epochs} epochs in {seconds:.2f} s: train accuracy {100 * accuracy(train_set):.1f}%, test accuracy {100 * accuracy(test_set):.1f}%")
    dist.destroy_process_group()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
