# Lab 4, exercise 2: exercise 1 with a learning-rate schedule (StepLR: x0.1 every 20 epochs) and a
# Dropout between the two hidden layers; then the same with Batch Normalization in place of Dropout.
# Run: /usr/bin/python3 examples/lab4/ex2.py   (TypeScript port: ex2.ts)
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

from lab4_common import fit, lab_data


class NetDropout(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.drop = nn.Dropout(p=0.5)
        self.fc2 = nn.Linear(512, 128)
        self.fc3 = nn.Linear(128, 10)

    def forward(self, x):
        x = x.view(-1, 784)
        x = F.relu(self.fc1(x))
        x = self.drop(x)
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class NetBatchNorm(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.bn = nn.BatchNorm1d(num_features=512)
        self.fc2 = nn.Linear(512, 128)
        self.fc3 = nn.Linear(128, 10)

    def forward(self, x):
        x = x.view(-1, 784)
        x = F.relu(self.fc1(x))
        x = self.bn(x)
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def main(epochs=40):
    data = lab_data()
    for Model in [NetDropout, NetBatchNorm]:
        torch.manual_seed(0)
        model = Model()
        optimizer = optim.Adam(model.parameters(), lr=1e-4)
        scheduler = optim.lr_scheduler.StepLR(optimizer=optimizer, step_size=20, gamma=0.1)
        history = fit(model, data.train_loader, data.test_loader, epochs=epochs, optimizer=optimizer, scheduler=scheduler)  # scheduler.step() after each epoch
        last = history[-1]
        print(f"{Model.__name__}: train accuracy {100 * last['train_acc']:.1f}%, test accuracy {100 * last['test_acc']:.1f}%")


if __name__ == "__main__":
    main()
