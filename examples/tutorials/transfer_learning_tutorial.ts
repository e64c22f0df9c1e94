// "Transfer Learning for Computer Vision Tutorial" (pytorch/tutorials), line by line from
// transfer_learning_tutorial.py beside this file (which says how it is adapted from the tutorial: data
// directory and sizes as arguments, ImageNet weights from torchvision's cache or random init, seeded,
// the losses returned). Under the same seed, on the same folder and weights, both print the same losses.
// Run: node dist/examples/tutorials/transfer_learning_tutorial.js [data_dir]
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as torch from 'torch-node';
import { datasets, models, transforms, utils } from 'torch-node/vision';

const { nn, optim } = torch;
const { lr_scheduler } = optim;
type Tensor = torch.Tensor;
type Model = ReturnType<typeof models.resnet18>;

export interface TrainRun {
  train_losses: number[];
  val_losses: number[];
  epochs: [string, number, number][];
  best_acc: number;
  fc_weight_sum: number;
}

export function main({ dataDir = 'data/hymenoptera_data', numEpochs = 25, cropSize = 224, resizeSize = 256, seed = 0, verbose = true } = {}): Record<string, unknown> {
  const log = verbose ? console.log : () => {};
  const rec: Record<string, unknown> = {}; // added: what the parity test compares
  torch.manualSeed(seed);

  // Data augmentation and normalization for training
  // Just normalization for validation
  const dataTransforms = {
    train: transforms.Compose([
      transforms.RandomResizedCrop(cropSize),
      transforms.RandomHorizontalFlip(),
      transforms.ToTensor(),
      transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ]),
    val: transforms.Compose([
      transforms.Resize(resizeSize),
      transforms.CenterCrop(cropSize),
      transforms.ToTensor(),
      transforms.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]),
    ]),
  };

  const phases = ['train', 'val'] as const;
  type Phase = (typeof phases)[number];
  const imageDatasets = Object.fromEntries(phases.map((x) => [x, new datasets.ImageFolder<Tensor>(path.join(dataDir, x), { transform: dataTransforms[x] })])) as Record<Phase, InstanceType<typeof datasets.ImageFolder<Tensor>>>;
  const dataloaders = Object.fromEntries(phases.map((x) => [x, new torch.utils.data.DataLoader(imageDatasets[x], { batchSize: 4, shuffle: true, numWorkers: 0 })])) as Record<Phase, torch.utils.data.DataLoader<[Tensor, number]>>;
  const datasetSizes = Object.fromEntries(phases.map((x) => [x, imageDatasets[x].length])) as Record<Phase, number>;
  const classNames = imageDatasets.train.classes;
  [rec.class_names, rec.dataset_sizes] = [classNames, datasetSizes]; // added

  const device = torch.device(torch.cuda.isAvailable() ? 'cuda:0' : 'cpu');

  // Get a batch of training data
  const [inputs, classes] = dataloaders.train[Symbol.iterator]().next().value as [Tensor, Tensor];

  // Make a grid from batch (imshow left out: its title printed)
  const out = utils.makeGrid(inputs);
  log((classes.tolist() as number[]).map((x) => classNames[x]));
  rec.first_batch_classes = classes.tolist(); // added
  rec.first_grid_sum = out.double().sum().item(); // added

  const runs: TrainRun[] = []; // added

  function trainModel(model: Model, criterion: InstanceType<typeof nn.CrossEntropyLoss>, optimizer: InstanceType<typeof optim.SGD>, scheduler: InstanceType<typeof lr_scheduler.StepLR>, numEpochs = 25): Model {
    const since = Date.now();
    const run: TrainRun = { train_losses: [], val_losses: [], epochs: [], best_acc: 0, fc_weight_sum: 0 }; // added

    // copy.deepcopy(model.state_dict()): the state dict with every tensor cloned
    const deepcopyStateDict = () => new Map([...model.stateDict()].map(([k, t]) => [k, t.clone()]));
    let bestModelWts = deepcopyStateDict();
    let bestAcc = 0.0;

    for (let epoch = 0; epoch < numEpochs; epoch++) {
      log(`Epoch ${epoch}/${numEpochs - 1}`);
      log('-'.repeat(10));

      // Each epoch has a training and validation phase
      for (const phase of phases) {
        if (phase === 'train') {
          model.train(); // Set model to training mode
        } else {
          model.eval(); // Set model to evaluate mode
        }

        let runningLoss = 0.0;
        let runningCorrects: Tensor | number = 0;

        // Iterate over data.
        for (let [inputs, labels] of dataloaders[phase] as Iterable<[Tensor, Tensor]>) {
          inputs = inputs.to(device);
          labels = labels.to(device);

          // zero the parameter gradients
          optimizer.zeroGrad();

          // forward
          // track history if only in train
          const [loss, preds] = torch.setGradEnabled(phase === 'train', () => {
            const outputs = model.forward(inputs);
            const [, preds] = torch.max(outputs, 1);
            const loss = criterion.forward(outputs, labels);

            // backward + optimize only if in training phase
            if (phase === 'train') {
              loss.backward();
              optimizer.step();
            }
            return [loss, preds];
          });

          // statistics
          runningLoss += (loss.item() as number) * inputs.size(0);
          runningCorrects = torch.sum(preds.eq(labels.data)).add(runningCorrects);
          run[`${phase}_losses`].push(loss.item() as number); // added
        }
        if (phase === 'train') {
          scheduler.step();
        }

        const epochLoss = runningLoss / datasetSizes[phase];
        const epochAcc = (runningCorrects as Tensor).double().div(datasetSizes[phase]).item() as number;

        log(`${phase} Loss: ${epochLoss.toFixed(4)} Acc: ${epochAcc.toFixed(4)}`);
        run.epochs.push([phase, epochLoss, epochAcc]); // added

        // deep copy the model
        if (phase === 'val' && epochAcc > bestAcc) {
          bestAcc = epochAcc;
          bestModelWts = deepcopyStateDict();
        }
      }
      log();
    }

    const timeElapsed = (Date.now() - since) / 1000;
    log(`Training complete in ${Math.floor(timeElapsed / 60)}m ${Math.round(timeElapsed % 60)}s`);
    log(`Best val Acc: ${bestAcc.toFixed(6)}`);

    // load best model weights
    model.loadStateDict(bestModelWts);
    run.best_acc = bestAcc; // added
    run.fc_weight_sum = model.fc.weight.double().sum().item() as number; // added: the weights kept
    runs.push(run); // added
    return model;
  }

  // Pretrained weights from torchvision's cache, or random init (added: nothing is downloaded here)
  let weights: typeof models.ResNet18_Weights.IMAGENET1K_V1 | null = models.ResNet18_Weights.IMAGENET1K_V1;
  const cached = path.join(torch.hub.getDir(), 'checkpoints', path.basename(weights.url));
  if (!fs.existsSync(cached)) {
    log(`No ImageNet weights at ${cached} (nothing is downloaded here): ResNet-18 starts from random init`);
    weights = null;
  }
  rec.pretrained = weights !== null;

  // Finetuning the convnet
  let modelFt = models.resnet18({ weights });
  let numFtrs = modelFt.fc.inFeatures;
  // Here the size of each output sample is set to 2.
  // Alternatively, it can be generalized to nn.Linear(numFtrs, classNames.length).
  modelFt.fc = new nn.Linear(numFtrs, 2);

  modelFt = modelFt.to(device);

  let criterion = new nn.CrossEntropyLoss();

  // Observe that all parameters are being optimized
  const optimizerFt = new optim.SGD(modelFt.parameters(), { lr: 0.001, momentum: 0.9 });

  // Decay LR by a factor of 0.1 every 7 epochs
  let expLrScheduler = new lr_scheduler.StepLR(optimizerFt, { stepSize: 7, gamma: 0.1 });

  modelFt = trainModel(modelFt, criterion, optimizerFt, expLrScheduler, numEpochs);

  // ConvNet as fixed feature extractor
  let modelConv = models.resnet18({ weights });
  for (const param of modelConv.parameters()) {
    param.requiresGrad = false;
  }

  // Parameters of newly constructed modules have requiresGrad=true by default
  numFtrs = modelConv.fc.inFeatures;
  modelConv.fc = new nn.Linear(numFtrs, 2);

  modelConv = modelConv.to(device);

  criterion = new nn.CrossEntropyLoss();

  // Observe that only parameters of final layer are being optimized as
  // opposed to before.
  const optimizerConv = new optim.SGD(modelConv.fc.parameters(), { lr: 0.001, momentum: 0.9 });

  // Decay LR by a factor of 0.1 every 7 epochs
  expLrScheduler = new lr_scheduler.StepLR(optimizerConv, { stepSize: 7, gamma: 0.1 });

  modelConv = trainModel(modelConv, criterion, optimizerConv, expLrScheduler, numEpochs);

  [rec.finetune, rec.fixed_feature_extractor] = runs; // added
  const named = [...modelConv.namedParameters()];
  rec.frozen = JSON.stringify(named.filter(([, p]) => !p.requiresGrad).map(([n]) => n)) === JSON.stringify(named.map(([n]) => n).filter((n) => !n.startsWith('fc.'))); // added
  return rec;
}

if (require.main === module) {
  main(process.argv[2] ? { dataDir: process.argv[2] } : {});
}
