#!/usr/bin/env node
// `npm run lab` / `torch-node-lab`: every Lab 4 experiment on the offline MNIST digits, a results
// table, and a report (index.html with the learning curves, SVG plots, results.json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as torch from 'torch-node';
import { experiments, ExperimentId, RunContext } from './experiments';
import { labData } from './data';
import { writeReport, summaryHeader, summaryRows, ExperimentResult } from './report';
import { progressBar } from './progress';
// eslint-disable-next-line @typescript-eslint/no-var-requires
const Table = require('cli-table3');

const HELP = `Usage: torch-node-lab [options]

Runs Lab 4 (overfitting and regularization) on the offline MNIST digits and writes a report.

  --epochs N         epochs per experiment (default 40)
  --train-size N     training images: the first N of the training split (default 200)
  --test-size N      test images (default 2000)
  --seed N           torch.manualSeed before each experiment (default 0)
  --only LIST        comma-separated experiments to run (default all): ${Object.keys(experiments).join(', ')}
  --out DIR          report folder (default ./lab4-report)
  --data DIR         read real MNIST (IDX files under DIR/MNIST/raw) instead of the offline digits
  --download         with --data: download MNIST there if it is missing
  --device cpu|cuda  where to train (default cpu)
  --weights PATH     AlexNet checkpoint for e3 (default: torchvision's cache, $TORCH_HOME/hub/checkpoints;
                     only without this option and with no cached weights does e3 start from random init)
  -h, --help         this text
`;

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a positive integer, got '${value}'`);
  return Number(value);
}

export interface LabOptions {
  epochs: number;
  trainSize: number;
  testSize: number;
  seed: number;
  only: ExperimentId[];
  out: string;
  data?: string;
  download: boolean;
  device: 'cpu' | 'cuda';
  weights?: string;
}

export function parseOptions(argv: string[]): LabOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        epochs: { type: 'string' },
        'train-size': { type: 'string' },
        'test-size': { type: 'string' },
        seed: { type: 'string' },
        only: { type: 'string' },
        out: { type: 'string' },
        data: { type: 'string' },
        download: { type: 'boolean' },
        device: { type: 'string' },
        weights: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  const known = Object.keys(experiments) as ExperimentId[];
  const only = v.only === undefined ? known : (v.only.split(',').map((s) => s.trim()).filter(Boolean) as ExperimentId[]);
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length || only.length === 0) throw new UsageError(`--only takes a comma-separated list of ${known.join(', ')}; got '${v.only}'`);
  const device = (v.device ?? 'cpu') as 'cpu' | 'cuda';
  if (device !== 'cpu' && device !== 'cuda') throw new UsageError(`--device must be cpu or cuda, got '${v.device}'`);
  if (device === 'cuda' && !torch.cuda.isAvailable()) throw new UsageError('--device cuda: CUDA is not available to this libtorch (see the README on using a CUDA libtorch)');
  if (v.download && !v.data) throw new UsageError('--download needs --data DIR (where to put MNIST)');
  if (v.seed !== undefined && !/^\d+$/.test(v.seed)) throw new UsageError(`--seed must be a non-negative integer, got '${v.seed}'`);
  // A checkpoint the user named must exist (a bad one fails when e3 loads it): no silent random init.
  if (v.weights !== undefined && !fs.statSync(v.weights, { throwIfNoEntry: false })?.isFile()) throw new UsageError(`--weights: no such file '${v.weights}'`);
  return {
    epochs: positiveInt('epochs', v.epochs, 40),
    trainSize: positiveInt('train-size', v['train-size'], 200),
    testSize: positiveInt('test-size', v['test-size'], 2000),
    seed: v.seed === undefined ? 0 : Number(v.seed),
    only,
    out: path.resolve(v.out ?? 'lab4-report'),
    data: v.data,
    download: v.download ?? false,
    device,
    weights: v.weights,
  };
}

export async function runLab(opts: LabOptions): Promise<ExperimentResult[]> {
  const data = labData({ dataDir: opts.data, download: opts.download, trainSize: opts.trainSize, testSize: opts.testSize });
  const ctx: RunContext = { ...opts, data };
  const results: ExperimentResult[] = [];
  for (const id of opts.only) {
    const exp = experiments[id];
    const bar = progressBar(exp.title, opts.epochs);
    const start = process.hrtime.bigint();
    torch.manualSeed(opts.seed);
    const r = exp.run(ctx, (rec) => bar.update(rec));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    bar.stop();
    const last = r.history[r.history.length - 1];
    results.push({ id, title: exp.title, history: r.history, trainAcc: last.trainAcc, testAcc: last.testAcc, finalLoss: last.fitLoss, seconds, note: r.note, config: r.config });
  }
  return results;
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  let opts;
  try {
    opts = parseOptions(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`torch-node-lab: ${e.message}\nRun with --help for the options.\n`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const cfg = torch.config();
  console.log(`torch-node ${cfg.torchNodeVersion} · libtorch ${cfg.libtorchVersion} · BLAS ${cfg.blas.name} · ${opts.device} · ${cfg.numThreads} threads`);
  const results = await runLab(opts);
  const table = new Table({ head: summaryHeader, style: process.stdout.isTTY ? undefined : { head: [], border: [] } });
  for (const row of summaryRows(results)) table.push(row);
  console.log(table.toString());
  for (const r of results) if (r.note) console.log(`* ${r.title}: ${r.note}`);
  const html = await writeReport(opts.out, {
    createdAt: new Date().toISOString(),
    config: { ...opts, only: opts.only.join(',') },
    versions: { torchNode: cfg.torchNodeVersion, libtorch: cfg.libtorchVersion, blas: cfg.blas.name, device: opts.device, node: process.version },
    experiments: results,
  });
  console.log(`Report: ${html}`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      // A failure inside an experiment is still reported plainly, with libtorch's message.
      process.stderr.write(`torch-node-lab: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
