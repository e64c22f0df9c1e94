// Lab 4, exercise 2: exercise 1 with a learning-rate schedule (StepLR: ×0.1 every 20 epochs) and a
// Dropout between the two hidden layers; then the same with Batch Normalization in place of Dropout.
// Line-by-line port of ex2.py (beside this file). Run: node dist/examples/lab4/ex2.js
import * as torch from 'torch-node';
import { labData } from './data';
import { fit } from './training';

const { nn, optim } = torch;
const F = nn.functional;

// class NetDropout(nn.Module):
export class NetDropout extends nn.Module {
  fc1 = new nn.Linear(784, 512);
  drop = new nn.Dropout({ p: 0.5 }); //  self.drop = nn.Dropout(p=0.5)
  fc2 = new nn.Linear(512, 128);
  fc3 = new nn.Linear(128, 10);

  override forward(x: torch.Tensor): torch.Tensor {
    x = x.view(-1, 784);
    x = F.relu(this.fc1.forward(x));
    x = this.drop.forward(x); //          x = self.drop(x)
    x = F.relu(this.fc2.forward(x));
    return this.fc3.forward(x);
  }
}

// class NetBatchNorm(nn.Module):
export class NetBatchNorm extends nn.Module {
  fc1 = new nn.Linear(784, 512);
  bn = new nn.BatchNorm1d({ numFeatures: 512 }); // self.bn = nn.BatchNorm1d(num_features=512)
  fc2 = new nn.Linear(512, 128);
  fc3 = new nn.Linear(128, 10);

  override forward(x: torch.Tensor): torch.Tensor {
    x = x.view(-1, 784);
    x = F.relu(this.fc1.forward(x));
    x = this.bn.forward(x); //            x = self.bn(x)
    x = F.relu(this.fc2.forward(x));
    return this.fc3.forward(x);
  }
}

export function main(epochs = 40): void {
  const { trainLoader, testLoader } = labData();
  for (const Model of [NetDropout, NetBatchNorm]) {
    torch.manualSeed(0);
    const model = new Model();
    const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4 });
    // scheduler = optim.lr_scheduler.StepLR(optimizer=optimizer, step_size=20, gamma=0.1)
    const scheduler = new optim.lr_scheduler.StepLR(optimizer, { stepSize: 20, gamma: 0.1 });
    const history = fit(model, trainLoader, testLoader, { epochs, optimizer, scheduler }); // scheduler.step() after each epoch
    const last = history[history.length - 1];
    console.log(`${Model.name}: train accuracy ${(100 * last.trainAcc).toFixed(1)}%, test accuracy ${(100 * last.testAcc).toFixed(1)}%`);
  }
}

if (require.main === module) main();
