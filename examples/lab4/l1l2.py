# Lab 4, regularization by hand: exercise 1's Net with an explicit L2 term, then an explicit L1 term
# added to the loss (both summed over model.parameters()), then with Adam's own weight_decay.
# Run: /usr/bin/python3 examples/lab4/l1l2.py   (TypeScript port: l1l2.ts)
import torch
import torch.optim as optim

from ex1 import Net
from lab4_common import fit, l1_penalty, l2_penalty, lab_data

L2_LAMBDA = 1e-4
L1_LAMBDA = 1e-5
WEIGHT_DECAY = 1e-3


def main(epochs=40):
    data = lab_data()
    runs = [
        (f"L2 term (lambda={L2_LAMBDA})", l2_penalty(L2_LAMBDA), 0),
        (f"L1 term (lambda={L1_LAMBDA})", l1_penalty(L1_LAMBDA), 0),
        (f"Adam weight_decay={WEIGHT_DECAY}", None, WEIGHT_DECAY),
    ]
    for title, penalty, weight_decay in runs:
        torch.manual_seed(0)
        model = Net()
        optimizer = optim.Adam(model.parameters(), lr=1e-4, weight_decay=weight_decay)
        history = fit(model, data.train_loader, data.test_loader, epochs=epochs, optimizer=optimizer, penalty=penalty)
        last = history[-1]
        print(f"{title}: train accuracy {100 * last['train_acc']:.1f}%, test accuracy {100 * last['test_acc']:.1f}%")


if __name__ == "__main__":
    main()
