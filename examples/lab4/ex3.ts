// Lab 4, exercise 3: fine-tune an ImageNet-pretrained AlexNet on MNIST: freeze it, replace the last
// layer by a 10-class one, feed gray digits tiled to 3 channels through the lab's transforms.
// Line-by-line port of ex3.py (beside this file).
// Run: node dist/examples/lab4/ex3.js [--random-init] [--weights=PATH] [--epochs=N]
//
// Only classifier[6] trains. The frozen convolutional part gives the same output for an image every
// epoch, so its outputs are computed once (torch.utils.data.cacheOutputs) instead of every epoch as
// the naive Python loop does; classifier[0..5] still runs each epoch, with its Dropout active.
import * as fs from 'node:fs';
import * as torch from 'torch-node';
import { models, transforms } from 'torch-node/vision';
import { labData, LabData } from './data';
import { fit, EpochRecord } from './training';
import type { RunResult } from './experiments';

const { nn, optim } = torch;
const { DataLoader, cacheOutputs } = torch.utils.data;

export interface FineTuneOptions {
  epochs: number;
  device?: 'cpu' | 'cuda';
  /** An AlexNet checkpoint to load instead of torchvision's cached IMAGENET1K_V1 weights. */
  weights?: string;
  /**
   * When torchvision's pretrained weights are neither cached nor downloadable: continue from random
   * initialisation (true) or fail (false). A `weights` file that does not load always fails.
   */
  allowRandomInit: boolean;
  onEpoch?: (rec: EpochRecord) => void;
  printModel?: boolean;
}

function pretrainedAlexNet(weights: string | undefined): models.AlexNet {
  if (!weights) return models.alexnet({ pretrained: true }); // cnn = models.alexnet(pretrained=True)
  const cnn = models.alexnet();
  try {
    cnn.loadStateDict(torch.load(weights));
  } catch (e) {
    throw new Error(`cannot load AlexNet weights from '${weights}': ${(e as Error).message}`);
  }
  return cnn;
}

export function fineTuneAlexNet(data: LabData, opts: FineTuneOptions): RunResult {
  const device = opts.device ?? 'cpu';
  let cnn: models.AlexNet;
  let note: string | undefined;
  try {
    cnn = pretrainedAlexNet(opts.weights);
  } catch (e) {
    if (opts.weights !== undefined || !opts.allowRandomInit) throw e;
    note = `no pretrained AlexNet weights (${(e as Error).message.split('. ')[0]}); ran from random initialisation`;
    cnn = models.alexnet();
  }
  if (opts.printModel) console.log(String(cnn)); // print(cnn)

  // for param in cnn.parameters(): param.requires_grad = False
  for (const param of cnn.parameters()) param.requiresGrad = false;
  // cnn.classifier[6] = nn.Linear(in_features=4096, out_features=10)
  cnn.classifier[6] = new nn.Linear({ inFeatures: 4096, outFeatures: 10 });
  cnn.to(device);

  // transf = transforms.Compose([transforms.ToPILImage(), transforms.Resize([224,224]),
  //     transforms.ToTensor(), transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
  const transf = transforms.Compose([
    transforms.ToPILImage(), transforms.Resize([224, 224]),
    transforms.ToTensor(), transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])]);
  const trainSet = data.rgbDigits('train', transf); // gray digits np.tile'd to 3 channels, then transf
  const testSet = data.rgbDigits('test', transf);

  // The frozen, deterministic part: its outputs once per image (9216 features).
  const frozen = new nn.Sequential(cnn.features, cnn.avgpool, new nn.Flatten());
  const trainFeatures = cacheOutputs(frozen, trainSet, { device });
  const testFeatures = cacheOutputs(frozen, testSet, { device });
  // For the curves (eval mode: Dropout off) classifier[0..5] is deterministic too: cache its outputs,
  // then each evaluation is only the trained classifier[6].
  const headInput = new nn.Sequential(...[0, 1, 2, 3, 4, 5].map((i) => cnn.classifier[i]));
  const trainHeadIn = cacheOutputs(headInput, trainFeatures, { device });
  const testHeadIn = cacheOutputs(headInput, testFeatures, { device });

  const optimizer = new optim.Adam(cnn.classifier.parameters(), { lr: 1e-4 }); // frozen ones are skipped
  const history = fit(cnn.classifier, new DataLoader(trainFeatures, { batchSize: 32, shuffle: true }), new DataLoader(testFeatures, { batchSize: 256 }), {
    epochs: opts.epochs,
    optimizer,
    device,
    onEpoch: opts.onEpoch,
    evaluateWith: { model: cnn.classifier[6], trainLoader: new DataLoader(trainHeadIn, { batchSize: 256 }), testLoader: new DataLoader(testHeadIn, { batchSize: 256 }) },
  });
  return { history, note, config: { model: 'alexnet', pretrained: !note, frozen: 'features, classifier[0..5]', optimizer: 'Adam', lr: 1e-4, inputSize: [224, 224] } };
}

export function main(argv = process.argv.slice(2)): void {
  const randomInit = argv.includes('--random-init');
  const epochsArg = argv.find((a) => a.startsWith('--epochs='));
  const epochs = epochsArg ? Number(epochsArg.slice(9)) : 10;
  const weights = argv.find((a) => a.startsWith('--weights='))?.slice(10);
  if (weights !== undefined && !fs.statSync(weights, { throwIfNoEntry: false })?.isFile()) {
    console.error(`ex3: --weights: no such file '${weights}'`);
    process.exit(2);
  }
  torch.manualSeed(0);
  let result: RunResult;
  try {
    result = fineTuneAlexNet(labData(), { epochs, weights, allowRandomInit: randomInit, printModel: true, onEpoch: (r) => console.log(`epoch ${r.epoch}: loss ${r.fitLoss.toFixed(4)}, test accuracy ${(100 * r.testAcc).toFixed(1)}%`) });
  } catch (e) {
    console.error((e as Error).message);
    if (weights === undefined) console.error('ex3 needs the pretrained AlexNet weights; pass --random-init to fine-tune from random initialisation instead.');
    process.exit(1);
  }
  if (result.note) console.log(`Note: ${result.note}`);
}

if (require.main === module) main();
