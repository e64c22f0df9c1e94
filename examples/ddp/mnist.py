# pytorch/examples' MNIST CNN trained with DistributedDataParallel: the Python original of mnist.ts
# (the same loop; `npm run bench -- --only ddp` times the two against each other).
#   torchrun --nproc_per_node 2 examples/ddp/mnist.py [epochs]
import os
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lab4"))
from lab4_common import lab_data  # noqa: E402


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = self.dropout2(x)
        return F.log_softmax(self.fc2(x), dim=1)


def main(epochs=3):
    dist.init_process_group("gloo")  # env:// from torchrun's RANK, WORLD_SIZE, MASTER_*
    rank = dist.get_rank()
    world_size = dist.get_world_size()
    torch.manual_seed(0)
    data = lab_data(train_size=1024, test_size=1000)
    train_set, test_set = data.train_set, data.test_set
    model = nn.parallel.DistributedDataParallel(Net())  # rank 0's weights on every rank
    optimizer = optim.Adadelta(model.parameters(), lr=1.0)
    scheduler = StepLR(optimizer, step_size=1, gamma=0.7)
    sampler = DistributedSampler(train_set, shuffle=True, seed=0)
    loader = DataLoader(train_set, batch_size=64 // world_size, sampler=sampler)
    t0 = time.time()
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        model.train()
        loss_sum = 0.0
        batches = 0
        for x, y in loader:
            optimizer.zero_grad()
            loss = F.nll_loss(model(x), y)
            loss.backward()  # gradients all-reduced (averaged) during backward
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
        scheduler.step()
        if rank == 0:
            print(f"epoch {epoch + 1}: rank 0 train loss {loss_sum / batches:.4f}")
    seconds = time.time() - t0
    if rank == 0:
        model.eval()
        with torch.no_grad():
            correct = sum((model(x).argmax(1) == y).sum().item() for x, y in DataLoader(test_set, batch_size=250))
        print(f"{world_size} processes, {epochs} epochs in {seconds:.2f} s: test accuracy {100 * correct / len(test_set):.1f}%")
    dist.destroy_process_group()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
