// The pytorch/tutorials ports of examples/tutorials against their Python originals (beside
// them), run by test/fixtures/gen_tutorials.py with Python PyTorch 1.13 at the same small sizes and
// the same seed: the same examples drawn, the same first losses (1e-4 relative), the same later
// losses and predictions (1e-3, room for another BLAS or thread count; on the reference machine, Debian's
// libtorch 1.13 for both, every number is bit-identical).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as torch from '../../lib';
import * as charRnn from '../../examples/tutorials/char_rnn_classification_tutorial';
import * as nnTutorial from '../../examples/tutorials/nn_tutorial';
import * as cifar10 from '../../examples/tutorials/cifar10_tutorial';
import * as transferLearning from '../../examples/tutorials/transfer_learning_tutorial';
import { hasPythonTorch } from '../helpers/fixtures';

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'tutorials', `${name}.json`), 'utf8')) as { sizes: Record<string, number>; record: Record<string, any> };

const FIRST = 5;
const FIRST_RTOL = 1e-4;
const RTOL = 1e-3;

/** Every a[i] within rtol (relative to |b[i]|) of b[i], the same length; reports the worst index. */
function expectClose(what: string, a: number[], b: number[], rtol: number): void {
  expect(a.length, `${what}: length`).toBe(b.length);
  let worst = 0;
  let at = -1;
  a.forEach((x, i) => {
    const r = Math.abs(x - b[i]) / Math.max(Math.abs(b[i]), 1e-6);
    if (r > worst) [worst, at] = [r, i];
  });
  expect(worst, `${what}: worst relative difference at [${at}]: ${a[at]} vs Python ${b[at]}`).toBeLessThanOrEqual(rtol);
}

function expectLosses(what: string, a: number[], b: number[]): void {
  expect(b.length).toBeGreaterThanOrEqual(FIRST);
  expectClose(`${what} (first ${FIRST})`, a.slice(0, FIRST), b.slice(0, FIRST), FIRST_RTOL);
  expectClose(what, a, b, RTOL);
}

let threads: number;
beforeAll(() => {
  threads = torch.getNumThreads();
  torch.setNumThreads(1); // as gen_tutorials.py
});
afterAll(() => torch.setNumThreads(threads));

describe('examples/tutorials: the Python originals\' losses under the same seed', () => {
  it('char_rnn_classification_tutorial: same names drawn, same losses and predictions', () => {
    const { sizes, record: py } = fixture('char_rnn');
    const r = charRnn.main({ nIters: sizes.n_iters, printEvery: sizes.print_every, plotEvery: sizes.plot_every, nConfusion: sizes.n_confusion, verbose: false });
    expect(r.allCategories).toEqual(py.all_categories);
    expect(r.examples).toEqual(py.examples); // torch.randint picks the same categories and names
    expectLosses('iteration losses', r.iterLosses, py.iter_losses);
    expectClose('all_losses (plot averages)', r.allLosses, py.all_losses, RTOL);
    expectClose('confusion', r.confusion.flat(), (py.confusion as number[][]).flat(), RTOL);
    for (const name of Object.keys(py.predictions)) {
      const ours = r.predictions[name];
      expect(ours.map((p) => p[1]), name).toEqual(py.predictions[name].map((p: [number, string]) => p[1]));
      expectClose(`predict(${name})`, ours.map((p) => p[0]), py.predictions[name].map((p: [number, string]) => p[0]), RTOL);
    }
  });

  it('nn_tutorial: every stage from scratch to the wrapped CNN loader', () => {
    const { sizes, record: py } = fixture('nn_tutorial');
    const r = nnTutorial.main({ epochs: sizes.epochs, nTrain: sizes.n_train, nValid: sizes.n_valid, verbose: false }) as Record<string, any>;
    expect(Object.keys(r).sort()).toEqual(Object.keys(py).sort());
    for (const [key, want] of Object.entries(py)) {
      const got = r[key];
      if (typeof want === 'number') expectClose(key, [got], [want], FIRST_RTOL);
      else if (Array.isArray(want) && key.endsWith('_losses') && key !== 'validation_valid_loss') expectLosses(key, got, want);
      else if (Array.isArray(want)) expectClose(key, got, want, RTOL);
      else {
        expectLosses(`${key}.train`, got.train, want.train);
        expectClose(`${key}.valid`, got.valid, want.valid, RTOL);
      }
    }
  });

  it('cifar10_tutorial (60 Minute Blitz) on FakeData: same batches, losses, predictions', () => {
    const { sizes, record: py } = fixture('cifar10');
    const r = cifar10.main({ epochs: sizes.epochs, trainSize: sizes.train_size, testSize: sizes.test_size, printEvery: sizes.print_every, verbose: false }) as Record<string, any>;
    expect(r.first_batch_labels).toEqual(py.first_batch_labels);
    expectClose('first batch image sum', [r.first_batch_image_sum], [py.first_batch_image_sum], 1e-9);
    expectLosses('mini-batch losses', r.losses, py.losses);
    expectClose('running losses', r.running_losses, py.running_losses, RTOL);
    expectClose('first test batch outputs', (r.first_test_outputs as number[][]).flat(), (py.first_test_outputs as number[][]).flat(), RTOL);
    expect(r.correct).toBe(py.correct);
    expect(r.correct_pred).toEqual(py.correct_pred);
    expect(r.total_pred).toEqual(py.total_pred);
  });
});

/** Runs fn with $TORCH_HOME set to a fresh directory (torchvision's weights cache is under it). */
function withTorchHome<T>(fn: (home: string) => T): T {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tn-torch-home-'));
  const prev = process.env.TORCH_HOME;
  process.env.TORCH_HOME = home;
  try {
    return fn(home);
  } finally {
    if (prev === undefined) delete process.env.TORCH_HOME;
    else process.env.TORCH_HOME = prev;
    fs.rmSync(home, { recursive: true, force: true });
  }
}

const HYMENOPTERA = path.join(__dirname, '..', 'fixtures', 'tutorials', 'hymenoptera');

describe('examples/tutorials: transfer_learning_tutorial (ResNet-18 on a small ImageFolder)', () => {
  // The "ImageNet weights" are a random-init ResNet-18 that Python writes into torchvision's cache (a
  // 45 MB file, not committed): both sides start from the very same checkpoint, as the fixture did.
  it.skipIf(!hasPythonTorch())('fine-tuning and the fixed feature extractor: same batches, losses, accuracies and kept weights', () => {
    const { sizes, record: py } = fixture('transfer_learning');
    const r = withTorchHome((home) => {
      const gen = spawnSync('/usr/bin/python3', [path.join(__dirname, '..', 'fixtures', 'gen_tutorials.py'), '--checkpoint', home], { encoding: 'utf8' });
      expect(gen.status, gen.stderr).toBe(0);
      return transferLearning.main({ dataDir: HYMENOPTERA, numEpochs: sizes.num_epochs, cropSize: sizes.crop_size, resizeSize: sizes.resize_size, verbose: false }) as Record<string, any>;
    });
    expect(r.pretrained).toBe(true);
    expect(r.class_names).toEqual(py.class_names);
    expect(r.dataset_sizes).toEqual(py.dataset_sizes);
    expect(r.first_batch_classes).toEqual(py.first_batch_classes); // the same shuffle
    expectClose('first batch grid sum', [r.first_grid_sum], [py.first_grid_sum], 1e-6); // the same crops and flips
    expect(r.frozen).toBe(true);
    for (const run of ['finetune', 'fixed_feature_extractor']) {
      const [a, b] = [r[run], py[run]];
      expectClose(`${run}: train losses (first)`, a.train_losses.slice(0, 1), b.train_losses.slice(0, 1), FIRST_RTOL);
      expectClose(`${run}: train losses`, a.train_losses, b.train_losses, RTOL);
      expectClose(`${run}: val losses`, a.val_losses, b.val_losses, RTOL);
      expect(a.epochs.map((e: unknown[]) => [e[0], e[2]]), `${run}: phases and accuracies`).toEqual(b.epochs.map((e: unknown[]) => [e[0], e[2]]));
      expectClose(`${run}: epoch losses`, a.epochs.map((e: number[]) => e[1]), b.epochs.map((e: number[]) => e[1]), RTOL);
      expect(a.best_acc).toBe(b.best_acc);
      expectClose(`${run}: fc weights kept (the best epoch's)`, [a.fc_weight_sum], [b.fc_weight_sum], RTOL);
    }
    // The best epoch is not the last here, so the kept weights are the deep copy, not the live ones.
    expect(py.finetune.best_acc).toBeGreaterThan(py.finetune.epochs[py.finetune.epochs.length - 1][2]);
  });

  it('without weights in the cache: random init, said in a message', () => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void lines.push(a.join(' '));
    try {
      const r = withTorchHome(() => transferLearning.main({ dataDir: HYMENOPTERA, numEpochs: 0, cropSize: 32, resizeSize: 36 }));
      expect(r.pretrained).toBe(false);
    } finally {
      console.log = log;
    }
    expect(lines.some((l) => /No ImageNet weights at .*resnet18-f37072fd\.pth .*random init/.test(l))).toBe(true);
  });
});
