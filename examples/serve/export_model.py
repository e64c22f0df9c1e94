# Exports the model that examples/serve serves: torchvision's resnet18 (random init under a seed, 10
# classes) traced for 3×64×64 images, saved with torch.jit.save. With --reference N it also writes N
# seeded inputs and the model's outputs for them (reference.json), which the example's test compares
# the server's answers with.
#   /usr/bin/python3 examples/serve/export_model.py OUT_DIR [--reference N]
import argparse
import json
import os

import torch
import torchvision

SHAPE = (3, 64, 64)

parser = argparse.ArgumentParser()
parser.add_argument("out_dir")
parser.add_argument("--reference", type=int, default=0)
args = parser.parse_args()
os.makedirs(args.out_dir, exist_ok=True)

torch.manual_seed(0)
model = torchvision.models.resnet18(num_classes=10).eval()
with torch.no_grad():
    traced = torch.jit.trace(model, torch.randn(1, *SHAPE))
path = os.path.join(args.out_dir, "model.pt")
traced.save(path)
print(f"exported {path}: resnet18, 10 classes, input 3x64x64")

if args.reference:
    torch.manual_seed(1)
    inputs = torch.randn(args.reference, *SHAPE)
    with torch.no_grad():
        outputs = torch.cat([traced(x.unsqueeze(0)) for x in inputs])
    with open(os.path.join(args.out_dir, "reference.json"), "w") as f:
        json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f)
