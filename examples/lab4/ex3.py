# Lab 4, exercise 3: fine-tune an ImageNet-pretrained AlexNet on MNIST: freeze it, replace the last
# layer by a 10-class one, feed gray digits tiled to 3 channels through the lab's transforms.
# Run: /usr/bin/python3 examples/lab4/ex3.py [--random-init] [--epochs=N]   (TypeScript port: ex3.ts)
#
# The naive loop: every epoch runs the whole frozen network again (ex3.ts computes the frozen part's
# outputs once instead; the trained layer sees the same inputs).
import os
import sys

import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader
from torchvision import models, transforms

from lab4_common import fit, lab_data

WEIGHTS = os.path.join(torch.hub.get_dir(), "checkpoints", "alexnet-owt-7be5be79.pth")


def main(argv=sys.argv[1:]):
    random_init = "--random-init" in argv
    epochs = next((int(a[len("--epochs="):]) for a in argv if a.startswith("--epochs=")), 10)
    torch.manual_seed(0)
    if os.path.exists(WEIGHTS):
        cnn = models.alexnet(pretrained=True)
    elif random_init:
        print(f"Note: no pretrained AlexNet weights at {WEIGHTS}; running from random initialisation")
        cnn = models.alexnet()
    else:
        sys.exit(f"ex3 needs the pretrained AlexNet weights at {WEIGHTS} (this machine cannot download them); "
                 "pass --random-init to fine-tune from random initialisation instead.")
    print(cnn)

    for param in cnn.parameters():
        param.requires_grad = False
    cnn.classifier[6] = nn.Linear(in_features=4096, out_features=10)

    transf = transforms.Compose([
        transforms.ToPILImage(), transforms.Resize([224, 224]),
        transforms.ToTensor(), transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    data = lab_data()
    train_loader = DataLoader(data.rgb_digits("train", transf), batch_size=32, shuffle=True)
    test_loader = DataLoader(data.rgb_digits("test", transf), batch_size=256)

    optimizer = optim.Adam(cnn.classifier.parameters(), lr=1e-4)  # the frozen ones get no gradient
    fit(cnn, train_loader, test_loader, epochs=epochs, optimizer=optimizer,
        on_epoch=lambda r: print(f"epoch {r['epoch']}: loss {r['fit_loss']:.4f}, test accuracy {100 * r['test_acc']:.1f}%"))


if __name__ == "__main__":
    main()
