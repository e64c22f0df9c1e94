"""The workloads of bench/workloads.js in Python PyTorch (same libtorch); prints one JSON line.
   /usr/bin/python3 bench/workloads.py <workload> <iterations> [cpu|cuda]"""
import json
import os
import resource
import sys
import tempfile
import time

import torch
import torch.nn as nn
import torch.optim as optim
import torchvision

name, iterations = sys.argv[1], int(sys.argv[2])
device = sys.argv[3] if len(sys.argv) > 3 else 'cpu'
warmups = int(sys.argv[4]) if len(sys.argv) > 4 else 1


def sync():
    if device == 'cuda':
        torch.cuda.synchronize()


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 128), nn.ReLU(), nn.Linear(128, 10)).to(device)


def train_step(model, optimizer, criterion, x, y):
    optimizer.zero_grad()
    loss = criterion(model(x), y)
    loss.backward()
    optimizer.step()
    return loss


def frozen_alexnet():
    cnn = torchvision.models.alexnet()
    for p in cnn.parameters():
        p.requires_grad = False
    cnn.classifier[6] = nn.Linear(4096, 10)
    return cnn.to(device)


def add():
    a, b = torch.rand(10), torch.rand(10)
    def run():
        for _ in range(100000):
            a.add(b)
    return run


def e1_step():
    model = mlp()
    optimizer = optim.Adam(model.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss()
    x, y = torch.rand(32, 1, 28, 28, device=device), torch.randint(10, (32,), device=device)
    def run():
        train_step(model, optimizer, criterion, x, y)
        sync()
    return run


def e1_run():
    x, y = torch.rand(200, 1, 28, 28, device=device), torch.randint(10, (200,), device=device)
    batches = [(x[i:i + 32], y[i:i + 32]) for i in range(0, 200, 32)]
    def run():
        model = mlp()
        optimizer = optim.Adam(model.parameters(), lr=1e-4)
        criterion = nn.CrossEntropyLoss()
        for _ in range(40):
            for xb, yb in batches:
                train_step(model, optimizer, criterion, xb, yb)
        sync()
    return run


def alexnet_fwd():
    model = torchvision.models.alexnet().to(device).eval()
    x = torch.rand(8, 3, 224, 224, device=device)
    def run():
        with torch.no_grad():
            model(x)
        sync()
    return run


def finetune_naive():
    cnn = frozen_alexnet()
    optimizer = optim.Adam(cnn.parameters(), lr=1e-4)
    criterion = nn.CrossEntropyLoss()
    x, y = torch.rand(200, 3, 224, 224), torch.randint(10, (200,))
    def run():
        cnn.train()
        for i in range(0, 200, 32):
            train_step(cnn, optimizer, criterion, x[i:i + 32].to(device), y[i:i + 32].to(device))
        sync()
    return run


class ExpensiveDataset(torch.utils.data.Dataset):
    # bench/loader_dataset.js's twin
    def __init__(self, n, size=192):
        self.n, self.size = n, size

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        g = torch.Generator().manual_seed(i)
        x = torch.normal(0.5, 0.25, (1, 3, self.size, self.size), generator=g)
        for _ in range(6):
            x = torch.nn.functional.avg_pool2d(x, 3, stride=1, padding=1)
        x = x.clamp(0, 1).pow(0.8)
        x = x.sub(0.45).div(0.225).squeeze(0)
        return x, i % 10


def loader_epoch(num_workers):
    torch.set_num_threads(1)
    loader = torch.utils.data.DataLoader(ExpensiveDataset(64), batch_size=16, shuffle=True, num_workers=num_workers, persistent_workers=num_workers > 0)
    def run():
        n = 0
        for x, _ in loader:
            n += x.shape[0]
        assert n == 64
    return run


def loader_jpeg_epoch(num_workers, pipeline):
    # bench/workloads.js loaderJpegEpoch's twin, on the folder bench/jpeg_folder.js made
    import torchvision.transforms as T
    root = os.environ.get('TORCH_NODE_BENCH_JPEG_DIR') or os.path.join(tempfile.gettempdir(), 'torch-node-bench-jpeg-v1')
    if not os.path.isdir(root):
        raise SystemExit(f'{root} is missing: bench/run.js (or node bench/workloads.js loader-jpeg-0 1) makes it')
    torch.set_num_threads(1)
    normalize = T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    if pipeline == 'augment':
        # references/classification/presets.py ClassificationPresetTrain(crop_size=224, auto_augment_policy='ta_wide', random_erase_prob=0.1)
        transform = T.Compose([T.RandomResizedCrop(224, interpolation=T.InterpolationMode.BILINEAR), T.RandomHorizontalFlip(0.5), T.TrivialAugmentWide(interpolation=T.InterpolationMode.BILINEAR),
                               T.PILToTensor(), T.ConvertImageDtype(torch.float), normalize, T.RandomErasing(p=0.1)])
    else:
        transform = T.Compose([T.RandomResizedCrop(224), T.RandomHorizontalFlip(), T.ToTensor(), normalize])
    folder = torchvision.datasets.ImageFolder(root, transform=transform)
    loader = torch.utils.data.DataLoader(folder, batch_size=16, shuffle=True, num_workers=num_workers, persistent_workers=num_workers > 0)
    def run():
        n = 0
        for x, _ in loader:
            n += x.shape[0]
        assert n == len(folder)
    return run


workloads = {'loader-0': lambda: loader_epoch(0), 'loader-2': lambda: loader_epoch(2),
             'loader-jpeg-0': lambda: loader_jpeg_epoch(0, 'imagenet'), 'loader-jpeg-2': lambda: loader_jpeg_epoch(2, 'imagenet'),
             'loader-augment-0': lambda: loader_jpeg_epoch(0, 'augment'), 'loader-augment-2': lambda: loader_jpeg_epoch(2, 'augment'), 'add': add, 'e1-step': e1_step, 'e1-run': e1_run, 'alexnet-fwd': alexnet_fwd, 'finetune-naive': finetune_naive}
if name not in workloads:
    print(f"no Python version of workload '{name}'", file=sys.stderr)
    sys.exit(3)
torch.manual_seed(0)
run = workloads[name]()
for _ in range(warmups):
    run()
times = []
for _ in range(iterations):
    t0 = time.perf_counter()
    run()
    times.append(time.perf_counter() - t0)
print(json.dumps({'name': name, 'times': times, 'peakRssMb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
