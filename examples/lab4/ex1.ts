// Lab 4, exercise 1: a 3-layer fully connected net (hidden 512 and 128) trained on only the first
// 200 MNIST training images for 40 epochs with lr 1e-4, then evaluated: it overfits.
// Line-by-line port of ex1.py (beside this file). Run: node dist/examples/lab4/ex1.js
import * as torch from 'torch-node';
import { labData } from './data';
import { fit } from './training';

const { nn, optim } = torch;
const F = nn.functional;

// class Net(nn.Module):
export class Net extends nn.Module {
  fc1 = new nn.Linear(784, 512); //     self.fc1 = nn.Linear(784, 512)
  fc2 = new nn.Linear(512, 128); //     self.fc2 = nn.Linear(512, 128)
  fc3 = new nn.Linear(128, 10); //      self.fc3 = nn.Linear(128, 10)

  override forward(x: torch.Tensor): torch.Tensor {
    x = x.view(-1, 784); //               x = x.view(-1, 784)
    x = F.relu(this.fc1.forward(x)); //   x = F.relu(self.fc1(x))
    x = F.relu(this.fc2.forward(x)); //   x = F.relu(self.fc2(x))
    return this.fc3.forward(x); //        return self.fc3(x)
  }
}

export function main(epochs = 40): void {
  torch.manualSeed(0); //                                      torch.manual_seed(0)
  const { trainLoader, testLoader } = labData(); //           data = lab_data()
  const model = new Net(); //                                  model = Net()
  const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4 }); // optimizer = optim.Adam(model.parameters(), lr=1e-4)
  const history = fit(model, trainLoader, testLoader, { epochs, optimizer });
  const last = history[history.length - 1];
  console.log(`train accuracy ${(100 * last.trainAcc).toFixed(1)}%, test accuracy ${(100 * last.testAcc).toFixed(1)}%`);
}

if (require.main === module) main();
