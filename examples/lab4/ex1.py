# Lab 4, exercise 1: a 3-layer fully connected net (hidden 512 and 128) trained on only the first
# 200 MNIST training images for 40 epochs with lr 1e-4, then evaluated: it overfits.
# Run: /usr/bin/python3 examples/lab4/ex1.py   (TypeScript port: ex1.ts)
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

from lab4_common import fit, lab_data


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.fc2 = nn.Linear(512, 128)
        self.fc3 = nn.Linear(128, 10)

    def forward(self, x):
        x = x.view(-1, 784)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def main(epochs=40):
    torch.manual_seed(0)
    data = lab_data()
    model = Net()
    optimizer = optim.Adam(model.parameters(), lr=1e-4)
    history = fit(model, data.train_loader, data.test_loader, epochs=epochs, optimizer=optimizer)
    last = history[-1]
    print(f"train accuracy {100 * last['train_acc']:.1f}%, test accuracy {100 * last['test_acc']:.1f}%")


if __name__ == "__main__":
    main()
