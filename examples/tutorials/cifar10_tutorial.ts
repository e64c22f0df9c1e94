// "Deep Learning with PyTorch: A 60 Minute Blitz", "Training a Classifier" (pytorch/tutorials), line
// by line from cifar10_tutorial.py beside this file (which says how it is adapted from the tutorial:
// FakeData for CIFAR10, seeded, fewer images, the losses returned). Under the same seed both print the
// same losses.
// Run: node dist/examples/tutorials/cifar10_tutorial.js
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as torch from 'torch-node';
import { datasets, transforms } from 'torch-node/vision';

const { nn, optim } = torch;
const F = nn.functional;
type Tensor = torch.Tensor;

export class Net extends nn.Module {
  conv1 = new nn.Conv2d(3, 6, 5);
  pool = new nn.MaxPool2d(2, 2);
  conv2 = new nn.Conv2d(6, 16, 5);
  fc1 = new nn.Linear(16 * 5 * 5, 120);
  fc2 = new nn.Linear(120, 84);
  fc3 = new nn.Linear(84, 10);

  override forward(x: Tensor): Tensor {
    x = this.pool.forward(F.relu(this.conv1.forward(x)));
    x = this.pool.forward(F.relu(this.conv2.forward(x)));
    x = torch.flatten(x, 1); // flatten all dimensions except batch
    x = F.relu(this.fc1.forward(x));
    x = F.relu(this.fc2.forward(x));
    x = this.fc3.forward(x);
    return x;
  }
}

export function main({ epochs = 2, trainSize = 2000, testSize = 400, printEvery = 100, path: file = undefined as string | undefined, verbose = true } = {}): Record<string, unknown> {
  const log = verbose ? console.log : () => {};
  const rec: Record<string, unknown> = {}; // added: what the parity test compares
  torch.manualSeed(0);

  const transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);

  const batchSize = 4;

  const trainset = new datasets.FakeData<Tensor, number>({ size: trainSize, imageSize: [3, 32, 32], numClasses: 10, transform });
  const trainloader = new torch.utils.data.DataLoader(trainset, { batchSize, shuffle: true, numWorkers: 0 });

  const testset = new datasets.FakeData<Tensor, number>({ size: testSize, imageSize: [3, 32, 32], numClasses: 10, transform, randomOffset: trainSize });
  const testloader = new torch.utils.data.DataLoader(testset, { batchSize, shuffle: false, numWorkers: 0 });

  const classes = ['plane', 'car', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  const label = (t: Tensor, j: number) => classes[t.get(j).item() as number].padEnd(5);

  // get some random training images
  const dataiter = trainloader[Symbol.iterator]();
  let [images, labels] = dataiter.next().value as [Tensor, Tensor];

  // show images (imshow left out); print labels
  log([...Array(batchSize).keys()].map((j) => label(labels, j)).join(' '));
  rec.first_batch_labels = labels.tolist();
  rec.first_batch_image_sum = images.double().sum().item();

  let net = new Net();

  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });

  const losses: number[] = (rec.losses = []);
  const runningLosses: number[] = (rec.running_losses = []);
  for (let epoch = 0; epoch < epochs; epoch++) { // loop over the dataset multiple times
    let runningLoss = 0.0;
    let i = 0;
    for (const data of trainloader) {
      // get the inputs; data is a list of [inputs, labels]
      const [inputs, labels] = data as [Tensor, Tensor];

      // zero the parameter gradients
      optimizer.zeroGrad();

      // forward + backward + optimize
      const outputs = net.forward(inputs);
      const loss = criterion.forward(outputs, labels);
      loss.backward();
      optimizer.step();

      // print statistics
      runningLoss += loss.item() as number;
      losses.push(loss.item() as number); // added
      if (i % printEvery === printEvery - 1) { // print every printEvery mini-batches
        log(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(runningLoss / printEvery).toFixed(3)}`);
        runningLosses.push(runningLoss / printEvery); // added
        runningLoss = 0.0;
      }
      i++;
    }
  }

  log('Finished Training');

  const PATH = file ?? path.join(os.tmpdir(), `cifar_net_${process.pid}.pth`);
  torch.save(net.stateDict(), PATH);

  [images, labels] = testloader[Symbol.iterator]().next().value as [Tensor, Tensor];

  // print images
  log('GroundTruth: ', [0, 1, 2, 3].map((j) => label(labels, j)).join(' '));

  net = new Net();
  net.loadStateDict(torch.load(PATH) as Map<string, Tensor>);
  if (file === undefined) fs.rmSync(PATH);

  let outputs = net.forward(images);

  let [, predicted] = torch.max(outputs, 1);

  log('Predicted: ', [0, 1, 2, 3].map((j) => label(predicted, j)).join(' '));
  rec.first_test_outputs = outputs.tolist();

  let correct = 0;
  let total = 0;
  // since we're not training, we don't need to calculate the gradients for our outputs
  torch.noGrad(() => {
    for (const data of testloader) {
      [images, labels] = data as [Tensor, Tensor];
      // calculate outputs by running images through the network
      outputs = net.forward(images);
      // the class with the highest energy is what we choose as prediction
      [, predicted] = torch.max(outputs.data, 1);
      total += labels.size(0);
      correct += predicted.eq(labels).sum().item() as number;
    }
  });

  log(`Accuracy of the network on the ${testSize} test images: ${Math.floor((100 * correct) / total)} %`);
  rec.correct = correct;

  // prepare to count predictions for each class
  const correctPred: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));
  const totalPred: Record<string, number> = Object.fromEntries(classes.map((c) => [c, 0]));

  // again no gradients needed
  torch.noGrad(() => {
    for (const data of testloader) {
      [images, labels] = data as [Tensor, Tensor];
      outputs = net.forward(images);
      const [, predictions] = torch.max(outputs, 1);
      // collect the correct predictions for each class
      const ls = labels.tolist() as number[];
      const ps = predictions.tolist() as number[];
      ls.forEach((label, k) => {
        if (label === ps[k]) correctPred[classes[label]] += 1;
        totalPred[classes[label]] += 1;
      });
    }
  });

  // print accuracy for each class
  for (const [classname, correctCount] of Object.entries(correctPred)) {
    const accuracy = totalPred[classname] ? (100 * correctCount) / totalPred[classname] : 0.0;
    log(`Accuracy for class: ${classname.padEnd(5)} is ${accuracy.toFixed(1)} %`);
  }
  rec.correct_pred = correctPred;
  rec.total_pred = totalPred;
  return rec;
}

if (require.main === module) main();
