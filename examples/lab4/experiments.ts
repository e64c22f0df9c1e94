// The Lab 4 experiments that `npm run lab` runs, built from the exercise modules (ex1, ex2, l1l2, ex3)
// so that the runner trains exactly what the examples show.
import * as torch from 'torch-node';
import { Net } from './ex1';
import { NetDropout, NetBatchNorm } from './ex2';
import { fineTuneAlexNet } from './ex3';
import { LabData } from './data';
import { fit, l1Penalty, l2Penalty, EpochRecord, Penalty } from './training';

const { optim } = torch;

export interface RunContext {
  epochs: number;
  device: 'cpu' | 'cuda';
  weights?: string;
  data: LabData;
}

export interface RunResult {
  history: EpochRecord[];
  config: Record<string, unknown>;
  note?: string;
}

interface Experiment {
  title: string;
  run(ctx: RunContext, onEpoch: (rec: EpochRecord) => void): RunResult;
}

export const L2_LAMBDA = 1e-4;
export const L1_LAMBDA = 1e-5;
export const WEIGHT_DECAY = 1e-3;

function mlp(
  Model: new () => torch.nn.Module,
  opts: { stepLR?: boolean; penalty?: Penalty; weightDecay?: number; config: Record<string, unknown> },
): Experiment['run'] {
  return (ctx, onEpoch) => {
    const model = new Model().to(ctx.device);
    const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4, weightDecay: opts.weightDecay ?? 0 });
    const scheduler = opts.stepLR ? new optim.lr_scheduler.StepLR(optimizer, { stepSize: 20, gamma: 0.1 }) : undefined;
    const history = fit(model, ctx.data.trainLoader, ctx.data.testLoader, {
      epochs: ctx.epochs, optimizer, scheduler, penalty: opts.penalty, device: ctx.device, onEpoch,
    });
    return { history, config: { model: Model.name, optimizer: 'Adam', lr: 1e-4, ...opts.config } };
  };
}

export const experiments = {
  e1: { title: 'E1 MLP (overfits)', run: mlp(Net, { config: {} }) },
  'e2-dropout': { title: 'E2 Dropout + StepLR', run: mlp(NetDropout, { stepLR: true, config: { dropout: 0.5, stepLR: [20, 0.1] } }) },
  'e2-batchnorm': { title: 'E2 BatchNorm + StepLR', run: mlp(NetBatchNorm, { stepLR: true, config: { batchNorm: true, stepLR: [20, 0.1] } }) },
  l2: { title: `L2 term (λ=${L2_LAMBDA})`, run: mlp(Net, { penalty: l2Penalty(L2_LAMBDA), config: { l2: L2_LAMBDA } }) },
  l1: { title: `L1 term (λ=${L1_LAMBDA})`, run: mlp(Net, { penalty: l1Penalty(L1_LAMBDA), config: { l1: L1_LAMBDA } }) },
  'weight-decay': { title: `Adam weightDecay=${WEIGHT_DECAY}`, run: mlp(Net, { weightDecay: WEIGHT_DECAY, config: { weightDecay: WEIGHT_DECAY } }) },
  e3: {
    title: 'E3 AlexNet fine-tuning',
    run: (ctx, onEpoch) => fineTuneAlexNet(ctx.data, { epochs: ctx.epochs, device: ctx.device, weights: ctx.weights, allowRandomInit: true, onEpoch }),
  },
} satisfies Record<string, Experiment>;

export type ExperimentId = keyof typeof experiments;
