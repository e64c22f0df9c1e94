// Whole-run parity of Lab 4's exercises with their Python originals (examples/lab4/*.py): the example
// classes and training loop of examples/lab4 train 40 epochs on the first 200 digits and every epoch's
// figures must match what Python PyTorch recorded (test/fixtures/gen_lab4.py -> lab4/runs.json).
// Same seed, same initial weights, same batches, same dropout masks, same Adam steps.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from '../../lib';
import { Net } from '../../examples/lab4/ex1';
import { NetDropout, NetBatchNorm } from '../../examples/lab4/ex2';
import { labData, LabData } from '../../examples/lab4/data';
import { fit, l1Penalty, l2Penalty, EpochRecord, Penalty } from '../../examples/lab4/training';
import { L1_LAMBDA, L2_LAMBDA, WEIGHT_DECAY } from '../../examples/lab4/experiments';

const { optim } = torch;
const { DataLoader } = torch.utils.data;

interface PyRecord { epoch: number; fit_loss: number; train_loss: number; train_acc: number; test_loss: number; test_acc: number; lr: number }
interface PyRun { initial_param_sums: Record<string, number>; history: PyRecord[]; final_param_sums: Record<string, number> }
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'lab4', 'runs.json'), 'utf8')) as {
  epochs: number;
  lambdas: { l2: number; l1: number; weight_decay: number };
  data: { train_image_sum: number; train_labels: number[]; test_image_sum: number; test_labels: number[] };
  runs: Record<string, PyRun>;
  reprs: Record<string, string>;
};

const LOSS_RTOL = 1e-3;
const SUM_ATOL = 1e-4;

const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);
const paramSums = (model: torch.nn.Module, of: (p: torch.Tensor) => torch.Tensor = (p) => p) =>
  Object.fromEntries([...model.namedParameters()].map(([name, p]) => [name, of(p.detach().to(torch.float64)).sum().item() as number]));

const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;

let data: LabData;
let threads: number;
beforeAll(() => {
  threads = torch.getNumThreads();
  torch.setNumThreads(1); // as gen_lab4.py (which also runs OpenBLAS on one thread, as torch-node does)
  data = labData({ testSize: 64 }); // as gen_lab4.py
});
afterAll(() => torch.setNumThreads(threads));

describe('lab4 data: the same digits as the Python lab_data()', () => {
  it('has the same 200 training and 64 test images and labels', () => {
    const [trainImages, trainLabels] = (data.trainSet as unknown as torch.utils.data.TensorDataset).tensors;
    const [testImages, testLabels] = (data.testSet as unknown as torch.utils.data.TensorDataset).tensors;
    expect(trainImages.shape).toEqual([200, 1, 28, 28]);
    expect(trainImages.dtype).toBe(torch.float32);
    expect(trainLabels.tolist()).toEqual(fixture.data.train_labels);
    expect(testLabels.tolist()).toEqual(fixture.data.test_labels);
    expect(trainImages.to(torch.float64).sum().item()).toBeCloseTo(fixture.data.train_image_sum, 6);
    expect(testImages.to(torch.float64).sum().item()).toBeCloseTo(fixture.data.test_image_sum, 6);
  });
});

// The variants of gen_lab4.py, built from the example modules as the lab runner builds them.
const variants: Record<string, { Model: new () => torch.nn.Module; weightDecay?: number; stepLR?: boolean; penalty?: Penalty; shuffled?: boolean }> = {
  e1: { Model: Net },
  e2_dropout: { Model: NetDropout, stepLR: true },
  e2_batchnorm: { Model: NetBatchNorm, stepLR: true },
  l2: { Model: Net, penalty: l2Penalty(L2_LAMBDA) },
  l1: { Model: Net, penalty: l1Penalty(L1_LAMBDA) },
  weight_decay: { Model: Net, weightDecay: WEIGHT_DECAY },
  e1_shuffled: { Model: Net, shuffled: true },
};

describe('lab4 exercises: 40 epochs match Python PyTorch epoch by epoch', () => {
  it('uses the same regularization strengths as the Python original', () => {
    expect({ l2: L2_LAMBDA, l1: L1_LAMBDA, weight_decay: WEIGHT_DECAY }).toEqual(fixture.lambdas);
  });

  for (const [name, variant] of Object.entries(variants)) {
    it(name, async () => {
      // A turn of the event loop between runs, so that vitest's worker answers its RPC in time.
      await new Promise((resolve) => setImmediate(resolve));
      const py = fixture.runs[name];
      const started = performance.now();
      const cpu = process.cpuUsage();
      torch.manualSeed(0);
      const model = new variant.Model();
      const initial = paramSums(model);
      expect(Object.keys(initial)).toEqual(Object.keys(py.initial_param_sums));
      for (const [param, sum] of Object.entries(py.initial_param_sums)) expect(Math.abs(initial[param] - sum), param).toBeLessThan(SUM_ATOL);

      const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4, weightDecay: variant.weightDecay ?? 0 });
      const scheduler = variant.stepLR ? new optim.lr_scheduler.StepLR(optimizer, { stepSize: 20, gamma: 0.1 }) : undefined;
      const trainLoader = variant.shuffled ? data.trainLoader : new DataLoader(data.trainSet, { batchSize: 32 });
      const history: EpochRecord[] = fit(model, trainLoader, data.testLoader, { epochs: fixture.epochs, optimizer, scheduler, penalty: variant.penalty });

      expect(history.length).toBe(py.history.length);
      let worst = 0;
      history.forEach((rec, i) => {
        const want = py.history[i];
        expect(rec.epoch).toBe(want.epoch);
        expect(rec.lr).toBeCloseTo(want.lr, 12);
        for (const [got, exp, what] of [[rec.fitLoss, want.fit_loss, 'fit_loss'], [rec.trainLoss, want.train_loss, 'train_loss'], [rec.testLoss, want.test_loss, 'test_loss']] as const) {
          worst = Math.max(worst, relDiff(got, exp));
          expect(relDiff(got, exp), `epoch ${rec.epoch} ${what}: ${got} vs Python ${exp}`).toBeLessThan(LOSS_RTOL);
        }
        // At most one image apart: an argmax may flip only where two logits tie within rounding.
        expect(Math.abs(rec.trainAcc - want.train_acc), `epoch ${rec.epoch} train_acc`).toBeLessThanOrEqual(1 / data.trainSet.length + 1e-12);
        expect(Math.abs(rec.testAcc - want.test_acc), `epoch ${rec.epoch} test_acc`).toBeLessThanOrEqual(1 / data.testSet.length + 1e-12);
      });
      // Relative to the sum of magnitudes: a sum near 0 (NetBatchNorm's fc1.bias, which BatchNorm
      // cancels, so Adam moves it on rounding noise alone) has no meaningful relative difference.
      const final = paramSums(model);
      const scale = paramSums(model, (p) => p.abs());
      for (const [param, sum] of Object.entries(py.final_param_sums)) expect(Math.abs(final[param] - sum) / scale[param], param).toBeLessThan(LOSS_RTOL);
      console.log(`lab4 ${name}: max relative loss difference ${worst.toExponential(2)} over ${fixture.epochs} epochs, ${((performance.now() - started) / 1000).toFixed(1)} s (CPU ${(cpuSeconds(process.cpuUsage(cpu))).toFixed(1)} s)`);
    });
  }
});

describe('lab4 example modules', () => {
  it('Net, NetDropout and NetBatchNorm map a batch of digits to 10 logits', () => {
    const x = torch.zeros([4, 1, 28, 28]);
    for (const Model of [Net, NetDropout, NetBatchNorm]) expect(new Model().forward(x).shape).toEqual([4, 10]);
  });

  it('print(model) shows what Python prints', () => {
    for (const Model of [Net, NetDropout, NetBatchNorm]) expect(String(new Model())).toBe(fixture.reprs[Model.name]);
  });

  it('labData rejects more images than the split holds, naming the split', () => {
    expect(() => labData({ trainSize: 8001 })).toThrow('training set: asked for 8001 images, the split has 8000');
    expect(() => labData({ testSize: 2001 })).toThrow('test set: asked for 2001 images, the split has 2000');
  });
});
