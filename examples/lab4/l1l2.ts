// Lab 4, regularization by hand: exercise 1's Net with an explicit L2 term, then an explicit L1 term
// added to the loss (both summed over model.parameters()), then with Adam's own weightDecay.
// Line-by-line port of l1l2.py (beside this file). Run: node dist/examples/lab4/l1l2.js
import * as torch from 'torch-node';
import { Net } from './ex1';
import { labData } from './data';
import { fit, l1Penalty, l2Penalty, Penalty } from './training';
// L2_LAMBDA = 1e-4, L1_LAMBDA = 1e-5, WEIGHT_DECAY = 1e-3: the values the lab runner uses too.
import { L1_LAMBDA, L2_LAMBDA, WEIGHT_DECAY } from './experiments';

const { optim } = torch;

export function main(epochs = 40): void {
  const { trainLoader, testLoader } = labData(); //                 data = lab_data()
  const runs: [string, Penalty | undefined, number][] = [
    [`L2 term (lambda=${L2_LAMBDA})`, l2Penalty(L2_LAMBDA), 0], //  (f"L2 term (lambda={L2_LAMBDA})", l2_penalty(L2_LAMBDA), 0),
    [`L1 term (lambda=${L1_LAMBDA})`, l1Penalty(L1_LAMBDA), 0], //  (f"L1 term (lambda={L1_LAMBDA})", l1_penalty(L1_LAMBDA), 0),
    [`Adam weight_decay=${WEIGHT_DECAY}`, undefined, WEIGHT_DECAY], // (f"Adam weight_decay={WEIGHT_DECAY}", None, WEIGHT_DECAY),
  ];
  for (const [title, penalty, weightDecay] of runs) {
    torch.manualSeed(0);
    const model = new Net();
    // optimizer = optim.Adam(model.parameters(), lr=1e-4, weight_decay=weight_decay)
    const optimizer = new optim.Adam(model.parameters(), { lr: 1e-4, weightDecay });
    const history = fit(model, trainLoader, testLoader, { epochs, optimizer, penalty });
    const last = history[history.length - 1];
    console.log(`${title}: train accuracy ${(100 * last.trainAcc).toFixed(1)}%, test accuracy ${(100 * last.testAcc).toFixed(1)}%`);
  }
}

if (require.main === module) main();
