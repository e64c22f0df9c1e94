// Lab 4's exercises train bit for bit as their Python originals on the same machine: the same weights
// (every parameter's bytes) and the same per-epoch figures after each of 5 epochs, for every variant
// the lab runs. Python runs here, live, because committed fixtures come from another CPU, whose BLAS
// kernels round differently (lab4.test.ts checks those within tolerances over 40 epochs).
import { describe, it, expect } from 'vitest';
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import { Net } from '../../examples/lab4/ex1';
import { NetDropout, NetBatchNorm } from '../../examples/lab4/ex2';
import { labData } from '../../examples/lab4/data';
import { fit, l1Penalty, l2Penalty, Penalty } from '../../examples/lab4/training';
import { L1_LAMBDA, L2_LAMBDA, WEIGHT_DECAY } from '../../examples/lab4/experiments';
import { hasPythonTorch } from '../helpers/fixtures';

const EPOCHS = 5;

// gen_lab4.py's variants and loop, printing each epoch's record and the MD5 of every parameter's bytes.
const PYTHON = `
import hashlib, json, os, sys
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import torch
from torch.utils.data import DataLoader
sys.path.insert(0, ${JSON.stringify(path.join(__dirname, '..', '..', 'examples', 'lab4'))})
sys.dont_write_bytecode = True
from ex1 import Net
from ex2 import NetBatchNorm, NetDropout
from l1l2 import L1_LAMBDA, L2_LAMBDA, WEIGHT_DECAY
from lab4_common import fit, l1_penalty, l2_penalty, lab_data
torch.set_num_threads(1)
data = lab_data(test_size=64)
fixed = DataLoader(data.train_set, batch_size=32)
variants = {
    "e1": (Net, 0, False, None, fixed),
    "e2_dropout": (NetDropout, 0, True, None, fixed),
    "e2_batchnorm": (NetBatchNorm, 0, True, None, fixed),
    "l2": (Net, 0, False, l2_penalty(L2_LAMBDA), fixed),
    "l1": (Net, 0, False, l1_penalty(L1_LAMBDA), fixed),
    "weight_decay": (Net, WEIGHT_DECAY, False, None, fixed),
    "e1_shuffled": (Net, 0, False, None, data.train_loader),
}
out = {}
for name, (Model, weight_decay, step_lr, penalty, loader) in variants.items():
    torch.manual_seed(0)
    model = Model()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-4, weight_decay=weight_decay)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.1) if step_lr else None
    epochs = []
    def on_epoch(record):
        md5 = {n: hashlib.md5(p.detach().numpy().tobytes()).hexdigest() for n, p in model.named_parameters()}
        epochs.append({"record": record, "md5": md5})
    fit(model, loader, data.test_loader, epochs=${EPOCHS}, optimizer=optimizer, scheduler=scheduler, penalty=penalty, on_epoch=on_epoch)
    out[name] = epochs
print(json.dumps(out))
`;

type Epoch = { record: Record<string, number>; md5: Record<string, string> };

const md5Of = (t: torch.Tensor): string => {
  const a = t.detach().contiguous().toTypedArray() as Float32Array;
  return crypto.createHash('md5').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
};

describe.skipIf(!hasPythonTorch())('lab4: bit for bit as Python PyTorch on this machine', () => {
  it(`every variant, ${EPOCHS} epochs: the same weights and figures after each epoch`, () => {
    const r = spawnSync('/usr/bin/python3', ['-c', PYTHON], { encoding: 'utf8', maxBuffer: 16 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const python = JSON.parse(r.stdout) as Record<string, Epoch[]>;
    const threads = torch.getNumThreads();
    torch.setNumThreads(1);
    try {
      const data = labData({ testSize: 64 });
      const fixed = new torch.utils.data.DataLoader(data.trainSet, { batchSize: 32 });
      type Variant = [new () => torch.nn.Module, number, boolean, Penalty | undefined, typeof fixed];
      const variants: Record<string, Variant> = {
        e1: [Net, 0, false, undefined, fixed],
        e2_dropout: [NetDropout, 0, true, undefined, fixed],
        e2_batchnorm: [NetBatchNorm, 0, true, undefined, fixed],
        l2: [Net, 0, false, l2Penalty(L2_LAMBDA), fixed],
        l1: [Net, 0, false, l1Penalty(L1_LAMBDA), fixed],
        weight_decay: [Net, WEIGHT_DECAY, false, undefined, fixed],
        e1_shuffled: [Net, 0, false, undefined, data.trainLoader],
      };
      expect(Object.keys(variants)).toEqual(Object.keys(python));
      for (const [name, [Model, weightDecay, stepLR, penalty, loader]] of Object.entries(variants)) {
        torch.manualSeed(0);
        const model = new Model();
        const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-4, weightDecay });
        const scheduler = stepLR ? new torch.optim.lr_scheduler.StepLR(optimizer, { stepSize: 2, gamma: 0.1 }) : undefined;
        const ours: Epoch[] = [];
        const onEpoch = (rec: { epoch: number; fitLoss: number; trainLoss: number; trainAcc: number; testLoss: number; testAcc: number; lr: number }) => {
          const record = { epoch: rec.epoch, fit_loss: rec.fitLoss, train_loss: rec.trainLoss, train_acc: rec.trainAcc, test_loss: rec.testLoss, test_acc: rec.testAcc, lr: rec.lr };
          ours.push({ record, md5: Object.fromEntries([...model.namedParameters()].map(([n, p]) => [n, md5Of(p)])) });
        };
        fit(model, loader, data.testLoader, { epochs: EPOCHS, optimizer, scheduler, penalty, onEpoch });
        expect(ours, name).toEqual(python[name]);
      }
    } finally {
      torch.setNumThreads(threads);
    }
  });
});
